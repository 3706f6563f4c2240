"""`motcua report`: the figures of a seeded workstation against values computed by hand."""

from __future__ import annotations

import csv
from pathlib import Path

from app.domain.codes import vn_today
from app.domain.records import ComponentState
from app.scan.driver import ScanSettings
from app.scan.session import SessionStore
from app.services.reception import ReceptionRequest, open_dossier
from app.services.report import report
from app.services.review import decide
from app.services.signing import build_component_pdf
from app.store.workspace import Session, Workspace
from tests.conftest import CliRunner, cli_json
from tests.sign.conftest import page_image

AGENCY = "000.87.34.H08"


def _dossier(ws: Workspace, officer: str) -> str:
    ws.session = Session(officer, ("officer",), AGENCY)
    return open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.000656")).number  # khai tử


def _build(ws: Workspace, number: str, comp: str, pages: int, seed: int) -> None:
    build_component_pdf(ws, number, comp,
                        pages=[page_image(ws.tmp_dir / f"{number[-4:]}{comp}{seed}{k}.png", dpi=60,
                                                            seed=seed + k) for k in range(pages)])


def test_figures_of_a_seeded_workstation(workspace: Workspace, cli: CliRunner, tmp_path: Path) -> None:
    ws = workspace
    d1 = _dossier(ws, "canbo_a")  # form scanned once (1 page), death notice reused
    _build(ws, d1, "to_khai", 1, 1)
    ws.dossiers.set_component_state(d1, "giay_bao_tu", ComponentState.REUSED, actor="canbo_a")
    d2 = _dossier(ws, "canbo_a")  # form built twice (last: 2 pages), notice scanned (1 page)
    _build(ws, d2, "to_khai", 1, 2)
    _build(ws, d2, "to_khai", 2, 3)
    _build(ws, d2, "giay_bao_tu", 1, 4)
    d3 = _dossier(ws, "canbo_b")  # form with an override (1 page), notice reused, sent back by the supervisor
    _build(ws, d3, "to_khai", 1, 5)
    ws.dossiers.set_component_state(d3, "giay_bao_tu", ComponentState.REUSED, actor="canbo_b")
    store = SessionStore(ws)
    s = store.open(device="test:0", settings=ScanSettings(), dossier_no=d3, component_id="to_khai")
    store.override(s.id, "skew:1", "Bản gốc in lệch sẵn")
    ws.session = Session("giamsat", ("supervisor",), AGENCY)
    decide(ws, d3, approve=False, reason="Thiếu chữ ký người khai")

    day = vn_today()
    r = report(ws, day, day, "officer")
    # by hand: 4 components digitized (d1 1, d2 2, d3 1), 2 reused of 3 reusable, 1+3+1 pages;
    # first pass: d1's form, d2's notice (d2's form was rebuilt; d3 has an override) = 2 of 4
    assert (r["dossiers"], r["digitized"], r["reused"], r["components"], r["pages"]) == (3, 4, 2, 6, 5)
    assert (r["reuse_rate"], r["reuse_share"], r["first_pass_rate"]) == (0.6667, 0.6667, 0.5)
    assert (r["overrides"], r["sent_back"], r["send_back_reasons"]) == (1, 1, {"Thiếu chữ ký người khai": 1})
    assert r["reuse_rate_ytd"] == 0.6667 and r["reuse_target"] == 0.6 and r["reuse_target_met"] is True
    assert {i["key"]: i["value"] for i in r["indicators"]} == {
        "digitized_share": 1.0, "reuse_share": 0.6667, "warehouse_component_share": 0.3333,
        "electronic_result_share": None}
    groups = {g["key"]: g for g in r["groups"]}
    assert (groups["canbo_a"]["dossiers"], groups["canbo_a"]["pages"], groups["canbo_a"]["reuse_rate"],
            groups["canbo_a"]["first_pass_rate"]) == (2, 4, 0.5, 0.6667)
    assert (groups["canbo_b"]["dossiers"], groups["canbo_b"]["reuse_rate"],
            groups["canbo_b"]["first_pass_rate"]) == \
        (1, 1.0, 0.0)
    assert report(ws, day.replace(year=day.year - 1), day.replace(year=day.year - 1))["dossiers"] == 0

    out_csv, out_xlsx = tmp_path / "r.csv", tmp_path / "r.xlsx"
    ws_dir = ws.root
    shown = cli_json(cli("report", "--from", day.isoformat(), "--to", day.isoformat(), "--by", "procedure",
                         "--json",
                         "--csv", out_csv, "--xlsx", out_xlsx, "--workspace", ws_dir))
    assert (shown["dossiers"], shown["pages"], shown["reuse_rate"], shown["first_pass_rate"]) == (3, 5,
                                                                                                  0.6667, 0.5)
    assert [g["key"] for g in shown["groups"]] == ["1.000656"]
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    assert rows[-1]["key"] == "TỔNG" and rows[-1]["pages"] == "5"
    from openpyxl import load_workbook

    book = load_workbook(out_xlsx)
    assert book["Số liệu"]["B3"].value == 3 and book.sheetnames == ["Số liệu", "Chỉ số 766"]
