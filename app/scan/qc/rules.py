"""The official scan-quality rules (seed 002, section 3) as pure functions over page
measurements and session facts. Each finding names its rule, severity and page, with a message
for the officer (Vietnamese, including the fix) and one for the logs (English)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.messages import Msg
from app.scan.qc.config import QcConfig
from app.scan.qc.measures import PageMeasures, content_similarity, hash_distance, sheet_similarity


class RuleId(StrEnum):
    """The rules; a finding's ``rule`` (the first half of its key, ``rule:page``, as stored in
    overrides)."""

    BOTH_SIDES = "both_sides"
    SHEET_COUNT = "sheet_count"
    ORDER = "order"
    STICKY_NOTE = "sticky_note"
    CUT_OFF = "cut_off"
    BLUR = "blur"
    SKEW = "skew"
    EXPOSURE = "exposure"
    STREAK = "streak"
    INTEGRITY = "integrity"
    PROFILE = "profile"
    DUPLICATE = "duplicate"


class FixAction(StrEnum):
    """A fix the Scan screen applies for the officer ("Apply the fix"); every member is handled
    there (tests/ui check it). Findings without one say in words what to do."""

    NONE = ""
    RESCAN = "rescan"  # rescan that page
    CAPTURE_WITHOUT_NOTE = "capture_without_note"  # capture the sheet again, note peeled, after it
    CONFIRM_SIMPLEX = "confirm_simplex"  # the officer confirms every back is blank (audited)
    DROP_BACKS = "drop_backs"  # drop every (blank) back
    DESKEW = "deskew"  # straighten the page (a derived page; the capture is kept)
    REMOVE_REPEAT = "remove_repeat"  # delete the page fed twice


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Findings no reason can waive (see Finding.waivable).
NOT_WAIVABLE = frozenset({RuleId.INTEGRITY})


def waivable_key(finding_key: str) -> bool:
    return finding_key.split(":", 1)[0] not in NOT_WAIVABLE


@dataclass(frozen=True)
class Finding:
    rule: RuleId
    severity: Severity
    page: int | None  # 1-based capture index; None for the whole session
    message: Msg  # for the officer (vi, with the fix) and the logs (en)
    action: FixAction = FixAction.NONE  # what "Apply the fix" does

    @property
    def key(self) -> str:
        return f"{self.rule}:{self.page or 0}"

    @property
    def waivable(self) -> bool:
        """Whether an officer may accept it with a reason. A changed capture is a fact, not a
        judgement: the only ways forward are rescan or delete."""
        return self.rule not in NOT_WAIVABLE

    @property
    def message_vi(self) -> str:
        return self.message.vi

    @property
    def message_en(self) -> str:
        return self.message.en

    def as_dict(self) -> dict[str, object]:
        """The JSON form (``motcua qc --json``): rule, severity, page, message_vi, message_en, action."""
        return {"rule": self.rule.value, "severity": self.severity.value, "page": self.page,
                "message_vi": self.message.vi, "message_en": self.message.en, "action": self.action.value}


@dataclass(frozen=True)
class SessionFacts:
    duplex: bool = False
    declared_sheets: int | None = None
    backs_dropped: bool = False
    simplex_confirmed: bool = False  # officer confirmed every sheet is blank on the back (audited)
    note_pairs: tuple[tuple[int, int], ...] = ()  # (page with note, page without it) paired by the officer
    integrity_failures: tuple[int, ...] = ()  # pages whose stored hash no longer matches
    page_numbers: dict[int,
                       tuple[int, int | None]] = field(default_factory=dict)  # page -> (n, of) read by OCR
    same_capture: dict[int,
                       int] = field(default_factory=dict)  # 0-based page -> earlier page with the same bytes


def _sheet_side(index: int, facts: SessionFacts) -> str:
    if facts.duplex and not facts.backs_dropped:
        sheet, side = index // 2 + 1, "mặt trước" if index % 2 == 0 else "mặt sau"
        return f"trang {index + 1} ({side} tờ {sheet})"
    return f"trang {index + 1}"


def page_findings(i: int, m: PageMeasures, cfg: QcConfig, facts: SessionFacts) -> list[Finding]:
    """Rules that look at one page alone."""
    p = i + 1
    where = _sheet_side(i, facts)
    out: list[Finding] = []
    if m.dpi <= 0:
        out.append(Finding(RuleId.PROFILE, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: ảnh không ghi "
                                                                     "độ phân giải; quét lại với ≥ "
                                                                     f"{cfg.min_dpi} dpi",
                           en=f"Page {p}: image records no resolution; rescan at >= {cfg.min_dpi} "
                              "dpi"), FixAction.RESCAN))
    elif m.dpi < cfg.min_dpi:
        out.append(Finding(RuleId.PROFILE, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: độ phân giải "
                                                                     f"{m.dpi} dpi thấp hơn {cfg.min_dpi} "
                                                                     "dpi; quét lại",
                           en=f"Page {p}: {m.dpi} dpi is below {cfg.min_dpi} dpi"), FixAction.RESCAN))
    if cfg.require_colour and not m.colour:
        out.append(Finding(RuleId.PROFILE, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: ảnh không phải "
                                                                     "ảnh màu; quét lại ở chế độ màu",
                           en=f"Page {p}: not a colour image"), FixAction.RESCAN))
    if m.cut_off:
        sides_vi = ", ".join({"top": "trên", "bottom": "dưới", "left": "trái",
                              "right": "phải"}[s] for s in m.cut_off)
        out.append(Finding(RuleId.CUT_OFF, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: nội dung bị "
                                                                     f"cắt ở mép {sides_vi}; đặt lại giấy "
                                                                     "và quét lại",
                           en=f"Page {p}: content touches the {', '.join(m.cut_off)} edge (cut "
                              "off)"), FixAction.RESCAN))
    if m.blurred:
        out.append(Finding(RuleId.BLUR, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: ảnh bị mờ; lau "
                                                                  "kính/kiểm tra giấy và quét lại",
                           en=f"Page {p}: blurred (sharpness {m.sharpness})"), FixAction.RESCAN))
    if m.skew_deg is not None and abs(m.skew_deg) > cfg.skew_warn_deg:
        out.append(Finding(RuleId.SKEW, Severity.WARNING, p, Msg(vi=f"{where.capitalize()}: bị nghiêng "
                                                                    f"{m.skew_deg:+.1f}°; xoay thẳng hoặc "
                                                                    "quét lại",
                           en=f"Page {p}: skewed {m.skew_deg:+.1f} degrees"), FixAction.DESKEW))
    if m.too_dark:
        out.append(Finding(RuleId.EXPOSURE, Severity.WARNING, p, Msg(vi=f"{where.capitalize()}: ảnh quá "
                                                                        "tối; giảm độ tối và quét lại",
                           en=f"Page {p}: too dark (paper level {m.paper_level})"), FixAction.RESCAN))
    if m.too_light:
        out.append(Finding(RuleId.EXPOSURE, Severity.WARNING, p, Msg(vi=f"{where.capitalize()}: chữ quá "
                                                                        "nhạt; tăng độ đậm và quét lại",
                           en=f"Page {p}: too light (ink level {m.ink_level})"), FixAction.RESCAN))
    if m.streaks:
        out.append(Finding(RuleId.STREAK, Severity.WARNING, p, Msg(vi=f"{where.capitalize()}: có vệt sọc "
                                                                      "dọc do kính máy quét bẩn; lau kính "
                                                                      "và quét lại",
                           en=f"Page {p}: {m.streaks} scanner streak(s)"), FixAction.RESCAN))
    if p - 1 in facts.integrity_failures:
        out.append(Finding(RuleId.INTEGRITY, Severity.ERROR, p, Msg(vi=f"{where.capitalize()}: tệp ảnh đã "
                                                                       "bị thay đổi sau khi quét; "
                                  "quét lại hoặc xóa trang này (không thể chấp nhận)",
                           en=f"Page {p}: stored image no longer matches its SHA-256 "
                           "(rescan or delete it; cannot be accepted)"),
                           FixAction.RESCAN))
    return out


def session_findings(pages: Sequence[PageMeasures], facts: SessionFacts, cfg: QcConfig) -> list[Finding]:
    """Rules that need the whole capture sequence."""
    out: list[Finding] = []
    n = len(pages)
    # 1. Both sides.
    if facts.duplex and not facts.backs_dropped:
        backs = [i for i in range(1, n, 2)]
        blank_backs = [i for i in backs if pages[i].blank]
        if backs and len(blank_backs) == len(backs):
            out.append(Finding(RuleId.BOTH_SIDES, Severity.INFO, None,
                               Msg(vi=f"Mọi mặt sau ({len(backs)}) đều trắng: có thể bỏ tất cả mặt sau",
                               en=f"All {len(backs)} backs are blank: they can be dropped "
                                  "together"), FixAction.DROP_BACKS))
        else:
            for i in blank_backs:
                out.append(Finding(RuleId.BOTH_SIDES, Severity.INFO, i + 1,
                                   Msg(vi=f"{_sheet_side(i, facts).capitalize()} trắng; "
                                       "được giữ lại vì có mặt sau khác có nội dung",
                                   en=f"Page {i + 1}: blank back, kept because other backs have content")))
    elif not facts.duplex and not facts.simplex_confirmed and n:
        out.append(Finding(RuleId.BOTH_SIDES, Severity.ERROR, None,
                           Msg(vi="Quét một mặt: hãy xác nhận mọi tờ đều trắng ở mặt sau, hoặc quét hai mặt",
                           en="Simplex scan: confirm every sheet is blank on the back, or scan "
                              "duplex"), FixAction.CONFIRM_SIMPLEX))
    # 2. Count.
    if facts.declared_sheets:
        d = facts.declared_sheets
        expected = (2 * d,) if facts.duplex and not facts.backs_dropped else (d,)
        if n not in expected:
            exp = expected[0]
            diff = exp - n
            what_vi = f"thiếu {diff} ảnh" if diff > 0 else f"thừa {-diff} ảnh"
            what_en = f"{diff} missing" if diff > 0 else f"{-diff} extra"
            out.append(Finding(RuleId.SHEET_COUNT, Severity.ERROR, None,
                               Msg(vi=f"Khai báo {d} tờ, cần {exp} ảnh nhưng có {n}: {what_vi}",
                               en=f"Declared {d} sheets: expected {exp} captures, got {n} ({what_en})")))
    step = 2 if facts.duplex and not facts.backs_dropped else 1
    fronts = list(range(0, n, step))
    for a, b in zip(fronts, fronts[1:], strict=False):
        pa, pb = pages[a], pages[b]
        ra, rb = pa.width / max(1, pa.height), pb.width / max(1, pb.height)
        if pa.dpi and pb.dpi:
            ha, hb = pa.height / pa.dpi, pb.height / pb.dpi
            if (abs(ha - hb) / max(ha, hb) > cfg.size_change_frac
                    or abs(ra - rb) / max(ra, rb) > cfg.size_change_frac):
                out.append(Finding(RuleId.SHEET_COUNT, Severity.WARNING, b + 1,
                                   Msg(vi=f"Trang {b + 1} khác kích thước trang trước: "
                                       "có thể hai tờ bị kéo cùng lúc; kiểm tra lại",
                                   en=f"Page {b + 1}: size differs from page {a + 1} (possible double "
                                      "feed)")))
        if not pa.blank and not pb.blank and _looks_repeated(pa, pb, cfg) \
                and not pa.sticky_note and not pb.sticky_note and b not in [q for _, q in facts.note_pairs]:
            out.append(Finding(RuleId.SHEET_COUNT, Severity.WARNING, b + 1,
                               Msg(vi=f"Trang {b + 1} gần như trùng trang {a + 1}: có thể quét lặp một tờ",
                               en=f"Page {b + 1} looks like a repeat of page "
                                  f"{a + 1}"), FixAction.REMOVE_REPEAT))
    # The very same capture twice (identical bytes): never built without the officer's say.
    for b, a in sorted(facts.same_capture.items()):
        if b < n and a < n and not (pages[a].blank and pages[b].blank):
            out.append(Finding(RuleId.DUPLICATE, Severity.ERROR, b + 1,
                               Msg(vi=f"Trang {b + 1} là bản trùng hoàn toàn của trang {a + 1} "
                                   "(cùng một ảnh); xóa một trong hai",
                               en=f"Page {b + 1} is the same capture as page {a + 1} (identical "
                                  "bytes)"), FixAction.REMOVE_REPEAT))
    # 3. Order (printed page numbers, when OCR read them).
    if facts.page_numbers:
        seen = sorted(facts.page_numbers.items())
        numbers = [num for _, (num, _of) in seen]
        for (page, (num, _of)), prev in zip(seen[1:], numbers, strict=False):
            if num <= prev:
                out.append(Finding(RuleId.ORDER, Severity.WARNING, page, Msg(vi=f"Trang {page} mang số "
                                                                                f"{num} sau số {prev}: sai "
                                                                                "thứ tự",
                                   en=f"Page {page} is numbered {num} after {prev}: out of order")))
        totals = {of for _, (_n, of) in seen if of}
        if totals:
            total = max(totals)
            missing = sorted(set(range(1, total + 1)) - set(numbers))
            if missing:
                out.append(Finding(RuleId.ORDER, Severity.WARNING, None,
                                   Msg(vi=f"Thiếu trang số {', '.join(map(str, missing))} / {total}",
                                   en=f"Missing printed page number(s) {missing} of {total}")))
        else:
            missing = _unnumbered_gaps(pages, facts)
            if missing:
                out.append(Finding(RuleId.ORDER, Severity.WARNING, None,
                                   Msg(vi=f"Thiếu trang số {', '.join(map(str, missing))}",
                                   en=f"Missing printed page number(s) {missing}")))
    # 4. Sticky notes: the sheet must also be captured without the note, next to the noted
    # capture (before or after it): a capture of the same sheet, its content matching outside
    # the note.
    paired = {a for a, _ in facts.note_pairs}
    for i, m in enumerate(pages):
        if m.sticky_note and (i + 1) not in paired:
            out += _note_pair_findings(pages, i, facts, cfg)
    return out


def _unnumbered_gaps(pages: Sequence[PageMeasures], facts: SessionFacts) -> list[int]:
    """Page numbers missing from a run of bare numbers (no total printed; ND30 numbers pages from
    2 on, the first page unnumbered): a jump from n to m is a gap only when fewer captures with
    content and no number read lie between them than the numbers skipped (a number OCR did not
    read is not a missing page)."""
    read = sorted((p, num) for p, (num, _of) in facts.page_numbers.items())
    def unread(lo: int, hi: int) -> int:  # captures lo < page < hi (1-based) with content, no number read
        return sum(1 for q in range(lo + 1, hi) if q <= len(pages) and not pages[q - 1].blank
                   and q not in facts.page_numbers)
    missing: list[int] = []
    first_page, first_num = read[0]
    skipped = list(range(2 if first_num > 1 else 1, first_num))  # page 1 carries no number
    if len(skipped) > max(0, unread(0, first_page) - 1):
        missing += skipped
    for (pa, a), (pb, b) in zip(read, read[1:], strict=False):
        if b > a + 1 and unread(pa, pb) < b - a - 1:
            missing += list(range(a + 1, b))
    return missing


def _same_sheet(noted: PageMeasures, other: PageMeasures, cfg: QcConfig) -> bool | None:
    """Whether ``other`` is the noted sheet captured again without its note; None when the
    pages carry no thumbnail to compare (rows stored by older versions)."""
    if other.sticky_note or other.blank:
        return False
    similarity = sheet_similarity(noted, other)
    return None if similarity is None else similarity >= cfg.note_pair_min_similarity


def _note_pair_findings(pages: Sequence[PageMeasures], i: int, facts: SessionFacts,
                        cfg: QcConfig) -> list[Finding]:
    n = len(pages)
    p = i + 1
    # Adjacent: the capture right before or after; in a duplex session, the same side of the
    # sheet fed again also sits two captures away.
    steps = (1, -1, 2, -2) if facts.duplex and not facts.backs_dropped else (1, -1)
    near = [i + d for d in steps if 0 <= i + d < n]
    verdicts = {j: _same_sheet(pages[i], pages[j], cfg) for j in near}
    if any(v for v in verdicts.values()):
        return []
    if all(v is None for v in verdicts.values()) and verdicts:
        # Older rows without page thumbnails: the capture after it must hold content.
        nxt = pages[i + 1] if i + 1 < n else None
        if nxt is not None and not nxt.sticky_note and not nxt.blank:
            return []
    action = FixAction.CAPTURE_WITHOUT_NOTE
    far = [j for j in range(n) if j not in near and j != i and _same_sheet(pages[i], pages[j], cfg)]
    if far:
        j = far[0]
        action = FixAction.NONE  # the words say which page to move where
        vi = (f"Trang {p} có giấy nhớ dán; bản quét không có giấy nhớ của tờ này là trang {j + 1}, "
              f"không nằm liền kề: chuyển trang {j + 1} về ngay sau trang {p}")
        en = (f"Page {p} carries a sticky note; its capture without the note is page {j + 1}, "
              f"not adjacent: move page {j + 1} right after page {p}")
    elif near:
        others = ", ".join(str(j + 1) for j in sorted(near))
        vi = (f"Trang {p} có giấy nhớ dán; thiếu bản quét của chính tờ này khi đã bóc giấy nhớ "
              f"(trang {others} bên cạnh là tờ khác): bóc giấy nhớ và quét lại tờ này ngay sau trang {p}")
        en = (f"Page {p} carries a sticky note; the capture of the same sheet without the note is missing "
              f"(adjacent page {others} is another sheet): peel the note and capture it right after page {p}")
    else:
        vi = f"Trang {p} có giấy nhớ dán: bóc giấy nhớ và quét lại trang này ngay sau đó"
        en = f"Page {p} carries a sticky note; the capture of the same sheet without the note is missing"
    return [Finding(RuleId.STICKY_NOTE, Severity.ERROR, p, Msg(vi=vi, en=en), action)]


def evaluate(pages: Sequence[PageMeasures], facts: SessionFacts | None = None,
             cfg: QcConfig | None = None) -> list[Finding]:
    facts = facts or SessionFacts()
    cfg = cfg or QcConfig()
    out: list[Finding] = []
    for i, m in enumerate(pages):
        out += page_findings(i, m, cfg, facts)
    return out + session_findings(pages, facts, cfg)


def verdict(findings: Sequence[Finding], overridden: set[str] | frozenset[str] = frozenset()) -> str:
    active = [f for f in findings if f.key not in overridden or not f.waivable]
    if any(f.severity is Severity.ERROR for f in active):
        return "fail"
    if any(f.severity is Severity.WARNING for f in active):
        return "warn"
    return "pass"


def _looks_repeated(a: PageMeasures, b: PageMeasures, cfg: QcConfig) -> bool:
    """The same sheet captured twice in a row: their content correlates closely (or, for pages
    measured before content thumbnails existed, their difference hashes nearly agree)."""
    similarity = content_similarity(a.content_thumb, b.content_thumb)
    if similarity is not None:
        return similarity >= cfg.repeat_min_similarity
    return hash_distance(a.phash, b.phash) <= cfg.repeat_max_hash_distance
