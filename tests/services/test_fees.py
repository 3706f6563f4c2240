"""Category-driven fees: on-request digitization is paid per page (computed when the component is
built, recorded on it, shown on the receipt, sent in DanhSachLePhi); the mandatory categories are
free; conditional components ("nếu có") are optional."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.catalogue import parse_catalogue
from app.domain.fees import FeeLine, digitization_fee, fee_lines, total
from app.domain.records import ComponentRecord, ComponentState, DigitizationCategory
from app.store.workspace import Workspace
from tests.conftest import sign_built
from tests.sign.conftest import page_image


def test_fee_rules() -> None:
    assert digitization_fee(DigitizationCategory.ON_REQUEST, 3, 2000) == 6000
    for cat in DigitizationCategory:
        if cat.mandatory:
            assert digitization_fee(cat, 3, 2000) == 0
    with pytest.raises(ValueError):
        digitization_fee(DigitizationCategory.ON_REQUEST, -1, 2000)
    comps = [ComponentRecord("a", "Tờ khai", "DON", False, DigitizationCategory.REQUIRED_BY_AUTHORITY),
             ComponentRecord("b", "Bản sao hộ chiếu", "HC", True, DigitizationCategory.ON_REQUEST, fee=4000),
             ComponentRecord("c", "Giấy ủy "
                                  "quyền", "G15", True, DigitizationCategory.ON_REQUEST, required=False)]
    lines = fee_lines("Đăng ký kết hôn", 30000, comps, {"b": 2})
    assert lines == [FeeLine("Lệ phí Đăng ký kết hôn", 30000),
                     FeeLine("Phí số hóa theo yêu cầu: Bản sao hộ chiếu (2 trang)", 4000, "b", 2)]
    assert total(lines) == 34000 and fee_lines("X", 0, comps[:1]) == []


def test_conditional_components_are_optional_whatever_the_file_says() -> None:
    from app.services.catalogue import load_catalogue

    data = json.loads(json.dumps(load_catalogue().model_dump(mode="json")))
    proc = data["procedures"][0]
    proc["components"].append({"id": "giay_to_khac", "name": "Giấy tờ chứng minh nơi cư trú (nếu "
                                                             "có)", "doc_type": "G01",
                               "reusable": True, "category": "on_request", "required": True})
    parsed = parse_catalogue(data)
    comp = next(c for c in parsed.get(proc["code"]).components if c.id == "giay_to_khac")
    assert comp.required is False


def test_on_request_copy_fee_is_recorded_shown_and_sent(workspace: Workspace, tmp_path: Path,
                                                        token: Any) -> None:
    from app.services.catalogue import load_catalogue
    from app.services.receipt import receipt_for
    from app.services.reception import ReceptionRequest, open_dossier
    from app.services.signing import build_component_pdf, document_role
    from app.services.submit import enqueue

    per_page = load_catalogue().digitization_fee_per_page
    proc = load_catalogue().get("2.000806")
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="2.000806"))
    pages = [page_image(tmp_path / f"p{i}.png", dpi=100, seed=i) for i in range(2)]
    doc, _ = build_component_pdf(workspace, d.number, "ban_sao_ho_chieu", pages=pages)
    build_component_pdf(workspace, d.number, "to_khai", pages=pages[:1])
    for comp in workspace.dossiers.get(d.number).components:
        if comp.state is ComponentState.PENDING:
            workspace.dossiers.set_component_state(d.number, comp.component_id, ComponentState.NOT_PROVIDED,
                                                   actor="officer")
    dossier = workspace.dossiers.get(d.number)
    fees = {c.component_id: c.fee for c in dossier.components}
    assert fees["ban_sao_ho_chieu"] == 2 * per_page and fees["to_khai"] == 0
    assert document_role(dossier,
                         doc).value == "agency"  # the on-request copy is certified with the agency's key
    assert receipt_for(workspace, d.number).fee == proc.fee + 2 * per_page
    sign_built(workspace, d.number, token)  # sent only signed (the copy with the agency's key)
    enqueue(workspace, d.number)
    with workspace.db.read() as conn:
        payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE dossier_no = "
                                          "?", (d.number,)).fetchone()[0])
    sent = payload["DanhSachLePhi"]
    assert {"TenPhiLePhi": "Phí số hóa theo yêu cầu: Bản sao hộ chiếu / giấy tờ thay hộ chiếu (2 trang)",
            "MucPhi": 2 * per_page} in sent
    assert sum(x["MucPhi"] for x in sent) == proc.fee + 2 * per_page
    with workspace.db.read() as conn:
        audited = [json.loads(r[0]) for r in conn.execute(
            "SELECT details FROM audit_log WHERE dossier = ? AND action = 'component.state'", (d.number,))]
    assert any(a.get("fee") == 2 * per_page and a.get("pages") == 2 for a in audited), audited
