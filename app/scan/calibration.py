"""Scanner calibration: a test chart the app draws as a PDF to print (rulers, four registration
marks, resolution wedges, grey and colour patches), and the measurement of a scan of it: scale
error per axis, skew, resolution (line pairs per mm still resolved), grey and colour deviation
(CIE76 ΔE in L*a*b* against the printed values), and a verdict against tolerances.

Geometry is in millimetres from the page's top-left corner (A4 portrait); the scan's own
resolution (its dpi) turns millimetres into pixels. The registration marks are filled circles;
their centres give scale, skew and the affine map used to find every other patch."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from app.domain.errors import InvalidInput
from app.resources import resource

PAGE_MM = (210.0, 297.0)
MARK_D_MM = 8.0
MARKS_MM = {"tl": (15.0, 15.0), "tr": (195.0, 15.0), "bl": (15.0, 282.0), "br": (195.0, 282.0)}
GREY_LEVELS = tuple(round(255 * i / 10) for i in range(11))  # sRGB values of the 11 grey patches
GREY_Y, PATCH_MM, PATCH_STEP = 40.0, 14.0, 15.5
COLOURS = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (0, 255, 255), (255, 0, 255), (255, 255, 0))
COLOUR_Y = 62.0
WEDGE_Y, WEDGE_H, WEDGE_W = 90.0, 20.0, 12.0
WEDGE_LPMM = (0.5, 1.0, 2.0, 3.0, 4.0)
MAX_PIXELS = 120_000_000  # a 600 dpi A3 page is 70 MP; anything beyond is refused before decoding


@dataclass(frozen=True)
class Tolerances:
    scale: float = 0.01  # ±1% per axis
    skew_deg: float = 1.0
    grey_delta_e: float = 8.0
    colour_delta_e: float = 15.0
    min_resolution_lpmm: float = 2.0  # or half the scan's Nyquist frequency, whichever is lower


@dataclass
class CalibrationResult:
    dpi: float
    scale_x: float
    scale_y: float
    skew_deg: float
    grey_delta_e: float
    colour_delta_e: float
    resolution_lpmm: float
    wedge_contrast: dict[str, float]
    verdict: str  # pass | fail
    problems: list[str] = field(default_factory=list)
    problems_vi: list[str] = field(default_factory=list)  # the same, in Vietnamese

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- the chart ------------------------------------------------------------------------------------
def draw_chart(out: Path) -> Path:
    """Write the calibration chart as a one-page A4 PDF (print it at 100%, no fitting)."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas


    if "LiberationSerif" not in pdfmetrics.getRegisteredFontNames():  # Vietnamese diacritics
        pdfmetrics.registerFont(TTFont("LiberationSerif",
                                       str(resource("fonts", "LiberationSerif-Regular.ttf"))))
    w, h = PAGE_MM
    c = canvas.Canvas(str(out), pagesize=(w * mm, h * mm))
    c.setTitle("Motcua scanner calibration chart")

    def y(top_mm: float) -> float:  # reportlab's origin is bottom-left
        return float((h - top_mm) * mm)

    c.setFillGray(0)
    for cx, cy in MARKS_MM.values():
        c.circle(cx * mm, y(cy), MARK_D_MM / 2 * mm, stroke=0, fill=1)
    c.setLineWidth(0.2 * mm)
    for k in range(0, 161):  # rulers: mm ticks along the top and down the left side
        long = 3.0 if k % 10 == 0 else (2.0 if k % 5 == 0 else 1.0)
        c.line((25 + k) * mm, y(27), (25 + k) * mm, y(27 + long))
        c.line(6 * mm, y(30 + k), (6 + long) * mm, y(30 + k))
    c.setFont("Helvetica", 6)
    for k in range(0, 161, 10):
        c.drawString((25 + k - 1) * mm, y(33.5), str(k))
    for i, g in enumerate(GREY_LEVELS):
        c.setFillColorRGB(g / 255, g / 255, g / 255)
        c.rect((20 + i * PATCH_STEP) * mm, y(GREY_Y + PATCH_MM), PATCH_MM * mm, PATCH_MM * mm, stroke=0,
               fill=1)
    for i, (r, g, b) in enumerate(COLOURS):
        c.setFillColorRGB(r / 255, g / 255, b / 255)
        c.rect((20 + i * PATCH_STEP) * mm, y(COLOUR_Y + PATCH_MM), PATCH_MM * mm, PATCH_MM * mm, stroke=0,
               fill=1)
    c.setFillGray(0)
    for i, f in enumerate(WEDGE_LPMM):
        x0 = 20 + i * (WEDGE_W + 6)
        bar = 1 / (2 * f)
        x = x0
        while x + bar <= x0 + WEDGE_W + 1e-9:
            c.rect(x * mm, y(WEDGE_Y + WEDGE_H), bar * mm, WEDGE_H * mm, stroke=0, fill=1)
            x += 2 * bar
        c.setFont("Helvetica", 6)
        c.drawString(x0 * mm, y(WEDGE_Y + WEDGE_H + 4), f"{f:g} lp/mm")
    c.setFont("LiberationSerif", 10)
    c.drawString(20 * mm, y(140), "Bảng hiệu chuẩn máy quét (Trạm Số hóa Một cửa). In đúng tỷ lệ 100%, "
                                  "không co giãn; "
                                  "quét cả trang ở độ phân giải thường dùng.")
    c.drawString(20 * mm, y(146), "Scanner calibration chart: print at 100% (no fitting), scan the whole "
                                  "page.")
    c.showPage()
    c.save()
    return out


# -- measuring a scan -------------------------------------------------------------------------------
def load_scan(path: Path, *, dpi: float | None = None, max_pixels: int = MAX_PIXELS) -> tuple[np.ndarray,
                                                                                              float]:
    """The scan as RGB uint8 and its dpi (from the file, or given). Refuses huge images before
    decoding them."""
    try:
        with Image.open(path) as im:
            if im.width * im.height > max_pixels:
                raise InvalidInput(f"{path.name}: {im.width}x{im.height} pixels is more than the "
                                   f"{max_pixels} accepted",
                                   f"{path.name}: ảnh {im.width}x{im.height} điểm ảnh quá lớn (tối đa "
                                   f"{max_pixels})")
            file_dpi = im.info.get("dpi", (0, 0))[0]
            rgb = np.asarray(im.convert("RGB"))
    except (OSError, ValueError) as exc:
        if isinstance(exc, InvalidInput):
            raise
        raise InvalidInput(f"{path.name}: not a readable image "
                           f"({exc})", f"{path.name}: không đọc được ảnh") from exc
    used = float(dpi or file_dpi or 0)
    if used < 50:
        raise InvalidInput(f"{path.name}: the image records no resolution; give --dpi",
                           f"{path.name}: ảnh không ghi độ phân giải; hãy nhập --dpi")
    return rgb, used


def _marks(grey: np.ndarray, px_per_mm: float) -> dict[str, tuple[float, float]]:
    _t, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _h = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    expected = math.pi * (MARK_D_MM / 2 * px_per_mm) ** 2
    found = []
    for cnt in contours:
        area = cv2.contourArea(cnt)
        if not 0.5 * expected <= area <= 1.8 * expected:
            continue
        perim = cv2.arcLength(cnt, True)
        if perim <= 0 or 4 * math.pi * area / perim**2 < 0.8:
            continue
        m = cv2.moments(cnt)
        found.append((m["m10"] / m["m00"], m["m01"] / m["m00"]))
    if len(found) < 4:
        raise InvalidInput(f"found {len(found)} of the 4 registration marks: is this a scan of the chart, "
                           "whole and at 100%?",
                           f"Chỉ tìm thấy {len(found)}/4 dấu định vị: ảnh có phải bản quét đầy đủ của bảng "
                           "hiệu chuẩn?")
    h, w = grey.shape
    corners = {"tl": (0, 0), "tr": (w, 0), "bl": (0, h), "br": (w, h)}

    def nearest(corner: tuple[int, int]) -> tuple[float, float]:
        return min(found, key=lambda p: (p[0] - corner[0]) ** 2 + (p[1] - corner[1]) ** 2)

    return {k: nearest(c) for k, c in corners.items()}


def _srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    c = rgb.astype(np.float64) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    xyz = lin @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
                    axis=-1)


def measure(rgb: np.ndarray, dpi: float, tol: Tolerances | None = None) -> CalibrationResult:
    tol = tol or Tolerances()
    px_per_mm = dpi / 25.4
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    marks = _marks(grey, px_per_mm)

    def dist(a: str, b: str) -> float:
        return math.dist(marks[a], marks[b])

    span_x = MARKS_MM["tr"][0] - MARKS_MM["tl"][0]
    span_y = MARKS_MM["bl"][1] - MARKS_MM["tl"][1]
    scale_x = (dist("tl", "tr") + dist("bl", "br")) / 2 / (span_x * px_per_mm)
    scale_y = (dist("tl", "bl") + dist("tr", "br")) / 2 / (span_y * px_per_mm)
    skew = math.degrees((math.atan2(marks["tr"][1] - marks["tl"][1], marks["tr"][0] - marks["tl"][0])
                         + math.atan2(marks["br"][1] - marks["bl"][1], marks["br"][0] - marks["bl"][0])) / 2)
    # chart millimetres -> scan pixels, from the four marks (least squares affine)
    src = np.array([[*MARKS_MM[k], 1.0] for k in ("tl", "tr", "bl", "br")])
    dst = np.array([marks[k] for k in ("tl", "tr", "bl", "br")])
    affine, *_ = np.linalg.lstsq(src, dst, rcond=None)

    def at(x_mm: float, y_mm: float) -> tuple[int, int]:
        px, py = np.array([x_mm, y_mm, 1.0]) @ affine
        return int(round(px)), int(round(py))

    def patch(x_mm: float, y_mm: float) -> np.ndarray:
        cx, cy = at(x_mm + PATCH_MM / 2, y_mm + PATCH_MM / 2)
        r = max(2, int(PATCH_MM * px_per_mm * 0.25))
        box = rgb[max(0, cy - r):cy + r, max(0, cx - r):cx + r].reshape(-1, 3)
        return np.median(box, axis=0) if box.size else np.zeros(3)

    greys = np.array([patch(20 + i * PATCH_STEP, GREY_Y) for i in range(len(GREY_LEVELS))])
    want = np.array([[g, g, g] for g in GREY_LEVELS], dtype=np.float64)
    grey_de = float(np.mean(np.linalg.norm(_srgb_to_lab(greys) - _srgb_to_lab(want), axis=1)))
    colours = np.array([patch(20 + i * PATCH_STEP, COLOUR_Y) for i in range(len(COLOURS))])
    colour_de = float(np.mean(np.linalg.norm(_srgb_to_lab(colours) - _srgb_to_lab(np.array(COLOURS, float)),
                                             axis=1)))

    contrast: dict[str, float] = {}
    resolved = 0.0
    for i, f in enumerate(WEDGE_LPMM):
        x0 = 20 + i * (WEDGE_W + 6)
        n = max(8, int(WEDGE_W * px_per_mm))
        profile: list[float] = []
        for k in range(n):  # sample along the wedge's midline, averaged over its middle rows
            xm = x0 + WEDGE_W * 0.1 + WEDGE_W * 0.8 * k / (n - 1)
            vals = []
            for ym in np.linspace(WEDGE_Y + WEDGE_H * 0.3, WEDGE_Y + WEDGE_H * 0.7, 5):
                px, py = at(xm, float(ym))
                if 0 <= py < grey.shape[0] and 0 <= px < grey.shape[1]:
                    vals.append(float(grey[py, px]))
            profile.append(float(np.mean(vals)) if vals else 0.0)
        hi, lo = float(np.percentile(profile, 95)), float(np.percentile(profile, 5))
        c = float((hi - lo) / (hi + lo)) if hi + lo > 0 else 0.0
        contrast[f"{f:g}"] = round(c, 3)
        if c >= 0.3 and f <= px_per_mm / 2:
            resolved = max(resolved, f)
    found: list[tuple[str, str]] = []
    if abs(scale_x - 1) > tol.scale:
        found.append((f"horizontal scale off by {100 * (scale_x - 1):+.2f}%",
                      f"tỉ lệ ngang lệch {100 * (scale_x - 1):+.2f}%"))
    if abs(scale_y - 1) > tol.scale:
        found.append(("vertical scale off by "
                      f"{100 * (scale_y - 1):+.2f}%", f"tỉ lệ dọc lệch {100 * (scale_y - 1):+.2f}%"))
    if abs(skew) > tol.skew_deg:
        found.append((f"skew {skew:+.2f}°", f"nghiêng {skew:+.2f}°"))
    if grey_de > tol.grey_delta_e:
        found.append((f"grey ΔE {grey_de:.1f}", f"sai lệch màu xám ΔE {grey_de:.1f}"))
    if colour_de > tol.colour_delta_e:
        found.append((f"colour ΔE {colour_de:.1f}", f"sai lệch màu ΔE {colour_de:.1f}"))
    if resolved < min(tol.min_resolution_lpmm, px_per_mm / 4):
        found.append((f"resolves only {resolved:g} lp/mm", f"độ phân giải thực chỉ {resolved:g} cặp vạch/mm"))
    problems, problems_vi = [en for en, _vi in found], [vi for _en, vi in found]
    return CalibrationResult(round(dpi, 1), round(scale_x, 4), round(scale_y, 4), round(skew, 3),
                             round(grey_de, 2),
                             round(colour_de, 2), resolved, contrast, "fail" if problems else "pass",
                             problems,
                             problems_vi)


def check_image(path: Path, *, dpi: float | None = None, tol: Tolerances | None = None,
                max_pixels: int = MAX_PIXELS) -> CalibrationResult:
    rgb, used = load_scan(path, dpi=dpi, max_pixels=max_pixels)
    return measure(rgb, used, tol)
