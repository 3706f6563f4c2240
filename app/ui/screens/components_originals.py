"""Originals that are not sheets fed to the scanner, from the Components screen: files the citizen
brings (images or PDFs from a USB stick or an e-mail: pages through QC, a signed PDF verified and
kept) and special originals (glossy photograph, fragile, audio-visual), recorded with a reason."""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QWidget

from app.domain.errors import MotcuaError
from app.services import counter_view as ca
from app.ui.context import AppContext


class Host(Protocol):
    """What these actions need of the Components screen (a QWidget: dialogs open over it)."""

    ctx: AppContext
    check_note: QLabel

    def current_component(self) -> str | None: ...

    def show_error(self, exc: MotcuaError, label: QLabel | None = None) -> None: ...

    def _noted(self, text: str) -> None: ...


def _tr(text: str) -> str:
    """The Components screen's translations (context ComponentsScreen, where they were written)."""
    return QCoreApplication.translate("ComponentsScreen", text)


def import_files(screen: Host, paths: list[str] | None = None) -> None:
    """Images or PDFs the citizen brings (USB, e-mail): pages through QC, a signed PDF kept."""
    comp, dossier = screen.current_component(), screen.ctx.dossier
    if comp is None or dossier is None:
        return
    if paths is None:
        kinds = _tr("PDF and images (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)")
        paths, _flt = QFileDialog.getOpenFileNames(cast(QWidget, screen), _tr("Import files"), "", kinds)
    if not paths:
        return
    number = dossier.number
    screen.check_note.setText(_tr("Importing %1 file(s)…").replace("%1", str(len(paths))))

    def done(r: ca.ImportSummary) -> None:
        text = _tr("Imported %1 file(s), %2 page(s) to check on the Scan screen.") \
            .replace("%1", str(r.files)).replace("%2", str(r.pages))
        for name, status in r.signed:
            kept = _tr("%1: signed PDF kept as the original (%2).")
            text += " " + kept.replace("%1", name).replace("%2", status)
        screen.check_note.setText(text)
        screen.ctx.reload_dossier()

    ws, chosen = screen.ctx.ws, list(paths)
    screen.ctx.runner.run(_tr("importing files"), lambda c: ca.import_files(c, ws, number, comp, chosen),
                          on_success=done, on_error=lambda e: screen.show_error(e, screen.check_note))


def special_original(screen: Host, kind: str | None = None, reason: str | None = None) -> None:
    comp, dossier = screen.current_component(), screen.ctx.dossier
    if comp is None or dossier is None:
        return
    kinds = {"glossy": _tr("Glossy photograph (enhancement profile after scanning)"),
             "fragile": _tr("Fragile original: decline digitizing, with the reason"),
             "audio_visual": _tr("Audio-visual original: record as received, not digitized")}
    if kind is None:
        label, ok = QInputDialog.getItem(cast(QWidget, screen), _tr("Special original"), _tr("Kind:"),
                                         list(kinds.values()), 0, False)
        if not ok:
            return
        kind = next(k for k, v in kinds.items() if v == label)
    if reason is None:
        reason, ok = QInputDialog.getText(cast(QWidget, screen), _tr("Special original"),
                                          _tr("Reason (on the receipt):"))
        if not ok:
            return
    number, chosen, why = dossier.number, kind, reason
    screen.ctx.runner.run(_tr("recording the special original"),
                        lambda _c: ca.record_special(screen.ctx.ws, number, comp, chosen, why),
                        on_success=lambda _r: screen._noted(kinds[chosen]),
                        on_error=lambda e: screen.show_error(e, screen.check_note))
