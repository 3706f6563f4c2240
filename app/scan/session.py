"""Scan sessions kept in the workspace: every page is saved durably (lossless PNG with its dpi,
content-addressed, audited) the moment it arrives, so a crash, a jam or a closed window loses
nothing. Captures are never altered: rotate / deskew produce a derived page linked to the
original, and the audit log keeps both hashes. Reorder, delete, insert and overrides are audited."""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import cv2
import numpy as np

from app.domain.codes import vn_now
from app.domain.errors import IntegrityError, InvalidInput, NotFound, StorageError
from app.domain.messages import Msg
from app.scan.driver import ScannedPage, ScanSettings
from app.scan.png import encode_png
from app.scan.qc.measures import PageMeasures, measure
from app.scan.qc.rules import waivable_key
from app.store.db import storage_error
from app.store.workspace import Workspace


class SessionState(StrEnum):
    OPEN = "open"
    SCANNING = "scanning"
    INTERRUPTED = "interrupted"
    CLOSED = "closed"


@dataclass(frozen=True)
class SessionRecord:
    id: int
    dossier_no: str | None
    component_id: str | None
    device: str
    duplex: bool
    dpi: int
    mode: str
    source: str
    declared_sheets: int | None
    backs_dropped: bool
    simplex_confirmed: bool
    state: str  # open (last batch ended) | scanning (a batch is running, or its process died) | interrupted
    next_sheet: int
    last_fault: str
    next_side: str = "front"  # "back": the front of next_sheet is saved, its back is not

    @property
    def resumable(self) -> bool:
        """A batch stopped before the feeder ran out (fault, crash, disk full)."""
        return self.state in (SessionState.SCANNING, SessionState.INTERRUPTED)


@dataclass(frozen=True)
class PageRow:
    id: int
    session_id: int
    index: int  # 0-based position among active pages
    sha256: str
    width: int
    height: int
    dpi: int
    sheet: int
    side: str
    derived_from: int | None
    transform: str
    measures: PageMeasures | None


# QC measurement runs beside the encode + durable write of the same page (both release the GIL).
_MEASURE_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qc-measure")
# what could not be saved, named in a StorageError
_SESSION_STATE = Msg(vi="trạng thái phiên quét", en="the scan session's state")
_PAGE_ORDER = Msg(vi="thay đổi trang của phiên quét", en="the change to the page order")


def _measures_json(m: PageMeasures | None) -> str:
    return json.dumps(asdict(m)) if m else "{}"


def _measures_from(text: str) -> PageMeasures | None:
    data = json.loads(text or "{}")
    if not data:
        return None
    data["cut_off"] = tuple(data.get("cut_off", ()))
    data["notes"] = tuple(data.get("notes", ()))
    if data.get("note_bbox"):
        data["note_bbox"] = tuple(data["note_bbox"])
    return PageMeasures(**data)


class SessionStore:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- sessions ----------------------------------------------------------------------
    def open(self, *, device: str, settings: ScanSettings, dossier_no: str | None = None,
             component_id: str | None = None, declared_sheets: int | None = None) -> SessionRecord:
        if dossier_no:
            self.ws.dossiers.get(dossier_no)
        now = vn_now().isoformat(timespec="seconds")
        with self.ws.db.transaction(_SESSION_STATE) as conn:
            cur = conn.execute(
                "INSERT INTO scan_sessions(dossier_no, component_id, "
                "device, duplex, dpi, mode, source, declared_sheets, "
                "state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?, 'open', ?, ?)",
                (dossier_no, component_id, device, int(settings.duplex), settings.dpi, settings.mode.value,
                 settings.source.value, declared_sheets, now, now),
            )
            sid = int(cur.lastrowid or 0)
            self.ws.audit.append(conn, "scan.session.open", actor=self.ws.actor, dossier=dossier_no,
                                 details={"session": sid, "component": component_id, "device": device,
                                          "duplex": settings.duplex, "dpi": settings.dpi})
        return self.get(sid)

    def get(self, session_id: int) -> SessionRecord:
        with self.ws.db.read() as conn:
            r = conn.execute("SELECT * FROM scan_sessions WHERE id = ?", (session_id,)).fetchone()
        if r is None:
            raise NotFound(f"No scan session {session_id}", f"Không có phiên quét {session_id}")
        return SessionRecord(r["id"], r["dossier_no"], r["component_id"], r["device"], bool(r["duplex"]),
                             r["dpi"],
                             r["mode"], r["source"], r["declared_sheets"], bool(r["backs_dropped"]),
                             bool(r["simplex_confirmed"]), r["state"], r["next_sheet"], r["last_fault"],
                             r["next_side"])

    def latest_for(self, dossier_no: str, component_id: str) -> SessionRecord | None:
        with self.ws.db.read() as conn:
            r = conn.execute("SELECT id FROM scan_sessions WHERE dossier_no = "
                             "? AND component_id = ? ORDER BY id DESC LIMIT 1",
                             (dossier_no, component_id)).fetchone()
        return self.get(r["id"]) if r else None

    def for_component(self, dossier_no: str, component_id: str) -> list[SessionRecord]:
        with self.ws.db.read() as conn:
            ids = [r["id"] for r in conn.execute("SELECT id FROM scan_sessions WHERE dossier_no = ? AND "
                                                 "component_id = ? "
                                                 "ORDER BY id", (dossier_no, component_id))]
        return [self.get(i) for i in ids]

    def page_count(self, session_id: int) -> int:
        with self.ws.db.read() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM scan_pages WHERE session_id = ? AND active = 1",
                                    (session_id,)).fetchone()[0])

    def begin_batch(self, session_id: int) -> SessionRecord:
        """Mark a batch as running and put the session at the first sheet not fully captured: the
        front of a half-captured duplex sheet is dropped (audited), so that sheet is rescanned whole."""
        s = self.get(session_id)
        with self.ws.db.transaction(_SESSION_STATE) as conn:
            next_sheet = self._drop_half_sheet(conn, s)
            conn.execute("UPDATE scan_sessions SET state = ?, updated_at = ? WHERE id = ?",
                         (SessionState.SCANNING, vn_now().isoformat(timespec="seconds"), session_id))
            self.ws.audit.append(conn, "scan.batch.start", actor=self.ws.actor, dossier=s.dossier_no,
                                 details={"session": session_id, "sheet": next_sheet, "resumed": s.resumable})
        return self.get(session_id)

    def drop_half_sheet(self, session_id: int) -> SessionRecord:
        s = self.get(session_id)
        with self.ws.db.transaction(_SESSION_STATE) as conn:
            self._drop_half_sheet(conn, s)
        return self.get(session_id)

    def _drop_half_sheet(self, conn: sqlite3.Connection, s: SessionRecord) -> int:
        r = conn.execute("SELECT next_sheet, next_side FROM scan_sessions WHERE id = ?", (s.id,)).fetchone()
        next_sheet = int(r["next_sheet"])
        if r["next_side"] == "front":
            return next_sheet
        half = conn.execute("SELECT id, sha256 FROM scan_pages WHERE session_id = ? AND active = 1 AND "
                            "sheet >= ?",
                            (s.id, next_sheet)).fetchall()
        for row in half:
            conn.execute("UPDATE scan_pages SET active = 0 WHERE id = ?", (row["id"],))
            self.ws.audit.append(conn, "scan.page.delete", actor=self.ws.actor, dossier=s.dossier_no,
                                 objects={"page": row["sha256"]},
                                 details={"session": s.id, "page_id": row["id"],
                                          "reason": f"sheet {next_sheet} was half captured; rescanned whole"})
        conn.execute("UPDATE scan_sessions SET next_side = 'front' WHERE id = ?", (s.id,))
        return next_sheet

    def update(self, session_id: int, **fields: Any) -> SessionRecord:
        allowed = {"declared_sheets", "backs_dropped", "simplex_confirmed", "state", "next_sheet",
                   "last_fault", "duplex",
                   "next_side"}
        if not set(fields) <= allowed:
            raise ValueError(f"unknown session fields {set(fields) - allowed}")
        s = self.get(session_id)
        with self.ws.db.transaction(_SESSION_STATE) as conn:
            sets = ", ".join(f"{k} = ?" for k in fields)
            conn.execute(f"UPDATE scan_sessions SET {sets}, updated_at = ? WHERE id = ?",
                         (*[int(v) if isinstance(v, bool) else v for v in fields.values()],
                          vn_now().isoformat(timespec="seconds"), session_id))
            self.ws.audit.append(conn, "scan.session.update", actor=self.ws.actor, dossier=s.dossier_no,
                                 details={"session": session_id, **{k: v for k, v in fields.items()}})
        return self.get(session_id)

    # -- pages ---------------------------------------------------------------------------
    def add_page(self, session_id: int, page: ScannedPage, *, after_index: int | None = None,
                 measures: PageMeasures | None = None, derived_from: int | None = None, transform: str = "",
                 replace_page: int | None = None, capture: bool = False) -> PageRow:
        """Store the page durably, then commit its row (and audit entry). Returns the row.

        ``capture``: the page comes from the feeder in a batch. It must be the side the session
        expects next (anything earlier is a duplicate and is refused), and the session's position
        moves past it in the same transaction as the page row."""
        s = self.get(session_id)
        pending = _MEASURE_POOL.submit(measure, page.image, page.dpi) if measures is None else None
        data = encode_png(page.image, page.dpi)
        side_vi = "mặt sau" if page.side == "back" else "mặt trước"
        what = Msg(vi=f"trang tờ {page.sheet} ({side_vi}) của phiên quét {session_id}",
                   en=f"the page of sheet {page.sheet} ({page.side}) in scan session {session_id}")
        try:
            blob = self.ws.blobs.put_bytes(data, "png")
        except StorageError as exc:
            raise (storage_error(exc.__cause__ or exc, self.ws.root, what) or exc) from exc
        m = pending.result() if pending is not None else measures
        with self.ws.db.transaction(what) as conn:
            if capture:
                self._advance(conn, s, page)
            position = self._position(conn, session_id, after_index, replace_page)
            if replace_page is not None:
                conn.execute("UPDATE scan_pages SET active = 0 WHERE id = ? AND session_id = "
                             "?", (replace_page, session_id))
            cur = conn.execute(
                "INSERT INTO scan_pages(session_id, position, sha256, "
                "width, height, dpi, sheet, side, derived_from, "
                "transform, measures, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (session_id, position, blob.sha256, page.image.shape[1], page.image.shape[0], page.dpi,
                 page.sheet,
                 page.side, derived_from, transform, _measures_json(m),
                 vn_now().isoformat(timespec="seconds")),
            )
            objects = {"page": blob.sha256}
            if derived_from is not None:
                orig = conn.execute("SELECT sha256 FROM scan_pages WHERE id = ?", (derived_from,)).fetchone()
                objects["original"] = orig["sha256"] if orig else ""
            self.ws.audit.append(conn, "scan.page.derive" if derived_from else "scan.page.save",
                                 actor=self.ws.actor,
                                 dossier=s.dossier_no, objects=objects,
                                 details={"session": session_id, "sheet": page.sheet, "side": page.side,
                                          "transform": transform, "replaces": replace_page})
            page_id = int(cur.lastrowid or 0)
            index = conn.execute("SELECT COUNT(*) FROM scan_pages WHERE session_id = ? AND active = 1 AND "
                                 "position < ?",
                                 (session_id, position)).fetchone()[0]
        # Built from what was just written: no reload of the whole session per page (long batches).
        return PageRow(page_id, session_id, int(index), blob.sha256, page.image.shape[1], page.image.shape[0],
                       page.dpi,
                       page.sheet, page.side, derived_from, transform, m)

    def _advance(self, conn: sqlite3.Connection, s: SessionRecord, page: ScannedPage) -> None:
        r = conn.execute("SELECT next_sheet, next_side FROM scan_sessions WHERE id = ?", (s.id,)).fetchone()
        at, side = int(r["next_sheet"]), str(r["next_side"])
        if page.sheet < at or (page.sheet == at and side == "back" and page.side == "front"):
            raise InvalidInput(f"Sheet {page.sheet} ({page.side}) is already in session {s.id}: not saved "
                               "twice",
                               f"Tờ {page.sheet} ({'mặt trước' if page.side == 'front' else 'mặt sau'}) đã "
                               "có trong "
                               f"phiên quét {s.id}; không lưu trùng")
        nxt = (page.sheet, "back") if s.duplex and page.side == "front" else (page.sheet + 1, "front")
        conn.execute("UPDATE scan_sessions SET next_sheet = ?, next_side = ? WHERE id = ?", (*nxt, s.id))

    def _position(self, conn: sqlite3.Connection, session_id: int, after_index: int | None,
                  replace_page: int | None) -> float:
        rows = conn.execute("SELECT id, position FROM scan_pages WHERE session_id = ? AND active = 1 ORDER "
                            "BY position",
                            (session_id,)).fetchall()
        if replace_page is not None:
            for r in rows:
                if r["id"] == replace_page:
                    return float(r["position"])
            raise InvalidInput(f"Page {replace_page} is not in session "
                               f"{session_id}", f"Trang {replace_page} không thuộc phiên quét")
        if after_index is None or after_index >= len(rows) - 1:
            return (float(rows[-1]["position"]) + 1.0) if rows else 1.0
        if after_index < 0:
            return float(rows[0]["position"]) - 1.0 if rows else 1.0
        return (float(rows[after_index]["position"]) + float(rows[after_index + 1]["position"])) / 2

    def pages(self, session_id: int) -> list[PageRow]:
        with self.ws.db.read() as conn:
            rows = conn.execute("SELECT * FROM scan_pages WHERE session_id = ? AND active = 1 ORDER BY "
                                "position",
                                (session_id,)).fetchall()
        return [PageRow(r["id"], r["session_id"], i, r["sha256"], r["width"], r["height"], r["dpi"],
                        r["sheet"],
                        r["side"], r["derived_from"], r["transform"], _measures_from(r["measures"]))
                for i, r in enumerate(rows)]

    def image(self, page: PageRow) -> np.ndarray:
        data = np.frombuffer(self.ws.blobs.read(page.sha256, "png"), np.uint8)
        img = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
        if img is None:
            raise IntegrityError(f"Stored page {page.sha256[:12]} cannot be decoded",
                                 f"Ảnh trang đã lưu ({page.sha256[:12]}) không đọc được")
        return np.asarray(img)

    def delete_page(self, session_id: int, page_id: int, *, reason: str = "") -> None:
        s = self.get(session_id)
        with self.ws.db.transaction(_PAGE_ORDER) as conn:
            row = conn.execute("SELECT sha256 FROM scan_pages WHERE id = ? AND session_id = ? AND active = 1",
                               (page_id, session_id)).fetchone()
            if row is None:
                raise InvalidInput(f"Page {page_id} is not in session "
                                   f"{session_id}", f"Trang {page_id} không thuộc phiên quét")
            conn.execute("UPDATE scan_pages SET active = 0 WHERE id = ?", (page_id,))
            self.ws.audit.append(conn, "scan.page.delete", actor=self.ws.actor, dossier=s.dossier_no,
                                 objects={"page": row["sha256"]},
                                 details={"session": session_id, "reason": reason})

    def restore_pages(self, session_id: int, page_ids: list[int]) -> None:
        """Undo a deletion: the pages come back at their places (each restore audited). Only
        pages taken out by a deletion and not replaced since can come back."""
        s = self.get(session_id)
        with self.ws.db.transaction(_PAGE_ORDER) as conn:
            for pid in page_ids:
                row = conn.execute("SELECT sha256 FROM scan_pages WHERE id = ? AND session_id = ? AND "
                                   "active = 0 "
                                   "AND NOT EXISTS (SELECT 1 FROM scan_pages d WHERE d.derived_from = "
                                   "scan_pages.id)",
                                   (pid, session_id)).fetchone()
                if row is None:
                    raise InvalidInput(f"Page {pid} of session {session_id} cannot be restored",
                                       f"Không khôi phục được trang {pid} của phiên quét")
                conn.execute("UPDATE scan_pages SET active = 1 WHERE id = ?", (pid,))
                self.ws.audit.append(conn, "scan.page.restore", actor=self.ws.actor, dossier=s.dossier_no,
                                     objects={"page": row["sha256"]},
                                     details={"session": session_id, "page_id": pid})

    def last_batch_sheet(self, session_id: int) -> int | None:
        """The sheet the session's last batch started at (from its audited ``scan.batch.start``)."""
        with self.ws.db.read() as conn:
            r = conn.execute("SELECT json_extract(details, '$.sheet') AS sheet FROM audit_log "
                             "WHERE action = 'scan.batch.start' AND json_extract(details, '$.session') = ? "
                             "ORDER BY id DESC LIMIT 1", (session_id,)).fetchone()
        return int(r["sheet"]) if r is not None and r["sheet"] is not None else None

    def discard_from_sheet(self, session_id: int, sheet: int, *, reason: str) -> int:
        """Take every page of sheets ``sheet`` onwards out of the session (kept in the store, each
        deletion audited) and put the feeder position back at that sheet, in one transaction, so
        the next batch captures those sheets again. Returns how many pages were taken out."""
        s = self.get(session_id)
        with self.ws.db.transaction(_PAGE_ORDER) as conn:
            rows = conn.execute("SELECT id, sha256 FROM scan_pages WHERE session_id = ? AND active = 1 AND "
                                "sheet >= ?",
                                (session_id, sheet)).fetchall()
            for row in rows:
                conn.execute("UPDATE scan_pages SET active = 0 WHERE id = ?", (row["id"],))
                self.ws.audit.append(conn, "scan.page.delete", actor=self.ws.actor, dossier=s.dossier_no,
                                     objects={"page": row["sha256"]},
                                     details={"session": session_id, "page_id": row["id"], "reason": reason})
            conn.execute("UPDATE scan_sessions SET next_sheet = ?, next_side = 'front', updated_at = ? "
                         "WHERE id = ?",
                         (sheet, vn_now().isoformat(timespec="seconds"), session_id))
            self.ws.audit.append(conn, "scan.batch.discard", actor=self.ws.actor, dossier=s.dossier_no,
                                 details={"session": session_id, "sheet": sheet, "pages": len(rows),
                                          "reason": reason})
        return len(rows)

    def reorder(self, session_id: int, page_ids: list[int]) -> None:
        current = [p.id for p in self.pages(session_id)]
        if sorted(current) != sorted(page_ids):
            raise InvalidInput("The new order must list every page "
                               "once", "Thứ tự mới phải có đủ mỗi trang một lần")
        s = self.get(session_id)
        with self.ws.db.transaction(_PAGE_ORDER) as conn:
            for pos, pid in enumerate(page_ids, start=1):
                conn.execute("UPDATE scan_pages SET position = ? WHERE id = ?", (float(pos), pid))
            self.ws.audit.append(conn, "scan.page.reorder", actor=self.ws.actor, dossier=s.dossier_no,
                                 details={"session": session_id, "order": page_ids})

    def rotate(self, session_id: int, page_id: int, degrees: int) -> PageRow:
        """A rotated copy replaces the page in the sequence; the capture itself is kept."""
        if degrees % 90:
            raise InvalidInput("Rotation must be a multiple of 90 degrees", "Chỉ xoay theo bội số 90 độ")
        page = next((p for p in self.pages(session_id) if p.id == page_id), None)
        if page is None:
            raise InvalidInput(f"Page {page_id} is not in session "
                               f"{session_id}", f"Trang {page_id} không thuộc phiên quét")
        img = np.rot90(self.image(page), k=(degrees // 90) % 4).copy()
        return self.add_page(session_id, ScannedPage(img, page.dpi, page.sheet, page.side),
                             derived_from=page.id,
                             transform=f"rotate:{degrees}", replace_page=page.id)

    def deskew(self, session_id: int, page_id: int) -> PageRow:
        page = next((p for p in self.pages(session_id) if p.id == page_id), None)
        if page is None or page.measures is None or page.measures.skew_deg is None:
            raise InvalidInput("No measurable skew on this page", "Không đo được độ nghiêng của trang này")
        img = self.image(page)
        h, w = img.shape[:2]
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), -page.measures.skew_deg, 1.0)
        border = (255, 255, 255) if img.ndim == 3 else 255
        out = cv2.warpAffine(img, rot, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
        return self.add_page(session_id, ScannedPage(out, page.dpi, page.sheet, page.side),
                             derived_from=page.id,
                             transform=f"deskew:{page.measures.skew_deg}", replace_page=page.id)

    # -- overrides and integrity ------------------------------------------------------------
    def override(self, session_id: int, finding_key: str, reason: str) -> None:
        if len(reason.strip()) < 5:
            raise InvalidInput("An override needs a reason (at least 5 "
                               "characters)", "Chấp nhận lỗi cần ghi rõ lý do (ít nhất 5 ký tự)")
        s = self.get(session_id)
        if not waivable_key(finding_key):
            with self.ws.db.transaction() as conn:
                self.ws.audit.append(conn, "qc.override.refused", actor=self.ws.actor, dossier=s.dossier_no,
                                     details={"session": session_id, "finding": finding_key,
                                              "reason": reason.strip()})
            raise InvalidInput("A page changed after capture cannot be accepted: rescan it or delete it",
                               "Trang đã bị thay đổi sau khi quét thì không thể chấp nhận; hãy quét lại "
                               "hoặc xóa trang đó")
        with self.ws.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO scan_overrides(session_id, finding_key, reason, actor, "
                         "created_at) "
                         "VALUES (?,?,?,?,?)", (session_id, finding_key, reason.strip(), self.ws.actor,
                                                vn_now().isoformat(timespec="seconds")))
            self.ws.audit.append(conn, "qc.override", actor=self.ws.actor, dossier=s.dossier_no,
                                 details={"session": session_id, "finding": finding_key,
                                          "reason": reason.strip()})

    def overrides(self, session_id: int) -> dict[str, str]:
        with self.ws.db.read() as conn:
            return {r["finding_key"]: r["reason"] for r in
                    conn.execute("SELECT * FROM scan_overrides WHERE session_id = ?", (session_id,))}

    def record_page_number(self, sha256: str, found: tuple[int, int | None] | None) -> None:
        """Remember what OCR read on a capture (None: read, no number printed)."""
        with self.ws.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO page_numbers(sha256, number, total, read_at) VALUES "
                         "(?,?,?,?)",
                         (sha256, found[0] if found else None, found[1] if found else None,
                          vn_now().isoformat(timespec="seconds")))

    def page_numbers(self, shas: list[str]) -> dict[str, tuple[int, int | None] | None]:
        """OCR results known for these captures: sha256 -> (number, total) or None (no number).
        Captures not read yet are absent."""
        if not shas:
            return {}
        with self.ws.db.read() as conn:
            rows = conn.execute("SELECT sha256, number, total FROM page_numbers "
                                f"WHERE sha256 IN ({','.join('?' * len(shas))})",
                                shas).fetchall()
        return {r["sha256"]: ((int(r["number"]),
                               r["total"]) if r["number"] is not None else None) for r in rows}

    def integrity_failures(self, session_id: int, *, thorough: bool = True) -> list[int]:
        """Pages whose stored capture no longer matches its hash (``thorough``: see BlobStore.verify)."""
        return [p.index for p in self.pages(session_id) if not self.ws.blobs.verify(p.sha256, "png",
                                                                                    thorough=thorough)]
