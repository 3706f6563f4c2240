"""Bulk digitization lots under ISO 2859-1: the plan fixed at opening, an unpredictable sample
per round, accept with at most Ac nonconforming items, reject at Re, rework and a new round."""

import pytest

from app.domain.errors import InvalidInput
from app.services import lots
from app.store.workspace import Workspace


def test_a_lot_is_accepted_then_another_rejected_reworked_and_accepted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(tmp_path / "ws") as ws:
        good = lots.open_lot(ws, "Hộ tịch 1998, hộp 12", 1000, "1.0")
        assert (good.code_letter, good.sample_size, good.accept, good.reject) == ("J", 80, 2, 3)
        good = lots.draw(ws, good.id)
        assert len(good.sample) == 80 == len(set(good.sample)) and all(1 <= i <= 1000 for i in good.sample)
        other = lots.draw(ws, lots.open_lot(ws, "Hộp 13", 1000, "1.0").id)
        assert other.sample != good.sample  # a fresh nonce per draw (1 in C(1000, 80) to coincide)
        with pytest.raises(InvalidInput):
            lots.inspect(ws, good.id, next(i for i in range(1, 1001) if i not in good.sample),
                         conforming=True)
        with pytest.raises(InvalidInput):
            lots.inspect(ws, good.id, good.sample[0], conforming=False)  # a defect needs its note
        for k, item in enumerate(good.sample):
            good = lots.inspect(ws, good.id, item, conforming=k >= 2, note="Trang mờ, thiếu "
                                                                           "góc" if k < 2 else "")
        assert good.state is lots.LotState.ACCEPTED and good.nonconforming == 2  # Ac = 2

        bad = lots.draw(ws, lots.open_lot(ws, "Hộp 14", 500, "1.0").id)  # H: 50 items, Ac 1 Re 2
        bad = lots.inspect(ws, bad.id, bad.sample[0], conforming=False, note="Thiếu trang 3")
        assert bad.state is lots.LotState.INSPECTING
        bad = lots.inspect(ws, bad.id, bad.sample[1], conforming=False, note="Sai thứ tự trang")
        assert bad.state is lots.LotState.REJECTED  # Re reached: no need to inspect the rest
        with pytest.raises(InvalidInput):
            lots.draw(ws, bad.id)  # back from rework first
        bad = lots.draw(ws, lots.reworked(ws, bad.id, "Đã quét lại toàn bộ hộp").id)
        assert bad.round == 2 and bad.results == {}
        for item in bad.sample:
            bad = lots.inspect(ws, bad.id, item, conforming=True)
        assert bad.state is lots.LotState.ACCEPTED
        actions = [e.action for e in ws.audit.entries()]
        assert actions.count("lot.sample") == 4 and "lot.rejected" in actions and "lot.reworked" in actions
        assert ws.audit.verify().ok
