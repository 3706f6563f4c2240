"""A dossier goes out only signed: built-but-unsigned components block the send with their names;
"not provided" needs a reason and is audited with who and why, from the service and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import InvalidInput
from app.domain.flow import Step, next_to_digitize, progress
from app.domain.records import ComponentState
from app.services.reception import ReceptionRequest, mark_not_provided, open_dossier
from app.services.signing import build_component_pdf
from app.services.submit import enqueue
from app.store.workspace import Workspace
from tests.conftest import CliRunner, cli_json, sign_built
from tests.sign.conftest import page_image


def _birth(ws: Workspace, tmp_path: Path, built: tuple[str, ...]) -> str:
    number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
    for k, comp in enumerate(built):
        build_component_pdf(ws, number, comp, pages=[page_image(tmp_path / f"{comp}.png", dpi=60, seed=k)])
    return number


def _outbox(ws: Workspace) -> int:
    with ws.db.read() as conn:
        return int(conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'dossier'").fetchone()[0])


def test_built_but_unsigned_components_block_the_send_by_name(workspace: Workspace, tmp_path: Path,
                                                              token: Any) -> None:
    number = _birth(workspace, tmp_path, ("to_khai", "giay_chung_sinh"))
    mark_not_provided(workspace, number, "van_ban_uy_quyen", "Công dân tự nộp, không ủy quyền")
    d = workspace.dossiers.get(number)
    assert progress(d).step is Step.SIGNING and progress(d).to_sign == 2
    with pytest.raises(InvalidInput) as refused:
        enqueue(workspace, number)
    names = [c.name for c in d.components if c.component_id in ("to_khai", "giay_chung_sinh")]
    assert "chưa ký số" in refused.value.message_vi and all(n in refused.value.message_vi for n in names)
    assert "not signed yet" in refused.value.message_en and all(n in refused.value.message_en for n in names)
    assert _outbox(workspace) == 0 and workspace.dossiers.get(number).state.value != "queued"
    sign_built(workspace, number, token)
    assert progress(workspace.dossiers.get(number)).step is Step.SENDING
    assert enqueue(workspace, number)["files"] == 2 and _outbox(workspace) == 1


def test_a_required_component_not_digitized_blocks_and_is_named(workspace: Workspace, tmp_path: Path) -> None:
    number = _birth(workspace, tmp_path, ())
    d = workspace.dossiers.get(number)
    assert progress(d).step is Step.COMPONENTS
    first = next_to_digitize(d)
    assert first is not None and first.required
    assert next_to_digitize(d, after=first.component_id) not in (None, first)
    with pytest.raises(InvalidInput) as refused:
        enqueue(workspace, number)
    assert "chưa số hóa" in refused.value.message_vi and first.name in refused.value.message_vi


def test_not_provided_needs_a_reason_is_audited_and_refused_once_built(workspace: Workspace,
                                                                       tmp_path: Path) -> None:
    number = _birth(workspace, tmp_path, ("to_khai",))
    for reason in ("", "  ", "ab"):
        with pytest.raises(InvalidInput) as refused:
            mark_not_provided(workspace, number, "van_ban_uy_quyen", reason)
        assert "lý do" in refused.value.message_vi
    with pytest.raises(InvalidInput) as built:
        mark_not_provided(workspace, number, "to_khai", "Không cần")  # its PDF would still be sent
    assert "đã có tài liệu" in built.value.message_vi
    assert workspace.dossiers.get(number).component("van_ban_uy_quyen").state is ComponentState.PENDING
    mark_not_provided(workspace, number, "van_ban_uy_quyen", "  Công dân tự nộp,\n không ủy quyền ")
    assert workspace.dossiers.get(number).component("van_ban_uy_quyen").state is ComponentState.NOT_PROVIDED
    with workspace.db.read() as conn:
        rows = conn.execute("SELECT actor, details FROM audit_log WHERE dossier = ? AND action = "
                            "'component.state' "
                            "ORDER BY id DESC LIMIT 1", (number,)).fetchall()
    actor, details = rows[0]["actor"], json.loads(rows[0]["details"])
    assert actor == workspace.actor and details["not_provided"] == "Công dân tự nộp, không ủy quyền"
    assert details["component"] == "van_ban_uy_quyen" and details["required"] is False
    assert workspace.audit.verify().ok


def test_cli_not_provided_wants_the_reason_and_records_it(cli: CliRunner, workspace: Workspace) -> None:
    number = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
    ws_dir = str(workspace.root)
    missing = cli("dossier", "not-provided", number, "van_ban_uy_quyen", "--workspace", ws_dir)
    assert missing.returncode == 2 and "--reason" in missing.stderr
    empty = cli("dossier", "not-provided", number, "van_ban_uy_quyen", "--reason", " ", "--workspace", ws_dir)
    assert empty.returncode == 2 and "lý do" in empty.stderr
    done = cli_json(cli("dossier", "not-provided", number, "van_ban_uy_quyen", "--reason", "Công dân tự nộp",
                        "--json", "--workspace", ws_dir))
    assert {c["id"]: c["state"] for c in done["components"]}["van_ban_uy_quyen"] == "not_provided"
    entries = cli_json(cli("audit", "log", "--dossier", number, "--json", "--workspace", ws_dir))
    assert any("Công dân tự nộp" in json.dumps(e, ensure_ascii=False) for e in entries)
