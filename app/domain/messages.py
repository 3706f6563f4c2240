"""One bilingual message: what a person reads (Vietnamese) and what the logs keep (English)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Msg:
    """A message for a person in both languages. Fields are named, never positional pairs in a
    varying order: ``Msg(vi="...", en="...")``."""

    vi: str
    en: str

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("vi" or "en"; anything else reads as Vietnamese)."""
        return self.en if lang == "en" else self.vi

    def __str__(self) -> str:
        return self.en
