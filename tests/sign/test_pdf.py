import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from app.domain.errors import InvalidInput
from app.sign.pdf import PdfOptions, Profile, build_pdf, read_metadata
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import page_image


def _images_back(pdf_path: Path) -> list[np.ndarray]:
    with pikepdf.open(pdf_path) as pdf:
        out = []
        for page in pdf.pages:
            for raw in page.get_images().values():
                out.append(np.asarray(pikepdf.PdfImage(raw).as_pil_image()))
        return out


def test_lossless_pdf_keeps_every_pixel_and_the_physical_size(tmp_path: Path) -> None:
    colour = page_image(tmp_path / "c.png", dpi=300, seed=1)
    gray_arr = (np.random.default_rng(2).random((700, 500)) * 255).astype(np.uint8)
    Image.fromarray(gray_arr, "L").save(tmp_path / "g.png", dpi=(200, 200))
    out = tmp_path / "o.pdf"
    built = build_pdf([colour, tmp_path / "g.png"], out)
    assert built.pages == 2
    back = _images_back(out)
    assert np.array_equal(back[0], np.asarray(Image.open(colour)))
    assert np.array_equal(back[1], gray_arr)
    with pikepdf.open(out) as pdf:
        w_pt, h_pt = float(pdf.pages[0].mediabox[2]), float(pdf.pages[0].mediabox[3])
        assert pdf.pdf_version >= "1.4"
    assert w_pt / 72 * 25.4 == pytest.approx(210, abs=0.2) and h_pt / 72 * 25.4 == pytest.approx(297, abs=0.2)
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0


def test_compact_profile_is_smaller_and_still_at_scale(tmp_path: Path) -> None:
    img = page_image(tmp_path / "c.png", dpi=300, seed=3)
    lossless = build_pdf([img], tmp_path / "l.pdf")
    compact = build_pdf([img], tmp_path / "c.pdf", PdfOptions(profile=Profile.COMPACT, jpeg_quality=75))
    assert compact.size < lossless.size / 2
    assert compact.page_sizes_mm == lossless.page_sizes_mm


def test_nd30_metadata_round_trips_with_vietnamese(tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    meta = {"FileCode": "000.87.34.H08-240109-0015", "DocOrdinal": "2", "TypeName": "Giấy xác nhận tình "
                                                                                    "trạng hôn nhân",
            "OrganName": "UBND xã Phước Hưng", "Subject": "Đăng ký kết hôn"}
    build_pdf([page_image(tmp_path / "p.png")], out, PdfOptions(title="Giấy xác nhận", metadata=meta))
    assert read_metadata(out) == meta
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo["/TypeName"]) == "Giấy xác nhận tình trạng hôn nhân"


def test_image_without_dpi_is_refused_with_the_file_name(tmp_path: Path) -> None:
    Image.new("RGB", (100, 100), "white").save(tmp_path / "nodpi.png")
    with pytest.raises(InvalidInput) as info:
        build_pdf([tmp_path / "nodpi.png"], tmp_path / "x.pdf")
    assert "nodpi.png" in info.value.message_en and "dpi" in info.value.message_vi
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_build_cli(cli: CliRunner, tmp_path: Path) -> None:
    img = page_image(tmp_path / "p.png")
    res = cli("pdf", "build", img, "-o", tmp_path / "out.pdf", "--meta", "TypeName=Tờ khai", "--json")
    assert res.returncode == 0, res.stderr
    assert cli_json(res)["pages"] == 1
    assert read_metadata(tmp_path / "out.pdf")["TypeName"] == "Tờ khai"
    (tmp_path / "broken.png").write_bytes(b"\x89PNG garbage")
    bad = cli("pdf", "build", tmp_path / "broken.png", "-o", tmp_path / "b.pdf")
    assert bad.returncode == 2 and "broken.png" in bad.stderr and "Traceback" not in bad.stderr


def test_ocr_text_layer_is_searchable_and_images_unchanged(tmp_path: Path) -> None:
    from app.testing.pages import PageSpec, save

    img = tmp_path / "form.png"
    save(PageSpec(seed=2, dpi=200), img)
    out = tmp_path / "ocr.pdf"
    build_pdf([img], out, PdfOptions(ocr=True))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "KHAI SINH" in text.upper() and "Độc lập" in text
    assert np.array_equal(_images_back(out)[0], np.asarray(Image.open(img)))
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0


def test_pdfa_output_is_declared_and_keeps_the_metadata(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    build_pdf([page_image(tmp_path / "p.png")], out, PdfOptions(pdfa=True, title="Tờ khai",
                                                                  metadata={"TypeName": "Tờ khai đăng ký "
                                                                                        "khai sinh"}))
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert str(pdf.docinfo["/TypeName"]) == "Tờ khai đăng ký khai sinh"
        assert "/OutputIntents" in pdf.Root
