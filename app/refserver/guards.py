"""The authorization dependencies of the routes: who the bearer of a token is now (an account
disabled or a role taken away counts at once), and one guard per rule of ``policy.POLICY``
(tagged with its rule, so ``tests/sync/test_authz.py`` finds the rule of every route). The
refusals every route module shares (403 with the reason in English and Vietnamese) are here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Header, Request

from app.refserver.auth import TokenIssuer
from app.refserver.policy import POLICY, AgencyCheck, Principal, Role, Rule, parse_roles, scopes_of
from app.refserver.problems import Problem


def forbid(detail: str, detail_vi: str) -> Problem:
    return Problem(403, "Forbidden", detail, detail_vi)


def agency_must(p: Principal, agency: str) -> None:
    if not p.acts_for(agency):
        raise forbid(f"the account acts for agency '{p.agency or '-'}', not '{agency}'",
                     f"Tài khoản thuộc cơ quan {p.agency or '(chưa gán)'}, "
                     f"không được xử lý dữ liệu của cơ quan {agency}")


def current_roles(db: Any, subject: str) -> frozenset[Role] | None:
    """The roles the account behind a token has now; None when it is gone or disabled. Checked
    on every request, so a disabled account's live access token stops working at once, and so
    does a role taken away (a role given takes effect at the next login)."""
    if subject.startswith("client:"):
        row = db.conn().execute("SELECT disabled, roles FROM clients WHERE client_id = ?",
                                (subject[7:],)).fetchone()
    else:
        row = db.conn().execute("SELECT disabled, roles FROM users WHERE username = ?", (subject,)).fetchone()
    return None if row is None or row["disabled"] else frozenset(parse_roles(row["roles"]))


def principal_of(db: Any, issuer: TokenIssuer, faults: dict[str, Any], authorization: str) -> Principal:
    if not authorization.startswith("Bearer "):
        raise Problem(401, "Unauthorized", "Bearer token required", "Cần đăng nhập (thiếu mã truy cập)")
    claims = issuer.verify(authorization.removeprefix("Bearer "))
    expired_before = faults.get("expire_tokens_before_ms", 0)  # a test fault: tokens issued earlier are stale
    if claims is None or expired_before > int(claims.get("iat_ms", 0) or 0):  # type: ignore[call-overload]
        raise Problem(401, "Unauthorized", "Token invalid or expired",
                      "Phiên đăng nhập hết hạn hoặc không hợp lệ")
    subject = str(claims["sub"])
    now_roles = current_roles(db, subject)
    if now_roles is None:
        raise Problem(401, "Unauthorized", "Account disabled", "Tài khoản đã bị khóa")
    claimed = claims.get("roles")
    roles = frozenset(parse_roles(" ".join(claimed) if isinstance(claimed, list) else "")) & now_roles
    scopes = frozenset(str(claims.get("scope", "")).split()) & frozenset(scopes_of(list(roles)))
    return Principal(subject, roles, str(claims.get("agency", "")), scopes)


def guard(rule: Rule, db: Any, issuer: TokenIssuer,
          faults: dict[str, Any]) -> Callable[..., Principal | None]:
    """The dependency that enforces ``rule`` (tagged with it, so tests can find every route's rule)."""
    if rule.public:
        def open_route() -> None:
            return None
        open_route.__policy__ = rule  # type: ignore[attr-defined]
        return open_route

    def check(request: Request, authorization: str = Header(default="")) -> Principal:
        p = principal_of(db, issuer, faults, authorization)
        if rule.scope and not p.has(rule.scope):
            raise forbid(f"scope '{rule.scope}' required", f"Tài khoản không có quyền '{rule.scope}'")
        if rule.roles and not p.roles & rule.roles:
            raise forbid(f"one of the roles {sorted(rule.roles)} required",
                         "Vai trò của tài khoản không được phép thực hiện thao tác này")
        if rule.agency is AgencyCheck.DOSSIER_PATH:
            agency_must(p, str(request.path_params.get("ma_ho_so", "")).rsplit("-", 2)[0])
        return p

    check.__policy__ = rule  # type: ignore[attr-defined]
    return check


def policy_guards(db: Any, issuer: TokenIssuer, faults: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """One guard per route name of ``POLICY``: a route declares ``Depends(srv.allow[name])``, so a
    route without a rule cannot be declared (KeyError when the app is built)."""
    return {name: guard(rule, db, issuer, faults) for name, rule in POLICY.items()}
