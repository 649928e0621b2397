"""``audit verify`` checks the data, not only the chain: a counted value changed with the sqlite3
tool, an entry version edited or inserted, or a final record whose audit event was removed."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from kamarhitung.cli import main as cli_main
from kamarhitung.services import accounts
from kamarhitung.services.common import AuthError
from kamarhitung.services.integrity import verify_integrity


def _edit(demo: Any, *sql: str) -> None:
    demo.ws.close()
    con = sqlite3.connect(demo.path / "kamarhitung.sqlite")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def _verify(demo: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli_main(["audit", "verify", str(demo.path)])
    return code, capsys.readouterr().err


def test_untouched_workspace_verifies(mixed: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with mixed.ws.store.reading() as s:
        rep = verify_integrity(s)
    assert rep.intact, rep.problems
    assert rep.final_records > 0 and rep.versions > rep.final_records
    assert _verify(mixed, capsys)[0] == 0


@pytest.mark.sqlite_only
def test_a_final_value_changed_with_sqlite3_is_caught(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        mixed,
        "UPDATE record SET final_values = replace(final_values, '\"V.B\":', '\"V.B\":9') "
        "WHERE rowid = (SELECT min(rowid) FROM record WHERE state = 'final')",
    )
    code, err = _verify(mixed, capsys)
    assert code == 1
    assert "was changed after it was written" in err and "final record" in err


@pytest.mark.sqlite_only
def test_an_entry_version_edited_behind_the_triggers_is_caught(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        mixed,
        "DROP TRIGGER entry_version_no_update",
        "UPDATE entry_version SET values_json = replace(values_json, '\"II.1\":', '\"II.1\":1') "
        "WHERE id = (SELECT min(id) FROM entry_version)",
    )
    code, err = _verify(mixed, capsys)
    assert code == 1
    assert "entry version" in err and "changed" in err


def test_a_record_made_final_outside_the_application_is_caught(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # Forge a consistent-looking final record with its own correct hash, but no audit event.
    from kamarhitung.services.workspace import open_workspace
    from kamarhitung.store.models import RecordRow

    mixed.ws.close()
    ws = open_workspace(mixed.path)
    from kamarhitung.services.hashes import record_hash

    with ws.store.unit_of_work() as s:
        rec = s.query(RecordRow).filter(RecordRow.state == "empty").first()
        assert rec is not None
        rec.state = "final"
        rec.final_values = '{"V.A":1}'
        rec.final_source = "agreed"
        rec.hash = record_hash(rec)
        target = f"{rec.tps_id}/{rec.contest_id}"
    ws.close()
    code, err = _verify(mixed, capsys)
    assert code == 1
    assert f"final record {target} has no audit event" in err


@pytest.mark.sqlite_only
def test_removing_the_events_of_a_final_record_is_caught(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        mixed,
        "DROP TRIGGER audit_event_no_delete",
        "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event WHERE details_json LIKE '%record_hash%' "
        "AND details_json NOT LIKE '%\"record_hash\":null%')",
    )
    code, err = _verify(mixed, capsys)
    assert code == 1
    assert "audit chain" in err or "no audit event" in err or "does not match" in err


def test_a_failed_login_does_not_store_what_was_typed_as_the_name(demo: Any) -> None:
    typed = "Rahasia-2024-xyz"  # a password typed into the name field
    with pytest.raises(AuthError):
        accounts.authenticate(demo.ws, typed, "whatever")
    demo.ws.close()
    for name in ("kamarhitung.sqlite", "kamarhitung.sqlite-wal"):
        path = demo.path / name
        if path.exists():
            assert typed.encode() not in path.read_bytes()


def test_an_admin_unlocks_without_changing_the_password(demo: Any) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.authenticate(demo.ws, "operator1", "wrong-password-1")
    with pytest.raises(AuthError, match="locked"):
        demo.login("operator1")
    accounts.unlock_user(demo.ws, demo.login("admin"), "operator1")
    assert demo.login("operator1").name == "operator1"
