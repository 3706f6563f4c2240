"""The server's refusals: an RFC 9457 problem with the reason in English and in Vietnamese
(``detail_vi``), raised by any route module and answered by the app's one handler."""

from __future__ import annotations


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str = "", detail_vi: str = "", *,
                 retry_after: int | None = None) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status, self.title, self.detail, self.detail_vi = status, title, detail, detail_vi
        self.retry_after = retry_after
