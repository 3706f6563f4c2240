"""Compile ``resources/translations/*.ts`` into ``.qm`` with pyside6-lrelease.

Run as ``python -m app.ui.i18n_build`` (scripts/bootstrap.sh does). The ``.qm`` files are build
outputs (gitignored); the ``.ts`` files are the sources. No Qt import: only the lrelease tool.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from app.resources import resource

log = logging.getLogger(__name__)


def find_lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease"):
        cand = here / name
        if cand.is_file():
            return str(cand)
        found = shutil.which(name)
        if found:
            return found
    try:  # the PySide6 wheel ships the tool inside the package
        import PySide6  # noqa: PLC0415 - only to locate the bundled binary

        for cand in (Path(PySide6.__file__).parent / "lrelease",
                     Path(PySide6.__file__).parent / "lrelease.exe"):
            if cand.is_file():
                return str(cand)
    except ImportError:
        pass
    return None


def build(only: Iterable[str] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Compile the .ts files (all, or the languages in ``only``); returns the .qm paths written."""
    src_dir = resource("translations")
    out_dir = out_dir or src_dir
    tool = find_lrelease()
    if tool is None:
        raise RuntimeError("pyside6-lrelease not found; install PySide6-Essentials")
    wanted = set(only) if only else None
    written: list[Path] = []
    for ts in sorted(src_dir.glob("motcua_*.ts")):
        lang = ts.stem.split("_", 1)[1]
        if wanted is not None and lang not in wanted:
            continue
        qm = out_dir / f"{ts.stem}.qm"
        proc = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
        if proc.returncode != 0 or not qm.is_file():
            raise RuntimeError(f"lrelease failed for {ts.name}: {proc.stderr.strip() or proc.stdout.strip()}")
        written.append(qm)
    return written


def main() -> int:
    try:
        written = build()
    except RuntimeError as exc:
        sys.stderr.write(f"i18n_build: {exc}\n")
        return 1
    for path in written:
        sys.stderr.write(f"i18n_build: wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
