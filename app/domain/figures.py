"""The supervisor's figures over a period, computed from per-dossier facts (pure): dossiers
received, components digitized and reused, pages, the reuse rate (share of dossiers reusing
digitized data from the warehouse, the indicator seed 000 sets at 60% for the year), the QC
first-pass rate, overrides and send-back reasons, time from reception to sent, results returned,
and the Decision 766/QĐ-TTg digitisation indicators against their full-point threshold.

Definitions (where the sources leave a choice, what a supervisor reads them as):
- reuse_rate: components taken from the owner's data warehouse / reusable components (the
  measure the workstation's daily figure has always used, services.reuse.reuse_rate);
- first_pass_rate: digitized components whose document was built once, with no QC override and
  not sent back / digitized components;
- digitized_share (766): dossiers whose every required component has its electronic document
  (scanned and built, or reused) / dossiers received;
- reuse_share (766): dossiers with at least one component taken from the warehouse / dossiers;
- warehouse_component_share (766): components taken from the warehouse / components with an
  electronic document;
- electronic_result_share (766): dossiers whose result was returned with an electronic result
  document / dossiers whose result was returned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median

REUSE_TARGET = 0.60  # seed 000: the district's 2024 target, a yearly figure
INDICATOR_THRESHOLD = 0.80  # Decision 766: full points at 80% and above (domain brief)


@dataclass(frozen=True)
class DossierFacts:
    number: str
    day: date
    officer: str
    procedure: str
    components_required: int = 0
    reusable: int = 0  # components the warehouse could supply
    required_done: int = 0
    digitized: int = 0  # components scanned and built here
    reused: int = 0  # components taken from the warehouse
    pages: int = 0
    first_pass: int = 0  # digitized components built once, no override, not sent back
    overrides: int = 0
    send_back_reasons: tuple[str, ...] = ()
    received_at: datetime | None = None
    sent_at: datetime | None = None
    result_returned: bool = False
    electronic_result: bool = False


@dataclass
class Figures:
    key: str
    dossiers: int = 0
    components: int = 0
    digitized: int = 0
    reused: int = 0
    pages: int = 0
    reusable: int = 0
    reuse_rate: float | None = None
    reuse_share: float | None = None
    first_pass_rate: float | None = None
    overrides: int = 0
    sent_back: int = 0
    send_back_reasons: dict[str, int] = field(default_factory=dict)
    hours_to_sent_median: float | None = None
    results_returned: int = 0
    digitized_share: float | None = None
    warehouse_component_share: float | None = None
    electronic_result_share: float | None = None


def _share(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def figures(facts: list[DossierFacts], key: str = "total") -> Figures:
    f = Figures(key)
    f.dossiers = len(facts)
    f.digitized = sum(x.digitized for x in facts)
    f.reused = sum(x.reused for x in facts)
    f.components = f.digitized + f.reused
    f.pages = sum(x.pages for x in facts)
    f.reusable = sum(x.reusable for x in facts)
    f.reuse_rate = _share(f.reused, f.reusable)
    f.reuse_share = _share(sum(1 for x in facts if x.reused), f.dossiers)
    f.first_pass_rate = _share(sum(x.first_pass for x in facts), f.digitized)
    f.overrides = sum(x.overrides for x in facts)
    f.sent_back = sum(1 for x in facts if x.send_back_reasons)
    f.send_back_reasons = dict(Counter(r for x in facts for r in x.send_back_reasons).most_common())
    hours = [(x.sent_at - x.received_at).total_seconds() / 3600 for x in facts
             if x.sent_at is not None and x.received_at is not None]
    f.hours_to_sent_median = round(median(hours), 2) if hours else None
    returned = [x for x in facts if x.result_returned]
    f.results_returned = len(returned)
    f.digitized_share = _share(sum(1 for x in facts if x.components_required and
                                   x.required_done >= x.components_required), f.dossiers)
    f.warehouse_component_share = _share(f.reused, f.components)
    f.electronic_result_share = _share(sum(1 for x in returned if x.electronic_result), len(returned))
    return f


def grouped(facts: list[DossierFacts], by: str) -> list[Figures]:
    """Figures per officer or per procedure, sorted by key."""
    groups: dict[str, list[DossierFacts]] = {}
    for x in facts:
        groups.setdefault(x.officer if by == "officer" else x.procedure, []).append(x)
    return [figures(v, k) for k, v in sorted(groups.items())]


def indicators(total: Figures) -> list[dict[str, object]]:
    """The 766 digitisation indicators with their threshold and whether it is met."""
    rows = [("digitized_share", "Tỷ lệ hồ sơ được số hóa", total.digitized_share),
            ("reuse_share", "Tỷ lệ hồ sơ sử dụng lại dữ liệu số hóa", total.reuse_share),
            ("warehouse_component_share", "Tỷ lệ thành phần lấy từ kho dữ "
                                          "liệu", total.warehouse_component_share),
            ("electronic_result_share", "Tỷ lệ hồ sơ có kết quả điện tử", total.electronic_result_share)]
    return [{"key": k, "name_vi": n, "value": v, "threshold": INDICATOR_THRESHOLD,
             "met": None if v is None else v >= INDICATOR_THRESHOLD} for k, n, v in rows]
