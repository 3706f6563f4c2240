"""Load on the reference server: N workstations (threads) each submitting dossiers of 5 files x
2 MB for a while, through the real client and outbox code paths.

    python bench/sync_load.py [--workstations 50] [--seconds 60] [--quick]

Prints dossiers per minute, p95 submission latency, losses and duplicates (both must be 0),
and the time to search and attach a warehouse document."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.sync.client import ClientConfig, SyncClient  # noqa: E402


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workstations", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--file-mb", type=float, default=2.0)
    ap.add_argument("--quick", action="store_true", help="10 workstations, 15 s, 0.5 MB files")
    args = ap.parse_args()
    if args.quick:
        args.workstations, args.seconds, args.file_mb = 10, 15, 0.5
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        srv = subprocess.Popen([sys.executable, "-m", "app.refserver", "--port", str(port), "--data", str(d / "srv"),
                                "--seed-demo", "--enable-test-faults"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if requests.get(url + "/health", timeout=1).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.2)
            files = []
            for i in range(5):
                p = d / f"f{i}.pdf"
                p.write_bytes(os.urandom(int(args.file_mb * 1024 * 1024)))
                files.append(p)
            import hashlib

            hashes = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
            latencies: list[float] = []
            sent: list[str] = []
            errors: list[str] = []
            lock = threading.Lock()
            stop = time.monotonic() + args.seconds

            def workstation(n: int) -> None:
                client = SyncClient(ClientConfig(base_url=url, timeout_s=60), username="demo", password="demo")
                seq = 0
                while time.monotonic() < stop:
                    seq += 1
                    number = f"000.{n % 100:02d}.{n // 100:02d}.H08-261123-{seq:04d}"  # unique per workstation
                    t = time.perf_counter()
                    try:
                        docs = []
                        for i, f in enumerate(files):
                            _uid, fid = client.upload_file(f, f.name, key=f"{number}-f{i}")
                            docs.append({"TepDinhKemId": fid, "TenTepDinhKem": f.name, "MaThanhPhanHoSo": f"c{i}",
                                         "Sha256": hashes[i]})
                        client.submit_dossier({"MaHoSo": number, "MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh",
                                               "ChuHoSo": "Bench", "LoaiDoiTuong": 1, "MaDoiTuong": "052090000495",
                                               "NgayTiepNhan": "20261123080000", "TrangThaiHoSo": 2, "TaiLieuNop": docs},
                                              key=f"bench-{number}")
                        with lock:
                            latencies.append(time.perf_counter() - t)
                            sent.append(number)
                    except Exception as exc:  # noqa: BLE001 - counted and reported
                        with lock:
                            errors.append(f"{number}: {exc}")

            threads = [threading.Thread(target=workstation, args=(n,)) for n in range(args.workstations)]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - t0
            held = requests.get(url + "/_test/dossiers", timeout=30).json()["dossiers"]
            held_numbers = [h["MaHoSo"] for h in held]
            lost = len(set(sent) - set(held_numbers))
            dup = len(held_numbers) - len(set(held_numbers))
            p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else max(latencies or [0])
            print(f"load       {args.workstations} workstations x 5 x {args.file_mb} MB for {elapsed:.0f} s: "
                  f"{len(sent) / elapsed * 60:.1f} dossiers/min, p95 {p95:.2f} s, lost {lost}, duplicates {dup}, "
                  f"client errors {len(errors)}")
            client = SyncClient(ClientConfig(base_url=url), username="demo", password="demo")
            t = time.perf_counter()
            docs = client.search_documents("052090000495", "G15")
            client.fetch_document(docs[0]["code"])
            client.record_use(docs[0]["code"], "000.87.34.H08-261123-0001", key="bench-use")
            print(f"warehouse  search + fetch + record use: {(time.perf_counter() - t) * 1000:.0f} ms "
                  "(signature verification adds the verify time of bench/sign_batch.py)")
        finally:
            srv.terminate()
            srv.wait(10)


if __name__ == "__main__":
    main()
