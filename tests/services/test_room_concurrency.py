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
