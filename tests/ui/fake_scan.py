"""A stand-in for the digitizing service behind ``app.services.scan_view``, used only until the scan
area's service is merged: it writes real page images into the workspace blobs, plants QC
findings, honours cancel and can jam at a given sheet, so the Scan screen's own behaviour (thumbnails,
badges, findings, overrides, cancel, jam message, build) is exercised through the real widgets."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace
from pathlib import Path

from app.scan.driver import PaperJam
from app.services import scan_view as sa
from app.services.digitize import ScanInterrupted

_ids = itertools.count(1)


class Jam(ScanInterrupted):
    """What the real adapter raises on a jam: the typed fault, and the sheet to reload."""

    def __init__(self, sheet: int) -> None:
        super().__init__(PaperJam(sheet), sheet, f"Paper jam at sheet {sheet}", "Kẹt giấy.")


class FakeDigitize:
    def __init__(self, *, blank_back_of: int | None = None, jam_at: int | None = None, delay: float = 0.0) -> None:
        self.blank_back_of = blank_back_of
        self.jam_at = jam_at
        self.delay = delay
        self.sessions: dict[str, sa.SessionInfo] = {}
        self.lock = threading.Lock()

    def install(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        for name in ("devices", "open_session", "scan", "find_session", "get_session", "rotate", "delete",
                     "reorder", "override"):
            monkeypatch.setattr(sa, name, getattr(self, name))

    # --- adapter functions -----------------------------------------------------------------------
    def devices(self, ws):  # type: ignore[no-untyped-def]
        return ["fake:0"]

    def open_session(self, ws, dossier_no, component_id, device, profile, declared, duplex):  # type: ignore[no-untyped-def]
        s = sa.SessionInfo(f"s{next(_ids)}", dossier_no, component_id, device, declared, duplex)
        self.sessions[s.session_id] = s
        return s

    def find_session(self, ws, dossier_no, component_id):  # type: ignore[no-untyped-def]
        return next((s for s in self.sessions.values() if (s.dossier_no, s.component_id) == (dossier_no, component_id)),
                    None)

    def get_session(self, ws, session_id):  # type: ignore[no-untyped-def]
        return self.sessions[session_id]

    def _page(self, ws, sheet: int, side: str, n: int) -> Path:  # type: ignore[no-untyped-def]
        from io import BytesIO

        from PIL import Image, ImageDraw

        img = Image.new("RGB", (1240, 1754), (250, 250, 246))
        if not (side == "back" and sheet == self.blank_back_of):
            d = ImageDraw.Draw(img)
            d.text((100, 100), f"Sheet {sheet} {side}", fill=(0, 0, 0))
            for i in range(30):
                d.rectangle((100, 200 + i * 45, 100 + (i * 37) % 900 + 200, 220 + i * 45), fill=(20, 20, 30))
        buf = BytesIO()
        img.save(buf, "PNG", compress_level=1, dpi=(150, 150))
        return ws.blobs.put_bytes(buf.getvalue(), "png").path

    def _qc(self, s: sa.SessionInfo) -> None:
        overridden = {f.finding_id: f for f in s.findings if f.overridden}
        findings = []
        for p in s.pages:
            if p.side == "back" and p.sheet == self.blank_back_of:
                fid = f"blank:{p.page_id}"
                f = overridden.get(fid) or sa.FindingInfo(
                    fid, "error",
                    message_vi=f"Trang {p.position} (mặt sau tờ {p.sheet}) trắng",
                    message_en=f"Page {p.position} (back of sheet {p.sheet}) is blank",
                    fix_vi=f"Quét lại trang {p.position}, hoặc chấp nhận kèm lý do nếu mặt sau thực sự để trắng",
                    fix_en=f"Rescan page {p.position}, or accept it with a reason if the back is really blank",
                    page_id=p.page_id, sheet=p.sheet)
                findings.append(f)
        expected = s.declared_sheets * (2 if s.duplex else 1)
        if len(s.pages) < expected:
            findings.append(sa.FindingInfo("count", "error", message_vi=f"Có {len(s.pages)} ảnh cho {expected} trang",
                                           message_en=f"{len(s.pages)} images for {expected} pages",
                                           fix_vi="Quét tiếp các tờ còn thiếu", fix_en="Scan the missing sheets"))
        s.findings = findings
        bad = {f.page_id for f in findings if f.page_id and not f.overridden}
        over = {f.page_id for f in findings if f.page_id and f.overridden}
        s.pages = [replace(p, position=i + 1, severity="error" if p.page_id in bad else
                           "overridden" if p.page_id in over else "ok") for i, p in enumerate(s.pages)]

    def scan(self, ctx, ws, session, *, rescan_page=None, insert_after=None, thumbnail=None):  # type: ignore[no-untyped-def]
        from app.ui.thumbs import badge_thumbnail

        s = self.sessions[session.session_id]
        sides = ("front", "back") if s.duplex else ("front",)
        if rescan_page is not None:
            idx = next(i for i, p in enumerate(s.pages) if p.page_id == rescan_page)
            old = s.pages[idx]
            self.blank_back_of = None if old.sheet == self.blank_back_of else self.blank_back_of
            s.pages[idx] = replace(old, page_id=f"p{next(_ids)}", image_path=self._page(ws, old.sheet, old.side, 0))
            self._qc(s)
            page = s.pages[idx]
            ctx.emit((page, badge_thumbnail(page.image_path, page.position, page.severity)))
            return s
        done = len(s.pages)
        total = s.declared_sheets * len(sides)
        start_sheet = done // len(sides) + 1
        for sheet in range(start_sheet, s.declared_sheets + 1):
            if self.jam_at == sheet:
                self.jam_at = None
                self._qc(s)
                raise Jam(sheet)
            for side in sides:
                if ctx.cancelled:
                    self._qc(s)
                    return s
                time.sleep(self.delay)
                path = self._page(ws, sheet, side, len(s.pages))
                page = sa.PageInfo(f"p{next(_ids)}", len(s.pages) + 1, path, sheet, side)
                s.pages.append(page)
                self._qc(s)
                page = s.pages[-1]
                ctx.emit((page, badge_thumbnail(page.image_path, page.position, page.severity)))
                ctx.progress(len(s.pages), total, "")
        self._qc(s)
        return s

    def rotate(self, ws, session, page_id, degrees):  # type: ignore[no-untyped-def]
        s = self.sessions[session.session_id]
        s.pages = [replace(p, rotation=(p.rotation + degrees) % 360) if p.page_id == page_id else p for p in s.pages]
        return s

    def delete(self, ws, session, page_id):  # type: ignore[no-untyped-def]
        s = self.sessions[session.session_id]
        s.pages = [p for p in s.pages if p.page_id != page_id]
        self._qc(s)
        return s

    def reorder(self, ws, session, order):  # type: ignore[no-untyped-def]
        s = self.sessions[session.session_id]
        by_id = {p.page_id: p for p in s.pages}
        s.pages = [by_id[i] for i in order if i in by_id]
        self._qc(s)
        return s

    def override(self, ws, session, finding_id, reason):  # type: ignore[no-untyped-def]
        s = self.sessions[session.session_id]
        s.findings = [replace(f, overridden=True, reason=reason) if f.finding_id == finding_id else f
                      for f in s.findings]
        self._qc(s)
        return s
