"""Accounts (password policy, argon2id, lockout) and the hash-chained audit trail."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.core.model import Role
from kamarhitung.services import accounts
from kamarhitung.services.audit import GENESIS, event_hash, verify_chain
from kamarhitung.services.common import (
    Actor,
    AuthError,
    ConflictError,
    FixedClock,
    InputError,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, UserRow


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def demo_passwords(d: Demo) -> dict[str, str]:
    users = d.credentials["users"]
    assert isinstance(users, list)
    return {str(u["name"]): str(u["password"]) for u in users}


def login_events(d: Demo, name: str) -> list[str]:
    with d.ws.store.reading() as s:
        return [
            e.outcome
            for e in s.execute(
                select(AuditEventRow)
                .where(AuditEventRow.action == "login", AuditEventRow.target == name)
                .order_by(AuditEventRow.seq)
            ).scalars()
        ]


# --- passwords -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("rahasia123", None),
        ("12345abc", None),
        ("Kamar Hitung 2024", None),
        ("kamar-7-hitung", None),
        ("rahas12", "at least 8 characters"),
        ("", "at least 8 characters"),
        ("abcdefgh", "a letter and a digit"),
        ("12345678", "a letter and a digit"),
        ("--------", "a letter and a digit"),
        ("operator9", "not be the user name"),
        ("OPERATOR9", "not be the user name"),
    ],
)
def test_password_policy(password: str, problem: str | None) -> None:
    if problem is None:
        accounts.check_password_policy(password, "operator9")
    else:
        with pytest.raises(InputError, match=problem):
            accounts.check_password_policy(password, "operator9")


def test_add_user_applies_the_policy_and_refuses_duplicates(demo: Demo) -> None:
    admin = demo.login("admin")
    with pytest.raises(InputError, match="at least 8"):
        accounts.add_user(demo.ws, admin, "operator9", Role.OPERATOR, "short1")
    with pytest.raises(ConflictError, match="already exists"):
        accounts.add_user(demo.ws, admin, "operator1", Role.OPERATOR, "rahasia123")
    for bad in ("", "  ", "a b", "op'1", "op;drop"):
        with pytest.raises(InputError, match="user name"):
            accounts.add_user(demo.ws, admin, bad, Role.OPERATOR, "rahasia123")
    info = accounts.add_user(demo.ws, admin, "operator9", Role.OPERATOR, "rahasia123", "Ani")
    assert (info.name, info.role, info.active) == ("operator9", Role.OPERATOR, True)
    actor = accounts.authenticate(demo.ws, "operator9", "rahasia123")
    assert (actor.name, actor.role) == ("operator9", Role.OPERATOR)
    names = [u.name for u in accounts.list_users(demo.ws)]
    assert names == sorted(names) and "operator9" in names
    with pytest.raises(ConflictError, match="already has users"):
        accounts.create_first_admin(demo.ws, "root", "rahasia123")


def test_passwords_are_argon2id_hashes(mixed: Demo) -> None:
    with mixed.ws.store.reading() as s:
        rows = list(s.execute(select(UserRow)).scalars())
    assert len(rows) == 7
    for row in rows:
        assert row.password_hash.startswith("$argon2id$v=19$"), row.name
        assert PasswordHasher().verify(row.password_hash, mixed.password(row.name))
    # Every hash is salted: no two alike.
    assert len({r.password_hash for r in rows}) == len(rows)


@pytest.mark.sqlite_only
def test_no_clear_password_anywhere_in_the_database_file(mixed: Demo) -> None:
    # A few more writes that touch passwords: a reset, a failed login, a successful one.
    admin = mixed.login("admin")
    accounts.reset_password(mixed.ws, admin, "operator4", "baru-rahasia-77")
    with pytest.raises(AuthError):
        accounts.authenticate(mixed.ws, "operator3", "salah-sandi-99")
    mixed.login("operator3")
    secrets = [*demo_passwords(mixed).values(), "baru-rahasia-77", "salah-sandi-99"]
    db = mixed.path / "kamarhitung.sqlite"
    files = [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
    blobs = b"".join(p.read_bytes() for p in files)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    blobs += db.read_bytes()
    assert len(blobs) > 10_000
    for pw in secrets:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            assert pw.encode(enc) not in blobs, pw
    assert b"$argon2id$" in blobs


# --- lockout ---------------------------------------------------------------------------------


def test_five_failures_lock_the_account_and_are_audited(demo: Demo) -> None:
    clock = FixedClock(datetime(2024, 11, 27, 20, 0, tzinfo=UTC))
    demo.ws.clock = clock
    good = demo.password("operator2")
    for _ in range(4):
        with pytest.raises(AuthError, match="wrong user name or password"):
            accounts.authenticate(demo.ws, "operator2", "salah-sandi-1")
    # The fifth failure locks it.
    with pytest.raises(AuthError, match="wrong user name or password"):
        accounts.authenticate(demo.ws, "operator2", "salah-sandi-1")
    # Now even the right password is refused, for 15 minutes, with the same reply as a wrong
    # password: the reply must not reveal that the account exists (issue 12).
    with pytest.raises(AuthError, match="^" + re.escape(accounts.REFUSED) + "$"):
        accounts.authenticate(demo.ws, "operator2", good)
    clock.advance(15 * 60 - 1)
    with pytest.raises(AuthError, match="locked"):
        accounts.authenticate(demo.ws, "operator2", good)
    outcomes = login_events(demo, "operator2")
    assert outcomes == ["wrong_password"] * 4 + ["locked_now", "locked", "locked"]
    with demo.ws.store.reading() as s:
        events = s.execute(
            select(AuditEventRow).where(
                AuditEventRow.target == "operator2", AuditEventRow.action == "login"
            )
        ).scalars()
        # Failures name the user tried, with no role (nobody is logged in).
        assert {(e.user_name, e.role) for e in events} == {("operator2", None)}
    info = {u.name: u for u in accounts.list_users(demo.ws)}["operator2"]
    assert info.locked_until == "2024-11-27T20:15:00+00:00"
    # Other users are not affected.
    demo.login("operator1")
    clock.advance(2)
    assert accounts.authenticate(demo.ws, "operator2", good).name == "operator2"
    assert login_events(demo, "operator2")[-1] == "ok"


def test_a_success_resets_the_failure_count(demo: Demo) -> None:
    good = demo.password("operator1")
    for _ in range(3):
        for _ in range(4):
            with pytest.raises(AuthError):
                accounts.authenticate(demo.ws, "operator1", "salah-sandi-1")
        accounts.authenticate(demo.ws, "operator1", good)
    assert "locked_now" not in login_events(demo, "operator1")


def test_reset_password_lifts_the_lockout(demo: Demo) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.authenticate(demo.ws, "operator3", "salah-sandi-1")
    with pytest.raises(AuthError, match="locked"):
        accounts.authenticate(demo.ws, "operator3", demo.password("operator3"))
    admin = demo.login("admin")
    with pytest.raises(InputError, match="a letter and a digit"):
        accounts.reset_password(demo.ws, admin, "operator3", "tanpaangka")
    accounts.reset_password(demo.ws, admin, "operator3", "sandi-baru-42")
    assert accounts.authenticate(demo.ws, "operator3", "sandi-baru-42").name == "operator3"
    with pytest.raises(AuthError):
        accounts.authenticate(demo.ws, "operator3", demo.password("operator3"))
    with demo.ws.store.reading() as s:
        (reset,) = s.execute(
            select(AuditEventRow).where(AuditEventRow.action == "user.password_reset")
        ).scalars()
    assert (reset.user_name, reset.role, reset.target) == ("admin", "admin", "operator3")
    assert "sandi-baru-42" not in reset.details_json


def test_unknown_and_disabled_users_are_refused_and_audited(demo: Demo) -> None:
    with pytest.raises(AuthError, match="wrong user name or password"):
        accounts.authenticate(demo.ws, "nobody", "whatever-1")
    # The typed name is not stored (it may be a password typed in the wrong field), only a hash.
    assert login_events(demo, "nobody") == []
    with demo.ws.store.reading() as s:
        unknown = s.execute(
            select(AuditEventRow).where(AuditEventRow.outcome == "unknown_user")
        ).scalar_one()
    assert unknown.target is None and "nobody" not in unknown.details_json
    with demo.ws.store.unit_of_work() as s:
        row = s.execute(select(UserRow).where(UserRow.name == "operator4")).scalar_one()
        row.active = 0
    with pytest.raises(AuthError, match="^" + re.escape(accounts.REFUSED) + "$"):
        accounts.authenticate(demo.ws, "operator4", demo.password("operator4"))
    assert login_events(demo, "operator4") == ["inactive"]


# --- the audit chain -------------------------------------------------------------------------


def test_the_chain_is_intact_after_the_mixed_demo(mixed: Demo) -> None:
    with mixed.ws.store.reading() as s:
        rep = verify_chain(s)
        rows = list(s.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).scalars())
    assert rep.intact and rep.first_bad is None and rep.reason is None
    assert rep.events == len(rows) > 150
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == GENESIS and rows[0].action == "workspace.init"
    for before, row in pairwise(rows):
        assert row.prev_hash == before.hash
    actions = {r.action for r in rows}
    assert {"workspace.init", "user.add", "login", "entry.finish"} <= actions
    # Each hash covers the event's content.
    last = rows[-1]
    assert (
        event_hash(
            last.prev_hash,
            {
                "seq": last.seq,
                "at": last.at,
                "user": last.user_name,
                "role": last.role,
                "action": last.action,
                "target": last.target,
                "outcome": last.outcome,
                "details": last.details_json,
            },
        )
        == last.hash
    )


def test_audit_verify_cli_on_an_intact_chain(
    mixed: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["audit", "verify", str(mixed.path)]) == 0
    assert "audit chain intact" in capsys.readouterr().out
    assert cli.main(["audit", "verify", str(mixed.path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["intact"] is True and out["first_bad"] is None and out["events"] > 150


def hand_edit(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path / "kamarhitung.sqlite")
    with con:
        for sql in statements:
            con.execute(sql)
    con.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (
            (
                "DROP TRIGGER audit_event_no_update",
                "UPDATE audit_event SET details_json = '{\"slot\":2}' WHERE seq = 57",
            ),
            "event 57 was changed after it was written",
        ),
        (
            (
                "DROP TRIGGER audit_event_no_update",
                "UPDATE audit_event SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 57",
            ),
            "event 57 was changed after it was written",
        ),
        (
            (
                "DROP TRIGGER audit_event_no_delete",
                "DELETE FROM audit_event WHERE seq = 57",
            ),
            "event 57 is missing before event 58",
        ),
    ],
)
def test_audit_verify_names_the_event_changed_by_hand(
    mixed: Demo,
    capsys: pytest.CaptureFixture[str],
    statements: tuple[str, ...],
    reason: str,
) -> None:
    # Append-only until someone drops the trigger, as a hand edit would.
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        hand_edit(mixed.path, "UPDATE audit_event SET outcome = 'x' WHERE seq = 57")
    hand_edit(mixed.path, *statements)
    code = cli.main(["audit", "verify", str(mixed.path)])
    err = capsys.readouterr().err
    assert code == 1
    assert reason in err and "audit chain broken" in err
    assert code == cli.main(["audit", "verify", str(mixed.path), "--json"])
    out = json.loads(capsys.readouterr().out)
    first_bad = 58 if "missing" in reason else 57
    assert (out["intact"], out["first_bad"], out["reason"]) == (False, first_bad, reason)


@pytest.mark.sqlite_only
def test_a_rehashed_edit_breaks_the_next_link(
    mixed: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whoever also recomputes the edited event's hash is caught at the next event."""
    con = sqlite3.connect(mixed.path / "kamarhitung.sqlite")
    row = con.execute(
        "SELECT seq, at, user_name, role, action, target, outcome, details_json, prev_hash "
        "FROM audit_event WHERE seq = 40"
    ).fetchone()
    body = dict(
        zip(
            ("seq", "at", "user", "role", "action", "target", "outcome", "details"),
            row[:8],
            strict=True,
        )
    )
    body["outcome"] = "forged"
    with con:
        con.execute("DROP TRIGGER audit_event_no_update")
        con.execute(
            "UPDATE audit_event SET outcome = 'forged', hash = ? WHERE seq = 40",
            (event_hash(row[8], body),),
        )
    con.close()
    assert cli.main(["audit", "verify", str(mixed.path)]) == 1
    assert "event 41 does not link to the event before it" in capsys.readouterr().err


def test_the_password_is_checked_outside_the_write_transaction(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Argon2 takes a good part of a second; on a room a write transaction holds the room's write
    lock. While one operator's password is being checked, another write runs (it would wait for
    the whole check if the log-in held its write transaction meanwhile)."""
    import threading

    from kamarhitung.services.audit import append_event

    supervisor = demo.login("supervisor1")
    real = accounts._hasher()
    checking, go_on = threading.Event(), threading.Event()

    class SlowHasher:
        def verify(self, password_hash: str, password: str) -> bool:
            checking.set()
            assert go_on.wait(20)
            return bool(real.verify(password_hash, password))

    monkeypatch.setattr(accounts, "_hasher", SlowHasher)
    logged_in: list[Actor] = []
    login = threading.Thread(
        target=lambda: logged_in.append(
            accounts.authenticate(demo.ws, "operator1", demo.password("operator1"))
        )
    )
    written: list[bool] = []

    def other_write() -> None:
        with demo.ws.store.unit_of_work() as s:
            append_event(s, "2026-12-06T21:40:00+00:00", supervisor, "test.write", target="x")
        written.append(True)

    writer = threading.Thread(target=other_write)
    try:
        login.start()
        assert checking.wait(20)
        writer.start()
        writer.join(timeout=10)
        assert written == [True], "a write waited for a log-in's password check"
    finally:
        go_on.set()
        login.join(timeout=30)
        writer.join(timeout=30)
    assert [a.name for a in logged_in] == ["operator1"]
    assert login_events(demo, "operator1")[-1] == "ok"
