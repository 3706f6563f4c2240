"""``motcua devices``: scanners on this machine (SANE local devices; folder:PATH always works)."""

from __future__ import annotations

import argparse

from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = subparsers.add_parser("devices", help="list scanners")
    dev.set_defaults(func=_devices)


def _devices(args: argparse.Namespace) -> int:
    from app.scan.devices import list_all_devices

    devices, drivers = list_all_devices()
    data = [{"name": d.name, "vendor": d.vendor, "model": d.model, "kind": d.kind} for d in devices]
    human = "\n".join(f"{d.name:24} {d.vendor} "
                      f"{d.model}" for d in devices) or "Không thấy máy quét nào (no scanner found)"
    off = [f"({s.kind}: {s.message_vi})" for s in drivers if not s.available]
    emit(args,
         {"devices": data, "drivers": [{"kind": s.kind, "available": s.available, "message": s.message_en}
                                             for s in drivers]},
         "\n".join([human, *off, "(folder:/đường/dẫn dùng thư mục ảnh như máy quét)"]))
    return 0
