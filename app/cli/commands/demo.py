"""``motcua demo``: start the demo environment (reference server with seeded owners and warehouse
documents, a SoftHSM token with the demo officer and agency keys, the SANE test scanner and an
image-folder scanner) on a demo workspace and open the app. ``--smoke`` does the same start-up
headless and exits 0 when everything is up. Child processes are always torn down."""

from __future__ import annotations

import argparse
import importlib.util
import signal
from pathlib import Path

from app.cli.output import emit, progress
from app.domain.errors import OperationFailed
from app.logging_setup import setup_logging
from app.store.workspace import Workspace


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser("demo", help="start the demo (server, token, scanners) and open the app")
    demo.add_argument("--smoke", action="store_true", help="start everything headless and exit 0 when all "
                                                           "is up")
    demo.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    try:
        present = all(importlib.util.find_spec(m) is not None for m in ("app.testing.softhsm",
                                                                        "app.refserver.main"))
    except ModuleNotFoundError:
        present = False
    if not present:  # a counter PC: the demo and its test keys are a separate package
        raise OperationFailed(
            "The demo is not installed on this machine (install motcua-station[demo], the motcua-demo and "
            "motcua-server packages)",
            "Máy này chưa cài bản trình diễn (cài gói motcua-demo "
            "và motcua-server, tức motcua-station[demo])")
    from app.ui.demo_env import DEMO_OFFICER_PASSWORD, DemoEnvironment

    root = Path(getattr(args, "workspace", None) or "demo-workspace").resolve()
    ws = Workspace.open(root)
    setup_logging(ws.logs_dir, verbose=getattr(args, "verbose", 0) or 0)
    env = DemoEnvironment(root / "demo")
    previous = signal.signal(signal.SIGTERM, lambda *_a: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        progress("Đang khởi động bản trình diễn… (starting the demo)")
        statuses = env.start(ws)
        lang = getattr(args, "lang", None) or "vi"
        lines = [("✔ " if s.ok else "✖ ") + (s.detail_vi if lang == "vi" else s.detail_en) for s in statuses]
        if args.smoke:
            emit(args, {"ok": env.all_up, "workspace": str(root),
                        "parts": [{"name": s.name, "ok": s.ok, "detail": s.detail_en} for s in statuses]},
                 "\n".join(lines))
            if not env.all_up:
                missing = ", ".join(s.name for s in statuses if not s.ok)
                raise OperationFailed(f"Demo parts not up: {missing}",
                                      f"Một số phần của bản trình diễn chưa chạy: {missing}")
            return 0
        progress("\n".join(lines))
        from app.ui.app import run

        return run(ws, lang=getattr(args, "lang", None), banner=env.banner_vi(),
                   demo_info={"scanners": ";".join(env.scanners), "pin": env.token_pin,
                              "server_password": DEMO_OFFICER_PASSWORD if env.server_url else ""})
    finally:
        env.stop()
        ws.close()
        signal.signal(signal.SIGTERM, previous)
