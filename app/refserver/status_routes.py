"""The status of a dossier along the 1-10 state machine: read back with its history, and moved
forward by the role that owns each status (the counter 2/3/7/10, the province 4/5/6/8/9).
Returning results (status 10) stores each result document in the owner's warehouse under an
electronic-document code; before status 9 it needs a supervisor's audited reason."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.domain.codes import DocumentCode, vn_today
from app.refserver.context import Server
from app.refserver.guards import forbid
from app.refserver.policy import CLOSED, Principal, role_refusal, status_refusal
from app.refserver.problems import Problem

STATUS_NAMES = {1: "Mới đăng ký", 2: "Đã tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
                5: "Yêu cầu bổ sung", 6: "Yêu cầu thực hiện nghĩa vụ tài chính",
                7: "Công dân yêu cầu rút hồ sơ", 8: "Dừng xử lý", 9: "Đã xử lý xong", 10: "Đã trả kết quả"}


class KetQuaIn(BaseModel):
    """A result document handed back with status 10 (stored in the owner's warehouse)."""
    TenGiayTo: str = Field(min_length=1, max_length=300)
    MaLoaiGiayTo: str = Field(pattern=r"^[A-Z0-9]{1,8}$")
    TepDinhKemId: str
    Sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class StatusIn(BaseModel):
    TrangThaiHoSo: int = Field(ge=1, le=10)
    NgayCapNhat: str = Field(default="", pattern=r"^(\d{14})?$")
    GhiChu: str = Field(default="", max_length=2000)
    DanhSachGiayToKetQua: list[KetQuaIn] = Field(default=[], max_length=20)
    # a return before status 9: the officer's audited reason
    LyDoBoQua: str = Field(default="", max_length=2000)


def history_of(db: Any, ma_ho_so: str) -> list[dict[str, Any]]:
    rows = db.conn().execute(f"SELECT status, at, note FROM dossier_status WHERE ma_ho_so = ? "
                             f"ORDER BY {db.row_order}", (ma_ho_so,))
    return [{"status": r["status"], "status_name": STATUS_NAMES.get(r["status"], ""), "at": r["at"],
             "note": r["note"]} for r in rows]


def store_results(c: Any, ma_ho_so: str, dossier_body: str, results: list[KetQuaIn]) -> list[dict[str, Any]]:
    """The result documents in the owner's warehouse, each under a new electronic-document code."""
    owner = str(json.loads(dossier_body).get("MaDoiTuong", ""))
    owner = owner if owner.isdigit() and len(owner) in (9, 12) else "0" * 12
    stored = []
    for r in results:
        n = c.execute("SELECT COUNT(*) FROM warehouse WHERE type = ?", (r.MaLoaiGiayTo,)).fetchone()[0] + 1
        code = str(DocumentCode(owner, r.MaLoaiGiayTo, n, f"{vn_today():%d%m%Y}"))
        c.execute("INSERT INTO warehouse(code, owner, type, type_name, issuer, issued, file_id, title) "
                  "VALUES (?,?,?,?,?,?,?,?)", (code, owner, r.MaLoaiGiayTo, r.TenGiayTo,
                                               ma_ho_so.rsplit("-", 2)[0], vn_today().isoformat(),
                                               r.TepDinhKemId, r.TenGiayTo))
        c.execute("INSERT INTO dossier_results(ma_ho_so, code) VALUES (?,?) ON CONFLICT DO NOTHING",
                  (ma_ho_so, code))
        stored.append({"code": code, "file_id": r.TepDinhKemId, "TenGiayTo": r.TenGiayTo})
    return stored


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    @api.get("/api/v1/dossiers/{ma_ho_so}/status")
    def get_status(ma_ho_so: str, claims: Principal = Depends(allow["get_status"])) -> dict[str, Any]:
        row = db.conn().execute("SELECT status, version FROM dossiers WHERE ma_ho_so = ?",
                                (ma_ho_so,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown dossier", ma_ho_so)
        return {"MaHoSo": ma_ho_so, "TrangThaiHoSo": row["status"],
                "TenTrangThai": STATUS_NAMES[row["status"]], "PhienBan": row["version"],
                "history": history_of(db, ma_ho_so)}

    @api.post("/api/v1/dossiers/{ma_ho_so}/status")
    def set_status(request: Request, ma_ho_so: str, body: StatusIn,
                   claims: Principal = Depends(allow["set_status"]),
                   idempotency_key: str = Header(default="")) -> JSONResponse:
        """Status changes move forward along the 1-10 state machine, each set by the role that
        owns it (the counter 2/3/7/10, the province 4/5/6/8/9); returning results before 9 is a
        supervisor's audited override."""
        if not (claims.has("dossier:write") or claims.has("dossier:process")):
            raise forbid("scope 'dossier:write' or 'dossier:process' required",
                         "Tài khoản không có quyền cập nhật trạng thái hồ sơ")

        def check() -> None:
            for res in body.DanhSachGiayToKetQua:
                f = db.conn().execute("SELECT sha256 FROM files WHERE id = ?", (res.TepDinhKemId,)).fetchone()
                if f is None or f["sha256"] != res.Sha256:
                    raise Problem(422, "Unknown result file",
                                  f"{res.TenGiayTo}: file {res.TepDinhKemId} missing or not matching")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = c.execute("SELECT status, body FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
            if row is None:
                raise Problem(404, "Unknown dossier", ma_ho_so)
            if (refused := role_refusal(claims.roles, body.TrangThaiHoSo)) is not None:
                raise forbid(*refused)
            if body.TrangThaiHoSo == 10 and row["status"] != 9 and row["status"] not in CLOSED \
                    and not body.LyDoBoQua.strip():
                name = STATUS_NAMES[row["status"]]
                raise Problem(409, "Not processed yet",
                              f"{ma_ho_so} is '{name}': results are returned after status 9",
                              f"Hồ sơ {ma_ho_so} đang '{name}': chỉ trả kết quả khi đã xử lý xong")
            refusal = status_refusal(claims.roles, row["status"], body.TrangThaiHoSo,
                                     bool(body.LyDoBoQua.strip()))
            if refusal is not None:
                raise forbid(*refusal)
            results = []
            if body.TrangThaiHoSo == 10:
                results = store_results(c, ma_ho_so, row["body"], body.DanhSachGiayToKetQua)
            note = body.GhiChu + (f" [bỏ qua kiểm tra bởi {claims.subject}: {body.LyDoBoQua}]"
                                  if body.LyDoBoQua.strip() else "")
            c.execute("UPDATE dossiers SET status = ? WHERE ma_ho_so = ?", (body.TrangThaiHoSo, ma_ho_so))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at, note) VALUES (?,?,?,?)",
                      (ma_ho_so, body.TrangThaiHoSo, body.NgayCapNhat, note))
            return 200, {"MaHoSo": ma_ho_so, "TrangThaiHoSo": body.TrangThaiHoSo, "KetQua": results}

        return srv.idempotent(request, claims, idempotency_key, body, write, check)

    return api
