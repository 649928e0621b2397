"""Users, passwords (argon2id, never in clear), log-in with lockout, and the password policy."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kamarhitung.core.model import Role
from kamarhitung.core.refusal import english
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    AuthError,
    ConflictError,
    InputError,
    IntegrityError,
    NotFoundError,
    iso,
    require_role,
    sha256_hex,
)
from kamarhitung.services.hashes import user_hash
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import UserRow

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")

REFUSED = english("LOGIN_REFUSED", {})
"""The one reply to every refused log-in (code ``LOGIN_REFUSED``): it must not tell whether an
account exists."""


def normalise_name(name: str) -> str:
    """A user name as stored and compared: NFKC (full-width letters become ASCII), trimmed and
    case-folded. Only ``a-z``, digits, ``.``, ``-`` and ``_`` remain allowed, so look-alike
    letters from other scripts (Cyrillic ``о``, Greek ``ο``) are refused, never a second account
    that reads like the first."""
    norm = unicodedata.normalize("NFKC", name).strip().casefold()
    if not norm or len(norm) > MAX_NAME_LENGTH or not _NAME.fullmatch(norm):
        raise InputError("BAD_USER_NAME", name=repr(name), max=MAX_NAME_LENGTH)
    return norm


def _lookup(s: Session, name: str) -> UserRow | None:
    """The user a typed name means (compared normalised; None if it cannot be a name)."""
    try:
        norm = normalise_name(name)
    except InputError:
        return None
    row: UserRow | None = s.execute(
        select(UserRow).where(func.lower(UserRow.name) == norm)
    ).scalar_one_or_none()
    return row


def _hasher() -> PasswordHasher:
    # KAMARHITUNG_FAST_HASH lowers the cost for the test suite only (hundreds of users are
    # created there); the hash still is argon2id and verifies with the parameters it carries.
    if os.environ.get("KAMARHITUNG_FAST_HASH") == "1":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


_DUMMY: list[str] = []


def _verify(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one of ``password_hash``; with no account (None) a check of
    the same cost is spent, so the time of the reply does not tell whether the account exists.
    A locked or disabled account is checked too (the result is not used): the same time again."""
    if password_hash is None:
        _spend(password)
        return False
    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _spend(password: str) -> None:
    """Verify the password against a hash of nothing: a refusal that needs no password check
    (no such user, a locked or disabled account) takes as long as a wrong password, so the
    time of the reply does not tell whether the account exists either."""
    if not _DUMMY:
        _DUMMY.append(_hasher().hash(secrets.token_hex(16)))
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher().verify(_DUMMY[0], password)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password_policy(password: str, user_name: str) -> None:
    """At least 8 characters, not the user name, and with a digit and a letter."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("PASSWORD_TOO_SHORT", min=MIN_PASSWORD_LENGTH)
    if password.lower() == user_name.lower():
        raise InputError("PASSWORD_IS_NAME")
    if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
        raise InputError("PASSWORD_WEAK")


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
    assert isinstance(s, Session)
    name = normalise_name(name)
    if _lookup(s, name) is not None:
        raise ConflictError("USER_EXISTS", user=name)
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
            raise ConflictError("HAS_USERS")
        row = _insert_user(ws, s, name, full_name, Role.ADMIN, password)
        actor = Actor(row.id, row.name, Role.ADMIN)
        append_event(
            s,
            ws.now(),
            actor,
            "user.add",
            target=row.name,
            details={"role": "admin", "user_hash": user_hash(row)},
        )
    return actor


def add_user(
    ws: Workspace, actor: Actor, name: str, role: Role, password: str, full_name: str = ""
) -> UserInfo:
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = _insert_user(ws, s, name, full_name, role, password)
        append_event(
            s,
            ws.now(),
            actor,
            "user.add",
            target=row.name,
            details={"role": role.value, "user_hash": user_hash(row)},
        )
    return UserInfo(row.name, full_name, role, True, None)


def reset_password(ws: Workspace, actor: Actor, name: str, new_password: str) -> None:
    """An admin sets a new password; this also lifts a lockout."""
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = _lookup(s, name)
        if row is None:
            raise NotFoundError("NO_USER", user=name)
        check_password_policy(new_password, row.name)
        row.password_hash = hash_password(new_password)
        row.password_changed_at = ws.now()
        row.failed_logins = 0
        row.locked_until = None
        append_event(
            s,
            ws.now(),
            actor,
            "user.password_reset",
            target=row.name,
            details={"user_hash": user_hash(row)},
        )


def unlock_user(ws: Workspace, actor: Actor, name: str) -> None:
    """An admin lifts a lockout without changing the password."""
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = _lookup(s, name)
        if row is None:
            raise NotFoundError("NO_USER", user=name)
        row.failed_logins = 0
        row.locked_until = None
        append_event(s, ws.now(), actor, "user.unlock", target=row.name)


def set_active(ws: Workspace, actor: Actor, name: str, active: bool) -> UserInfo:
    """An admin disables an account (it can no longer log in; its work stays attributed to it)
    or enables it again. An admin cannot disable their own account, nor the last active admin."""
    require_role(actor, Role.ADMIN)
    with ws.store.unit_of_work() as s:
        row = _lookup(s, name)
        if row is None:
            raise NotFoundError("NO_USER", user=name)
        if not active:
            if row.id == actor.user_id:
                raise ConflictError("OWN_ACCOUNT")
            if row.role == Role.ADMIN.value:
                admins = s.execute(
                    select(func.count()).where(
                        UserRow.role == Role.ADMIN.value, UserRow.active == 1
                    )
                ).scalar_one()
                if admins <= 1:
                    raise ConflictError("LAST_ADMIN", user=row.name)
        if bool(row.active) == active:
            if active:
                raise ConflictError("USER_ALREADY_ACTIVE", user=row.name)
            raise ConflictError("USER_ALREADY_DISABLED", user=row.name)
        row.active = 1 if active else 0
        append_event(
            s,
            ws.now(),
            actor,
            "user.activate" if active else "user.deactivate",
            target=row.name,
            details={"user_hash": user_hash(row)},
        )
        return UserInfo(row.name, row.full_name, Role(row.role), active, row.locked_until)


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
    tampered: IntegrityError | None = None
    actor: Actor | None = None
    # The password is checked before the write transaction: Argon2 takes a good part of a
    # second, and on a room a write transaction holds the room's write lock, so every station's
    # keying would wait for one operator's log-in. The transaction reads the account again and
    # checks again only if its hash changed meanwhile.
    with ws.store.reading() as s:
        seen = _lookup(s, name)
        seen_hash = seen.password_hash if seen is not None else None
    ok = _verify(seen_hash, password)
    with ws.store.unit_of_work() as s:
        row = _lookup(s, name)
        if row is not None and row.password_hash != seen_hash:
            ok = _verify(row.password_hash, password)
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
            failure = AuthError("LOGIN_REFUSED")
        elif row.locked_until and datetime.fromisoformat(row.locked_until) > now_dt:
            # The lock is audited, not told: the reply must not reveal that the account exists.
            name = row.name
            append_event(s, now, None, "login", target=name, outcome="locked", user_name=name)
            failure = AuthError("LOGIN_REFUSED")
        elif not row.active:
            name = row.name
            append_event(s, now, None, "login", target=name, outcome="inactive", user_name=name)
            failure = AuthError("LOGIN_REFUSED")
        else:
            name = row.name
            if ok and not _matches_chain(s, row):
                append_event(s, now, None, "login", target=name, outcome="tampered", user_name=name)
                tampered = IntegrityError("ACCOUNT_TAMPERED", user=name)
            elif ok:
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
                failure = AuthError("LOGIN_REFUSED")
    if failure is not None:
        raise failure
    if tampered is not None:
        raise tampered
    assert actor is not None
    return actor


def _matches_chain(s: Session, row: UserRow) -> bool:
    """Whether the user's name, role, password hash and state are what the audit chain last
    recorded for them. An account added before these records (its ``user.add`` carries only the
    role) is checked by its role; an account no event added was inserted outside the app."""
    from kamarhitung.services.audit import event_intact
    from kamarhitung.store.models import AuditEventRow

    events = s.execute(
        select(AuditEventRow)
        .where(AuditEventRow.target == row.name, AuditEventRow.action.startswith("user."))
        .order_by(AuditEventRow.seq.desc())
    ).scalars()
    for ev in events:
        try:
            details = json.loads(ev.details_json or "{}")
        except ValueError:
            return False
        if not isinstance(details, dict):
            return False
        recorded = details.get("user_hash")
        if recorded is not None:
            return event_intact(ev) and recorded == user_hash(row)
        if ev.action == "user.add":
            return event_intact(ev) and details.get("role", row.role) == row.role
    return False


def _authenticate_read_only(ws: Workspace, name: str, password: str, now_dt: datetime) -> Actor:
    """Log-in on a read-only workspace: the password is checked, nothing can be recorded."""
    with ws.store.reading() as s:
        row = _lookup(s, name)
        if row is None or not row.active:
            raise AuthError("LOGIN_REFUSED")
        if row.locked_until and datetime.fromisoformat(row.locked_until) > now_dt:
            raise AuthError("LOGIN_REFUSED")
        ok: bool
        try:
            ok = _hasher().verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            raise AuthError("LOGIN_REFUSED")
        if not _matches_chain(s, row):
            raise IntegrityError("ACCOUNT_TAMPERED", user=row.name)
        return Actor(row.id, row.name, Role(row.role))


def log_out(ws: Workspace, actor: Actor) -> None:
    """End a session (a shift change: Berkas → Ganti pengguna), audited like the log-in."""
    if ws.store.read_only:
        return
    with ws.store.unit_of_work() as s:
        append_event(s, iso(ws.clock.now()), actor, "logout", target=actor.name)
