"""Installation settings kept in the workspace (``settings.json``). Never holds a secret:
PINs and passwords are asked for or read from the environment, never written here."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.domain.errors import InvalidInput
from app.store.blobs import write_durably

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
_FORBIDDEN = ("pin", "password", "secret")


@dataclass
class Settings:
    agency_code: str = "000.87.34.H08"  # the demo agency of seed 002; IT staff set the real one
    agency_name: str = "Bộ phận Một cửa"
    officer: str = ""  # login of the counter officer; defaults to the OS user
    officer_title: str = "Cán bộ một cửa"
    language: str = "vi"
    scanner: str = ""  # e.g. test:0, folder:/path
    scan_dpi: int = 300
    scan_mode: str = "color"
    pkcs11_module: str = ""
    token_label: str = ""
    server_url: str = ""
    server_ca_bundle: str = ""
    server_user: str = ""
    trust_dir: str = ""
    tsa_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def save(self, root: Path) -> None:
        data = asdict(self)
        for key in list(data) + list(self.extra):
            if any(word in key.lower() for word in _FORBIDDEN):
                raise InvalidInput(f"Setting '{key}' would store a secret", f"Không được lưu bí mật '{key}'")
        write_durably(root / SETTINGS_FILE, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))

    @classmethod
    def load(cls, root: Path) -> Settings:
        path = root / SETTINGS_FILE
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
