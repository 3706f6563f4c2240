"""Originals that are files: images through the QC rules, an unsigned PDF keeping its page images
losslessly, a signed PDF verified and kept (a broken one refused), size bounds, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from app.domain.errors import InvalidInput
from app.domain.records import ComponentState, DocumentSource
from app.scan.imageio import iter_pages
from app.services import digitize, originals, reuse
from app.services.reception import ReceptionRequest, open_dossier
from app.sign.pdf import PdfOptions, build_pdf
from app.store.workspace import Workspace
from app.sync.client import ClientConfig, SyncClient
from tests.sign.conftest import page_image

OWNER = "052090000495"


@pytest.fixture
def counter(workspace: Workspace, station_server: Any) -> tuple[Workspace, SyncClient]:
    workspace.settings.trust_dir = str(station_server.trust_dir)
    workspace.save_settings()
    return workspace, SyncClient(ClientConfig(base_url=station_server.url, timeout_s=10), username="demo",
                                 password="demo")


def test_images_and_an_unsigned_pdf_become_pages_the_pdf_losslessly(counter: Any, tmp_path: Path) -> None:
    ws, _client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004227"))
    photo = page_image(tmp_path / "drawing.png", dpi=100, size_mm=(297, 420), seed=3)  # A3 drawing
    scanned = page_image(tmp_path / "scan.png", dpi=150, size_mm=(148, 210), seed=5)
    pdf = tmp_path / "usb.pdf"
    build_pdf([scanned], pdf, PdfOptions(title="from a USB stick"))
    res = originals.import_originals(ws, d.number, "ban_ve", [photo, pdf])
    assert [(f.kind, f.pages, f.lossless_pages) for f in res.files] == [("image", 1, 0), ("pdf", 1, 1)]
    pages = digitize.session_pages(ws, res.session_id)  # type: ignore[arg-type]
    assert len(pages) == 2 and pages[1].dpi == 150
    stored = next(iter_pages(ws.blobs.path(pages[1].sha256, "png"))).array
    original = np.asarray(Image.open(scanned).convert("RGB"))[:, :, ::-1]
    assert stored.shape == original.shape and np.array_equal(stored, original)  # the page's own pixels
    assert digitize.session_qc(ws, res.session_id).pages  # type: ignore[arg-type]
    assert ws.dossiers.get(d.number).component("ban_ve").state is ComponentState.SCANNED


def test_a_signed_pdf_is_verified_and_kept_a_broken_one_refused(counter: Any, tmp_path: Path) -> None:
    ws, client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004227"))
    signed = tmp_path / "signed.pdf"  # a real signed result the citizen brings on a USB stick
    signed.write_bytes(client.fetch_document("052090000495.KQ.G15.000021.02022024", dossier=d.number))
    broken = tmp_path / "broken.pdf"
    data = signed.read_bytes()
    pos = data.find(b"/Producer")
    broken.write_bytes(data[:pos + 3] + bytes([data[pos + 3] ^ 1]) + data[pos + 4:])
    with pytest.raises(InvalidInput) as refused:
        originals.import_originals(ws, d.number, "ban_ve", [broken])
    assert "chữ ký không hợp lệ" in refused.value.message_vi
    res = originals.import_originals(ws, d.number, "ban_ve", [signed])
    (f,) = res.files
    assert f.kind == "signed_pdf" and f.signature_status == "VALID" and res.session_id is None
    (doc,) = [x for x in ws.documents.for_dossier(d.number) if x.component_id == "ban_ve"]
    assert doc.source is DocumentSource.FILE and doc.signed_sha256 == doc.pdf_sha256
    assert ws.blobs.path(doc.pdf_sha256, "pdf").read_bytes() == signed.read_bytes()  # not rasterised
    assert ws.dossiers.get(d.number).component("ban_ve").state is ComponentState.SIGNED


def test_bounds_and_warehouse_first(counter: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, _client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004227"))
    img = page_image(tmp_path / "p.png", dpi=100, size_mm=(148, 210), seed=1)
    with pytest.raises(InvalidInput) as unchecked:  # the land-use certificate may be in the warehouse
        originals.import_originals(ws, d.number, "giay_to_qsdd", [img])
    assert "chưa được kiểm tra" in unchecked.value.message_vi
    monkeypatch.setattr(originals, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InvalidInput) as big:
        originals.import_originals(ws, d.number, "ban_ve", [img])
    assert "quá lớn" in big.value.message_vi
    assert digitize.latest_session(ws, d.number, "ban_ve") is None  # nothing stored
    monkeypatch.setattr(originals, "MAX_FILE_BYTES", 256 * 1024**2)
    huge = tmp_path / "huge.png"  # 100 megapixels in a small file: refused from the header, never decoded
    Image.new("L", (10_000, 10_000)).save(huge, dpi=(300, 300))
    with pytest.raises(InvalidInput):
        originals.import_originals(ws, d.number, "ban_ve", [huge])
    nodpi = tmp_path / "nodpi.png"
    Image.new("RGB", (800, 1100), (250, 250, 250)).save(nodpi)
    with pytest.raises(InvalidInput):
        originals.import_originals(ws, d.number, "ban_ve", [nodpi])
    assert originals.import_originals(ws, d.number, "ban_ve", [nodpi], default_dpi=150).files[0].pages == 1
    reuse.record_no_copy(ws, d.number, "giay_to_qsdd")
    assert originals.import_originals(ws, d.number, "giay_to_qsdd", [img]).files[0].pages == 1


def test_cli_import(cli: Any, counter: Any, tmp_path: Path) -> None:
    ws, _client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004227"))
    img = page_image(tmp_path / "p.png", dpi=100, size_mm=(148, 210), seed=2)
    root = ws.root
    ws.close()
    res = cli("import", "--dossier", d.number, "--component", "ban_ve", str(img), "--json", "--workspace",
              root)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["files"][0]["kind"] == "image" and out["files"][0]["pages"] == 1 and out["session_id"]
    assert isinstance(out["qc"], list)
    missing = cli("import", "--dossier", d.number, "--component", "ban_ve", str(tmp_path / "none.pdf"),
                  "--workspace", root)
    assert missing.returncode == 2 and "không có tệp" in missing.stderr


def test_special_originals_glossy_fragile_audio_visual(counter: Any, tmp_path: Path) -> None:
    from app.services.receipt import receipt_for

    ws, _client = counter
    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure="1.004227"))
    with pytest.raises(InvalidInput):  # a fragile original is declined only with the reason
        originals.record_special(ws, d.number, "ban_ve", originals.SpecialKind.FRAGILE, "")
    originals.record_special(ws, d.number, "ban_ve", originals.SpecialKind.FRAGILE, "Bản vẽ giấy can đã "
                                                                                    "mục, rách")
    originals.record_special(ws, d.number, "don", originals.SpecialKind.AUDIO_VISUAL, "Băng ghi hình cuộc "
                                                                                      "họp")
    notes = {line.name: line.note for line in receipt_for(ws, d.number).lines}
    comps = {c.component_id: c.name for c in ws.dossiers.get(d.number).components}
    assert "dễ hư hỏng: Bản vẽ giấy can đã mục" in notes[comps["ban_ve"]]
    assert "nghe nhìn, không số hóa" in notes[comps["don"]]
    assert ws.dossiers.get(d.number).component("ban_ve").state is ComponentState.NOT_PROVIDED

    # a glossy photo with a glare spot: the enhanced page replaces it, the capture is kept
    photo = np.full((600, 450, 3), (90, 120, 150), np.uint8)
    photo[200:260, 150:230] = 255  # the flash's reflection
    path = tmp_path / "photo.png"
    Image.fromarray(photo[:, :, ::-1]).save(path, dpi=(150, 150))
    reuse.record_no_copy(ws, d.number, "giay_to_qsdd")
    originals.record_special(ws, d.number, "giay_to_qsdd", originals.SpecialKind.GLOSSY)
    res = originals.import_originals(ws, d.number, "giay_to_qsdd", [path])
    (page,) = digitize.session_pages(ws, res.session_id)  # type: ignore[arg-type]
    new_id = originals.enhance_glossy(ws, res.session_id, page.id)  # type: ignore[arg-type]
    (after,) = digitize.session_pages(ws, res.session_id)  # type: ignore[arg-type]
    assert after.id == new_id != page.id
    enhanced = next(iter_pages(ws.blobs.path(after.sha256, "png"))).array
    assert enhanced[230, 190].mean() < 200  # the glare is gone
    assert ws.blobs.path(page.sha256, "png").exists()  # the capture is kept
