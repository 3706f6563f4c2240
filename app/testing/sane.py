"""A private configuration for SANE's ``test`` backend (tests, benches, the demo): no system file
is read or touched. The backend then offers one device, ``test:0``, that scans A4 (and up to A3)
colour-pattern pages; its feeder holds 10 sheets per load."""

from __future__ import annotations

from pathlib import Path

# The backend's default largest area is 200 x 200 mm: too small for an A4 sheet.
_A3_LONG_SIDE_MM = 420.0


def write_test_backend_config(conf_dir: Path, *, picture: str = "Color pattern",
                              read_delay_us: int | None = None) -> dict[str, str]:
    """Write ``dll.conf`` and ``test.conf`` into ``conf_dir`` and return the environment that
    points SANE at them. ``read_delay_us`` makes the backend pause after each buffer it hands
    over, so it delivers pages at a real scanner's pace (whoever reads it: us or ``scanimage``)."""
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "dll.conf").write_text("test\n", encoding="utf-8")
    lines = ["number_of_devices 1", f"geometry_max {_A3_LONG_SIDE_MM}", "br_x 210.0", "br_y 297.0",
             f'test-picture "{picture}"']
    if read_delay_us:
        lines += ["read-delay true", f"read-delay-duration {int(read_delay_us)}"]
    (conf_dir / "test.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"SANE_CONFIG_DIR": str(conf_dir)}
