"""SANE scanners through python-sane (Linux). Device listing asks for local devices only, since
network discovery can take many seconds. The feeder is read page by page; "no more documents"
ends the batch cleanly, a jam or an open cover raises the matching fault with the sheet number."""

from __future__ import annotations

import ctypes
import functools
import logging
import signal
import threading
from collections.abc import Iterator
from typing import Any

import cv2
import numpy as np

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

log = logging.getLogger(__name__)
_LOCK = threading.Lock()  # libsane is not re-entrant
_initialised = False


def _sane() -> Any:
    global _initialised
    try:
        import sane
    except ImportError as exc:
        raise OperationFailed("python-sane is not installed", "Chưa cài thư viện SANE (python-sane)") from exc
    if not _initialised:
        sane.init()
        _initialised = True
    return sane


@functools.cache
def _libc() -> Any:
    """The C library already loaded in this process (no ``find_library`` lookup, which may run
    ``ldconfig``: this is called after every frame)."""
    return ctypes.CDLL(None)


def keep_broken_pipes_harmless() -> None:
    """libsane (its reader thread, ``sanei_thread``) sets SIGPIPE back to the default action for
    the whole process while it reads a frame; the next write to a closed socket (the sync
    client, a local server) would then kill the application instead of raising BrokenPipeError.
    Put Python's disposition (ignore) back. ``signal.signal`` only works on the main thread and
    scans run on workers, so the C call is used: the disposition is process-wide."""
    if not hasattr(signal, "SIGPIPE"):
        return
    try:
        _libc().signal(int(signal.SIGPIPE), ctypes.c_void_p(1))  # SIG_IGN
    except (OSError, AttributeError) as exc:  # no libc signal(): nothing to restore
        log.debug("SIGPIPE disposition not restored: %s", exc)


def _option_values(dev: Any, name: str) -> list[Any]:
    opt = dev.opt.get(name.replace("-", "_"))
    if opt is None:
        return []
    c = opt.constraint
    return list(c) if isinstance(c, list | tuple) else []


def map_sane_error(message: str, sheet: int) -> Exception:
    """SANE status text -> our fault (pure; unit-tested)."""
    text = message.lower()
    if "no more documents" in text or "document feeder out of documents" in text:
        return FeederEmpty(sheet)
    if "jammed" in text or "jam" in text:
        return PaperJam(sheet)
    if "cover" in text:
        return CoverOpen(sheet)
    if "invalid argument" in text and "device" in text or "device busy" in text or "no such device" in text:
        return ScannerGone(sheet)
    return ScannerIOError(sheet, message)


def _depth(dev: Any) -> int:
    """Bits per sample as configured (read before start: options cannot be read mid-scan)."""
    try:
        return int(dev.depth) if "depth" in dev.opt else 8
    except Exception:  # noqa: BLE001 - an inactive option reads as an error
        return 8


def _read_frame(dev: Any, depth: int) -> np.ndarray:
    """One frame as an (h, w, samples) array: 8/16-bit frames straight into numpy (no PIL round
    trip: ~9 ms instead of ~25-60 ms for a 200-dpi A4 page); line-art through PIL."""
    if depth in (8, 16):
        return np.asarray(dev.arr_snap())
    img = dev.snap()
    return np.asarray(img.convert("L"))[..., None]


def to_page_array(frame: np.ndarray, mode: ColourMode) -> np.ndarray:
    """A SANE frame (RGB or gray, 8 or 16 bits, (h, w, samples)) -> our page array: 8-bit,
    BGR for colour, 2-D for gray (pure; unit-tested)."""
    if frame.dtype == np.uint16:
        frame = (frame >> 8).astype(np.uint8)
    elif frame.dtype != np.uint8:
        frame = np.clip(frame, 0, 255).astype(np.uint8)
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[..., 0]
    if mode is ColourMode.COLOR:
        code = cv2.COLOR_GRAY2BGR if frame.ndim == 2 else cv2.COLOR_RGB2BGR
        return cv2.cvtColor(np.ascontiguousarray(frame), code)
    if frame.ndim == 3:
        return cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(frame)


class SaneScanner:
    def devices(self) -> list[DeviceInfo]:
        with _LOCK:
            sane = _sane()
            return [DeviceInfo(name=d[0], vendor=d[1], model=d[2],
                               kind="sane") for d in sane.get_devices(localOnly=True)]

    def probe(self, device: str) -> DeviceProbe:
        """The device is listed, or opens and closes. Under the driver's lock and on the driver's
        own libsane initialisation: never ``sane.exit()`` behind the driver's back."""
        with _LOCK:
            sane = _sane()
            if device in {d[0] for d in sane.get_devices(localOnly=True)}:
                return DeviceProbe(device, "sane")
            try:
                dev = sane.open(device)
            except Exception as exc:  # noqa: BLE001 - the driver says why in its own words
                raise OperationFailed(f"Scanner {device} cannot be opened: {exc}",
                                      f"Không mở được máy quét {device}: {exc}") from exc
            dev.close()
            return DeviceProbe(device, "sane")

    def capabilities(self, device: str) -> Capabilities:
        with _LOCK:
            dev = _sane().open(device)
            try:
                sources = _option_values(dev, "source")
                res = [int(r) for r in _option_values(dev, "resolution") if isinstance(r, int | float)]
                modes = [m.lower() for m in _option_values(dev, "mode")]
                return Capabilities(
                    sources=tuple(s for s, ok in (
                        (Source.ADF,
                         any("feeder" in str(x).lower() or "adf" in str(x).lower() for x in sources)),
                        (Source.FLATBED, any("flatbed" in str(x).lower() for x in sources) or not sources),
                    ) if ok),
                    duplex=any("duplex" in str(x).lower() for x in sources),
                    resolutions=tuple(res),
                    modes=tuple(m for m, ok in ((ColourMode.COLOR, any("color" in x for x in modes)),
                                       (ColourMode.GRAY, any("gray" in x for x in modes))) if ok),
                )
            finally:
                dev.close()

    def _configure(self, dev: Any, settings: ScanSettings) -> None:
        sources = [str(s) for s in _option_values(dev, "source")]
        if sources:
            want = "duplex" if settings.duplex else ("feeder" if settings.source is Source.ADF else "flatbed")
            match = next((s for s in sources if want in s.lower()), None)
            if match is None and settings.source is Source.ADF:
                match = next((s for s in sources if "adf" in s.lower() or "feeder" in s.lower()), None)
            if match:
                dev.source = match
        modes = [str(m) for m in _option_values(dev, "mode")]
        want_mode = "color" if settings.mode is ColourMode.COLOR else "gray"
        match_mode = next((m for m in modes if want_mode in m.lower()), None)
        if match_mode:
            dev.mode = match_mode
        try:
            dev.resolution = settings.dpi
        except Exception as exc:  # noqa: BLE001 - some backends only take listed values
            log.warning("Resolution %s refused by the device: %s", settings.dpi, exc)
        if settings.page_size_mm and "br_x" in dev.opt:
            try:
                dev.tl_x, dev.tl_y = 0, 0
                dev.br_x, dev.br_y = settings.page_size_mm
            except Exception as exc:  # noqa: BLE001
                log.info("Page size not set: %s", exc)

    def scan(self, device: str, settings: ScanSettings,
             cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        with _LOCK:
            sane = _sane()
            try:
                dev = sane.open(device)
            except Exception as exc:  # noqa: BLE001
                raise ScannerGone(settings.start_sheet) from exc
        try:
            self._configure(dev, settings)
            depth = _depth(dev)
            per_sheet = 2 if settings.duplex else 1
            index = 0
            while True:
                if cancel is not None and cancel.is_set():
                    dev.cancel()
                    return
                sheet = settings.start_sheet + index // per_sheet
                try:
                    with _LOCK:
                        try:
                            dev.start()
                            arr = _read_frame(dev, depth)
                        finally:
                            keep_broken_pipes_harmless()
                except Exception as exc:  # noqa: BLE001 - python-sane raises plain errors
                    err = map_sane_error(str(exc), sheet)
                    if isinstance(err, FeederEmpty):
                        if index == 0:
                            raise err from exc
                        return  # end of the feeder: the batch is complete
                    raise err from exc
                yield ScannedPage(image=to_page_array(arr, settings.mode), dpi=int(settings.dpi), sheet=sheet,
                                  side="back" if settings.duplex and index % 2 else "front")
                index += 1
                if settings.source is Source.FLATBED:
                    return
        finally:
            with _LOCK:
                dev.close()
