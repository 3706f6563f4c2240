"""Signing a dossier: the built PDF is re-hashed against its record before the token is used, the
results name the stored files (not the tmp/ copies, which are gone), and the signed file carries
the audit head written at build time."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from app.services.signing import build_component_pdf, sign_dossier
from app.store.workspace import Workspace
from app.testing.softhsm import SoftToken
from tests.sign.conftest import PIN, page_image


def test_sign_results_point_at_stored_files(workspace: Workspace, token: SoftToken, tmp_path: Path) -> None:
    from app.services.reception import ReceptionRequest, open_dossier

    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    doc, built = build_component_pdf(workspace, d.number, "to_khai",
                                     pages=[page_image(tmp_path / "p.png", seed=3)])
    results = sign_dossier(workspace, d.number, module=str(token.module), pin=PIN, key_label="officer",
                           token_label=token.label)
    assert len(results) == 1 and results[0].result.ok, results[0].result.error_en
    res = results[0].result
    assert res.output is not None and res.output.is_file() and res.source.is_file()
    assert workspace.tmp_dir not in res.output.parents and workspace.tmp_dir not in res.source.parents
    signed = workspace.documents.for_dossier(d.number)[0].signed_sha256
    assert res.output == workspace.blobs.path(signed or "", "pdf") and res.source == built
    with pikepdf.open(built) as b, pikepdf.open(res.output) as s:
        assert str(s.docinfo["/AuditHead"]) == str(b.docinfo["/AuditHead"])
    assert workspace.audit.verify().ok
