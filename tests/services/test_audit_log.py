"""Reading the audit trail (services/audit_log.py): filters, paging, permissions, and an export whose
chain is re-verified from the JSON lines alone, with ``services.audit.event_hash``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

import pytest

from kamarhitung.cli import main as cli_main
from kamarhitung.services import audit_log
from kamarhitung.services.audit import GENESIS, append_event, event_hash
from kamarhitung.services.audit_log import AuditEvent, AuditFilter
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)
from kamarhitung.services.workspace import Workspace


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def everything(d: Demo, actor: Actor) -> list[AuditEvent]:
    """Every event, oldest first, through the service itself (one big page)."""
    page = audit_log.query_events(d.ws, actor, limit=audit_log.MAX_PAGE, newest_first=False)
    assert page.next_cursor is None
    return list(page.events)


def add_timed_events(d: Demo) -> None:
    """Events at known instants written with different UTC offsets (WIB, WITA, UTC)."""
    wib = timezone(timedelta(hours=7))
    wita = timezone(timedelta(hours=8))
    times = [
        datetime(2024, 11, 27, 9, 0, tzinfo=wib),  # 02:00 UTC
        datetime(2024, 11, 27, 11, 30, tzinfo=wita),  # 03:30 UTC
        datetime(2024, 11, 27, 4, 0, tzinfo=UTC),  # 04:00 UTC
        datetime(2024, 11, 28, 8, 0, tzinfo=wib),  # next day, 01:00 UTC
    ]
    with d.ws.store.unit_of_work() as s:
        for i, t in enumerate(times):
            append_event(
                s,
                t,
                None,
                "test.timed",
                target=f"timed-{i}",
                outcome="ok" if i % 2 == 0 else "refused",
                details={"i": i, "note": "100%_sure"},
                user_name="clock",
            )


# --- filters ------------------------------------------------------------------------------------


def _matches(flt: AuditFilter, e: AuditEvent) -> bool:
    """The filter's meaning, written out in Python, to hold the SQL to."""
    at = datetime.fromisoformat(e.at)
    if flt.since is not None and at < flt.since:
        return False
    if flt.until is not None and at >= flt.until:
        return False
    if flt.user and e.user != flt.user:
        return False
    if flt.action and not e.action.startswith(flt.action):
        return False
    if flt.outcome and e.outcome != flt.outcome:
        return False
    if flt.target and flt.target.lower() not in (e.target or "").lower():
        return False
    if flt.text:
        q = flt.text.lower()
        hay = [e.user or "", e.action, e.target or "", e.outcome, e.details_json]
        if not any(q in h.lower() for h in hay):
            return False
    return True


UTC_0230 = datetime(2024, 11, 27, 2, 30, tzinfo=UTC)
FILTERS: dict[str, AuditFilter] = {
    "everything": AuditFilter(),
    "one user": AuditFilter(user="operator1"),
    "an action prefix": AuditFilter(action="entry"),
    "a whole action": AuditFilter(action="entry.finish"),
    "a prefix that is no action": AuditFilter(action="ent"),
    "an outcome": AuditFilter(outcome="refused"),
    "a target part": AuditFilter(target="/BUPATI"),
    "text in the details": AuditFilter(text="record_hash"),
    "percent and underscore are literal": AuditFilter(text="100%_sure"),
    "a wildcard is not one": AuditFilter(text="100%x"),
    "since, across offsets": AuditFilter(since=UTC_0230),
    "until, across offsets": AuditFilter(
        until=datetime(2024, 11, 27, 11, 0, tzinfo=timezone(timedelta(hours=8)))
    ),
    "a range": AuditFilter(since=UTC_0230, until=datetime(2024, 11, 27, 23, 0, tzinfo=UTC)),
    "an empty range": AuditFilter(since=UTC_0230, until=UTC_0230),
    "combined": AuditFilter(user="operator2", action="entry", target="gubernur", outcome="ok"),
    "nobody": AuditFilter(user="nobody"),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_each_filter_means_what_it_says(mixed: Demo, name: str) -> None:
    add_timed_events(mixed)
    sup = mixed.login("supervisor1")
    flt = FILTERS[name]
    expected = [e.seq for e in everything(mixed, sup) if _matches(flt, e)]
    page = audit_log.query_events(mixed.ws, sup, flt, limit=audit_log.MAX_PAGE, newest_first=False)
    assert [e.seq for e in page.events] == expected
    assert audit_log.count_events(mixed.ws, sup, flt) == len(expected)


def test_the_filters_find_what_the_demo_holds(mixed: Demo) -> None:
    add_timed_events(mixed)
    sup = mixed.login("supervisor1")
    count: Callable[[AuditFilter], int] = lambda f: audit_log.count_events(mixed.ws, sup, f)  # noqa: E731
    assert count(AuditFilter(user="operator1")) > 0
    assert count(AuditFilter(action="entry")) > count(AuditFilter(action="entry.finish")) - 1 > 0
    assert count(AuditFilter(action="ent")) == count(AuditFilter(action="entry"))
    assert count(AuditFilter(outcome="refused")) == 2
    assert count(AuditFilter(text="100%_sure")) == 4
    assert count(AuditFilter(text="100%x")) == 0
    # 02:30 UTC is 09:30 WIB: the WIB event at 09:00 is before it, the WITA one at 11:30 after.
    timed = AuditFilter(action="test.timed", since=UTC_0230)
    assert [e.target for e in audit_log.query_events(mixed.ws, sup, timed).events] == [
        "timed-3",
        "timed-2",
        "timed-1",
    ]
    # A naive time is the machine's local time: the same instant as its aware form.
    local = datetime(2024, 11, 27, 12, 0)
    assert count(AuditFilter(since=local)) == count(AuditFilter(since=local.astimezone()))


def test_facets_and_single_events(mixed: Demo) -> None:
    sup = mixed.login("supervisor1")
    f = audit_log.facets(mixed.ws, sup)
    assert {"admin", "operator1", "supervisor1"} <= set(f.users)
    assert "entry.finish" in f.actions and "login" in f.actions
    assert f.outcomes == tuple(sorted(f.outcomes)) and "ok" in f.outcomes
    first = audit_log.get_event(mixed.ws, sup, 1)
    assert first.action == "workspace.init" and first.prev_hash == GENESIS
    assert json.loads(first.details_pretty()) == first.details
    with pytest.raises(NotFoundError):
        audit_log.get_event(mixed.ws, sup, 10**9)


# --- paging -------------------------------------------------------------------------------------


@pytest.mark.parametrize("newest_first", [True, False])
def test_pages_join_up_without_gaps_or_repeats(mixed: Demo, newest_first: bool) -> None:
    sup = mixed.login("supervisor1")
    flt = AuditFilter(action="entry")
    expected = [e.seq for e in everything(mixed, sup) if e.action.startswith("entry")]
    if newest_first:
        expected.reverse()
    got: list[int] = []
    cursor: int | None = None
    pages = 0
    while True:
        page = audit_log.query_events(
            mixed.ws, sup, flt, limit=7, cursor=cursor, newest_first=newest_first
        )
        assert len(page.events) <= 7
        got += [e.seq for e in page.events]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert got == expected
    assert pages == max(1, -(-len(expected) // 7))  # no empty page at the end


def test_events_appended_while_paging_do_not_shift_the_pages(mixed: Demo) -> None:
    sup = mixed.login("supervisor1")
    first = audit_log.query_events(mixed.ws, sup, limit=10)
    mixed.login("operator1")  # a new event at the top, meanwhile
    mixed.login("operator2")
    assert first.next_cursor is not None
    second = audit_log.query_events(mixed.ws, sup, limit=10, cursor=first.next_cursor)
    assert second.events[0].seq == first.events[-1].seq - 1
    assert not {e.seq for e in first.events} & {e.seq for e in second.events}


def test_page_size_is_bounded(mixed: Demo) -> None:
    sup = mixed.login("supervisor1")
    for bad in (0, -1, audit_log.MAX_PAGE + 1):
        with pytest.raises(InputError):
            audit_log.query_events(mixed.ws, sup, limit=bad)


# --- permissions ---------------------------------------------------------------------------------


def test_operators_may_not_read_or_export(mixed: Demo, tmp_path: Path) -> None:
    op = mixed.login("operator1")
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "audit.jsonl"
    assert not audit_log.can_read(op)
    calls: list[Callable[[], object]] = [
        lambda: audit_log.query_events(mixed.ws, op),
        lambda: audit_log.count_events(mixed.ws, op),
        lambda: audit_log.facets(mixed.ws, op),
        lambda: audit_log.get_event(mixed.ws, op, 1),
        lambda: audit_log.export_jsonl(mixed.ws, op, out),
    ]
    sup = mixed.login("supervisor1")
    before = audit_log.count_events(mixed.ws, sup)
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
    assert list((tmp_path / "out").iterdir()) == []
    assert audit_log.count_events(mixed.ws, sup) == before  # a refusal writes no event
    admin = mixed.login("admin")
    assert audit_log.can_read(admin) and audit_log.count_events(mixed.ws, admin) > 0


# --- export --------------------------------------------------------------------------------------


def reverify(path: Path) -> list[dict[str, object]]:
    """Re-verify an exported chain from the file alone: every hash recomputed, every link."""
    lines = [json.loads(t) for t in path.read_text(encoding="utf-8").splitlines()]
    prev = GENESIS
    for n, line in enumerate(lines, 1):
        assert line["seq"] == n
        assert line["prev_hash"] == prev
        body = {
            "seq": line["seq"],
            "at": line["at"],
            "user": line["user"],
            "role": line["role"],
            "action": line["action"],
            "target": line["target"],
            "outcome": line["outcome"],
            "details": line["details_json"],
        }
        assert event_hash(prev, body) == line["hash"], f"event {n}"
        prev = str(line["hash"])
    return lines


def test_export_writes_the_chain_and_is_itself_audited(mixed: Demo, tmp_path: Path) -> None:
    sup = mixed.login("supervisor1")
    before = everything(mixed, sup)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "audit.jsonl"
    res = audit_log.export_jsonl(mixed.ws, sup, out)
    lines = reverify(out)
    assert len(lines) == res.events == len(before)
    assert (res.first_seq, res.last_seq) == (1, before[-1].seq)
    assert [line["hash"] for line in lines] == [e.hash for e in before]
    data = out.read_bytes()
    import hashlib

    assert res.sha256 == hashlib.sha256(data).hexdigest() and res.size == len(data)
    assert [p.name for p in tmp_path.iterdir()] == ["audit.jsonl"]  # no temporary file left
    # The export is the next event, by the supervisor, naming the file, its hash and the last
    # event exported; and it links to that event.
    ev = audit_log.get_event(mixed.ws, sup, res.export_seq)
    assert res.export_seq == before[-1].seq + 1
    assert (ev.action, ev.user, ev.target, ev.outcome) == (
        "audit.export",
        "supervisor1",
        out.name,
        "ok",
    )
    details = ev.details
    assert isinstance(details, dict)
    assert details["sha256"] == res.sha256 and details["events"] == len(before)
    assert details["last_hash"] == ev.prev_hash == before[-1].hash
    check = audit_log.verify_export(out)
    assert check.intact and check.complete and check.events == len(before)


def test_a_changed_export_line_is_found(mixed: Demo, tmp_path: Path) -> None:
    sup = mixed.login("supervisor1")
    out = tmp_path / "audit.jsonl"
    audit_log.export_jsonl(mixed.ws, sup, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    victim = json.loads(lines[4])
    victim["target"] = "someone-else"
    lines[4] = json.dumps(victim)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = audit_log.verify_export(out)
    assert not check.intact and not check.complete
    assert check.problems[0] == "event 5 (line 5) was changed after it was written"
    with pytest.raises(AssertionError):
        reverify(out)
    # Dropping a line breaks the link of the next one.
    del lines[4]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = audit_log.verify_export(out)
    assert not check.complete


def test_a_filtered_export_keeps_each_event_verifiable(mixed: Demo, tmp_path: Path) -> None:
    sup = mixed.login("supervisor1")
    out = tmp_path / "entries.jsonl"
    flt = AuditFilter(action="entry", user="operator1")
    res = audit_log.export_jsonl(mixed.ws, sup, out, flt)
    lines = [json.loads(t) for t in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == res.events == audit_log.count_events(mixed.ws, sup, flt) > 0
    assert all(line["user"] == "operator1" for line in lines)
    check = audit_log.verify_export(out)
    assert check.intact and not check.complete  # every hash holds; the chain has gaps
    details = audit_log.get_event(mixed.ws, sup, res.export_seq).details
    assert isinstance(details, dict)
    assert details["filter"] == {"action": "entry", "user": "operator1"}


def test_export_refusals_leave_no_file(
    mixed: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sup = mixed.login("supervisor1")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "audit.jsonl"
    out.write_text("keep me\n")
    with pytest.raises(ConflictError):
        audit_log.export_jsonl(mixed.ws, sup, out)
    assert out.read_text() == "keep me\n"
    with pytest.raises(InputError):
        audit_log.export_jsonl(mixed.ws, sup, tmp_path)
    with pytest.raises(InputError):
        audit_log.export_jsonl(mixed.ws, sup, tmp_path / "missing" / "a.jsonl")
    # overwrite: replaced, and recorded
    res = audit_log.export_jsonl(mixed.ws, sup, out, overwrite=True)
    assert out.read_text() != "keep me\n" and res.events > 0
    # The audit event cannot be written: no export may exist without it.
    before = audit_log.count_events(mixed.ws, sup)

    def fail(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(audit_log, "_append_event", fail)
    second = tmp_path / "second.jsonl"
    with pytest.raises(RuntimeError):
        audit_log.export_jsonl(mixed.ws, sup, second)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl"]
    assert audit_log.count_events(mixed.ws, sup) == before


# --- command line ----------------------------------------------------------------------------------


def test_cli_list_and_export(
    mixed: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = str(mixed.path)
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor1"))
    code = cli_main(
        [
            "audit",
            "list",
            ws,
            "--user",
            "supervisor1",
            "--action",
            "entry",
            "--since",
            "2000-01-01",
            "--limit",
            "5",
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (
        len(out["events"]) == 5
        and out["total"] > 5
        and out["next_before"] == out["events"][-1]["seq"]
    )
    assert all(e["action"].startswith("entry") for e in out["events"])
    seqs = [e["seq"] for e in out["events"]]
    assert seqs == sorted(seqs, reverse=True)
    code = cli_main(
        [
            "audit",
            "list",
            ws,
            "--user",
            "supervisor1",
            "--json",
            "--before",
            str(seqs[-1]),
            "--action",
            "entry",
            "--limit",
            "1",
        ]
    )
    assert json.loads(capsys.readouterr().out)["events"][0]["seq"] < seqs[-1]
    code = cli_main(
        ["audit", "list", ws, "--user", "supervisor1", "--by", "operator1", "--limit", "3"]
    )
    text = capsys.readouterr()
    assert code == 0 and len(text.out.splitlines()) == 3 and "operator1" in text.out
    assert "of" in text.err
    code = cli_main(["audit", "list", ws, "--user", "supervisor1", "--since", "yesterday"])
    assert code == 2 and "--since" in capsys.readouterr().err

    target = tmp_path / "trail.jsonl"
    code = cli_main(
        ["audit", "export", ws, "--user", "supervisor1", "--out", str(target), "--json"]
    )
    res = json.loads(capsys.readouterr().out)
    assert code == 0 and res["events"] == len(reverify(target))
    assert cli_main(["audit", "export", ws, "--user", "supervisor1", "--out", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_cli_refuses_an_operator(
    mixed: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("operator1"))
    assert cli_main(["audit", "list", str(mixed.path), "--user", "operator1"]) == 2
    assert "needs supervisor or admin" in capsys.readouterr().err
    target = tmp_path / "trail.jsonl"
    assert (
        cli_main(["audit", "export", str(mixed.path), "--user", "operator1", "--out", str(target)])
        == 2
    )
    assert not target.exists()
