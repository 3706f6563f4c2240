import re
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

from app.sign.appearance import AppearanceKind, AppearanceOptions, CopyKind
from app.sign.errors import CertificateRejected, WrongPin
from app.sign.signer import SignOptions, sign_with_token
from app.sign.verify import verify_pdf
from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import PIN


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_cli_signs_with_the_token_and_pdfsig_agrees(cli: CliRunner, token: SoftToken, pki: TestPki,
                                                    a4_pdf: Path,
                                                   tmp_path: Path, test_output_dir: Path) -> None:
    out = tmp_path / "signed"
    res = cli("sign", a4_pdf, "-o", out, "--module", token.module, "--token", token.label, "--title",
              "Cán bộ một cửa", "--json", env={**token.env, "MOTCUA_PIN": PIN})
    assert res.returncode == 0, res.stderr
    assert cli_json(res)["results"][0]["signed"] is True
    signed = out / a4_pdf.name
    assert "Signature is Valid" in _pdfsig(signed)
    assert "Nguyễn Văn An" in _pdfsig(signed)
    report = verify_pdf(signed, trust_dir=pki.trust_dir)
    assert report.status == "VALID" and report.signatures[0].signer == "Nguyễn Văn An"
    assert a4_pdf.read_bytes() != signed.read_bytes()  # the original stays unsigned
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(signed),
                    str(test_output_dir / "sign_officer")])
    text = subprocess.run(["pdftotext", str(signed), "-"], capture_output=True, text=True).stdout
    assert "Ký bởi: Nguyễn Văn An" in text and "Chức vụ: Cán bộ một cửa" in text


def test_sao_y_stamp_top_right_of_page_one_in_vietnam_time(token: SoftToken, pki: TestPki, a4_pdf: Path,
                                                          tmp_path: Path, test_output_dir: Path) -> None:
    options = SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.COPY, copy_kind=CopyKind.SAO_Y,
                                                      agency_name="UBND xã Phước Hưng"))
    res = sign_with_token([a4_pdf], tmp_path / "out", module=str(token.module), pin=PIN, key_label="agency",
                          token_label=token.label, options=options)
    assert res[0].ok, res[0].error_en
    signed = tmp_path / "out" / a4_pdf.name
    bbox = subprocess.run(["pdftotext", "-bbox", str(signed), "-"], capture_output=True, text=True).stdout
    words = re.findall(r'<page width="([\d.]+)" height="([\d.]+)"|xMin="([\d.]+)" '
                       r'yMin="([\d.]+)"[^>]*>([^<]+)<', bbox)
    page_w, page_h = float(words[0][0]), float(words[0][1])
    positions = {w[4]: (float(w[2]), float(w[3])) for w in words[1:]}
    assert "SAO Y" in positions and "UBND xã Phước Hưng" in positions
    x, y = positions["SAO Y"]
    assert x > page_w / 2 and y < page_h / 5  # top right (pdftotext y grows downwards)
    stamp_time = next(word for word in positions if word.strip().endswith("+07:00")).strip()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", stamp_time)
    report = verify_pdf(signed, trust_dir=pki.trust_dir)
    assert report.status == "VALID" and report.signatures[0].signer == "UBND xã Demo"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(signed),
                    str(test_output_dir / "sign_sao_y")])


def test_wrong_pin_signs_nothing_and_says_so(cli: CliRunner, token: SoftToken, a4_pdf: Path,
                                             tmp_path: Path) -> None:
    with pytest.raises(WrongPin) as info:
        sign_with_token([a4_pdf], tmp_path / "o", module=str(token.module), pin="000000", key_label="officer",
                        token_label=token.label)
    assert "Sai mã PIN" in info.value.message_vi
    res = cli("sign", a4_pdf, "-o", tmp_path / "o2", "--module", token.module, "--token", token.label,
              env={**token.env, "MOTCUA_PIN": "111111"})
    assert res.returncode == 2 and "PIN" in res.stderr and "111111" not in res.stderr
    assert not (tmp_path / "o2" / a4_pdf.name).exists()


def test_expired_certificate_is_refused(token: SoftToken, pki: TestPki, a4_pdf: Path, tmp_path: Path) -> None:
    res = sign_with_token([a4_pdf], tmp_path / "o", module=str(token.module), pin=PIN, key_label="expired",
                          token_label=token.label)
    assert not res[0].ok and "hết hạn" in res[0].error_vi
    with pytest.raises(CertificateRejected):
        from cryptography import x509

        from app.sign.tokens import check_signing_certificate

        check_signing_certificate(x509.load_pem_x509_certificate(pki.no_signing.cert.read_bytes()))


def test_batch_cancel_leaves_the_rest_unsigned(token: SoftToken, a4_pdf: Path, tmp_path: Path) -> None:
    inputs = []
    for i in range(5):
        p = tmp_path / f"d{i}.pdf"
        p.write_bytes(a4_pdf.read_bytes())
        inputs.append(p)
    cancel = threading.Event()
    seen: list[int] = []

    def progress(i: int, n: int, _p: Path) -> None:
        seen.append(i)
        if i == 2:
            cancel.set()

    res = sign_with_token(inputs, tmp_path / "out", module=str(token.module), pin=PIN, key_label="officer",
                          token_label=token.label, progress=progress, cancel=cancel)
    assert [r.ok for r in res] == [True, True, True, False, False]
    assert "hủy" in res[3].error_vi
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["d0.pdf", "d1.pdf", "d2.pdf"]


def test_tokens_cli_lists_certificates(cli: CliRunner, token: SoftToken) -> None:
    res = cli("tokens", "--module", token.module, "--json", env=token.env)
    assert res.returncode == 0, res.stderr
    toks = [t for t in cli_json(res)["tokens"] if t["label"] == token.label]
    assert toks, res.stdout
    names = {c["common_name"]: c for c in toks[0]["certificates"]}
    assert names["Nguyễn Văn An"]["usable"] is True
    assert names["Trần Thị Hết "
                 "Hạn"]["usable"] is False and "hết hạn" in names["Trần Thị Hết Hạn"]["problem_vi"]
    assert "ca-intermediate" not in {c["label"] for c in toks[0]["certificates"]}


def test_agency_seal_over_signature_with_text_below(pki: TestPki, a4_pdf: Path, tmp_path: Path,
                                                    test_output_dir: Path) -> None:
    from PIL import Image, ImageDraw

    from app.sign.signer import sign_with_key_file

    sig = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(sig).line([(20, 150), (150, 40), (300, 160), (450, 50), (580, 120)],
                             fill=(20, 40, 180, 255), width=8)
    sig.save(tmp_path / "sig.png", dpi=(300, 300))
    seal = Image.new("RGBA", (420, 420), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse([10, 10, 410, 410], outline=(210, 20, 20, 230), width=14)
    seal.save(tmp_path / "seal.png", dpi=(300, 300))
    opts = SignOptions(appearance=AppearanceOptions(kind=AppearanceKind.AGENCY, signer_name="Lê Văn Chủ Tịch",
                                                    signer_title="Chủ tịch UBND "
                                                                 "xã", signature_image=tmp_path / "sig.png",
                                                    seal_image=tmp_path / "seal.png"))
    out = sign_with_key_file(a4_pdf, tmp_path / "agency.pdf", pki.agency, opts)
    assert verify_pdf(out, trust_dir=pki.trust_dir).status == "VALID"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Lê Văn Chủ Tịch" in text and "Chủ tịch UBND xã" in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(out),
                    str(test_output_dir / "sign_agency_seal")])
    # The seal keeps its physical size: 420 px at 300 dpi = 35.6 mm, i.e. about 84 px at 60 dpi.
    page = np.asarray(Image.open(test_output_dir / "sign_agency_seal.png").convert("RGB")).astype(int)
    lower = page[page.shape[0] // 2:]  # the stamp is at the bottom; the test page has a red block at the top
    red = (lower[..., 0] > 160) & (lower[..., 1] < 90) & (lower[..., 2] < 90)
    cols = np.nonzero(red.any(axis=0))[0]
    assert 70 <= cols.max() - cols.min() <= 100


def test_the_counter_defaults_follow_the_settings(workspace) -> None:  # type: ignore[no-untyped-def]
    from app.services.signing import default_options, key_role
    from app.sign.appearance import AppearanceKind
    from app.sign.signer import Level

    assert key_role("agency") == "agency" and key_role("Officer") == "officer"
    plain = default_options(workspace, role="officer", signer_name="Nguyễn Văn An")
    assert plain.level is Level.B_B and plain.appearance.kind is AppearanceKind.OFFICER
    workspace.settings.tsa_url, workspace.settings.trust_dir = "http://127.0.0.1:9/tsa", "/etc/motcua/trust"
    copy = default_options(workspace, role="agency", signer_name="UBND xã Demo")
    assert copy.level is Level.B_LT and copy.appearance.kind is AppearanceKind.COPY
    assert copy.appearance.agency_name == workspace.settings.agency_name


def test_a_signature_larger_than_the_reserved_room_is_still_made(pki, a4_pdf,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A token with a long certificate chain: the CMS does not fit the room reserved up front,
    and the document is signed again with room measured for it."""
    from pyhanko.sign import signers

    from app.sign import signer as signer_mod
    from app.sign.verify import verify_pdf

    monkeypatch.setattr(signer_mod, "_RESERVED", {False: 512, True: 512})
    key = signers.SimpleSigner.load(str(pki.officer.key), str(pki.officer.cert),
                                    ca_chain_files=[str(p) for p in pki.officer.chain])
    signed, _ = signer_mod.sign_bytes(a4_pdf.read_bytes(), key, signer_mod.SignOptions())
    assert verify_pdf(signed, trust_dir=pki.trust_dir).status == "VALID"
