"""The support bundle (``motcua support-bundle -o FILE.zip``): what IT staff or the vendor need to
diagnose a station, and nothing of the citizens': versions, the self-test, the configuration with
secrets removed, the logs with ID numbers, names, phone numbers and e-mail addresses masked, and
counts from the workspace. Never a scan, a PDF, the database or the audit chain's contents.

Masking is two-fold: patterns (9-12 digit ID numbers, phone numbers, e-mail addresses, passwords,
PINs, bearer tokens, keys) and the workspace's own personal values (every owner's and submitter's
ID and name held in the database), so a name in a log line is removed even though no pattern
could recognise it. The finished archive is checked once more for those values before it is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.domain.errors import OperationFailed
from app.domain.identifiers import mask_ids_in_text

log = logging.getLogger(__name__)

MAX_LOG_BYTES = 8 * 1024 * 1024  # the newest part of each log file
REDACTED = "[redacted]"
NAME_MASK = "[name]"

_SECRET_KEY = (r"(?:pass(?:word|wd)?|pin|secret|token|api[_-]?key|private[_-]?key|client[_-]?secret"
               r"|authorization)")
_SECRET_PATTERNS = (
    re.compile(r"(?i)\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]+)"),
    re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*"),  # any JSON Web Token
    # key = value / key: value / key=value in logs, TOML, query strings (token_label is not a secret)
    re.compile(rf"(?i)\b((?!token_label)\w*{_SECRET_KEY}\w*)(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s,;&]+)"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.S),
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d.])(?:\+84|0)(?:[\s.-]?\d){8,10}(?![\d.])")
_PERSONAL_COLUMNS = {"dossiers": ("owner_id", "owner_name", "submitter_id", "submitter_name")}
_MASKED_SETTINGS = ("officer", "server_user")  # people's names and logins


@dataclass
class BundleSummary:
    path: Path
    files: list[str] = field(default_factory=list)
    masked_values: int = 0


def personal_values(db_file: Path) -> list[str]:
    """Every personal value the workspace's database holds (IDs and names), longest first."""
    if not db_file.is_file():
        return []
    values: set[str] = set()
    try:
        con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        log.warning("Support bundle: database not readable (%s); pattern masking only", exc)
        return []
    try:
        for table, columns in _PERSONAL_COLUMNS.items():
            try:
                rows = con.execute(f"SELECT {', '.join(columns)} FROM "
                                   f"{table}").fetchall()  # noqa: S608 - fixed names
            except sqlite3.Error:
                continue
            for row in rows:
                for value in row:
                    text = str(value or "").strip()
                    if len(text) >= 3:
                        values.add(text)
                        values.update(part for part in text.split() if len(part) >= 4 and not part.isdigit())
    finally:
        con.close()
    return sorted(values, key=len, reverse=True)


class Scrubber:
    def __init__(self, personal: list[str]) -> None:
        self.personal = personal
        self._personal_re = (re.compile("|".join(re.escape(v) for v in personal), re.IGNORECASE)
                             if personal else None)
        self.count = 0

    def __call__(self, text: str) -> str:
        if self._personal_re is not None:
            text, n = self._personal_re.subn(NAME_MASK, text)
            self.count += n
        for pattern in _SECRET_PATTERNS:
            if pattern.groups >= 3:
                text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
            else:
                text = pattern.sub(REDACTED, text)
        text = _EMAIL.sub("[email]", text)
        text = _PHONE.sub("[phone]", text)
        return mask_ids_in_text(text)

    def obj(self, value: Any, key: str = "") -> Any:
        """A JSON value with every string scrubbed and the values of secret-named keys removed."""
        if (key and re.fullmatch(rf"(?i)(?!token_label)\w*{_SECRET_KEY}\w*", key)
                and isinstance(value, str) and value):
            return REDACTED
        if isinstance(value, dict):
            return {k: self.obj(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.obj(v) for v in value]
        if isinstance(value, str):
            return self(value)
        return value

    def json(self, value: Any) -> str:
        return json.dumps(self.obj(value), ensure_ascii=False, indent=2)

    def leaks(self, text: str) -> list[str]:
        lowered = text.lower()
        return [v for v in self.personal if v.lower() in lowered]


def _tail(path: Path, limit: int = MAX_LOG_BYTES) -> str:
    size = path.stat().st_size
    with path.open("rb") as fh:
        if size > limit:
            fh.seek(size - limit)
            fh.readline()  # start at a whole line
        return fh.read().decode("utf-8", errors="replace")


def _settings_json(settings: Any) -> dict[str, Any]:
    data = asdict(settings)
    for key in _MASKED_SETTINGS:
        if data.get(key):
            data[key] = NAME_MASK
    data["extra"] = {k: v for k, v in data.get("extra", {}).items() if not k.startswith("ui.")}
    return data


def _workspace_counts(db_file: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not db_file.is_file():
        return out
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=5)
    try:
        for table, column in (("dossiers", "state"), ("outbox", "state")):
            try:
                rows = con.execute(f"SELECT {column}, COUNT(*) FROM {table} GROUP BY "
                                   f"{column}").fetchall()  # noqa: S608
            except sqlite3.Error:
                continue
            out[table] = {str(k): int(n) for k, n in rows}
        out["schema"] = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER "
                                                   "BY name")]
    finally:
        con.close()
    return out


def build_bundle(out: Path, *, workspace_root: Path | None, settings: Any, selftest: dict[str, Any],
                 config_files: list[Path]) -> BundleSummary:
    """Write the bundle to ``out`` (a .zip); raises OperationFailed if a personal value would leak."""
    db_file = workspace_root / "motcua.db" if workspace_root else Path("/nonexistent")
    scrub = Scrubber(personal_values(db_file))
    entries: dict[str, str] = {}
    entries["README.txt"] = (
        "motcua-station support bundle\n"
        f"created {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}\n"
        "Contents: versions, self-test, configuration (secrets "
        "removed), logs (ID numbers, names, phone numbers\n"
        "and e-mail addresses masked), workspace counts. No scans, PDFs, database or personal data.\n")
    entries["versions.json"] = scrub.json(selftest.get("versions", {}))
    entries["selftest.json"] = scrub.json(selftest)
    entries["config/settings.json"] = scrub.json(_settings_json(settings))
    for i, path in enumerate(config_files):
        if path.is_file():
            entries[f"config/{i}-{path.name}"] = f"# {path}\n" + scrub(path.read_text(encoding="utf-8",
                                                                                      errors="replace"))
    entries["workspace.json"] = scrub.json(_workspace_counts(db_file))
    if workspace_root is not None and (workspace_root / "logs").is_dir():
        for logfile in sorted((workspace_root / "logs").iterdir()):
            if logfile.is_file() and logfile.name.startswith(("motcua", "server",
                                                              "demo")) and ".log" in logfile.name:
                entries[f"logs/{logfile.name}"] = scrub(_tail(logfile))
    leaks = sorted({v for text in entries.values() for v in scrub.leaks(text)})
    if leaks:  # cannot happen unless masking is broken: then nothing is written
        raise OperationFailed(f"Support bundle not written: {len(leaks)} personal value(s) would be included",
                              f"Không tạo gói hỗ trợ: còn {len(leaks)} dữ liệu cá nhân chưa được che")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    tmp.replace(out)
    log.info("Support bundle written to %s (%d files, %d personal values "
             "masked)", out, len(entries), scrub.count)
    return BundleSummary(out, list(entries), scrub.count)
