"""Request bounds of the reference server: chunk size checked while streaming (never read
whole), a lying chunk, the file size cap, a 1 GB body and a 100 000-item list refused early
with the server's memory flat, and abandoned uploads expired."""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.sync.conftest import RefServer, free_port


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RefServer]:
    data = tmp_path_factory.mktemp("bounds") / "srv"
    data.mkdir()
    s = RefServer(data, free_port(), extra=("--upload-max-age", "3"))
    s.start()
    yield s
    s.stop()


def _headers(url: str) -> dict[str, str]:
    tok = requests.post(url + "/oauth/token", timeout=10, data={"grant_type": "password", "username": "demo",
                                                                "password": "demo"}).json()["access_token"]
    return {"Authorization": f"Bearer {tok}"}


def _start(url: str, h: dict[str, str], data: bytes) -> str:
    r = requests.post(url + "/api/v1/uploads", headers={**h, "Idempotency-Key": str(uuid.uuid4())},
                      timeout=10,
                      json={"name": "a.bin", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    assert r.status_code == 201, r.text
    return str(r.json()["upload_id"])


def _rss_kb(s: RefServer) -> int:
    assert s.proc is not None
    status = Path(f"/proc/{s.proc.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def test_chunks_are_checked_against_their_slot_while_streaming(srv: RefServer) -> None:
    url, h = srv.url, _headers(srv.url)
    data = b"x" * (1024 * 1024 + 10)  # two chunks: 1 MiB and 10 bytes
    up = _start(url, h, data)
    # a chunk larger than its slot: 413 (the copy stops at the slot's size)
    big = b"y" * (1024 * 1024 + 1)
    r = requests.put(f"{url}/api/v1/uploads/{up}/chunks/1", headers=h, timeout=30,
                     files={"chunk": ("c", big)}, data={"sha256": hashlib.sha256(big).hexdigest()})
    assert r.status_code == 413 and "kích thước" in r.json()["detail_vi"]
    # a chunk that lies about nothing but is short of its slot: 422
    short = data[:100]
    r = requests.put(f"{url}/api/v1/uploads/{up}/chunks/0", headers=h, timeout=30,
                     files={"chunk": ("c", short)}, data={"sha256": hashlib.sha256(short).hexdigest()})
    assert r.status_code == 422 and r.json()["title"] == "Chunk size mismatch"
    assert requests.get(f"{url}/api/v1/uploads/{up}", headers=h, timeout=10).json()["received"] == []
    for i, part in enumerate((data[:1024 * 1024], data[1024 * 1024:])):
        r = requests.put(f"{url}/api/v1/uploads/{up}/chunks/{i}", headers=h, timeout=30,
                         files={"chunk": ("c", part)}, data={"sha256": hashlib.sha256(part).hexdigest()})
        assert r.status_code == 200, r.text
    done = requests.post(f"{url}/api/v1/uploads/{up}/complete", headers=h, timeout=30)
    assert done.status_code == 200
    assert (srv.data / "files" / done.json()["file_id"]).read_bytes() == data
    assert not list((srv.data / "chunks").glob(f"{up}/*"))


def test_files_over_the_size_cap_are_refused_at_the_start(srv: RefServer) -> None:
    url, h = srv.url, _headers(srv.url)
    r = requests.post(url + "/api/v1/uploads", headers={**h, "Idempotency-Key": str(uuid.uuid4())},
                      timeout=10,
                      json={"name": "huge.pdf", "size": 600 * 1024**2, "sha256": "0" * 64})
    assert r.status_code == 413 and "tối đa" in r.json()["detail_vi"]


def test_a_1gb_body_and_a_100000_item_list_are_refused_early_with_memory_flat(srv: RefServer) -> None:
    url, h = srv.url, _headers(srv.url)
    before = _rss_kb(srv)
    # declared 1 GB: refused from the header, before any of it is read
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    conn.putrequest("POST", "/api/v1/dossiers")
    for k, v in {**h, "Content-Type": "application/json", "Content-Length": str(1024**3),
                 "Idempotency-Key": str(uuid.uuid4())}.items():
        conn.putheader(k, v)
    conn.endheaders()
    conn.send(b"{" + b" " * 65536)
    resp = conn.getresponse()
    assert resp.status == 413 and json.loads(resp.read())["title"] == "Request too large"
    conn.close()

    # 1 GB streamed without a declared length (chunked): cut off once past the cap
    sent = 0

    def stream() -> Iterator[bytes]:
        nonlocal sent
        piece = b" " * (1024 * 1024)
        for _ in range(1024):
            sent += len(piece)
            yield piece

    try:
        r = requests.post(url + "/api/v1/dossiers", data=stream(), timeout=60,
                          headers={**h, "Content-Type": "application/json",
                                   "Idempotency-Key": str(uuid.uuid4())})
        assert r.status_code == 413
    except requests.ConnectionError:
        pass  # the server answered 413 and closed while the client was still sending
    assert sent < 64 * 1024**2  # it stopped reading long before 1 GB

    # a 100 000-item list: refused (413 by size, or 422 by the list cap), never processed
    doc = {"TepDinhKemId": "f", "TenTepDinhKem": "a.pdf", "MaThanhPhanHoSo": "x", "Sha256": "0" * 64}
    body = {"MaHoSo": "000.87.34.H08-261123-0001", "MaTTHC": "1.001193", "TenTTHC": "x", "ChuHoSo": "x",
            "LoaiDoiTuong": 1, "MaDoiTuong": "052090000495", "NgayTiepNhan": "20261123080000",
            "TrangThaiHoSo": 2,
            "TaiLieuNop": [doc] * 100_000}
    r = requests.post(url + "/api/v1/dossiers", json=body, timeout=60,
                      headers={**h, "Idempotency-Key": str(uuid.uuid4()), "X-Workstation-Id": "x"})
    assert r.status_code in (413, 422), r.text
    few = {**body, "TaiLieuNop": [doc] * 201}  # under the body cap, over the list cap
    r = requests.post(url + "/api/v1/dossiers", json=few, timeout=60,
                      headers={**h, "Idempotency-Key": str(uuid.uuid4()), "X-Workstation-Id": "x"})
    assert r.status_code == 422 and "TaiLieuNop" in r.json()["detail"]
    assert _rss_kb(srv) - before < 40 * 1024, (before, _rss_kb(srv))  # memory stays flat (< 40 MB growth)


def test_abandoned_uploads_expire_with_their_chunks(srv: RefServer) -> None:
    url, h = srv.url, _headers(srv.url)
    data = b"z" * 2000
    up = _start(url, h, data)
    r = requests.put(f"{url}/api/v1/uploads/{up}/chunks/0", headers=h, timeout=10,
                     files={"chunk": ("c", data)}, data={"sha256": hashlib.sha256(data).hexdigest()})
    assert r.status_code == 200 and (srv.data / "chunks" / up / "0").is_file()
    time.sleep(3.5)  # the server runs with --upload-max-age 3
    _start(url, h, b"new")  # any new upload sweeps the abandoned ones
    assert requests.get(f"{url}/api/v1/uploads/{up}", headers=h, timeout=10).status_code == 404
    assert not (srv.data / "chunks" / up).exists()


def test_unfinished_uploads_are_limited_per_account(srv: RefServer) -> None:
    tok = requests.post(srv.url + "/oauth/token", timeout=10,
                        data={"grant_type": "password", "username": "giamsat",
                              "password": "giamsat"}).json()["access_token"]
    h = {"Authorization": f"Bearer {tok}"}
    codes = []
    for k in range(5):  # 5 x 500 MiB declared, none finished: past the 2 GiB quota at the fifth
        r = requests.post(srv.url + "/api/v1/uploads", headers={**h, "Idempotency-Key": str(uuid.uuid4())},
                          timeout=10,
                          json={"name": f"{k}.pdf", "size": 500 * 1024**2, "sha256": f"{k:064x}"})
        codes.append(r.status_code)
    assert codes == [201, 201, 201, 201, 413]
    assert "dở dang" in r.json()["detail_vi"]
    other = _headers(srv.url)  # another account is not affected
    assert _start(srv.url, other, b"abc")
