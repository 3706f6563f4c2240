"""Page arrival to thumbnail with QC badge on screen (goal <= 300 ms).

A realistic page (A4, 300 dpi, colour, lossless PNG, about 2480x3508 px) "arrives" as a stored
file; a worker draws the badge thumbnail and the GUI thread puts it into the Scan screen's
thumbnail list. Measured per page from arrival to the item being in the list. If the scan area's
page generator is present its pages are used. Run: ``python -m bench.ui_thumbnail [pages]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QListWidget

from app.services.scan_view import PageInfo
from app.ui.thumbs import badge_thumbnail
from app.ui.worker import TaskContext, TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GOAL_MS = 300.0


def make_page(path: Path, n: int) -> Path:

    rng = np.random.default_rng(n)
    base = np.full((3508, 2480, 3), 246, np.uint8)
    base += rng.integers(0, 6, base.shape, dtype=np.uint8)  # paper grain: realistic PNG size
    img = Image.fromarray(base)
    draw = ImageDraw.Draw(img)
    for line in range(60):
        y = 250 + line * 50
        draw.rectangle((200, y, 200 + int(rng.integers(800, 2000)), y + 22), fill=(30, 30, 40))
    draw.ellipse((1700, 2800, 2200, 3300), outline=(200, 20, 20), width=12)
    img.save(path, compress_level=1)
    return path


def main() -> int:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10


    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    lst = QListWidget()
    lst.show()
    with tempfile.TemporaryDirectory() as d:
        files = [make_page(Path(d) / f"p{i}.png", i) for i in range(min(pages, 3))]
        latencies: list[float] = []
        arrived: dict[int, float] = {}

        def work(ctx: TaskContext) -> None:
            for i in range(pages):
                arrived[i] = time.perf_counter()
                info = PageInfo(f"p{i}", i + 1, files[i % len(files)],
                                severity="error" if i % 4 == 0 else "ok")
                ctx.emit((info, badge_thumbnail(info.image_path, info.position, info.severity)))

        def shown(item: object) -> None:

            info, img = item  # type: ignore[misc]
            lst.addItem(info.page_id)
            lst.item(lst.count() - 1).setIcon(QPixmap.fromImage(img))
            latencies.append((time.perf_counter() - arrived[info.position - 1]) * 1000)

        runner.run("bench", work, on_item=shown, on_done=app.quit)
        app.exec()
    latencies.sort()
    median = latencies[len(latencies) // 2]
    print(f"page arrival to thumbnail with badge: median {median:.0f} ms, worst {latencies[-1]:.0f} ms "
          f"over {pages} pages (A4 300 dpi PNG); goal {GOAL_MS:.0f} ms; ratio {median / GOAL_MS:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
