"""Login lock-out: wrong passwords are counted per account (``user:``/``client:`` keys) and per
address (``addr:``) over a window; the login and the change of one's own password refuse while
a key has too many (429 with ``Retry-After``)."""

from __future__ import annotations

import time
from typing import Any

from app.refserver.context import Settings
from app.refserver.problems import Problem


class Lockout:
    def __init__(self, db: Any, settings: Settings) -> None:
        self.db = db
        self.window_s, self.account_max, self.address_max = (settings.lockout_window_s, settings.lockout_max,
                                                              settings.address_max)

    def throttle(self, keys: list[str]) -> None:
        """Refuse while an account (``user:``/``client:``) has ``lockout_max`` failures, or an
        address (``addr:``) ``address_max``, within the last ``lockout_window_s`` seconds."""
        now = time.time()
        conn = self.db.conn()
        for key in keys:
            limit = self.address_max if key.startswith("addr:") else self.account_max
            rows = conn.execute("SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC",
                                (key, now - self.window_s)).fetchall()
            if len(rows) >= limit:
                wait = max(1, int(rows[limit - 1]["at"] + self.window_s - now) + 1)
                minutes = max(1, -(-wait // 60))
                who = "this address" if key.startswith("addr:") else "the account"
                raise Problem(429, "Too many failed logins",
                              f"{who} is locked after {limit} wrong passwords; try again in {wait} s",
                              f"Đăng nhập sai quá {limit} lần: tạm khóa, thử lại sau {minutes} phút",
                              retry_after=wait)

    def failed(self, keys: list[str]) -> None:
        now = time.time()
        with self.db.tx() as c:
            for key in keys:
                c.execute("INSERT INTO login_failures(key, at) VALUES (?,?)", (key, now))
            c.execute("DELETE FROM login_failures WHERE at < ?", (now - max(self.window_s, 86400),))
