"""Dossiers as the counter submits them: the first submission (under a number of a live block
leased to the calling workstation, its attached files uploaded before and verified), the
dossier read back with its status history, and corrected versions (after a send-back or a
request for more documents; the server keeps every version)."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.refserver.context import Server
from app.refserver.guards import agency_must
from app.refserver.policy import Principal
from app.refserver.problems import Problem
from app.refserver.status_routes import STATUS_NAMES, history_of
from app.refserver.workstation_routes import workstation_of
from app.sign.verify import attachment_refusal

CORRECTABLE = {1, 2, 4, 5}  # statuses at which a corrected version is accepted


class TaiLieu(BaseModel):
    TepDinhKemId: str
    TenTepDinhKem: str
    MaThanhPhanHoSo: str
    Sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class LePhi(BaseModel):
    TenPhiLePhi: str
    MucPhi: int = Field(ge=0)


class GiayToKetQua(BaseModel):
    TenGiayTo: str
    MaThanhPhanHoSo: str = ""
    GiayToId: str
    DuongDanTepTinKetQua: str = ""


class DossierIn(BaseModel):
    MaHoSo: str = Field(pattern=r"^[0-9A-Z.]+-\d{6}-\d{4}$")
    MaTTHC: str = Field(pattern=r"^\d\.\d{6}$")
    TenTTHC: str
    MaLinhVuc: str = ""
    ChuHoSo: str
    LoaiDoiTuong: int = Field(ge=1, le=2)
    MaDoiTuong: str
    TrichYeuHoSo: str = ""
    NgayTiepNhan: str = Field(pattern=r"^\d{14}$")
    NgayHenTra: str = Field(default="", pattern=r"^(\d{14})?$")
    TrangThaiHoSo: int = Field(ge=1, le=10)
    TaiLieuNop: list[TaiLieu] = Field(default=[], max_length=200)
    DanhSachLePhi: list[LePhi] = Field(default=[], max_length=50)
    DanhSachGiayToKetQua: list[GiayToKetQua] = Field(default=[], max_length=50)
    NguoiNop: str = ""


class VersionIn(BaseModel):
    PhienBan: int = Field(ge=2, le=999)
    LyDo: str = Field(min_length=1, max_length=2000)
    HoSo: DossierIn


def check_attachment(path: Path, name: str, *, trust_dir: Path | None, require_signed: bool) -> None:
    """Signatures of an attached document, judged by app.sign.verify whatever the file's first
    bytes (the same module and policy as the workstation). Raises Problem(422)."""
    refusal = attachment_refusal(path, name, trust_dir=trust_dir, require_signed=require_signed)
    if refusal is not None:
        raise Problem(422, refusal.title, refusal.message_en, refusal.message_vi)


def check_number(c: Any, ma_ho_so: str, ws_row: Any) -> None:
    """The number must come from a live block leased to the calling workstation."""
    agency, yymmdd, seq = ma_ho_so.rsplit("-", 2)
    try:
        day = datetime.strptime(yymmdd, "%y%m%d").date().isoformat()
    except ValueError as exc:
        raise Problem(422, "Invalid dossier number", f"{ma_ho_so}: {yymmdd} is not a date") from exc
    if agency != ws_row["agency"]:
        raise Problem(422, "Number of another agency",
                      f"{ma_ho_so}: workstation belongs to {ws_row['agency']}",
                      f"{ma_ho_so}: máy trạm thuộc cơ quan {ws_row['agency']}")
    if c.execute("SELECT 1 FROM number_leases WHERE workstation_id = ? AND agency = ? AND day = ? "
                 "AND first <= ? AND last >= ? AND revoked = 0",
                 (ws_row["id"], agency, day, int(seq), int(seq))).fetchone() is None:
        raise Problem(422, "Number not leased", f"{ma_ho_so} is not in a block leased to this workstation",
                      f"Số hồ sơ {ma_ho_so} không thuộc khối số đã cấp cho máy trạm này")


def router(srv: Server) -> APIRouter:
    api = APIRouter()
    db, allow = srv.db, srv.allow

    def check_files(body: DossierIn) -> None:
        conn = db.conn()
        for doc in body.TaiLieuNop:
            f = conn.execute("SELECT sha256 FROM files WHERE id = ?", (doc.TepDinhKemId,)).fetchone()
            if f is None:
                raise Problem(422, "Unknown file",
                              f"{doc.TenTepDinhKem}: file {doc.TepDinhKemId} was not uploaded")
            if f["sha256"] != doc.Sha256:
                raise Problem(422, "File hash mismatch",
                              f"{doc.TenTepDinhKem}: stored file does not match Sha256")
            check_attachment(srv.files / doc.TepDinhKemId, doc.TenTepDinhKem,
                             trust_dir=srv.settings.trust_dir, require_signed=srv.settings.require_signed)

    @api.post("/api/v1/dossiers", status_code=201)
    def submit(request: Request, body: DossierIn,
               claims: Principal = Depends(allow["submit"]),
               idempotency_key: str = Header(default=""),
               x_workstation_id: str = Header(default="")) -> JSONResponse:
        ws_row = workstation_of(db, x_workstation_id)
        agency_must(claims, ws_row["agency"])
        agency_must(claims, body.MaHoSo.rsplit("-", 2)[0])

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if c.execute("SELECT 1 FROM dossiers WHERE ma_ho_so = ?", (body.MaHoSo,)).fetchone():
                raise Problem(409, "Dossier exists", f"{body.MaHoSo} was already submitted",
                              f"Hồ sơ {body.MaHoSo} đã có trên hệ thống tỉnh")
            check_number(c, body.MaHoSo, ws_row)
            now = time.time()
            c.execute("INSERT INTO dossiers(ma_ho_so, body, status, received, submitted_by, workstation_id, "
                      "version) VALUES (?,?,?,?,?,?,1)",
                      (body.MaHoSo, body.model_dump_json(), body.TrangThaiHoSo, now, claims.subject,
                       ws_row["id"]))
            c.execute("INSERT INTO dossier_versions(ma_ho_so, version, body, reason, received, submitted_by, "
                      "workstation_id) VALUES (?,1,?,'',?,?,?)",
                      (body.MaHoSo, body.model_dump_json(), now, claims.subject, ws_row["id"]))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at) VALUES (?,?,?)",
                      (body.MaHoSo, body.TrangThaiHoSo, body.NgayTiepNhan))
            return 201, {"MaHoSo": body.MaHoSo, "TrangThaiHoSo": body.TrangThaiHoSo,
                         "files": len(body.TaiLieuNop), "PhienBan": 1}

        return srv.idempotent(request, claims, idempotency_key, body, write, lambda: check_files(body))

    @api.get("/api/v1/dossiers/{ma_ho_so}")
    def get_dossier(ma_ho_so: str, claims: Principal = Depends(allow["get_dossier"])) -> dict[str, Any]:
        row = db.conn().execute("SELECT * FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown dossier", ma_ho_so)
        return {**json.loads(row["body"]), "TrangThaiHoSo": row["status"],
                "TenTrangThai": STATUS_NAMES[row["status"]], "PhienBan": row["version"],
                "history": history_of(db, ma_ho_so)}

    @api.post("/api/v1/dossiers/{ma_ho_so}/versions", status_code=201)
    def new_version(request: Request, ma_ho_so: str, body: VersionIn,
                    claims: Principal = Depends(allow["new_version"]),
                    idempotency_key: str = Header(default=""),
                    x_workstation_id: str = Header(default="")) -> JSONResponse:
        """A corrected dossier sent again (after a send-back or a request for more documents):
        the server keeps every version."""
        ws_row = workstation_of(db, x_workstation_id)
        agency_must(claims, ws_row["agency"])
        if body.HoSo.MaHoSo != ma_ho_so:
            raise Problem(422, "Number mismatch", f"body is {body.HoSo.MaHoSo}, path is {ma_ho_so}")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = c.execute("SELECT status, version FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
            if row is None:
                raise Problem(404, "Unknown dossier", ma_ho_so,
                              f"Hồ sơ {ma_ho_so} chưa có trên hệ thống tỉnh")
            if ma_ho_so.rsplit("-", 2)[0] != ws_row["agency"]:
                raise Problem(422, "Number of another agency",
                              f"{ma_ho_so}: workstation belongs to {ws_row['agency']}")
            if row["status"] not in CORRECTABLE:
                name = STATUS_NAMES[row["status"]]
                raise Problem(409, "Not correctable", f"{ma_ho_so} is '{name}': no new version accepted",
                              f"Hồ sơ {ma_ho_so} đang ở trạng thái '{name}', không nhận bản bổ sung")
            if body.PhienBan != row["version"] + 1:
                raise Problem(409, "Version conflict",
                              f"{ma_ho_so} is at version {row['version']}, got {body.PhienBan}",
                              f"Hồ sơ {ma_ho_so} đang ở phiên bản {row['version']}")
            data, now = body.HoSo.model_dump_json(), time.time()
            c.execute("INSERT INTO dossier_versions(ma_ho_so, version, body, reason, received, submitted_by, "
                      "workstation_id) VALUES (?,?,?,?,?,?,?)",
                      (ma_ho_so, body.PhienBan, data, body.LyDo, now, claims.subject, ws_row["id"]))
            c.execute("UPDATE dossiers SET body = ?, version = ?, status = 2 WHERE ma_ho_so = ?",
                      (data, body.PhienBan, ma_ho_so))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at, note) VALUES (?,?,?,?)",
                      (ma_ho_so, 2, body.HoSo.NgayTiepNhan, f"Phiên bản {body.PhienBan}: {body.LyDo}"))
            return 201, {"MaHoSo": ma_ho_so, "PhienBan": body.PhienBan, "TrangThaiHoSo": 2,
                         "files": len(body.HoSo.TaiLieuNop)}

        return srv.idempotent(request, claims, idempotency_key, body, write, lambda: check_files(body.HoSo))

    return api
