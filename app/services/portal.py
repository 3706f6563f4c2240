"""The citizen's national-portal account, next step (seed 002, step 2): the counter shows whether
the citizen has an account and whether it is linked, guides them to create or link it, sends the
link request to the provincial system (through the outbox, so it survives the server being
away), and records on the dossier that the citizen was guided."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.codes import vn_now
from app.domain.errors import InvalidInput
from app.store.workspace import Workspace
from app.sync import outbox
from app.sync.client import ServerUnavailable, SyncClient

log = logging.getLogger(__name__)


class PortalStep(StrEnum):
    GUIDED_CREATE = "guided_create"  # the citizen was shown how to create an account
    GUIDED_LINK = "guided_link"  # the citizen was shown how to link it
    LINK_REQUESTED = "link_requested"  # the link request was sent (or queued) to the province


# What the officer tells the citizen, by account state (steps of the national portal's guide)
GUIDE_VI = {
    "none": [
        "Truy cập Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) và chọn Đăng ký.",
        "Đăng ký bằng tài khoản định danh điện tử VNeID (mức 2) hoặc bằng số CCCD và số điện thoại.",
        "Nhập mã OTP gửi về điện thoại, đặt mật khẩu và đăng nhập.",
        "Hồ sơ hôm nay vẫn được tiếp nhận; lần sau công dân dùng lại giấy tờ trong Kho dữ liệu cá nhân.",
    ],
    "not_linked": [
        "Đăng nhập Cổng Dịch vụ công của tỉnh bằng tài khoản Cổng Dịch vụ công quốc gia hoặc VNeID.",
        "Đồng ý liên kết tài khoản với Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.",
        "Hoặc cán bộ gửi yêu cầu liên kết thay công dân (nút Gửi yêu cầu liên kết).",
    ],
    "link_requested": ["Yêu cầu liên kết đã gửi; công dân xác nhận trên Cổng Dịch vụ công để hoàn tất."],
    "linked": ["Tài khoản đã liên kết: kết quả điện tử sẽ được lưu vào Kho dữ liệu cá nhân của công dân."],
}
GUIDE_EN = {
    "none": ["Open the national public-service portal (dichvucong.gov.vn) and choose Register.",
             "Register with the VNeID electronic identity (level 2) or with the ID number and a phone "
             "number.",
             "Enter the OTP sent to the phone, set a password and log in.",
             "Today's dossier is received anyway; next time the citizen reuses documents from their "
             "warehouse."],
    "not_linked": ["Log in to the province's portal with the national portal or VNeID account.",
                   "Agree to link the account with the province's one-stop system.",
                   "Or the officer sends the link request for the citizen (Request the link)."],
    "link_requested": ["The link request was sent; the citizen confirms it on the portal to finish."],
    "linked": ["The account is linked: electronic results go to the citizen's personal data warehouse."],
}


@dataclass
class PortalState:
    owner_id: str
    state: str  # none | not_linked | link_requested | linked | unknown (server away)
    name: str = ""
    steps_done: list[str] = field(default_factory=list)  # PortalStep values recorded on the dossier
    guide_vi: list[str] = field(default_factory=list)
    guide_en: list[str] = field(default_factory=list)
    queued: bool = False  # a link request waits in the outbox


def steps_done(ws: Workspace, dossier_no: str) -> list[str]:
    with ws.db.read() as conn:
        return [r["step"] for r in conn.execute("SELECT step FROM portal_steps WHERE dossier_no = ? ORDER "
                                                "BY at",
                                                (dossier_no,))]


def _queued(ws: Workspace, dossier_no: str) -> bool:
    return any(i.kind == "account_link" and i.state in ("waiting", "sending")
               for i in outbox.items(ws, dossier_no=dossier_no))


def state_of(ws: Workspace, client: SyncClient | None, dossier_no: str) -> PortalState:
    """The owner's account state (``unknown`` when the server cannot be asked) with the guide
    and what was already done at this dossier's reception."""
    dossier = ws.dossiers.get(dossier_no)
    state, name = "unknown", ""
    if client is not None:
        try:
            acc = client.account(dossier.owner.id)
            state, name = str(acc.get("state", "unknown")), str(acc.get("name", "") or "")
        except ServerUnavailable as exc:
            log.info("Portal account state unknown: %s", exc.message_en)
    done = steps_done(ws, dossier_no)
    queued = _queued(ws, dossier_no)
    if state == "not_linked" and (queued or PortalStep.LINK_REQUESTED.value in done):
        state = "link_requested"
    return PortalState(dossier.owner.id, state, name, done, GUIDE_VI.get(state, []), GUIDE_EN.get(state, []),
                       queued)


def record_step(ws: Workspace, dossier_no: str, step: PortalStep) -> None:
    """Record (audited) what the officer did for the citizen's portal account."""
    ws.dossiers.get(dossier_no)  # a clear error for an unknown dossier
    with ws.db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO portal_steps(dossier_no, step, actor, at) VALUES (?,?,?,?)",
                     (dossier_no, step.value, ws.actor, vn_now().isoformat(timespec="seconds")))
        ws.audit.append(conn, "portal.step", actor=ws.actor, dossier=dossier_no, details={"step": step.value})


def request_link(ws: Workspace, client: SyncClient | None, dossier_no: str) -> PortalState:
    """Send the citizen's link request to the province (queued in the outbox when it is away)."""
    dossier = ws.dossiers.get(dossier_no)
    if _queued(ws, dossier_no):
        raise InvalidInput("A link request for this dossier already waits in the outbox",
                           "Yêu cầu liên kết của hồ sơ này đã ở hàng đợi gửi")
    item = outbox.add_message(ws, "account_link", dossier_no, {"owner": dossier.owner.id},
                              action="portal.link_request", details={})
    if client is not None:
        outbox.deliver_message(ws, client, item)  # a refusal (no account to link) is raised here
    record_step(ws, dossier_no, PortalStep.LINK_REQUESTED)
    return state_of(ws, client, dossier_no)
