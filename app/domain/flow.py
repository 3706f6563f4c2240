"""Where a dossier stands in the counter's guided flow (reception -> components -> signing ->
sending) and what comes next: pure rules over a dossier's component states, shared by the
counter screens, the send service and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.records import ComponentRecord, ComponentState, Dossier, DossierState

# What a required component must be in before the dossier may be sent: signed (or taken signed
# from the warehouse), or explicitly recorded as not provided. A built but unsigned PDF is not done.
DONE_STATES = frozenset({ComponentState.REUSED, ComponentState.SIGNED, ComponentState.NOT_PROVIDED})
# A component that needs no more digitizing (its PDF exists, or it came from the warehouse, or it is
# not provided).
HANDLED_STATES = DONE_STATES | {ComponentState.BUILT}
TO_DIGITIZE = frozenset({ComponentState.PENDING, ComponentState.TO_SCAN, ComponentState.SCANNED})


class Step(StrEnum):
    RECEPTION = "reception"
    COMPONENTS = "components"
    SIGNING = "signing"
    SENDING = "sending"
    SENT = "sent"


@dataclass(frozen=True)
class FlowProgress:
    step: Step  # the step the officer is at now
    handled: int  # components digitized, reused or not provided
    total: int  # every component of the procedure
    signed: int  # documents signed (scanned components) or reused signed
    to_sign: int  # components whose PDF waits for a signature
    blocking: tuple[str, ...]  # names of the components that keep the dossier from being sent


def blocking_components(dossier: Dossier) -> list[ComponentRecord]:
    """The components that keep the dossier from being sent, in the procedure's order: a required
    one not yet signed, reused or recorded as not provided, and any built PDF left unsigned (it
    would otherwise travel without its signature)."""
    return [c for c in dossier.components
            if (c.required and c.state not in DONE_STATES) or c.state is ComponentState.BUILT]


def progress(dossier: Dossier) -> FlowProgress:
    comps = dossier.components
    handled = sum(1 for c in comps if c.state in HANDLED_STATES)
    signed = sum(1 for c in comps if c.state in (ComponentState.SIGNED, ComponentState.REUSED))
    to_sign = sum(1 for c in comps if c.state is ComponentState.BUILT)
    blocking = blocking_components(dossier)
    if dossier.state in (DossierState.QUEUED, DossierState.SENT, DossierState.RESULT_RETURNED):
        step = Step.SENT
    elif any(c.required and c.state not in HANDLED_STATES for c in comps):
        step = Step.COMPONENTS
    elif blocking:
        step = Step.SIGNING
    else:
        step = Step.SENDING
    return FlowProgress(step, handled, len(comps), signed, to_sign, tuple(c.name for c in blocking))


def next_to_digitize(dossier: Dossier, after: str | None = None) -> ComponentRecord | None:
    """The next required component still to digitize, in the procedure's order after ``after``
    (wrapping round); None when every required component is handled (time to sign)."""
    comps = dossier.components
    start = next((i + 1 for i, c in enumerate(comps) if c.component_id == after), 0)
    for c in comps[start:] + comps[:start]:
        if c.required and c.state in TO_DIGITIZE and c.component_id != after:
            return c
    return None
