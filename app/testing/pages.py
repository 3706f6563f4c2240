"""Synthetic document pages with ground truth, for QC tests, the accuracy bench and the demo.

A page has Vietnamese text with diacritics, optionally a table, a red seal, a blue signature
and a printed page number; defects are applied on top: blank back with show-through, sticky
note, skew, blur, cut-off edge, dark / washed-out exposure, scanner streak, other paper sizes.
Images are saved with their dpi, as a scanner would.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.resources import resource

PAPER_MM = {"A4": (210, 297), "A5": (148, 210), "A3": (297, 420)}
SENTENCES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Kính gửi: Ủy ban nhân dân xã Phước Hưng, huyện Tuy Phước, tỉnh Bình Định",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hồng Nhung",
    "Nơi cư trú: thôn Diêm Vân, xã Phước Hưng, huyện Tuy Phước",
    "Giấy tờ tùy thân: Căn cước công dân số 052190004321",
    "Quan hệ với người được khai sinh: mẹ đẻ",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    "Ngày, tháng, năm sinh: 12/03/2024, ghi bằng chữ: ngày mười hai tháng ba năm hai nghìn hai mươi bốn",
    "Nơi sinh: Bệnh viện Đa khoa tỉnh Bình Định",
    "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
    "được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
    "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
    "Làm tại: Phước Hưng, ngày 15 tháng 3 năm 2024",
]


@dataclass
class PageSpec:
    paper: str = "A4"
    dpi: int = 200
    blank: bool = False
    show_through: bool = True
    page_number: tuple[int, int] | None = None
    only_page_number: bool = False  # nearly blank: just a page number (NOT blank)
    small_stamp_only: bool = False  # nearly blank: just a small stamp (NOT blank)
    table: bool = False
    seal: bool = False
    signature: bool = False
    sticky_note: str | None = None  # yellow | pink
    skew_deg: float = 0.0
    blur_px: float = 0.0
    cut_off: str | None = None  # left | right | top | bottom
    exposure: str | None = None  # dark | light
    streak: bool = False
    seed: int = 0


@dataclass
class GroundTruth:
    blank: bool
    sticky_note: bool
    skew_deg: float
    blurred: bool
    cut_off: bool
    dark: bool
    light: bool
    streak: bool
    paper: str
    dpi: int
    extra: dict[str, object] = field(default_factory=dict)


def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(resource("fonts", name)), max(6, px))


def _mm(dpi: int, mm: float) -> int:
    return round(mm / 25.4 * dpi)


def _draw_text_page(draw: ImageDraw.ImageDraw, w: int, h: int, dpi: int, rng: random.Random, spec: PageSpec,
                    texts: list[str] | None = None) -> None:
    texts = [] if texts is None else texts  # the printed lines (ground truth for OCR checks)
    size = _mm(dpi, 4.2)
    margin_x, y = _mm(dpi, 22), _mm(dpi, 20)
    title = _font(size, bold=True)
    body = _font(size)
    for i, line in enumerate(SENTENCES[:3]):
        tw = draw.textlength(line, font=title)
        draw.text(((w - tw) / 2, y), line, fill=(15, 15, 20), font=title)
        texts.append(line)
        y += int(size * (1.6 if i < 2 else 2.2))
    lines = SENTENCES[3:]
    max_y = h - _mm(dpi, 60 if spec.seal or spec.signature else 30)
    k = 0
    while y < max_y:
        text = lines[(k + spec.seed) % len(lines)]
        while text and draw.textlength(text, font=body) > w - 2 * margin_x:  # a line never runs off the paper
            text = text[: int(len(text) * 0.9)].rstrip()
        draw.text((margin_x, y), text, fill=(20, 20, 25), font=body)
        texts.append(text)
        y += int(size * 1.55)
        k += 1
        if spec.table and k == 4:
            rows, cols = 5, 4
            tw, th = w - 2 * margin_x, int(size * 1.6)
            for r in range(rows + 1):
                draw.line([(margin_x, y + r * th), (margin_x + tw, y + r * th)], fill=(30, 30, 30),
                          width=max(1, dpi // 100))
            for c in range(cols + 1):
                x = margin_x + c * tw // cols
                draw.line([(x, y), (x, y + rows * th)], fill=(30, 30, 30), width=max(1, dpi // 100))
            for r in range(rows):
                texts.append(" ".join(f"Ô {r + 1}.{c + 1}" for c in range(cols)))
                for c in range(cols):
                    draw.text((margin_x + c * tw // cols + size // 3, y + r * th + size // 4),
                              f"Ô {r + 1}.{c + 1}", fill=(20, 20, 20), font=body)
            y += rows * th + size
    if spec.signature:
        _signature(draw, w - _mm(dpi, 75), h - _mm(dpi, 45), dpi, rng)
        texts.append("Nguyễn Văn An")
    if spec.seal:
        _seal(draw, w - _mm(dpi, 95), h - _mm(dpi, 50), dpi, small=False)


def _seal(draw: ImageDraw.ImageDraw, cx: int, cy: int, dpi: int, *, small: bool) -> None:
    r = _mm(dpi, 9 if small else 19)
    red = (200, 30, 35)
    width = max(2, dpi // 60)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=width)
    draw.ellipse([cx - int(r * 0.72), cy - int(r * 0.72), cx + int(r * 0.72), cy + int(r * 0.72)],
                 outline=red, width=width)
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rad = r * (0.35 if k % 2 == 0 else 0.15)
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    draw.polygon(pts, fill=red)
    if not small:
        f = _font(_mm(dpi, 2.6), bold=True)
        text = "UBND XÃ PHƯỚC HƯNG"
        draw.text((cx - draw.textlength(text, font=f) / 2, cy + r * 0.42), text, fill=red, font=f)


def _signature(draw: ImageDraw.ImageDraw, x: int, y: int, dpi: int, rng: random.Random) -> None:
    blue = (25, 45, 160)
    pts = [(x + i * _mm(dpi, 4), y + rng.randint(-_mm(dpi, 5), _mm(dpi, 5))) for i in range(10)]
    draw.line(pts, fill=blue, width=max(2, dpi // 70), joint="curve")
    f = _font(_mm(dpi, 3.8), bold=True)
    draw.text((x, y + _mm(dpi, 10)), "Nguyễn Văn An", fill=(20, 20, 20), font=f)


def _sticky(img: Image.Image, dpi: int, colour: str, rng: random.Random) -> None:
    w, h = img.size
    side = _mm(dpi, 76)
    x = rng.randint(w // 3, max(w // 3 + 1, w - side - _mm(dpi, 15)))
    y = rng.randint(h // 5, max(h // 5 + 1, h // 2))
    fill = (252, 236, 110) if colour == "yellow" else (250, 185, 205)
    draw = ImageDraw.Draw(img)
    draw.rectangle([x + 6, y + 6, x + side + 6, y + side + 6], fill=(200, 200, 195))
    draw.rectangle([x, y, x + side, y + side], fill=fill)
    f = _font(_mm(dpi, 5))
    draw.text((x + _mm(dpi, 6), y + _mm(dpi, 10)), "Bổ sung bản sao", fill=(30, 30, 120), font=f)
    draw.text((x + _mm(dpi, 6), y + _mm(dpi, 22)), "trước 20/3", fill=(30, 30, 120), font=f)


def _ink_mask(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L").reduce(2)) < 160


def _ink_lost_by_rotation(img: Image.Image, degrees: float) -> int:
    """Ink pixels (at half resolution) that a rotation about the centre, as ``Image.rotate`` does
    it without expanding, carries outside the frame."""
    ink = _ink_mask(img)
    ys, xs = np.nonzero(ink)
    hh, ww = ink.shape
    cx, cy = ww / 2, hh / 2
    t = math.radians(degrees)
    x2 = cx + (xs - cx) * math.cos(t) + (ys - cy) * math.sin(t)
    y2 = cy - (xs - cx) * math.sin(t) + (ys - cy) * math.cos(t)
    return int(np.count_nonzero((x2 < 0) | (x2 >= ww) | (y2 < 0) | (y2 >= hh)))


def _cut_box(img: Image.Image, spec: PageSpec) -> tuple[int, int, int, int]:
    """Crop box that cuts the page on one side through content (a real cut-off loses content;
    a cut through an empty gap between lines is invisible and not what we label)."""
    w, h = img.size
    ink = _ink_mask(img)
    rows, cols = ink.sum(axis=1), ink.sum(axis=0)

    def through(profile: np.ndarray, nominal: int, step: int) -> int:
        k = nominal // 2
        while 0 < k < len(profile) - 1 and profile[k] < 3:
            k += step
        return k * 2

    if spec.cut_off == "left":
        return (through(cols, _mm(spec.dpi, 40), 1), 0, w, h)
    if spec.cut_off == "right":
        return (0, 0, through(cols, w - _mm(spec.dpi, 40), -1), h)
    if spec.cut_off == "top":
        return (0, through(rows, _mm(spec.dpi, 22), 1), w, h)
    return (0, 0, w, through(rows, h - _mm(spec.dpi, 50), -1))


def render(spec: PageSpec) -> tuple[Image.Image, GroundTruth]:
    rng = random.Random(spec.seed)
    w_mm, h_mm = PAPER_MM[spec.paper]
    w, h = _mm(spec.dpi, w_mm), _mm(spec.dpi, h_mm)
    img = Image.new("RGB", (w, h), (250, 249, 245))
    draw = ImageDraw.Draw(img)
    texts: list[str] = []
    blank = spec.blank and not (spec.only_page_number or spec.small_stamp_only)
    if spec.blank:
        if spec.show_through:
            ghost = Image.new("RGB", (w, h), (250, 249, 245))
            gd = ImageDraw.Draw(ghost)
            _draw_text_page(gd, w, h, spec.dpi, rng, PageSpec(dpi=spec.dpi, seed=spec.seed))
            ghost = (ghost.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
                     .filter(ImageFilter.GaussianBlur(spec.dpi / 150)))
            img = Image.blend(img, ghost, 0.07)  # faint show-through of the front
            draw = ImageDraw.Draw(img)
        if spec.only_page_number or spec.small_stamp_only:
            pass
    else:
        _draw_text_page(draw, w, h, spec.dpi, rng, spec, texts)
    if spec.page_number:
        n, of = spec.page_number
        f = _font(_mm(spec.dpi, 3.8))
        text = f"Trang {n}/{of}"
        draw.text(((w - draw.textlength(text, font=f)) / 2, h - _mm(spec.dpi, 14)), text, fill=(25, 25, 25),
                  font=f)
        texts.append(text)
    if spec.small_stamp_only:
        _seal(draw, w - _mm(spec.dpi, 40), _mm(spec.dpi, 40), spec.dpi, small=True)
    if spec.sticky_note:
        _sticky(img, spec.dpi, spec.sticky_note, rng)
    if spec.cut_off:
        img = img.crop(_cut_box(img, spec))
    rotated_out = False
    if spec.skew_deg:
        # A strong skew can turn content out of the frame: then the page IS cut off. Judged by
        # geometry (where each ink pixel lands), not by comparing resampled images.
        rotated_out = _ink_lost_by_rotation(img, spec.skew_deg) > 0
        img = img.rotate(spec.skew_deg, resample=Image.Resampling.BILINEAR, expand=False,
                         fillcolor=(250, 249, 245))
    if spec.streak:  # on the scanner's glass or sensor: along the feed direction, whatever the paper does
        w, h = img.size
        x = rng.randint(w // 5, 4 * w // 5)
        ImageDraw.Draw(img).rectangle([x, 0, x + max(2, spec.dpi // 80), h], fill=(70, 70, 70))
    if spec.blur_px:
        img = img.filter(ImageFilter.GaussianBlur(spec.blur_px))
    arr: np.ndarray = np.asarray(img).astype(np.int16)
    if spec.exposure == "dark":
        arr = arr * 0.5
    elif spec.exposure == "light":
        arr = 255 - (255 - arr) * 0.28
    noise = np.random.default_rng(spec.seed).integers(-3, 4, size=arr.shape[:2], dtype=np.int16)[..., None]
    arr = np.clip(arr + noise, 0, 255).astype(np.uint8)
    truth = GroundTruth(blank=blank, sticky_note=bool(spec.sticky_note), skew_deg=spec.skew_deg,
                        blurred=spec.blur_px >= spec.dpi / 80, cut_off=bool(spec.cut_off) or rotated_out,
                        dark=spec.exposure == "dark", light=spec.exposure == "light", streak=spec.streak,
                        paper=spec.paper, dpi=spec.dpi,
                        extra={"page_number": spec.page_number, "text": texts})
    return Image.fromarray(arr), truth


def save(spec: PageSpec, path: Path) -> GroundTruth:
    img, truth = render(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, dpi=(spec.dpi, spec.dpi))
    return truth


def truth_dict(truth: GroundTruth) -> dict[str, object]:
    return asdict(truth)


def demo_folder(folder: Path, *, dpi: int = 200) -> list[Path]:
    """A realistic little dossier for the demo's image-folder scanner, in feed order (duplex
    front/back pairs): a two-page form with blank backs, then a page with a sticky note and the
    same page without it."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = [
        PageSpec(dpi=dpi, page_number=(1, 2), seed=1),
        PageSpec(dpi=dpi, blank=True, seed=2),
        PageSpec(dpi=dpi, page_number=(2, 2), seal=True, signature=True, seed=3),
        PageSpec(dpi=dpi, blank=True, seed=4),
        PageSpec(dpi=dpi, table=True, sticky_note="yellow", seed=5),
        PageSpec(dpi=dpi, table=True, seed=5),
    ]
    paths = []
    for i, spec in enumerate(specs, start=1):
        path = folder / f"page-{i:03d}.png"
        save(spec, path)
        paths.append(path)
    return paths
