"""Who may do what on the reference server, written once: roles and the scopes they grant, the
rule of every route by the route's name (each route module declares it as
``Depends(srv.allow[name])``, built by ``guards.policy_guards``), the dossier state machine and
which role sets which status. ``tests/sync/test_authz.py`` walks the app's routes (those of
included routers too) and fails when one has no rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum


class Role(StrEnum):
    OFFICER = "officer"  # counter officer of one agency
    SUPERVISOR = "supervisor"  # counter supervisor: may override the return-before-9 check
    AGENCY_ADMIN = "agency_admin"  # manages the accounts and workstations of one agency
    PROVINCE_ADMIN = "province_admin"  # the province: processes dossiers (4/5/6/8/9) of every agency
    WORKSTATION = "workstation"  # a workstation's machine credentials (client_credentials)


COUNTER = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.WORKSTATION})
_COUNTER_SCOPES = frozenset({"dossier:read", "dossier:write", "warehouse:read", "warehouse:use",
                             "citizen:read"})
_PERSON = frozenset({"account:self"})  # a person's own account (its password); not machine credentials
ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.OFFICER: _COUNTER_SCOPES | _PERSON | {"workstation:register"},
    Role.SUPERVISOR: _COUNTER_SCOPES | _PERSON | {"workstation:register", "dossier:override"},
    Role.AGENCY_ADMIN: _PERSON | {"dossier:read", "workstation:register", "users:manage"},
    Role.PROVINCE_ADMIN: _PERSON | {"dossier:read", "dossier:process", "users:manage"},
    Role.WORKSTATION: _COUNTER_SCOPES,
}


def scopes_of(roles: list[Role], restrict: str = "") -> list[str]:
    """The scopes the roles grant, narrowed to ``restrict`` (an account's own list) when given."""
    granted: set[str] = set().union(*(ROLE_SCOPES[r] for r in roles)) if roles else set()
    if restrict.strip():
        granted &= set(restrict.split())
    return sorted(granted)


def parse_roles(text: str) -> list[Role]:
    return [Role(r) for r in text.split() if r in Role._value2member_map_]


# -- the 1-10 state machine -------------------------------------------------------------------
# forward steps only; 10 after 9 (a counter supervisor may override with an audited reason)
TRANSITIONS: dict[int, frozenset[int]] = {
    1: frozenset({2, 3}),
    2: frozenset({3, 4, 7}),
    4: frozenset({5, 6, 7, 8, 9}),
    5: frozenset({2, 4, 7, 8}),
    6: frozenset({4, 7, 8}),
    9: frozenset({10}),
    3: frozenset(), 7: frozenset(), 8: frozenset(), 10: frozenset(),
}
COUNTER_SETS = frozenset({2, 3, 7, 10})  # the one-stop counter: received, refused, withdrawn, returned
PROVINCE_SETS = frozenset({4, 5, 6, 8, 9})  # the province: processing, more documents, fees, stopped, done
CLOSED = frozenset({3, 7, 8, 10})


def role_refusal(roles: frozenset[Role], target: int) -> tuple[str, str] | None:
    """None when one of ``roles`` owns status ``target``; else (English, Vietnamese) reasons."""
    if target in PROVINCE_SETS and Role.PROVINCE_ADMIN not in roles:
        return (f"status {target} is set by the province only",
                f"Chỉ hệ thống tỉnh được đặt trạng thái {target}")
    if target in COUNTER_SETS and not roles & COUNTER:
        return (f"status {target} is set by the one-stop counter only",
                f"Chỉ bộ phận một cửa được đặt trạng thái {target}")
    return None


def status_refusal(roles: frozenset[Role], current: int, target: int,
                   override: bool) -> tuple[str, str] | None:
    """None when ``roles`` may move a dossier from ``current`` to ``target``; else (English,
    Vietnamese) reasons. ``override``: a supervisor's audited return before status 9."""
    if (refused := role_refusal(roles, target)) is not None:
        return refused
    if target == 10 and current != 9 and current not in CLOSED and override:
        if Role.SUPERVISOR in roles:
            return None
        return ("returning results before status 9 needs a supervisor's override",
                "Trả kết quả khi hồ sơ chưa xử lý xong cần giám sát viên phê duyệt")
    if target not in TRANSITIONS.get(current, frozenset()):
        return (f"status {current} cannot move to {target}",
                f"Không thể chuyển hồ sơ từ trạng thái {current} sang {target}")
    return None


# -- route rules ------------------------------------------------------------------------------
class AgencyCheck(Enum):
    NONE = "none"  # no agency data involved (or public)
    # the {ma_ho_so} in the path is of the caller's agency (the number starts with it)
    DOSSIER_PATH = "dossier_path"
    # the handler checks the resource's agency (workstation, body, upload owner, purpose)
    IN_HANDLER = "in_handler"


@dataclass(frozen=True)
class Rule:
    scope: str | None  # None: public (no token)
    agency: AgencyCheck = AgencyCheck.NONE
    roles: frozenset[Role] = field(default_factory=frozenset)  # when not empty, one of them is needed
    note: str = ""

    @property
    def public(self) -> bool:
        return self.scope is None


PUBLIC = Rule(None, note="public")
TEST_ONLY = Rule(None, note="test faults, only with --enable-test-faults")


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[Role]
    agency: str
    scopes: frozenset[str]

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def province(self) -> bool:
        return Role.PROVINCE_ADMIN in self.roles

    def acts_for(self, agency: str) -> bool:
        """The caller may act on data of ``agency`` (the province acts for every agency)."""
        return self.province or (bool(self.agency) and agency == self.agency)


COUNTER_ROLES = COUNTER
ADMINS = frozenset({Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN})
_SUPERVISOR = frozenset({Role.SUPERVISOR})
_IN = AgencyCheck.IN_HANDLER
_PATH = AgencyCheck.DOSSIER_PATH

# The rule of every route, by the route's name (its function name). The app builds one
# dependency per entry; a route whose name is missing here cannot be declared (KeyError at
# start) and the route-walking test fails.
POLICY: dict[str, Rule] = {
    "health": PUBLIC,
    "discovery": PUBLIC,
    "jwks": PUBLIC,
    "token": Rule(None, note="public, throttled per account and per address"),
    "revoke": Rule(None, note="public: holding the refresh token is the right to end it"),
    "create_user": Rule("users:manage", _IN, ADMINS,
                        "administrators, for their own agency (the province: any)"),
    "disable_user": Rule("users:manage", _IN, ADMINS,
                         "administrators, for accounts of their own agency, not their own"),
    "enable_user": Rule("users:manage", _IN, ADMINS, "administrators, for accounts of their own agency"),
    "set_roles": Rule("users:manage", _IN, ADMINS,
                      "administrators, accounts of their own agency, not their own; "
                      "provincial administrators only by the province"),
    "set_password": Rule("account:self", _IN, note="one's own with the current password; "
                                                   "administrators: accounts of their own agency"),
    "account": Rule("citizen:read", roles=COUNTER,
                    note="a citizen's portal account: the counter only, logged"),
    "upload_start": Rule("dossier:write", roles=COUNTER, note="the upload belongs to its creator"),
    "upload_chunk": Rule("dossier:write", _IN, COUNTER, "only the upload's creator (others: 404)"),
    "upload_status": Rule("dossier:write", _IN, COUNTER, "only the upload's creator (others: 404)"),
    "upload_complete": Rule("dossier:write", _IN, COUNTER, "only the upload's creator (others: 404)"),
    "register_workstation": Rule("workstation:register", _IN, note="body.agency is the caller's agency"),
    "lease_numbers": Rule("dossier:write", _IN, COUNTER, "the workstation is of the caller's agency"),
    "submit": Rule("dossier:write", _IN, COUNTER,
                   "the workstation and the number are of the caller's agency"),
    "get_dossier": Rule("dossier:read", _PATH),
    "get_status": Rule("dossier:read", _PATH),
    "new_version": Rule("dossier:write", _PATH, COUNTER, "and the workstation is of the caller's agency"),
    "set_status": Rule("dossier:read", _PATH, COUNTER | {Role.PROVINCE_ADMIN},
                       "plus dossier:write or dossier:process, the role owning the status and the state "
                       "machine"),
    "search": Rule("warehouse:read", _IN, COUNTER,
                   "purpose: an open dossier of that owner at the caller's agency; logged"),
    "fetch": Rule("warehouse:read", _IN, COUNTER, "purpose: an open dossier of the document's owner; logged"),
    "reads": Rule("users:manage", _IN, ADMINS, "the log of warehouse reads of the administrator's agency"),
    "record_use": Rule("warehouse:use", _IN, COUNTER, "the dossier is of the caller's agency"),
    "feedback": Rule("warehouse:read", roles=COUNTER, note="recorded with the caller"),
    # the supervisor's desk (app/refserver/review_routes.py, review_report_routes.py)
    "review_packet": Rule("dossier:write", _PATH, COUNTER, "a workstation sends what the supervisor checks"),
    "review_draw": Rule("dossier:read", roles=_SUPERVISOR, note="the caller's agency's day"),
    "review_pick": Rule("dossier:read", _PATH, _SUPERVISOR),
    "review_queue": Rule("dossier:read", roles=_SUPERVISOR, note="the caller's agency's queue"),
    "review_dossier": Rule("dossier:read", _PATH, _SUPERVISOR),
    "review_file": Rule("dossier:read", _PATH, _SUPERVISOR, "a component's document, to look at"),
    "review_sample": Rule("dossier:read", _IN, _SUPERVISOR, "a sample of the caller's agency"),
    "review_decide": Rule("dossier:read", _PATH, _SUPERVISOR, "never on the caller's own dossier"),
    "review_decisions": Rule("dossier:read", roles=COUNTER,
                             note="decisions on the caller's agency's dossiers"),
    # the citizen's portal account at the counter (app/refserver/counter_routes.py)
    "request_link": Rule("citizen:read", _IN, COUNTER,
                         "the dossier named is of the caller's agency; recorded"),
    "review_report": Rule("dossier:read", roles=frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN}),
                          note="figures of the caller's agency"),
    # documents forwarded between agencies (seed 002; app/refserver/forward_routes.py)
    "forward_send": Rule("dossier:write", _IN, COUNTER, "the dossier is of the caller's agency, the file "
                                                        "its own upload"),
    "forward_inbox": Rule("dossier:read", roles=COUNTER, note="what was forwarded to the caller's agency"),
    "forward_answers": Rule("dossier:read", roles=COUNTER, note="answers on the caller's agency's forwards"),
    "forward_get": Rule("dossier:read", _IN, COUNTER, "the sending or the receiving agency only (others: "
                                                      "404)"),
    "forward_file": Rule("dossier:read", _IN, COUNTER, "the sending or the receiving agency only (others: "
                                                       "404)"),
    "forward_check": Rule("dossier:write", _IN, frozenset({Role.OFFICER, Role.SUPERVISOR}),
                          "the receiving agency's people only, once, never on their own forward"),
    "set_faults": TEST_ONLY,
    "all_dossiers": TEST_ONLY,
}
