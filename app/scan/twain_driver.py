"""TWAIN scanners through pytwain (Windows only; imported lazily so the same code runs on Linux).
The mapping between our settings and TWAIN capabilities, and from TWAIN condition codes to our
faults, is pure and unit-tested here; the transfer loop only runs on Windows."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
from PIL import Image

from app.domain.errors import OperationFailed
from app.scan.driver import (
    Capabilities,
    ColourMode,
    CoverOpen,
    DeviceInfo,
    DeviceProbe,
    FeederEmpty,
    PaperJam,
    ScannedPage,
    ScannerGone,
    ScannerIOError,
    ScanSettings,
    Source,
)

# TWAIN constants (TWAIN 2.4 specification), kept here so the mapping is testable without pytwain.
ICAP_PIXELTYPE, TWPT_GRAY, TWPT_RGB = 0x0101, 1, 2
ICAP_XRESOLUTION, ICAP_YRESOLUTION = 0x1118, 0x1119
CAP_FEEDERENABLED, CAP_AUTOFEED, CAP_DUPLEXENABLED = 0x1002, 0x1007, 0x1013
ICAP_SUPPORTEDSIZES, TWSS_NONE, TWSS_A4, TWSS_A5, TWSS_A3 = 0x1122, 0, 1, 5, 11
CAP_XFERCOUNT = 0x0001
TWCC_PAPERJAM, TWCC_PAPERDOUBLEFEED, TWCC_NOMEDIA = 20, 21, 29
TWCC_OPERATIONERROR, TWCC_CHECKDEVICEONLINE = 1, 23
TWCC_COVEROPEN_VENDOR = 0x8000 + 0x21  # vendors report an open cover through custom codes

_SIZES = {(210, 297): TWSS_A4, (148, 210): TWSS_A5, (297, 420): TWSS_A3}


def capabilities_for(settings: ScanSettings) -> dict[int, Any]:
    """Our settings as TWAIN capability values (cap id -> value)."""
    caps: dict[int, Any] = {
        ICAP_PIXELTYPE: TWPT_RGB if settings.mode is ColourMode.COLOR else TWPT_GRAY,
        ICAP_XRESOLUTION: float(settings.dpi),
        ICAP_YRESOLUTION: float(settings.dpi),
        CAP_FEEDERENABLED: settings.source is Source.ADF,
        CAP_AUTOFEED: settings.source is Source.ADF,
        CAP_DUPLEXENABLED: bool(settings.duplex),
        CAP_XFERCOUNT: -1 if settings.source is Source.ADF else 1,
    }
    size = settings.page_size_mm and _SIZES.get((round(settings.page_size_mm[0]),
                                                 round(settings.page_size_mm[1])))
    caps[ICAP_SUPPORTEDSIZES] = size if size else TWSS_NONE
    return caps


def fault_for_condition(code: int, sheet: int) -> Exception:
    """A TWAIN condition code as our fault (pure)."""
    if code in (TWCC_PAPERJAM, TWCC_PAPERDOUBLEFEED):
        return PaperJam(sheet)
    if code == TWCC_NOMEDIA:
        return FeederEmpty(sheet)
    if code == TWCC_COVEROPEN_VENDOR:
        return CoverOpen(sheet)
    if code == TWCC_CHECKDEVICEONLINE:
        return ScannerGone(sheet)
    return ScannerIOError(sheet, f"TWAIN condition {code}")


def _twain() -> Any:
    try:
        import twain  # pytwain, Windows only
    except ImportError as exc:
        raise OperationFailed("TWAIN is only available on Windows "
                              "(pytwain)", "TWAIN chỉ có trên Windows (pytwain)") from exc
    return twain


# Manufacturers as TWAIN data sources name themselves at the start of the product name.
_VENDORS = ("Fujitsu", "PFU", "Canon", "Epson", "Brother", "Kodak", "Kodak "
                                                                    "Alaris", "HP", "Panasonic", "Avision",
            "Plustek", "Xerox", "Visioneer", "Ricoh", "Lexmark", "Konica "
                                                                 "Minolta", "Sharp", "Kyocera", "Samsung")


def twain_devices(source_names: list[str]) -> list[DeviceInfo]:
    """Data source names (the TWAIN source manager's list) as devices: ``twain:<product name>``
    is what ``--device`` and the Settings screen take. The vendor is read from the name where it
    starts with a known manufacturer; WIA-TWAIN bridges ("WIA-...") are listed as such. Blank or
    repeated names are dropped."""
    out: list[DeviceInfo] = []
    seen: set[str] = set()
    for raw in source_names:
        name = str(raw).strip()
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        bare = name.removeprefix("WIA-").strip()
        vendor = next((v for v in sorted(_VENDORS, key=len,
                                         reverse=True) if bare.lower().startswith(v.lower() + " ")
                       or bare.lower() == v.lower()), "")
        model = bare[len(vendor):].strip() if vendor else bare
        out.append(DeviceInfo(name=f"twain:{name}", vendor=vendor, model=model or bare, kind="twain"))
    return out


class TwainScanner:
    def devices(self) -> list[DeviceInfo]:
        twain = _twain()
        with twain.SourceManager() as sm:
            return twain_devices(list(sm.source_list))

    def probe(self, device: str) -> DeviceProbe:
        if device not in {d.name for d in self.devices()}:
            raise OperationFailed(f"TWAIN source {device} not "
                                  "found", f"Không tìm thấy máy quét TWAIN {device}")
        return DeviceProbe(device, "twain")

    def capabilities(self, device: str) -> Capabilities:
        return Capabilities(sources=(Source.ADF, Source.FLATBED), duplex=True, resolutions=(200, 300, 600),
                            modes=(ColourMode.COLOR, ColourMode.GRAY))

    def scan(self, device: str, settings: ScanSettings,
             cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        twain = _twain()
        name = device.removeprefix("twain:")
        with twain.SourceManager() as sm, sm.open_source(name) as src:
            for cap, value in capabilities_for(settings).items():
                try:
                    src.set_capability(cap,
                                       twain.TWTY_FIX32 if isinstance(value, float) else twain.TWTY_INT16,
                                       value)
                except Exception:  # noqa: BLE001 - optional capabilities
                    continue
            src.request_acquire(show_ui=False, modal_ui=False)
            index = 0
            while not (cancel is not None and cancel.is_set()):
                sheet = settings.start_sheet + index // (2 if settings.duplex else 1)
                try:
                    handle, more = src.xfer_image_natively()
                except Exception as exc:  # noqa: BLE001
                    code = getattr(exc, "condition_code", None) or 0
                    err = fault_for_condition(int(code), sheet)
                    if isinstance(err, FeederEmpty) and index > 0:
                        return
                    raise err from exc
                img = Image.open(twain.dib_to_bm_file(handle))
                arr = np.asarray(img.convert("RGB"))[..., ::-1].copy()
                yield ScannedPage(image=arr, dpi=settings.dpi, sheet=sheet,
                                  side="back" if settings.duplex and index % 2 else "front")
                index += 1
                if not more:
                    return
