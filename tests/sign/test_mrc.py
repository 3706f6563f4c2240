"""The compact MRC profile: small enough for a portal, colour kept, text as legible as lossless,
the text mask lossless, and a PDF poppler, qpdf and the PDF/A rules accept."""

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pytest
from PIL import Image

from app.domain.errors import InvalidInput
from app.sign import mrc
from app.sign.pdf import PdfOptions, Profile, build_pdf
from app.testing.pages import PageSpec, render
from app.testing.pages2 import Spec2, render2
from app.testing.textcompare import edit_distance, line_error_rate, normalise, tesseract_text
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import page_image

DPI = 200


def _page(generator: str) -> tuple[np.ndarray, list[str]]:
    """A 200-dpi colour page and the text lines printed on it."""
    if generator == "pages":
        img, truth = render(PageSpec(seed=4, dpi=DPI, table=True, seal=True, signature=True,
                                     page_number=(2, 3)))
        return np.asarray(img.convert("RGB")), list(truth.extra["text"])  # type: ignore[call-overload]
    bgr, truth2 = render2(Spec2(seed=11, dpi=DPI, paper="yellowed", layout="form", letterhead="band",
                                seal=True,
                                highlighter=2))
    return np.ascontiguousarray(bgr[..., ::-1]), list(truth2.extra["text"])  # type: ignore[call-overload]


def _shown(pdf: Path, out: Path, box: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """The page (or the box x, y, w, h of it) as poppler draws it."""
    crop = [] if box is None else ["-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]), "-H", str(box[3])]
    subprocess.run(["pdftoppm", "-r", str(DPI), *crop, "-png", "-singlefile", str(pdf),
                    str(out.with_suffix(""))],
                   check=True)
    with Image.open(out) as im:
        return np.asarray(im.convert("RGB"))


def _redness(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2])


def _blueness(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 2] - np.maximum(rgb[..., 0], rgb[..., 1])


def _core(mask: np.ndarray) -> np.ndarray:
    return cv2.erode(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)


@pytest.mark.parametrize("generator", ["pages", "pages2"])
def test_mrc_page_is_portal_sized_keeps_seal_colours_and_reads_like_lossless(generator: str,
                                                                             tmp_path: Path) -> None:
    rgb, printed = _page(generator)
    src = tmp_path / "page.png"
    Image.fromarray(rgb).save(src, dpi=(DPI, DPI), compress_level=1)
    lossless = build_pdf([src], tmp_path / "l.pdf")
    compact = build_pdf([src], tmp_path / "m.pdf", PdfOptions(profile=Profile.MRC))
    assert compact.size <= 120 * 1024 and compact.size < lossless.size / 10
    assert compact.page_sizes_mm == lossless.page_sizes_mm
    assert subprocess.run(["qpdf", "--check", str(tmp_path / "m.pdf")], capture_output=True).returncode == 0
    # Seals stay red and signatures blue (the inside of their strokes, not the blended rim;
    # poppler may draw a 2-px stroke a pixel off, so the nearest 3x3 is looked at). Both sit in
    # the lower half of these pages.
    h, w = rgb.shape[:2]
    shown = _shown(tmp_path / "m.pdf", tmp_path / "m.png", (0, h // 2, w, h - h // 2)).astype(np.int16)
    assert shown.shape == rgb[h // 2:].shape
    orig = rgb[h // 2:].astype(np.int16)
    red = _core(_redness(orig) > 90)
    blue = _blueness(orig) > 70  # signature strokes are 2 px wide
    assert red.sum() > 500 and blue.sum() > 200
    near = np.ones((3, 3), np.uint8)
    assert np.mean(cv2.dilate(_redness(shown).astype(np.float32), near)[red] > 50) > 0.95
    assert np.mean(cv2.dilate(_blueness(shown).astype(np.float32), near)[blue] > 20) > 0.95
    # Tesseract reads the printed text as well as on the lossless page, whose pixels are the
    # scan's: character error rates within 0.5 points (on the top part, to stay quick).
    top = (0, 0, w, h * 3 // 10)
    Image.fromarray(rgb[:top[3]]).save(tmp_path / "l-top.png", compress_level=1)
    _shown(tmp_path / "m.pdf", tmp_path / "m-top.png", top)
    texts = [tesseract_text(tmp_path / f"{name}-top.png", DPI) for name in ("l", "m")]
    read = [normalise(x) for x in texts[0].splitlines() if normalise(x)]
    in_part = "\n".join(t for t in printed if min(edit_distance(t, r) for r in read) < len(t) / 2)
    assert len(in_part) > 200
    cer_lossless, cer_mrc = line_error_rate(in_part, texts[0]), line_error_rate(in_part, texts[1])
    assert cer_mrc <= cer_lossless + 0.005, (cer_lossless, cer_mrc, texts)
    if generator == "pages":
        assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in texts[1] and "Độc lập - Tự do - Hạnh phúc" in texts[1]


def test_text_mask_is_stored_losslessly_as_a_g4_stencil_without_soft_masks(tmp_path: Path) -> None:
    rgb, _ = _page("pages2")
    src = tmp_path / "page.png"
    Image.fromarray(rgb).save(src, dpi=(DPI, DPI), compress_level=1)
    out = tmp_path / "a.pdf"
    build_pdf([src], out, PdfOptions(profile=Profile.MRC, pdfa=True, title="Tờ khai"))
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B" and "/OutputIntents" in pdf.Root
        xobjects = pdf.pages[0].Resources.XObject
        assert all("/SMask" not in xobjects[k] for k in xobjects)
        mask = xobjects["/Fg"].Mask
        assert mask.ImageMask is True and mask.Filter == "/CCITTFaxDecode" and mask.DecodeParms.K == -1
        assert xobjects["/Bg"].Filter == "/DCTDecode" and xobjects["/Bg"].Width < rgb.shape[1] // 2
        raw = mask.read_raw_bytes()
    expected = mrc.ink_mask(rgb, DPI)
    # Decoded on its own (libtiff), the G4 layer is the segmentation pixel for pixel.
    assert np.array_equal(_decode_g4(raw, expected.shape), expected)
    assert 0.01 < expected.mean() < 0.2


def _decode_g4(data: bytes, shape: tuple[int, int]) -> np.ndarray:
    """Wrap raw G4 data in a minimal one-strip TIFF and decode it with Pillow."""
    import struct

    h, w = shape
    entries = [(256, 4, w), (257, 4, h), (258, 3, 1), (259, 3, 4), (262, 3, 1), (273, 4, 8 + 2 + 12 * 8 + 4),
               (278, 4, h), (279, 4, len(data))]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", t, k, 1, v) for t, k, v in entries)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + data
    import io

    with Image.open(io.BytesIO(tiff)) as im:
        return np.asarray(im.convert("L")) > 127  # a fax black run (ink) decodes to 1 under min-is-black


def test_blank_page_and_unreadable_file(tmp_path: Path) -> None:
    paper = np.full((2339, 1654, 3), (236, 228, 204), np.uint8)
    Image.fromarray(paper).save(tmp_path / "blank.png", dpi=(DPI, DPI))
    built = build_pdf([tmp_path / "blank.png"], tmp_path / "b.pdf", PdfOptions(profile=Profile.MRC))
    assert built.size < 12 * 1024
    shown = _shown(tmp_path / "b.pdf", tmp_path / "b.png").astype(np.int16)
    assert np.abs(shown - paper).max() <= 6  # the paper's tone, nothing drawn on it
    (tmp_path / "broken.png").write_bytes(b"\x89PNG garbage")
    with pytest.raises(InvalidInput) as info:
        build_pdf([tmp_path / "broken.png"], tmp_path / "x.pdf", PdfOptions(profile=Profile.MRC))
    assert "broken.png" in info.value.message_en and not (tmp_path / "x.pdf").exists()


def test_pdf_build_cli_mrc_profile(cli: CliRunner, tmp_path: Path) -> None:
    img = page_image(tmp_path / "p.png")
    res = cli("pdf", "build", img, "-o", tmp_path / "m.pdf", "--profile", "mrc", "--json")
    assert res.returncode == 0, res.stderr
    compact = cli("pdf", "build", img, "-o", tmp_path / "c.pdf", "--profile", "compact", "--json")
    assert cli_json(res)["pages"] == 1 and cli_json(res)["bytes"] < cli_json(compact)["bytes"] / 3


def test_ocr_error_rate_counts_misread_characters_not_reading_order() -> None:
    printed = "Độc lập - Tự do - Hạnh phúc\nTỜ KHAI ĐĂNG KÝ KHAI SINH\nSố 052190004321"
    assert line_error_rate(printed, "TỜ KHAI ĐĂNG KÝ KHAI SINH\nSố 052190004321\nĐộc lập - Tự do - Hạnh "
                                    "phúc") == 0
    one_digit = line_error_rate(printed, printed.replace("0521", "0581"))
    assert one_digit == pytest.approx(1 / len(printed.replace("\n", "")), rel=1e-6)
    assert line_error_rate(printed, "Độc lập - Tự do - Hạnh phúc") > 0.5  # lines not read are errors
    assert edit_distance("kitten", "sitting") == 3 and edit_distance("", "abc") == 3
