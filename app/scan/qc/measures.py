"""Pure image measurements for one page: blank, ink, sticky note, skew, blur, cut-off,
exposure, streaks, perceptual hash. Everything runs on a copy downscaled to the analysis dpi,
so a 300-dpi A4 page costs a few tens of milliseconds."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from app.scan.qc.config import QcConfig


@dataclass(frozen=True)
class PageMeasures:
    width: int
    height: int
    dpi: int
    colour: bool
    ink_px: int
    blank: bool
    sticky_note: bool
    note_bbox: tuple[int, int, int, int] | None  # in original pixels
    skew_deg: float | None
    sharpness: float | None
    blurred: bool
    cut_off: tuple[str, ...]  # sides: top, bottom, left, right
    paper_level: int
    ink_level: int | None
    too_dark: bool
    too_light: bool
    streaks: int
    phash: int
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The content (the box holding the ink, so a sheet fed again a few mm off still lines up)
    # as 48 x 32 grey box means, hex: what tells a sheet scanned twice from the next page of the
    # same form. Empty for blank pages and for rows stored before it existed.
    content_thumb: str = ""
    # The whole page as 40 x 56 grey box means (hex), note included: what tells whether two
    # captures are the same sheet outside a sticky note (rule 4). Empty for older rows.
    page_thumb: str = ""


def _downscale(img: np.ndarray, dpi: int, target: int, *, fast: bool = False) -> tuple[np.ndarray, float]:
    scale = min(1.0, target / dpi) if dpi > 0 else 1.0
    if scale < 1.0:
        if img.ndim == 2 and abs(scale - 2 / 3) < 1e-6:  # 150 -> 100 dpi, the usual analysis step
            return _area_two_thirds(img), scale
        whole = abs(1 / scale - round(1 / scale)) < 1e-6
        # INTER_AREA is slow for non-integer factors on a full page; bilinear is fine there
        # when the result is only used for edge measures (``fast``). (A box pre-filter plus
        # bilinear for the analysis copy saved 10 ms but cost cut-off and skew accuracy.)
        interp = cv2.INTER_AREA if whole or not fast or scale < 0.5 else cv2.INTER_LINEAR
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=interp)
    return img, scale


def _rows_two_thirds(gray: np.ndarray) -> np.ndarray:
    """Area-average every 3 rows into 2: weights 2/3 + 1/3 and 1/3 + 2/3."""
    h = gray.shape[0]
    if h % 3:
        gray = cv2.copyMakeBorder(gray, 0, 3 - h % 3, 0, 0, cv2.BORDER_REPLICATE)
    out = np.empty((gray.shape[0] // 3 * 2, gray.shape[1]), np.uint8)
    out[0::2] = cv2.addWeighted(gray[0::3], 2 / 3, gray[1::3], 1 / 3, 0)
    out[1::2] = cv2.addWeighted(gray[1::3], 1 / 3, gray[2::3], 2 / 3, 0)
    return out[:round(h * 2 / 3)]


def _area_two_thirds(gray: np.ndarray) -> np.ndarray:
    """``cv2.resize(gray, fx=2/3, fy=2/3, INTER_AREA)`` within one grey level, four times faster:
    OpenCV has no fast path for a factor of 1.5."""
    return np.asarray(cv2.transpose(_rows_two_thirds(cv2.transpose(_rows_two_thirds(gray)))))


def _local_contrast(gray: np.ndarray, dilate_px: int = 9, blur_px: int = 31) -> np.ndarray:
    """How much darker each pixel is than its local paper level (a wide max-then-mean filter),
    0 where it is lighter: uneven lighting and tinted paper cancel out."""
    bg = cv2.blur(cv2.dilate(gray, np.ones((dilate_px, dilate_px), np.uint8)), (blur_px, blur_px))
    return np.asarray(cv2.subtract(bg, gray))


def _above(values: np.ndarray, threshold: float) -> np.ndarray:
    """uint8 mask (0/1) of the values above ``threshold``."""
    return np.asarray(cv2.threshold(values, threshold, 1, cv2.THRESH_BINARY)[1])


def _ink_mask(gray: np.ndarray, cfg: QcConfig) -> tuple[np.ndarray, np.ndarray]:
    """Ink pixels (uint8 0/1), and the local contrast they were judged on."""
    contrast = _local_contrast(gray)
    # A washed-out scan compresses ink toward the paper: the threshold follows the page's own
    # darkest ink (half of it), between a floor that show-through and noise never reach and the
    # configured contrast.
    darkest = _int_percentile(contrast[::2, ::2], 99.5)
    threshold = min(cfg.ink_contrast, max(cfg.ink_contrast_floor, darkest / 2))
    return _above(contrast, threshold), contrast


def _streak_columns(gray: np.ndarray, ink: np.ndarray, cfg: QcConfig) -> np.ndarray:
    """Columns holding a scanner streak: a line (dark, or darker than the columns beside it:
    downscaling thins a 2-pixel streak below the ink contrast) over most of the height AND through
    the top and bottom margins, which a printed frame or table rule never crosses."""
    h, w = gray.shape
    out = np.zeros(w, dtype=bool)
    if w <= 12:
        return out
    # Neighbours 2 and 6 columns away (0.5 and 1.5 mm): a thin streak, and one smeared wider.
    # Columns within 6 of the image edge are never streaks (the scanner's own border).
    mid = gray[:, 6:w - 6]
    thin = cv2.subtract(cv2.min(gray[:, 4:w - 8], gray[:, 8:w - 4]),
                        mid)  # saturates at 0: only "darker" counts
    wide = cv2.subtract(cv2.min(gray[:, 0:w - 12], gray[:, 12:w]), mid)
    # OpenCV takes a scalar for the second operand; its stubs only list arrays
    line = cv2.compare(cv2.max(thin, wide), cfg.streak_contrast, cv2.CMP_GT)  # type: ignore[call-overload]
    line = cv2.min(cv2.bitwise_or(line, ink[:, 6:w - 6]), 1)  # type: ignore[call-overload]
    m = max(1, int(h * 0.06))
    def share(rows: np.ndarray) -> np.ndarray:
        return np.asarray(cv2.reduce(rows, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() / rows.shape[0])
    frac, top, bottom = share(line), share(line[:m]), share(line[h - m:])
    out[6:w - 6] = ((frac >= cfg.streak_min_frac) & (top >= cfg.streak_margin_frac)
                    & (bottom >= cfg.streak_margin_frac))
    return out


def _faint_mask(gray: np.ndarray, cfg: QcConfig, level: int | None = None) -> np.ndarray:
    """Pixels clearly darker than the local paper level (specks removed): content that is too
    blurred or washed out to pass as ink."""
    faint = _above(_local_contrast(gray, 15, 41), cfg.faint_contrast if level is None else level)
    return np.asarray(cv2.morphologyEx(faint, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)))


def _inner_px(mask: np.ndarray) -> int:
    """Set pixels of a mask away from the image edges."""
    h, w = mask.shape
    b = max(1, int(0.03 * min(h, w)))
    return int(mask[b:h - b, b:w - b].sum())


def _clean(mask: np.ndarray, min_px: int, inner: tuple[int, int, int, int]) -> tuple[np.ndarray, int]:
    """Drop specks smaller than ``min_px``; return the cleaned mask and the ink pixels of
    components lying inside ``inner`` (x0, y0, x1, y1)."""
    n, labels, stats = _components(mask)
    area = stats[:, cv2.CC_STAT_AREA]
    keep = np.zeros(n, dtype=np.uint8)
    keep[1:] = area[1:] >= min_px
    x0, y0, x1, y1 = inner
    xs, ys = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    xe, ye = xs + stats[:, cv2.CC_STAT_WIDTH], ys + stats[:, cv2.CC_STAT_HEIGHT]
    inside = (keep == 1) & (xe > x0) & (xs < x1) & (ye > y0) & (ys < y1)
    inside[0] = False
    ink_px = int(area[inside].sum())
    specks = np.flatnonzero(keep[1:] == 0) + 1
    if specks.size == 0:
        return mask, ink_px
    if specks.size > 64:  # a noisy page: relabel every pixel at once
        return keep[labels], ink_px
    # A clean page has a few specks: clear them in their own small boxes.
    out = mask.copy()
    for i in specks:
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        box = out[y:y + bh, x:x + bw]
        box[labels[y:y + bh, x:x + bw] == i] = 0
    return out, ink_px


def _content_marks(contrast: np.ndarray, inner: tuple[int, int, int, int], px_per_mm: float,
                   cfg: QcConfig) -> tuple[int, np.ndarray]:
    """How many marks of clear contrast (``content_min_peak``; show-through of the other side
    stays below it) are content, not what the glass and the sheet add to a blank page: dust and
    toner specks, punch holes, a staple near a corner, a shadow along an edge. Also the mask of
    those marks (0/1)."""
    strong = _above(contrast, cfg.content_min_peak - 1)
    n, _labels, stats = _components(strong)
    if n <= 1:
        return 0, strong
    h, w = strong.shape
    st = stats[1:].astype(np.float64)
    x, y, bw, bh, area = (st[:, k] for k in range(5))
    x0, y0, x1, y1 = inner
    inside = (x + bw > x0) & (x < x1) & (y + bh > y0) & (y < y1)
    mm = 1.0 / px_per_mm
    speck = (np.maximum(bw, bh) * mm < cfg.speck_max_side_mm) & (area * mm * mm < cfg.speck_max_area_mm2)
    # Punch hole: a filled round mark of a hole's size, its centre near an edge.
    d_lo, d_hi = cfg.punch_hole_mm
    cx, cy = x + bw / 2, y + bh / 2
    near_edge = np.minimum(np.minimum(cx, w - cx), np.minimum(cy, h - cy)) * mm <= cfg.punch_hole_edge_mm
    round_ = (np.minimum(bw, bh) >= 0.8 * np.maximum(bw, bh)) & (area >= 0.6 * bw * bh)
    hole = near_edge & round_ & (bw * mm >= d_lo) & (bw * mm <= d_hi)
    # Staple: a thin stroke within a corner's square.
    corner = cfg.staple_corner_mm * px_per_mm
    in_corner = ((x + bw <= corner) | (x >= w - corner)) & ((y + bh <= corner) | (y >= h - corner))
    staple = in_corner & (area / np.maximum(np.hypot(bw, bh), 1.0) * mm <= cfg.staple_max_width_mm)
    # Shadow along an edge: touches it, shallow across it, long along it.
    depth = cfg.edge_shadow_max_depth_mm * px_per_mm
    edge_lr = ((x <= 1) | (x + bw >= w - 1)) & (bw <= depth) & (bh >= 4 * bw)
    edge_tb = ((y <= 1) | (y + bh >= h - 1)) & (bh <= depth) & (bw >= 4 * bh)
    return int(np.count_nonzero(inside & ~(speck | hole | staple | edge_lr | edge_tb))), strong


def _white_balanced(bgr: np.ndarray) -> np.ndarray:
    """The page with its paper made neutral (yellowed paper, a tinted lamp): each channel scaled
    so the paper's level matches its brightest channel."""
    sample = bgr[::4, ::4]
    paper = np.array([_int_percentile(sample[..., c], 90) for c in range(3)], dtype=np.float32)
    gains = float(paper.max()) / np.maximum(paper, 1.0)
    if float(gains.max()) < 1.02:
        return bgr
    lut = np.stack([np.clip(np.arange(256, dtype=np.float32) * g, 0, 255) for g in gains],
                   axis=1).astype(np.uint8)
    return np.asarray(cv2.LUT(bgr, lut.reshape(256, 1, 3)))


def _hue_peaks(hue: np.ndarray, bright: np.ndarray, min_count: float, half: int = 4,
               most: int = 4) -> list[tuple[int, int]]:
    """Hue windows around the main colours of the bright, coloured pixels: a note is one colour
    (a hue or two wide), so each window holds a whole note apart from neighbours of another
    shade (an orange header band next to a yellow note)."""
    hist = cv2.calcHist([hue], [0], bright, [180], [0, 180]).ravel()
    ring = np.concatenate([hist[-half:], hist, hist[:half]])
    mass = np.convolve(ring, np.ones(2 * half + 1), mode="valid")  # pixels within +-half of each hue
    peaky = np.convolve(ring[half - 1:len(ring) - half + 1], np.ones(3), mode="valid")  # the colour itself
    out: list[tuple[int, int]] = []
    for _ in range(most):
        peak = int(np.argmax(peaky))
        if peaky[peak] <= 0:
            break
        if mass[peak] >= min_count:
            out.append((peak - half, peak + half))
        for d in range(-half, half + 1):  # the next window must not repeat this one
            peaky[(peak + d) % 180] = 0
    return out


def _mode_band(hsv: np.ndarray, mask: np.ndarray, channel: int, half: int) -> np.ndarray:
    """Pixels whose ``channel`` lies within ``half`` of its commonest value under ``mask``."""
    hist = cv2.calcHist([hsv], [channel], mask, [256], [0, 256]).ravel()
    mode = int(np.argmax(np.convolve(hist, np.ones(5), mode="same")))
    return np.asarray(cv2.inRange(hsv[..., channel], max(0, mode - half), min(255, mode + half)))


def _texture(hsv: np.ndarray, mask: np.ndarray) -> float:
    """How far a region's colour strays from its own neighbourhood mean (brightness plus
    saturation, pixel noise averaged out first), on the pixels of ``mask`` away from its edges
    and from the writing: shading and texture of a photo, not the grain of a scan."""
    inner = cv2.erode(mask, np.ones((11, 11), np.uint8)).view(bool)
    if not inner.any():
        return float("inf")
    v, s = cv2.blur(hsv[..., 2], (3, 3)), cv2.blur(hsv[..., 1], (3, 3))  # sensor noise averaged out
    dv = cv2.absdiff(v, cv2.blur(v, (9, 9)))
    ds = cv2.absdiff(s, cv2.blur(s, (9, 9)))
    return float(np.mean(dv[inner])) + float(np.mean(ds[inner]))


def _sticky(hsv: np.ndarray, scale: float, dpi: int, cfg: QcConfig) -> tuple[bool,
                                                                             tuple[int, int, int,
                                                                                   int] | None]:
    """A sticky note: a near-rectangle of one bright colour (any hue, strong or pastel), filled
    but for what is written on it. Not a note: a red seal (a dark ring), a highlighter stroke (too
    thin), a coloured header band (as wide as the page), a photo (many colours, or holes)."""
    v = hsv[..., 2]
    # Brightness is judged against the paper's own level, so a note on a dark scan is still seen.
    v4 = v[::4, ::4]
    paper_v, ink_v = _int_percentile(v4, 90), _int_percentile(v4, 1)
    k = min(1.0, paper_v / 245.0)
    # A washed-out (too light) scan compresses colours toward white: saturation thresholds shrink
    # with the page's contrast.
    wash = max(0.25, min(1.0, (1.0 - ink_v / max(paper_v, 1.0)) / 0.9))
    def band(h_lo: int, h_hi: int, s_lo: float, s_hi: int, v_lo: float, v_hi: int = 255) -> np.ndarray:
        # cv2.inRange (inclusive bounds) is several times faster than numpy masks on a page.
        return np.asarray(cv2.inRange(hsv, (h_lo, math.ceil(s_lo), math.ceil(v_lo)), (h_hi, s_hi, v_hi)))

    page_h, page_w = hsv.shape[:2]
    page_area = page_h * page_w
    s_lo, v_lo = cfg.note_min_saturation * wash, 150 * k
    # Most pages hold little bright colour: a note needs its area of coloured, bright pixels
    # (text written on it fills at most part of it), so fewer than that ends the search...
    bright = band(0, 180, s_lo, 255, v_lo)
    if cv2.countNonZero(bright) < 0.25 * cfg.note_min_area_frac * page_area:
        return False, None
    # ...and the search runs on the box holding them (a seal, a note), with a margin wider than
    # the morphology below reaches, so the result is the same as on the whole page.
    bx, by, bw, bh = cv2.boundingRect(bright)
    x0, y0 = max(0, bx - 6), max(0, by - 6)
    hsv = hsv[y0:by + bh + 6, x0:bx + bw + 6]
    bright = bright[y0:by + bh + 6, x0:bx + bw + 6]
    # The soft edges of a red seal look pink: keep them from joining a note next to the seal.
    # A seal's red is saturated and darker than a note.
    s_min, v_max = math.floor(170 * wash) + 1, math.ceil(255 - 20 * wash) - 1
    seal = cv2.bitwise_or(band(172, 180, s_min, 255, 0, v_max), band(0, 5, s_min, 255, 0, v_max))
    bright = cv2.bitwise_and(bright, cv2.bitwise_not(cv2.dilate(seal, np.ones((5, 5), np.uint8))))
    hue = hsv[..., 0]
    px_per_mm = dpi * scale / 25.4
    min_side = cfg.note_min_side_mm * px_per_mm
    best: tuple[float, tuple[int, int, int, int]] | None = None
    # Wider than a highlighter stroke or a bridge of fringes, well inside a note's smallest side.
    wide = max(3, int(round(8 * px_per_mm)))
    for h_lo, h_hi in _hue_peaks(hue, bright, cfg.note_min_area_frac * page_area * cfg.note_min_fill):
        if h_lo < 0 or h_hi > 179:  # wraps through red
            in_hue = cv2.bitwise_or(cv2.inRange(hue, (h_lo + 180) % 180, 179),
                                    cv2.inRange(hue, 0, h_hi % 180))
        else:
            in_hue = cv2.inRange(hue, h_lo, h_hi)
        in_window = cv2.bitwise_and(bright, in_hue)
        found = _note_in_window(hsv, in_window, wide, page_w, page_area, min_side, cfg)
        if found is None:
            # A larger thing of the same hue (a tinted header band, a pastel highlight) can hold
            # the commonest shade: the note may be the second one.
            first = cv2.bitwise_and(_mode_band(hsv, in_window, 1, cfg.note_saturation_band),
                                    _mode_band(hsv, in_window, 2, cfg.note_value_band))
            rest = cv2.bitwise_and(in_window, cv2.bitwise_not(first))
            if cv2.countNonZero(rest) >= cfg.note_min_area_frac * page_area * cfg.note_min_fill:
                found = _note_in_window(hsv, rest, wide, page_w, page_area, min_side, cfg)
        if found is not None and (best is None or found[0] > best[0]):
            inv = 1 / scale
            x, y, w, hh = found[1]
            best = (found[0], (int((x + x0) * inv), int((y + y0) * inv), int(w * inv), int(hh * inv)))
    return (True, best[1]) if best else (False, None)


def _note_in_window(hsv: np.ndarray, in_window: np.ndarray, wide: int, page_w: int, page_area: int,
                    min_side: float, cfg: QcConfig) -> tuple[float, tuple[int, int, int, int]] | None:
    """The largest note-shaped region of one colour among ``in_window`` (bright pixels of one
    hue window): (area, box) in working-copy pixels, or None."""
    # One colour, not only one hue: the saturation and brightness the note's paper has
    # (the commonest within the hue), which a photo's shading of the same hue leaves.
    mask = cv2.bitwise_and(in_window, _mode_band(hsv, in_window, 1, cfg.note_saturation_band))
    mask = cv2.bitwise_and(mask, _mode_band(hsv, mask, 2, cfg.note_value_band))
    # Opening first: colour fringes along black text (a scanner's channels a pixel apart)
    # are thin, and would otherwise bridge a note to its neighbours.
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    found = _note_shape(hsv, mask, closed, page_w, page_area, min_side, cfg)
    if found is None:
        # A note touching a highlighter stroke of its colour: strokes are thinner than ``wide``.
        opened = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((wide, wide), np.uint8))
        if cv2.countNonZero(opened) >= cfg.note_min_area_frac * page_area:
            found = _note_shape(hsv, cv2.bitwise_and(mask, opened), opened, page_w, page_area, min_side, cfg)
    return found


def _note_shape(hsv: np.ndarray, mask: np.ndarray, closed: np.ndarray, page_w: int, page_area: int,
                min_side: float, cfg: QcConfig) -> tuple[float, tuple[int, int, int, int]] | None:
    """The largest contour of ``closed`` shaped like a note (size, aspect, straight edges, filled,
    flat), as (area, box), or None."""
    best: tuple[float, tuple[int, int, int, int]] | None = None
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(c)
        if area < cfg.note_min_area_frac * page_area:
            break
        (_cx, _cy), (rw, rh), _ang = cv2.minAreaRect(c)
        if min(rw, rh) < min_side or rw * rh == 0 or max(rw, rh) > cfg.note_max_aspect * min(rw, rh):
            continue
        x, y, w, hh = cv2.boundingRect(c)
        # Straight-edged: its convex hull fills the enclosing rectangle (a face, a round
        # shape or a torn edge does not); writing and ragged pastel edges do not matter.
        square = cv2.contourArea(cv2.convexHull(c)) / (rw * rh)
        if w > cfg.note_max_width_frac * page_w or square < cfg.note_min_rectangularity:
            continue
        # Filled with its colour (writing on a note covers little; a photo's background
        # leaves the subject out).
        if cv2.countNonZero(mask[y:y + hh, x:x + w]) < cfg.note_min_fill * rw * rh:  # (turned: not w * hh)
            continue
        # Flat: a note is one smooth colour; a photo has texture and shading.
        if _texture(hsv[y:y + hh, x:x + w], mask[y:y + hh, x:x + w]) > cfg.note_max_texture:
            continue
        best = (area, (x, y, w, hh))
        break
    return best


def _skew(ink: np.ndarray) -> float | None:
    """Median angle of text lines (words merged horizontally), in degrees; positive = counter-clockwise.

    A line is an outer contour of the merged words; its angle is the principal axis of the area
    the contour encloses (from its central moments), weighted by the line's width."""
    h, w = ink.shape
    lines = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (13, 1)))
    lines = cv2.erode(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    angles: list[float] = []
    weights: list[float] = []
    for c in contours:
        _x, _y, cw, _ch = cv2.boundingRect(c)
        if cw < 0.12 * w:
            continue
        m = cv2.moments(c)
        if m["m00"] < 60:
            continue
        ang = -0.5 * math.degrees(math.atan2(2 * m["mu11"], m["mu20"] - m["mu02"]))  # image y points down
        if abs(ang) <= 25:
            angles.append(ang)
            weights.append(float(cw))
    if len(angles) < 2:
        return None
    order = np.argsort(angles)
    a, wts = np.array(angles)[order], np.array(weights)[order]
    cum = np.cumsum(wts)
    return round(float(a[np.searchsorted(cum, cum[-1] / 2)]), 2)


def _components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """8-connected components with their stats. 16-bit labels are about twice as fast; a page of
    pure noise with more components than they hold is labelled again with 32-bit ones."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    if n >= 65535:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return n, labels, stats


def _sharpness(g: np.ndarray, contrast: np.ndarray, min_contrast: int = 20) -> float | None:
    """Edge sharpness at ~150 dpi (``g``): 99.5th percentile of the second derivative near ink.
    Where the ink is comes from ``contrast``, the local contrast of the analysis copy."""
    # Ink judged against the local paper level (uneven lighting, tinted paper), and from the
    # pixels clearly darker than paper rather than a fixed share of the page (a page holding only
    # a page number is almost all paper).
    cand = _histogram(contrast[::2, ::2])[min_contrast + 1:]
    if cand.sum() < 22:  # nothing but paper
        return None
    # Ink = darker than midway between paper and the darkest ink: heavy blur fades strokes far
    # above a fixed level, and a faded page must still be judged (as blurred), not skipped.
    dark = _above(contrast, (min_contrast + 1 + _percentile_of_counts(cand, 95)) / 2)
    if cv2.countNonZero(dark) < 22:
        return None
    # Near ink, on every other row of ``g`` (plenty for a percentile): the analysis-copy rows
    # those rows fall in, stretched to ``g``'s width.
    rows = np.arange(0, g.shape[0], 2) * dark.shape[0] // g.shape[0]
    near = cv2.resize(cv2.dilate(dark, np.ones((2, 2), np.uint8))[rows], (g.shape[1], rows.size),
                      interpolation=cv2.INTER_NEAREST).view(bool)
    # Second derivative along each axis: motion blur smears one direction only, so the
    # page is as sharp as its blurrier direction.
    dxx = np.abs(cv2.Sobel(g, cv2.CV_16S, 2, 0, ksize=3)[::2][near])
    dyy = np.abs(cv2.Sobel(g, cv2.CV_16S, 0, 2, ksize=3)[::2][near])
    return float(min(_int_percentile(dxx, 99.5), _int_percentile(dyy, 99.5)))


def _histogram(values: np.ndarray) -> np.ndarray:
    """Counts of each value of small non-negative integers."""
    if values.dtype == np.uint8 and values.ndim <= 2:  # OpenCV's histogram: three times faster
        return np.asarray(cv2.calcHist([values if values.ndim == 2 else values.reshape(-1, 1)], [0], None,
                                       [256],
                                       [0, 256]).ravel())
    return np.bincount(values.ravel())


def _percentile_of_counts(counts: np.ndarray, q: float) -> float:
    """The lowest value with at least q% of the counted values at or below it."""
    cum = np.cumsum(counts)
    return float(np.searchsorted(cum, cum[-1] * q / 100.0)) if cum.size and cum[-1] else 0.0


def _int_percentile(values: np.ndarray, q: float) -> float:
    """Percentile of small non-negative integers by counting (no sort): the lowest value with at
    least q% of the values at or below it."""
    if values.size == 0:
        return 0.0
    return _percentile_of_counts(_histogram(values), q)


def _box_means(gray: np.ndarray, cols: int, rows: int) -> np.ndarray:
    """Mean grey of a cols x rows grid of boxes (summed-area table: no resize of the page)."""
    h, w = gray.shape
    sums = cv2.integral(gray)
    ys, xs = (np.linspace(0, h, rows + 1).round().astype(np.intp),
              np.linspace(0, w, cols + 1).round().astype(np.intp))
    corner = sums[ys][:, xs].astype(np.float64)
    box = corner[1:, 1:] - corner[:-1, 1:] - corner[1:, :-1] + corner[:-1, :-1]
    return np.asarray(box / np.maximum(np.outer(np.diff(ys), np.diff(xs)), 1))


def _dhash(gray: np.ndarray) -> int:
    """Difference hash over a 9x8 grid of box means."""
    small = _box_means(gray, 9, 8)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


_THUMB_COLS, _THUMB_ROWS = 32, 48


def _content_thumb(gray: np.ndarray, ink: np.ndarray, inner: tuple[int, int, int, int]) -> str:
    """The grey page inside the bounding box of its ink (page edges excluded), as box means."""
    x0, y0, x1, y1 = inner
    x, y, w, h = cv2.boundingRect(ink[y0:y1, x0:x1])
    if w < _THUMB_COLS or h < _THUMB_ROWS // 2:
        return ""
    means = _box_means(gray[y0 + y:y0 + y + h, x0 + x:x0 + x + w], _THUMB_COLS, _THUMB_ROWS)
    return np.clip(means + 0.5, 0, 255).astype(np.uint8).tobytes().hex()


def content_similarity(a: str, b: str) -> float | None:
    """Correlation (-1..1) of two pages' content thumbnails; None when either has none."""
    if not a or not b or len(a) != len(b):
        return None
    va = np.frombuffer(bytes.fromhex(a), np.uint8).astype(np.float64)
    vb = np.frombuffer(bytes.fromhex(b), np.uint8).astype(np.float64)
    va, vb = va - va.mean(), vb - vb.mean()
    den = math.sqrt(float((va * va).sum()) * float((vb * vb).sum()))
    return float((va * vb).sum() / den) if den > 0 else None


_PAGE_COLS, _PAGE_ROWS = 80, 112


def _page_thumb(gray: np.ndarray) -> str:
    means = _box_means(gray, _PAGE_COLS, _PAGE_ROWS)
    return np.clip(means + 0.5, 0, 255).astype(np.uint8).tobytes().hex()


def _note_cells(m: PageMeasures) -> tuple[int, int, int, int] | None:
    """The thumbnail cells a page's sticky note covers, one cell of margin around it."""
    if not m.note_bbox or not m.width or not m.height:
        return None
    x, y, w, h = m.note_bbox
    return (max(0, math.floor(x / m.width * _PAGE_COLS) - 1),
            max(0, math.floor(y / m.height * _PAGE_ROWS) - 1),
            min(_PAGE_COLS, math.ceil((x + w) / m.width * _PAGE_COLS) + 1),
            min(_PAGE_ROWS, math.ceil((y + h) / m.height * _PAGE_ROWS) + 1))


def sheet_similarity(a: PageMeasures, b: PageMeasures) -> float | None:
    """Correlation (-1..1) of two captures' whole-page thumbnails outside the sticky note of
    either, after lining them up (a sheet fed again sits a few mm elsewhere: the offset comes
    from phase correlation). None when either has no thumbnail or too little is left to compare."""
    if not a.page_thumb or not b.page_thumb or len(a.page_thumb) != len(b.page_thumb):
        return None
    ta: np.ndarray = np.frombuffer(bytes.fromhex(a.page_thumb),
                                   np.uint8).astype(np.float32).reshape(_PAGE_ROWS, _PAGE_COLS)
    tb: np.ndarray = np.frombuffer(bytes.fromhex(b.page_thumb),
                                   np.uint8).astype(np.float32).reshape(_PAGE_ROWS, _PAGE_COLS)
    keep = np.ones(ta.shape, dtype=bool)
    for cells in (_note_cells(a), _note_cells(b)):
        if cells:
            c0, r0, c1, r1 = cells
            keep[r0:r1, c0:c1] = False
    if keep.sum() < 0.25 * keep.size:
        return None
    # Paper (and the note) made flat: only what is printed on the sheet is compared.
    ta, tb = ta.copy(), tb.copy()
    ta[~keep], tb[~keep] = float(np.median(ta[keep])), float(np.median(tb[keep]))
    (dx, dy), _resp = cv2.phaseCorrelate(ta, tb, cv2.createHanningWindow(ta.shape[::-1], cv2.CV_32F))
    if abs(dx) > 4 or abs(dy) > 4:  # more than ~10 mm: not a refeed of the same sheet
        dx = dy = 0.0
    shift = np.array([[1, 0, -dx], [0, 1, -dy]], dtype=np.float32)
    tb = cv2.warpAffine(tb, shift, (_PAGE_COLS, _PAGE_ROWS), flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_REPLICATE)
    ta, tb = cv2.GaussianBlur(ta, (0, 0), 0.8), cv2.GaussianBlur(tb, (0, 0), 0.8)
    m = 5  # the borders the shift brings in
    k = keep[m:-m, m:-m]
    va, vb = ta[m:-m, m:-m][k].astype(np.float64), tb[m:-m, m:-m][k].astype(np.float64)
    va, vb = va - va.mean(), vb - vb.mean()
    den = math.sqrt(float((va * va).sum()) * float((vb * vb).sum()))
    return float((va * vb).sum() / den) if den > 0 else None


def hash_distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def _working_copies(image: np.ndarray, dpi: int, colour: bool,
                    cfg: QcConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The copies the measures run on: grey at ~150 dpi (sharpness), grey at the analysis dpi
    (everything else, area-averaged: ink, blank, cut-off and skew depend on it) and colour at
    the analysis dpi (hue only: notes, seals, pen). Also the scale from the page to the analysis copy."""
    if dpi > 0 and dpi == 2 * cfg.analysis_dpi:
        # The usual 200-dpi scan: the analysis copies are exact 2x2 averages (OpenCV's fast path).
        small = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        full_gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if colour else image
        gray_mid, _ = _downscale(full_gray, dpi, cfg.sharpness_dpi, fast=True)
        if colour:
            return gray_mid, cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), small, 0.5
        return gray_mid, small, cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), 0.5
    # Otherwise one pass over the full image down to ~150 dpi, then to the analysis dpi.
    mid, mid_scale = _downscale(image, dpi, cfg.sharpness_dpi, fast=True)
    gray_mid = cv2.cvtColor(mid, cv2.COLOR_BGR2GRAY) if colour else mid
    gray, sub = _downscale(gray_mid, round(dpi * mid_scale) if dpi > 0 else 0, cfg.analysis_dpi)
    if not colour:
        bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    elif sub < 1.0:  # colour sampled at the grey copy's size, cheaply
        bgr = cv2.resize(mid, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    else:
        bgr = mid
    return gray_mid, gray, bgr, mid_scale * sub


def measure(image: np.ndarray, dpi: int, cfg: QcConfig | None = None) -> PageMeasures:
    """Measure a page given as an 8-bit BGR (or gray) array at ``dpi``."""
    cfg = cfg or QcConfig()
    colour = image.ndim == 3 and image.shape[2] >= 3
    if image.ndim == 3 and image.shape[2] == 4:
        image = np.ascontiguousarray(image[..., :3])
    gray_mid, gray, bgr, scale = _working_copies(image, dpi, colour, cfg)
    h, w = gray.shape
    ink_raw, contrast = _ink_mask(gray, cfg)
    hsv = cv2.cvtColor(_white_balanced(bgr), cv2.COLOR_BGR2HSV)  # paper made neutral (yellowed paper)
    # Coloured ink (red seal, blue pen): saturated and darker than paper.
    coloured = cv2.bitwise_and(cv2.inRange(hsv, (0, 91, 0), (255, 255, 255)),
                               cv2.compare(gray, 200,
                                           cv2.CMP_LT))  # type: ignore[call-overload]  # a scalar operand
    cv2.bitwise_or(ink_raw, 1, dst=ink_raw, mask=coloured)  # type: ignore[call-overload]  # a scalar operand
    bx, by = max(1, int(w * cfg.border_ignore_frac)), max(1, int(h * cfg.border_ignore_frac))
    ink, ink_px = _clean(ink_raw, cfg.ink_min_component_px, (bx, by, w - bx, h - by))
    note, note_box = _sticky(hsv, scale, dpi, cfg)
    px_per_mm = dpi * scale / 25.4 if dpi > 0 else 100 / 25.4
    content, strong = _content_marks(contrast, (bx, by, w - bx, h - by), px_per_mm, cfg)
    blank = not note and content == 0
    faint_only = False
    if blank:  # faint content away from the marks just set aside (a punch hole's soft rim)
        faint_px = cv2.bitwise_and(_faint_mask(gray, cfg, cfg.faint_only_contrast),
                                   cv2.bitwise_not(cv2.dilate(strong, np.ones((9, 9), np.uint8))))
        faint_only = _inner_px(faint_px) >= cfg.faint_min_px
    faint = None
    if faint_only:
        blank = False  # content is there, too blurred or washed out to read as ink
    # Streaks: columns dark over most of the height (text never is).
    streak_cols = _streak_columns(gray, ink_raw, cfg)
    streaks = int(np.count_nonzero(np.diff(np.concatenate([[0], streak_cols.astype(np.int8), [0]])) == 1))
    # Cut-off: ink in the outermost strip of a side (streak columns excluded).
    sx, sy = max(1, int(w * cfg.cutoff_strip_frac)), max(1, int(h * cfg.cutoff_strip_frac))
    edge_cols = ~cv2.dilate(streak_cols.astype(np.uint8)[None, :], np.ones((1, 5), np.uint8))[0].astype(bool)
    def touching(mask: np.ndarray) -> tuple[str, ...]:
        strips = {"top": mask[:sy, edge_cols], "bottom": mask[h - sy:, edge_cols],
                  "left": mask[:, :sx][:, edge_cols[:sx]], "right": mask[:, w - sx:][:, edge_cols[w - sx:]]}
        return tuple(side for side, strip in strips.items() if int(strip.sum()) >= cfg.cutoff_min_ink_px)

    cut = () if blank else touching(ink_raw)
    paper = int(_int_percentile(gray[::2, ::2], 90))
    ink_level = int(_int_percentile(gray[ink.view(bool)], 2)) if ink_px > 200 else None
    too_dark = paper < cfg.dark_paper_level
    too_light = ink_level is not None and ink_level > cfg.light_ink_level
    if streaks:
        ink = ink.copy()
        ink[:, streak_cols] = 0
    skew = None if blank else _skew(ink)
    sharp = None if blank else _sharpness(gray_mid, contrast, cfg.faint_contrast)
    blurred = faint_only or (sharp is not None and sharp < cfg.blur_min_sharpness)
    if blurred and not blank:  # blurred strokes are too pale for the ink mask: judge them faint
        if faint is None:
            faint = _faint_mask(gray, cfg)
        if skew is None:
            if streaks:
                faint[:, streak_cols] = 0
            skew = _skew(faint)
    if blurred and not cut and not blank and faint is not None:
        cut = touching(faint)  # blurred strokes at the edge: too pale for the ink mask
    return PageMeasures(
        width=image.shape[1], height=image.shape[0], dpi=dpi, colour=colour, ink_px=ink_px, blank=blank,
        sticky_note=note, note_bbox=note_box, skew_deg=skew,
        sharpness=None if sharp is None else round(sharp, 1),
        blurred=blurred, cut_off=cut, paper_level=paper, ink_level=ink_level, too_dark=too_dark,
        too_light=too_light,
        streaks=streaks, phash=_dhash(gray),
        content_thumb="" if blank else _content_thumb(gray, ink, (bx, by, w - bx, h - by)),
        page_thumb="" if blank else _page_thumb(gray),
    )
