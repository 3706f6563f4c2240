"""Which key signs a dossier's documents: the document's purpose decides, never the token's list
order. On a real SoftHSM token holding an officer key and an agency key, a dossier with an
ordinary component and an on-request (certified copy) component: the officer's key signs only
the first, the agency's key only the copy and only when confirmed; ``motcua sign --dossier``
without ``--key`` follows the same rule. Verified independently with pdfsig."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from app.domain.records import DigitizationCategory, DocumentRecord, DocumentSource
from app.domain.signing_policy import CertificateFacts, KeyRole, certificate_role, role_for_component
from app.testing.pki import TestPki
from app.testing.softhsm import SoftToken
from tests.conftest import CliRunner
from tests.sign.conftest import PIN, page_image

OWNER = "052090000495"
PROCEDURE = "2.000806"  # marriage registration: an on-request certified passport copy among its components


def test_the_rule_reads_purpose_and_certificate_not_order() -> None:
    assert role_for_component(DigitizationCategory.SPECIALISED_LAW) is KeyRole.OFFICER
    assert role_for_component(DigitizationCategory.EARLIER_RESULT) is KeyRole.OFFICER
    assert role_for_component(DigitizationCategory.ON_REQUEST) is KeyRole.AGENCY
    # Vietnamese CAs' subject UID: a person's ID number or an organisation's tax / budget code
    assert certificate_role(CertificateFacts("key01", "Nguyễn Văn "
                                                      "An", "UBND xã "
                                                            "A", "CCCD:052090000495")) is KeyRole.OFFICER
    assert certificate_role(CertificateFacts("key02", "UBND xã "
                                                      "A", "UBND xã A", "MST:0101234567")) is KeyRole.AGENCY
    assert certificate_role(CertificateFacts("Khoa Co Quan")) is KeyRole.AGENCY
    assert certificate_role(CertificateFacts("Cán bộ một cửa")) is KeyRole.OFFICER
    # an organisation certificate: its common name is its organisation
    assert certificate_role(CertificateFacts("2", "UBND Phường Bến "
                                                  "Nghé", "UBND Phường Bến Nghé")) is KeyRole.AGENCY
    # no evidence: never treated as the agency's
    assert certificate_role(CertificateFacts("1", "Trần B", "Sở Tư pháp")) is KeyRole.OFFICER


def _certs(roles: list[KeyRole]) -> list[object]:
    from app.sign.tokens import CertInfo

    now = dt.datetime.now(dt.UTC)
    return [CertInfo(label=f"k{i}", key_id=f"{i:02x}", subject=f"CN=k{i}", common_name=f"k{i}", issuer="CA",
                     serial=str(i),
                     not_before=now - dt.timedelta(days=1), not_after=now + dt.timedelta(days=300 + i),
                     key_usage=(),
                     role=role) for i, role in enumerate(roles)]


def test_preselection_never_follows_list_order() -> None:
    from app.services.signing import choose_certificate

    for order in ([KeyRole.AGENCY, KeyRole.OFFICER], [KeyRole.OFFICER, KeyRole.AGENCY]):
        certs = _certs(order)
        assert choose_certificate(certs,
                                  KeyRole.OFFICER).role is KeyRole.OFFICER  # type: ignore[arg-type, union-attr]
        assert choose_certificate(certs,
                                  KeyRole.AGENCY).role is KeyRole.AGENCY  # type: ignore[arg-type, union-attr]
    assert choose_certificate(_certs([KeyRole.AGENCY]), KeyRole.OFFICER) is None  # type: ignore[arg-type]


def _dossier_with_copy(ws, tmp_path: Path) -> tuple[str, DocumentRecord,
                                                    DocumentRecord]:  # type: ignore[no-untyped-def]
    from app.services.reception import ReceptionRequest, open_dossier
    from app.sign.pdf import build_pdf

    d = open_dossier(ws, ReceptionRequest(owner=OWNER, procedure=PROCEDURE))
    docs = []
    for seed, comp in enumerate(("to_khai", "ban_sao_ho_chieu")):
        pdf = tmp_path / f"{comp}.pdf"
        build_pdf([page_image(tmp_path / f"{comp}.png", seed=seed)], pdf)
        blob = ws.blobs.put_file(pdf, "pdf")
        with ws.db.transaction() as conn:
            docs.append(ws.documents.add(conn,
                                         DocumentRecord(d.number, comp, 0, DocumentSource.SCAN, blob.sha256)))
    return d.number, docs[0], docs[1]


def _pdfsig(path: Path) -> str:
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return out.stdout + out.stderr


def test_each_key_signs_only_what_its_role_may(workspace, token: SoftToken, pki: TestPki,
                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services import signing

    ws = workspace
    number, form, copy = _dossier_with_copy(ws, tmp_path)
    assert signing.roles_needed(ws, number) == [KeyRole.OFFICER, KeyRole.AGENCY]
    module = str(token.module)

    # the agency's key never signs a digitized component, and needs a confirmation
    with pytest.raises(signing.AgencyKeyNotConfirmed) as refused:
        signing.sign_dossier(ws, number, module=module, pin=PIN, key_label="agency")
    assert "xác nhận" in refused.value.message_vi
    assert ws.documents.get(copy.id).signed_sha256 is None

    done = signing.sign_dossier(ws, number, module=module, pin=PIN, key_label="officer")
    assert [item.document.id for item in done] == [form.id] and done[0].result.ok
    assert ws.documents.get(copy.id).signed_sha256 is None, "the officer's key signed a certified copy"
    assert "Nguyễn Văn An" in _pdfsig(ws.blobs.path(ws.documents.get(form.id).signed_sha256, "pdf"))

    # the officer's key has nothing left to sign: it says which key is needed
    with pytest.raises(signing.WrongKeyForDocuments) as wrong:
        signing.sign_dossier(ws, number, module=module, pin=PIN, key_label="officer")
    assert "cơ quan" in wrong.value.message_vi

    done = signing.sign_dossier(ws, number, module=module, pin=PIN, key_label="agency", confirm_agency=True)
    assert [item.document.id for item in done] == [copy.id] and done[0].result.ok
    report = _pdfsig(ws.blobs.path(ws.documents.get(copy.id).signed_sha256, "pdf"))
    assert "UBND xã Demo" in report and "Nguyễn Văn An" not in report
    audit = [e for e in ws.audit.entries() if e.action == "document.sign"]
    assert [(e.details["role"], e.details["confirmed_agency_key"]) for e in audit] == [("officer", False),
                                                                                       ("agency", True)]


def test_cli_dossier_signing_picks_keys_by_purpose(cli: CliRunner, workspace,
                                                   token: SoftToken,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    ws = workspace
    number, form, copy = _dossier_with_copy(ws, tmp_path)
    ws_dir = ws.root
    env = {**token.env, "MOTCUA_PIN": PIN}
    args = ("sign", "--dossier", number, "--module", str(token.module), "--workspace", ws_dir, "--json")
    first = cli(*args, env=env)
    assert first.returncode == 1, first.stderr
    rows = {r["name"].split(".")[-2]: r for r in json.loads(first.stdout)["results"]}
    assert rows[str(form.ordinal)]["signed"] and rows[str(form.ordinal)]["role"] == "officer"
    assert (not rows[str(copy.ordinal)]["signed"]
            and "--confirm-agency-key" in rows[str(copy.ordinal)]["error"])
    second = cli(*args, "--confirm-agency-key", env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert [(r["role"], r["signed"]) for r in json.loads(second.stdout)["results"]] == [("agency", True)]
