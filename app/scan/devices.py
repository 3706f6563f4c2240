"""Which driver owns a device name (``folder:``, ``twain:``, else SANE), the device test
through it, and the name people read for a device (``describe``: the one place that takes a
device name apart for showing it). Kept apart from ``driver`` (the interface the drivers
import) so no import circle runs between the interface and its implementations."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePath

from app.domain.errors import InvalidInput
from app.scan.driver import DeviceInfo, DeviceProbe, ScanDriver
from app.scan.folder import FolderScanner
from app.scan.sane_driver import SaneScanner
from app.scan.twain_driver import TwainScanner

DEMO_FOLDER_NAME = "scanner-folder"  # the demo's image-folder scanner (app/ui/demo_env.py)


@dataclass(frozen=True)
class DeviceLabel:
    """A device as people read it, in both languages, with the name the drivers take."""

    name: str
    vi: str
    en: str

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def describe(device: str, vendor: str = "", model: str = "") -> DeviceLabel:
    """"Máy quét thư mục (demo)", "Fujitsu fi-7160" rather than ``folder:/tmp/...`` or ``test:0``.
    ``vendor``/``model``: what the driver's listing said (SANE), when known."""
    name = device.strip()
    if name.startswith("folder:"):
        folder = PurePath(name.removeprefix("folder:").partition("?")[0])
        if folder.name == DEMO_FOLDER_NAME:
            return DeviceLabel(name, "Máy quét thư mục (demo)", "Image-folder scanner (demo)")
        return DeviceLabel(name, "Máy quét thư mục ảnh "
                                 f"“{folder.name}”", f"Image-folder scanner “{folder.name}”")
    if name.startswith("twain:"):
        source = name.removeprefix("twain:")
        return DeviceLabel(name, source, source)
    backend, _, number = name.partition(":")
    if backend == "test":
        return DeviceLabel(name, f"Máy quét thử nghiệm SANE (số {number or 0})",
                           f"SANE test scanner (no. {number or 0})")
    made = " ".join(p for p in (vendor.strip(), model.strip()) if p)
    if made:
        return DeviceLabel(name, f"{made} ({backend})", f"{made} ({backend})")
    return DeviceLabel(name, name, name)

log = logging.getLogger(__name__)


def driver_for(device: str) -> ScanDriver:
    """The driver that handles a device name (``folder:``, ``twain:``, else SANE)."""
    if device.startswith("folder:"):
        return FolderScanner()
    if device.startswith("twain:"):
        return TwainScanner()
    if not device or ":" not in device:
        raise InvalidInput(
            f"'{device}' is not a device name (test:0, folder:/path, twain:NAME)",
            f"'{device}' không phải tên máy quét (vd. test:0, folder:/thư-mục)",
        )

    return SaneScanner()


def probe(device: str) -> DeviceProbe:
    """Test a device through the driver that owns it."""
    device = device.strip()
    if not device:
        raise InvalidInput("No scanner chosen", "Chưa chọn máy quét")
    return driver_for(device).probe(device)


@dataclass(frozen=True)
class DriverStatus:
    """Whether a driver could list its devices on this machine (``motcua devices`` shows it)."""

    kind: str
    available: bool
    message_en: str = ""
    message_vi: str = ""


def listing_drivers() -> list[tuple[str, ScanDriver]]:
    """Every driver whose devices are listed, in display order: SANE (Linux, macOS), TWAIN
    (Windows). A driver that cannot run on this machine reports itself unavailable when listing;
    the image-folder driver has nothing to list (any folder is a device)."""
    return [("sane", SaneScanner()), ("twain", TwainScanner())]


def list_all_devices(drivers: list[tuple[str, ScanDriver]] | None = None) -> tuple[list[DeviceInfo],
                                                                                   list[DriverStatus]]:
    """Devices of every driver, side by side, deduplicated by name; one driver failing (no SANE,
    no TWAIN data source manager) never hides the others' devices."""
    devices: list[DeviceInfo] = []
    statuses: list[DriverStatus] = []
    seen: set[str] = set()
    for kind, driver in drivers if drivers is not None else listing_drivers():
        try:
            found = driver.devices()
        except Exception as exc:  # noqa: BLE001 - a missing driver is a status, not an error
            en, vi = getattr(exc, "message_en", str(exc)), getattr(exc, "message_vi", str(exc))
            log.info("Scanner driver %s unavailable: %s", kind, en)
            statuses.append(DriverStatus(kind, False, en, vi))
            continue
        statuses.append(DriverStatus(kind, True))
        for dev in found:
            if dev.name not in seen:
                seen.add(dev.name)
                devices.append(dev)
    return devices, statuses
