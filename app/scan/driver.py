"""One driver interface for every scanner (SANE, TWAIN, image folder), in the spirit of NAPS2.

A driver lists devices, reports capabilities and scans a batch as a stream of pages. Faults
mid-batch are typed exceptions that carry the sheet the officer must reload, so a session can
keep the pages already captured and resume with correct numbering.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import numpy as np

from app.domain.errors import OperationFailed


class Source(StrEnum):
    ADF = "adf"
    FLATBED = "flatbed"


class ColourMode(StrEnum):
    COLOR = "color"
    GRAY = "gray"


@dataclass(frozen=True)
class ScanSettings:
    source: Source = Source.ADF
    duplex: bool = False
    dpi: int = 300
    mode: ColourMode = ColourMode.COLOR
    page_size_mm: tuple[float, float] | None = (210.0, 297.0)  # None: the device's maximum
    start_sheet: int = 1  # 1-based number of the first sheet of this batch (resuming after a fault)


@dataclass(frozen=True)
class DeviceInfo:
    name: str  # what --device takes: test:0, folder:/path, twain:Fujitsu fi-7160
    vendor: str
    model: str
    kind: str  # sane | twain | folder


@dataclass(frozen=True)
class Capabilities:
    sources: tuple[Source, ...]
    duplex: bool
    resolutions: tuple[int, ...]
    modes: tuple[ColourMode, ...]
    max_size_mm: tuple[float, float] | None = None


@dataclass
class ScannedPage:
    image: np.ndarray  # uint8 BGR or gray
    dpi: int
    sheet: int  # 1-based sheet number in the batch's numbering
    side: str = "front"  # front | back
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeviceProbe:
    """What a device test found: the device answers; ``images`` for an image folder."""

    device: str
    kind: str  # sane | twain | folder
    images: int | None = None


class ScannerFault(OperationFailed):
    """A fault mid-batch; ``sheet`` is the sheet to reload (1-based)."""

    kind = "fault"

    def __init__(self, message_en: str, message_vi: str, *, sheet: int | None = None) -> None:
        super().__init__(message_en, message_vi)
        self.sheet = sheet


class PaperJam(ScannerFault):
    kind = "jam"

    def __init__(self, sheet: int) -> None:
        super().__init__(f"Paper jam at sheet {sheet}: clear the feeder and reload from sheet {sheet}",
                         f"Kẹt giấy ở tờ {sheet}: gỡ giấy kẹt rồi đặt lại từ tờ {sheet} để quét "
                         "tiếp", sheet=sheet)


class CoverOpen(ScannerFault):
    kind = "cover_open"

    def __init__(self, sheet: int) -> None:
        super().__init__(f"Scanner cover open at sheet {sheet}: close it and reload from sheet {sheet}",
                         f"Nắp máy quét đang mở (tờ {sheet}): đóng nắp rồi đặt lại từ tờ "
                         f"{sheet}", sheet=sheet)


class FeederEmpty(ScannerFault):
    kind = "feeder_empty"

    def __init__(self, sheet: int = 1) -> None:
        super().__init__("The document feeder is empty: load the sheets and scan again",
                         "Khay nạp giấy trống: đặt giấy vào khay rồi quét lại", sheet=sheet)


class ScannerIOError(ScannerFault):
    kind = "io_error"

    def __init__(self, sheet: int, detail: str = "") -> None:
        super().__init__(f"Scanner I/O error at sheet {sheet}{': ' + detail if detail else ''}",
                         f"Lỗi truyền dữ liệu từ máy quét ở tờ {sheet}; kiểm tra cáp rồi quét tiếp từ tờ "
                         f"{sheet}", sheet=sheet)


class ScannerGone(ScannerFault):
    kind = "disconnected"

    def __init__(self, sheet: int | None = None) -> None:
        en, vi = "The scanner disconnected", "Mất kết nối với máy quét"
        saved_en, saved_vi = "the pages already captured are saved", "các trang đã quét vẫn được lưu"
        if sheet is None:
            super().__init__(f"{en}; {saved_en}", f"{vi}; {saved_vi}")
            return
        super().__init__(f"{en} at sheet {sheet}; {saved_en}. Reconnect it and reload from sheet {sheet}",
                         f"{vi} ở tờ {sheet}; {saved_vi}. Cắm lại máy quét rồi đặt lại từ tờ {sheet} để "
                         "quét tiếp",
                         sheet=sheet)


class ScanDriver(Protocol):
    def devices(self) -> list[DeviceInfo]: ...

    def capabilities(self, device: str) -> Capabilities: ...

    def scan(self, device: str, settings: ScanSettings,
             cancel: threading.Event | None = None) -> Iterator[ScannedPage]: ...

    def probe(self, device: str) -> DeviceProbe:
        """Check that the device answers (the Settings "test" button, self-tests); raises a
        MotcuaError saying why not. Safe while another scan runs: the driver serialises it."""
        ...
