"""Logging for the app: a rotating log file inside the workspace, ID numbers masked."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.domain.identifiers import mask_ids_in_text

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d:%(threadName)s] %(message)s"


class MaskingFormatter(logging.Formatter):
    """Masks every 9-12 digit run (ID numbers) in the formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_ids_in_text(super().format(record))


def setup_logging(logs_dir: Path | None, *, verbose: int = 0, console: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_motcua", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    formatter = MaskingFormatter(_FORMAT)
    if logs_dir is not None:
        logs_dir.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(
            logs_dir / "motcua.log", maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
        )
        fh.setFormatter(formatter)
        fh._motcua = True  # type: ignore[attr-defined]
        root.addHandler(fh)
    if not (console or verbose):
        # Without a console handler Python would print warnings through its last-resort
        # handler; library noise belongs in the log file only.
        null = logging.NullHandler()
        null._motcua = True  # type: ignore[attr-defined]
        root.addHandler(null)
    else:
        sh = logging.StreamHandler()
        sh.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
        sh.setFormatter(formatter)
        sh._motcua = True  # type: ignore[attr-defined]
        root.addHandler(sh)
