"""The Scan screen's edits of a session (rotate, deskew, delete one or several pages, take the
last batch out, reorder, accept with a reason, session-wide fixes): each runs on the session's
own serial queue, so they apply one after another in the order the officer made them, never
side by side on the pool."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.errors import MotcuaError
from app.services import scan_view as sa
from app.services.digitize import FixAction
from app.ui.context import AppContext
from app.ui.screens.scan_widgets import _tr

# What "Apply the fix" does for each fix a rule can propose (every FixAction but NONE is here)
PAGE_FIXES: dict[FixAction, str] = {
    FixAction.RESCAN: "rescan",
    FixAction.CAPTURE_WITHOUT_NOTE: "insert",
    FixAction.DESKEW: "deskew",
    FixAction.REMOVE_REPEAT: "delete",
}
SESSION_FIXES = frozenset({FixAction.CONFIRM_SIMPLEX, FixAction.DROP_BACKS})
PAGE_EDITS = ("rotate", "deskew", "delete")  # the page operations run here (rescan/insert scan)


def queue_of(session: sa.SessionInfo) -> str:
    return f"scan-session:{session.session_id}"


class SessionEdits:
    """Submits edits; every result (the session as it now is) goes to ``edited``."""

    def __init__(
        self, ctx: AppContext, edited: Callable[[sa.SessionInfo], None], failed: Callable[[MotcuaError], None]
    ) -> None:
        self.ctx, self.edited, self.failed = ctx, edited, failed
        self.deleted: tuple[str, list[str]] | None = None  # (session, pages) of the last deletion: Ctrl+Z

    def _run(self, what: str, session: sa.SessionInfo, fn: Callable[[], sa.SessionInfo]) -> None:
        self.deleted = None  # any other change: the deletion is no longer the last thing done
        self.ctx.runner.run(
            what, lambda _c: fn(), queue=queue_of(session), on_success=self.edited, on_error=self.failed
        )

    def page(self, op: str, session: sa.SessionInfo, page_id: str) -> None:
        ws = self.ctx.ws
        fn: Callable[[], sa.SessionInfo] = {
            "rotate": lambda: sa.rotate(ws, session, page_id, 90),
            "deskew": lambda: sa.deskew(ws, session, page_id),
            "delete": lambda: sa.delete(ws, session, page_id),
        }[op]
        self._run(_tr("changing the page"), session, fn)

    def delete(self, session: sa.SessionInfo, page_ids: list[str]) -> None:
        """One page or several (Ctrl/Shift selection), taken out one after another, each audited."""
        ws = self.ctx.ws
        self._run(_tr("deleting pages"), session, lambda: sa.delete_many(ws, session, page_ids))
        self.deleted = (session.session_id, list(page_ids))

    def undo_delete(self, session: sa.SessionInfo) -> bool:
        """Bring back the pages of the last deletion, if it was the last change (False: nothing to undo)."""
        if self.deleted is None or self.deleted[0] != session.session_id:
            return False
        ws, pages = self.ctx.ws, self.deleted[1]
        self._run(_tr("restoring pages"), session, lambda: sa.restore(ws, session, pages))
        return True

    def discard_batch(self, session: sa.SessionInfo, then: Callable[[sa.SessionInfo], None]) -> None:
        """The last batch's pages out of the session; ``then`` gets the session (to scan again)."""
        ws = self.ctx.ws
        self.ctx.runner.run(_tr("taking the last batch out"), lambda _c: sa.discard_batch(ws, session),
                            queue=queue_of(session), on_success=then, on_error=self.failed)

    def declare(self, session: sa.SessionInfo, sheets: int) -> None:
        ws = self.ctx.ws
        self._run(_tr("correcting the sheet count"), session, lambda: sa.declare_sheets(ws, session, sheets))

    def reorder(self, session: sa.SessionInfo, order: list[str]) -> None:
        ws = self.ctx.ws
        self._run(_tr("reordering pages"), session, lambda: sa.reorder(ws, session, order))

    def override(self, session: sa.SessionInfo, finding_id: str, reason: str) -> None:
        ws = self.ctx.ws
        self._run(
            _tr("recording the override"), session, lambda: sa.override(ws, session, finding_id, reason)
        )

    def fix(self, session: sa.SessionInfo, action: FixAction) -> None:
        ws = self.ctx.ws
        self._run(_tr("applying the fix"), session, lambda: sa.apply_action(ws, session, action))
