"""``motcua sign``: sign PDFs with the token (PIN once per batch, never on the command line)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import open_workspace
from app.cli.output import emit, progress
from app.domain.errors import InvalidInput
from app.domain.signing_policy import KeyRole

if TYPE_CHECKING:
    from app.sign.signer import SignOptions, SignResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sign = subparsers.add_parser("sign", help="sign PDFs with the PKCS#11 token")
    sign.add_argument("inputs", nargs="*", type=Path, metavar="IN.pdf")
    sign.add_argument("-o", "--output-dir", type=Path, help="directory for the signed files")
    sign.add_argument("--module", help="PKCS#11 module (default: settings, else the first one found)")
    sign.add_argument("--token", help="token label")
    sign.add_argument("--key", default=None,
                      help="key/certificate label on the token (default: files: officer; --dossier: the key "
                           "each "
                           "document's purpose needs, the officer's for digitized components)")
    sign.add_argument("--confirm-agency-key", action="store_true",
                      help="with --dossier: also sign the certified copies / results that need the agency's "
                           "key")
    sign.add_argument("--level", choices=("b-b", "b-t", "b-lt"), default="b-b",
                      help="b-lt adds the chain and revocation info (falls back to b-t, and says so, when it "
                           "cannot be fetched)")
    sign.add_argument("--tsa", help="RFC 3161 timestamp server URL (levels b-t, b-lt)")
    sign.add_argument("--trust", type=Path, help="trust anchors directory for b-lt (default: settings)")
    sign.add_argument("--tsa-timeout", type=float, default=30.0)
    sign.add_argument("--tsa-policy", choices=("fail", "without"), default="fail",
                      help="when the TSA fails: fail, or sign without timestamp and mark for later")
    sign.add_argument("--copy-stamp", choices=("sao-y", "sao-luc", "trich-sao"),
                      help="certified electronic copy stamp (Decree 30/2020 art. 25), signed with the "
                           "agency key")
    sign.add_argument("--agency", help="copying agency's name for --copy-stamp")
    sign.add_argument("--title", default="", help="signer's title for the officer appearance")
    sign.add_argument("--signature-image", type=Path)
    sign.add_argument("--seal", type=Path, metavar="IMAGE",
                      help="the agency's seal (transparent PNG at its physical dpi): the agency appearance, "
                           "the seal "
                           "over the signature image; with --copy-stamp, beside the copy stamp. Signs with "
                           "the "
                           "agency key")
    sign.add_argument("--invisible", action="store_true")
    sign.add_argument("--dossier", help="sign the built documents of this dossier in the workspace")
    sign.set_defaults(func=_sign)


def read_pin() -> str:
    """PIN from MOTCUA_PIN (automation) or a prompt; never from the command line."""
    pin = os.environ.get("MOTCUA_PIN")
    if pin:
        return pin
    if not sys.stdin.isatty():
        raise InvalidInput("No PIN: set MOTCUA_PIN or run in a "
                           "terminal", "Chưa có mã PIN: đặt MOTCUA_PIN hoặc chạy trong cửa sổ dòng lệnh")

    return getpass.getpass("Mã PIN của token (token PIN): ")


def sign_options(args: argparse.Namespace) -> SignOptions:
    from app.sign.appearance import AppearanceKind, AppearanceOptions, CopyKind
    from app.sign.signer import Level, SignOptions, TsaPolicy

    if args.seal and not args.seal.is_file():
        raise InvalidInput(f"Seal image {args.seal} not found", f"Không thấy ảnh con dấu {args.seal}")
    if args.copy_stamp:
        if not args.agency:
            raise InvalidInput("--copy-stamp needs --agency NAME", "--copy-stamp cần --agency TÊN_CƠ_QUAN")
        app = AppearanceOptions(kind=AppearanceKind.COPY, copy_kind=CopyKind(args.copy_stamp),
                                agency_name=args.agency,
                                seal_image=args.seal)
    elif args.seal:
        if args.invisible:
            raise InvalidInput("--seal and --invisible exclude each "
                               "other", "--seal và --invisible không dùng cùng nhau")
        app = AppearanceOptions(kind=AppearanceKind.AGENCY, signer_title=args.title,
                                signature_image=args.signature_image,
                                seal_image=args.seal, agency_name=args.agency or "")
    elif args.invisible:
        app = AppearanceOptions(kind=AppearanceKind.INVISIBLE)
    else:
        app = AppearanceOptions(kind=AppearanceKind.OFFICER, signer_title=args.title,
                                signature_image=args.signature_image)
    return SignOptions(level=Level(args.level), tsa_url=args.tsa or "", tsa_timeout_s=args.tsa_timeout,
                       tsa_policy=TsaPolicy(args.tsa_policy), appearance=app, trust_dir=args.trust)


def _module(args: argparse.Namespace, configured: str = "") -> str:
    from app.sign.tokens import discover_modules

    if args.module:
        return str(args.module)
    found = discover_modules(configured or None)
    if not found:
        raise InvalidInput("No PKCS#11 module found; give --module "
                           "PATH", "Không tìm thấy trình điều khiển token; dùng --module")
    return found[0].path


def _sign(args: argparse.Namespace) -> int:
    from app.sign.signer import sign_with_token

    options = sign_options(args)
    if args.dossier:
        return _sign_dossier(args, options)
    if not args.inputs or not args.output_dir:
        raise InvalidInput("Give IN.pdf files and -o OUTDIR (or --dossier "
                           "NO)", "Cần tệp PDF và -o THƯ_MỤC (hoặc --dossier)")
    key = args.key or ("agency" if args.copy_stamp or args.seal else "officer")
    results = sign_with_token(args.inputs, args.output_dir, module=_module(args), pin=read_pin(),
                              key_label=key,
                              token_label=args.token, options=options,
                              progress=lambda i, n, p: progress(f"[{i}/{n}] {p.name}"))
    data = [_result_json(r) for r in results]
    human = "\n".join(f"{'✓' if r.ok else '✗'} "
                      f"{r.source.name}" + (f" -> {r.output}" if r.output else f": {r.error_vi}")
                      for r in results)
    emit(args, {"results": data}, human)
    return 0 if all(r.ok for r in results) else 1


def _result_json(r: SignResult, **extra: object) -> dict[str, object]:
    return {"input": str(r.source), "output": str(r.output) if r.output else None, "signed": r.ok,
            "timestamped": r.timestamped, "needs_timestamp": r.needs_timestamp, "long_term": r.long_term,
            "needs_revocation_info": r.needs_revocation_info, "error": r.error_en, "error_vi": r.error_vi,
            **extra}


def _sign_dossier(args: argparse.Namespace, options: SignOptions) -> int:
    """Each waiting document is signed by the key its purpose needs (``services.signing``): the
    officer's key for digitized components; the agency's key for certified copies only with
    ``--key AGENCY_LABEL`` or ``--confirm-agency-key``. The certificate is found on the token
    by its role, never by list order."""
    from app.services import signing
    from app.sign.appearance import AppearanceKind, AppearanceOptions
    from app.sign.tokens import list_tokens

    with open_workspace(args) as ws:
        module = _module(args, ws.settings.pkcs11_module)
        if options.trust_dir is None and ws.settings.trust_dir:
            options = replace(options, trust_dir=Path(ws.settings.trust_dir))
        token = args.token or ws.settings.token_label or None
        if args.key:
            _tok, cert = signing.find_certificate(module, args.key, token)
            plan = [(cert.role, cert)]
        else:
            certs = [c for t in list_tokens(module) if not token or t.label == token for c in t.certificates]
            plan = [(role, c) for role in signing.roles_needed(ws, args.dossier)
                    if (c := signing.choose_certificate(certs, role)) is not None]
        if not plan:
            raise InvalidInput(f"Dossier {args.dossier} has no built document waiting for a signature",
                               f"Hồ sơ {args.dossier} không có tài liệu nào chờ ký")
        data: list[dict[str, object]] = []
        lines: list[str] = []
        pin: str | None = None
        for role, cert in plan:
            waiting = signing.pending_documents(ws, args.dossier, role)
            reason_en = reason_vi = ""
            if cert is None:
                reason_en = f"no {role.value}'s certificate on the token"
                reason_vi = f"không có chứng thư của {role.name_vi} trên token"
            elif role is KeyRole.AGENCY and not (args.key or args.confirm_agency_key):
                reason_en = ("needs the agency's key: confirm with --confirm-agency-key "
                             "or choose it with --key")
                reason_vi = "cần khóa của cơ quan: xác nhận bằng --confirm-agency-key hoặc chọn bằng --key"
            if reason_en:
                for doc in waiting:
                    name = signing.export_name(doc)
                    data.append({"name": name, "input": str(ws.blobs.path(doc.pdf_sha256, "pdf")),
                                 "output": None, "signed": False, "role": role.value,
                                 "error": reason_en, "error_vi": reason_vi})
                    lines.append(f"✗ {name}: {reason_vi}")
                continue
            assert cert is not None
            role_options = options
            if role is KeyRole.AGENCY and options.appearance.kind is not AppearanceKind.COPY:
                role_options = replace(options, appearance=AppearanceOptions(
                    kind=AppearanceKind.COPY, agency_name=args.agency or ws.settings.agency_name,
                    seal_image=args.seal or _settings_seal(ws)))
            elif role is KeyRole.OFFICER and options.appearance.kind is AppearanceKind.COPY:
                role_options = replace(options, appearance=AppearanceOptions(
                    kind=AppearanceKind.OFFICER, signer_name=cert.common_name,
                    signer_title=ws.settings.officer_title))
            if pin is None:
                pin = read_pin()
            done = signing.sign_dossier(ws, args.dossier, module=module, pin=pin, key_label=cert.label,
                                        token_label=token, options=role_options,
                                        confirm_agency=True,
                                        progress=lambda i, n, p: progress(f"[{i}/{n}] {p.name}"))
            for item in done:
                r = item.result
                data.append(_result_json(r, role=role.value, certificate=cert.common_name,
                                         name=signing.export_name(item.document)))
                lines.append(f"{'✓' if r.ok else '✗'} {signing.export_name(item.document)} "
                             f"({cert.common_name})" + ("" if r.ok else f": {r.error_vi}"))
    emit(args, {"results": data}, "\n".join(lines))
    return 0 if data and all(d["signed"] for d in data) else 1


def _settings_seal(ws: object) -> Path | None:
    from app.services.signing import configured_seal

    return configured_seal(ws)  # type: ignore[arg-type]
