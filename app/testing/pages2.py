"""A second, independent generator of labelled scan pages (shares no code with ``pages.py``).

Built differently on purpose, so QC is not only tuned to one way of drawing a page: sans-serif
and monospace fonts (DejaVu), several layouts (letter, form with dotted fields, two columns,
table), pages composed as ink layers multiplied onto a textured paper, and a scanner model of its
own (paper grain, lamp fall-off, channel misregistration, shot noise, optional JPEG).

Cases it labels: blank backs with dust and toner specks, punch holes, staples, edge shadows,
show-through, grey / yellowed / tinted paper; pages holding only a page number, only a stamp or
only a signature (never blank); sticky notes in yellow, pink, green, blue and orange, strong and
pastel, on white and coloured paper, over text, stamps and photos; distractors (red seals,
coloured letterheads and header bands, photos, highlighter marks); page numbers in the ND30 form
(bare numeral centred in the top margin, from page 2) and the usual others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from enum import StrEnum

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

_FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
_FONTS = ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf", "DejaVuSansMono.ttf")
_BOLD = {"DejaVuSans.ttf": "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf": "DejaVuSansCondensed-Bold.ttf",
         "DejaVuSerifCondensed.ttf": "DejaVuSerifCondensed-Bold.ttf",
         "DejaVuSansMono.ttf": "DejaVuSansMono-Bold.ttf"}

_TEXT = ("hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất ông bà số điện thoại địa chỉ thường trú "
          "phường thị trấn quận huyện tỉnh thành phố căn cước công dân ngày cấp nơi cấp lý do xác nhận "
          "của trưởng thôn tổ dân phố bản chính bản sao chứng thực hợp đồng mua bán tặng cho thừa kế "
          "diện tích mục đích sử dụng thời hạn nguồn gốc tài sản gắn liền với đất kèm theo gồm có "
          "người nộp người nhận cán bộ một cửa phiếu hẹn trả kết quả lệ phí đã thu tiền")
_WORDS = _TEXT.split()

PAPERS = {"white": (248, 248, 246), "grey": (226, 226, 224), "yellowed": (236, 228, 204),
          "blue": (228, 236, 250), "pink": (250, 230, 236), "green": (230, 244, 230)}
# Sticky-note colours (RGB): strong and pastel shades of the five common colours.
NOTES = {"yellow": (255, 238, 110), "yellow_pastel": (255, 246, 175), "pink": (255, 150, 195),
         "pink_pastel": (250, 205, 222), "green": (175, 235, 140), "green_pastel": (205, 240, 195),
         "blue": (140, 205, 245), "blue_pastel": (200, 226, 250), "orange": (255, 180, 95),
         "orange_pastel": (255, 214, 168)}
_NOTE_HUE = {"yellow": "yellow", "pink": "pink", "green": "green", "blue": "blue", "orange": "yellow"}
_PAPER_HUE = {"blue": "blue", "pink": "pink", "green": "green", "yellowed": "yellow"}


class Kind(StrEnum):
    CONTENT = "content"
    BLANK = "blank"  # a blank back, with whatever the scanner and the paper add
    ONLY_NUMBER = "only_number"
    ONLY_STAMP = "only_stamp"
    ONLY_SIGNATURE = "only_signature"


class NumberStyle(StrEnum):
    ND30_TOP = "nd30_top"  # "2", centred in the top margin (Decree 30/2020, Appendix I)
    BARE_BOTTOM = "bare_bottom"  # "2", centred at the bottom
    TRANG = "trang"  # "Trang 2"
    DASHES = "dashes"  # "- 2 -"
    OF = "of"  # "2/5"


@dataclass
class Spec2:
    kind: Kind = Kind.CONTENT
    dpi: int = 200
    paper: str = "white"
    layout: str = "letter"  # letter | form | columns | table
    font: str = "DejaVuSans.ttf"
    page_number: tuple[int, int] | None = None  # (n, of); ND30 leaves page 1 unnumbered
    number_style: NumberStyle = NumberStyle.ND30_TOP
    letterhead: str | None = None  # None | "text" (coloured title and logo) | "band" (tinted header band)
    seal: bool = False
    photo: bool = False
    highlighter: int = 0  # highlighter strokes over text lines
    note: str | None = None  # a key of NOTES
    note_over: str = "text"  # text | seal | photo
    # Blank-back artefacts
    dust: int = 0
    punch_holes: bool = False
    staple: bool = False
    edge_shadow: str | None = None  # left | right | top | bottom
    show_through: float = 0.0  # 0..0.06: opacity of the mirrored front (thin paper)
    jpeg: int | None = None  # quality
    shift_mm: tuple[float, float] = (0.0, 0.0)  # where the sheet sits on the glass
    seed: int = 0


@dataclass
class Truth2:
    blank: bool
    sticky_note: bool
    note_box: tuple[int, int, int, int] | None
    page_number: tuple[int, int | None] | None  # what is printed, as it reads
    extra: dict[str, object] = field(default_factory=dict)


def _px(dpi: int, mm: float) -> int:
    return int(round(dpi * mm / 25.4))


def _truetype(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_FONT_DIR + name, max(7, px))


class _Layers:
    """Ink is accumulated as optical density per RGB channel; opaque things (notes, photos)
    are pasted over the inked paper afterwards."""

    def __init__(self, w: int, h: int) -> None:
        self.w, self.h = w, h
        self.density = np.zeros((h, w, 3), np.float32)
        self.texts: list[str] = []  # printed text lines, in reading order (ground truth for OCR checks)

    def ink(self, mask: np.ndarray, rgb: tuple[int, int, int], strength: float = 1.0) -> None:
        """Add ink of colour ``rgb`` where ``mask`` (float 0..1) is set."""
        d = -np.log(np.clip(np.array(rgb, np.float32) / 255.0, 0.03, 1.0)) * strength
        x, y, w, h = cv2.boundingRect((mask > 0).astype(np.uint8))
        if w and h:
            self.density[y:y + h, x:x + w] += mask[y:y + h, x:x + w, None] * d

    def text_mask(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        im = Image.new("L", (self.w, self.h), 0)
        return im, ImageDraw.Draw(im)


def _mask(im: Image.Image) -> np.ndarray:
    return np.asarray(im, np.float32) / 255.0


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def _body(lay: _Layers, spec: Spec2, rng: random.Random, top: int) -> list[tuple[int, int, int, int]]:
    """Text of the page in its layout; returns the boxes of the text lines."""
    dpi, w, h = spec.dpi, lay.w, lay.h
    size = _px(dpi, rng.uniform(3.2, 4.0))
    font = _truetype(spec.font, size)
    im, d = lay.text_mask()
    left, right = _px(dpi, rng.uniform(20, 30)), w - _px(dpi, rng.uniform(15, 20))
    bottom = h - _px(dpi, 35 if spec.seal else 25)
    lines: list[tuple[int, int, int, int]] = []
    y = top
    step = int(size * rng.uniform(1.45, 1.9))
    if spec.layout == "columns":
        gap = _px(dpi, 8)
        colw = (right - left - gap) // 2
        for col in range(2):
            yy = top
            x0 = left + col * (colw + gap)
            while yy < bottom:
                t = _sentence(rng, 12)
                while d.textlength(t, font=font) > colw and len(t) > 3:
                    t = t[:-4]
                d.text((x0, yy), t, fill=255, font=font)
                lay.texts.append(t)
                lines.append((x0, yy, x0 + int(d.textlength(t, font=font)), yy + size))
                yy += step
    else:
        k = 0
        while y < bottom:
            if spec.layout == "table" and k == 3:
                rows, cols = rng.randint(3, 7), rng.randint(3, 5)
                rh = int(size * 1.8)
                lw = max(1, dpi // 120)
                for r in range(rows + 1):
                    d.line([(left, y + r * rh), (right, y + r * rh)], fill=255, width=lw)
                for c in range(cols + 1):
                    x = left + c * (right - left) // cols
                    d.line([(x, y), (x, y + rows * rh)], fill=255, width=lw)
                for r in range(rows):
                    cells = [rng.choice(_WORDS) for _ in range(cols)]
                    lay.texts.append(" ".join(cells))
                    for c in range(cols):
                        d.text((left + c * (right - left) // cols + size // 2, y + r * rh + size // 3),
                               cells[c], fill=255, font=font)
                y += rows * rh + step
            t = _sentence(rng, rng.randint(6, 16))
            if spec.layout == "form" and k % 2 == 0:
                t = t.split(" ")[0] + " " + " ".join(t.split(" ")[1:3]) + ": "
                x = left + int(d.textlength(t, font=font))
                d.text((left, y), t, fill=255, font=font)
                lay.texts.append(t)
                for dx in range(x, right, max(3, size // 3)):  # dotted fill-in line
                    d.point((dx, y + int(size * 0.95)), fill=255)
                lines.append((left, y, right, y + size))
            else:
                while d.textlength(t, font=font) > right - left and len(t) > 3:
                    t = t[:-4]
                d.text((left, y), t, fill=255, font=font)
                lay.texts.append(t)
                lines.append((left, y, left + int(d.textlength(t, font=font)), y + size))
            y += step
            k += 1
    lay.ink(_mask(im), rng.choice([(20, 20, 22), (35, 30, 40), (10, 15, 40)]))
    return lines


def _letterhead(lay: _Layers, spec: Spec2, rng: random.Random) -> tuple[int, np.ndarray | None]:
    """A coloured letterhead; returns where the body starts and an opaque band to paste, if any."""
    dpi, w = spec.dpi, lay.w
    colour = rng.choice([(20, 70, 160), (170, 25, 30), (20, 120, 60), (220, 110, 20)])
    im, d = lay.text_mask()
    f = _truetype(_BOLD[spec.font], _px(dpi, 5.5))
    title = rng.choice(["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                        "VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI", "CÔNG TY CỔ PHẦN XÂY DỰNG MIỀN TRUNG"])
    # below an ND30 number
    y = _px(dpi, 19 if spec.page_number and spec.number_style is NumberStyle.ND30_TOP else 14)
    x = _px(dpi, 42)
    d.text((x, y), title, fill=255, font=f)
    lay.texts.append(title)
    r = _px(dpi, 9)
    d.ellipse([_px(dpi, 20) - r // 2, y - r // 3, _px(dpi, 20) + r, y + r], fill=255)  # logo
    d.line([(_px(dpi, 18), y + _px(dpi, 12)), (w - _px(dpi, 18), y + _px(dpi, 12))], fill=255,
           width=max(2, dpi // 60))
    lay.ink(_mask(im), colour)
    band = None
    if spec.letterhead == "band":
        band = np.zeros((lay.h, lay.w), np.float32)
        band[: _px(dpi, rng.uniform(24, 34)), :] = 1.0
    return y + _px(dpi, 20), band


def _seal(lay: _Layers, spec: Spec2, rng: random.Random, cx: int, cy: int, small: bool = False) -> None:
    dpi = spec.dpi
    r = _px(dpi, rng.uniform(8, 11) if small else rng.uniform(17, 21))
    m = np.zeros((lay.h, lay.w), np.uint8)
    t = max(2, _px(dpi, 0.7))
    cv2.circle(m, (cx, cy), r, 255, t, cv2.LINE_AA)
    cv2.circle(m, (cx, cy), int(r * 0.7), 255, max(1, t // 2), cv2.LINE_AA)
    for k in range(24):  # lettering around the ring, as short dashes
        a = k * 2 * np.pi / 24 + rng.random() * 0.05
        p0 = (int(cx + r * 0.78 * np.cos(a)), int(cy + r * 0.78 * np.sin(a)))
        p1 = (int(cx + r * 0.9 * np.cos(a + 0.08)), int(cy + r * 0.9 * np.sin(a + 0.08)))
        cv2.line(m, p0, p1, 255, max(1, t // 2), cv2.LINE_AA)
    star = np.array([[cx + r * 0.3 * np.cos(a) * (1 if k % 2 == 0 else 0.4),
                      cy + r * 0.3 * np.sin(a) * (1 if k % 2 == 0 else 0.4)]
                     for k, a in enumerate(np.linspace(-np.pi / 2, 1.5 * np.pi, 10, endpoint=False))],
                     np.int32)
    cv2.fillPoly(m, [star], 255, cv2.LINE_AA)
    # Stamp ink is uneven: fade parts of it.
    fade = cv2.GaussianBlur(np.random.default_rng(rng.randrange(1 << 30)).random((lay.h // 16 + 1,
                                                                                  lay.w // 16 + 1))
                            .astype(np.float32), (0, 0), 1.5)
    fade = cv2.resize(fade, (lay.w, lay.h))
    lay.ink(m.astype(np.float32) / 255 * np.clip(0.55 + fade, 0, 1),
            rng.choice([(215, 35, 50), (190, 20, 40)]))


def _signature(lay: _Layers, spec: Spec2, rng: random.Random, x: int, y: int) -> None:
    dpi = spec.dpi
    m = np.zeros((lay.h, lay.w), np.uint8)
    pts = []
    for k in range(40):
        t = k / 39
        pts.append((x + int(t * _px(dpi, 45)) + int(_px(dpi, 4) * np.sin(t * 19 + rng.random())),
                    y + int(_px(dpi, 7) * np.sin(t * 7 + rng.random() * 2))))
    cv2.polylines(m, [np.array(pts, np.int32)], False, 255, max(2, _px(dpi, 0.45)), cv2.LINE_AA)
    cv2.line(m, (x - _px(dpi, 3), y + _px(dpi, 9)), (x + _px(dpi, 35), y + _px(dpi, 7)), 255,
             max(2, _px(dpi, 0.4)),
             cv2.LINE_AA)
    lay.ink(m.astype(np.float32) / 255, rng.choice([(20, 40, 150), (15, 15, 20), (40, 60, 180)]))


def _photo(w: int, h: int, rng: random.Random) -> np.ndarray:
    """An ID-style or site photo: a smooth background, a face or a building, texture (RGB)."""
    g = np.random.default_rng(rng.randrange(1 << 30))
    base = np.array([rng.randint(40, 230) for _ in range(3)], np.float32)
    other = np.array([rng.randint(40, 230) for _ in range(3)], np.float32)
    yy = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    img = base * (1 - yy) + other * yy + np.zeros((h, w, 3), np.float32)
    skin = np.array([rng.randint(170, 230), rng.randint(120, 170), rng.randint(90, 140)], np.float32)
    cv2.ellipse(img, (w // 2, int(h * 0.45)), (int(w * 0.25), int(h * 0.28)), 0, 0, 360, skin.tolist(), -1)
    cv2.ellipse(img, (w // 2, int(h * 0.25)), (int(w * 0.27), int(h * 0.15)), 0, 180, 360, (30, 25, 25), -1)
    cv2.ellipse(img, (w // 2, h), (int(w * 0.45), int(h * 0.3)), 0, 180, 360,
                [float(rng.randint(20, 200)) for _ in range(3)], -1)
    img += cv2.GaussianBlur(g.normal(0, 14, (h, w, 3)).astype(np.float32), (0, 0), 1.2)
    return np.asarray(np.clip(img, 0, 255))


def _note_fill(w: int, h: int, rgb: tuple[int, int, int], rng: random.Random) -> np.ndarray:
    """A sticky note: its colour with a slight gradient (the curl) and a handwritten line."""
    c = np.array(rgb, np.float32)
    xx = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    yy = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    img = c * (1.0 - 0.05 * yy * rng.random() - 0.03 * xx * rng.random()) + np.zeros((h, w, 3), np.float32)
    pen = np.zeros((h, w), np.uint8)
    for k in range(rng.randint(1, 3)):
        cv2.putText(pen, rng.choice(["Bo sung", "Xem lai", "Goi lai", "Ky ten", "Thieu 1 ban"]),
                    (int(w * 0.08), int(h * (0.3 + 0.22 * k))), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
                    w / 420, 255, max(2, w // 120), cv2.LINE_AA)
    ink = np.array(rng.choice([(20, 30, 120), (20, 20, 20), (150, 20, 30)]), np.float32)
    a = (pen.astype(np.float32) / 255)[..., None]
    return img * (1 - a) + ink * a


def _page_number(lay: _Layers, spec: Spec2, rng: random.Random) -> tuple[int, int | None] | None:
    if not spec.page_number:
        return None
    n, of = spec.page_number
    style = spec.number_style
    if style is NumberStyle.ND30_TOP and n == 1:
        return None  # ND30: the first page carries no number
    text = {NumberStyle.ND30_TOP: f"{n}", NumberStyle.BARE_BOTTOM: f"{n}", NumberStyle.TRANG: f"Trang {n}",
            NumberStyle.DASHES: f"- {n} -", NumberStyle.OF: f"{n}/{of}"}[style]
    im, d = lay.text_mask()
    f = _truetype(spec.font if spec.kind is Kind.CONTENT else rng.choice(_FONTS),
                  _px(spec.dpi, rng.uniform(3.4, 4.4)))
    tw = d.textlength(text, font=f)
    top = style is NumberStyle.ND30_TOP
    y = _px(spec.dpi, rng.uniform(7, 11)) if top else lay.h - _px(spec.dpi, rng.uniform(10, 15))
    d.text(((lay.w - tw) / 2 + rng.randint(-3, 3), y), text, fill=255, font=f)
    if top:
        lay.texts.insert(0, text)
    else:
        lay.texts.append(text)
    lay.ink(_mask(im), (20, 20, 22))
    return n, (of if style is NumberStyle.OF else None)


def _scanner(rgb: np.ndarray, spec: Spec2, rng: random.Random) -> np.ndarray:
    """The scanner: lamp fall-off, channel misregistration, shot noise, optional JPEG (BGR out)."""
    g = np.random.default_rng(rng.randrange(1 << 30))
    h, w = rgb.shape[:2]
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    lamp = 1.0 - rng.uniform(0.0, 0.05) * xx * xx
    out = rgb * lamp[..., None]
    if rng.random() < 0.5:  # red channel one pixel off (CIS sensors)
        out[..., 0] = np.roll(out[..., 0], 1, axis=rng.randint(0, 1))
    out += g.standard_normal((h, w, 1), dtype=np.float32) * cv2.sqrt(out) * rng.uniform(0.15, 0.35)
    bgr = np.clip(out[..., ::-1], 0, 255).astype(np.uint8)
    if spec.jpeg:
        ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, spec.jpeg])
        bgr = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return np.ascontiguousarray(bgr)


def render2(spec: Spec2) -> tuple[np.ndarray, Truth2]:
    """The page as a scanner would deliver it (BGR uint8) and its labels."""
    rng = random.Random(spec.seed * 7 + 3)
    dpi = spec.dpi
    w, h = _px(dpi, 210), _px(dpi, 297)
    lay = _Layers(w, h)
    gen = np.random.default_rng(spec.seed)
    # Paper: its tone and grain (low-frequency blotches plus fibre noise).
    paper = np.array(PAPERS[spec.paper], np.float32)
    grain = cv2.resize(gen.normal(0, 2.0, (h // 24 + 1, w // 24 + 1)).astype(np.float32), (w, h))
    page = paper + grain[..., None] + gen.standard_normal((h, w, 1), dtype=np.float32) * 1.2
    pastes: list[tuple[np.ndarray, np.ndarray]] = []  # (mask, colour image) pasted opaquely
    note_box = None
    text_lines: list[tuple[int, int, int, int]] = []
    seal_at = photo_at = None
    if spec.kind is Kind.CONTENT:
        top = _px(dpi, 20)
        if spec.letterhead:
            top, band = _letterhead(lay, spec, rng)
            if band is not None:
                tint = np.array(rng.choice([(205, 225, 245), (250, 225, 200), (215, 240, 215),
                                            (240, 215, 225)]),
                                np.float32)
                page = page * (1 - band[..., None]) + tint * band[..., None]  # printed under the ink
        text_lines = _body(lay, spec, rng, top)
        if spec.seal:
            seal_at = (w - _px(dpi, 60), h - _px(dpi, 55))
            _seal(lay, spec, rng, *seal_at)
            _signature(lay, spec, rng, w - _px(dpi, 75), h - _px(dpi, 50))
        if spec.photo:
            pw, ph = (_px(dpi, 30), _px(dpi, 40)) if rng.random() < 0.5 else (_px(dpi, 80), _px(dpi, 60))
            px, py = _px(dpi, rng.uniform(22, 60)), _px(dpi, rng.uniform(60, 150))
            photo_at = (px + pw // 2, py + ph // 2)
            m = np.zeros((h, w), np.float32)
            m[py:py + ph, px:px + pw] = 1.0
            full = np.zeros((h, w, 3), np.float32)
            full[py:py + ph, px:px + pw] = _photo(pw, ph, rng)
            pastes.append((m, full))
        for _ in range(spec.highlighter):
            if not text_lines:
                break
            x0, y0, x1, y1 = rng.choice(text_lines)
            hl = np.zeros((h, w), np.float32)
            x1 = min(x1, x0 + _px(dpi, rng.uniform(30, 120)))
            cv2.rectangle(hl, (x0 - 3, y0 - _px(dpi, 0.8)), (x1, y1 + _px(dpi, 1.2)), 1.0, -1)
            lay.ink(cv2.GaussianBlur(hl, (0, 0), 1.0) * 0.9,
                    rng.choice([(255, 245, 90), (150, 245, 140), (255, 160, 210), (255, 200, 120),
                                (140, 220, 250)]))
    elif spec.kind is Kind.ONLY_STAMP:
        _seal(lay, spec, rng, rng.randint(w // 4, 3 * w // 4), rng.randint(h // 5, 4 * h // 5),
              small=rng.random() < 0.5)
    elif spec.kind is Kind.ONLY_SIGNATURE:
        _signature(lay, spec, rng, rng.randint(w // 5, w // 2), rng.randint(h // 4, 3 * h // 4))
    printed = _page_number(lay, spec, rng)
    if spec.kind is Kind.ONLY_NUMBER and printed is None:
        raise ValueError("a page with only a page number needs one that is printed")
    if spec.show_through > 0:  # the front of the sheet, mirrored and soft, seen through the paper
        ghost = _Layers(w, h)
        _body(ghost, replace(spec, layout="letter", seal=False), random.Random(spec.seed + 99), _px(dpi, 25))
        dens = cv2.GaussianBlur(ghost.density[:, ::-1], (0, 0), dpi / 100)
        lay.density += dens * spec.show_through
    page = page * np.exp(-lay.density)
    for m, colour in pastes:
        page = page * (1 - m[..., None]) + colour * m[..., None]
    if spec.note:
        nw, nh = rng.choice([(76, 76), (76, 127), (51, 76), (76, 51), (38, 51), (102, 76)])
        nw, nh = _px(dpi, nw), _px(dpi, nh)
        target = {"seal": seal_at, "photo": photo_at}.get(spec.note_over)
        if target is not None:
            cx, cy = target[0] + rng.randint(-nw // 3, nw // 3), target[1] + rng.randint(-nh // 3, nh // 3)
        else:
            cx, cy = rng.randint(nw // 2 + _px(dpi, 10), w - nw // 2 - _px(dpi, 10)), rng.randint(h // 6,
                                                                                                  h - nh)
        x0 = int(np.clip(cx - nw // 2, _px(dpi, 8), w - nw - _px(dpi, 8)))
        y0 = int(np.clip(cy - nh // 2, _px(dpi, 8), h - nh - _px(dpi, 8)))
        sh = _px(dpi, 1.2)  # the note stands off the page: a soft shadow on two sides
        shadow = np.zeros((h, w), np.float32)
        shadow[y0 + sh:y0 + nh + sh, x0 + sh:x0 + nw + sh] = 0.25
        page *= (1 - cv2.GaussianBlur(shadow, (0, 0), sh))[..., None]
        page[y0:y0 + nh, x0:x0 + nw] = _note_fill(nw, nh, NOTES[spec.note], rng)
        note_box = (x0, y0, nw, nh)
    # Things of the sheet and the glass, on every kind of page.
    if spec.punch_holes:
        x = _px(dpi, rng.uniform(9, 14))
        r = _px(dpi, rng.uniform(2.5, 3.2))
        shade = float(rng.choice([40, 90, 150]))  # the lid's colour seen through the hole
        for yc in (h // 2 - _px(dpi, 40), h // 2 + _px(dpi, 40)):
            cv2.circle(page, (x, yc), r, (shade, shade, shade), -1, cv2.LINE_AA)
    if spec.staple:
        x, y = _px(dpi, rng.uniform(8, 16)), _px(dpi, rng.uniform(8, 16))
        ln = _px(dpi, rng.uniform(8, 12))
        a = rng.uniform(-0.9, -0.6)
        p1 = (int(x + ln * np.cos(a)), int(y - ln * np.sin(a)))
        cv2.line(page, (x, y), p1, (70, 70, 75), max(2, _px(dpi, 0.6)), cv2.LINE_AA)
        for p in ((x, y), p1):  # the holes of a removed staple's legs
            cv2.circle(page, p, max(1, _px(dpi, 0.5)), (120, 120, 120), -1)
    if spec.edge_shadow:
        depth = _px(dpi, rng.uniform(2, 6))
        ramp = np.linspace(0.45, 1.0, depth, dtype=np.float32)
        if spec.edge_shadow == "left":
            page[:, :depth] *= ramp[None, :, None]
        elif spec.edge_shadow == "right":
            page[:, w - depth:] *= ramp[::-1][None, :, None]
        elif spec.edge_shadow == "top":
            page[:depth] *= ramp[:, None, None]
        else:
            page[h - depth:] *= ramp[::-1][:, None, None]
    for _ in range(spec.dust):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([1, 1, 1, 2, 2, 3])
        v = float(rng.randint(20, 110))
        cv2.rectangle(page, (x, y), (x + r - 1, y + rng.choice([r - 1, max(0, r - 2)])), (v, v, v), -1)
    if spec.shift_mm != (0.0, 0.0):
        m = np.array([[1, 0, _px(dpi, spec.shift_mm[0])], [0, 1, _px(dpi, spec.shift_mm[1])]],
                     dtype=np.float32)
        page = cv2.warpAffine(page, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    bgr = _scanner(page, spec, rng)
    blank = spec.kind is Kind.BLANK and printed is None
    truth = Truth2(blank=blank, sticky_note=spec.note is not None, note_box=note_box, page_number=printed,
                   extra={"kind": spec.kind.value, "paper": spec.paper, "note": spec.note,
                          "text": list(lay.texts)})
    return bgr, truth


def without_note(spec: Spec2, seed: int) -> Spec2:
    """The same sheet captured again with the note peeled off: another position on the glass,
    other sensor noise."""
    rng = random.Random(seed)
    return replace(spec, note=None, shift_mm=(rng.uniform(-2, 2), rng.uniform(-2, 2)),
                   jpeg=spec.jpeg)


def random_spec2(rng: random.Random, seed: int) -> Spec2:
    """One case of the second set, drawn with the shares a counter sees (more hard cases)."""
    dpi = rng.choice([200, 200, 300])
    paper = rng.choices(list(PAPERS), weights=[6, 2, 2, 1, 1, 1])[0]
    font = rng.choice(_FONTS)
    jpeg = rng.choice([None, None, rng.randint(35, 85)])
    r = rng.random()
    if r < 0.30:
        return Spec2(kind=Kind.BLANK, dpi=dpi, paper=paper, font=font, jpeg=jpeg, seed=seed,
                     dust=rng.choice([0, rng.randint(5, 20), rng.randint(20, 60)]),
                     punch_holes=rng.random() < 0.3, staple=rng.random() < 0.25,
                     edge_shadow=rng.choice([None, None, "left", "right", "top", "bottom"]),
                     show_through=rng.choice([0.0, rng.uniform(0.02, 0.06)]))
    if r < 0.42:
        kind = rng.choice([Kind.ONLY_NUMBER, Kind.ONLY_STAMP, Kind.ONLY_SIGNATURE])
        style = rng.choice(list(NumberStyle))
        n = rng.randint(2, 9)
        return Spec2(kind=kind, dpi=dpi, paper=paper, font=font, jpeg=jpeg, seed=seed,
                     page_number=(n, 9) if kind is Kind.ONLY_NUMBER else None, number_style=style,
                     dust=rng.choice([0, rng.randint(5, 40)]), punch_holes=rng.random() < 0.2,
                     show_through=rng.choice([0.0, rng.uniform(0.02, 0.06)]))
    spec = Spec2(dpi=dpi, paper=paper, font=font, jpeg=jpeg, seed=seed,
                 layout=rng.choice(["letter", "form", "columns", "table"]),
                 letterhead=rng.choice([None, None, "text", "band"]), seal=rng.random() < 0.35,
                 photo=rng.random() < 0.25, highlighter=rng.choice([0, 0, 0, rng.randint(1, 4)]),
                 dust=rng.choice([0, rng.randint(5, 30)]),
                 page_number=(rng.randint(1, 6), 6) if rng.random() < 0.5 else None,
                 number_style=rng.choice(list(NumberStyle)))
    if rng.random() < 0.3:
        colours = [c for c in NOTES if _NOTE_HUE[c.split("_")[0]] != _PAPER_HUE.get(paper)]
        spec.note = rng.choice(colours)
        over = ["text"] + (["seal"] if spec.seal else []) + (["photo"] if spec.photo else [])
        spec.note_over = rng.choice(over)
    return spec
