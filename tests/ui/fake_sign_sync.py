"""Stand-ins for the signing, submitting and reuse services behind ``app.services.sign_view``, used
only until the sign and sync areas are merged. They keep the services' contract: errors are
MotcuaError with a Vietnamese message, the PIN is only checked, never kept; an unreachable
server leaves the update queued."""

from __future__ import annotations

import time

from app.domain.errors import OperationFailed
from app.services import sign_view as sg
from app.services.submit import OPEN_STATES, OutboxState


class WrongPin(OperationFailed):
    pass


class FakeServices:
    def __init__(self, *, pin: str = "123456", docs: int = 2, delay: float = 0.0, server_up: bool = True,
                 agency_first: bool = False, copies: int = 0) -> None:
        self.pin = pin
        self.tries = 3
        self.docs = [sg.DocToSign(i + 1, "giay_chung_sinh", f"Tài liệu {i + 1}", False) for i in range(docs)]
        self.docs += [sg.DocToSign(docs + i + 1, "ban_sao_ho_chieu", f"Bản sao {i + 1}", False, "agency")
                      for i in range(copies)]
        self.agency_first = agency_first
        self.signed_with: list[tuple[str, bool]] = []  # (key label, agency confirmed) of each signing
        self.delay = delay
        self.server_up = server_up
        self.outbox_rows: list[sg.OutboxRow] = []
        self.seen_pins: list[str] = []
        self.attached: list[tuple[str, str]] = []

    def install(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        for name in ("certificates", "documents_to_sign", "sign", "outbox", "send_dossier", "retry",
                     "return_result", "warehouse_candidates", "attach_from_warehouse", "warehouse_propose"):
            monkeypatch.setattr(sg, name, getattr(self, name))

    def certificates(self, ws, module):  # type: ignore[no-untyped-def]
        certs = [sg.CertChoice("MOTCUA-DEMO", "officer", "Cán bộ Một cửa Demo", "officer", "31/12/2027"),
                 sg.CertChoice("MOTCUA-DEMO", "agency", "UBND xã Demo", "agency", "31/12/2027")]
        return certs[::-1] if self.agency_first else certs

    def documents_to_sign(self, ws, dossier_no):  # type: ignore[no-untyped-def]
        return list(self.docs)

    def sign(self, ctx, ws, dossier_no, cert, pin, *, confirm_agency=False):  # type: ignore[no-untyped-def]
        self.seen_pins.append("*" * len(pin))
        if cert.kind == "agency" and not confirm_agency:
            raise OperationFailed("agency key not confirmed", "chưa xác nhận khóa cơ quan")
        if pin != self.pin:
            self.tries -= 1
            if self.tries <= 0:
                raise OperationFailed("Token locked", "Token đã bị khóa do nhập sai PIN quá số lần cho phép; "
                                      "liên hệ bộ phận CNTT để mở khóa")
            raise WrongPin(f"Wrong PIN, {self.tries} tries left",
                           f"Sai mã PIN; còn {self.tries} lần thử trước khi token bị khóa")
        self.signed_with.append((cert.key_label, confirm_agency))
        out = []
        for i, d in enumerate(self.docs):
            if d.role != cert.kind:
                continue
            if ctx.cancelled:
                break
            time.sleep(self.delay)
            self.docs[i] = sg.DocToSign(d.doc_id, d.component_id, d.name, True, d.role)
            o = sg.SignOutcome(d.doc_id, True)
            ctx.emit(o)
            ctx.progress(i + 1, len(self.docs), "")
            out.append(o)
        return out

    def outbox(self, ws):  # type: ignore[no-untyped-def]
        return list(self.outbox_rows)

    def _deliver(self) -> None:
        rows = []
        for r in self.outbox_rows:
            if r.state in OPEN_STATES:  # as the real outbox: sent, or still waiting with the reason
                r = (sg.OutboxRow(r.item_id, r.dossier_no, r.kind, OutboxState.SENT, r.attempts + 1) if self.server_up
                     else sg.OutboxRow(r.item_id, r.dossier_no, r.kind, OutboxState.WAITING, r.attempts + 1,
                                  "Không kết nối được máy chủ; sẽ tự gửi lại", "Server unreachable; will retry"))
            rows.append(r)
        self.outbox_rows = rows

    def send_dossier(self, ctx, ws, dossier_no):  # type: ignore[no-untyped-def]
        self.outbox_rows.append(sg.OutboxRow(f"i{len(self.outbox_rows) + 1}", dossier_no, "DongBoHoSoMC", OutboxState.WAITING, 0))
        self._deliver()
        return list(self.outbox_rows)

    def retry(self, ctx, ws):  # type: ignore[no-untyped-def]
        self._deliver()
        return list(self.outbox_rows)

    def return_result(self, ws, dossier_no):  # type: ignore[no-untyped-def]
        self.outbox_rows.append(sg.OutboxRow(f"i{len(self.outbox_rows) + 1}", dossier_no, "CapNhatTienDoHoSoMC (10)",
                                             OutboxState.WAITING, 0))

    def warehouse_candidates(self, ws, dossier_no, component_id):  # type: ignore[no-untyped-def]
        return [sg.WarehouseDoc("052090000495.KQ.G15.000021.02022024", "Giấy khai sinh", "02/02/2024", "UBND xã A", 1),
                sg.WarehouseDoc("052090000495.KQ.G15.000037.05052024", "Giấy khai sinh", "05/05/2024", "UBND xã B", 0)]

    def warehouse_propose(self, ws, dossier_no, component_id):  # type: ignore[no-untyped-def]
        return sg.WarehouseProposal(None, self.warehouse_candidates(ws, dossier_no, component_id), [])

    def attach_from_warehouse(self, ws, dossier_no, component_id, code):  # type: ignore[no-untyped-def]
        self.attached.append((component_id, code))
