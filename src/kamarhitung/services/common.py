"""What every service shares: the acting user, the clock, errors, canonical JSON and hashing."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol

from kamarhitung.core.canonical import canonical_json as canonical_json
from kamarhitung.core.model import Role
from kamarhitung.core.refusal import CodedError

WIB = timezone(timedelta(hours=7), "WIB")


class Clock(Protocol):
    """Where time comes from: injected, so reports and tests are deterministic."""

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's clock, in the machine's local offset."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FixedClock:
    """A clock for tests and reproducible reports: starts at a given time, advances when told."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


def iso(t: datetime) -> str:
    """ISO 8601 with offset, to the second."""
    return t.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Actor:
    """The logged-in user on whose behalf a service acts."""

    user_id: int
    name: str
    role: Role


class ServiceError(CodedError):
    """A request refused for a reason the user can act on: a code of ``core/refusal.py`` and its
    parameters (``raise ConflictError("SAME_USER", user=…)``), never a sentence."""


class InputError(ServiceError):
    """Bad input: a file, a field, a value."""


class NotFoundError(ServiceError):
    """Something named does not exist (a TPS, a contest, a user)."""


class PermissionDeniedError(ServiceError):
    """The actor's role may not do this."""


class AuthError(ServiceError):
    """Wrong user name or password, locked account, inactive account."""


class ConflictError(ServiceError):
    """The action does not fit the current state (another user holds the entry, wrong state...)."""


class IntegrityError(ServiceError):
    """The workspace's data does not match its audit chain (changed outside the application):
    nothing is decided, signed or exported from it until ``audit verify`` passes."""

    code = "integrity"


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse unless the actor has one of the roles (admin is not implied: roles are separate)."""
    if actor.role not in roles:
        allowed = ",".join(r.value for r in roles)
        raise PermissionDeniedError(
            "WRONG_ROLE", user=actor.name, role=actor.role.value, needs=allowed
        )


def sha256_hex(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def values_json(values: Mapping[str, int]) -> str:
    return canonical_json(dict(values))
