from pathlib import Path

import numpy as np
from PIL import Image

from app.testing.pages import PageSpec
from tests.conftest import CliRunner, cli_json
from tests.scan.conftest import save_pages


def test_qc_json_shape_and_verdicts(cli: CliRunner, tmp_path: Path) -> None:
    good = save_pages(tmp_path / "good", [PageSpec(seed=1), PageSpec(blank=True, seed=2)])
    res = cli("qc", *good, "--duplex", "--declared-sheets", "1", "--json")
    data = cli_json(res)
    assert res.returncode == 0 and data["verdict"] in ("pass", "warn")
    assert set(data["pages"][0]) >= {"index", "file", "blank", "sticky_note", "skew_deg", "blur", "cut_off",
                                     "dpi", "findings"}
    assert data["pages"][1]["blank"] is True
    bad = save_pages(tmp_path / "bad", [PageSpec(cut_off="right", seed=3), PageSpec(blank=True, seed=4)])
    res = cli("qc", *bad, "--duplex", "--json")
    assert res.returncode == 1 and cli_json(res)["verdict"] == "fail"
    assert any(f["rule"] == "cut_off" for f in cli_json(res)["findings"])


def test_bad_files_are_named_and_the_others_still_checked(cli: CliRunner, tmp_path: Path) -> None:
    good = save_pages(tmp_path, [PageSpec(seed=1)])[0]
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("không phải ảnh")
    (tmp_path / "trunc.png").write_bytes(good.read_bytes()[:5000])
    cmyk = Image.fromarray(np.full((400, 300, 4), 20, np.uint8), "CMYK")
    cmyk.save(tmp_path / "cmyk.tif", dpi=(200, 200))
    Image.fromarray(np.full((300, 200), 40000, np.uint16)).save(tmp_path / "deep.png", dpi=(200, 200))
    Image.new("L", (20000, 13000), 255).save(tmp_path / "huge.png", dpi=(200, 200))
    files = [good, tmp_path / "empty.png", tmp_path / "notes.txt", tmp_path / "trunc.png",
             tmp_path / "cmyk.tif",
             tmp_path / "deep.png", tmp_path / "huge.png"]
    res = cli("qc", *files, "--json", "--simplex-confirmed")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    data = cli_json(res)
    bad = {Path(e["file"]).name for e in data["unreadable"]}
    assert bad == {"empty.png", "notes.txt", "trunc.png", "huge.png"}
    assert {Path(p["file"]).name for p in data["pages"]} == {good.name, "cmyk.tif", "deep.png"}
    for name in bad:
        assert name in res.stderr
