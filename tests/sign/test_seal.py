"""`motcua sign --seal IMAGE`: the agency's seal appearance from the command line, on a certified
copy (beside the SAO Y stamp) and as the agency's signature; the counter's default options put the
seal configured in Settings on the agency's certified copies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from app.sign.verify import verify_pdf
from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import PIN


def _seal(path: Path) -> Path:
    seal = Image.new("RGBA", (420, 420), (0, 0, 0, 0))  # 35.6 mm at 300 dpi
    ImageDraw.Draw(seal).ellipse([10, 10, 410, 410], outline=(210, 20, 20, 255), width=18)
    seal.save(path, dpi=(300, 300))
    return path


def _red_box(png: Path) -> tuple[int, int, int, int] | None:
    """Bounding box (x0, y0, x1, y1) of the seal-red pixels of a rendered page."""
    page = np.asarray(Image.open(png).convert("RGB")).astype(int)
    red = (page[..., 0] > 170) & (page[..., 1] < 90) & (page[..., 2] < 90)
    ys, xs = np.nonzero(red)
    return (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())) if len(xs) else None


def test_sign_seal_on_a_certified_copy_and_as_agency_signature(cli: CliRunner, token: SoftToken, pki: TestPki,
                                                                tmp_path: Path,
                                                                test_output_dir: Path) -> None:
    from app.sign.pdf import build_pdf

    blank = tmp_path / "blank.png"
    Image.new("RGB", (1654, 2339), "white").save(blank, dpi=(200, 200))  # A4, no red of its own
    src = tmp_path / "doc.pdf"
    build_pdf([blank], src)
    seal = _seal(tmp_path / "seal.png")
    env = {**token.env, "MOTCUA_PIN": PIN}
    base = ("--module", token.module, "--token", token.label, "--json")
    res = cli("sign", src, "-o", tmp_path / "copy", "--copy-stamp", "sao-y", "--agency", "UBND xã Demo",
              "--seal", seal, *base, env=env)
    assert res.returncode == 0, res.stderr
    copy = tmp_path / "copy" / "doc.pdf"
    report = verify_pdf(copy, trust_dir=pki.trust_dir)
    assert report.status == "VALID" and report.signatures[0].certified, report.as_dict()
    assert report.signatures[0].signer == "UBND xã Demo"  # the agency key, not the officer's
    text = subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True).stdout
    assert "SAO Y" in text and "UBND xã Demo" in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(copy),
                    str(test_output_dir / "sign_copy_seal")],
                   check=True)
    box = _red_box(test_output_dir / "sign_copy_seal.png")
    assert box is not None
    x0, y0, x1, y1 = box
    # Actual size: 35.6 mm = about 84 px at 60 dpi; top right of page 1 (A4 = 496 x 702 px).
    assert 78 <= x1 - x0 <= 90 and 78 <= y1 - y0 <= 90, box
    assert x0 > 496 * 0.4 and y1 < 702 / 4, box  # left of the text, in the top-right corner

    res = cli("sign", src, "-o", tmp_path / "agency", "--seal", seal, "--title", "Chủ tịch UBND "
                                                                                 "xã", *base, env=env)
    assert res.returncode == 0, res.stderr
    agency = tmp_path / "agency" / "doc.pdf"
    assert verify_pdf(agency, trust_dir=pki.trust_dir).status == "VALID"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(agency),
                    str(test_output_dir / "sign_agency_seal_cli")],
                   check=True)
    box = _red_box(test_output_dir / "sign_agency_seal_cli.png")
    assert box is not None and 78 <= box[2] - box[0] <= 90 \
        and box[1] > 702 / 2, box  # bottom of the last page
    assert "Chủ tịch UBND xã" in subprocess.run(["pdftotext", str(agency), "-"], capture_output=True,
                                                text=True).stdout

    missing = cli("sign", src, "-o", tmp_path / "x", "--seal", tmp_path / "nope.png", *base, env=env)
    assert missing.returncode == 2 and "nope.png" in missing.stderr and not (tmp_path / "x").exists()
    assert cli_json(res)["results"][0]["signed"] is True


def test_counter_default_options_put_the_configured_seal_on_certified_copies(workspace,
                                                                             tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.signing import SEAL_SETTING, default_options
    from app.sign.appearance import AppearanceKind

    assert default_options(workspace, role="agency", signer_name="x").appearance.seal_image is None
    workspace.settings.extra[SEAL_SETTING] = str(_seal(tmp_path / "seal.png"))
    opts = default_options(workspace, role="agency", signer_name="x")
    assert opts.appearance.kind is AppearanceKind.COPY and opts.appearance.seal_image == tmp_path / "seal.png"
    assert default_options(workspace, role="officer", signer_name="x").appearance.seal_image is None
    workspace.settings.extra[SEAL_SETTING] = str(tmp_path / "gone.png")  # removed since: stamped without it
    assert default_options(workspace, role="agency", signer_name="x").appearance.seal_image is None
