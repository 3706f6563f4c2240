"""The workspace: one directory per installation holding the database, the page and PDF files,
the logs and the settings. Personal data never leaves it (temp files go to ``tmp/`` inside)."""

from __future__ import annotations

import getpass
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from app.domain.errors import OperationFailed
from app.domain.messages import Msg
from app.store import machine_config
from app.store.audit import AuditLog
from app.store.blobs import BlobStore
from app.store.db import Database
from app.store.documents import DocumentRepo
from app.store.dossiers import DossierRepo
from app.store.numbers import NumberStore
from app.store.settings import Settings

log = logging.getLogger(__name__)

DB_FILE = "motcua.db"


def default_workspace_dir() -> Path:
    env = os.environ.get("MOTCUA_WORKSPACE")
    if env:
        return Path(env)

    configured = machine_config.load().values.get("workspace")
    if configured:
        return Path(os.path.expandvars(str(configured))).expanduser()
    return Path(user_data_dir("motcua-station", appauthor=False)) / "workspace"


@dataclass
class Session:
    """The officer logged in at this workstation (server account): held in memory for the
    session only, never written anywhere. ``password`` is what the sync client logs in with."""

    username: str
    roles: tuple[str, ...] = ()
    agency: str = ""
    password: str = field(default="", repr=False)
    offline: bool = False
    checked: bool = True  # roles come from the server's answer (False: the CLI's login, not yet checked)

    def has_role(self, role: str) -> bool:
        return role in self.roles


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.session: Session | None = None  # set by app.services.login (the app's login, the CLI's)
        self.db = Database(root / DB_FILE)
        self.blobs = BlobStore(root / "blobs")
        self.audit = AuditLog(self.db, root)
        self.dossiers = DossierRepo(self.db, self.audit)
        self.documents = DocumentRepo(self.db)
        self.numbers = NumberStore(self.db)
        self.settings = Settings.load(root)

    @classmethod
    def open(cls, root: Path | str | None = None, *, create: bool = True) -> Workspace:
        root = Path(root) if root else default_workspace_dir()
        root = root.expanduser().resolve()
        if not root.exists() and not create:
            raise OperationFailed(Msg(
                    vi=f"Thư mục làm việc {root} không tồn tại",
                    en=f"Workspace {root} does not exist",
                ))
        try:
            root.mkdir(parents=True, exist_ok=True)
            for sub in ("blobs", "logs", "tmp"):
                (root / sub).mkdir(exist_ok=True)
            probe = root / "tmp" / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise OperationFailed(
                Msg(
                    vi=f"Không ghi được vào thư mục làm việc {root}: {exc.strerror or exc}",
                    en=f"Workspace {root} is not writable: {exc.strerror or exc}",
                ),
            ) from exc
        ws = cls(root)
        ws.db.migrate()
        ws.audit.ensure_keyed()
        ws.sweep_leftovers()
        return ws

    def sweep_leftovers(self, older_than_s: float = 3600.0) -> int:
        """Remove what a crashed process left behind: half-written blob temp files and scratch
        files or folders in ``tmp/`` (page copies, PDFs being built or signed) older than an hour,
        so no live process still owns them. Returns how many were removed."""
        removed = self.blobs.sweep_temp_files(older_than_s)
        cutoff = time.time() - older_than_s
        for item in self.tmp_dir.iterdir():
            try:
                if item.lstat().st_mtime >= cutoff:
                    continue
                if item.is_dir() and not item.is_symlink():
                    shutil.rmtree(item)
                else:
                    item.unlink()
                removed += 1
            except OSError as exc:
                log.warning("Could not remove leftover %s: %s", item.name, exc)
        if removed:
            log.info("Removed %d leftover temp file(s) from %s", removed, self.root)
        return removed

    @property
    def tmp_dir(self) -> Path:
        """Scratch space for files holding personal data (inside the workspace, never /tmp)."""
        return self.root / "tmp"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def actor(self) -> str:
        """The officer recorded in audit entries: the logged-in user; without a login (CLI
        commands that need no server) the configured officer or the OS account."""
        if self.session is not None:
            return self.session.username
        if self.settings.officer:
            return self.settings.officer
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some service accounts
            return "unknown"

    def save_settings(self) -> None:
        self.settings.save(self.root)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
