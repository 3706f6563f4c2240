"""The reception receipt: a one-page PDF with the number, owner, procedure, components and the
appointment date counted in working days; read back with pdftotext; audited. A second
reception of the same owner and procedure within half an hour is recognised."""

from __future__ import annotations

import subprocess
from datetime import timedelta

from app.domain.codes import vn_now
from tests.conftest import CliRunner, cli_json


def test_cli_receipt_pdf(cli: CliRunner, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.services.catalogue import load_catalogue
    from app.services.receipt import appointment_date
    from app.services.reception import ReceptionRequest, open_dossier

    ws = workspace
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193", owner_name="Nguyễn "
                                                                                                 "Thị Bình"))
    out = tmp_path / "receipt.pdf"
    proc = cli("dossier", "receipt", d.number, "-o", out, "--workspace", ws.root, "--json")
    assert proc.returncode == 0, proc.stderr
    data = cli_json(proc)
    due = appointment_date(d)
    assert data["due_date"] == due.isoformat() and data["components"] >= 2
    assert due > d.received_at.date() and due.weekday() < 5
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert d.number in text and "Nguyễn Thị Bình" in text and "052090000495" in text
    assert f"ngày {due:%d/%m/%Y}" in text
    assert f"{load_catalogue().get('1.001193').processing_days} ngày làm việc" in text
    for comp in d.components:
        assert comp.name.split()[0] in text
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in pages
    assert any(e.action == "dossier.receipt" for e in ws.audit.entries(dossier=d.number))
    bad = cli("dossier", "receipt", "000.87.34.H08-200101-0001", "-o", tmp_path / "x.pdf", "--workspace",
              ws.root)
    assert bad.returncode == 2 and not (tmp_path / "x.pdf").exists()


def test_a_second_reception_of_the_same_dossier_is_recognised(workspace) -> None:  # type: ignore[no-untyped-def]
    from app.services.receipt import recent_duplicate
    from app.services.reception import ReceptionRequest, open_dossier

    ws = workspace
    assert recent_duplicate(ws, "052090000495", "1.001193") is None
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193"))
    assert recent_duplicate(ws, "052090000495", "1.001193").number == d.number  # type: ignore[union-attr]
    assert recent_duplicate(ws, "052090000495", "1.000656") is None
    assert recent_duplicate(ws, "052090000495", "1.001193", now=vn_now() + timedelta(hours=1)) is None
