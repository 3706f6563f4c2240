"""``motcua tokens``: PKCS#11 modules found on this machine, their tokens and certificates."""

from __future__ import annotations

import argparse

from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tok = subparsers.add_parser("tokens", help="list signing tokens and their certificates")
    tok.add_argument("--module", help="PKCS#11 module path (default: every known module found)")
    tok.set_defaults(func=_tokens)


def _tokens(args: argparse.Namespace) -> int:
    from app.sign.tokens import discover_modules, list_tokens

    modules = [args.module] if args.module else [m.path for m in discover_modules()]
    data = []
    lines = []
    for module in modules:
        for t in list_tokens(module):
            certs = [{"label": c.label, "subject": c.subject, "common_name": c.common_name,
                      "issuer": c.issuer,
                      "serial": c.serial, "not_before": c.not_before.isoformat(),
                      "not_after": c.not_after.isoformat(),
                      "key_usage": list(c.key_usage), "usable": c.usable, "problem": c.problem_en,
                      "problem_vi": c.problem_vi} for c in t.certificates]
            data.append({"module": module, "slot": t.slot, "label": t.label, "manufacturer": t.manufacturer,
                         "model": t.model, "serial": t.serial, "pin_count_low": t.pin_count_low,
                         "pin_final_try": t.pin_final_try, "pin_locked": t.pin_locked, "certificates": certs})
            lines.append(f"{t.label} ({t.manufacturer} {t.model}) — {module}")
            lines += [f"  [{c.label}] {c.common_name} / {c.issuer} đến {c.not_after:%d/%m/%Y}"
                      + ("" if c.usable else f"  ✗ {c.problem_vi}") for c in t.certificates]
    emit(args, {"tokens": data}, "\n".join(lines) or "Không tìm thấy token nào (no token found)")
    return 0
