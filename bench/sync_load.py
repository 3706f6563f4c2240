"""Load on the reference server: N workstations (threads) each submitting dossiers of 5 files x
2 MB for a while, through the real client code paths (registration, leased dossier numbers,
chunked uploads, idempotent submission).

    python bench/sync_load.py [--workstations 50] [--seconds 60] [--quick] [--no-postgres]

Runs on fresh servers, side by side: every workstation on ONE agency code (the real case:
several counters of one commune share the agency's daily numbering) and the old layout with one
agency per workstation (the baseline), both on SQLite with one server process; then one agency
on PostgreSQL (started here with initdb / pg_ctl) with 1, 2 and 4 server processes. Prints dossiers
per minute, p95 submission latency, and
lost / duplicated / misattributed dossiers (all must be 0; misattributed: a server-side dossier
whose workstation or file hashes are not those of the workstation that sent it), then the time
to search and attach a warehouse document."""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

from app.testing.postgres import Postgres, available

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.sync.client import ClientConfig, SyncClient  # noqa: E402

VN = timezone(timedelta(hours=7))
ONE_AGENCY = "000.87.34.H08"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Result:
    label: str
    workstations: int
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    sent: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # number -> (workstation id, hashes)
    errors: list[str] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    misattributed: int = 0

    def line(self) -> str:
        n = len(self.sent)
        lat = self.latencies
        p95 = statistics.quantiles(lat, n=20)[18] if len(lat) >= 20 else max(lat or [0])
        return (f"{self.label:11} {self.workstations} workstations: {n / self.elapsed * 60:7.1f} "
                "dossiers/min, "
                f"p95 {p95:5.2f} s, lost {self.lost}, duplicated "
                f"{self.duplicated}, misattributed {self.misattributed}, "
                f"client errors {len(self.errors)}")


def start_server(d: Path, database: str | None = None, workers: int = 1) -> tuple[subprocess.Popen[bytes],
                                                                                  str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    extra = ["--database", database] if database else []
    srv = subprocess.Popen([sys.executable, "-m", "app.refserver", "--port", str(port), "--data", str(d),
                            "--seed-demo", "--enable-test-faults", "--workers", str(workers), *extra],
                            env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(url + "/health", timeout=1).ok:
                return srv, url
        except requests.RequestException:
            time.sleep(0.2)
    srv.kill()
    raise SystemExit("reference server did not start")


def run(label: str, url: str, work: Path, workstations: int, seconds: float, file_mb: float,
        one_agency: bool) -> Result:
    res = Result(label, workstations)
    lock = threading.Lock()
    body = os.urandom(int(file_mb * 1024 * 1024))
    stop = time.monotonic() + seconds

    def workstation(n: int) -> None:
        client = SyncClient(ClientConfig(base_url=url, timeout_s=60), username="demo", password="demo")
        agency = ONE_AGENCY if one_agency else f"000.{n % 100:02d}.{n // 100:02d}.H08"
        ws_id = client.register_workstation(agency, f"bench-{n}", key=str(uuid.uuid4()))["workstation_id"]
        client.workstation_id = ws_id
        numbers: list[int] = []
        folder = work / f"ws{n}"
        folder.mkdir()
        while time.monotonic() < stop:
            now = datetime.now(VN)
            if not numbers:
                lease = client.lease_numbers(ws_id, now.date().isoformat(), 50, key=str(uuid.uuid4()))
                numbers = list(range(lease["first"], lease["last"] + 1))
            number = f"{agency}-{now:%y%m%d}-{numbers.pop(0):04d}"
            t = time.perf_counter()
            try:
                docs, hashes = [], []
                for i in range(5):  # this workstation's own files, unique to this dossier
                    p = folder / f"f{i}.pdf"
                    data = f"{ws_id} {number} {i}\n".encode() + body
                    p.write_bytes(data)
                    hashes.append(hashlib.sha256(data).hexdigest())
                    _uid, fid = client.upload_file(p, p.name, key=str(uuid.uuid4()))
                    docs.append({"TepDinhKemId": fid, "TenTepDinhKem": p.name, "MaThanhPhanHoSo": f"c{i}",
                                 "Sha256": hashes[i]})
                client.submit_dossier({"MaHoSo": number, "MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh",
                                       "ChuHoSo": "Bench", "LoaiDoiTuong": 1, "MaDoiTuong": "052090000495",
                                       "NgayTiepNhan": now.strftime("%Y%m%d%H%M%S"), "TrangThaiHoSo": 2,
                                       "TaiLieuNop": docs}, key=str(uuid.uuid4()))
                with lock:
                    res.latencies.append(time.perf_counter() - t)
                    res.sent[number] = (ws_id, hashes)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                with lock:
                    res.errors.append(f"{number}: {exc}")

    threads = [threading.Thread(target=workstation, args=(n,)) for n in range(workstations)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    res.elapsed = time.monotonic() - t0
    held = requests.get(url + "/_test/dossiers", timeout=60).json()["dossiers"]
    held_numbers = [h["MaHoSo"] for h in held]
    res.lost = len(set(res.sent) - set(held_numbers))
    res.duplicated = len(held_numbers) - len(set(held_numbers))
    for h in held:
        ws_id, hashes = res.sent.get(h["MaHoSo"], ("", []))
        if h["workstation_id"] != ws_id or sorted(t["Sha256"] for t in h["TaiLieuNop"]) != sorted(hashes):
            res.misattributed += 1
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workstations", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--file-mb", type=float, default=2.0)
    ap.add_argument("--quick", action="store_true", help="10 workstations, 15 s, 0.5 MB files")
    ap.add_argument("--no-postgres", action="store_true", help="SQLite runs only")
    args = ap.parse_args()
    if args.quick:
        args.workstations, args.seconds, args.file_mb = 10, 15, 0.5
    runs: list[tuple[str, bool, str, int]] = [("one "
                                               "agency", True, "sqlite", 1), ("per "
                                                                              "agency", False, "sqlite", 1)]
    pg = None
    if not args.no_postgres:
        why = available()
        if why:
            print(f"postgres   skipped: {why}")
        else:
            pg = Postgres()
            pg.start()
            runs += [(f"pg {w} worker{'s' if w > 1 else ''}", True, "postgresql", w) for w in (1, 2, 4)]
    results = []
    warehouse_ms = 0.0
    try:
        for label, one, backend, workers in runs:
            with tempfile.TemporaryDirectory() as tmp:
                d = Path(tmp)
                database = pg.new_database() if backend == "postgresql" and pg else None
                srv, url = start_server(d / "srv", database, workers)
                try:
                    results.append(run(label, url, d, args.workstations, args.seconds, args.file_mb, one))
                    if label == "one agency":
                        client = SyncClient(ClientConfig(base_url=url), username="demo", password="demo")
                        t = time.perf_counter()
                        docs = client.search_documents("052090000495", "G15")
                        client.fetch_document(docs[0]["code"])
                        client.record_use(docs[0]["code"], f"{ONE_AGENCY}-261123-0001", key=str(uuid.uuid4()))
                        warehouse_ms = (time.perf_counter() - t) * 1000
                finally:
                    os.killpg(srv.pid, 15)
                    srv.wait(20)
    finally:
        if pg:
            pg.stop()
    print(f"load       {args.workstations} workstations x 5 x {args.file_mb} MB for {args.seconds:.0f} s "
          "each; "
          "SQLite with one worker, PostgreSQL with 1, 2, 4 (one agency)")
    for r in results:
        print(r.line())
    base = results[0]
    for r in results[1:]:
        if r.sent and base.sent:
            print(f"ratio      {r.label} / one agency on SQLite: "
                  f"{len(r.sent) / r.elapsed / (len(base.sent) / base.elapsed):.2f}x dossiers/min")
    print(f"warehouse  search + fetch + record use: {warehouse_ms:.0f} ms "
          "(signature verification adds the verify time of bench/sign_batch.py)")
    for r in results:
        for e in r.errors[:3]:
            print(f"  {r.label} error: {e}")
    if any(r.lost or r.duplicated or r.misattributed for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
