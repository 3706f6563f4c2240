"""HTTP client for our documented sync API (``app/sync/openapi.yaml``).

TLS verification with a configurable CA bundle, timeouts, bounded retries with exponential
backoff and jitter on connection errors and 429/502/503/504 (``Retry-After`` honoured), and a
new login on 401. Credentials live in memory only."""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from app.domain.errors import InvalidInput, OperationFailed

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 502, 503, 504}


class ServerUnavailable(OperationFailed):
    pass


class TlsUntrusted(ServerUnavailable):
    """The server's TLS certificate does not verify against the configured CA bundle. Retrying
    does not help; queued items stay queued until the setting (or the server) is fixed."""


class Conflict(OperationFailed):
    """The server already holds something else under this dossier number (409 compared with
    what was sent): the officer must look; nothing is marked sent."""

    exit_code = 1


class AuthFailed(OperationFailed):
    exit_code = 2


class Rejected(OperationFailed):
    """The server refused the request (4xx): retrying the same request will not help."""

    def __init__(self, status: int, title: str, detail: str, detail_vi: str = "") -> None:
        super().__init__(f"Server rejected the request ({status} {title}): {detail}",
                         f"Hệ thống tỉnh từ chối ({status}): {detail_vi or detail or title}")
        self.status, self.title, self.detail = status, title, detail


STATION_CLIENT = "motcua-station"


def is_loopback_url(url: str) -> bool:
    """The URL names this machine (127.0.0.0/8, ::1 or localhost)."""
    host = (urlsplit(url).hostname or "").strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class ClientConfig:
    base_url: str
    ca_bundle: str = ""  # path to a CA bundle; empty: the system store
    timeout_s: float = 15.0
    retries: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 8.0


class SyncClient:
    def __init__(self, config: ClientConfig, *, username: str = "", password: str = "",
                 client_id: str = "", client_secret: str = "",
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not config.base_url.startswith(("http://", "https://")):
            raise InvalidInput(f"Server URL '{config.base_url}' must start with http:// or https://",
                               f"Địa chỉ máy chủ '{config.base_url}' phải bắt đầu bằng http:// hoặc https://")
        if config.base_url.startswith("http://") and not is_loopback_url(config.base_url):
            raise InvalidInput(f"Server URL '{config.base_url}': passwords and citizens' data are never "
                               "sent without "
                               "TLS; use https:// (http:// only for a server on this machine)",
                               f"Địa chỉ máy chủ '{config.base_url}': không gửi mật khẩu và dữ liệu công "
                               "dân khi chưa "
                               "mã hóa; hãy dùng https:// (http:// chỉ dùng cho máy chủ trên chính máy này)")
        self.roles: list[str] = []
        self.agency = ""
        self.config = config
        self._username, self._password = username, password
        self._client_id, self._client_secret = client_id, client_secret
        self._token: str | None = None
        self._refresh: str | None = None
        self._sleep = sleep
        self.workstation_id = ""  # sent as X-Workstation-Id once the workstation is registered
        self.session = requests.Session()
        self.session.verify = config.ca_bundle or True
        self.session.headers["User-Agent"] = "motcua-station/0.1"

    # -- plumbing ------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return self.config.base_url.rstrip("/") + path

    def login(self) -> None:
        if self._refresh:
            form = {"grant_type": "refresh_token", "refresh_token": self._refresh}
        elif self._client_id:
            form = {"grant_type": "client_credentials", "client_id": self._client_id,
                    "client_secret": self._client_secret}
        elif self._username:
            form = {"grant_type": "password", "username": self._username, "password": self._password,
                    "client_id": STATION_CLIENT}
        else:
            raise AuthFailed("No credentials for the provincial system (set MOTCUA_USER / MOTCUA_PASSWORD)",
                             "Chưa có tài khoản đăng nhập hệ thống tỉnh (MOTCUA_USER / MOTCUA_PASSWORD)")
        resp = self._send("POST", "/oauth/token", data=form, auth=False)
        if resp.status_code == 401 and self._refresh:
            self._refresh = None
            return self.login()
        if resp.status_code >= 500:
            raise ServerUnavailable(f"Provincial system error {resp.status_code} at login",
                                    f"Hệ thống tỉnh đang lỗi ({resp.status_code})")
        if resp.status_code == 429:  # locked after wrong passwords: the server says for how long
            try:
                problem = resp.json()
            except ValueError:
                problem = {}
            raise AuthFailed("Login to the provincial system locked: "
                             f"{problem.get('detail', 'too many failed logins')}",
                             f"Đăng nhập hệ thống tỉnh bị tạm khóa: "
                             f"{problem.get('detail_vi', 'đăng nhập sai quá nhiều lần')}")
        if resp.status_code != 200:
            raise AuthFailed("Login to the provincial system failed: wrong username or password",
                             "Đăng nhập hệ thống tỉnh thất bại: sai tên đăng nhập hoặc mật khẩu")
        body = resp.json()
        self._token, self._refresh = body["access_token"], body.get("refresh_token")
        self.roles, self.agency = list(body.get("roles") or []), str(body.get("agency") or "")

    def logout(self) -> None:
        """End this session on the server (its refresh token and every rotation of it)."""
        if self._refresh:
            with contextlib.suppress(requests.RequestException):
                self.session.post(self._url("/oauth/revoke"), data={"token": self._refresh},
                                  timeout=self.config.timeout_s, verify=self.session.verify)
        self._token, self._refresh = None, None

    def _send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> requests.Response:
        """One request with retries on transient failures; returns the final response."""
        attempt = 0
        while True:
            headers = dict(kwargs.pop("headers", {}) or {})
            if auth and self._token:
                headers["Authorization"] = f"Bearer {self._token}"
            if auth and self.workstation_id:
                headers["X-Workstation-Id"] = self.workstation_id
            try:
                # verify is passed on every call: requests lets REQUESTS_CA_BUNDLE override session.verify.
                resp = self.session.request(method, self._url(path), headers=headers,
                                            timeout=self.config.timeout_s,
                                            verify=self.session.verify, **kwargs)
            except requests.exceptions.SSLError as exc:
                raise TlsUntrusted(
                    f"TLS certificate of {self.config.base_url} not trusted (CA bundle: "
                    f"{self.config.ca_bundle or 'system store'}): {exc}",
                    "Chứng thư bảo mật (TLS) của hệ thống tỉnh không được tin cậy; kiểm tra tệp chứng thư CA "
                    "trong Cài đặt. Hồ sơ vẫn nằm trong hàng đợi") from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt >= self.config.retries:
                    raise ServerUnavailable(f"Provincial system unreachable at {self.config.base_url}: "
                                            f"{type(exc).__name__}",
                                            "Không kết nối được hệ thống tỉnh; hồ sơ vẫn nằm trong hàng đợi "
                                            "và sẽ được gửi lại") from exc
                self._wait(attempt, None)
                attempt += 1
                kwargs["headers"] = headers
                self._rewind(kwargs)
                continue
            if resp.status_code in RETRY_STATUSES and attempt < self.config.retries:
                self._wait(attempt, resp.headers.get("Retry-After"))
                attempt += 1
                kwargs["headers"] = headers
                self._rewind(kwargs)
                continue
            return resp

    @staticmethod
    def _rewind(kwargs: dict[str, Any]) -> None:
        for f in (kwargs.get("files") or {}).values():
            handle = f[1] if isinstance(f, tuple) else f
            if hasattr(handle, "seek"):
                handle.seek(0)

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        if retry_after is not None:
            try:
                delay = min(float(retry_after), 60.0)
            except ValueError:
                delay = self.config.backoff_s
        else:
            delay = min(self.config.max_backoff_s,
                        self.config.backoff_s * 2**attempt) * (0.5 + random.random() / 2)
        log.info("Retrying after %.2fs (attempt %d)", delay, attempt + 1)
        self._sleep(delay)

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self._token is None:
            self.login()
        resp = self._send(method, path, **kwargs)
        if resp.status_code == 401:
            self._token = None
            self.login()
            self._rewind(kwargs)
            resp = self._send(method, path, **kwargs)
        if resp.status_code in RETRY_STATUSES or resp.status_code >= 500:
            raise ServerUnavailable(f"Provincial system error {resp.status_code}",
                                    f"Hệ thống tỉnh đang lỗi ({resp.status_code}); sẽ gửi lại sau")
        if resp.status_code >= 400:
            try:
                body = resp.json()
            except ValueError:
                body = {}
            raise Rejected(resp.status_code, str(body.get("title", "")), str(body.get("detail", "")),
                           str(body.get("detail_vi", "")))
        return resp

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.request(method, path, **kwargs).json()

    def obj(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A JSON object reply (anything else is the server breaking the contract)."""
        body = self.json(method, path, **kwargs)
        if not isinstance(body, dict):
            raise ServerUnavailable(f"Provincial system answered {path} with {type(body).__name__}, not an "
                                    "object",
                                    "Hệ thống tỉnh trả lời sai định dạng")
        return body

    # -- API ------------------------------------------------------------------------------------
    def health_status(self) -> int:
        """The HTTP status of ``/health`` (no login). Raises TlsUntrusted when the server's
        certificate does not verify, ServerUnavailable when it cannot be reached."""
        return self._send("GET", "/health", auth=False).status_code

    def health(self) -> bool:
        try:
            return self.health_status() == 200
        except ServerUnavailable:
            return False

    def account(self, owner_id: str) -> dict[str, Any]:
        return self.obj("GET", f"/api/v1/accounts/{owner_id}")

    def upload_file(self, path: Path, name: str, *, upload_id: str | None = None, key: str,
                    on_chunk: Callable[[str, int, int], None] | None = None) -> tuple[str, str]:
        """Upload in chunks, resuming an earlier upload id when given. Returns (upload_id, file_id)."""
        data_sha = _sha256_file(path)
        size = path.stat().st_size
        if upload_id:
            try:
                status = self.json("GET", f"/api/v1/uploads/{upload_id}")
            except Rejected:
                upload_id = None
        if not upload_id:
            started = self.json("POST", "/api/v1/uploads",
                                json={"name": name, "size": size, "sha256": data_sha},
                                headers={"Idempotency-Key": key})
            upload_id = started["upload_id"]
            status = {"received": [], "chunk_size": started["chunk_size"], "file_id": None}
        if status.get("file_id"):
            return upload_id, status["file_id"]
        chunk_size = int(status["chunk_size"])
        have = set(status["received"])
        total = max(1, -(-size // chunk_size))
        with open(path, "rb") as fh:
            for idx in range(total if size else 0):
                fh.seek(idx * chunk_size)
                part = fh.read(chunk_size)
                if idx in have:
                    continue
                self.request("PUT", f"/api/v1/uploads/{upload_id}/chunks/{idx}",
                             files={"chunk": (f"{idx}", part, "application/octet-stream")},
                             data={"sha256": hashlib.sha256(part).hexdigest()})
                if on_chunk:
                    on_chunk(upload_id, idx, total)
        done = self.json("POST", f"/api/v1/uploads/{upload_id}/complete")
        return upload_id, done["file_id"]

    def submit_dossier(self, payload: dict[str, Any], *, key: str) -> dict[str, Any]:
        """Create the dossier. A 409 (the number is already there) is success only when the
        server's copy is this very dossier with the same files and hashes."""
        try:
            return self.obj("POST", "/api/v1/dossiers", json=payload, headers={"Idempotency-Key": key})
        except Rejected as exc:
            if exc.status != 409:
                raise
            held = self.json("GET", f"/api/v1/dossiers/{payload['MaHoSo']}")
            if not same_dossier(held, payload):
                raise Conflict(
                    f"{payload['MaHoSo']} already exists on the provincial system with other content "
                    "(another owner, procedure or files); nothing was marked sent",
                    f"Số hồ sơ {payload['MaHoSo']} đã có trên hệ "
                    "thống tỉnh với nội dung khác (chủ hồ sơ, thủ tục "
                    "hoặc tệp khác). Hồ sơ vẫn được giữ nguyên tại quầy và chưa được đánh dấu đã gửi; "
                    "báo cán bộ phụ trách kiểm tra") from exc
            return {"MaHoSo": held["MaHoSo"], "TrangThaiHoSo": held["TrangThaiHoSo"],
                    "files": len(held.get("TaiLieuNop", [])), "already_there": True}

    def submit_version(self, payload: dict[str, Any], version: int, reason: str, *, key: str) -> dict[str,
                                                                                                      Any]:
        """A corrected dossier sent again as a new version. A 409 whose current version on the
        server is this one with the same files is success (the answer was lost)."""
        body = {"PhienBan": version, "LyDo": reason, "HoSo": payload}
        try:
            return self.obj("POST", f"/api/v1/dossiers/{payload['MaHoSo']}/versions", json=body,
                             headers={"Idempotency-Key": key})
        except Rejected as exc:
            if exc.status != 409:
                raise
            held = self.json("GET", f"/api/v1/dossiers/{payload['MaHoSo']}")
            if int(held.get("PhienBan", 1)) == version and same_dossier(held, payload):
                return {"MaHoSo": held["MaHoSo"], "PhienBan": version, "already_there": True}
            raise Conflict(f"{payload['MaHoSo']}: version {version} refused: {exc.detail}",
                           f"Hồ sơ {payload['MaHoSo']}: bản bổ sung {version} không được nhận: "
                           f"{exc.message_vi}") from exc

    def update_status(self, ma_ho_so: str, status: int, *, key: str, when: str = "", note: str = "",
                      results: list[dict[str, Any]] | None = None, override: str = "") -> dict[str, Any]:
        return self.obj("POST", f"/api/v1/dossiers/{ma_ho_so}/status",
                         json={"TrangThaiHoSo": status, "NgayCapNhat": when, "GhiChu": note,
                               "DanhSachGiayToKetQua": results or [], "LyDoBoQua": override},
                         headers={"Idempotency-Key": key})

    def dossier_status(self, ma_ho_so: str) -> dict[str, Any]:
        return self.obj("GET", f"/api/v1/dossiers/{ma_ho_so}/status")

    def register_workstation(self, agency: str, name: str, *, key: str, workstation_id: str = "") -> dict[str,
                                                                                                          Any]:
        return self.obj("POST", "/api/v1/workstations", json={"agency": agency, "name": name,
                                                                "workstation_id": workstation_id},
                         headers={"Idempotency-Key": key})

    def lease_numbers(self, workstation_id: str, day: str, count: int, *, key: str) -> dict[str, Any]:
        return self.obj("POST", f"/api/v1/workstations/{workstation_id}/leases",
                        json={"day": day, "count": count},
                         headers={"Idempotency-Key": key})

    def dossier(self, ma_ho_so: str) -> dict[str, Any]:
        return self.obj("GET", f"/api/v1/dossiers/{ma_ho_so}")

    def search_documents(self, owner: str, doc_type: str = "", *, dossier: str = "", query: str = ""
                         ) -> list[dict[str, Any]]:
        """``dossier``: the purpose the server requires (the dossier this citizen is received for);
        ``query``: words matched in name, code, decision number, issuing agency and abstract."""
        params = {"owner": owner, **({"type": doc_type} if doc_type else {}),
                  **({"dossier": dossier} if dossier else {}),
                  **({"q": query} if query else {})}
        return list(self.obj("GET", "/api/v1/warehouse/documents", params=params)["documents"])

    def fetch_document(self, code: str, *, dossier: str = "") -> bytes:
        resp = self.request("GET", f"/api/v1/warehouse/documents/{code}/file",
                            params={"dossier": dossier} if dossier else None)
        declared = resp.headers.get("X-Content-Sha256")
        if declared and hashlib.sha256(resp.content).hexdigest() != declared:
            raise ServerUnavailable(f"Document {code} arrived damaged", f"Tệp {code} tải về bị lỗi; thử lại")
        return resp.content

    def record_use(self, code: str, dossier: str, *, key: str) -> dict[str, Any]:
        return self.obj("POST", f"/api/v1/warehouse/documents/{code}/uses", json={"dossier": dossier},
                         headers={"Idempotency-Key": key})

    def request_account_link(self, owner_id: str, dossier: str, *, key: str) -> dict[str, Any]:
        """The citizen asks to link their national-portal account (seed 002, step 2)."""
        return self.obj("POST", f"/api/v1/accounts/{owner_id}/link-requests", json={"dossier": dossier},
                         headers={"Idempotency-Key": key})

    def feedback(self, code: str, reason: str, note: str, *, key: str) -> dict[str, Any]:
        return self.obj("POST", f"/api/v1/warehouse/documents/{code}/feedback",
                        json={"reason": reason, "note": note},
                         headers={"Idempotency-Key": key})


def same_dossier(held: dict[str, Any], sent: dict[str, Any]) -> bool:
    """The server's copy is the dossier we sent: same number, owner, procedure and the same
    files (component and SHA-256 of each)."""
    def files(d: dict[str, Any]) -> list[tuple[str, str]]:
        return sorted((str(t.get("MaThanhPhanHoSo", "")),
                       str(t.get("Sha256", ""))) for t in d.get("TaiLieuNop", []))

    return all(held.get(k) == sent.get(k) for k in ("MaHoSo", "MaTTHC", "MaDoiTuong", "NgayTiepNhan")) \
        and files(held) == files(sent)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()
