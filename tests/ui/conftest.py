"""Fixtures for the Qt front end: an offscreen app with the Vietnamese catalogue, a workspace,
the main window, and screenshot helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import prepare_server_data

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _translations() -> None:
    """The .qm files are build outputs: compile them once per run."""
    from app.ui.i18n_build import build

    build()


@pytest.fixture
def ui_ws(tmp_path: Path, station_server: object) -> Iterator[object]:
    from app.store.workspace import Workspace
    from tests.conftest import register_workspace

    ws = Workspace.open(tmp_path / "ws")
    register_workspace(ws, station_server.url)  # type: ignore[attr-defined]
    yield ws
    ws.close()


@pytest.fixture
def main_window(qtbot, ui_ws):  # type: ignore[no-untyped-def]
    import shiboken6

    from app.ui.app import start

    _app, shell = start(ui_ws, lang="vi", show=True)
    win = shell.window
    qtbot.waitExposed(win)
    yield win
    win.ctx.runner.cancel_all()
    win.ctx.runner.wait(10000)
    for w in {win, shell.window}:  # a language switch replaced (and deleted) the first window
        if w is not None and shiboken6.isValid(w):
            w.close()
            w.deleteLater()


def save_settings(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    """Press Save on the Settings screen and wait for the operation that validates and writes."""
    task = screen.save()
    assert task is not None
    qtbot.waitUntil(lambda: task.finished.is_set() and screen._saving is None, timeout=10000)


def save_screenshot(widget, out_dir: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Grab the widget, save it as PNG and check it is not blank (many distinct colours, content
    beyond the background)."""
    from PySide6.QtGui import QImage

    path = out_dir / "ui" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    pix = widget.grab()
    assert pix.save(str(path)), f"could not save {path}"
    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    w, h = img.width(), img.height()
    assert w > 200 and h > 200, f"{name}: screenshot too small ({w}x{h})"
    colours = set()
    step = max(1, min(w, h) // 120)
    background = img.pixel(w - 2, h - 2)
    differing = 0
    total = 0
    for y in range(0, h, step):
        for x in range(0, w, step):
            px = img.pixel(x, y)
            colours.add(px)
            total += 1
            differing += px != background
    assert len(colours) > 8, f"{name}: screenshot looks blank ({len(colours)} colours)"
    assert differing / total > 0.02, f"{name}: screenshot is almost all background"
    return path


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A SoftHSM token with the test PKI's officer and agency keys (app.testing.softhsm)."""
    softhsm = pytest.importorskip("app.testing.softhsm")
    if softhsm.softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed")
    token = softhsm.demo_token(tmp_path_factory.mktemp("hsm"), pin="246810", label="MOTCUA-UI")
    token.apply_env()
    # SoftHSM reads SOFTHSM2_CONF when the module is initialised: if an earlier test in this
    # process already loaded it (e.g. the Sign screen listing tokens), initialise it again.
    from app.sign import tokens

    if str(token.module) in tokens._LIBS:
        tokens._LIBS[str(token.module)].reinitialize()  # type: ignore[attr-defined]
    return token


def built_document(ws, dossier_no: str, component_id: str, pages: int = 2):  # type: ignore[no-untyped-def]
    """A real archival PDF of ``pages`` synthetic pages, stored and recorded as a document."""
    from PIL import Image, ImageDraw

    from app.domain.records import DocumentRecord, DocumentSource
    from app.sign.pdf import build_pdf

    imgs = []
    for i in range(pages):
        img = Image.new("RGB", (1654, 2339), (252, 252, 248))
        ImageDraw.Draw(img).text((150, 150), f"Trang {i + 1}", fill=(0, 0, 0))
        path = ws.tmp_dir / f"page-{dossier_no}-{i}.png"
        img.save(path, dpi=(200, 200))
        imgs.append(path)
    out = ws.tmp_dir / f"{dossier_no}.pdf"
    build_pdf(imgs, out)
    blob = ws.blobs.put_file(out, "pdf")
    for p in [*imgs, out]:
        p.unlink()
    with ws.db.transaction() as conn:
        doc = ws.documents.add(conn,
                               DocumentRecord(dossier_no, component_id, 0, DocumentSource.SCAN, blob.sha256))
    return doc


@pytest.fixture
def refserver(tmp_path):  # type: ignore[no-untyped-def]
    """The reference provincial server, seeded with the demo owner, documents and login."""
    import socket
    import subprocess
    import sys
    import time

    import requests

    pytest.importorskip("app.refserver")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path / "refserver"
    prepare_server_data(data)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([sys.executable, "-m", "app.refserver", "--host", "127.0.0.1", "--port",
                             str(port),
                             "--data", str(data), "--seed-demo", "--enable-test-faults",
                             "--fast-password-hashes"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("reference server did not start")
    yield {"url": url, "data": data, "trust": data / "pki" / "trust", "proc": proc}
    proc.terminate()
    proc.wait(10)


def province_moves(server_url: str, number: str, *statuses: int, note: str = "") -> None:
    """The province's officer (demo account ``tinh``, provincial administrator) moves the dossier
    on its own system, one allowed step after another."""
    import uuid

    import requests

    tok = requests.post(server_url + "/oauth/token", timeout=10,
                        data={"grant_type": "password", "username": "tinh",
                              "password": "tinh"}).json()["access_token"]
    for status in statuses:
        r = requests.post(f"{server_url}/api/v1/dossiers/{number}/status", timeout=10,
                          json={"TrangThaiHoSo": status, "GhiChu": note, "NgayCapNhat": "20261130090000"},
                          headers={"Authorization": f"Bearer {tok}", "Idempotency-Key": str(uuid.uuid4())})
        assert r.status_code == 200, r.text
