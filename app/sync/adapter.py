"""Mapping our records onto the provincial API (names of the national portal's DongBoHoSoMC).
A province whose system names things differently replaces this module's functions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.domain.codes import VN_TZ
from app.domain.records import Dossier, DossierState

# Our dossier states -> TrangThaiHoSo (1 newly registered ... 10 result returned).
STATUS_FOR_STATE = {
    DossierState.RECEIVING: 1, DossierState.SCANNING: 1, DossierState.SIGNED: 2, DossierState.QUEUED: 2,
    DossierState.SENT: 2, DossierState.SENT_BACK: 5, DossierState.RESULT_RETURNED: 10,
}


def portal_time(when: datetime) -> str:
    """yyyyMMddHHmmss in Asia/Ho_Chi_Minh."""
    return when.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")


def dossier_payload(dossier: Dossier, files: list[dict[str, str]], *, field: str = "",
                    processing_days: int = 0,
                    fee: int = 0, fees: list[tuple[str, int]] | None = None) -> dict[str, Any]:
    """``files``: dicts with file_id, name, component, sha256. ``fees``: (name, amount) lines for
    ``DanhSachLePhi`` (``app.domain.fees``); without them one line "Lệ phí" of ``fee``."""
    fee_list = ([{"TenPhiLePhi": name, "MucPhi": amount} for name, amount in fees] if fees is not None
                else [{"TenPhiLePhi": "Lệ phí", "MucPhi": fee}] if fee else [])
    due = dossier.received_at + timedelta(days=processing_days) if processing_days else None
    return {
        "MaHoSo": dossier.number,
        "MaTTHC": dossier.procedure_code,
        "TenTTHC": dossier.procedure_name,
        "MaLinhVuc": field,
        "ChuHoSo": dossier.owner.name or dossier.owner.id,
        "LoaiDoiTuong": 1 if dossier.owner.kind in ("cccd", "cmnd") else 2,
        "MaDoiTuong": dossier.owner.id,
        "NguoiNop": dossier.submitter.id,
        "TrichYeuHoSo": f"{dossier.procedure_name} - {dossier.owner.name or dossier.owner.id}",
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(due) if due else "",
        "TrangThaiHoSo": 2,
        "TaiLieuNop": [{"TepDinhKemId": f["file_id"], "TenTepDinhKem": f["name"],
                        "MaThanhPhanHoSo": f["component"],
                        "Sha256": f["sha256"]} for f in files],
        "DanhSachLePhi": fee_list,
        "DanhSachGiayToKetQua": [],
    }
