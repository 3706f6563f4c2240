"""The counter's own settings (issue 20): the time-stamp server, the agency name printed on
certified copies, the officer's title on the signature box. Validated before they are saved,
and the time-stamp server can be tested (a real RFC 3161 request for a throwaway digest)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from app.domain.errors import InvalidInput
from app.sign.appearance import seal_image
from app.store.workspace import Workspace

log = logging.getLogger(__name__)

SEAL_SETTING = "seal_image"  # Settings.extra: path of the agency's seal image (PNG at its physical dpi)

MAX_NAME = 120  # the copy stamp and the signature box hold a line or two


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message_vi: str
    message_en: str


def validate_tsa_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""  # no time stamp: signatures at level B-B
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise InvalidInput(f"'{url}' is not an http(s) address of a time-stamp server",
                           f"'{url}' không phải địa chỉ http(s) của máy chủ cấp dấu thời gian")
    return url


def validate_text(value: str, what_en: str, what_vi: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInput(f"The {what_en} must not be empty", f"{what_vi} không được để trống")
    if len(value) > MAX_NAME:
        raise InvalidInput(f"The {what_en} is too long (at most {MAX_NAME} characters)",
                           f"{what_vi} quá dài (tối đa {MAX_NAME} ký tự)")
    return value


def validate_seal_image(path: str) -> str:
    """'' (no seal) or the full path of an image the agency seal appearance can use: read and
    size-checked now, so a wrong file is refused here and not at the first certified copy."""
    path = path.strip()
    if not path:
        return ""
    seal = Path(path).expanduser()
    if not seal.is_file():
        raise InvalidInput(f"Seal image {seal} not found", f"Không tìm thấy tệp ảnh con dấu {seal}")

    seal_image(seal)  # InvalidInput for an unreadable or oversized image
    return str(seal.resolve())


def apply(ws: Workspace, *, tsa_url: str, agency_name: str, officer_title: str,
          seal_image: str | None = None) -> None:
    """Validate them all, then save them together (nothing is saved when one is wrong).
    ``seal_image``: the agency's seal for certified copies (None: left as it is)."""
    tsa = validate_tsa_url(tsa_url)
    agency = validate_text(agency_name, "agency name used on copies", "Tên cơ quan in trên bản sao")
    title = validate_text(officer_title, "officer's title", "Chức danh cán bộ")
    seal = None if seal_image is None else validate_seal_image(seal_image)
    s = ws.settings
    s.tsa_url, s.agency_name, s.officer_title = tsa, agency, title
    if seal is not None:
        s.extra[SEAL_SETTING] = seal
    ws.save_settings()


def check_tsa(url: str, timeout_s: float = 10.0) -> CheckResult:
    """Ask the server for a time stamp on a throwaway digest and read the answer's time."""
    try:
        url = validate_tsa_url(url)
    except InvalidInput as exc:
        return CheckResult(False, exc.message_vi, exc.message_en)
    if not url:
        return CheckResult(False, "Chưa nhập máy chủ cấp dấu thời gian: chữ ký không có dấu thời gian (B-B)",
                           "No time-stamp server: signatures carry no time stamp (B-B)")
    from pyhanko.sign.timestamps import HTTPTimeStamper

    try:
        token = asyncio.run(HTTPTimeStamper(url, timeout=int(max(1, timeout_s))).async_timestamp(
            hashlib.sha256(b"motcua tsa check").digest(), "sha256"))
        when = token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    except Exception as exc:  # noqa: BLE001 - every failure is the answer of this check
        log.info("Time-stamp server check failed: %s", type(exc).__name__)
        return CheckResult(False, f"Máy chủ cấp dấu thời gian không trả lời đúng ({type(exc).__name__})",
                           f"The time-stamp server did not answer properly ({type(exc).__name__}: {exc})")
    return CheckResult(True, f"Máy chủ cấp dấu thời gian hoạt động (giờ: {when:%d/%m/%Y %H:%M:%S} UTC)",
                       f"The time-stamp server works (time {when:%Y-%m-%d %H:%M:%S} UTC)")
