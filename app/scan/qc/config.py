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
    # Blank: a page is blank when none of its ink marks is content. Not content: dust and toner
    # specks (smaller than this on both sides and in area), punch holes, staple marks near a
    # corner, shadows along an edge, and marks that never reach this contrast (show-through of
    # the other side peaks well below it; washed-out print and pencil stay above it).
    speck_max_side_mm: float = 1.4
    speck_max_area_mm2: float = 1.6
    content_min_peak: int = 50
    punch_hole_mm: tuple[float, float] = (4.0, 9.0)  # diameter
    punch_hole_edge_mm: float = 25.0  # centre at most this far from an edge
    staple_corner_mm: float = 35.0
    staple_max_width_mm: float = 1.6
    edge_shadow_max_depth_mm: float = 12.0
    # A page whose only content is faint (heavy blur, washed out) has no "ink" but is not blank:
    # pixels this much darker than the local paper, over at least this area (at analysis_dpi).
    # Show-through of the other side stays well under it.
    faint_contrast: int = 20
    faint_only_contrast: int = 25  # (show-through of thin paper reaches about 22)
    faint_min_px: int = 1500
    # Sticky notes: a near-rectangle of one bright colour (yellow, pink, orange, green, blue,
    # strong or pastel) of at least this size, filled with its colour but for the writing.
    note_min_area_frac: float = 0.01
    note_min_side_mm: float = 25.0
    note_min_rectangularity: float = 0.90  # convex hull / enclosing rectangle (a face: < 0.9)
    note_min_saturation: int = 28  # pastel blue / pink notes sit near 45-50 (0-255)
    note_min_fill: float = 0.72
    note_max_aspect: float = 3.5  # a header band or a highlighted line is longer
    note_max_width_frac: float = 0.75  # ...or as wide as the page
    note_saturation_band: int = 22  # a note's colour: within this of its commonest saturation...
    note_value_band: int = 30  # ...and brightness (its curl shades it a little)
    # Mean difference of the 3 x 3 mean from the 9 x 9 mean (brightness + saturation): a note
    # is flat paper (0.2-1.1; 1.9 for a dark, noisy scan); a photo has shading and texture.
    note_max_texture: float = 3.0
    # Skew: report the angle; warn above this.
    skew_warn_deg: float = 1.0
    # Blur: sharpness = 99th percentile of |Laplacian| on ink edges; below this the page is blurred.
    blur_min_sharpness: float = 200.0
    # Cut-off: ink in the outermost strip of the image (fraction of the side), more than this many px.
    cutoff_strip_frac: float = 0.006
    cutoff_min_ink_px: int = 12
    # Exposure: paper level (90th percentile) below this is too dark; ink level (2nd pct) above this
    # too light.
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
    # Rule 4: the noted capture and the same sheet without the note correlate >= 0.96 outside
    # the note (whole-page thumbnails lined up); another page of the same form stays <= 0.88.
    note_pair_min_similarity: float = 0.92
