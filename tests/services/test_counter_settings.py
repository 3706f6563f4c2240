from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services import counter_settings
from app.store.workspace import Workspace
from app.testing.pki import TestPki
from app.testing.tsa import TsaServer
from tests.sign.conftest import pki  # noqa: F401 - the session's test PKI
from tests.sync.conftest import free_port


def test_settings_are_validated_and_saved_together(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        with pytest.raises(InvalidInput) as bad:
            counter_settings.apply(ws, tsa_url="ftp://tsa", agency_name="UBND xã Phước Hưng", officer_title="Công chức")
        assert "http(s)" in bad.value.message_vi
        with pytest.raises(InvalidInput):
            counter_settings.apply(ws, tsa_url="", agency_name="   ", officer_title="Công chức")
        assert ws.settings.agency_name == "Bộ phận Một cửa"  # nothing saved
        counter_settings.apply(ws, tsa_url=" http://127.0.0.1:3180/tsa ", agency_name="UBND  xã Phước Hưng",
                               officer_title="Công chức Tư pháp - Hộ tịch")
    with Workspace.open(tmp_path / "ws") as ws:
        s = ws.settings
        assert (s.tsa_url, s.agency_name, s.officer_title) == ("http://127.0.0.1:3180/tsa", "UBND xã Phước Hưng",
                                                               "Công chức Tư pháp - Hộ tịch")


def test_the_time_stamp_server_test_button(pki: TestPki) -> None:  # noqa: F811
    tsa = TsaServer(pki).start()
    try:
        ok = counter_settings.check_tsa(tsa.url)
        assert ok.ok and "hoạt động" in ok.message_vi
    finally:
        tsa.stop()
    down = counter_settings.check_tsa(f"http://127.0.0.1:{free_port()}/tsa", timeout_s=2)
    assert not down.ok and down.message_vi
    assert not counter_settings.check_tsa("").ok
