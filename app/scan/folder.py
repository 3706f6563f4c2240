"""The image-folder scanner: feeds image files (or the pages of a multi-page TIFF) as if they
came from an automatic document feeder. In duplex mode consecutive files are the front and
back of one sheet. Faults can be injected for demos and tests, through the device name
(``folder:/path?jam_after=3``) or a ``scanner.json`` file in the folder:
``{"jam_after": N, "cover_open_after": N, "io_error_after": N, "disconnect_after": N, "once": true}``
(N counts sheets fed in this batch). With ``once`` the fault fires one time only, so resuming works.
Large-format files (maps, drawings) imported from another scanner use the same path.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

from app.domain.errors import InvalidInput, OperationFailed
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
from app.scan.imageio import count_pages, load_page

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


def parse_device(device: str) -> tuple[Path, dict[str, int]]:
    body = device.removeprefix("folder:")
    path_text, _, query = body.partition("?")
    faults = {k: int(v[0]) for k, v in parse_qs(query).items() if v and v[0].isdigit()}
    folder = Path(path_text).expanduser()
    if not folder.is_dir():
        raise InvalidInput(f"Image folder {folder} does not exist", f"Không có thư mục ảnh {folder}")
    cfg = folder / "scanner.json"
    if cfg.is_file():
        faults = {**json.loads(cfg.read_text(encoding="utf-8")), **faults}
    return folder, faults


def folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith("."))


class FolderScanner:
    def devices(self) -> list[DeviceInfo]:
        return []

    def capabilities(self, device: str) -> Capabilities:
        return Capabilities(sources=(Source.ADF,), duplex=True, resolutions=(),
                            modes=(ColourMode.COLOR, ColourMode.GRAY))

    def probe(self, device: str) -> DeviceProbe:
        folder, _faults = parse_device(device)
        images = len(folder_files(folder))
        if not images:
            raise OperationFailed(f"Folder {folder} holds no images", f"Thư mục {folder} không có ảnh nào")
        return DeviceProbe(device, "folder", images=images)

    def scan(self, device: str, settings: ScanSettings,
             cancel: threading.Event | None = None) -> Iterator[ScannedPage]:
        folder, faults = parse_device(device)
        pages: list[tuple[Path, int]] = []
        for f in folder_files(folder):
            pages += [(f, i) for i in range(count_pages(f))] if f.suffix.lower() in (".tif",
                                                                                     ".tiff") else [(f, 0)]
        per_sheet = 2 if settings.duplex else 1
        first = (settings.start_sheet - 1) * per_sheet
        if first >= len(pages):
            raise FeederEmpty(settings.start_sheet)
        fired = folder / ".faults-fired"
        fired_set = set(fired.read_text().split()) if fired.is_file() else set()
        fed = 0
        for idx in range(first, len(pages)):
            if cancel is not None and cancel.is_set():
                return
            sheet = idx // per_sheet + 1
            side = "back" if settings.duplex and idx % 2 else "front"
            if side == "front":
                fed += 1
                for key, exc in (("jam_after", PaperJam), ("cover_open_after", CoverOpen),
                                 ("io_error_after", ScannerIOError), ("disconnect_after", ScannerGone)):
                    n = faults.get(key)
                    if n is not None and fed == n + 1 and key not in fired_set:
                        if faults.get("once"):
                            fired_set.add(key)
                            fired.write_text(" ".join(sorted(fired_set)))
                        raise exc(sheet)
            path, frame = pages[idx]
            loaded = load_page(path, frame)  # one frame decoded at a time
            yield ScannedPage(image=loaded.array, dpi=loaded.dpi or settings.dpi, sheet=sheet, side=side,
                              meta={"file": path.name})
