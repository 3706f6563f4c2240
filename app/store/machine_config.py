"""Machine-wide and per-user configuration files (TOML), managed by IT staff.

Layers, later wins: built-in defaults < the machine file < the user's file < what the officer
saved in the workspace (``settings.json``). Keys listed in the machine file's ``locked`` array
cannot be overridden by the user file or the workspace (keys that change legal output: the
agency, the signing policy, the trust anchors, the TSA...).

* machine file: ``/etc/motcua/config.toml`` (Linux), ``%ProgramData%\\motcua\\config.toml``
  (Windows), ``/Library/Application Support/motcua/config.toml`` (macOS); ``MOTCUA_MACHINE_CONFIG``
  names another file.
* user file: ``config.toml`` in the user's config directory (``~/.config/motcua-station``);
  ``MOTCUA_USER_CONFIG`` names another file.

A bad file never stops the app: each problem names the file, the key and what is wrong, the bad
key is ignored (the rest of the file still applies) and the problems are shown by
``motcua selftest`` and logged.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

log = logging.getLogger(__name__)

CONFIG_NAME = "config.toml"


class StationConfig(BaseModel):
    """The schema of both files. Every key is optional; unknown keys are errors (a typo must not
    silently do nothing)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    server_url: str | None = None
    server_ca_bundle: str | None = None
    workstation_id: str | None = None
    agency_code: str | None = Field(default=None, pattern=r"^[0-9A-Z.]{3,40}$")
    agency_name: str | None = None
    trust_dir: str | None = None
    pkcs11_module: str | None = None
    token_label: str | None = None
    scanner: str | None = None
    scan_dpi: int | None = Field(default=None, ge=150, le=600)
    tsa_url: str | None = None
    signing_policy: Literal["officer", "agency", "officer+agency"] | None = None
    workspace: str | None = None
    language: Literal["vi", "en"] | None = None
    locked: list[str] = Field(default_factory=list)

    @field_validator("server_url", "tsa_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https://")
        return value

    @field_validator("locked")
    @classmethod
    def _locked_known(cls, value: list[str]) -> list[str]:
        unknown = [k for k in value if k not in SETTING_KEYS and k != "workspace"]
        if unknown:
            raise ValueError(f"unknown key(s) to lock: {', '.join(unknown)}")
        return value


# Keys that map onto app.store.settings.Settings fields; signing_policy and workstation_id go to
# Settings.extra, workspace is used by app.store.workspace.default_workspace_dir.
SETTING_KEYS = tuple(k for k in StationConfig.model_fields if k not in ("locked", "workspace"))
EXTRA_KEYS = ("signing_policy", "workstation_id")


@dataclass(frozen=True)
class ConfigProblem:
    file: str
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.problem}"


@dataclass
class EffectiveConfig:
    values: dict[str, Any] = field(default_factory=dict)  # key -> value from the files, layered
    sources: dict[str, str] = field(default_factory=dict)  # key -> the file it came from
    locked: dict[str, str] = field(default_factory=dict)  # locked key -> the machine file
    problems: list[ConfigProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files read


def machine_config_path() -> Path:
    env = os.environ.get("MOTCUA_MACHINE_CONFIG")
    if env:
        return Path(env)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "motcua" / CONFIG_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/motcua") / CONFIG_NAME
    return Path("/etc/motcua") / CONFIG_NAME


def user_config_path() -> Path:
    env = os.environ.get("MOTCUA_USER_CONFIG")
    if env:
        return Path(env)

    return Path(user_config_dir("motcua-station", appauthor=False)) / CONFIG_NAME


def read_file(path: Path) -> tuple[StationConfig, list[ConfigProblem]]:
    """One file, validated; bad keys are dropped and reported, the good ones kept."""
    problems: list[ConfigProblem] = []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return StationConfig(), [ConfigProblem(str(path), "-", f"cannot be read: {exc.strerror or exc}")]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return StationConfig(), [ConfigProblem(str(path), "-", f"not valid TOML: {exc}")]
    for _ in range(len(raw) + 1):
        try:
            return StationConfig.model_validate(raw), problems
        except ValidationError as exc:
            bad: set[str] = set()
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else "-"
                problems.append(ConfigProblem(str(path), key, err["msg"]))
                bad.add(key)
            raw = {k: v for k, v in raw.items() if k not in bad}
            if not bad:
                break
    return StationConfig(), problems


def load(machine: Path | None = None, user: Path | None = None) -> EffectiveConfig:
    """The layered configuration of this machine and user (missing files are simply absent)."""
    out = EffectiveConfig()
    machine = machine or machine_config_path()
    user = user or user_config_path()
    for path, is_machine in ((machine, True), (user, False)):
        if not path.is_file():
            continue
        out.files.append(str(path))
        cfg, problems = read_file(path)
        out.problems += problems
        given = cfg.model_dump(exclude_unset=True, exclude={"locked"})
        if is_machine:
            out.locked = {k: str(path) for k in cfg.locked}
        elif cfg.locked:
            out.problems.append(ConfigProblem(str(path), "locked", "only the machine file can lock keys; "
                                                                   "ignored"))
        for key, value in given.items():
            if not is_machine and key in out.locked:
                out.problems.append(ConfigProblem(str(path), key, f"locked by {out.locked[key]}; ignored"))
                continue
            out.values[key], out.sources[key] = value, str(path)
    for problem in out.problems:
        log.warning("Configuration problem: %s", problem)
    return out
