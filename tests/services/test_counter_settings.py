from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services import counter_settings
from app.store.workspace import Workspace
from app.testing.pki import TestPki
from app.testing.tsa import TsaServer
from tests.sync.conftest import free_port


def test_settings_are_validated_and_saved_together(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        with pytest.raises(InvalidInput) as bad:
            counter_settings.apply(ws, tsa_url="ftp://tsa", agency_name="UBND xã Phước "
                                                                        "Hưng", officer_title="Công chức")
        assert "http(s)" in bad.value.message_vi
        with pytest.raises(InvalidInput):
            counter_settings.apply(ws, tsa_url="", agency_name="   ", officer_title="Công chức")
        assert ws.settings.agency_name == "Bộ phận Một cửa"  # nothing saved
        counter_settings.apply(ws, tsa_url=" http://127.0.0.1:3180/tsa ", agency_name="UBND  xã Phước Hưng",
                               officer_title="Công chức Tư pháp - Hộ tịch")
    with Workspace.open(tmp_path / "ws") as ws:
        s = ws.settings
        assert (s.tsa_url, s.agency_name, s.officer_title) == ("http://127.0.0.1:3180/tsa", "UBND xã Phước "
                                                                                            "Hưng",
                                                               "Công chức Tư pháp - Hộ tịch")


def test_the_agency_seal_image_is_checked_before_it_is_kept(tmp_path: Path) -> None:
    from PIL import Image

    seal = tmp_path / "con-dau.png"
    Image.new("RGBA", (472, 472), (200, 20, 20, 255)).save(seal, dpi=(300, 300))
    (tmp_path / "not-an-image.png").write_bytes(b"%PDF-1.4 not a picture")
    with Workspace.open(tmp_path / "ws") as ws:
        for wrong, words in ((tmp_path / "missing.png", "Không tìm "
                                                        "thấy"), (tmp_path / "not-an-image.png", "")):
            with pytest.raises(InvalidInput) as bad:
                counter_settings.apply(ws, tsa_url="", agency_name="UBND xã A", officer_title="Công chức",
                                       seal_image=str(wrong))
            assert words in bad.value.message_vi
        # nothing saved
        assert "seal_image" not in ws.settings.extra and ws.settings.agency_name != "UBND xã A"
        counter_settings.apply(ws, tsa_url="", agency_name="UBND xã A", officer_title="Công chức",
                               seal_image=str(seal))
        counter_settings.apply(ws, tsa_url="", agency_name="UBND xã A",
                               officer_title="Công chức")  # left as it is
    with Workspace.open(tmp_path / "ws") as ws:
        from app.services.signing import configured_seal

        assert configured_seal(ws) == seal.resolve()


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
