from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from app.scan.qc.measures import PageMeasures, measure
from app.testing.pages import PageSpec, render
from app.testing.sane import write_test_backend_config


@pytest.fixture(scope="session")
def sane_config(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A private SANE configuration naming only the ``test`` backend (no system file touched)."""
    env = write_test_backend_config(tmp_path_factory.mktemp("sane.d"))
    os.environ.update(env)
    return env


def measured(spec: PageSpec) -> PageMeasures:
    img, _truth = render(spec)
    return measure(np.asarray(img)[..., ::-1].copy(), spec.dpi)


def save_pages(folder: Path, specs: list[PageSpec]) -> list[Path]:
    from app.testing.pages import save

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, spec in enumerate(specs, start=1):
        p = folder / f"p{i:03d}.png"
        save(spec, p)
        paths.append(p)
    return paths
