"""``motcua workstation register|show``: this workspace as a workstation of its agency."""

from __future__ import annotations

import argparse

from app.cli.context import open_workspace
from app.cli.login import credentials
from app.cli.output import emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("workstation", help="this workstation's registration with the provincial "
                                                      "system")
    sub = group.add_subparsers(dest="workstation_command", metavar="ACTION", required=True)
    reg = sub.add_parser("register", help="register this workspace as a workstation of an agency "
                                          "(login from MOTCUA_USER / MOTCUA_PASSWORD or a prompt)")
    reg.add_argument("--server", required=True, help="the provincial system's URL; used by every later "
                                                     "command")
    reg.add_argument("--agency", required=True, help="agency code, e.g. 000.87.34.H08")
    reg.add_argument("--name", required=True, help="the workstation's name, e.g. 'Quầy 1'")
    reg.add_argument("--workstation-id", default="", help="the id of a workstation being reinstalled")
    reg.set_defaults(func=_register)
    show = sub.add_parser("show", help="server, agency, workstation id and the dossier numbers leased")
    show.set_defaults(func=_show)


def _human(data: dict[str, object]) -> str:
    if not data.get("registered"):
        return "Máy trạm chưa đăng ký (motcua workstation register --server URL --agency CODE --name NAME)"
    return (f"Máy trạm: {data['name']} ({data['workstation_id']})\nCơ "
            f"quan: {data['agency']}\nMáy chủ: {data['server']}\n"
            f"Số hồ sơ đã được cấp: {data['numbers_leased']} (còn {data['numbers_left_today']} cho hôm nay)")


def _register(args: argparse.Namespace) -> int:
    from app.services import workstation
    from app.services.submit import client_from

    user, password = credentials()
    with open_workspace(args) as ws:
        client = client_from(ws, args.server, username=user, password=password)
        data = workstation.register(ws, client, agency=args.agency, name=args.name,
                                    workstation_id=args.workstation_id)
    emit(args, data, _human(data))
    return 0


def _show(args: argparse.Namespace) -> int:
    from app.services import workstation

    with open_workspace(args) as ws:
        data = workstation.show(ws)
    emit(args, data, _human(data))
    return 0
