"""Error types that carry a message for the officer (Vietnamese) and one for the logs (English)."""

from __future__ import annotations

from enum import StrEnum

from app.domain.messages import Msg


class MotcuaError(Exception):
    """Base of every error the product reports to a person.

    ``msg`` (a ``Msg``) holds both: ``msg.vi`` is shown in the UI, ``msg.en`` goes to logs and
    to the CLI when the language is English (``message_vi`` / ``message_en`` read the same).
    Build it from a ``Msg``: ``OperationFailed(Msg(vi=..., en=...))``; the older
    ``(message_en, message_vi)`` pair is still accepted. ``exit_code`` is what the CLI returns:
    2 for bad input, 1 otherwise.
    """

    exit_code = 1

    def __init__(self, message_en: str | Msg, message_vi: str | None = None) -> None:
        msg = message_en if isinstance(message_en, Msg) else Msg(vi=message_vi or message_en, en=message_en)
        super().__init__(msg.en)
        self.msg = msg
        self.message_en = msg.en
        self.message_vi = msg.vi

    def __str__(self) -> str:
        return self.message_en


class InvalidInput(MotcuaError):
    """The person typed or passed something that cannot be right."""

    exit_code = 2


class NotFound(MotcuaError):
    """A dossier, component, procedure or file that does not exist."""

    exit_code = 2


class OperationFailed(MotcuaError):
    """Something outside the input went wrong: disk, device, token, network."""

    exit_code = 1


class IntegrityError(OperationFailed):
    """A stored file no longer matches the hash recorded when it was saved: it was changed or
    replaced after capture. Never waived: the page is rescanned or deleted."""


class StorageFault(StrEnum):
    """Why a write to the workspace failed (``StorageError.kind``; kept as the interrupted scan
    session's ``last_fault``)."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    IO_ERROR = "io_error"


class StorageError(OperationFailed):
    """A write to the workspace failed: the disk is full, read-only or failing. ``msg`` names what
    could not be saved and what the officer can do; ``kind`` says which of the three it was."""

    def __init__(self, msg: Msg, *, kind: StorageFault) -> None:
        super().__init__(msg)
        self.kind = kind
