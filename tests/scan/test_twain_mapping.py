import numpy as np
import pytest

from app.scan.driver import (
    ColourMode,
    CoverOpen,
    FeederEmpty,
    PaperJam,
    ScannerGone,
    ScannerIOError,
    ScanSettings,
    Source,
)
from app.scan.sane_driver import map_sane_error, to_page_array
from app.scan.twain_driver import (
    CAP_DUPLEXENABLED,
    CAP_FEEDERENABLED,
    ICAP_PIXELTYPE,
    ICAP_SUPPORTEDSIZES,
    ICAP_XRESOLUTION,
    TWPT_GRAY,
    TWPT_RGB,
    TWSS_A4,
    TWSS_NONE,
    capabilities_for,
    fault_for_condition,
)


def test_settings_map_to_twain_capabilities() -> None:
    caps = capabilities_for(ScanSettings(source=Source.ADF, duplex=True, dpi=300, mode=ColourMode.COLOR))
    assert caps[ICAP_PIXELTYPE] == TWPT_RGB and caps[ICAP_XRESOLUTION] == 300.0
    assert (caps[CAP_FEEDERENABLED] is True and caps[CAP_DUPLEXENABLED] is True
            and caps[ICAP_SUPPORTEDSIZES] == TWSS_A4)
    flat = capabilities_for(ScanSettings(source=Source.FLATBED, mode=ColourMode.GRAY, page_size_mm=None))
    assert (flat[ICAP_PIXELTYPE] == TWPT_GRAY and flat[CAP_FEEDERENABLED] is False
            and flat[ICAP_SUPPORTEDSIZES] == TWSS_NONE)


@pytest.mark.parametrize(("code", "kind"),
                         [(20, PaperJam), (21, PaperJam), (29, FeederEmpty), (0x8021, CoverOpen),
                                            (23, ScannerGone), (1, ScannerIOError)])
def test_twain_conditions_map_to_faults_with_the_sheet(code: int, kind: type) -> None:
    fault = fault_for_condition(code, 4)
    assert isinstance(fault, kind) and fault.sheet == 4


def test_sane_status_texts_map_to_faults() -> None:
    assert isinstance(map_sane_error("Document feeder jammed", 2), PaperJam)
    assert isinstance(map_sane_error("Document feeder out of documents", 2), FeederEmpty)
    assert isinstance(map_sane_error("Scanner cover is open", 2), CoverOpen)
    assert isinstance(map_sane_error("Error during device I/O", 2), ScannerIOError)


def test_sane_frames_become_8_bit_pages_with_red_still_red() -> None:
    red16 = np.zeros((4, 5, 3), np.uint16)
    red16[..., 0] = 65535  # a red seal, 16 bits per sample, RGB order as SANE sends it
    page = to_page_array(red16, ColourMode.COLOR)
    assert page.dtype == np.uint8 and page.shape == (4, 5, 3)
    assert page[0, 0].tolist() == [0, 0, 255]  # BGR: red stays red in the saved PNG
    gray = np.full((4, 5, 1), 200, np.uint8)
    as_colour = to_page_array(gray, ColourMode.COLOR)
    assert as_colour.shape == (4, 5, 3) and as_colour[1, 1].tolist() == [200, 200, 200]
    assert to_page_array(gray, ColourMode.GRAY).shape == (4, 5)
    assert to_page_array(red16, ColourMode.GRAY).shape == (4, 5)
