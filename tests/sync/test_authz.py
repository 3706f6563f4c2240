"""Who may do what on the reference server: the authorization matrix generated from the app's
route table (every route x every demo account x no token), the refusals that need a resource
(another agency's workstation, dossier or purpose, another caller's upload), the status state
machine by role, and the warehouse read log."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest
import requests
from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.domain.codes import vn_today
from app.refserver.policy import POLICY, Rule, parse_roles, scopes_of
from tests.sync.conftest import RefServer, free_port

AGENCY, OTHER = "000.87.34.H08", "000.87.35.H08"
OWNER = "052090000495"
CODE = "052090000495.KQ.GKS.000101.12031990"
# the demo accounts (README): name -> (password, roles, agency, scopes narrowed to)
ACCOUNTS: dict[str, tuple[str, str, str, str]] = {
    "demo": ("demo", "officer", AGENCY, ""),
    "giamsat": ("giamsat", "supervisor", AGENCY, ""),
    "canbo2": ("canbo2", "officer", OTHER, ""),
    "quantri": ("quantri", "agency_admin", AGENCY, ""),
    "tinh": ("tinh", "province_admin", "000.00.00.H08", ""),
    "reader": ("reader", "officer", AGENCY, "warehouse:read"),
    "client:workstation-demo": ("workstation-demo-secret", "workstation", AGENCY, ""),
}


def login(url: str, name: str, password: str | None = None) -> dict[str, Any]:
    if name.startswith("client:"):
        form = {"grant_type": "client_credentials", "client_id": name[7:],
                "client_secret": password or ACCOUNTS[name][0]}
    else:
        form = {"grant_type": "password", "username": name, "password": password or ACCOUNTS[name][0],
                "client_id": "motcua-station"}
    r = requests.post(url + "/oauth/token", data=form, timeout=10)
    assert r.status_code == 200, r.text
    return dict(r.json())


def auth(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4()), **extra}


class World:
    """A server with a workstation of AGENCY, a submitted dossier, a leased number not yet used
    (a citizen being received) and an upload of ``demo``."""

    def __init__(self, srv: RefServer) -> None:
        self.srv, self.url = srv, srv.url
        self.tokens = {name: login(srv.url, name)["access_token"] for name in ACCOUNTS}
        demo = self.tokens["demo"]
        ws = requests.post(self.url + "/api/v1/workstations", json={"agency": AGENCY, "name": "Quầy ma trận"},
                           headers=auth(demo), timeout=10).json()
        self.ws = ws["workstation_id"]
        lease = requests.post(f"{self.url}/api/v1/workstations/{self.ws}/leases",
                              json={"day": vn_today().isoformat(), "count": 5}, headers=auth(demo),
                              timeout=10).json()
        day = vn_today().strftime("%y%m%d")
        self.numbers = [f"{AGENCY}-{day}-{n:04d}" for n in range(lease["first"], lease["last"] + 1)]
        self.dossier = self.numbers[0]
        self.purpose = self.numbers[-1]  # leased, not submitted: the citizen at the counter now
        self.submit(self.dossier)
        up = requests.post(self.url + "/api/v1/uploads",
                           json={"name": "a.txt", "size": 3, "sha256": "0" * 64},
                           headers=auth(demo), timeout=10)
        self.upload = up.json()["upload_id"]

    def submit(self, number: str, token: str | None = None, ws: str | None = None) -> requests.Response:
        body = {"MaHoSo": number, "MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai "
                                                                   "sinh", "ChuHoSo": "Nguyễn Văn Bình",
                "LoaiDoiTuong": 1, "MaDoiTuong": OWNER, "NgayTiepNhan": "20261123080000", "TrangThaiHoSo": 2}
        r = requests.post(self.url + "/api/v1/dossiers", json=body, timeout=10,
                          headers=auth(token or self.tokens["demo"], **{"X-Workstation-Id": ws or self.ws}))
        return r

    def status(self, who: str, number: str, status: int, override: str = "") -> requests.Response:
        return requests.post(f"{self.url}/api/v1/dossiers/{number}/status", timeout=10,
                             headers=auth(self.tokens[who]),
                             json={"TrangThaiHoSo": status, "LyDoBoQua": override})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("authz") / "srv"
    data.mkdir()
    srv = RefServer(data, free_port())
    srv.start()
    yield World(srv)
    srv.stop()


def _requests(w: World) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """One request per route name. Writes carry a body that fails validation, so a caller the
    rule lets through gets 4xx from the handler (never 401/403) and nothing changes."""
    n, up = w.dossier, w.upload
    return {
        "health": ("GET", "/health", {}),
        "discovery": ("GET", "/.well-known/openid-configuration", {}),
        "jwks": ("GET", "/oauth/jwks", {}),
        "token": ("POST", "/oauth/token", {"data": {"grant_type": "none"}}),
        "revoke": ("POST", "/oauth/revoke", {"data": {"token": "x"}}),
        "create_user": ("POST", "/api/v1/users", {"json": {}}),
        "disable_user": ("POST", "/api/v1/users/nobody/disable", {}),
        "enable_user": ("POST", "/api/v1/users/nobody/enable", {}),
        "set_roles": ("PUT", "/api/v1/users/nobody/roles", {"json": {}}),
        "set_password": ("POST", "/api/v1/users/nobody/password", {"json": {}}),
        "account": ("GET", f"/api/v1/accounts/{OWNER}", {}),
        "upload_start": ("POST", "/api/v1/uploads", {"json": {}}),
        "upload_chunk": ("PUT", f"/api/v1/uploads/{up}/chunks/0", {}),
        "upload_status": ("GET", f"/api/v1/uploads/{up}", {}),
        "upload_complete": ("POST", f"/api/v1/uploads/{up}/complete", {}),
        "register_workstation": ("POST", "/api/v1/workstations", {"json": {}}),
        "lease_numbers": ("POST", f"/api/v1/workstations/{w.ws}/leases", {"json": {}}),
        "submit": ("POST", "/api/v1/dossiers", {"json": {}}),
        "get_dossier": ("GET", f"/api/v1/dossiers/{n}", {}),
        "get_status": ("GET", f"/api/v1/dossiers/{n}/status", {}),
        "new_version": ("POST", f"/api/v1/dossiers/{n}/versions", {"json": {}}),
        "set_status": ("POST", f"/api/v1/dossiers/{n}/status", {"json": {"TrangThaiHoSo": 99}}),
        "search": ("GET", "/api/v1/warehouse/documents", {"params": {"owner": OWNER, "dossier": w.purpose}}),
        "fetch": ("GET", f"/api/v1/warehouse/documents/{CODE}/file", {"params": {"dossier": w.purpose}}),
        "reads": ("GET", "/api/v1/warehouse/reads", {"params": {"owner": OWNER}}),
        "record_use": ("POST", f"/api/v1/warehouse/documents/{CODE}/uses", {"json": {}}),
        "feedback": ("POST", f"/api/v1/warehouse/documents/{CODE}/feedback", {"json": {}}),
        "review_packet": ("POST", f"/api/v1/review/dossiers/{n}/packet", {"json": {}}),
        "review_draw": ("POST", "/api/v1/review/samples", {"json": {}}),
        "review_pick": ("POST", f"/api/v1/review/dossiers/{n}/pick", {"json": {}}),
        "review_queue": ("GET", "/api/v1/review/queue", {}),
        "review_dossier": ("GET", f"/api/v1/review/dossiers/{n}", {}),
        "review_sample": ("GET", "/api/v1/review/samples/none", {}),
        "review_file": ("GET", f"/api/v1/review/dossiers/{n}/components/to_khai/file", {}),
        "review_decide": ("POST", f"/api/v1/review/dossiers/{n}/decisions", {"json": {}}),
        "review_decisions": ("GET", "/api/v1/review/decisions", {}),
        "request_link": ("POST", f"/api/v1/accounts/{OWNER}/link-requests", {"json": {}}),
        "review_report": ("GET", "/api/v1/review/report",
                          {"params": {"from": "2026-01-01", "to": "2026-12-31"}}),
        "forward_send": ("POST", "/api/v1/forwards", {"json": {}}),
        "forward_inbox": ("GET", "/api/v1/forwards/inbox", {}),
        "forward_answers": ("GET", "/api/v1/forwards/answers", {}),
        "forward_get": ("GET", "/api/v1/forwards/none", {}),
        "forward_file": ("GET", "/api/v1/forwards/none/file", {}),
        "forward_check": ("POST", "/api/v1/forwards/none/check", {"json": {}}),
        "set_faults": ("POST", "/_test/faults", {"json": {}}),
        "all_dossiers": ("GET", "/_test/dossiers", {}),
    }


# routes whose handler checks the agency of what a GET reads (reached with a valid request)
_AGENCY_IN_HANDLER_READS = {"search", "fetch"}


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every route of the app, those of its included routers too: FastAPI (0.16x) keeps an
    included router as one entry of ``app.routes``, so a plain walk would miss their routes."""
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    found = [c.original_route for c in walk(app.routes)] if walk is not None else list(app.routes)
    return [r for r in found if isinstance(r, APIRoute)]


def _rule_allows(rule: Rule, name: str) -> bool:
    _pw, roles_text, _agency, restrict = ACCOUNTS[name]
    roles = parse_roles(roles_text)
    return rule.scope in scopes_of(roles, restrict) and (not rule.roles or bool(set(roles) & rule.roles))


def _own_agency(name: str) -> bool:
    roles, agency = ACCOUNTS[name][1], ACCOUNTS[name][2]
    return agency == AGENCY or roles == "province_admin"


def test_every_route_has_a_policy_and_the_matrix_holds(world: World, tmp_path: Path) -> None:
    from app.refserver.app import create_app

    app = create_app(tmp_path / "routes", enable_test_faults=True)
    specs = _requests(world)
    routes = api_routes(app)
    assert len(routes) >= 20
    assert {r.name for r in routes} == set(POLICY), "a rule of the policy names no route"
    for route in routes:
        assert route.name in POLICY, f"route {route.path} ({route.name}) has no authorization policy"
        declared = [d.call for d in route.dependant.dependencies if hasattr(d.call, "__policy__")]
        assert [getattr(c, "__policy__", None) for c in declared] == [POLICY[route.name]], route.path
        assert route.name in specs, (f"route {route.path} ({route.name}) "
                                     "is missing from the authorization matrix")
    for route in routes:
        rule = POLICY[route.name]
        method, path, kw = specs[route.name]
        anonymous = requests.request(method, world.url + path, timeout=10, **kw)
        assert anonymous.status_code < 500, (path, anonymous.text)
        if rule.public:
            assert anonymous.status_code not in (401, 403), path
            continue
        assert anonymous.status_code == 401, (path, anonymous.status_code)
        for name in ACCOUNTS:
            r = requests.request(method, world.url + path, headers=auth(world.tokens[name]), timeout=10, **kw)
            assert r.status_code < 500, (path, name, r.text)
            allowed = _rule_allows(rule, name) and (_own_agency(name) or rule.agency.value == "none"
                                                    or (rule.agency.value == "in_handler" and route.name
                                                        not in _AGENCY_IN_HANDLER_READS))
            if allowed:
                assert r.status_code not in (401, 403), (path, name, r.status_code, r.text)
            else:
                assert r.status_code == 403, (path, name, r.status_code, r.text)
                assert r.headers["content-type"].startswith("application/problem+json")
                assert r.json()["detail_vi"], (path, name)


def test_another_agency_is_refused_on_workstations_numbers_dossiers_and_uploads(world: World) -> None:
    other = world.tokens["canbo2"]
    # a workstation of another agency: neither registered nor leased from for it
    r = requests.post(world.url + "/api/v1/workstations", json={"agency": AGENCY, "name": "Giả mạo"},
                      headers=auth(other), timeout=10)
    assert r.status_code == 403 and "000.87.35.H08" in r.json()["detail_vi"]
    r = requests.post(f"{world.url}/api/v1/workstations/{world.ws}/leases", headers=auth(other), timeout=10,
                      json={"day": vn_today().isoformat(), "count": 5})
    assert r.status_code == 403
    # its own workstation cannot carry a number of the first agency
    own = requests.post(world.url + "/api/v1/workstations", json={"agency": OTHER, "name": "Quầy 35"},
                        headers=auth(other), timeout=10)
    assert own.status_code == 201
    assert world.submit(world.numbers[1], other, own.json()["workstation_id"]).status_code == 403
    assert world.submit(world.numbers[1],
                        other).status_code == 403  # nor through the first agency's workstation
    for path in (f"/api/v1/dossiers/{world.dossier}", f"/api/v1/dossiers/{world.dossier}/status"):
        assert requests.get(world.url + path, headers=auth(other), timeout=10).status_code == 403
    # an upload belongs to its creator: for anyone else (even of the same agency) it does not exist
    for who in ("giamsat", "canbo2", "client:workstation-demo"):
        tok = world.tokens[who]
        assert requests.get(f"{world.url}/api/v1/uploads/{world.upload}", headers=auth(tok),
                            timeout=10).status_code == 404
        r = requests.put(f"{world.url}/api/v1/uploads/{world.upload}/chunks/0", headers=auth(tok), timeout=10,
                         files={"chunk": ("c", b"abc")}, data={"sha256": "0" * 64})
        assert r.status_code == 404
        assert requests.post(f"{world.url}/api/v1/uploads/{world.upload}/complete", headers=auth(tok),
                             timeout=10).status_code == 404
    mine = requests.get(f"{world.url}/api/v1/uploads/{world.upload}", headers=auth(world.tokens["demo"]),
                        timeout=10)
    assert mine.status_code == 200


def test_statuses_follow_the_state_machine_and_the_role_that_owns_them(world: World) -> None:
    n = world.numbers[2]
    assert world.submit(n).status_code == 201
    r = world.status("demo", n, 9)  # the counter does not decide the case
    assert r.status_code == 403 and "tỉnh" in r.json()["detail_vi"]
    assert world.status("canbo2", n, 7).status_code == 403  # another agency's dossier
    assert world.status("tinh", n, 4).status_code == 200
    r = world.status("demo", n, 2)  # never backwards
    assert r.status_code == 403 and "4 sang 2" in r.json()["detail_vi"]
    assert world.status("tinh", n, 10).status_code == 403  # the counter returns results
    r = world.status("demo", n, 10, override="công dân cần gấp")  # before 9: a supervisor's override only
    assert r.status_code == 403 and "giám sát" in r.json()["detail_vi"]
    assert world.status("demo", n, 10).status_code == 409  # without a reason: not processed yet
    ok = world.status("giamsat", n, 10, override="công dân cần gấp, lãnh đạo đồng ý")
    assert ok.status_code == 200
    held = requests.get(f"{world.url}/api/v1/dossiers/{n}/status", headers=auth(world.tokens["demo"]),
                        timeout=10).json()
    assert held["TrangThaiHoSo"] == 10 and "giamsat" in held["history"][-1]["note"]
    assert world.status("giamsat", n, 9).status_code == 403  # 10 is final
    m = world.numbers[3]
    assert world.submit(m).status_code == 201
    for who, status in (("tinh", 4), ("tinh", 9), ("client:workstation-demo", 10)):
        assert world.status(who, m, status).status_code == 200, (who, status)


def test_warehouse_reads_need_a_purpose_of_the_callers_agency_and_are_logged(world: World) -> None:
    demo = world.tokens["demo"]
    url = world.url + "/api/v1/warehouse/documents"
    r = requests.get(url, params={"owner": OWNER}, headers=auth(demo), timeout=10)
    assert r.status_code == 403 and "mục đích" in r.json()["detail_vi"]
    other_purpose = f"{OTHER}-{vn_today():%y%m%d}-0001"
    assert requests.get(url, params={"owner": OWNER, "dossier": other_purpose}, headers=auth(demo),
                        timeout=10).status_code == 403
    never_leased = f"{AGENCY}-{vn_today():%y%m%d}-9999"
    assert requests.get(url, params={"owner": OWNER, "dossier": never_leased}, headers=auth(demo),
                        timeout=10).status_code == 403
    # a submitted dossier of another citizen is no purpose for reading this one's documents
    assert requests.get(url, params={"owner": "079200000001", "dossier": world.dossier}, headers=auth(demo),
                        timeout=10).status_code == 403
    ok = requests.get(url, params={"owner": OWNER, "dossier": world.dossier}, headers=auth(demo), timeout=10)
    assert ok.status_code == 200 and ok.json()["documents"]
    f = requests.get(f"{url}/{CODE}/file", params={"dossier": world.dossier}, headers=auth(demo), timeout=10)
    assert f.status_code == 200 and f.content.startswith(b"%PDF")
    log = requests.get(world.url + "/api/v1/warehouse/reads", params={"owner": OWNER},
                       headers=auth(world.tokens["quantri"]), timeout=10)
    assert log.status_code == 200
    mine = [x for x in log.json()["reads"] if x["subject"] == "demo" and x["dossier"] == world.dossier]
    assert {x["action"] for x in mine} == {"search", "file"} and any(x["code"] == CODE for x in mine)
    assert requests.get(world.url + "/api/v1/warehouse/reads", params={"owner": OWNER},
                        headers=auth(world.tokens["demo"]), timeout=10).status_code == 403


def test_review_desk_sample_queue_decisions_and_refusals(world: World) -> None:
    """The supervisor's desk on the server: packets from the counter, an unpredictable and
    redoable draw, the queue with its filters, decisions (never on one's own work, one per
    version), the officers' feed of decisions, and a corrected version back in the queue."""
    tok = world.tokens
    lease = requests.post(f"{world.url}/api/v1/workstations/{world.ws}/leases", headers=auth(tok["demo"]),
                          timeout=10,
                          json={"day": vn_today().isoformat(), "count": 3}).json()
    a, b, c = (f"{AGENCY}-{vn_today():%y%m%d}-{n:04d}" for n in range(lease["first"], lease["last"] + 1))
    for number in (a, b, c):
        assert world.submit(number).status_code == 201

    def packet(number: str, who: str, officer: str, overrides: list[dict[str, str]]) -> requests.Response:
        return requests.post(f"{world.url}/api/v1/review/dossiers/{number}/packet", headers=auth(tok[who]),
                             timeout=10,
                             json={"officer": officer, "procedure": "1.001193", "overrides": overrides,
                                   "components": [{"id": "to_khai", "pages": 2}]})

    assert packet(a, "demo", "demo", [{"finding": "blank_page:2", "reason": "Trang trắng có chủ ý",
                                       "actor": "demo"}]).json()["in_queue"] is True
    assert packet(b, "client:workstation-demo", "demo", []).status_code == 200
    assert packet(c, "giamsat", "giamsat", []).status_code == 200  # the supervisor received this one himself
    assert packet(a, "canbo2", "x", []).status_code == 403  # another agency's dossier
    assert packet(a, "tinh", "x", []).status_code == 403  # the province is not the counter

    def draw(who: str) -> requests.Response:
        return requests.post(world.url + "/api/v1/review/samples", headers=auth(tok[who]), timeout=10,
                             json={"day": vn_today().isoformat(), "rate": 0.5, "minimum": 2})

    for who in ("demo", "quantri", "tinh", "client:workstation-demo", "canbo2"):
        assert draw(who).status_code == 403, who  # only a supervisor draws
    first, second = draw("giamsat").json(), draw("giamsat").json()
    assert {a, b, c} <= set(first["population"]) and first["nonce"] != second["nonce"]
    assert len(first["dossiers"]) == max(2,
                                         -(-len(first["population"]) // 2)) and second["draws_that_day"] >= 2
    kept = requests.get(f"{world.url}/api/v1/review/samples/{first['sample']}", headers=auth(tok["giamsat"]),
                        timeout=10).json()
    assert kept["redraws"] and kept["dossiers"] == first["dossiers"] and kept["nonce"] == first["nonce"]
    assert requests.post(f"{world.url}/api/v1/review/dossiers/{b}/pick", json={"reason": "Giám sát chọn "
                                                                                         "thêm"},
                         headers=auth(tok["giamsat"]), timeout=10).status_code == 201

    def queue(who: str = "giamsat", **params: str) -> requests.Response:
        return requests.get(world.url + "/api/v1/review/queue", params=params, headers=auth(tok[who]),
                            timeout=10)

    assert queue("demo").status_code == 403 and queue("quantri").status_code == 403
    items = {i["dossier_no"]: i for i in queue().json()["items"]}
    assert "override" in items[a]["why"] and "picked" in items[b]["why"] and items[a]["overrides"] == 1
    assert items[a]["officer"] == "demo" and items[a]["state"] == "waiting"
    assert {i["dossier_no"] for i in queue(officer="giamsat").json()["items"]} <= {c}
    assert queue(procedure="9.999").json()["items"] == []

    def decide(who: str, number: str, **body: Any) -> requests.Response:
        return requests.post(f"{world.url}/api/v1/review/dossiers/{number}/decisions", json=body,
                             headers=auth(tok[who]), timeout=10)

    own = decide("giamsat", c, decision="approved")
    assert own.status_code == 403 and "chính mình" in own.json()["detail_vi"]
    assert decide("demo", a, decision="approved").status_code == 403  # an officer does not review
    assert decide("canbo2", a, decision="approved").status_code == 403  # nor another agency
    assert decide("giamsat", a, decision="sent_back").status_code == 422  # a send-back needs its reasons
    back = decide("giamsat", a, decision="sent_back", reason="",
                  components=[{"component": "to_khai", "reason": "Trang 2 bị mờ, quét lại"}])
    assert back.status_code == 201, back.text
    assert decide("giamsat", a, decision="approved").status_code == 409  # one decision per version
    assert [i["dossier_no"] for i in queue(state="sent_back").json()["items"]] == [a]
    feed = requests.get(world.url + "/api/v1/review/decisions", headers=auth(tok["demo"]), timeout=10).json()
    mine = [d for d in feed["decisions"] if d["dossier_no"] == a]
    assert (mine and mine[0]["components"][0]["reason"] == "Trang 2 bị mờ, quét lại"
            and mine[0]["reviewer"] == "giamsat")
    other = requests.get(world.url + "/api/v1/review/decisions", headers=auth(tok["canbo2"]),
                         timeout=10).json()
    assert all(d["dossier_no"].startswith(OTHER) for d in other["decisions"])
    shown = requests.get(f"{world.url}/api/v1/review/dossiers/{a}", headers=auth(tok["giamsat"]),
                         timeout=10).json()
    assert (shown["packet"]["overrides"][0]["reason"] == "Trang trắng có chủ ý"
            and shown["state"] == "sent_back")
    assert requests.get(f"{world.url}/api/v1/review/dossiers/{a}", headers=auth(tok["canbo2"]),
                        timeout=10).status_code == 403
    # the officer corrects and sends version 2: the dossier is back in the queue
    body = {"MaHoSo": a, "MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh", "ChuHoSo": "Nguyễn Văn Bình",
            "LoaiDoiTuong": 1, "MaDoiTuong": OWNER, "NgayTiepNhan": "20261123080000", "TrangThaiHoSo": 2}
    v2 = requests.post(f"{world.url}/api/v1/dossiers/{a}/versions", json={"PhienBan": 2, "LyDo": "Quét lại "
                                                                                                 "tờ khai",
                                                                           "HoSo": body},
                       headers=auth(tok["demo"], **{"X-Workstation-Id": world.ws}), timeout=10)
    assert v2.status_code == 201, v2.text
    assert {i["dossier_no"]: i["state"] for i in queue().json()["items"]}[a] == "waiting"
    assert decide("giamsat", a, decision="approved").status_code == 201


def test_agency_figures_from_the_packets_against_hand_computed_values(world: World) -> None:
    tok = world.tokens
    lease = requests.post(f"{world.url}/api/v1/workstations/{world.ws}/leases", headers=auth(tok["demo"]),
                          timeout=10,
                          json={"day": vn_today().isoformat(), "count": 2}).json()
    e, f = (f"{AGENCY}-{vn_today():%y%m%d}-{n:04d}" for n in range(lease["first"], lease["last"] + 1))
    for number in (e, f):
        assert world.submit(number).status_code == 201
    form = {"id": "to_khai", "required": True, "reusable": False, "state": "built"}
    packets = {
        e: {"officer": "canbo8", "components": [
            {**form, "documents": [{"source": "scan", "pages": "2"}]},
            {"id": "gbt", "required": True, "reusable": True, "state": "reused",
             "documents": [{"source": "warehouse"}]}]},
        f: {"officer": "canbo9", "overrides": [{"finding": "skew:1", "reason": "Bản gốc "
                                                                               "lệch", "actor": "canbo9"}],
            "components": [
                {**form, "documents": [{"source": "scan", "pages": "1"}, {"source": "scan", "pages": "3"}]},
                {"id": "gbt", "required": True, "reusable": True, "state": "built",
                 "documents": [{"source": "scan", "pages": "1"}]}]},
    }
    for number, body in packets.items():
        r = requests.post(f"{world.url}/api/v1/review/dossiers/{number}/packet", headers=auth(tok["demo"]),
                          timeout=10,
                          json={"procedure": "1.000656", **body})
        assert r.status_code == 200, r.text
    # e is processed by the province and returned with an electronic result; f is returned early
    # (a supervisor's override) without one: Decision 766's electronic-result share is 1 of 2
    for status in (4, 9):
        assert world.status("tinh", e, status).status_code == 200
    result = b"%PDF-1.4 ket qua giai quyet"
    sha = hashlib.sha256(result).hexdigest()
    up = requests.post(world.url + "/api/v1/uploads",
                       json={"name": "kq.pdf", "size": len(result), "sha256": sha},
                       headers=auth(tok["demo"]), timeout=10).json()["upload_id"]
    assert requests.put(f"{world.url}/api/v1/uploads/{up}/chunks/0", files={"chunk": ("c", result)},
                        data={"sha256": sha}, headers=auth(tok["demo"]), timeout=10).status_code == 200
    file_id = requests.post(f"{world.url}/api/v1/uploads/{up}/complete", headers=auth(tok["demo"]),
                            timeout=10).json()["file_id"]
    returned = requests.post(f"{world.url}/api/v1/dossiers/{e}/status", headers=auth(tok["demo"]), timeout=10,
                             json={"TrangThaiHoSo": 10, "DanhSachGiayToKetQua": [
                                 {"TenGiayTo": "Giấy khai "
                                               "sinh", "MaLoaiGiayTo": "GKS", "TepDinhKemId": file_id,
                                  "Sha256": sha}]})
    assert returned.status_code == 200, returned.text
    assert world.status("giamsat", f, 10, override="Công dân cần gấp, đã có ý kiến lãnh "
                                                   "đạo").status_code == 200
    day = vn_today().isoformat()
    r = requests.get(world.url + "/api/v1/review/report", params={"from": day, "to": day, "by": "officer"},
                     headers=auth(tok["quantri"]), timeout=10)
    assert r.status_code == 200, r.text
    # the module's other tests return dossiers of this agency too: the share is read per officer
    share = {g["key"]: g["electronic_result_share"] for g in r.json()["groups"]}
    assert (share["canbo8"], share["canbo9"]) == (1.0, 0.0)
    assert r.json()["electronic_result_share"] is not None
    assert {i["key"]: i["value"] for i in r.json()["indicators"]}["electronic_result_share"] is not None
    groups = {g["key"]: g for g in r.json()["groups"]}
    # by hand: canbo8 scanned 1 component (2 pages) and reused 1 of 1 reusable, first time;
    # canbo9 scanned 2 (form rebuilt, last 3 pages + 1 page), reused none, with an override
    assert {k: groups["canbo8"][k] for k in ("dossiers", "digitized", "reused", "pages", "reuse_rate",
                                              "first_pass_rate", "overrides")} == \
        {"dossiers": 1, "digitized": 1, "reused": 1, "pages": 2, "reuse_rate": 1.0, "first_pass_rate": 1.0,
         "overrides": 0}
    assert {k: groups["canbo9"][k] for k in ("dossiers", "digitized", "reused", "pages", "reuse_rate",
                                              "first_pass_rate", "overrides")} == \
        {"dossiers": 1, "digitized": 2, "reused": 0, "pages": 4, "reuse_rate": 0.0, "first_pass_rate": 0.0,
         "overrides": 1}
    assert r.json()["scope"] == "agency" and r.json()["dossiers"] >= 2
    other = requests.get(world.url + "/api/v1/review/report",
                         params={"from": day, "to": day, "by": "officer"},
                         headers=auth(tok["giamsat"]), timeout=10)
    assert "canbo8" in {g["key"] for g in other.json()["groups"]}
    assert requests.get(world.url + "/api/v1/review/report", params={"from": day, "to": "2000-01-01"},
                        headers=auth(tok["giamsat"]), timeout=10).status_code == 422


def test_forwarded_documents_are_seen_by_the_two_agencies_only(world: World) -> None:
    """A document forwarded to a managing agency (seed 002): the sender's agency and the
    receiving agency see it; an account of a third agency finds nothing (404) and cannot answer;
    the sender cannot answer its own forward; a forward names a dossier of the caller's agency."""
    tok = world.tokens
    pdf = world.srv.data / "seed-cache" / f"{CODE}.pdf"  # a signed PDF (the demo warehouse's)
    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    up = requests.post(world.url + "/api/v1/uploads",
                       json={"name": "gbt.pdf", "size": len(data), "sha256": sha},
                       headers=auth(tok["demo"]), timeout=10).json()["upload_id"]
    requests.put(f"{world.url}/api/v1/uploads/{up}/chunks/0", headers=auth(tok["demo"]), timeout=10,
                 files={"chunk": ("c", data)}, data={"sha256": sha})
    file_id = requests.post(f"{world.url}/api/v1/uploads/{up}/complete", headers=auth(tok["demo"]),
                            timeout=10).json()["file_id"]
    body = {"dossier_no": world.dossier, "component": "giay_bao_tu", "route": "managing_agency",
            "target_agency": OTHER, "file_id": file_id, "sha256": sha, "name": "Giấy báo tử", "signed": True}
    assert requests.post(world.url + "/api/v1/forwards", json={**body, "dossier_no": f"{OTHER}-260101-0001"},
                         headers=auth(tok["canbo2"]), timeout=10).status_code == 422  # not its upload
    assert requests.post(world.url + "/api/v1/forwards", json={**body, "dossier_no": f"{OTHER}-260101-0001"},
                         headers=auth(tok["demo"]), timeout=10).status_code == 403  # not its dossier
    assert requests.post(world.url + "/api/v1/forwards", json={**body, "note": "x" * 1001},
                         headers=auth(tok["demo"]), timeout=10).status_code == 422  # bounded
    r = requests.post(world.url + "/api/v1/forwards", json=body, headers=auth(tok["demo"]), timeout=10)
    assert r.status_code == 201, r.text
    fid = r.json()["id"]
    third_name = f"cb3-{uuid.uuid4().hex[:6]}"
    assert requests.post(world.url + "/api/v1/users", headers=auth(tok["tinh"]), timeout=10, json={
        "username": third_name, "password": "matkhau-ba", "roles": ["officer"], "agency": "000.87.36.H08"}).ok
    third = login(world.url, third_name, "matkhau-ba")["access_token"]
    for who in (third, tok["tinh"], tok["quantri"]):
        for path in (f"/api/v1/forwards/{fid}", f"/api/v1/forwards/{fid}/file"):
            assert requests.get(world.url + path, headers=auth(who), timeout=10).status_code in (403,
                                                                                                 404), (who,
                                                                                                        path)
        assert requests.post(f"{world.url}/api/v1/forwards/{fid}/check", json={"result": "matches"},
                             headers=auth(who), timeout=10).status_code in (403, 404)
    assert fid not in {i["id"] for i in requests.get(world.url + "/api/v1/forwards/inbox",
                                                     headers=auth(third),
                                                     timeout=10).json()["items"]}
    assert requests.post(f"{world.url}/api/v1/forwards/{fid}/check", json={"result": "matches"},
                         headers=auth(tok["demo"]),
                         timeout=10).status_code == 404  # not the sender's to answer
    for who in ("demo", "canbo2"):
        assert requests.get(f"{world.url}/api/v1/forwards/{fid}/file", headers=auth(tok[who]),
                            timeout=10).content == data
    assert fid in {i["id"] for i in requests.get(world.url + "/api/v1/forwards/inbox",
                                                 headers=auth(tok["canbo2"]),
                                                 timeout=10).json()["items"]}
    ok = requests.post(f"{world.url}/api/v1/forwards/{fid}/check", json={"result": "matches"},
                       headers=auth(tok["canbo2"]), timeout=10)
    assert ok.status_code == 201 and ok.json()["result"] == "matches"
    answers = requests.get(world.url + "/api/v1/forwards/answers", headers=auth(tok["demo"]),
                           timeout=10).json()
    assert fid in {i["id"] for i in answers["items"]}
    assert fid not in {i["id"] for i in requests.get(world.url + "/api/v1/forwards/answers",
                                                     headers=auth(third),
                                                     timeout=10).json()["items"]}
