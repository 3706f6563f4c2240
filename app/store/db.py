"""SQLite access: one connection per thread, WAL, FULL sync, per-area versioned migrations.

Each capability owns its tables as SQL files in ``app/store/migrations`` named
``<area>_<NNN>_<name>.sql``. ``schema_version`` keeps one row per area. A database written by
a newer version of the app (an area at a version this code does not know) is refused rather
than touched, and a file that is not a SQLite database is reported, never recreated.
"""

from __future__ import annotations

import errno
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import OperationFailed, StorageError, StorageFault
from app.domain.messages import Msg

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(?P<area>[a-z]+)_(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, order=True)
class Migration:
    area: str
    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        """Split the file into statements (executescript would commit our transaction)."""
        out: list[str] = []
        buf = ""
        for line in self.path.read_text(encoding="utf-8").splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if buf.strip():
            out.append(buf.strip())
        return out


def discover_migrations(directory: Path = MIGRATIONS_DIR) -> dict[str, list[Migration]]:
    by_area: dict[str, list[Migration]] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if not m:
            raise RuntimeError(f"migration file name not understood: {path.name}")
        by_area.setdefault(m["area"], []).append(Migration(m["area"], int(m["version"]), m["name"], path))
    for area, items in by_area.items():
        items.sort()
        versions = [mig.version for mig in items]
        if versions != list(range(1, len(items) + 1)):
            raise RuntimeError(f"migrations of area {area} are not numbered 1..n: {versions}")
    return by_area


_STORAGE_PATTERNS = (
    ("disk is full", StorageFault.DISK_FULL),
    ("disk i/o error", StorageFault.IO_ERROR),
    ("readonly database", StorageFault.READ_ONLY),
    ("read-only", StorageFault.READ_ONLY),
)
_STORAGE_ERRNOS = {
    errno.ENOSPC: StorageFault.DISK_FULL,
    errno.EDQUOT: StorageFault.DISK_FULL,
    errno.EROFS: StorageFault.READ_ONLY,
    errno.EIO: StorageFault.IO_ERROR,
}


def storage_error(exc: BaseException, where: Path, what: Msg) -> StorageError | None:
    """A failed write told in words the officer can act on (``what``: what could not be saved,
    e.g. ``Msg(vi="hồ sơ mới", en="the new dossier")``); None when ``exc`` is not about storage."""
    text = str(exc).lower()
    kind = next((k for pat, k in _STORAGE_PATTERNS if pat in text), None)
    if kind is None and isinstance(exc, OSError):
        kind = _STORAGE_ERRNOS.get(exc.errno or 0)
    if kind is None:
        return None
    if kind is StorageFault.DISK_FULL:
        msg = Msg(
            vi=f"Không lưu được {what.vi}: ổ đĩa chứa {where} đã đầy. Hãy giải phóng dung lượng "
            "(hoặc chuyển thư mục làm việc sang ổ lớn hơn) rồi làm tiếp; dữ liệu đã lưu trước đó "
            "không bị mất.",
            en=f"Could not save {what.en}: the disk holding {where} is full. Free some space (or move "
            f"the workspace to a larger disk), then continue; nothing saved before was lost ({exc})",
        )
    elif kind is StorageFault.READ_ONLY:
        msg = Msg(
            vi=f"Không lưu được {what.vi}: {where} chỉ cho phép đọc. Hãy kiểm tra ổ đĩa và quyền ghi "
            "rồi làm tiếp; dữ liệu đã lưu trước đó không bị mất.",
            en=f"Could not save {what.en}: {where} is read-only. Check the disk and its permissions, "
            f"then continue; nothing saved before was lost ({exc})",
        )
    else:
        msg = Msg(
            vi=f"Không lưu được {what.vi}: ổ đĩa chứa {where} báo lỗi đọc/ghi. Hãy kiểm tra ổ đĩa "
            "(hoặc báo bộ phận CNTT) rồi làm tiếp; dữ liệu đã lưu trước đó không bị mất.",
            en=f"Could not save {what.en}: the disk holding {where} reported an I/O error. Check the "
            f"disk (or ask IT), then continue; nothing saved before was lost ({exc})",
        )
    return StorageError(msg, kind=kind)


_A_CHANGE = Msg(vi="thay đổi vào cơ sở dữ liệu", en="the change to the workspace database")


class Database:
    """The workspace database. Thread-safe: each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 30000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("SQLite refused WAL mode (got %s) for %s", mode, self.path)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise OperationFailed(
                Msg(
                    vi=f"Không mở được cơ sở dữ liệu {self.path} ({exc}). Tệp được giữ nguyên; hãy khôi phục "
                "từ bản sao lưu hoặc chọn thư mục làm việc khác.",
                    en=f"Workspace database {self.path} cannot be opened: {exc}. It is left untouched; "
                "restore it from a backup or choose another workspace.",
                ),
            ) from exc
        return conn

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self, what: Msg = _A_CHANGE) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE: takes the write lock at once, so two processes
        allocating numbers cannot interleave). Commits on success, rolls back on error. A write
        that fails for lack of space, a read-only or failing disk raises StorageError naming
        ``what`` could not be saved (``Msg``) and what to do."""
        conn = self.connection()
        if conn.in_transaction:
            # Nested use inside an outer transaction: join it.
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise (storage_error(exc, self.path, what) or exc) from exc
        self._local.after_commit = []
        try:
            yield conn
        except BaseException as exc:
            self._local.after_commit = []
            with suppress(sqlite3.Error):  # a failed COMMIT (disk full) may already have rolled back
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError) and (err := storage_error(exc, self.path, what)):
                raise err from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._local.after_commit = []
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise (storage_error(exc, self.path, what) or exc) from exc
            callbacks, self._local.after_commit = self._local.after_commit, []
            for fn in callbacks:
                try:
                    fn()
                except Exception:  # noqa: BLE001 - the data is committed; a hook's failure is logged
                    log.exception("after-commit hook failed")

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the current transaction of this thread has committed (never on rollback)."""
        pending = getattr(self._local, "after_commit", None)
        if pending is None or not self.connection().in_transaction:
            fn()
        else:
            pending.append(fn)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        yield self.connection()

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- schema --------------------------------------------------------------------------
    def migrate(self, migrations: dict[str, list[Migration]] | None = None) -> list[Migration]:
        """Bring every area up to date. Returns the migrations applied."""
        migrations = migrations if migrations is not None else discover_migrations()
        applied: list[Migration] = []
        try:
            with self.transaction() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (area "
                    "TEXT PRIMARY KEY, version INTEGER NOT NULL)"
                )
                current = {row["area"]: row["version"] for row in conn.execute("SELECT area, version FROM "
                                                                               "schema_version")}
                for area, version in current.items():
                    known = len(migrations.get(area, []))
                    if version > known:
                        raise OperationFailed(
                            Msg(
                                vi=f"Cơ sở dữ liệu {self.path} do phiên bản mới hơn của ứng dụng tạo "
                            f"(phần '{area}' ở phiên bản {version}). Hãy cập nhật ứng dụng.",
                                en=f"Workspace database {self.path} was written "
                            "by a newer version of the app "
                            f"(area '{area}' at schema {version}, this "
                            f"version knows {known}). Update the app.",
                            ),
                        )
                for area, items in sorted(migrations.items()):
                    have = current.get(area, 0)
                    for mig in items[have:]:
                        for stmt in mig.statements():
                            conn.execute(stmt)
                        conn.execute(
                            "INSERT INTO schema_version(area, version) VALUES (?, ?) "
                            "ON CONFLICT(area) DO UPDATE SET version = excluded.version",
                            (area, mig.version),
                        )
                        applied.append(mig)
        except sqlite3.DatabaseError as exc:
            raise OperationFailed(
                Msg(
                    vi=f"Cơ sở dữ liệu {self.path} bị hỏng hoặc không "
                f"phải cơ sở dữ liệu ({exc}); tệp không bị thay đổi.",
                    en=f"Workspace database {self.path} is damaged or not a database ({exc}); "
                "it was not modified.",
                ),
            ) from exc
        for mig in applied:
            log.info("Applied migration %s_%03d_%s", mig.area, mig.version, mig.name)
        return applied
