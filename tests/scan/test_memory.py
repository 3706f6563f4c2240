"""Small crafted files must not take unbounded memory: each runs through the real command in its
own process under ``/usr/bin/time -v`` and its peak RSS stays under a stated ceiling; files beyond
the pixel budget are refused with a clear "file too large" in both languages."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.scan.imageio import MAX_PIXELS
from tests.conftest import REPO_ROOT, cli_env

CEILING_MB = 600
TIME = shutil.which("time") or "/usr/bin/time"

pytestmark = pytest.mark.skipif(not Path(TIME).is_file(), reason="GNU time is not installed "
                                                                 "(scripts/apt-packages.txt)")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I",
                                                                    zlib.crc32(kind + data) & 0xFFFFFFFF)


def crafted_png(path: Path, width: int, height: int, *, colour_type: int, dpi: int = 300) -> Path:
    """A PNG of one solid colour, written row by row: a few hundred KB for hundreds of megapixels."""
    channels = {0: 1, 2: 3, 3: 1}[colour_type]
    comp = zlib.compressobj(9)
    row = b"\x00" + b"\x07" * (width * channels)
    idat = bytearray()
    for _ in range(height):
        idat += comp.compress(row)
    idat += comp.flush()
    ppm = round(dpi / 0.0254)
    parts = [b"\x89PNG\r\n\x1a\n",
             _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)),
             _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))]
    if colour_type == 3:
        parts.append(_chunk(b"PLTE", bytes(range(256)) * 3))
    parts += [_chunk(b"IDAT", bytes(idat)), _chunk(b"IEND", b"")]
    path.write_bytes(b"".join(parts))
    return path


def crafted_tiff(path: Path, frames: int, side: int) -> Path:
    """A multi-page TIFF of large, solid, deflate-compressed pages."""
    page = Image.new("RGB", (side, side), (250, 250, 250))
    page.save(path, "TIFF", compression="tiff_adobe_deflate", save_all=True,
              append_images=[page] * (frames - 1),
              dpi=(300, 300))
    return path


def _peak(args: list[str]) -> tuple[int, subprocess.CompletedProcess[str]]:
    proc = subprocess.run([TIME, "-v", sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=cli_env(), cwd=REPO_ROOT, timeout=300)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    assert m, proc.stderr[-2000:]
    return int(m.group(1)) // 1024, proc


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("crafted")
    return {
        # 12 pages of 5000 x 5000: 300 M pixels in all, ~1 GB decoded at once (the old reader held them all)
        "tiff": crafted_tiff(d / "many.tif", 12, 5000),
        # 20000 x 20000 palette PNG: 400 M pixels, 1.2 GB once converted to colour
        "palette_huge": crafted_png(d / "huge.png", 20000, 20000, colour_type=3),
        # just above the budget, under PIL's own 2x guard: only our check stands in the way
        "palette_over": crafted_png(d / "over.png", 9000, MAX_PIXELS // 9000 + 10, colour_type=3),
        # at the budget: accepted, and still under the ceiling
        "palette_at": crafted_png(d / "at.png", 8000, MAX_PIXELS // 8000, colour_type=3),
        "rgb_at": crafted_png(d / "rgb.png", 8000, MAX_PIXELS // 8000, colour_type=2),
    }


@pytest.mark.parametrize("name", ["tiff", "palette_huge", "palette_over"])
def test_crafted_files_are_refused_as_too_large_within_the_ceiling(files: dict[str, Path], name: str) -> None:
    assert files[name].stat().st_size < 2_000_000  # small on disk
    peak, proc = _peak(["qc", str(files[name]), "--no-ocr", "--json"])
    assert proc.returncode == 2, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["verdict"] == "fail" and not data["pages"]
    err = data["unreadable"][0]
    assert "file too large" in err["message"] and "tệp quá lớn" in err["message_vi"], err
    assert "MemoryError" not in proc.stderr
    print(f"{name}: peak RSS {peak} MB")
    assert peak < CEILING_MB, f"{name}: peak RSS {peak} MB"


@pytest.mark.parametrize("name", ["palette_at", "rgb_at"])
def test_a_file_at_the_budget_is_read_within_the_ceiling(files: dict[str, Path], name: str) -> None:
    peak, proc = _peak(["qc", str(files[name]), "--no-ocr", "--json"])
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert len(json.loads(proc.stdout)["pages"]) == 1
    print(f"{name}: peak RSS {peak} MB")
    assert peak < CEILING_MB, f"{name}: peak RSS {peak} MB"


def test_folder_scanner_decodes_one_frame_at_a_time(files: dict[str, Path], tmp_path: Path) -> None:
    """The multi-page TIFF in the image-folder scanner: refused with the file named, bounded."""
    folder = tmp_path / "feeder"
    folder.mkdir()
    shutil.copy(files["tiff"], folder / "many.tif")
    peak, proc = _peak(["scan", "--device", f"folder:{folder}", "--no-ocr", "--workspace",
                        str(tmp_path / "ws")])
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "many.tif" in proc.stderr and "tệp quá lớn" in proc.stderr
    print(f"folder tiff: peak RSS {peak} MB")
    assert peak < CEILING_MB, f"peak RSS {peak} MB"


def _deeply_nested_pdf(path: Path, depth: int = 200_000) -> Path:
    """A 400 KB PDF whose one object is an array nested 200 000 levels deep."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R /X 3 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"[" * depth + b"]" * depth]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_deeply_nested_pdf_is_verified_within_the_ceiling(tmp_path: Path) -> None:
    """PDFs come in from outside through ``motcua verify``: a nesting bomb is answered, bounded."""
    pdf = _deeply_nested_pdf(tmp_path / "deep.pdf")
    peak, proc = _peak(["verify", str(pdf), "--json"])
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["status"] == "INDETERMINATE" and not report["signatures"]
    assert "Traceback" not in proc.stderr
    print(f"nested pdf: peak RSS {peak} MB")
    assert peak < CEILING_MB, f"peak RSS {peak} MB"
