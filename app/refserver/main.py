"""``python -m app.refserver`` / ``motcua server``: run the reference provincial server."""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import ssl
from pathlib import Path


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="motcua server",
                                               description="Reference provincial one-stop system")
    parser.add_argument("--host", default="127.0.0.1", help="listen address (loopback by default)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data", type=Path, default=Path("refserver-data"),
                        help="data directory (SQLite, files)")
    parser.add_argument("--seed-demo", action="store_true",
                        help="create the demo owner, documents and accounts")
    parser.add_argument("--enable-test-faults", action="store_true", help="expose /_test/faults (tests only)")
    parser.add_argument("--trust", type=Path,
                        help="trust anchors: attached documents must chain to one of them")
    parser.add_argument("--require-signed", action="store_true",
                        help="refuse attached documents without a signature")
    parser.add_argument("--tls-cert", type=Path, help="serve HTTPS with this certificate chain (PEM)")
    parser.add_argument("--tls-key", type=Path, help="private key of --tls-cert (PEM)")
    parser.add_argument("--token-lifetime", type=int, default=600, help="access token lifetime in seconds")
    parser.add_argument("--database", help="postgresql://user@host:port/db (default: SQLite in --data); "
                                           "files stay in --data, a directory every server process shares")
    parser.add_argument("--workers", type=int, default=1, help="server processes (uvicorn workers)")
    parser.add_argument("--lockout-window", type=int, default=900,
                        help="login lock-out: 5 wrong passwords of one account within this many seconds "
                             "lock it")
    parser.add_argument("--insecure", action="store_true",
                        help="allow listening beyond loopback without TLS (never in production)")
    parser.add_argument("--fast-password-hashes", action="store_true",
                        help="cheap Argon2id parameters so test servers start quickly "
                             "(only with --enable-test-faults)")
    parser.add_argument("--upload-max-age", type=int, default=24 * 3600,
                        help="unfinished uploads older than this many seconds are dropped with their chunks")
    return parser


_ENV = "MOTCUA_REFSERVER_ARGS"


def _app_kwargs(args: argparse.Namespace) -> dict[str, object]:
    return {"enable_test_faults": args.enable_test_faults, "token_lifetime_s": args.token_lifetime,
            "trust_dir": args.trust, "require_signed": args.require_signed, "database": args.database,
            "lockout_window_s": args.lockout_window, "upload_max_age_s": args.upload_max_age}


def _hash_cost(fast: bool) -> None:
    from app.refserver.auth import HashCost, use_hash_cost  # noqa: PLC0415 - the server stack loads only when a server runs: `motcua` builds its parser from this module

    use_hash_cost(HashCost.TEST if fast else HashCost.STANDARD)


def worker_app() -> object:
    """The app of one worker process (uvicorn --workers imports this factory)."""
    from app.refserver.app import create_app  # noqa: PLC0415 - the server stack loads only when a server runs: `motcua` builds its parser from this module

    conf = json.loads(os.environ[_ENV])
    _hash_cost(bool(conf.get("fast_password_hashes")))
    return create_app(Path(conf["data"]), enable_test_faults=conf["enable_test_faults"],
                      token_lifetime_s=conf["token_lifetime_s"],
                      trust_dir=Path(conf["trust_dir"]) if conf["trust_dir"] else None,
                      require_signed=conf["require_signed"], database=conf["database"],
                      lockout_window_s=conf["lockout_window_s"], upload_max_age_s=conf["upload_max_age_s"])


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _tls_options(cert: Path, key: Path) -> dict[str, object]:
    """uvicorn's TLS settings with TLS 1.2 as the minimum version."""
    return {"ssl_certfile": str(cert), "ssl_keyfile": str(key), "ssl_version": ssl.PROTOCOL_TLS_SERVER,
            "ssl_ciphers": "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4"}


def serve(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 - the server stack loads only when a server runs: `motcua` builds its parser from this module

    from app.refserver.app import create_app  # noqa: PLC0415 - the server stack loads only when a server runs: `motcua` builds its parser from this module

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise SystemExit("--tls-cert and --tls-key go together")
    if not args.tls_cert and not args.insecure and not _loopback(args.host):
        raise SystemExit(f"refusing to listen on {args.host} without TLS: passwords and citizens' data would "
                         "cross the network in clear; give --tls-cert/--tls-key (or --insecure for a closed "
                         "test network)")
    if args.fast_password_hashes and not args.enable_test_faults:
        raise SystemExit("--fast-password-hashes is for test servers only (it needs --enable-test-faults)")
    _hash_cost(args.fast_password_hashes)
    # In this process first: the schema, the token signing key and the demo seed exist before any
    # worker starts.
    app = create_app(args.data, **_app_kwargs(args))  # type: ignore[arg-type]
    if args.seed_demo:
        from app.refserver.seed import seed_demo  # noqa: PLC0415 - builds a PKI and signs PDFs: only for --seed-demo

        seed_demo(app.state.db, args.data)
    tls = _tls_options(args.tls_cert, args.tls_key) if args.tls_cert else {}
    if args.workers > 1:
        kwargs = {k: (str(v) if isinstance(v, Path) else v) for k, v in _app_kwargs(args).items()}
        os.environ[_ENV] = json.dumps({"data": str(args.data.resolve()),
                                       "fast_password_hashes": args.fast_password_hashes, **kwargs})
        uvicorn.run("app.refserver.main:worker_app", factory=True, workers=args.workers, host=args.host,
                    port=args.port, log_level="warning", **tls)  # type: ignore[arg-type]
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **tls)  # type: ignore[arg-type]
    return 0


def main(argv: list[str] | None = None) -> int:
    return serve(build_parser().parse_args(argv))
