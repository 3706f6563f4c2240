"""Pure image measurements for one page: blank, ink, sticky note, skew, blur, cut-off,
exposure, streaks, perceptual hash. Everything runs on a copy downscaled to the analysis dpi,
so a 300-dpi A4 page costs a few tens of milliseconds."""

from __future__ import annotations

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


def _downscale(img: np.ndarray, dpi: int, target: int) -> tuple[np.ndarray, float]:
    scale = min(1.0, target / dpi) if dpi > 0 else 1.0
    if scale < 1.0:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return img, scale


def _ink_mask(gray: np.ndarray, cfg: QcConfig) -> np.ndarray:
    # Local paper level: a wide median-like blur; ink is what is much darker than it.
    bg = cv2.dilate(gray, np.ones((9, 9), np.uint8))
    bg = cv2.blur(bg, (31, 31))
    ink = (bg.astype(np.int16) - gray.astype(np.int16)) > cfg.ink_contrast
    return ink.astype(np.uint8)


def _clean(mask: np.ndarray, min_px: int) -> tuple[np.ndarray, int]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_px
    largest = int(stats[1:, cv2.CC_STAT_AREA].max()) if n > 1 else 0
    return keep[labels].astype(np.uint8), largest


def _sticky(bgr: np.ndarray, scale: float, dpi: int, cfg: QcConfig) -> tuple[bool, tuple[int, int, int, int] | None]:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    yellow = (h >= 18) & (h <= 38) & (s >= 70) & (v >= 150)
    pink = ((h >= 145) | (h <= 6)) & (s >= 40) & (s <= 170) & (v >= 180)
    orange = (h > 6) & (h < 18) & (s >= 80) & (v >= 190)
    mask = (yellow | pink | orange).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    page_area = mask.shape[0] * mask.shape[1]
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
            inv = 1 / scale
            return True, (int(x * inv), int(y * inv), int(w * inv), int(hh * inv))
    return False, None


def _skew(ink: np.ndarray) -> float | None:
    """Median angle of text lines (words merged horizontally), in degrees; positive = counter-clockwise."""
    h, w = ink.shape
    lines = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (13, 1)))
    lines = cv2.erode(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if cw < 0.12 * w or area < 60:
            continue
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        if len(xs) < 50:
            continue
        vx, vy, _, _ = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        if abs(vx) < 1e-6:
            continue
        ang = -np.degrees(np.arctan2(vy, vx))
        if ang > 90:
            ang -= 180
        elif ang < -90:
            ang += 180
        if abs(ang) <= 25:
            angles.append(float(ang))
            weights.append(float(cw))
    if len(angles) < 2:
        return None
    order = np.argsort(angles)
    a, wts = np.array(angles)[order], np.array(weights)[order]
    cum = np.cumsum(wts)
    return round(float(a[np.searchsorted(cum, cum[-1] / 2)]), 2)


def _sharpness(gray_full: np.ndarray, dpi: int) -> float | None:
    """Edge sharpness at ~150 dpi: 99.5th percentile of |Laplacian| near ink."""
    g, _ = _downscale(gray_full, dpi, 150)
    dark = g < 128
    if dark.sum() < 200:
        return None
    near = cv2.dilate(dark.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    # Second derivative along each axis: motion blur smears one direction only, so the
    # page is as sharp as its blurrier direction.
    dxx = np.abs(cv2.Sobel(g, cv2.CV_16S, 2, 0, ksize=3))[near]
    dyy = np.abs(cv2.Sobel(g, cv2.CV_16S, 0, 2, ksize=3))[near]
    return float(min(np.percentile(dxx, 99.5), np.percentile(dyy, 99.5)))


def _dhash(gray: np.ndarray) -> int:
    small = cv2.resize(gray, (9, 8), interpolation=cv2.INTER_AREA)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def hash_distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def measure(image: np.ndarray, dpi: int, cfg: QcConfig | None = None) -> PageMeasures:
    """Measure a page given as an 8-bit BGR (or gray) array at ``dpi``."""
    cfg = cfg or QcConfig()
    colour = image.ndim == 3 and image.shape[2] >= 3
    bgr_full = image[..., :3] if colour else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    gray_full = cv2.cvtColor(bgr_full, cv2.COLOR_BGR2GRAY)
    bgr, scale = _downscale(bgr_full, dpi, cfg.analysis_dpi)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    ink_raw = _ink_mask(gray, cfg)
    hsv_s = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)[..., 1]
    ink_raw |= ((hsv_s > 90) & (gray < 200)).astype(np.uint8)  # coloured ink (red seal, blue pen)
    ink, largest = _clean(ink_raw, cfg.ink_min_component_px)
    bx, by = max(1, int(w * cfg.border_ignore_frac)), max(1, int(h * cfg.border_ignore_frac))
    inner = ink[by:h - by, bx:w - bx]
    ink_px = int(inner.sum())
    _, inner_largest = _clean(np.ascontiguousarray(inner), cfg.ink_min_component_px)
    note, note_box = _sticky(bgr, scale, dpi, cfg)
    blank = ink_px <= cfg.blank_max_ink_px and inner_largest <= cfg.blank_max_component_px and not note
    # Streaks: columns dark over most of the height (text never is).
    streak_cols = ink_raw.mean(axis=0) >= cfg.streak_min_frac
    streaks = int(np.count_nonzero(np.diff(np.concatenate([[0], streak_cols.astype(np.int8), [0]])) == 1))
    # Cut-off: ink in the outermost strip of a side (streak columns excluded).
    edge_ink = ink_raw.copy()
    edge_ink[:, cv2.dilate(streak_cols.astype(np.uint8)[None, :], np.ones((1, 5), np.uint8))[0].astype(bool)] = 0
    sx, sy = max(1, int(w * cfg.cutoff_strip_frac)), max(1, int(h * cfg.cutoff_strip_frac))
    strips = {"top": edge_ink[:sy, :], "bottom": edge_ink[h - sy:, :], "left": edge_ink[:, :sx], "right": edge_ink[:, w - sx:]}
    cut = tuple(side for side, strip in strips.items() if int(strip.sum()) >= cfg.cutoff_min_ink_px and not blank)
    paper = int(np.percentile(gray, 90))
    ink_level = int(np.percentile(gray[ink.astype(bool)], 2)) if ink_px > 200 else None
    too_dark = paper < cfg.dark_paper_level
    too_light = ink_level is not None and ink_level > cfg.light_ink_level
    if streaks:
        ink = ink.copy()
        ink[:, streak_cols] = 0
    skew = None if blank else _skew(ink)
    sharp = None if blank else _sharpness(gray_full, dpi)
    blurred = sharp is not None and sharp < cfg.blur_min_sharpness
    return PageMeasures(
        width=image.shape[1], height=image.shape[0], dpi=dpi, colour=colour, ink_px=ink_px, blank=blank,
        sticky_note=note, note_bbox=note_box, skew_deg=skew, sharpness=None if sharp is None else round(sharp, 1),
        blurred=blurred, cut_off=cut, paper_level=paper, ink_level=ink_level, too_dark=too_dark, too_light=too_light,
        streaks=streaks, phash=_dhash(gray),
    )
