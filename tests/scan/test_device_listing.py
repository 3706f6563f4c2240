"""``motcua devices``: SANE and TWAIN devices through the one driver interface. TWAIN itself only
runs on Windows; here its data-source names are turned into devices by the same function the
driver uses, and its absence must not hide the SANE devices."""

from __future__ import annotations

import json
from typing import Any

from app.scan.devices import list_all_devices
from app.scan.sane_driver import SaneScanner
from app.scan.twain_driver import TwainScanner, twain_devices


def test_twain_source_names_become_devices() -> None:
    devs = twain_devices(["FUJITSU fi-7160", "Canon DR-C225 II", "WIA-EPSON DS-530", "  ", "fujitsu FI-7160",
                          "Kodak Alaris S2050", "MyScan 3000"])
    assert [d.name for d in devs] == ["twain:FUJITSU "
                                      "fi-7160", "twain:Canon DR-C225 II", "twain:WIA-EPSON DS-530",
                                      "twain:Kodak Alaris S2050", "twain:MyScan 3000"]
    assert [(d.vendor, d.model) for d in devs] == [("Fujitsu", "fi-7160"), ("Canon", "DR-C225 II"),
                                                   ("Epson", "DS-530"), ("Kodak "
                                                                         "Alaris", "S2050"), ("", "MyScan "
                                                                                                  "3000")]
    assert {d.kind for d in devs} == {"twain"}


def test_a_driver_missing_here_does_not_hide_the_others(sane_config: dict[str, str]) -> None:
    devices, statuses = list_all_devices([("twain", TwainScanner()), ("sane", SaneScanner())])
    assert "test:0" in [d.name for d in devices]
    by_kind = {s.kind: s for s in statuses}
    assert by_kind["sane"].available
    assert not by_kind["twain"].available and "Windows" in by_kind["twain"].message_en


def test_devices_command_lists_every_driver(cli: Any, sane_config: dict[str, str]) -> None:
    proc = cli("devices", "--json", env=sane_config)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert any(d["name"] == "test:0" and d["kind"] == "sane" for d in data["devices"])
    assert {d["kind"] for d in data["drivers"]} == {"sane", "twain"}
    human = cli("devices", env=sane_config).stdout
    assert "test:0" in human and "twain" in human and "Windows" in human
