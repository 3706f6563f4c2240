"""A failed write to the workspace reaches the officer as a StorageError whose Msg names what was
not saved, where, and what to do, in Vietnamese (the English for the logs keeps the OS's words)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import StorageError, StorageFault
from app.domain.messages import Msg
from app.store.db import storage_error

WHAT = Msg(vi="hồ sơ mới", en="the new dossier")


@pytest.mark.parametrize(
    ("exc", "kind", "vi_hint"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), StorageFault.DISK_FULL, "đã đầy"),
        (OSError(errno.EROFS, "Read-only file system"), StorageFault.READ_ONLY, "chỉ cho phép đọc"),
        (OSError(errno.EIO, "Input/output error"), StorageFault.IO_ERROR, "báo lỗi đọc/ghi"),
        (sqlite3.OperationalError("database or disk is full"), StorageFault.DISK_FULL, "đã đầy"),
        (sqlite3.OperationalError("attempt to write a readonly "
                                  "database"), StorageFault.READ_ONLY, "chỉ cho phép đọc"),
    ],
)
def test_each_storage_failure_is_told_in_both_languages(exc: BaseException, kind: StorageFault,
                                                        vi_hint: str) -> None:
    err = storage_error(exc, Path("/srv/ws"), WHAT)
    assert isinstance(err, StorageError) and err.kind is kind and err.exit_code == 1
    assert (err.msg.vi.startswith("Không lưu được hồ sơ mới: ") and vi_hint in err.msg.vi
            and "/srv/ws" in err.msg.vi)
    assert "dữ liệu đã lưu trước đó không bị mất" in err.msg.vi
    assert err.msg.en.startswith("Could not save the new dossier: ") and str(exc) in err.msg.en
    assert str(exc) not in err.msg.vi  # the officer reads words, not the OS's English
    assert (err.message_vi, err.message_en) == (err.msg.vi, err.msg.en)


def test_other_failures_are_not_storage_errors() -> None:
    assert storage_error(OSError(errno.ENOENT, "No such file"), Path("/srv/ws"), WHAT) is None
    assert storage_error(sqlite3.OperationalError("no such table: x"), Path("/srv/ws"), WHAT) is None

