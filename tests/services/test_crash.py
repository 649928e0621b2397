"""Crash safety: a keying process killed with SIGKILL at random moments, 50 times.

Each child is forked from the test process (so it starts in milliseconds), keys forms as fast as
it can and writes an acknowledgement to a pipe after every service call returned, i.e. after its
transaction committed. Afterwards the database opens, passes ``PRAGMA integrity_check``, every
acknowledged finished entry is stored, and every acknowledged draft field is restored when the
operator comes back.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kamarhitung.services import accounts, entry
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import open_workspace
from kamarhitung.store.models import EntryRow, EntryVersionRow, UserRow

KILLS = 50


def _child(path: str, user: str, password: str, contest: str, seed: int, fd: int) -> None:
    out = os.fdopen(fd, "w", buffering=1)
    rng = random.Random(seed)
    ws = open_workspace(Path(path))
    actor = accounts.authenticate(ws, user, password)
    form = ws.form_spec(contest)
    out.write("ready\n")
    while True:
        kf = entry.next_form(ws, actor, contest)
        if kf is None:
            out.write("done\n")
            return
        values = dict(kf.values)
        for fid in form.field_ids:
            if fid in values:
                continue
            values[fid] = rng.randint(0, 500)
            entry.save_draft(ws, actor, kf.tps.tps_id, contest, values, keystrokes=len(values) * 3)
            out.write(f"draft {kf.tps.tps_id} {fid} {values[fid]}\n")
            if rng.random() < 0.1:
                break
        else:
            res = entry.finish_entry(ws, actor, kf.tps.tps_id, contest, values)
            out.write(f"finished {kf.tps.tps_id} {kf.slot} {res.state.value}\n")


def _run_and_kill(
    path: Path, user: str, password: str, contest: str, seed: int, delay: float
) -> list[str]:
    r, w = os.pipe()
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(target=_child, args=(str(path), user, password, contest, seed, w))
    proc.start()
    os.close(w)
    reader = os.fdopen(r)
    first = reader.readline()
    assert first.strip() == "ready"
    time.sleep(delay)
    proc.kill()
    proc.join(10)
    lines = reader.read().splitlines()
    reader.close()
    return lines


@pytest.mark.slow
def test_sigkill_50_times_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(2024)
    path = tmp_path / "ws"
    demo = create_demo(path, n_tps=200, seed=5)
    passwords = {u["name"]: u["password"] for u in demo.credentials["users"]}  # type: ignore[attr-defined]  # list of dicts
    ws0 = open_workspace(path)
    contest = ws0.contests()[0].id
    ws0.close()
    finished: set[tuple[str, int]] = set()
    drafts: dict[tuple[str, str], dict[str, int]] = {}
    users = ["operator1", "operator2", "operator3"]
    for i in range(KILLS):
        user = users[i % len(users)]
        delay = rng.uniform(0.02, 0.25)
        for line in _run_and_kill(path, user, passwords[user], contest, i, delay):
            parts = line.split()
            if parts[0] == "finished":
                finished.add((parts[1], int(parts[2])))
                drafts.pop((user, parts[1]), None)
            elif parts[0] == "draft":
                drafts.setdefault((user, parts[1]), {})[parts[2]] = int(parts[3])
    assert finished, "no entry was ever finished: the kill delays are too short"
    assert drafts, "no draft was left open: the kill delays are too long"

    ws = open_workspace(path)
    try:
        assert ws.store.integrity_check() == "ok"
        with ws.store.reading() as s:
            finished_rows = s.execute(
                select(EntryVersionRow).where(
                    EntryVersionRow.event == "finished", EntryVersionRow.contest_id == contest
                )
            ).scalars()
            names = {u.id: u.name for u in s.execute(select(UserRow)).scalars()}
            versions: set[tuple[str, int]] = set()
            finished_by: set[tuple[str, str]] = set()
            for v in finished_rows:
                versions.add((v.tps_id, v.slot))
                finished_by.add((names[v.user_id], v.tps_id))
            open_entries = {
                (names[e.user_id], e.tps_id): json.loads(e.values_json)
                for e in s.execute(
                    select(EntryRow).where(EntryRow.status == "in_progress")
                ).scalars()
            }
        missing = finished - versions
        assert not missing, f"acknowledged entries lost: {sorted(missing)[:5]}"
        for (user, tps), acked in list(drafts.items()):
            stored = open_entries.get((user, tps))
            if stored is None and (user, tps) in finished_by:
                # Killed after the finish committed but before its acknowledgement was written:
                # the entry is safely finished, the draft rightly gone.
                del drafts[(user, tps)]
                continue
            assert stored is not None, f"draft of {user} on {tps} lost"
            for fid, value in acked.items():
                assert stored.get(fid) == value, f"draft field {fid} of {user} on {tps} lost"
        # Each operator comes back: next_form resumes their draft with its values.
        for user in users:
            mine = {tps: v for (u, tps), v in drafts.items() if u == user}
            if not mine:
                continue
            kf = entry.next_form(ws, accounts.authenticate(ws, user, passwords[user]), contest)
            assert kf is not None and kf.tps.tps_id in mine
            for fid, value in mine[kf.tps.tps_id].items():
                assert kf.values[fid] == value
    finally:
        ws.close()
