"""A real RFC 3161 timestamp server on 127.0.0.1 for tests and the demo, answering with the test
PKI's timestamping unit (pyHanko builds the token). ``delay_s`` makes it slow, to exercise the
signer's timeout and the TSA policy. It also publishes the PKI's CRLs (GET ``/intermediate.crl``
and ``/root.crl``), so a PKI built with ``crl_url`` pointing here has fetchable revocation info."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.testing.pki import TestPki


@dataclass
class TsaServer:
    pki: TestPki
    delay_s: float = 0.0
    port: int = 0  # 0: any free port
    requests: int = 0
    crl_requests: int = 0
    _server: ThreadingHTTPServer | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/tsa"

    def start(self) -> TsaServer:
        from asn1crypto import keys, pem, tsp
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        assert self.pki.tsa is not None, "the test PKI has no TSA identity"

        def load_cert(path: Any) -> Any:
            return asn1_x509.Certificate.load(pem.unarmor(path.read_bytes())[2])

        key = keys.PrivateKeyInfo.load(pem.unarmor(self.pki.tsa.key.read_bytes())[2])
        store = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]  # pyHanko: untyped
[load_cert(self.pki.intermediate), load_cert(self.pki.root)])
        stamper = DummyTimeStamper(load_cert(self.pki.tsa.cert), key, certs_to_embed=store)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.requests += 1
                if outer.delay_s:
                    time.sleep(outer.delay_s)
                try:
                    resp = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                except Exception:  # noqa: BLE001 - a bad request gets a 400
                    self.send_response(400)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(resp)))
                self.end_headers()
                self.wfile.write(resp)

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                path = self.path.rstrip("/")
                crl = outer.pki.crl if path.endswith("/intermediate.crl") else (
                    outer.pki.root_crl if path.endswith("/root.crl") else None)
                if crl is not None and crl.is_file():
                    outer.crl_requests += 1
                    body = crl.read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pkix-crl")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
