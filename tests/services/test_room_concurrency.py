"""Several processes at once against one room (PostgreSQL): the same form, the same operator on
two stations, a claim lapsing while keyed, and the audit chain under concurrent appends.

Each station is a separate Python process; they start together on a file barrier. Every loop is
bounded in count and time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.services import entry
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import Actor, ConflictError, FixedClock
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import EntryRow, RecordRow

pytestmark = pytest.mark.postgresql_only

STATION = r"""
import json, os, sys, time
from pathlib import Path
args = json.loads(sys.argv[1])
from kamarhitung.services import accounts, entry
from kamarhitung.services.common import ServiceError
from kamarhitung.services.workspace import open_workspace
ws = open_workspace(Path(args["ws"]))
actor = accounts.authenticate(ws, args["user"], args["password"])
go = Path(args["go"])
deadline = time.monotonic() + 30
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.001)
out = []
for item in args["entries"]:
    try:
        r = entry.submit_entry(ws, actor, item)
        out.append({"tps": r.tps_id, "slot": r.slot, "state": r.state.value})
    except ServiceError as e:
        out.append({"error": str(e)})
for _ in range(args.get("logins", 0)):
    accounts.authenticate(ws, args["user"], args["password"])
ws.close()
print(json.dumps(out))
"""


class Demo(Protocol):
    path: Path
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def _values(d: Demo, tps: str, contest: str) -> dict[str, object]:
    spec = d.ws.form_spec(contest)
    return {"tps": tps, "contest": contest, "values": dict.fromkeys(spec.field_ids, 0)}


def _stations(tmp: Path, d: Demo, jobs: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    go = tmp / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", STATION, json.dumps({"ws": str(d.path), "go": str(go), **j})],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for j in jobs
    ]
    time.sleep(1.5)  # every station has logged in and waits on the barrier
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    return results


def _entries(d: Demo, tps: str, contest: str) -> list[tuple[int, int, str]]:
    with d.ws.store.reading() as s:
        rows = s.execute(
            select(EntryRow.slot, EntryRow.user_id, EntryRow.status).where(
                EntryRow.tps_id == tps, EntryRow.contest_id == contest
            )
        ).all()
    return sorted((int(a), int(b), str(c)) for a, b, c in rows)


def _first_tps(d: Demo, contest: str, n: int = 1) -> list[str]:
    with d.ws.store.reading() as s:
        return list(
            s.execute(
                select(RecordRow.tps_id)
                .where(RecordRow.contest_id == contest, RecordRow.state == "empty")
                .order_by(RecordRow.tps_id)
                .limit(n)
            ).scalars()
        )


def test_four_stations_finishing_the_same_form_get_slots_1_and_2_or_a_refusal(
    demo: Demo, tmp_path: Path
) -> None:
    (tps,) = _first_tps(demo, "bupati")
    item = _values(demo, tps, "bupati")
    ops = ["operator1", "operator2", "operator3", "operator4"]
    results = _stations(
        tmp_path,
        demo,
        [{"user": u, "password": demo.password(u), "entries": [item]} for u in ops],
    )
    slots = sorted(r[0]["slot"] for r in results if "slot" in r[0])  # type: ignore[type-var]
    refused = [r[0]["error"] for r in results if "error" in r[0]]
    assert slots == [1, 2]
    assert len(refused) == 2
    rows = _entries(demo, tps, "bupati")
    assert [r[0] for r in rows] == [1, 2] and rows[0][1] != rows[1][1]
    assert all(r[2] == "done" for r in rows)
    with demo.ws.store.reading() as s:
        assert s.get(RecordRow, (tps, "bupati")).state == State.FINAL.value  # type: ignore[union-attr]
        assert verify_chain(s).intact


def test_one_operator_on_two_stations(demo: Demo, tmp_path: Path) -> None:
    a, b = _first_tps(demo, "gubernur", 2)
    pw = demo.password("operator1")
    results = _stations(
        tmp_path,
        demo,
        [
            {"user": "operator1", "password": pw, "entries": [_values(demo, a, "gubernur")]},
            {"user": "operator1", "password": pw, "entries": [_values(demo, b, "gubernur")]},
            {"user": "operator1", "password": pw, "entries": [_values(demo, a, "gubernur")]},
        ],
    )
    assert results[1] == [{"tps": b, "slot": 1, "state": "first_done"}]
    # The same form from two stations of one operator: one first entry, the other refused
    # (the second entry must be someone else's), never two.
    same = [results[0][0], results[2][0]]
    assert sorted("slot" in r for r in same) == [False, True]
    assert [r[0] for r in _entries(demo, a, "gubernur")] == [1]
    with demo.ws.store.reading() as s:
        assert verify_chain(s).intact


def test_a_claim_lapsing_while_keyed(demo: Demo) -> None:
    (tps,) = _first_tps(demo, "bupati")
    clock = FixedClock(demo.ws.clock.now())
    station_a = open_workspace(demo.path, clock)
    station_b = open_workspace(demo.path, clock)
    try:
        op1 = demo.login("operator1")
        op2 = demo.login("operator2")
        entry.claim_form(station_a, op1, tps, "bupati")
        with pytest.raises(ConflictError, match="being keyed by operator1"):
            entry.claim_form(station_b, op2, tps, "bupati")
        clock.advance(entry.CLAIM_TTL.total_seconds() + 60)
        form = entry.claim_form(station_b, op2, tps, "bupati")
        assert form.slot == 1
        with pytest.raises(ConflictError):
            entry.finish_entry(
                station_a,
                op1,
                tps,
                "bupati",
                dict.fromkeys(demo.ws.form_spec("bupati").field_ids, 1),
            )
        rows = _entries(demo, tps, "bupati")
        assert rows == [(1, op2.user_id, "in_progress")]
        with demo.ws.store.reading() as s:
            assert verify_chain(s).intact
    finally:
        station_a.close()
        station_b.close()


def test_the_audit_chain_holds_under_concurrent_appends(demo: Demo, tmp_path: Path) -> None:
    with demo.ws.store.reading() as s:
        before = verify_chain(s).events
    ops = ["operator1", "operator2", "operator3", "supervisor1"]
    _stations(
        tmp_path,
        demo,
        [{"user": u, "password": demo.password(u), "entries": [], "logins": 25} for u in ops],
    )
    with demo.ws.store.reading() as s:
        rep = verify_chain(s)
    assert rep.intact
    assert rep.events == before + 4 * 26  # each station's first login, then 25 more


KEYER = r"""
import json, sys, time
from pathlib import Path
args = json.loads(sys.argv[1])
from kamarhitung.services import accounts, entry
from kamarhitung.services.common import ServiceError
from kamarhitung.services.workspace import open_workspace
ws = open_workspace(Path(args["ws"]))
actor = accounts.authenticate(ws, args["user"], args["password"])
go = Path(args["go"])
deadline = time.monotonic() + 30
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.001)
out = []
stop = time.monotonic() + 60
for _ in range(args["forms"]):
    if time.monotonic() > stop:
        break
    try:
        form = entry.next_form(ws, actor, args["contest"])
        if form is None:
            break
        values = dict.fromkeys(ws.form_spec(args["contest"]).field_ids, 0)
        entry.save_draft(ws, actor, form.tps.tps_id, args["contest"], values)
        r = entry.finish_entry(ws, actor, form.tps.tps_id, args["contest"], values)
        out.append({"tps": r.tps_id, "slot": r.slot, "state": r.state.value})
    except ServiceError as e:
        out.append({"error": str(e)})
ws.close()
print(json.dumps(out))
"""


def test_keying_from_several_processes_keeps_the_chain_and_every_form_right(
    demo: Demo, tmp_path: Path
) -> None:
    """Four stations (processes) take forms and finish them at once: keying transactions run
    side by side and meet only at the order lock. Afterwards the chain verifies, every form has
    the entries its state says, and the change counter never gave one number twice."""
    from sqlalchemy import func

    from kamarhitung.services.integrity import verify_workspace

    with demo.ws.store.reading() as s:
        before = verify_chain(s).events
    go = tmp_path / "go"
    ops = ["operator1", "operator2", "operator3", "operator4"]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                KEYER,
                json.dumps(
                    {
                        "ws": str(demo.path),
                        "go": str(go),
                        "user": u,
                        "password": demo.password(u),
                        "contest": "bupati",
                        "forms": 12,
                    }
                ),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for u in ops
    ]
    time.sleep(1.5)
    go.touch()
    outputs = [(p, *p.communicate(timeout=120)) for p in procs]  # every pipe read and closed
    for p, _out, err in outputs:
        assert p.returncode == 0, err
    results = [json.loads(out) for _p, out, _err in outputs]
    done = [r for rs in results for r in rs]
    assert [r for r in done if "error" in r] == []
    assert len(done) == 4 * 12
    # Each finished entry: slot 1 leaves the form first_done, slot 2 makes it final (all keyed 0).
    by_form: dict[str, list[int]] = {}
    for r in done:
        by_form.setdefault(str(r["tps"]), []).append(int(r["slot"]))
    for tps, slots in by_form.items():
        assert sorted(slots) in ([1], [1, 2]), (tps, slots)
        rows = _entries(demo, tps, "bupati")
        assert [(r[0], r[2]) for r in rows] == [(s, "done") for s in sorted(slots)]
        if len(slots) == 2:
            assert rows[0][1] != rows[1][1]  # two different operators
        with demo.ws.store.reading() as s:
            rec = s.get(RecordRow, (tps, "bupati"))
            assert rec is not None
            assert rec.state == ("final" if len(slots) == 2 else "first_done")
    with demo.ws.store.reading() as s:
        rep = verify_chain(s)
        twice = s.execute(
            select(RecordRow.change_seq)
            .where(RecordRow.change_seq > 0)
            .group_by(RecordRow.change_seq)
            .having(func.count() > 1)
        ).all()
    assert rep.intact
    # Each station's login, and each finished entry.
    assert rep.events == before + len(ops) + len(done)
    assert twice == []
    assert verify_workspace(demo.ws).intact


def test_two_saves_on_different_forms_overlap_and_meet_only_at_the_order_lock(
    demo: Demo,
) -> None:
    """Station A is inside a keying transaction on one form (its row locked, its draft written,
    not committed); station B finishes another form meanwhile, in full. When A then appends to
    the chain it holds the order lock to its commit: B's next finish waits for exactly that."""
    import threading

    from sqlalchemy import text

    from kamarhitung.services.audit import append_event

    a, b, c = _first_tps(demo, "bupati", 3)
    values = dict.fromkeys(demo.ws.form_spec("bupati").field_ids, 0)
    station_a = open_workspace(demo.path)
    station_b = open_workspace(demo.path)
    op1 = demo.login("operator1")
    op2 = demo.login("operator2")
    finished: dict[str, float] = {}

    def finish_b(tps: str) -> None:
        entry.finish_entry(station_b, op2, tps, "bupati", values)
        finished[tps] = time.monotonic()

    try:
        entry.claim_form(station_a, op1, a, "bupati")
        entry.claim_form(station_b, op2, b, "bupati")
        entry.claim_form(station_b, op2, c, "bupati")
        with station_a.store.unit_of_work(keying=True) as s:
            assert s.get(RecordRow, (a, "bupati"), with_for_update=True) is not None
            e = s.execute(
                select(EntryRow).where(EntryRow.tps_id == a, EntryRow.contest_id == "bupati")
            ).scalar_one()
            e.values_json = json.dumps(values)
            s.flush()
            # B finishes its form, audit event and all, while A's transaction is open.
            t1 = threading.Thread(target=finish_b, args=(b,))
            t1.start()
            t1.join(30)
            assert b in finished, "a finish on another form waited for an open keying transaction"
            # A appends to the chain: it takes the order lock and keeps it to its commit.
            append_event(s, station_a.now(), op1, "test.hold", target=f"{a}/bupati")
            locks = s.execute(
                text(
                    "SELECT mode FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid() ORDER BY mode"
                )
            ).scalars()
            assert sorted(locks) == ["ExclusiveLock", "ShareLock"]
            t2 = threading.Thread(target=finish_b, args=(c,))
            t2.start()
            t2.join(1.5)
            assert c not in finished  # B's chain append waits for A's commit
            committed = time.monotonic()
        t2.join(30)
        assert finished[c] >= committed
        assert _entries(demo, b, "bupati") == [(1, op2.user_id, "done")]
        assert _entries(demo, c, "bupati") == [(1, op2.user_id, "done")]
        with demo.ws.store.reading() as s:
            rep = verify_chain(s)
            last = s.execute(
                text("SELECT action, target FROM audit_event ORDER BY seq DESC LIMIT 3")
            ).all()
        assert rep.intact
        assert [tuple(r) for r in reversed(last)] == [
            ("entry.finish", f"{b}/bupati"),
            ("test.hold", f"{a}/bupati"),
            ("entry.finish", f"{c}/bupati"),
        ]
    finally:
        station_a.close()
        station_b.close()


def test_an_event_appended_by_the_room_hashes_as_the_application_does(demo: Demo) -> None:
    """``kh_append_event()`` hashes on the server; the chain then verifies with the Python hash,
    also for text that JSON escapes (quotes, backslashes, non-ASCII, control characters)."""
    from kamarhitung.services.audit import append_event

    op1 = demo.login("operator1")
    odd = 'Désa "Ü" \\ 投票所 \n\t\u2028 😀'
    with demo.ws.store.unit_of_work(keying=True) as s:
        row = append_event(
            s,
            demo.ws.now(),
            op1,
            "test.odd",
            target=odd,
            details={"note": odd, "n": [1, 2.5, None, True]},
        )
        second = append_event(s, demo.ws.now(), None, "test.none", user_name=odd)
    assert second.seq == row.seq + 1 and second.prev_hash == row.hash
    with demo.ws.store.reading() as s:
        rep = verify_chain(s)
    assert rep.intact


def test_two_first_finals_of_a_contest_write_its_vector_layout_once(demo: Demo) -> None:
    """The recap's vector layout of a contest is written by its first final form: two stations
    making first finals at once must not meet at a duplicate key (found by the four-process
    test above)."""
    import threading

    from sqlalchemy import delete

    from kamarhitung.services.recap import LAYOUT_KEY, final_vector_for
    from kamarhitung.store.models import Meta

    key = LAYOUT_KEY + "bupati"
    with demo.ws.store.unit_of_work() as s:
        s.execute(delete(Meta).where(Meta.key == key))
    values = dict.fromkeys(demo.ws.form_spec("bupati").field_ids, 0)
    other = open_workspace(demo.path)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with other.store.unit_of_work(keying=True) as s:
                final_vector_for(s, "bupati", values)
        except BaseException as e:  # reported by the assertion below
            errors.append(e)

    try:
        with demo.ws.store.unit_of_work(keying=True) as s:
            final_vector_for(s, "bupati", values)  # inserted, not committed yet
            t = threading.Thread(target=second)
            t.start()
            t.join(1.0)  # the second waits on the first's uncommitted row
        t.join(30)
        assert not t.is_alive()
        assert errors == []
        with demo.ws.store.reading() as s:
            assert s.get(Meta, key) is not None
    finally:
        other.close()
