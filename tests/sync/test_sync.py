import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
import yaml

from app.domain.errors import InvalidInput
from app.domain.records import ComponentState
from app.services import reuse, submit
from app.services.reception import ReceptionRequest, open_dossier
from app.services.signing import build_component_pdf
from app.store.workspace import Workspace
from app.sync.client import AuthFailed, ClientConfig, SyncClient
from app.sync.outbox import items
from app.testing.softhsm import SoftToken
from tests.conftest import REPO_ROOT, CliRunner, cli_env, cli_json, register_workspace, sign_built
from tests.sign.conftest import page_image
from tests.sync.conftest import RefServer

LOGIN = {"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "demo"}


def _client(server: RefServer, **kw: object) -> SyncClient:
    return SyncClient(ClientConfig(base_url=server.url, backoff_s=0.05, timeout_s=5), username="demo",
                      password="demo", **kw)  # type: ignore[arg-type]


def _configure(ws: Workspace, server: RefServer) -> None:
    register_workspace(ws, server.url)
    ws.settings.trust_dir = str(server.trust_dir)
    ws.save_settings()


def _ready_dossier(ws: Workspace, server: RefServer, client: SyncClient, tmp_path: Path,
                   token: SoftToken) -> str:
    """Business registration: the ID copy reused from the warehouse, the form scanned, built and
    signed with the officer's key on the test token (a dossier is sent only signed)."""
    d = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001612"))
    proposal = reuse.propose(ws, client, d.number, "giay_to_phap_ly")
    assert proposal.outcome == "attached"
    build_component_pdf(ws, d.number, "giay_de_nghi",
                        pages=[page_image(tmp_path / "form.png", dpi=200, seed=4)])
    sign_built(ws, d.number, token)
    return d.number


def test_openapi_file_documents_every_route(tmp_path: Path) -> None:
    from app.refserver.app import create_app

    documented = yaml.safe_load((REPO_ROOT / "app/sync/openapi.yaml").read_text(encoding="utf-8"))
    live = create_app(tmp_path / "d").openapi()
    assert {p: sorted(v) for p, v in documented["paths"].items()} == {p: sorted(v) for p,
                                                                      v in live["paths"].items()}


def test_login_discovery_and_wrong_password(server: RefServer) -> None:
    conf = requests.get(server.url + "/.well-known/openid-configuration", timeout=5).json()
    assert conf["token_endpoint"].endswith("/oauth/token")
    try:
        SyncClient(ClientConfig(base_url=server.url), username="demo", password="nope").login()
        raise AssertionError("login should fail")
    except AuthFailed as exc:
        assert "sai tên đăng nhập hoặc mật khẩu" in exc.message_vi
    assert requests.post(server.url + "/api/v1/dossiers", json={}, timeout=5).status_code == 401


def test_warehouse_search_cli_reports_signatures(cli: CliRunner, server: RefServer, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        _configure(ws, server)
    # the warehouse is read only to serve a dossier of that citizen: none open here yet
    none = cli("warehouse", "search", "--owner", "052090000495", "--workspace", tmp_path / "ws", env=LOGIN)
    assert none.returncode == 2 and "Chưa có hồ sơ đang tiếp nhận" in none.stderr
    with Workspace.open(tmp_path / "ws") as ws:
        number = open_dossier(ws, ReceptionRequest(owner="052090000495", procedure="1.001193")).number
    res = cli("warehouse", "search", "--owner", "052090000495", "--json", "--workspace", tmp_path / "ws",
              env=LOGIN)
    assert res.returncode == 0, res.stderr
    named = cli("warehouse", "search", "--owner", "052090000495", "--dossier", number, "--json",
                "--workspace", tmp_path / "ws", env=LOGIN)
    assert named.returncode == 0 and cli_json(named)["documents"] == cli_json(res)["documents"]
    docs = {d["code"]: d for d in cli_json(res)["documents"]}
    assert len(docs) == 4
    assert set(docs[next(iter(docs))]) >= {"code", "type", "type_name", "issuer", "issued", "use_count",
                                           "signature_status"}
    assert docs["052090000495.KQ.GXNHN.000033.10012024"]["signature_status"] == "INVALID"
    assert sum(d["signature_status"] == "VALID" for d in docs.values()) == 3
    bad = cli("warehouse", "search", "--owner", "052090000495", "--workspace", tmp_path / "ws",
              env={"MOTCUA_USER": "demo", "MOTCUA_PASSWORD": "Zq9-pw-Kx"})
    assert bad.returncode == 2 and "Zq9-pw-Kx" not in bad.stderr


def test_reuse_one_attaches_several_ask_invalid_never(workspace: Workspace, server: RefServer) -> None:
    _configure(workspace, server)
    client = _client(server)
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="2.001263"))
    several = reuse.propose(workspace, client, d.number, "giay_khai_sinh_tre")
    assert several.outcome == "choose" and len(several.choices) == 2
    only_bad = reuse.propose(workspace, client, d.number, "xac_nhan_hon_nhan")
    assert only_bad.outcome == "scan" and only_bad.refused[0].signature_status == "INVALID"
    before = client.search_documents("052090000495", "GKS", dossier=d.number)
    reuse.attach(workspace, client, d.number, "giay_khai_sinh_tre", several.choices[0].code)
    after = {x["code"]: x["use_count"]
             for x in client.search_documents("052090000495", "GKS", dossier=d.number)}
    assert after[several.choices[0].code] == next(x["use_count"] for x in before
                                                  if x["code"] == several.choices[0].code) + 1
    assert workspace.dossiers.get(d.number).component("giay_khai_sinh_tre").state is ComponentState.REUSED
    rate = reuse.reuse_rate(workspace)
    assert rate["components_reused"] == 1 and rate["dossiers_with_reuse"] == 1
    fb = reuse.feedback(workspace, client, "052090000495.KQ.GXNHN.000033.10012024", "not_gov_ca_signed",
                        "chữ ký không hợp lệ")
    assert fb["reason_vi"].startswith("Không ký số")


def test_outbox_delivers_once_with_matching_hashes_through_faults(workspace: Workspace, server: RefServer,
                                                                  token: SoftToken,
                                                                  tmp_path: Path) -> None:
    _configure(workspace, server)
    client = _client(server)
    number = _ready_dossier(workspace, server, client, tmp_path, token)
    submit.enqueue(workspace, number)
    server.faults(fail_next=2, status=503, retry_after=0)  # transient errors: retried
    report = submit.run(workspace, client)
    assert report.sent and not report.rejected
    held = [d for d in server.dossiers() if d["MaHoSo"] == number]
    assert len(held) == 1
    local = {d.signed_sha256 or d.pdf_sha256 for d in workspace.documents.for_dossier(number)}
    assert {t["Sha256"] for t in held[0]["TaiLieuNop"]} == local
    for t in held[0]["TaiLieuNop"]:
        data = (server.data / "files" / t["TepDinhKemId"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == t["Sha256"]
    assert workspace.dossiers.get(number).state.value == "sent"
    # The result goes back to the citizen once the province has processed it (status 9).
    try:
        submit.return_result(workspace, number)
        raise AssertionError("result returned before the province processed the dossier")
    except InvalidInput as exc:
        assert "trạng thái 9" in exc.message_vi
    province = SyncClient(ClientConfig(base_url=server.url), username="tinh", password="tinh")  # the province
    province.update_status(number, 4, key=str(uuid.uuid4()))
    province.update_status(number, 9, key=str(uuid.uuid4()), note="Đã ký kết quả")
    submit.run(workspace, client)  # the poll reads status 9
    submit.return_result(workspace, number)
    submit.run(workspace, client)
    assert client.dossier(number)["TrangThaiHoSo"] == 10


def test_lost_response_and_expired_token_do_not_duplicate(workspace: Workspace, server: RefServer,
                                                          token: SoftToken, tmp_path: Path) -> None:
    _configure(workspace, server)
    client = _client(server)
    number = _ready_dossier(workspace, server, client, tmp_path, token)
    submit.enqueue(workspace, number)
    server.faults(drop_response_next=1, expire_tokens=True)
    report = submit.run(workspace, client)
    assert report.sent, report
    assert [d["MaHoSo"] for d in server.dossiers()].count(number) == 1


def test_server_killed_and_restarted_nothing_lost(workspace: Workspace, server: RefServer, token: SoftToken,
                                                  tmp_path: Path) -> None:
    _configure(workspace, server)
    client = _client(server)
    number = _ready_dossier(workspace, server, client, tmp_path, token)
    submit.enqueue(workspace, number)
    server.kill()
    offline = submit.run(workspace, _client(server))
    assert offline.offline and not offline.sent
    queued = [i for i in items(workspace) if i.kind == "dossier"][0]
    assert queued.state == "waiting" and "hàng đợi" in queued.last_error_vi
    server.start()
    again = submit.run(workspace, _client(server))
    assert again.sent and [d["MaHoSo"] for d in server.dossiers()].count(number) == 1


def test_client_killed_mid_sync_resumes_exactly_once(cli: CliRunner, server: RefServer, token: SoftToken,
                                                     tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    with Workspace.open(ws_dir) as ws:
        _configure(ws, server)
        client = _client(server)
        number = _ready_dossier(ws, server, client, tmp_path, token)
        big = tmp_path / "big.png"
        from PIL import Image

        # ~6 MB: several chunks
        Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3)).save(big, dpi=(200, 200))
        doc, _ = build_component_pdf(ws, number, "bien_ban_hop", pages=[big])
        sign_built(ws, number, token)
        submit.enqueue(ws, number)
    server.faults(delay_s=0.4)
    proc = subprocess.Popen([sys.executable, "-m", "app", "sync", "run", "--once", "--workspace",
                             str(ws_dir)],
                            env=cli_env(LOGIN), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    server.faults()
    res = cli("sync", "run", "--once", "--workspace", ws_dir, "--json", env=LOGIN)
    assert res.returncode == 0, res.stderr
    held = [d for d in server.dossiers() if d["MaHoSo"] == number]
    assert len(held) == 1 and len(held[0]["TaiLieuNop"]) == 3
    status = cli_json(cli("sync", "status", "--json", "--workspace", ws_dir))
    assert [i["state"] for i in status["items"] if i["kind"] == "dossier"] == ["sent"]
    assert all(i["state"] == "sent" for i in status["items"])  # the warehouse reuse record too


def test_corrupted_chunk_is_refused(server: RefServer) -> None:
    client = _client(server)
    client.login()
    up = client.json("POST", "/api/v1/uploads",
                     json={"name": "x.pdf", "size": 5, "sha256": hashlib.sha256(b"hello").hexdigest()},
                     headers={"Idempotency-Key": "k1"})
    r = requests.put(f"{server.url}/api/v1/uploads/{up['upload_id']}/chunks/0",
                     files={"chunk": ("0", b"hellO")}, data={"sha256": hashlib.sha256(b"hello").hexdigest()},
                     headers={"Authorization": f"Bearer {client._token}"}, timeout=5)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


def test_a_document_with_a_broken_signature_is_rejected_with_the_reason(workspace: Workspace,
                                                                        server: RefServer, token: SoftToken,
                                                                       tmp_path: Path) -> None:
    """The server verifies attached documents: a signature that no longer matches the file is
    refused, the officer reads why in Vietnamese, and the dossier waits in the outbox for a fix."""
    _configure(workspace, server)
    client = _client(server)
    number = _ready_dossier(workspace, server, client, tmp_path, token)
    broken = client.fetch_document("052090000495.KQ.GXNHN.000033.10012024",
                                   dossier=number)  # seeded with a damaged signature
    doc = next(d for d in workspace.documents.for_dossier(number) if d.component_id == "giay_de_nghi")
    blob = workspace.blobs.put_bytes(broken, "pdf")
    with workspace.db.transaction() as conn:
        workspace.documents.set_signed(conn, doc.id or 0, blob.sha256)
    submit.enqueue(workspace, number)
    report = submit.run(workspace, client)
    assert report.rejected and not report.sent
    item = [i for i in items(workspace) if i.kind == "dossier"][0]
    assert item.state == "rejected"
    assert "chữ ký" in item.last_error_vi.lower() and "Invalid signature" in item.last_error
    assert number not in [d["MaHoSo"] for d in server.dossiers()]


def test_server_signature_policies(tmp_path: Path) -> None:
    from pyhanko.sign import signers

    from app.refserver.app import Problem, check_attachment
    from app.sign.pdf import build_pdf
    from app.sign.signer import SignOptions, sign_bytes
    from app.testing.pki import build_test_pki

    ours, foreign = build_test_pki(tmp_path / "ours"), build_test_pki(tmp_path / "foreign",
                                                                      name_prefix="Other")
    unsigned = tmp_path / "unsigned.pdf"
    build_pdf([page_image(tmp_path / "p.png", dpi=200)], unsigned)
    signer = signers.SimpleSigner.load(str(ours.officer.key), str(ours.officer.cert),
                                       ca_chain_files=[str(p) for p in ours.officer.chain])
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_bytes(unsigned.read_bytes(), signer, SignOptions())[0])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nthis is not a PDF body")

    check_attachment(unsigned, "a.pdf", trust_dir=None, require_signed=False)  # default: unsigned accepted
    check_attachment(signed, "b.pdf", trust_dir=ours.trust_dir, require_signed=True)
    for path, trust, required, title in ((unsigned, None, True, "Unsigned document"),
                                         (signed, foreign.trust_dir, False, "Untrusted signature"),
                                         (junk, None, False, "Unreadable PDF")):
        try:
            check_attachment(path, path.name, trust_dir=trust, require_signed=required)
        except Problem as exc:
            assert exc.title == title and exc.status == 422 and path.name in exc.detail_vi
        else:
            raise AssertionError(f"{path.name} accepted")


def test_a_reuse_recorded_while_the_server_is_away_reaches_it_later(workspace: Workspace,
                                                                    server: RefServer) -> None:
    """The document is attached at the counter; the use count on the server follows with the outbox."""
    _configure(workspace, server)
    client = _client(server)
    code = "052090000495.KQ.G15.000021.02022024"
    d = open_dossier(workspace, ReceptionRequest(owner="052090000495", procedure="1.001612"))
    before = next(x for x in client.search_documents("052090000495", "G15",
                                                     dossier=d.number) if x["code"] == code)["use_count"]
    server.faults(fail_next=20, status=503, retry_after=0, fail_path="/uses")  # only the use record fails
    assert reuse.propose(workspace, client, d.number, "giay_to_phap_ly").outcome == "attached"
    use = [i for i in items(workspace) if i.kind == "warehouse_use"]
    assert len(use) == 1 and use[0].state == "waiting" and use[0].attempts == 1
    assert next(x for x in client.search_documents("052090000495", "G15", dossier=d.number)
                if x["code"] == code)["use_count"] == before
    server.faults(fail_next=0)
    assert use[0].id in submit.run(workspace, client).sent
    assert next(x for x in client.search_documents("052090000495", "G15", dossier=d.number)
                if x["code"] == code)["use_count"] == before + 1


def test_tls_with_the_configured_ca_bundle_and_a_clear_refusal_without_it(tmp_path: Path) -> None:
    from app.sync.client import TlsUntrusted
    from app.testing.pki import build_test_pki
    from tests.sync.conftest import free_port

    pki = build_test_pki(tmp_path / "tls-pki", name_prefix="TLS Test")
    assert pki.tls_server is not None
    srv = RefServer(tmp_path / "srv", free_port(),
                    tls=(pki.base_dir / "tls_server-fullchain.pem", pki.tls_server.key, pki.root))
    srv.data.mkdir()
    srv.start()
    try:
        assert srv.url.startswith("https://")
        trusted = SyncClient(ClientConfig(base_url=srv.url, ca_bundle=str(pki.root), timeout_s=5),
                             username="demo",
                             password="demo")
        assert trusted.account("052090000495")["state"] == "linked"
        # the Settings test of the server goes through the same client and the same TLS rules
        from app.domain.errors import OperationFailed
        from app.services.diagnostics import check_server

        assert check_server(srv.url, str(pki.root)).ok
        try:
            check_server(srv.url, "")
        except OperationFailed as refused:
            assert "không được tin cậy" in refused.message_vi
        else:
            raise AssertionError("the server test trusted an unknown CA")
        untrusted = SyncClient(ClientConfig(base_url=srv.url, timeout_s=5, retries=3), username="demo",
                               password="demo")
        try:
            untrusted.account("052090000495")
        except TlsUntrusted as exc:
            assert "CA" in exc.message_vi and "hàng đợi" in exc.message_vi
        else:
            raise AssertionError("a server with an unknown CA was trusted")
    finally:
        srv.stop()


def test_a_file_the_server_lost_is_uploaded_again_on_retry(workspace: Workspace, server: RefServer,
                                                           token: SoftToken,
                                                           tmp_path: Path) -> None:
    """The files were acknowledged, then lost on the server's side before the dossier went in:
    the dossier is refused (unknown file) with the reason; ``sync retry`` uploads them again
    instead of re-sending the lost file ids, and the dossier arrives with matching hashes."""
    import sqlite3

    from app.sync import outbox

    _configure(workspace, server)
    client = _client(server)
    number = _ready_dossier(workspace, server, client, tmp_path, token)
    item = submit.enqueue(workspace, number)["outbox_item"]
    server.faults(fail_next=20, fail_path="/api/v1/dossiers", status=503, retry_after=0)
    assert item in submit.run(workspace, client).waiting  # files uploaded, the dossier itself not yet
    server.faults()
    with sqlite3.connect(server.data / "server.db") as conn:
        lost = [r[0] for r in conn.execute("SELECT id FROM files")]
        conn.execute("DELETE FROM files")
    for file_id in lost:
        (server.data / "files" / file_id).unlink(missing_ok=True)
    assert item in submit.run(workspace, client).rejected
    row = next(i for i in outbox.items(workspace) if i.id == item)
    assert row.state == "rejected" and "Unknown file" in row.last_error
    outbox.retry(workspace, item)
    assert item in submit.run(workspace, client).sent
    held = [d for d in server.dossiers() if d["MaHoSo"] == number]
    assert len(held) == 1
    for t in held[0]["TaiLieuNop"]:
        data = (server.data / "files" / t["TepDinhKemId"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == t["Sha256"]
    assert workspace.dossiers.get(number).state.value == "sent"
