"""Installation settings kept in the workspace (``settings.json``). Never holds a secret:
PINs and passwords are asked for or read from the environment, never written here."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.messages import Msg
from app.store import machine_config
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
                raise InvalidInput(Msg(
                        vi=f"Không được lưu bí mật '{key}'",
                        en=f"Setting '{key}' would store a secret",
                    ))
        data = _without_config_layers(self, data)
        write_durably(root / SETTINGS_FILE, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))

    @classmethod
    def load(cls, root: Path) -> Settings:
        path = root / SETTINGS_FILE
        if not path.is_file():
            return _layered(cls, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s unreadable (%s); using defaults", path, exc)
            return _layered(cls, {})
        known = {f.name for f in fields(cls)}
        return _layered(cls, {k: v for k, v in data.items() if k in known})


# -- machine-wide and user configuration (app.store.machine_config) -----------------------------
# Layers: defaults < machine file < user file < the workspace's settings.json < locked keys of
# the machine file. settings.json keeps only what differs from the files, so a change IT makes
# in the machine file reaches every workspace that did not choose otherwise.


def _layered(cls: type[Settings], saved: dict[str, Any]) -> Settings:
    cfg = machine_config.load()
    base: dict[str, Any] = {}
    base_extra: dict[str, str] = {}
    for key, value in cfg.values.items():
        if key in machine_config.EXTRA_KEYS:
            base_extra[key] = str(value)
        elif key in machine_config.SETTING_KEYS:
            base[key] = value
    merged = {**base, **saved}
    merged["extra"] = {**base_extra, **dict(saved.get("extra") or {})}
    for key in cfg.locked:
        if key in machine_config.EXTRA_KEYS and key in base_extra:
            merged["extra"][key] = base_extra[key]
        elif key in base:
            merged[key] = base[key]
        elif key in machine_config.SETTING_KEYS and key not in machine_config.EXTRA_KEYS:
            merged.pop(key, None)  # locked at the built-in default
    settings = cls(**merged)
    vars(settings)["_layers"] = _Layers(base, base_extra, dict(cfg.locked), [str(p) for p in cfg.problems])
    return settings


def config_problems(settings: Settings) -> list[str]:
    """Problems found in the configuration files ("file: key: problem"), for the UI and selftest."""
    layers: _Layers | None = vars(settings).get("_layers")
    return list(layers.problems) if layers else []


def locked_keys(settings: Settings) -> dict[str, str]:
    """Keys the machine file locks (key -> file): the Settings screen shows them read-only."""
    layers: _Layers | None = vars(settings).get("_layers")
    return dict(layers.locked) if layers else {}


@dataclass
class _Layers:
    values: dict[str, Any]
    extra: dict[str, str]
    locked: dict[str, str]  # key -> machine file locking it
    problems: list[str]


def _without_config_layers(settings: Settings, data: dict[str, Any]) -> dict[str, Any]:
    layers: _Layers | None = vars(settings).get("_layers")
    if layers is None:
        return data
    defaults = asdict(type(settings)())
    for key in layers.locked:
        current = data["extra"].get(key) if key in layers.extra else data.get(key)
        wanted = layers.extra.get(key) if key in layers.extra else layers.values.get(key, defaults.get(key))
        if current != wanted:
            raise InvalidInput(Msg(
                    vi=f"Mục cài đặt '{key}' bị khóa bởi cấu hình máy ({layers.locked[key]})",
                    en=f"Setting '{key}' is locked by {layers.locked[key]}",
                ))
    out = {k: v for k, v in data.items() if k == "extra" or k not in layers.values or layers.values[k] != v}
    out["extra"] = {k: v for k, v in data["extra"].items() if layers.extra.get(k) != v}
    return out
