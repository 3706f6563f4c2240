"""Loading the shipped procedure catalogue."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from app.domain.catalogue import Catalogue, parse_catalogue
from app.domain.errors import OperationFailed
from app.resources import resource


@lru_cache(maxsize=4)
def load_catalogue(path: Path | None = None) -> Catalogue:
    path = path or resource("procedures.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OperationFailed(
            f"Procedure catalogue {path} cannot be read: {exc}",
            f"Không đọc được danh mục thủ tục {path}: {exc}",
        ) from exc
    return parse_catalogue(data)
