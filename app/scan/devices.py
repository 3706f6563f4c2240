"""Which driver owns a device name (``folder:``, ``twain:``, else SANE), and the device test
through it. Kept apart from ``driver`` (the interface the drivers import) so no import circle
runs between the interface and its implementations."""

from __future__ import annotations

from app.domain.errors import InvalidInput
from app.scan.driver import DeviceProbe, ScanDriver


def driver_for(device: str) -> ScanDriver:
    """The driver that handles a device name (``folder:``, ``twain:``, else SANE)."""
    if device.startswith("folder:"):
        from app.scan.folder import FolderScanner

        return FolderScanner()
    if device.startswith("twain:"):
        from app.scan.twain_driver import TwainScanner

        return TwainScanner()
    if not device or ":" not in device:
        raise InvalidInput(
            f"'{device}' is not a device name (test:0, folder:/path, twain:NAME)",
            f"'{device}' không phải tên máy quét (vd. test:0, folder:/thư-mục)",
        )
    from app.scan.sane_driver import SaneScanner

    return SaneScanner()


def probe(device: str) -> DeviceProbe:
    """Test a device through the driver that owns it."""
    device = device.strip()
    if not device:
        raise InvalidInput("No scanner chosen", "Chưa chọn máy quét")
    return driver_for(device).probe(device)
