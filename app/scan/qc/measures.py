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
    thin = cv2.subtract(cv2.min(gray[:, 4:w - 8], gray[:, 8:w - 4]), mid)  # saturates at 0: only "darker" counts
    wide = cv2.subtract(cv2.min(gray[:, 0:w - 12], gray[:, 12:w]), mid)
    line = cv2.compare(cv2.max(thin, wide), cfg.streak_contrast, cv2.CMP_GT)
    line = cv2.min(cv2.bitwise_or(line, ink[:, 6:w - 6]), 1)
    m = max(1, int(h * 0.06))
    def share(rows: np.ndarray) -> np.ndarray:
        return cv2.reduce(rows, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() / rows.shape[0]
    frac, top, bottom = share(line), share(line[:m]), share(line[h - m:])
    out[6:w - 6] = (frac >= cfg.streak_min_frac) & (top >= cfg.streak_margin_frac) & (bottom >= cfg.streak_margin_frac)
    return out


def _faint_mask(gray: np.ndarray, cfg: QcConfig) -> np.ndarray:
    """Pixels clearly darker than the local paper level (specks removed): content that is too
    blurred or washed out to pass as ink."""
    faint = _above(_local_contrast(gray, 15, 41), cfg.faint_contrast)
    return np.asarray(cv2.morphologyEx(faint, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)))


def _inner_px(mask: np.ndarray) -> int:
    """Set pixels of a mask away from the image edges."""
    h, w = mask.shape
    b = max(1, int(0.03 * min(h, w)))
    return int(mask[b:h - b, b:w - b].sum())


def _clean(mask: np.ndarray, min_px: int, inner: tuple[int, int, int, int]) -> tuple[np.ndarray, int, int]:
    """Drop specks smaller than ``min_px``; return the cleaned mask, the ink pixels of components
    lying inside ``inner`` (x0, y0, x1, y1) and the largest such component."""
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
    largest = int(area[inside].max()) if inside.any() else 0
    specks = np.flatnonzero(keep[1:] == 0) + 1
    if specks.size == 0:
        return mask, ink_px, largest
    if specks.size > 64:  # a noisy page: relabel every pixel at once
        return keep[labels], ink_px, largest
    # A clean page has a few specks: clear them in their own small boxes.
    out = mask.copy()
    for i in specks:
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        box = out[y:y + bh, x:x + bw]
        box[labels[y:y + bh, x:x + bw] == i] = 0
    return out, ink_px, largest


def _white_balanced(bgr: np.ndarray) -> np.ndarray:
    """The page with its paper made neutral (yellowed paper, a tinted lamp): each channel scaled
    so the paper's level matches its brightest channel."""
    sample = bgr[::4, ::4]
    paper = np.array([_int_percentile(sample[..., c], 90) for c in range(3)], dtype=np.float32)
    gains = float(paper.max()) / np.maximum(paper, 1.0)
    if float(gains.max()) < 1.02:
        return bgr
    lut = np.stack([np.clip(np.arange(256, dtype=np.float32) * g, 0, 255) for g in gains], axis=1).astype(np.uint8)
    return cv2.LUT(bgr, lut.reshape(256, 1, 3))


def _sticky(hsv: np.ndarray, scale: float, dpi: int, cfg: QcConfig) -> tuple[bool, tuple[int, int, int, int] | None]:
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
        return cv2.inRange(hsv, (h_lo, math.ceil(s_lo), math.ceil(v_lo)), (h_hi, s_hi, v_hi))

    page_area = hsv.shape[0] * hsv.shape[1]
    # Most pages hold little bright colour: a note needs its area of coloured, bright pixels
    # (text written on it fills at most part of it), so fewer than that ends the search...
    bright = band(0, 180, 40 * wash, 255, 150 * k)
    if cv2.countNonZero(bright) < 0.25 * cfg.note_min_area_frac * page_area:
        return False, None
    # ...and the search runs on the box holding them (a seal, a note), with a margin wider than
    # the morphology below reaches, so the result is the same as on the whole page.
    bx, by, bw, bh = cv2.boundingRect(bright)
    x0, y0 = max(0, bx - 6), max(0, by - 6)
    hsv = hsv[y0:by + bh + 6, x0:bx + bw + 6]

    yellow = band(18, 38, 70 * wash, 255, 150 * k)
    pink = cv2.bitwise_or(band(145, 180, 40 * wash, 170, 180 * k), band(0, 6, 40 * wash, 170, 180 * k))
    orange = band(7, 17, 80 * wash, 255, 190 * k)
    mask = cv2.bitwise_or(cv2.bitwise_or(yellow, pink), orange)
    # The soft edges of a red seal look pink: keep them from joining a note next to the seal.
    # A seal's red sits near hue 179/0; a pink note near 170, a yellow one near 28.
    s_min, v_max = math.floor(170 * wash) + 1, math.ceil(255 - 20 * wash) - 1
    seal = cv2.bitwise_or(band(175, 180, s_min, 255, 0, v_max), band(0, 5, s_min, 255, 0, v_max))
    mask = cv2.bitwise_and(mask, cv2.bitwise_not(cv2.dilate(seal, np.ones((5, 5), np.uint8))))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    px_per_mm = dpi * scale / 25.4
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(c)
        if area < cfg.note_min_area_frac * page_area:
            break
        (_cx, _cy), (rw, rh), _ang = cv2.minAreaRect(c)
        if min(rw, rh) < cfg.note_min_side_mm * px_per_mm or rw * rh == 0:
            continue
        if area / (rw * rh) >= cfg.note_min_rectangularity:
            x, y, w, hh = cv2.boundingRect(c)
            x, y = x + x0, y + y0
            inv = 1 / scale
            return True, (int(x * inv), int(y * inv), int(w * inv), int(hh * inv))
    return False, None


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
        return np.asarray(cv2.calcHist([values if values.ndim == 2 else values.reshape(-1, 1)], [0], None, [256],
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
    ys, xs = np.linspace(0, h, rows + 1).round().astype(np.intp), np.linspace(0, w, cols + 1).round().astype(np.intp)
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
    coloured = cv2.bitwise_and(cv2.inRange(hsv, (0, 91, 0), (255, 255, 255)), cv2.compare(gray, 200, cv2.CMP_LT))
    cv2.bitwise_or(ink_raw, 1, dst=ink_raw, mask=coloured)
    bx, by = max(1, int(w * cfg.border_ignore_frac)), max(1, int(h * cfg.border_ignore_frac))
    ink, ink_px, inner_largest = _clean(ink_raw, cfg.ink_min_component_px, (bx, by, w - bx, h - by))
    note, note_box = _sticky(hsv, scale, dpi, cfg)
    blank = ink_px <= cfg.blank_max_ink_px and inner_largest <= cfg.blank_max_component_px and not note
    faint = _faint_mask(gray, cfg) if blank else None
    faint_only = faint is not None and _inner_px(faint) >= cfg.faint_min_px
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
    if blurred and not cut and not blank:  # blurred strokes at the edge are too pale for the ink mask
        cut = touching(faint)
    return PageMeasures(
        width=image.shape[1], height=image.shape[0], dpi=dpi, colour=colour, ink_px=ink_px, blank=blank,
        sticky_note=note, note_bbox=note_box, skew_deg=skew, sharpness=None if sharp is None else round(sharp, 1),
        blurred=blurred, cut_off=cut, paper_level=paper, ink_level=ink_level, too_dark=too_dark, too_light=too_light,
        streaks=streaks, phash=_dhash(gray),
        content_thumb="" if blank else _content_thumb(gray, ink, (bx, by, w - bx, h - by)),
    )
