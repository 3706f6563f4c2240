"""The components screen as a checklist: a state icon per component (pending, scanned, PDF built,
signed, reused, not provided, failed), the counts, and the confirmation asked before a component
is recorded as not provided (Cancel by default, the reason required, audited by the service)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.records import ComponentRecord, ComponentState, DigitizationCategory, Dossier
from app.services.catalogue import load_catalogue
from app.services.counter_view import CheckRow


class Mark(StrEnum):
    PENDING = "pending"
    SCANNED = "scanned"
    BUILT = "built"
    SIGNED = "signed"
    REUSED = "reused"
    NOT_PROVIDED = "not_provided"
    FAILED = "failed"


# glyph, background colour: readable without colour too (the glyph differs for every mark)
_LOOK = {
    Mark.PENDING: ("○", "#9e9e9e"), Mark.SCANNED: ("◐", "#1e88e5"), Mark.BUILT: ("▣", "#f9a825"),
    Mark.SIGNED: ("✓", "#2e7d32"), Mark.REUSED: ("⟲", "#00897b"), Mark.NOT_PROVIDED: ("–", "#757575"),
    Mark.FAILED: ("!", "#c62828"),
}
_ICONS: dict[Mark, QIcon] = {}


def mark_of(comp: ComponentRecord, failed: bool = False) -> Mark:
    """The checklist's mark of a component: ``failed`` when its last scan stopped on a fault."""
    if failed and comp.state in (ComponentState.PENDING, ComponentState.TO_SCAN, ComponentState.SCANNED):
        return Mark.FAILED
    return {ComponentState.SCANNED: Mark.SCANNED, ComponentState.BUILT: Mark.BUILT,
            ComponentState.SIGNED: Mark.SIGNED, ComponentState.REUSED: Mark.REUSED,
            ComponentState.NOT_PROVIDED: Mark.NOT_PROVIDED}.get(comp.state, Mark.PENDING)


def mark_icon(mark: Mark) -> QIcon:
    """A round badge with the mark's glyph (drawn once, kept)."""
    if mark not in _ICONS:
        glyph, colour = _LOOK[mark]
        pix = QPixmap(32, 32)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(colour))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(1, 1, 30, 30)
        font = QFont()
        font.setPixelSize(20)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, glyph)
        p.end()
        _ICONS[mark] = QIcon(pix)
    return _ICONS[mark]


def mark_text(mark: Mark) -> str:
    t = QCoreApplication.translate
    return {
        Mark.PENDING: t("Checklist", "To do"), Mark.SCANNED: t("Checklist", "Scanned, PDF not built"),
        Mark.BUILT: t("Checklist", "PDF built, to sign"), Mark.SIGNED: t("Checklist", "Signed"),
        Mark.REUSED: t("Checklist", "From the warehouse"), Mark.NOT_PROVIDED: t("Checklist", "Not provided"),
        Mark.FAILED: t("Checklist", "Scan stopped: resume it"),
    }[mark]


def counts_text(marks: list[Mark]) -> str:
    """'2 of 3 components done — Signed: 1 · From the warehouse: 1 · To do: 1' (only the marks present)."""
    t = QCoreApplication.translate
    done = sum(1 for m in marks if m in (Mark.SIGNED, Mark.REUSED, Mark.NOT_PROVIDED))
    parts = [f"{mark_text(mark)}: {sum(1 for m in marks if m is mark)}" for mark in Mark
             if any(m is mark for m in marks)]
    return (t("Checklist", "%1 of %2 components done").replace("%1", str(done)).replace("%2", str(len(marks)))
            + (" — " + " · ".join(parts) if parts else ""))


class NotProvidedDialog(QDialog):
    """Asks before a component is recorded as not provided: names it, says when the procedure
    requires it, wants the reason; Cancel is the default button and Esc cancels."""

    def __init__(self, comp: ComponentRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("not_provided_dialog")
        self.setWindowTitle(self.tr("Component not provided"))
        text = self.tr("Record that the citizen does not provide “%1”?").replace("%1", comp.name)
        if comp.required:
            text += "\n" + self.tr("The procedure requires this component: record it only when the law "
                                   "allows "
                                   "the dossier without it.")
        self.question = QLabel(text)
        self.question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("not_provided_reason")
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. the citizen is not delegated"))
        self.reason.setMaxLength(300)
        buttons = QDialogButtonBox()
        self.confirm_btn = QPushButton(self.tr("Record as not provided"))
        self.confirm_btn.setObjectName("not_provided_confirm")
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        buttons.addButton(self.confirm_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_btn, QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_btn.setAutoDefault(False)
        self.cancel_btn.setDefault(True)
        self.confirm_btn.setEnabled(False)
        self.reason.textChanged.connect(lambda s: self.confirm_btn.setEnabled(len(s.strip()) >= 3))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.question)
        label = QLabel(self.tr("&Reason:"))
        label.setBuddy(self.reason)  # Alt+R reaches the reason
        lay.addWidget(label)
        lay.addWidget(self.reason)
        lay.addWidget(buttons)
        self.resize(560, 220)

    def reason_text(self) -> str:
        return self.reason.text().strip()


def outcome_text(check: CheckRow) -> str:
    """What the warehouse check of a reusable component found (the components table's state cell)."""
    t = QCoreApplication.translate
    codes = ", ".join(check.codes)
    return {
        "attached": t("ComponentsScreen", "warehouse: one found, attached (%1)").replace("%1", codes),
        "choose": t("ComponentsScreen", "warehouse: %1 found, choose one (Ctrl+K)").replace("%1",
                                                                                           str(len(check.codes))),
        "none": t("ComponentsScreen", "warehouse: checked, none found — digitize"),
        "no_copy": t("ComponentsScreen", "warehouse: the citizen has no electronic copy — digitize"),
        "paper": t("ComponentsScreen", "warehouse: the paper is used instead "
                                       "(%1)").replace("%1", check.note_vi),
        "offline": t("ComponentsScreen", "warehouse: could not be checked (server away), recorded — "
                                         "digitize"),
    }.get(check.outcome, check.outcome)


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


def fee_cell(comp: ComponentRecord) -> str:
    """The fee column: free for the mandatory categories, per page on request, the amount once known."""
    t = QCoreApplication.translate
    if comp.fee > 0:  # digitized on request: the fee computed from its page count
        return t("ComponentsScreen", "%1 (to pay)").replace("%1", _vnd(comp.fee))
    if comp.category is DigitizationCategory.ON_REQUEST:
        return t("ComponentsScreen", "%1 per "
                                     "page").replace("%1", _vnd(load_catalogue().digitization_fee_per_page))
    return t("ComponentsScreen", "Free (mandatory)")


def fee_note(dossier: Dossier) -> str:
    t = QCoreApplication.translate
    note = t("ComponentsScreen", "Mandatory categories (1)-(5) are digitized free of charge; other "
                                 "components are digitized on the citizen's request for a fee.")
    due = sum(c.fee for c in dossier.components)
    if due:
        note += " " + t("ComponentsScreen", "Digitization fee to pay: %1.").replace("%1", _vnd(due))
    return note


def components_table(parent: QWidget) -> QTableWidget:
    """The checklist's table: one row per component, its state cell carrying the state icon."""
    t = QCoreApplication.translate
    table = QTableWidget(0, 6, parent)
    table.setObjectName("components_table")
    table.setHorizontalHeaderLabels([
        t("ComponentsScreen", "Component"), t("ComponentsScreen", "Document type"),
        t("ComponentsScreen", "Source / state"), t("ComponentsScreen", "Digitization category"),
        t("ComponentsScreen", "Required"), t("ComponentsScreen", "Fee if digitized on request"),
    ])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setIconSize(QSize(22, 22))  # the checklist's state badges, readable
    table.setWordWrap(True)
    stretch, fit = QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents
    for col, mode in enumerate((stretch, stretch, stretch, stretch, fit, fit)):
        table.horizontalHeader().setSectionResizeMode(col, mode)
    return table


def show_mark(item: QTableWidgetItem | None, mark: Mark) -> None:
    """The mark's icon on a state cell, and its name for screen readers."""
    if item is not None:
        item.setIcon(mark_icon(mark))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, mark.value)
