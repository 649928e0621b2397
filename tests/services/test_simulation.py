"""The issue's simulation: 500 forms keyed twice by operators who each slip on 1% of fields.

250 TPS x 2 contests of a fresh demo are keyed blind by two different simulated operators, each
mistyping a field with probability 1% independently (a random digit replaced by another). The
true numbers are the demo's own (table ``synthetic_image``). Expected:

- every form whose two entries differ in any field ends ``different`` (100% caught);
- a field wrong in a record that left keying as final or janggal is one where both operators typed
  the same wrong value, and there are about none of those.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.services import accounts, entry
from kamarhitung.services.common import Actor
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import open_workspace
from kamarhitung.store.models import EntryRow, RecordRow, SyntheticImageRow

N_TPS = 250
SLIP_RATE = 0.01
SEED = 2024


def digit_slip(value: int, rng: random.Random) -> int:
    """One digit of the number replaced by another digit (a leading 0 just drops the digit)."""
    text = str(value)
    i = rng.randrange(len(text))
    digit = rng.choice([d for d in "0123456789" if d != text[i]])
    return int(text[:i] + digit + text[i + 1 :])


def keyed(truth: dict[str, int], rng: random.Random) -> dict[str, int]:
    return {f: digit_slip(x, rng) if rng.random() < SLIP_RATE else x for f, x in truth.items()}


def test_digit_slip_always_changes_the_value() -> None:
    rng = random.Random(1)
    for value in (0, 7, 10, 99, 100, 305, 1000, 99_999):
        for _ in range(50):
            slipped = digit_slip(value, rng)
            assert slipped != value and 0 <= slipped <= 99_999


@pytest.mark.slow
def test_double_entry_catches_every_single_slip(tmp_path: Path) -> None:
    t0 = time.perf_counter()
    demo = create_demo(tmp_path / "ws", n_tps=N_TPS, seed=SEED, entries="none")
    users = demo.credentials["users"]
    assert isinstance(users, list)
    passwords = {u["name"]: u["password"] for u in users}
    ws = open_workspace(demo.path)
    try:
        ops: list[Actor] = [
            accounts.authenticate(ws, f"operator{i}", passwords[f"operator{i}"])
            for i in range(1, 5)
        ]
        with ws.store.reading() as s:
            truth = {
                (r.tps_id, r.contest_id): json.loads(r.values_json)
                for r in s.execute(select(SyntheticImageRow)).scalars()
            }
        assert len(truth) == 2 * N_TPS == 500
        t_setup = time.perf_counter() - t0

        rng = random.Random(SEED)
        typed: dict[tuple[str, str], tuple[dict[str, int], dict[str, int]]] = {}
        first_pass = sorted(truth)
        for key in first_pass:
            a, b = rng.sample(ops, 2)
            v1, v2 = keyed(truth[key], rng), keyed(truth[key], rng)
            typed[key] = (v1, v2)
            tps, contest = key
            r1 = entry.submit_entry(ws, a, {"tps": tps, "contest": contest, "values": v1})
            assert r1.state == State.FIRST_DONE
            r2 = entry.submit_entry(ws, b, {"tps": tps, "contest": contest, "values": v2})
            assert r2.state in (State.FINAL, State.DIFFERENT, State.JANGGAL)
        t_keying = time.perf_counter() - t0 - t_setup

        with ws.store.reading() as s:
            states = {
                (r.tps_id, r.contest_id): (State(r.state), r.final_values)
                for r in s.execute(select(RecordRow)).scalars()
            }
            slot1 = {
                (e.tps_id, e.contest_id): json.loads(e.values_json)
                for e in s.execute(select(EntryRow).where(EntryRow.slot == 1)).scalars()
            }
    finally:
        ws.close()

    fields = sum(len(v) for v in truth.values())
    slips = sum(v[f] != truth[k][f] for k, pair in typed.items() for v in pair for f in truth[k])
    differing = {k for k, (v1, v2) in typed.items() if v1 != v2}
    # 1. Every form whose entries differ is held as different: 100% caught.
    assert {k for k, (st, _) in states.items() if st == State.DIFFERENT} == differing
    assert all(states[k][1] is None for k in differing)
    # 2. The rest left keying as final or janggal, holding exactly what both typed.
    wrong_in_records: set[tuple[str, str, str]] = set()
    for k, (st, final_values) in states.items():
        if k in differing:
            continue
        assert st in (State.FINAL, State.JANGGAL), (k, st)
        held = json.loads(final_values or "null") if st == State.FINAL else slot1[k]
        assert held == typed[k][0] == typed[k][1]
        wrong_in_records |= {(*k, f) for f in truth[k] if held[f] != truth[k][f]}
    both_same_wrong = {
        (*k, f) for k, (v1, v2) in typed.items() for f in truth[k] if v1[f] == v2[f] != truth[k][f]
    }
    assert wrong_in_records == both_same_wrong
    # Both slipping on the same field to the same digit: about 22,000 fields x 1e-4 x ~1/30.
    assert len(both_same_wrong) <= 2

    # The figures, for the report (pytest -s shows them).
    n_final = sum(st == State.FINAL for st, _ in states.values())
    n_janggal = sum(st == State.JANGGAL for st, _ in states.values())
    print(
        f"\nsimulation: {len(truth)} forms, {fields} fields, {slips} slips "
        f"({10_000 * slips / (2 * fields):.1f} per 10,000 keyed fields); "
        f"{len(differing)} different ({100 * len(differing) / len(truth):.0f}%), "
        f"{n_final} final, {n_janggal} janggal; residual wrong fields "
        f"{len(wrong_in_records)} ({10_000 * len(wrong_in_records) / fields:.2f} per 10,000); "
        f"setup {t_setup:.1f} s, {2 * len(truth)} submits {t_keying:.1f} s "
        f"({1000 * t_keying / (2 * len(truth)):.1f} ms each)"
    )
    # A 1% slip rate on ~44-field forms gives roughly 60% of forms with a difference.
    assert 0.4 < len(differing) / len(truth) < 0.8
    # Its speed is a bench figure (bench/bench_entry.py), not an assertion: shared machines are noisy.
