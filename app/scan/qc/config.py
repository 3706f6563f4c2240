"""Every QC threshold in one typed, documented object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QcConfig:
    analysis_dpi: int = 100  # measures run on a copy downscaled to this resolution
    sharpness_dpi: int = 150  # blur is judged on a copy at this resolution (edges need detail)
    # Ink: a pixel darker than its local paper by this much (0-255) is ink; faint show-through
    # from the back of thin paper stays below it.
    ink_contrast: int = 60
    ink_contrast_floor: int = 30  # washed-out pages: never below this (show-through stays under it)
    ink_min_component_px: int = 4  # smaller specks are dust (at analysis_dpi)
    border_ignore_frac: float = 0.015  # scanner-edge shadows are not content
    blank_max_ink_px: int = 25  # a page with less ink than this is blank (a page number has more)
    blank_max_component_px: int = 15
    # A page whose only content is faint (heavy blur, washed out) has no "ink" but is not blank:
    # pixels this much darker than the local paper, over at least this area (at analysis_dpi).
    # Show-through of the other side stays well under it.
    faint_contrast: int = 20
    faint_min_px: int = 1500
    # Sticky notes: a solid yellow / pink near-rectangle of at least this size.
    note_min_area_frac: float = 0.01
    note_min_side_mm: float = 25.0
    note_min_rectangularity: float = 0.80
    # Skew: report the angle; warn above this.
    skew_warn_deg: float = 1.0
    # Blur: sharpness = 99th percentile of |Laplacian| on ink edges; below this the page is blurred.
    blur_min_sharpness: float = 200.0
    # Cut-off: ink in the outermost strip of the image (fraction of the side), more than this many px.
    cutoff_strip_frac: float = 0.006
    cutoff_min_ink_px: int = 12
    # Exposure: paper level (90th percentile) below this is too dark; ink level (2nd pct) above this too light.
    dark_paper_level: int = 150
    light_ink_level: int = 150
    # Streaks: a column (or row) dark over this fraction of the page height is a scanner streak.
    streak_min_frac: float = 0.6  # share of the height a streak covers (text crosses it)
    streak_margin_frac: float = 0.8  # ...and of the top and bottom margins (a printed frame stops short)
    streak_contrast: int = 12  # a thin streak is this much darker than the columns beside it
    # Technical profile (Circular 02/2019/TT-BNV, Decree 30/2020 App. I): colour, >= 200 dpi.
    min_dpi: int = 200
    require_colour: bool = True
    # Double feed / repeated sheet.
    size_change_frac: float = 0.08
    repeat_max_hash_distance: int = 4  # pages without a content thumbnail (stored by older versions)
    # A sheet fed twice correlates >= 0.94 with itself (shifted 3 mm, turned 0.7 deg, other noise);
    # the next page of the same form stays <= 0.76 (bench.qc_accuracy prints both).
    repeat_min_similarity: float = 0.88
