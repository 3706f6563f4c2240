"""The per-workspace key of the audit chain, kept outside the database: in the OS keyring when
one is available (the optional ``keyring`` package with a real backend), otherwise in
``<workspace>/keys/audit.key`` readable by its owner only (0600, in a 0700 folder).

Someone who can edit the database but not read the key cannot recompute the chain. Someone with
both can; see ARCHITECTURE.md for what the chain proves and what it cannot."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import stat
from pathlib import Path

from app.domain.errors import OperationFailed
from app.domain.messages import Msg

log = logging.getLogger(__name__)

KEY_BYTES = 32
_SERVICE = "motcua-station-audit"


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"motcua-audit-key:" + key).hexdigest()[:16]


def _keyring() -> object | None:
    try:
        import keyring  # optional: not a dependency
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring is the same as none
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


class AuditKeyStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / "keys" / "audit.key"

    def _keyring_name(self) -> str:
        return str(self.root.resolve())

    def load(self) -> bytes | None:
        kr = _keyring()
        if kr is not None:
            try:
                value = kr.get_password(_SERVICE, self._keyring_name())  # type: ignore[attr-defined]
            except Exception as exc:  # noqa: BLE001
                log.warning("OS keyring not readable (%s); using the key file", exc)
                value = None
            if value:
                return bytes.fromhex(value)
        try:
            data = self.file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OperationFailed(Msg(
                    vi=f"Không đọc được khóa nhật ký {self.file}: {exc.strerror or exc}",
                    en=f"The audit key {self.file} cannot be read: {exc.strerror or exc}",
                )) from exc
        mode = stat.S_IMODE(self.file.stat().st_mode)
        if mode & 0o077:
            log.warning("Audit key file %s was readable by others (%o); tightened to 0600", self.file, mode)
            os.chmod(self.file, 0o600)
        key = bytes.fromhex(data.decode("ascii").strip())
        if len(key) != KEY_BYTES:
            raise OperationFailed(Msg(
                    vi=f"Khóa nhật ký {self.file} bị hỏng",
                    en=f"The audit key {self.file} is damaged",
                ))
        return key

    def create(self) -> bytes:
        key = secrets.token_bytes(KEY_BYTES)
        kr = _keyring()
        if kr is not None:
            try:
                kr.set_password(_SERVICE, self._keyring_name(), key.hex())  # type: ignore[attr-defined]
                log.info("Audit key stored in the OS keyring")
                return key
            except Exception as exc:  # noqa: BLE001
                log.warning("OS keyring refused the audit key (%s); using a key file", exc)
        self.file.parent.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.file.parent, 0o700)
        try:
            fd = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            existing = self.load()
            if existing is None:
                raise
            return existing  # another process created it first
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return key
