"""The reference server's HTTP API (FastAPI). Every write takes an ``Idempotency-Key``; errors
are ``application/problem+json``. Test-only fault injection (``/_test/faults``) exists only when
the server is started with ``--enable-test-faults``."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.domain.codes import DocumentCode, vn_today
from app.domain.warehouse import matches as warehouse_matches
from app.refserver import counter_routes
from app.refserver.auth import ISSUER, TokenIssuer, check_secret, hash_secret, token_digest
from app.refserver.db import open_db
from app.refserver.policy import (
    CLOSED,
    POLICY,
    AgencyCheck,
    Principal,
    Role,
    Rule,
    parse_roles,
    role_refusal,
    scopes_of,
    status_refusal,
)
from app.refserver.problems import Problem

log = logging.getLogger(__name__)
CHUNK_SIZE = 1024 * 1024
COPY_PIECE = 64 * 1024  # files are copied in pieces of this size, never read whole
MAX_JSON_BODY = 2 * 1024 * 1024  # every request body but a chunk's
MAX_CHUNK_BODY = CHUNK_SIZE + 64 * 1024  # a chunk and its multipart framing
STATUS_NAMES = {1: "Mới đăng ký", 2: "Đã tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý", 5: "Yêu cầu bổ sung",
                6: "Yêu cầu thực hiện nghĩa vụ tài chính", 7: "Công dân yêu cầu rút hồ sơ", 8: "Dừng xử lý",
                9: "Đã xử lý xong", 10: "Đã trả kết quả"}
MAX_SEQ = 9999
LEASE_DAYS_AHEAD = 2
CORRECTABLE = {1, 2, 4, 5}  # statuses at which a corrected version is accepted
FEEDBACK_REASONS = {"wrong_citizen_info": "Sai thông tin công dân", "not_citizens_result": "Không phải kết quả của công dân",
                    "not_gov_ca_signed": "Không ký số bằng chứng thư số của Ban Cơ yếu Chính phủ"}


STATION_CLIENT = "motcua-station"  # the OAuth client of the password grant (the counter app)


class UserIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9._-]{2,64}$")
    password: str = Field(min_length=8, max_length=1024)
    roles: list[Role] = Field(min_length=1, max_length=5)
    agency: str = Field(pattern=r"^[0-9A-Z.]{3,40}$")


class RolesIn(BaseModel):
    roles: list[Role] = Field(min_length=1, max_length=5)


class PasswordIn(BaseModel):
    new_password: str = Field(min_length=8, max_length=1024)
    current_password: str = Field("", max_length=1024)  # needed when changing one's own


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
    LyDoBoQua: str = Field(default="", max_length=2000)  # return before status 9: the officer's audited reason


class WorkstationIn(BaseModel):
    agency: str = Field(pattern=r"^[0-9A-Z.]{3,40}$")
    name: str = Field(min_length=1, max_length=100)
    workstation_id: str = Field(default="", max_length=64)


class LeaseIn(BaseModel):
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    count: int = Field(ge=1, le=500)


class VersionIn(BaseModel):
    PhienBan: int = Field(ge=2, le=999)
    LyDo: str = Field(min_length=1, max_length=2000)
    HoSo: DossierIn


class UploadStart(BaseModel):
    name: str
    size: int = Field(ge=0, le=2 * 1024**3)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class UseIn(BaseModel):
    dossier: str


class FeedbackIn(BaseModel):
    reason: str
    note: str = ""

    @field_validator("reason")
    @classmethod
    def _reason(cls, v: str) -> str:
        if v not in FEEDBACK_REASONS:
            raise ValueError(f"reason must be one of {sorted(FEEDBACK_REASONS)}")
        return v


def check_attachment(path: Path, name: str, *, trust_dir: Path | None, require_signed: bool) -> None:
    """Signatures of an attached document, judged by app.sign.verify whatever the file's first
    bytes (the same module and policy as the workstation). Raises Problem(422)."""
    from app.sign.verify import attachment_refusal

    refusal = attachment_refusal(path, name, trust_dir=trust_dir, require_signed=require_signed)
    if refusal is not None:
        raise Problem(422, refusal.title, refusal.message_en, refusal.message_vi)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BodyLimit:
    """ASGI middleware: a request body larger than its route's cap is refused with 413 before
    it is read (declared Content-Length) or as soon as the streamed bytes pass the cap."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = MAX_CHUNK_BODY if "/chunks/" in scope["path"] else MAX_JSON_BODY
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(send, cap)
            return
        seen = 0
        started = False

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise _BodyTooLarge(cap)
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _too_large(send, cap)


class _BodyTooLarge(StarletteHTTPException):
    """Raised while the body streams in; FastAPI passes HTTP exceptions through as they are."""

    def __init__(self, cap: int = MAX_JSON_BODY) -> None:
        super().__init__(413, f"request bodies are limited to {cap} bytes")
        self.cap = cap


async def _too_large(send: Any, cap: int) -> None:
    body = json.dumps({"type": "about:blank", "title": "Request too large", "status": 413,
                       "detail": f"request bodies are limited to {cap} bytes",
                       "detail_vi": f"Yêu cầu quá lớn (tối đa {cap // 1024} KB)"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def create_app(data_dir: Path, *, enable_test_faults: bool = False, token_lifetime_s: int = 600,
               trust_dir: Path | None = None, require_signed: bool = False, database: str | None = None,
               lockout_window_s: int = 900, lockout_max: int = 5, address_max: int = 50,
               refresh_lifetime_s: int = 8 * 3600, max_upload_bytes: int = 512 * 1024**2,
               upload_quota_bytes: int = 2 * 1024**3, upload_max_age_s: int = 24 * 3600) -> FastAPI:
    """``data_dir`` holds the files (a directory shared by every server process) and, without
    ``database`` (a postgresql:// URL), the SQLite database. Login: ``lockout_max`` wrong
    passwords of one account (``address_max`` of one address) within ``lockout_window_s``
    lock it until the oldest of them is that old."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "files").mkdir(exist_ok=True)
    (data_dir / "chunks").mkdir(exist_ok=True)
    db = open_db(data_dir, database)
    issuer = TokenIssuer.load_or_create(data_dir, token_lifetime_s)
    faults: dict[str, Any] = {}
    app = FastAPI(title="Motcua reference provincial system", version="1.0.0")
    app.state.db, app.state.issuer, app.state.data_dir = db, issuer, data_dir
    app.add_middleware(BodyLimit)

    @app.exception_handler(Problem)
    async def _problem(_req: Request, exc: Problem) -> JSONResponse:
        body = {"type": "about:blank", "title": exc.title, "status": exc.status, "detail": exc.detail}
        if exc.detail_vi:
            body["detail_vi"] = exc.detail_vi
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else {}
        return JSONResponse(body, status_code=exc.status, media_type="application/problem+json", headers=headers)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(_BodyTooLarge)
    async def _too_big(_req: Request, exc: _BodyTooLarge) -> JSONResponse:
        return JSONResponse({"type": "about:blank", "title": "Request too large", "status": 413, "detail": exc.detail,
                             "detail_vi": f"Yêu cầu quá lớn (tối đa {exc.cap // 1024} KB)"},
                            status_code=413, media_type="application/problem+json", headers={"Connection": "close"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        detail = f"{'.'.join(str(x) for x in first.get('loc', []))}: {first.get('msg', 'invalid')}"
        return JSONResponse({"type": "about:blank", "title": "Invalid request", "status": 422, "detail": detail},
                            status_code=422, media_type="application/problem+json")

    @app.middleware("http")
    async def _faults(request: Request, call_next: Any) -> Any:
        path = request.url.path
        if faults and not path.startswith("/_test") and path != "/health":
            if faults.get("delay_s"):
                import asyncio

                await asyncio.sleep(float(faults["delay_s"]))
            if faults.get("fail_next", 0) > 0 and faults.get("fail_path", "") in path:
                faults["fail_next"] -= 1
                status = int(faults.get("status", 503))
                headers = {"Retry-After": str(faults["retry_after"])} if faults.get("retry_after") is not None else {}
                return JSONResponse({"title": "Injected fault", "status": status}, status_code=status, headers=headers,
                                    media_type="application/problem+json")
            if faults.get("drop_response_next", 0) > 0 and request.method == "POST" and path == "/api/v1/dossiers":
                faults["drop_response_next"] -= 1
                await call_next(request)  # the write happens, the answer is lost
                return JSONResponse({"title": "Injected lost response", "status": 502}, status_code=502)
        return await call_next(request)

    def principal_of(authorization: str) -> Principal:
        if not authorization.startswith("Bearer "):
            raise Problem(401, "Unauthorized", "Bearer token required", "Cần đăng nhập (thiếu mã truy cập)")
        claims = issuer.verify(authorization.removeprefix("Bearer "))
        if claims is None or faults.get("expire_tokens_before_ms", 0) > int(claims.get("iat_ms", 0) or 0):  # type: ignore[call-overload]
            raise Problem(401, "Unauthorized", "Token invalid or expired", "Phiên đăng nhập hết hạn hoặc không hợp lệ")
        subject = str(claims["sub"])
        now_roles = current_roles(subject)
        if now_roles is None:
            raise Problem(401, "Unauthorized", "Account disabled", "Tài khoản đã bị khóa")
        claimed = claims.get("roles")
        roles = frozenset(parse_roles(" ".join(claimed) if isinstance(claimed, list) else "")) & now_roles
        scopes = frozenset(str(claims.get("scope", "")).split()) & frozenset(scopes_of(list(roles)))
        return Principal(subject, roles, str(claims.get("agency", "")), scopes)

    def current_roles(subject: str) -> frozenset[Role] | None:
        """The roles the account behind a token has now; None when it is gone or disabled. Checked
        on every request, so a disabled account's live access token stops working at once, and so
        does a role taken away (a role given takes effect at the next login)."""
        if subject.startswith("client:"):
            row = db.conn().execute("SELECT disabled, roles FROM clients WHERE client_id = ?", (subject[7:],)).fetchone()
        else:
            row = db.conn().execute("SELECT disabled, roles FROM users WHERE username = ?", (subject,)).fetchone()
        return None if row is None or row["disabled"] else frozenset(parse_roles(row["roles"]))

    def forbid(detail: str, detail_vi: str) -> Problem:
        return Problem(403, "Forbidden", detail, detail_vi)

    def guard(rule: Rule) -> Callable[..., Principal | None]:
        """The dependency that enforces ``rule`` (tagged with it, so tests can find every route's rule)."""
        if rule.public:
            def open_route() -> None:
                return None
            open_route.__policy__ = rule  # type: ignore[attr-defined]
            return open_route

        def check(request: Request, authorization: str = Header(default="")) -> Principal:
            p = principal_of(authorization)
            if rule.scope and not p.has(rule.scope):
                raise forbid(f"scope '{rule.scope}' required", f"Tài khoản không có quyền '{rule.scope}'")
            if rule.roles and not p.roles & rule.roles:
                raise forbid(f"one of the roles {sorted(rule.roles)} required",
                             "Vai trò của tài khoản không được phép thực hiện thao tác này")
            if rule.agency is AgencyCheck.DOSSIER_PATH:
                agency_must(p, str(request.path_params.get("ma_ho_so", "")).rsplit("-", 2)[0])
            return p

        check.__policy__ = rule  # type: ignore[attr-defined]
        return check

    allow = {name: guard(rule) for name, rule in POLICY.items()}

    def agency_must(p: Principal, agency: str) -> None:
        if not p.acts_for(agency):
            raise forbid(f"the account acts for agency '{p.agency or '-'}', not '{agency}'",
                         f"Tài khoản thuộc cơ quan {p.agency or '(chưa gán)'}, không được xử lý dữ liệu của cơ quan {agency}")

    def replay(conn: Any, claims: Principal, key: str, fp: str) -> JSONResponse | None:
        """The stored reply to this caller's earlier request with this key, if any. The key is
        scoped by the caller (token subject); the same key with another route or body is refused."""
        if not key:
            raise Problem(400, "Idempotency-Key required", "Every write needs an Idempotency-Key header")
        if len(key) > 200:
            raise Problem(400, "Idempotency-Key too long", "Idempotency-Key must be at most 200 characters")
        row = conn.execute("SELECT fingerprint, status, body FROM idempotency_keys WHERE subject = ? AND key = ?",
                           (claims.subject, key)).fetchone()
        if row is None:
            return None
        if row["fingerprint"] != fp:
            raise Problem(422, "Idempotency-Key reused",
                          "this Idempotency-Key was already used for a different request (another route or body); "
                          "a new request needs a new key",
                          "Khóa chống gửi trùng (Idempotency-Key) đã dùng cho một yêu cầu khác; yêu cầu mới cần khóa mới")
        return JSONResponse(json.loads(row["body"]), status_code=row["status"])

    def remember(conn: Any, claims: Principal, key: str, fp: str, status: int, body: dict[str, Any]) -> JSONResponse:
        conn.execute("INSERT INTO idempotency_keys(subject, key, fingerprint, status, body, created) VALUES (?,?,?,?,?,?)",
                     (claims.subject, key, fp, status, json.dumps(body, ensure_ascii=False), time.time()))
        return JSONResponse(body, status_code=status)

    def fingerprint(request: Request, body: BaseModel | None) -> str:
        text = request.method + " " + request.url.path + "\n" + (body.model_dump_json() if body is not None else "")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def idempotent(request: Request, claims: Principal, key: str, body: BaseModel | None,
                   write: Callable[[Any], tuple[int, dict[str, Any]]],
                   check: Callable[[], None] | None = None) -> JSONResponse:
        """Run ``write`` once per (caller, key): the lookup and the write share one transaction
        (SQLite's write lock), so concurrent retries of one request run once. ``check`` runs
        the slow validation outside the lock, only when the request is new."""
        fp = fingerprint(request, body)
        if (cached := replay(db.conn(), claims, key, fp)) is not None:
            return cached
        if check is not None:
            check()
        for attempt in range(3):
            try:
                with db.tx() as c:
                    if (cached := replay(c, claims, key, fp)) is not None:
                        return cached
                    status, reply = write(c)
                    return remember(c, claims, key, fp, status, reply)
            except db.integrity_errors:
                # PostgreSQL: a concurrent request won the same key or row; run again to see it
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @app.get("/health")
    def health(_p: None = Depends(allow["health"])) -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/.well-known/openid-configuration")
    def discovery(request: Request, _p: None = Depends(allow["discovery"])) -> dict[str, Any]:
        base = str(request.base_url).rstrip("/")
        return {"issuer": ISSUER, "token_endpoint": f"{base}/oauth/token", "jwks_uri": f"{base}/oauth/jwks",
                "revocation_endpoint": f"{base}/oauth/revoke",
                "grant_types_supported": ["password", "client_credentials", "refresh_token"],
                "id_token_signing_alg_values_supported": ["RS256"]}

    @app.get("/oauth/jwks")
    def jwks(_p: None = Depends(allow["jwks"])) -> dict[str, Any]:
        return issuer.jwks()

    # -- login: throttling per account and per address, then Argon2id ------------------------
    def throttle(keys: list[str]) -> None:
        """Refuse while an account (``user:``/``client:``) has ``lockout_max`` failures, or an
        address (``addr:``) ``address_max``, within the last ``lockout_window_s`` seconds."""
        now = time.time()
        conn = db.conn()
        for key in keys:
            limit = address_max if key.startswith("addr:") else lockout_max
            rows = conn.execute("SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC",
                                (key, now - lockout_window_s)).fetchall()
            if len(rows) >= limit:
                wait = max(1, int(rows[limit - 1]["at"] + lockout_window_s - now) + 1)
                minutes = max(1, -(-wait // 60))
                who = "this address" if key.startswith("addr:") else "the account"
                raise Problem(429, "Too many failed logins",
                              f"{who} is locked after {limit} wrong passwords; try again in {wait} s",
                              f"Đăng nhập sai quá {limit} lần: tạm khóa, thử lại sau {minutes} phút", retry_after=wait)

    def failed(keys: list[str]) -> None:
        now = time.time()
        with db.tx() as c:
            for key in keys:
                c.execute("INSERT INTO login_failures(key, at) VALUES (?,?)", (key, now))
            c.execute("DELETE FROM login_failures WHERE at < ?", (now - max(lockout_window_s, 86400),))

    def login(table: str, id_col: str, ident: str, secret: str, keys: list[str]) -> Any:
        throttle(keys)
        row = db.conn().execute(f"SELECT * FROM {table} WHERE {id_col} = ?", (ident,)).fetchone()
        if row is None:
            check_secret(secret, "")  # the same time as a wrong password
            ok, rehash = False, None
        else:
            ok, rehash = check_secret(secret, row["secret_hash"], row["legacy_sha256"])
        if not ok or row is None or row["disabled"]:
            failed(keys)
            return None
        with db.tx() as c:
            c.execute("DELETE FROM login_failures WHERE key = ?", (keys[0],))
            if rehash:
                c.execute(f"UPDATE {table} SET secret_hash = ?, legacy_sha256 = '' WHERE {id_col} = ?", (rehash, ident))
        return row

    def issue_tokens(request: Request, subject: str, row: Any, family: str) -> JSONResponse:
        roles = parse_roles(row["roles"])
        scopes = scopes_of(roles, row["scopes"])
        body = issuer.issue(subject, scopes, str(request.base_url), roles=[str(r) for r in roles], agency=row["agency"])
        rt = secrets.token_urlsafe(32)
        with db.tx() as c:
            c.execute("INSERT INTO refresh_tokens(token_hash, subject, family, expires, used, revoked) VALUES (?,?,?,?,0,0)",
                      (token_digest(rt), subject, family, time.time() + refresh_lifetime_s))
        return JSONResponse({**body, "refresh_token": rt}, headers={"Cache-Control": "no-store"})

    def account_row(subject: str) -> Any:
        if subject.startswith("client:"):
            return db.conn().execute("SELECT * FROM clients WHERE client_id = ?", (subject[7:],)).fetchone()
        return db.conn().execute("SELECT * FROM users WHERE username = ?", (subject,)).fetchone()

    @app.post("/oauth/token")
    def token(request: Request, grant_type: str = Form(..., max_length=40), username: str = Form("", max_length=200),
              password: str = Form("", max_length=1024), client_id: str = Form("", max_length=200),
              client_secret: str = Form("", max_length=1024), refresh_token: str = Form("", max_length=200),
              _p: None = Depends(allow["token"])) -> JSONResponse:
        addr = f"addr:{request.client.host if request.client else '-'}"
        if grant_type == "password":
            if client_id and client_id != STATION_CLIENT:
                raise Problem(401, "invalid_client", f"the password grant is for client {STATION_CLIENT}")
            row = login("users", "username", username, password, [f"user:{username}", addr])
            if row is None:
                raise Problem(401, "invalid_grant", "Wrong username or password",
                              "Sai tên đăng nhập hoặc mật khẩu")
            return issue_tokens(request, username, row, secrets.token_hex(12))
        if grant_type == "client_credentials":
            row = login("clients", "client_id", client_id, client_secret, [f"client:{client_id}", addr])
            if row is None:
                raise Problem(401, "invalid_client", "Wrong client credentials", "Sai mã hoặc khóa bí mật của máy trạm")
            return issue_tokens(request, f"client:{client_id}", row, secrets.token_hex(12))
        if grant_type == "refresh_token":
            throttle([addr])
            digest = token_digest(refresh_token)
            with db.tx() as c:
                rt = c.execute("SELECT * FROM refresh_tokens WHERE token_hash = ?", (digest,)).fetchone()
                if rt is not None and rt["used"] and not rt["revoked"]:
                    # a refresh token used twice: stolen or replayed; the whole family ends here
                    c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", (rt["family"],))
                    log.warning("Refresh token replayed for %s: family revoked", rt["subject"])
                elif rt is not None:
                    c.execute("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?", (digest,))
            if rt is None or rt["used"] or rt["revoked"] or rt["expires"] < time.time():
                if rt is None:
                    failed([addr])
                raise Problem(401, "invalid_grant", "Refresh token invalid, used or expired",
                              "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại")
            row = account_row(rt["subject"])
            if row is None or row["disabled"]:
                raise Problem(401, "invalid_grant", "Account disabled", "Tài khoản đã bị khóa")
            return issue_tokens(request, rt["subject"], row, rt["family"])
        raise Problem(400, "unsupported_grant_type", grant_type[:40])

    @app.post("/oauth/revoke")
    def revoke(token: str = Form("", max_length=200), _p: None = Depends(allow["revoke"])) -> Response:
        """RFC 7009 (logout): the refresh token and every token rotated from it end; always 200."""
        with db.tx() as c:
            rt = c.execute("SELECT family FROM refresh_tokens WHERE token_hash = ?", (token_digest(token),)).fetchone()
            if rt is not None:
                c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE family = ?", (rt["family"],))
        return Response(status_code=200)

    # -- accounts of the server (administrators) -----------------------------------------------
    @app.post("/api/v1/users", status_code=201)
    def create_user(body: UserIn, p: Principal = Depends(allow["create_user"])) -> dict[str, Any]:
        agency_must(p, body.agency)
        if Role.PROVINCE_ADMIN in body.roles and not p.province:
            raise forbid("only the province creates provincial administrators",
                         "Chỉ quản trị cấp tỉnh được tạo tài khoản quản trị cấp tỉnh")
        with db.tx() as c:
            if c.execute("SELECT 1 FROM users WHERE username = ?", (body.username,)).fetchone():
                raise Problem(409, "User exists", body.username, f"Tài khoản {body.username} đã có")
            c.execute("INSERT INTO users(username, legacy_sha256, secret_hash, scopes, roles, agency, disabled) "
                      "VALUES (?,'',?,'',?,?,0)", (body.username, hash_secret(body.password),
                                                    " ".join(str(r) for r in body.roles), body.agency))
        return {"username": body.username, "roles": [str(r) for r in body.roles], "agency": body.agency}

    @app.post("/api/v1/users/{username}/disable")
    def disable_user(username: str, p: Principal = Depends(allow["disable_user"])) -> dict[str, Any]:
        """The account can no longer log in; its refresh tokens and live access tokens stop working."""
        not_self(p, username, "disable their own account", "Không thể tự khóa tài khoản của chính mình")
        managed_user(p, username)
        with db.tx() as c:
            c.execute("UPDATE users SET disabled = 1 WHERE username = ?", (username,))
            n = end_sessions(c, username)
        log.info("Account %s disabled by %s (%d refresh tokens revoked)", username, p.subject, n)
        return {"username": username, "disabled": True, "refresh_tokens_revoked": n}

    def managed_user(p: Principal, username: str) -> Any:
        """The account ``username`` an administrator may manage (404 unknown, 403 another agency)."""
        row = db.conn().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown user", username, f"Không có tài khoản {username}")
        agency_must(p, row["agency"])
        if Role.PROVINCE_ADMIN in parse_roles(row["roles"]) and not p.province:
            raise forbid("only the province manages provincial administrators",
                         "Chỉ quản trị cấp tỉnh được quản lý tài khoản quản trị cấp tỉnh")
        return row

    def not_self(p: Principal, username: str, what: str, what_vi: str) -> None:
        if username == p.subject:  # the last administrator must not lock everyone out
            raise Problem(409, "Not on one's own account", f"an administrator cannot {what}", what_vi)

    def end_sessions(c: Any, username: str) -> int:
        return int(c.execute("UPDATE refresh_tokens SET revoked = 1 WHERE subject = ? AND revoked = 0",
                             (username,)).rowcount)

    @app.post("/api/v1/users/{username}/enable")
    def enable_user(username: str, p: Principal = Depends(allow["enable_user"])) -> dict[str, Any]:
        """A disabled (or locked-out) account may log in again."""
        managed_user(p, username)
        with db.tx() as c:
            c.execute("UPDATE users SET disabled = 0 WHERE username = ?", (username,))
            c.execute("DELETE FROM login_failures WHERE key = ?", (f"user:{username}",))
        log.info("Account %s enabled by %s", username, p.subject)
        return {"username": username, "disabled": False}

    @app.put("/api/v1/users/{username}/roles")
    def set_roles(username: str, body: RolesIn, p: Principal = Depends(allow["set_roles"])) -> dict[str, Any]:
        """New roles; a role taken away stops at once, the account's sessions end."""
        not_self(p, username, "change their own roles", "Không thể tự đổi vai trò của chính mình")
        managed_user(p, username)
        if Role.WORKSTATION in body.roles:
            raise Problem(422, "Not a person's role", "the workstation role is for machine credentials",
                          "Vai trò máy trạm chỉ dành cho khóa của máy trạm")
        if Role.PROVINCE_ADMIN in body.roles and not p.province:
            raise forbid("only the province creates provincial administrators",
                         "Chỉ quản trị cấp tỉnh được tạo tài khoản quản trị cấp tỉnh")
        roles = sorted({str(r) for r in body.roles})
        with db.tx() as c:
            c.execute("UPDATE users SET roles = ? WHERE username = ?", (" ".join(roles), username))
            n = end_sessions(c, username)
        log.info("Roles of %s set to %s by %s", username, roles, p.subject)
        return {"username": username, "roles": roles, "refresh_tokens_revoked": n}

    @app.post("/api/v1/users/{username}/password")
    def set_password(username: str, body: PasswordIn, p: Principal = Depends(allow["set_password"])) -> dict[str, Any]:
        """One's own password (the current one is checked, with the login's lock-out), or an
        administrator's reset of an account of their agency. Every session of the account ends."""
        if username == p.subject:
            keys = [f"user:{username}"]
            throttle(keys)
            row = db.conn().execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
            ok = row is not None and check_secret(body.current_password, row["secret_hash"], row["legacy_sha256"])[0]
            if not ok:
                failed(keys)
                raise forbid("the current password is wrong", "Mật khẩu hiện tại không đúng")
        elif Role.AGENCY_ADMIN in p.roles or p.province:
            managed_user(p, username)
        else:
            raise forbid("only administrators reset another account's password",
                         "Chỉ quản trị viên được đặt lại mật khẩu của tài khoản khác")
        with db.tx() as c:
            c.execute("UPDATE users SET secret_hash = ?, legacy_sha256 = '' WHERE username = ?",
                      (hash_secret(body.new_password), username))
            n = end_sessions(c, username)
        log.info("Password of %s changed by %s (%d sessions ended)", username, p.subject, n)
        return {"username": username, "password_changed": True, "refresh_tokens_revoked": n}

    @app.get("/api/v1/accounts/{owner_id}")
    def account(owner_id: str, p: Principal = Depends(allow["account"])) -> dict[str, Any]:
        """A citizen's name and portal-account state, for the counter that receives them (logged)."""
        read_log(p, owner_id, "", "", "account")
        row = db.conn().execute("SELECT * FROM accounts WHERE owner_id = ?", (owner_id,)).fetchone()
        return {"owner_id": owner_id, "state": row["state"] if row else "none", "name": row["name"] if row else ""}

    # -- uploads: start, chunks (multipart, each with its SHA-256), status, complete -----------
    def expire_uploads() -> int:
        """Unfinished uploads older than ``upload_max_age_s`` are dropped with their chunks."""
        cutoff = time.time() - upload_max_age_s
        stale = [r["id"] for r in db.conn().execute("SELECT id FROM uploads WHERE file_id IS NULL AND created < ?",
                                                    (cutoff,)).fetchall()]
        for upload_id in stale:
            with db.tx() as c:
                c.execute("DELETE FROM upload_chunks WHERE upload_id = ?", (upload_id,))
                c.execute("DELETE FROM uploads WHERE id = ? AND file_id IS NULL", (upload_id,))
            shutil.rmtree(data_dir / "chunks" / upload_id, ignore_errors=True)
        if stale:
            log.info("%d abandoned uploads expired", len(stale))
        return len(stale)

    def upload_of(upload_id: str, claims: Principal) -> Any:
        """An upload belongs to its creator: another caller's upload id is unknown to them (404)."""
        up = db.conn().execute("SELECT * FROM uploads WHERE id = ?", (upload_id,)).fetchone()
        if up is None or up["created_by"] != claims.subject:
            raise Problem(404, "Unknown upload", upload_id, f"Không có phiên tải lên {upload_id}")
        return up

    @app.post("/api/v1/uploads", status_code=201)
    def upload_start(request: Request, body: UploadStart, claims: Principal = Depends(allow["upload_start"]),
                     idempotency_key: str = Header(default="")) -> JSONResponse:

        expire_uploads()
        if body.size > max_upload_bytes:
            raise Problem(413, "File too large", f"{body.name}: {body.size} bytes, at most {max_upload_bytes}",
                          f"{body.name}: tệp quá lớn (tối đa {max_upload_bytes // (1024 * 1024)} MB)")
        pending_row = db.conn().execute("SELECT COALESCE(SUM(size), 0) FROM uploads WHERE created_by = ? AND "
                                        "file_id IS NULL", (claims.subject,)).fetchone()
        pending = pending_row[0] if pending_row is not None else 0
        if int(pending) + body.size > upload_quota_bytes:
            raise Problem(413, "Upload quota exceeded",
                          f"unfinished uploads of {claims.subject} would exceed {upload_quota_bytes} bytes",
                          "Tài khoản có quá nhiều tệp đang tải lên dở dang; hoàn tất hoặc chờ chúng hết hạn")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            upload_id = secrets.token_hex(12)
            c.execute("INSERT INTO uploads(id, name, size, sha256, chunk_size, created_by, created) VALUES (?,?,?,?,?,?,?)",
                      (upload_id, body.name, body.size, body.sha256, CHUNK_SIZE, claims.subject, time.time()))
            return 201, {"upload_id": upload_id, "chunk_size": CHUNK_SIZE}

        return idempotent(request, claims, idempotency_key, body, write)

    @app.put("/api/v1/uploads/{upload_id}/chunks/{idx}")
    def upload_chunk(upload_id: str, idx: int, chunk: UploadFile = File(...), sha256: str = Form(..., max_length=64),
                     claims: Principal = Depends(allow["upload_chunk"])) -> dict[str, Any]:
        """A plain ``def`` route (a worker thread): the chunk is copied in bounded pieces, never
        held whole, compared with the size its slot must have and with its SHA-256, and fsync'd."""
        up = upload_of(upload_id, claims)
        if faults.get("drop_chunk_next", 0) > 0:
            faults["drop_chunk_next"] -= 1
            raise Problem(503, "Injected connection drop", "chunk not stored")
        nchunks = max(1, -(-up["size"] // up["chunk_size"]))
        if not 0 <= idx < nchunks:
            raise Problem(422, "Chunk out of range", f"{idx} not in 0..{nchunks - 1}")
        expected = min(up["chunk_size"], up["size"] - idx * up["chunk_size"])
        d = data_dir / "chunks" / upload_id
        d.mkdir(exist_ok=True)
        tmp = d / f".{idx}.{secrets.token_hex(4)}.tmp"
        h, got = hashlib.sha256(), 0
        try:
            with open(tmp, "wb") as out:
                while piece := chunk.file.read(COPY_PIECE):
                    got += len(piece)
                    if got > expected:
                        raise Problem(413, "Chunk too large", f"chunk {idx} must be {expected} bytes",
                                      f"Phần {idx} của tệp lớn hơn kích thước đã khai báo ({expected} byte)")
                    h.update(piece)
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
            if got != expected:
                raise Problem(422, "Chunk size mismatch", f"chunk {idx} has {got} bytes, its slot {expected}",
                              f"Phần {idx} của tệp có {got} byte, khác kích thước đã khai báo ({expected} byte)")
            if h.hexdigest() != sha256:
                raise Problem(422, "Chunk hash mismatch", f"chunk {idx} does not match its SHA-256")
            tmp.replace(d / str(idx))
            fsync_dir(d)
        finally:
            tmp.unlink(missing_ok=True)
        with db.tx() as c:
            c.execute("INSERT INTO upload_chunks(upload_id, idx, sha256, size) VALUES (?,?,?,?) ON CONFLICT(upload_id, idx) "
                      "DO UPDATE SET sha256 = excluded.sha256, size = excluded.size",
                      (upload_id, idx, sha256, got))
        return {"upload_id": upload_id, "chunk": idx, "stored": True}

    @app.get("/api/v1/uploads/{upload_id}")
    def upload_status(upload_id: str,
                      claims: Principal = Depends(allow["upload_status"])) -> dict[str, Any]:
        up = upload_of(upload_id, claims)
        got = [r["idx"] for r in db.conn().execute("SELECT idx FROM upload_chunks WHERE upload_id = ? ORDER BY idx", (upload_id,))]
        return {"upload_id": upload_id, "received": got, "chunk_size": up["chunk_size"], "file_id": up["file_id"]}

    @app.post("/api/v1/uploads/{upload_id}/complete")
    def upload_complete(upload_id: str,
                        claims: Principal = Depends(allow["upload_complete"])) -> dict[str, Any]:
        up = upload_of(upload_id, claims)
        if up["file_id"]:
            return {"file_id": up["file_id"], "sha256": up["sha256"]}
        nchunks = max(1, -(-up["size"] // up["chunk_size"]))
        d = data_dir / "chunks" / upload_id
        missing = [i for i in range(nchunks) if not (d / str(i)).is_file()]
        if up["size"] == 0:
            missing = []
        if missing:
            raise Problem(409, "Upload incomplete", f"missing chunks {missing[:10]}")
        h = hashlib.sha256()
        final_tmp = data_dir / "files" / f".{upload_id}.tmp"
        with open(final_tmp, "wb") as out:
            for i in range(nchunks if up["size"] else 0):
                with open(d / str(i), "rb") as part:
                    while piece := part.read(COPY_PIECE):
                        h.update(piece)
                        out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != up["sha256"]:
            final_tmp.unlink(missing_ok=True)
            raise Problem(422, "File hash mismatch", "the assembled file does not match the declared SHA-256")
        file_id = f"f-{up['sha256'][:24]}"
        final_tmp.replace(data_dir / "files" / file_id)
        fsync_dir(data_dir / "files")
        with db.tx() as c:
            c.execute("INSERT INTO files(id, name, sha256, size) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                      (file_id, up["name"], up["sha256"], up["size"]))
            c.execute("UPDATE uploads SET file_id = ? WHERE id = ?", (file_id, upload_id))
        shutil.rmtree(d, ignore_errors=True)
        return {"file_id": file_id, "sha256": up["sha256"]}

    # -- workstations and their leased blocks of dossier numbers -------------------------------
    def workstation_of(x_workstation_id: str) -> Any:
        row = db.conn().execute("SELECT * FROM workstations WHERE id = ?", (x_workstation_id,)).fetchone() \
            if x_workstation_id else None
        if row is None:
            raise Problem(422, "Unknown workstation",
                          "the X-Workstation-Id header must name a registered workstation (motcua workstation register)",
                          "Máy trạm chưa đăng ký với hệ thống tỉnh (motcua workstation register)")
        return row

    @app.post("/api/v1/workstations", status_code=201)
    def register_workstation(request: Request, body: WorkstationIn,
                             claims: Principal = Depends(allow["register_workstation"]),
                             idempotency_key: str = Header(default="")) -> JSONResponse:
        """Register a counter's workstation with its agency. Registering the same name (or id)
        again (a reinstalled workspace) keeps the id and revokes every block of numbers leased
        before, so nothing the old installation held can be used again."""
        agency_must(claims, body.agency)

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if body.workstation_id:
                row = c.execute("SELECT * FROM workstations WHERE id = ?", (body.workstation_id,)).fetchone()
                if row is None or row["agency"] != body.agency:
                    raise Problem(422, "Unknown workstation", f"no workstation {body.workstation_id} of agency {body.agency}",
                                  f"Không có máy trạm {body.workstation_id} của cơ quan {body.agency}")
            else:
                row = c.execute("SELECT * FROM workstations WHERE agency = ? AND name = ?", (body.agency, body.name)).fetchone()
            if row is None:
                ws_id = str(uuid.uuid4())
                c.execute("INSERT INTO workstations(id, agency, name, registered_by, created) VALUES (?,?,?,?,?)",
                          (ws_id, body.agency, body.name, claims.subject, time.time()))
                return 201, {"workstation_id": ws_id, "agency": body.agency, "name": body.name, "reinstalled": False}
            revoked = c.execute("UPDATE number_leases SET revoked = 1 WHERE workstation_id = ? AND revoked = 0",
                                (row["id"],)).rowcount
            c.execute("UPDATE workstations SET registrations = registrations + 1, registered_by = ? WHERE id = ?",
                      (claims.subject, row["id"]))
            log.info("Workstation %s registered again: %d leases revoked", row["id"], revoked)
            return 200, {"workstation_id": row["id"], "agency": row["agency"], "name": row["name"], "reinstalled": True,
                         "leases_revoked": revoked}

        return idempotent(request, claims, idempotency_key, body, write)

    @app.post("/api/v1/workstations/{workstation_id}/leases", status_code=201)
    def lease_numbers(request: Request, workstation_id: str, body: LeaseIn,
                      claims: Principal = Depends(allow["lease_numbers"]),
                      idempotency_key: str = Header(default="")) -> JSONResponse:
        """A block of the agency's daily sequence numbers for this workstation alone: the day's
        counter only moves forward, so no number is ever handed out twice."""
        ws_row = workstation_of(workstation_id)
        agency_must(claims, ws_row["agency"])
        try:
            day = date.fromisoformat(body.day)
        except ValueError as exc:
            raise Problem(422, "Invalid day", f"{body.day} is not yyyy-mm-dd") from exc
        today = vn_today()
        if not today - timedelta(days=1) <= day <= today + timedelta(days=LEASE_DAYS_AHEAD):
            raise Problem(422, "Day out of range", f"numbers are leased from {today - timedelta(days=1)} "
                          f"to {today + timedelta(days=LEASE_DAYS_AHEAD)}")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            agency = ws_row["agency"]
            # one atomic step moves the day's counter (a row lock in PostgreSQL, the write lock in SQLite)
            after = c.execute("INSERT INTO day_counters(agency, day, next_seq) VALUES (?,?,?) ON CONFLICT(agency, day) "
                              "DO UPDATE SET next_seq = day_counters.next_seq + ? RETURNING next_seq",
                              (agency, body.day, 1 + body.count, body.count)).fetchone()[0]
            first = after - body.count
            if first > MAX_SEQ:
                raise Problem(409, "Numbers exhausted", f"agency {agency} has used all {MAX_SEQ} numbers of {body.day}",
                              f"Cơ quan {agency} đã dùng hết {MAX_SEQ} số hồ sơ của ngày {day:%d/%m/%Y}")
            last = min(after - 1, MAX_SEQ)
            lease_id = str(uuid.uuid4())
            c.execute("INSERT INTO number_leases(id, workstation_id, agency, day, first, last, created) VALUES (?,?,?,?,?,?,?)",
                      (lease_id, workstation_id, agency, body.day, first, last, time.time()))
            return 201, {"lease_id": lease_id, "workstation_id": workstation_id, "agency": agency, "day": body.day,
                         "first": first, "last": last}

        return idempotent(request, claims, idempotency_key, body, write)

    # -- dossiers ---------------------------------------------------------------------------
    def check_files(body: DossierIn) -> None:
        conn = db.conn()
        for doc in body.TaiLieuNop:
            f = conn.execute("SELECT sha256 FROM files WHERE id = ?", (doc.TepDinhKemId,)).fetchone()
            if f is None:
                raise Problem(422, "Unknown file", f"{doc.TenTepDinhKem}: file {doc.TepDinhKemId} was not uploaded")
            if f["sha256"] != doc.Sha256:
                raise Problem(422, "File hash mismatch", f"{doc.TenTepDinhKem}: stored file does not match Sha256")
            check_attachment(data_dir / "files" / doc.TepDinhKemId, doc.TenTepDinhKem, trust_dir=trust_dir,
                             require_signed=require_signed)

    def check_number(c: Any, ma_ho_so: str, ws_row: Any) -> None:
        """The number must come from a live block leased to the calling workstation."""
        agency, yymmdd, seq = ma_ho_so.rsplit("-", 2)
        try:
            day = datetime.strptime(yymmdd, "%y%m%d").date().isoformat()
        except ValueError as exc:
            raise Problem(422, "Invalid dossier number", f"{ma_ho_so}: {yymmdd} is not a date") from exc
        if agency != ws_row["agency"]:
            raise Problem(422, "Number of another agency", f"{ma_ho_so}: workstation belongs to {ws_row['agency']}",
                          f"{ma_ho_so}: máy trạm thuộc cơ quan {ws_row['agency']}")
        if c.execute("SELECT 1 FROM number_leases WHERE workstation_id = ? AND agency = ? AND day = ? AND first <= ? "
                     "AND last >= ? AND revoked = 0", (ws_row["id"], agency, day, int(seq), int(seq))).fetchone() is None:
            raise Problem(422, "Number not leased", f"{ma_ho_so} is not in a block leased to this workstation",
                          f"Số hồ sơ {ma_ho_so} không thuộc khối số đã cấp cho máy trạm này")

    @app.post("/api/v1/dossiers", status_code=201)
    def submit(request: Request, body: DossierIn,
               claims: Principal = Depends(allow["submit"]),
               idempotency_key: str = Header(default=""), x_workstation_id: str = Header(default="")) -> JSONResponse:
        ws_row = workstation_of(x_workstation_id)
        agency_must(claims, ws_row["agency"])
        agency_must(claims, body.MaHoSo.rsplit("-", 2)[0])

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if c.execute("SELECT 1 FROM dossiers WHERE ma_ho_so = ?", (body.MaHoSo,)).fetchone():
                raise Problem(409, "Dossier exists", f"{body.MaHoSo} was already submitted",
                              f"Hồ sơ {body.MaHoSo} đã có trên hệ thống tỉnh")
            check_number(c, body.MaHoSo, ws_row)
            now = time.time()
            c.execute("INSERT INTO dossiers(ma_ho_so, body, status, received, submitted_by, workstation_id, version) "
                      "VALUES (?,?,?,?,?,?,1)",
                      (body.MaHoSo, body.model_dump_json(), body.TrangThaiHoSo, now, claims.subject, ws_row["id"]))
            c.execute("INSERT INTO dossier_versions(ma_ho_so, version, body, reason, received, submitted_by, workstation_id) "
                      "VALUES (?,1,?,'',?,?,?)", (body.MaHoSo, body.model_dump_json(), now, claims.subject, ws_row["id"]))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at) VALUES (?,?,?)",
                      (body.MaHoSo, body.TrangThaiHoSo, body.NgayTiepNhan))
            return 201, {"MaHoSo": body.MaHoSo, "TrangThaiHoSo": body.TrangThaiHoSo, "files": len(body.TaiLieuNop),
                         "PhienBan": 1}

        return idempotent(request, claims, idempotency_key, body, write, lambda: check_files(body))

    def history_of(ma_ho_so: str) -> list[dict[str, Any]]:
        return [{"status": r["status"], "status_name": STATUS_NAMES.get(r["status"], ""), "at": r["at"], "note": r["note"]}
                for r in db.conn().execute(f"SELECT status, at, note FROM dossier_status WHERE ma_ho_so = ? ORDER BY {db.row_order}",
                                           (ma_ho_so,))]

    @app.get("/api/v1/dossiers/{ma_ho_so}")
    def get_dossier(ma_ho_so: str, claims: Principal = Depends(allow["get_dossier"])) -> dict[str, Any]:
        row = db.conn().execute("SELECT * FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown dossier", ma_ho_so)
        return {**json.loads(row["body"]), "TrangThaiHoSo": row["status"], "TenTrangThai": STATUS_NAMES[row["status"]],
                "PhienBan": row["version"], "history": history_of(ma_ho_so)}

    @app.get("/api/v1/dossiers/{ma_ho_so}/status")
    def get_status(ma_ho_so: str, claims: Principal = Depends(allow["get_status"])) -> dict[str, Any]:
        row = db.conn().execute("SELECT status, version FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown dossier", ma_ho_so)
        return {"MaHoSo": ma_ho_so, "TrangThaiHoSo": row["status"], "TenTrangThai": STATUS_NAMES[row["status"]],
                "PhienBan": row["version"], "history": history_of(ma_ho_so)}

    @app.post("/api/v1/dossiers/{ma_ho_so}/versions", status_code=201)
    def new_version(request: Request, ma_ho_so: str, body: VersionIn,
                    claims: Principal = Depends(allow["new_version"]),
                    idempotency_key: str = Header(default=""), x_workstation_id: str = Header(default="")) -> JSONResponse:
        """A corrected dossier sent again (after a send-back or a request for more documents):
        the server keeps every version."""
        ws_row = workstation_of(x_workstation_id)
        agency_must(claims, ws_row["agency"])
        if body.HoSo.MaHoSo != ma_ho_so:
            raise Problem(422, "Number mismatch", f"body is {body.HoSo.MaHoSo}, path is {ma_ho_so}")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = c.execute("SELECT status, version FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
            if row is None:
                raise Problem(404, "Unknown dossier", ma_ho_so, f"Hồ sơ {ma_ho_so} chưa có trên hệ thống tỉnh")
            if ma_ho_so.rsplit("-", 2)[0] != ws_row["agency"]:
                raise Problem(422, "Number of another agency", f"{ma_ho_so}: workstation belongs to {ws_row['agency']}")
            if row["status"] not in CORRECTABLE:
                raise Problem(409, "Not correctable", f"{ma_ho_so} is '{STATUS_NAMES[row['status']]}': no new version accepted",
                              f"Hồ sơ {ma_ho_so} đang ở trạng thái '{STATUS_NAMES[row['status']]}', không nhận bản bổ sung")
            if body.PhienBan != row["version"] + 1:
                raise Problem(409, "Version conflict", f"{ma_ho_so} is at version {row['version']}, got {body.PhienBan}",
                              f"Hồ sơ {ma_ho_so} đang ở phiên bản {row['version']}")
            data, now = body.HoSo.model_dump_json(), time.time()
            c.execute("INSERT INTO dossier_versions(ma_ho_so, version, body, reason, received, submitted_by, workstation_id) "
                      "VALUES (?,?,?,?,?,?,?)", (ma_ho_so, body.PhienBan, data, body.LyDo, now, claims.subject, ws_row["id"]))
            c.execute("UPDATE dossiers SET body = ?, version = ?, status = 2 WHERE ma_ho_so = ?", (data, body.PhienBan, ma_ho_so))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at, note) VALUES (?,?,?,?)",
                      (ma_ho_so, 2, body.HoSo.NgayTiepNhan, f"Phiên bản {body.PhienBan}: {body.LyDo}"))
            return 201, {"MaHoSo": ma_ho_so, "PhienBan": body.PhienBan, "TrangThaiHoSo": 2, "files": len(body.HoSo.TaiLieuNop)}

        return idempotent(request, claims, idempotency_key, body, write, lambda: check_files(body.HoSo))

    @app.post("/api/v1/dossiers/{ma_ho_so}/status")
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
            for r in body.DanhSachGiayToKetQua:
                f = db.conn().execute("SELECT sha256 FROM files WHERE id = ?", (r.TepDinhKemId,)).fetchone()
                if f is None or f["sha256"] != r.Sha256:
                    raise Problem(422, "Unknown result file", f"{r.TenGiayTo}: file {r.TepDinhKemId} missing or not matching")

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            row = c.execute("SELECT status, body FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)).fetchone()
            if row is None:
                raise Problem(404, "Unknown dossier", ma_ho_so)
            if (refused := role_refusal(claims.roles, body.TrangThaiHoSo)) is not None:
                raise forbid(*refused)
            if body.TrangThaiHoSo == 10 and row["status"] != 9 and row["status"] not in CLOSED \
                    and not body.LyDoBoQua.strip():
                raise Problem(409, "Not processed yet",
                              f"{ma_ho_so} is '{STATUS_NAMES[row['status']]}': results are returned after status 9",
                              f"Hồ sơ {ma_ho_so} đang '{STATUS_NAMES[row['status']]}': chỉ trả kết quả khi đã xử lý xong")
            refusal = status_refusal(claims.roles, row["status"], body.TrangThaiHoSo, bool(body.LyDoBoQua.strip()))
            if refusal is not None:
                raise forbid(*refusal)
            results = []
            if body.TrangThaiHoSo == 10:
                owner = str(json.loads(row["body"]).get("MaDoiTuong", ""))
                owner = owner if owner.isdigit() and len(owner) in (9, 12) else "0" * 12
                for r in body.DanhSachGiayToKetQua:
                    n = c.execute("SELECT COUNT(*) FROM warehouse WHERE type = ?", (r.MaLoaiGiayTo,)).fetchone()[0] + 1
                    code = str(DocumentCode(owner, r.MaLoaiGiayTo, n, f"{vn_today():%d%m%Y}"))
                    c.execute("INSERT INTO warehouse(code, owner, type, type_name, issuer, issued, file_id, title) "
                              "VALUES (?,?,?,?,?,?,?,?)", (code, owner, r.MaLoaiGiayTo, r.TenGiayTo,
                                                           ma_ho_so.rsplit("-", 2)[0], vn_today().isoformat(),
                                                           r.TepDinhKemId, r.TenGiayTo))
                    c.execute("INSERT INTO dossier_results(ma_ho_so, code) VALUES (?,?) ON CONFLICT DO NOTHING",
                              (ma_ho_so, code))
                    results.append({"code": code, "file_id": r.TepDinhKemId, "TenGiayTo": r.TenGiayTo})
            note = body.GhiChu + (f" [bỏ qua kiểm tra bởi {claims.subject}: {body.LyDoBoQua}]"
                                  if body.LyDoBoQua.strip() else "")
            c.execute("UPDATE dossiers SET status = ? WHERE ma_ho_so = ?", (body.TrangThaiHoSo, ma_ho_so))
            c.execute("INSERT INTO dossier_status(ma_ho_so, status, at, note) VALUES (?,?,?,?)",
                      (ma_ho_so, body.TrangThaiHoSo, body.NgayCapNhat, note))
            return 200, {"MaHoSo": ma_ho_so, "TrangThaiHoSo": body.TrangThaiHoSo, "KetQua": results}

        return idempotent(request, claims, idempotency_key, body, write, check)

    app.include_router(counter_routes.router(db, allow, idempotent, agency_must, Problem))

    # -- data warehouse: read only to serve the citizen, and every read is logged ---------------
    def purpose_must(p: Principal, owner: str, dossier: str) -> None:
        """A warehouse read states its purpose: a dossier of the caller's agency for this owner,
        open on the server, or a number leased to the agency and not yet submitted (a citizen
        being received at the counter now)."""
        if not dossier:
            raise forbid("a warehouse read needs its purpose: the dossier (query parameter 'dossier')",
                         "Tra cứu kho dữ liệu phải nêu mục đích: số hồ sơ đang tiếp nhận")
        agency, _day, _seq = (dossier.rsplit("-", 2) + ["", ""])[:3]
        agency_must(p, agency)
        row = db.conn().execute("SELECT body, status FROM dossiers WHERE ma_ho_so = ?", (dossier,)).fetchone()
        if row is not None:
            if str(json.loads(row["body"]).get("MaDoiTuong", "")) != owner or row["status"] in CLOSED:
                raise forbid(f"dossier {dossier} is not an open dossier of this owner",
                             f"Hồ sơ {dossier} không phải hồ sơ đang xử lý của công dân này")
            return
        try:
            day = datetime.strptime(_day, "%y%m%d").date().isoformat()
            seq = int(_seq)
        except ValueError as exc:
            raise forbid(f"{dossier} is not a dossier number", f"{dossier} không phải số hồ sơ") from exc
        if db.conn().execute("SELECT 1 FROM number_leases WHERE agency = ? AND day = ? AND first <= ? AND last >= ? "
                             "AND revoked = 0", (agency, day, seq, seq)).fetchone() is None:
            raise forbid(f"dossier {dossier} was neither submitted nor leased to agency {agency}",
                         f"Số hồ sơ {dossier} chưa được cấp cho cơ quan {agency}")

    def read_log(p: Principal, owner: str, dossier: str, code: str, action: str) -> None:
        with db.tx() as c:
            c.execute("INSERT INTO warehouse_reads(subject, agency, owner, dossier, code, action, at) VALUES (?,?,?,?,?,?,?)",
                      (p.subject, p.agency, owner, dossier, code, action, time.time()))

    @app.get("/api/v1/warehouse/documents")
    def search(owner: str = Query(max_length=20), type: str = Query("", max_length=16),
               dossier: str = Query("", max_length=60), q: str = Query("", max_length=200),
               claims: Principal = Depends(allow["search"])) -> dict[str, Any]:
        purpose_must(claims, owner, dossier)
        read_log(claims, owner, dossier, "", "search")
        sql, params = "SELECT * FROM warehouse WHERE owner = ?", [owner]
        if type:
            sql += " AND type = ?"
            params.append(type)
        rows = db.conn().execute(sql + " ORDER BY issued DESC, code LIMIT 500", params).fetchall()
        docs = [{"code": r["code"], "type": r["type"], "type_name": r["type_name"], "issuer": r["issuer"],
                 "issued": r["issued"], "use_count": r["use_count"], "title": r["title"], "file_id": r["file_id"],
                 "decision_no": r["decision_no"], "abstract": r["abstract"]} for r in rows]
        # name, code, decision number, issuing agency, abstract; accent-insensitive (one owner's few documents)
        return {"documents": [d for d in docs if not q or warehouse_matches(q, d)]}

    @app.get("/api/v1/warehouse/documents/{code}/file")
    def fetch(code: str, dossier: str = Query("", max_length=60),
              claims: Principal = Depends(allow["fetch"])) -> Response:
        row = db.conn().execute("SELECT file_id, owner FROM warehouse WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise Problem(404, "Unknown document", code, f"Không có giấy tờ {code}")
        purpose_must(claims, row["owner"], dossier)
        read_log(claims, row["owner"], dossier, code, "file")
        f = db.conn().execute("SELECT sha256 FROM files WHERE id = ?", (row["file_id"],)).fetchone()
        sha = f["sha256"] if f is not None else hashlib.sha256((data_dir / "files" / row["file_id"]).read_bytes()).hexdigest()
        return FileResponse(data_dir / "files" / row["file_id"], media_type="application/pdf",  # streamed, not held whole
                            headers={"X-Content-Sha256": sha})

    @app.get("/api/v1/warehouse/reads")
    def reads(owner: str = Query(max_length=20),
              claims: Principal = Depends(allow["reads"])) -> dict[str, Any]:
        """Who read this citizen's documents, when and for which dossier (the administrators see
        their agency's reads, the province every read)."""
        rows = db.conn().execute("SELECT * FROM warehouse_reads WHERE owner = ? ORDER BY id DESC LIMIT 1000",
                                 (owner,)).fetchall()
        return {"reads": [{"subject": r["subject"], "agency": r["agency"], "dossier": r["dossier"], "code": r["code"],
                           "action": r["action"], "at": r["at"]} for r in rows if claims.acts_for(r["agency"])]}

    @app.post("/api/v1/warehouse/documents/{code}/uses")
    def record_use(request: Request, code: str, body: UseIn,
                   claims: Principal = Depends(allow["record_use"]),
                   idempotency_key: str = Header(default="")) -> JSONResponse:
        agency_must(claims, body.dossier.rsplit("-", 2)[0])

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            cur = c.execute("UPDATE warehouse SET use_count = use_count + 1 WHERE code = ?", (code,))
            if cur.rowcount == 0:
                raise Problem(404, "Unknown document", code)
            c.execute("INSERT INTO warehouse_uses(code, dossier, at, subject) VALUES (?,?,?,?)",
                      (code, body.dossier, time.time(), claims.subject))
            count = c.execute("SELECT use_count FROM warehouse WHERE code = ?", (code,)).fetchone()[0]
            return 200, {"code": code, "use_count": count}

        return idempotent(request, claims, idempotency_key, body, write)

    @app.post("/api/v1/warehouse/documents/{code}/feedback", status_code=201)
    def feedback(request: Request, code: str, body: FeedbackIn,
                 claims: Principal = Depends(allow["feedback"]),
                 idempotency_key: str = Header(default="")) -> JSONResponse:

        def write(c: Any) -> tuple[int, dict[str, Any]]:
            if c.execute("SELECT 1 FROM warehouse WHERE code = ?", (code,)).fetchone() is None:
                raise Problem(404, "Unknown document", code)
            new_id = c.execute("INSERT INTO feedback(code, reason, note, at, subject) VALUES (?,?,?,?,?) RETURNING id",
                               (code, body.reason, body.note, time.time(), claims.subject)).fetchone()[0]
            return 201, {"id": new_id, "code": code, "reason": body.reason, "reason_vi": FEEDBACK_REASONS[body.reason]}

        return idempotent(request, claims, idempotency_key, body, write)

    from app.refserver.review_routes import review_router
    app.include_router(review_router(db, allow, idempotent))
    from app.refserver.forward_routes import forward_router
    app.include_router(forward_router(db, allow, idempotent))

    if enable_test_faults:
        @app.post("/_test/faults")
        def set_faults(body: dict[str, Any], _p: None = Depends(allow["set_faults"])) -> dict[str, Any]:
            faults.clear()
            faults.update(body)
            if body.get("expire_tokens"):  # every token issued before now is treated as expired
                faults["expire_tokens_before_ms"] = int(time.time() * 1000) + 1
            return dict(faults)

        @app.get("/_test/dossiers")
        def all_dossiers(_p: None = Depends(allow["all_dossiers"])) -> dict[str, Any]:
            rows = db.conn().execute("SELECT ma_ho_so, body, workstation_id, version, status FROM dossiers").fetchall()
            versions: dict[str, list[dict[str, Any]]] = {}
            for v in db.conn().execute("SELECT ma_ho_so, version, reason FROM dossier_versions ORDER BY version"):
                versions.setdefault(v["ma_ho_so"], []).append({"version": v["version"], "reason": v["reason"]})
            return {"dossiers": [{"MaHoSo": r["ma_ho_so"], **json.loads(r["body"]), "workstation_id": r["workstation_id"],
                                  "PhienBan": r["version"], "TrangThaiHoSo": r["status"],
                                  "versions": versions.get(r["ma_ho_so"], [])} for r in rows]}

    return app
