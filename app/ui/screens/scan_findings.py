"""The Scan screen's findings list: one line per page (its worst issue, how many more it has) and
one per session-wide finding; the fix each line proposes is named on the "Apply the fix"
button; "problems only" hides the lines already accepted."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.services import scan_view as sa
from app.services.digitize import FixAction
from app.ui.screens.scan_widgets import FINDING_ROLE, PAGE_ROLE, _tr


def _rank(f: sa.FindingInfo) -> int:
    if f.overridden:
        return 1
    return {"error": 3, "warning": 2}.get(f.severity, 0)  # info: a note, not a problem


@dataclass(frozen=True)
class FindingLine:
    finding: sa.FindingInfo  # the worst one: what "Accept" and "Apply the fix" act on
    position: int | None  # the page's number, None for a finding about the whole session
    more: int = 0  # further open findings on the same page

    @property
    def resolved(self) -> bool:
        """Accepted, or only a note: what "problems only" hides."""
        return _rank(self.finding) < 2


def finding_lines(session: sa.SessionInfo) -> list[FindingLine]:
    """Session-wide findings first, then one line per page in page order."""
    by_page: dict[str, list[sa.FindingInfo]] = {}
    lines = []
    for f in session.findings:
        if f.page_id is None:
            lines.append(FindingLine(f, None))
        else:
            by_page.setdefault(f.page_id, []).append(f)
    for page in session.pages:
        found = by_page.get(page.page_id)
        if found:
            worst = max(found, key=_rank)  # max keeps the first of equals: the rules' own order
            more = sum(1 for f in found if f is not worst and not f.overridden)
            lines.append(FindingLine(worst, page.position, more))
    return lines


def counts(session: sa.SessionInfo) -> tuple[int, int, int]:
    """(errors to fix, warnings, accepted): the same figures in the title and the status line."""
    errors = len(session.blocking)
    warnings = sum(1 for f in session.findings if f.severity == "warning" and not f.overridden)
    accepted = sum(1 for f in session.findings if f.overridden)
    return errors, warnings, accepted


def fix_label(line: FindingLine | None) -> str:
    """The fix button's text for the selected line."""
    action = line.finding.action if line is not None else FixAction.NONE
    n = str(line.position) if line is not None and line.position is not None else ""
    text = {
        FixAction.RESCAN: _tr("Rescan page %1 (Ctrl+J)"),
        FixAction.CAPTURE_WITHOUT_NOTE: _tr("Capture page %1 again (Ctrl+J)"),
        FixAction.DESKEW: _tr("Straighten page %1 (Ctrl+J)"),
        FixAction.REMOVE_REPEAT: _tr("Delete the repeated page %1 (Ctrl+J)"),
        FixAction.CONFIRM_SIMPLEX: _tr("Confirm the backs are blank (Ctrl+J)"),
        FixAction.DROP_BACKS: _tr("Drop the blank backs (Ctrl+J)"),
    }.get(action, _tr("Apply the fix (Ctrl+J)"))
    return text.replace("%1", n)


class FindingsPanel(QListWidget):
    """The session's findings as lines (finding_lines); the full text of every finding on a
    page, with its fix, is the line's tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("findings")
        self.setWordWrap(True)
        self.problems_only = False
        self._lines: list[FindingLine] = []

    def show_findings(self, session: sa.SessionInfo, *, english: bool) -> None:
        line = self.current_line() if self.currentItem() is not None else None
        keep = None if line is None else (line.finding.page_id or line.finding.finding_id)
        self.clear()
        self._lines = finding_lines(session)
        for line in self._lines:
            f = line.finding
            msg = f.message_en if english else f.message_vi
            if f.overridden:
                text = "✔ " + _tr("Accepted: %1 (reason: %2)").replace("%1", msg).replace("%2", f.reason)
            else:
                text = {"error": "✖ ", "warning": "! "}.get(f.severity, "ℹ ") + msg
            if line.more:
                text += " " + _tr("(+%n more)", "", line.more)
            same_page = [g for g in session.findings
                         if line.position is not None and g.page_id == f.page_id] or [f]
            tips = []
            for g in same_page:
                fix = g.fix_en if english else g.fix_vi
                said = g.message_en if english else g.message_vi
                tips.append(_tr("Accepted: %1 (reason: %2)").replace("%1", said).replace("%2", g.reason)
                            if g.overridden else said + (("\n→ " + fix) if fix else ""))
            it = QListWidgetItem(text)
            it.setToolTip("\n\n".join(tips))
            it.setData(FINDING_ROLE, f.finding_id)
            it.setData(PAGE_ROLE, f.page_id)
            self.addItem(it)
            it.setHidden(self.problems_only and line.resolved)
            if keep is not None and keep in (f.page_id, f.finding_id):
                self.setCurrentItem(it)

    def set_problems_only(self, on: bool) -> None:
        self.problems_only = on
        for row, line in enumerate(self._lines):
            self.item(row).setHidden(on and line.resolved)

    def current_line(self) -> FindingLine | None:
        """The selected line, else the first one shown."""
        row = self.currentRow()
        if row < 0:
            row = next((r for r in range(self.count()) if not self.item(r).isHidden()), -1)
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def current_finding_id(self) -> str | None:
        line = self.current_line()
        return None if line is None else line.finding.finding_id

    def current_finding(self, session: sa.SessionInfo | None) -> sa.FindingInfo | None:
        line = self.current_line()
        if line is None or session is None:
            return None
        return next((f for f in session.findings if f.finding_id == line.finding.finding_id), None)
