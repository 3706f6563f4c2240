"""``motcua devices``: scanners on this machine (SANE local devices; folder:PATH always works)."""

from __future__ import annotations

import argparse

from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = subparsers.add_parser("devices", help="list scanners")
    dev.set_defaults(func=_devices)


def _devices(args: argparse.Namespace) -> int:
    from app.services.digitize import list_devices

    devices = list_devices()
    data = [{"name": d.name, "vendor": d.vendor, "model": d.model, "kind": d.kind} for d in devices]
    human = "\n".join(f"{d.name:24} {d.vendor} {d.model}" for d in devices) or "Không thấy máy quét nào (no scanner found)"
    emit(args, {"devices": data}, human + "\n(folder:/đường/dẫn dùng thư mục ảnh như máy quét)")
    return 0
