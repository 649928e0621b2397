"""Users, passwords (argon2id, never in clear), log-in with lockout, and the password policy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from kamarhitung.core.model import Role
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    AuthError,
    ConflictError,
    InputError,
    NotFoundError,
    iso,
    require_role,
    sha256_hex,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import UserRow

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


def _hasher() -> PasswordHasher:
    # KAMARHITUNG_FAST_HASH lowers the cost for the test suite only (hundreds of users are
    # created there); the hash still is argon2id and verifies with the parameters it carries.
    if os.environ.get("KAMARHITUNG_FAST_HASH") == "1":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password_policy(password: str, user_name: str) -> None:
    """At least 8 characters, not the user name, and with a digit and a letter."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if password.lower() == user_name.lower():
        raise InputError("the password must not be the user name")
    if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
        raise InputError("the password must contain a letter and a digit")


@dataclass(frozen=True, slots=True)
class UserInfo:
    name: str
    full_name: str
    role: Role
    active: bool
    locked_until: str | None


def _insert_user(
    ws: Workspace, s: object, name: str, full_name: str, role: Role, password: str
) -> UserRow:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    name = name.strip()
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise InputError(f"user name {name!r}: letters, digits, '.', '-' and '_' only")
    if s.execute(select(UserRow.id).where(UserRow.name == name)).first():
        raise ConflictError(f"user {name} already exists")
    check_password_policy(password, name)
    now = ws.now()
    row = UserRow(
        name=name,
        full_name=full_name,
        role=role.value,
        password_hash=hash_password(password),
        active=1,
        failed_logins=0,
        created_at=now,
        password_changed_at=now,
    )
    s.add(row)
    s.flush()
    return row


def create_first_admin(ws: Workspace, name: str, password: str, full_name: str = "") -> Actor:
    """The workspace's first admin (only when it has no user yet)."""
    with ws.store.unit_of_work() as s:
        if s.execute(select(UserRow.id).limit(1)).first():
            raise ConflictError("the workspace already has users; an admin adds the others")
        row = _insert_user(ws, s, name, full_name, Role.ADMIN, password)
        actor = Actor(row.id, row.name, Role.ADMIN)
        append_event(s, ws.now(), actor, "user.add", target=name, details={"role": "admin"})
    return actor


def add_user(
    ws: Workspace, actor: Actor, name: str, role: Role, password: str, full_name: str = ""
) -> UserInfo:
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        _insert_user(ws, s, name, full_name, role, password)
        append_event(s, ws.now(), actor, "user.add", target=name, details={"role": role.value})
    return UserInfo(name, full_name, role, True, None)


def reset_password(ws: Workspace, actor: Actor, name: str, new_password: str) -> None:
    """An admin sets a new password; this also lifts a lockout."""
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = s.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {name}")
        check_password_policy(new_password, name)
        row.password_hash = hash_password(new_password)
        row.password_changed_at = ws.now()
        row.failed_logins = 0
        row.locked_until = None
        append_event(s, ws.now(), actor, "user.password_reset", target=name)


def unlock_user(ws: Workspace, actor: Actor, name: str) -> None:
    """An admin lifts a lockout without changing the password."""
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = s.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {name}")
        row.failed_logins = 0
        row.locked_until = None
        append_event(s, ws.now(), actor, "user.unlock", target=name)


def list_users(ws: Workspace) -> list[UserInfo]:
    with ws.store.reading() as s:
        rows = s.execute(select(UserRow).order_by(UserRow.name)).scalars().all()
        return [
            UserInfo(r.name, r.full_name, Role(r.role), bool(r.active), r.locked_until)
            for r in rows
        ]


def authenticate(ws: Workspace, name: str, password: str) -> Actor:
    """Log a user in. Five failures in a row lock the account for 15 minutes; all are audited."""
    now_dt: datetime = ws.clock.now()
    now = iso(now_dt)
    if ws.store.read_only:
        return _authenticate_read_only(ws, name, password, now_dt)
    failure: AuthError | None = None
    actor: Actor | None = None
    with ws.store.unit_of_work() as s:
        row = s.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        if row is None:
            # Not the typed name: an operator who typed a password into the name field must
            # not find it in the audit trail. A short hash still tells repeated tries apart.
            append_event(
                s,
                now,
                None,
                "login",
                outcome="unknown_user",
                details={"name_sha256": sha256_hex(name)[:16]},
                user_name=None,
            )
            failure = AuthError("wrong user name or password")
        elif row.locked_until and datetime.fromisoformat(row.locked_until) > now_dt:
            append_event(s, now, None, "login", target=name, outcome="locked", user_name=name)
            failure = AuthError(f"account {name} is locked until {row.locked_until}")
        elif not row.active:
            append_event(s, now, None, "login", target=name, outcome="inactive", user_name=name)
            failure = AuthError(f"account {name} is disabled")
        else:
            ok = False
            try:
                ok = _hasher().verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
            if ok:
                row.failed_logins = 0
                row.locked_until = None
                actor = Actor(row.id, row.name, Role(row.role))
                append_event(s, now, actor, "login", target=name)
            else:
                row.failed_logins += 1
                outcome = "wrong_password"
                if row.failed_logins >= MAX_FAILED_LOGINS:
                    row.locked_until = iso(now_dt + LOCKOUT)
                    row.failed_logins = 0
                    outcome = "locked_now"
                append_event(s, now, None, "login", target=name, outcome=outcome, user_name=name)
                failure = AuthError("wrong user name or password")
    if failure is not None:
        raise failure
    assert actor is not None
    return actor


def _authenticate_read_only(ws: Workspace, name: str, password: str, now_dt: datetime) -> Actor:
    """Log-in on a read-only workspace: the password is checked, nothing can be recorded."""
    with ws.store.reading() as s:
        row = s.execute(select(UserRow).where(UserRow.name == name)).scalar_one_or_none()
        if row is None or not row.active:
            raise AuthError("wrong user name or password")
        if row.locked_until and datetime.fromisoformat(row.locked_until) > now_dt:
            raise AuthError(f"account {name} is locked until {row.locked_until}")
        ok: bool
        try:
            ok = _hasher().verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            raise AuthError("wrong user name or password")
        return Actor(row.id, row.name, Role(row.role))


def log_out(ws: Workspace, actor: Actor) -> None:
    """End a session (a shift change: Berkas → Ganti pengguna), audited like the log-in."""
    if ws.store.read_only:
        return
    with ws.store.unit_of_work() as s:
        append_event(s, iso(ws.clock.now()), actor, "logout", target=actor.name)
