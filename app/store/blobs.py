"""Content-addressed files (page images, PDFs), written durably.

A file is written to a temporary name in its final directory, fsynced, renamed to
``<sha256>.<ext>`` and the directory is fsynced, so after a crash a file either exists whole
under its hash or not at all. Callers commit the database row that refers to a blob only
after :meth:`BlobStore.put_bytes` / :meth:`BlobStore.put_file` has returned.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import IntegrityError, InvalidInput, OperationFailed
from app.domain.messages import Msg
from app.store.db import storage_error

log = logging.getLogger(__name__)

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_EXT_RE = re.compile(r"^[a-z0-9]{1,8}$")
_CHUNK = 1 << 20
_TMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class Blob:
    sha256: str
    path: Path
    size: int


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames.
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and durably (temp file, fsync, rename, fsync dir)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{_TMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}-{path.name}"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        err = storage_error(exc, path.parent, Msg(vi=f"tệp {path.name}", en=f"the file {path.name}"))
        if err is not None:
            raise err from exc
        raise OperationFailed(Msg(vi=f"Không ghi được tệp {path}: "
                                     f"{exc}", en=f"Cannot write {path}: {exc}")) from exc


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is rewritten: size, modification time, inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino) if stat.S_ISREG(st.st_mode) else None


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        # Blobs this process wrote or hashed, with the stamp they had then (see ``verify``).
        self._known_good: dict[Path, tuple[int, int, int]] = {}

    def path(self, sha256: str, ext: str) -> Path:
        if not _SHA_RE.match(sha256) or not _EXT_RE.match(ext):
            raise InvalidInput(Msg(
                    vi=f"Tham chiếu tệp không hợp lệ: {sha256}.{ext}",
                    en=f"Not a blob reference: {sha256}.{ext}",
                ))
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.{ext}"

    def exists(self, sha256: str, ext: str) -> bool:
        return self.path(sha256, ext).is_file()

    def put_bytes(self, data: bytes, ext: str) -> Blob:
        sha = hashlib.sha256(data).hexdigest()
        final = self.path(sha, ext)
        # A file already there under this name is reused only when its bytes still hash to it: a
        # capture changed after saving is replaced by the rescan, not kept.
        if not (final.is_file() and final.stat().st_size == len(data) and self.verify(sha, ext,
                                                                                      thorough=False)):
            write_durably(final, data)
            if (stamp := _stamp(final)) is not None:
                self._known_good[final] = stamp
        return Blob(sha, final, len(data))

    def put_stream(self, stream: BinaryIO, ext: str) -> Blob:
        """Copy a stream into the store, hashing on the way, without holding it in memory."""
        incoming = self.root / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        tmp = incoming / f"{_TMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
        h = hashlib.sha256()
        size = 0
        try:
            with open(tmp, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    h.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = h.hexdigest()
            final = self.path(sha, ext)
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.is_file() and final.stat().st_size == size and self.verify(sha, ext, thorough=False):
                tmp.unlink()
            else:
                os.replace(tmp, final)
                fsync_dir(final.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            err = storage_error(exc, self.root, Msg(vi="tệp", en="the file"))
            if err is not None:
                raise err from exc
            raise OperationFailed(Msg(vi="Không lưu được tệp: "
                                         f"{exc}", en=f"Cannot store file: {exc}")) from exc
        return Blob(sha, final, size)

    def put_file(self, src: Path, ext: str) -> Blob:
        try:
            with open(src, "rb") as fh:
                return self.put_stream(fh, ext)
        except FileNotFoundError as exc:
            raise InvalidInput(Msg(
                    vi=f"Không tìm thấy tệp: {src}",
                    en=f"File not found: {src}",
                )) from exc

    def read(self, sha256: str, ext: str) -> bytes:
        return self.path(sha256, ext).read_bytes()

    def read_verified(self, sha256: str, ext: str, *, what: str = "file", what_vi: str = "tệp") -> bytes:
        """The blob's bytes, hashed as read: what the caller uses is exactly what was checked.
        Raises IntegrityError when the file is missing or its bytes changed after it was stored."""
        path = self.path(sha256, ext)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise IntegrityError(Msg(
                    vi=f"Không tìm thấy {what_vi} đã lưu {sha256[:12]} ({path})",
                    en=f"The stored {what} {sha256[:12]} is missing ({path})",
                )) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise IntegrityError(Msg(
                    vi=f"{what_vi.capitalize()} đã lưu {sha256[:12]} bị thay đổi sau khi lưu ({path})",
                    en=f"The stored {what} {sha256[:12]} was changed after it was saved ({path})",
                ))
        return data

    def verify(self, sha256: str, ext: str, *, thorough: bool = True) -> bool:
        """Whether the blob is there and its bytes still hash to its name. ``thorough=False``
        trusts a file whose size, modification time and inode are what they were when this
        process wrote or last hashed it: cheap enough to run on every page arrival. Anything
        that rewrites the file changes its stamp; building a PDF checks thoroughly."""
        path = self.path(sha256, ext)
        stamp = _stamp(path)
        if stamp is None:
            return False
        if not thorough and self._known_good.get(path) == stamp:
            return True
        good = sha256_file(path) == sha256
        if good:
            self._known_good[path] = stamp
        else:
            self._known_good.pop(path, None)
        return good

    def sweep_temp_files(self, older_than_s: float = 3600.0) -> int:
        """Remove temp files left by a crashed writer (old enough that no live writer owns them)."""
        removed = 0
        cutoff = time.time() - older_than_s
        for tmp in self.root.rglob(f"{_TMP_PREFIX}*"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
