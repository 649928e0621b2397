"""Anomalies across records (core.anomalies): a realistic synthetic kabupaten (core.synth) with
planted anomalies, each found with its code and nothing else; the statistics and the guards."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest

from kamarhitung.core.anomalies import (
    DUPLICATE,
    INVALID_SHARE,
    LAST_DIGIT,
    OUTLIER,
    TURNOUT,
    Anomaly,
    AnomalyConfig,
    chi2_sf,
    robust_z,
    scan,
)
from kamarhitung.core.master import MasterData
from kamarhitung.core.model import Level, Region
from kamarhitung.core.recap import Recap, RecordInput, RegionTree, aggregate
from kamarhitung.core.synth import draw_shares, synth_result
from kamarhitung.core.template import FormSpec, load_template
from kamarhitung.core.validation import Finding
from kamarhitung.services.demo import demo_master

FORM = load_template("pilkada-kwk").form((1, 2, 3))
Values = dict[str, dict[str, int]]


def synthetic(master: MasterData, seed: int, form: FormSpec = FORM) -> Values:
    """Every TPS's form as a KPPS writes it (no deliberate paper errors)."""
    rng = random.Random(seed)
    shares = draw_shares(len(form.paslon_numbers), rng)
    return {
        t.id: synth_result(form, t.dpt_l, t.dpt_p, rng, 0.0, shares=shares).values
        for t in master.tps
    }


def recap_of(tree: RegionTree, values: Values, form: FormSpec = FORM) -> Recap:
    records = [RecordInput(t, "final", v) for t, v in values.items()]
    return aggregate(tree, "bupati", form.field_ids, records)


def found(anomalies: list[Anomaly]) -> set[tuple[str, str]]:
    return {(a.tps, a.code) for a in anomalies}


def clean_dataset() -> tuple[MasterData, RegionTree, Values]:
    """A 300-TPS kabupaten (5 kecamatan) whose synthetic data raises no anomaly by itself.

    Real-looking data has a natural tail: about 1 TPS in 100 is an outlier at |z| > 3.5. The
    first seed whose data is clean is taken, so that every anomaly found below was planted.
    """
    master = demo_master(300, 3)
    tree = RegionTree.from_master(master)
    for seed in range(300):
        values = synthetic(master, seed)
        if not scan(recap_of(tree, values)):
            return master, tree, values
    raise AssertionError("no clean synthetic dataset in 300 seeds")


def rescale(v: dict[str, int], valid: int) -> None:
    """Set V.A to ``valid`` and split it over the candidate pairs keeping their shares."""
    votes = [v[f"IV.{n}"] for n in FORM.paslon_numbers]
    total = sum(votes) or 1
    parts = [valid * x // total for x in votes]
    parts[0] += valid - sum(parts)
    for n, x in zip(FORM.paslon_numbers, parts, strict=True):
        v[f"IV.{n}"] = x
    v["V.A"] = valid
    v["V.C"] = valid + v["V.B"]


def test_planted_anomalies_are_found_and_nothing_else() -> None:
    _, tree, values = clean_dataset()
    bounds = tree.kecamatan_tps_bounds().tolist()
    kec_tps = [list(tree.tps_ids[bounds[c] : bounds[c + 1]]) for c in range(len(bounds) - 1)]
    expected: set[tuple[str, str]] = set()

    # 1. Turnout far below the kecamatan's: 15 % of the voters on the list voted.
    t = kec_tps[0][3]
    v = values[t]
    voters = v["I.A.4.J"] * 15 // 100
    v["I.B.4.J"], v["V.B"] = voters, 0
    rescale(v, voters)
    expected.add((t, OUTLIER))

    # 2. One candidate pair takes 95 % of a TPS where it usually has far less.
    t = kec_tps[1][5]
    v = values[t]
    low = min(FORM.paslon_numbers, key=lambda n: values[kec_tps[1][0]][f"IV.{n}"])
    rest = [n for n in FORM.paslon_numbers if n != low]
    v[f"IV.{low}"] = v["V.A"] * 95 // 100
    v[f"IV.{rest[0]}"] = v["V.A"] - v[f"IV.{low}"]
    v[f"IV.{rest[1]}"] = 0
    expected.add((t, OUTLIER))

    # 3. Two TPS of one desa with the same sections IV and V (a copied form).
    desa = tree.desa_bounds.tolist()
    d = next(i for i in range(len(desa) - 1) if desa[i + 1] - desa[i] >= 3)
    a, b = tree.tps_ids[desa[d]], tree.tps_ids[desa[d] + 1]
    for f in FORM.field_ids:
        if f.startswith(("IV.", "V.")):
            values[b][f] = values[a][f]
    # Keep the copy credible for the other rules: the copied TPS's own list can hold the votes.
    values[b]["I.A.1.J"] = values[b]["I.A.4.J"] = max(values[b]["I.A.4.J"], values[a]["V.C"] + 50)
    values[b]["I.B.4.J"] = values[a]["V.C"]
    expected |= {(a, DUPLICATE), (b, DUPLICATE)}

    # 4. More voters than the list holds (B.4 J > A.4 J): turnout over 100 %, which is also as
    #    far from the kecamatan's turnout as it gets (an outlier as well).
    t = kec_tps[3][2]
    values[t]["I.B.4.J"] = values[t]["I.A.4.J"] + 3
    expected |= {(t, TURNOUT), (t, OUTLIER)}

    # 5. 12 % invalid votes.
    t = kec_tps[2][7]
    v = values[t]
    v["V.B"] = v["V.C"] * 12 // 100
    rescale(v, v["V.C"] - v["V.B"])
    expected.add((t, INVALID_SHARE))

    # 6. A kecamatan whose vote counts were made up: every count rounded to 0 or 5.
    kec = tree.kecamatan[4]
    for t in kec_tps[4]:
        v = values[t]
        for n in FORM.paslon_numbers:
            v[f"IV.{n}"] = 5 * round(v[f"IV.{n}"] / 5)
        v["V.A"] = sum(v[f"IV.{n}"] for n in FORM.paslon_numbers)
        v["V.C"] = v["V.A"] + v["V.B"]
    expected.add((kec.code, LAST_DIGIT))

    anomalies = scan(recap_of(tree, values))
    assert len(expected) == 8
    assert found(anomalies) == expected
    by_key = {(x.tps, x.code): x for x in anomalies}
    assert by_key[(a, DUPLICATE)].detail == {"others": [b], "scope": "desa"}
    last = by_key[(kec.code, LAST_DIGIT)].detail
    digits = last["digits"]
    assert isinstance(digits, list) and sum(digits[i] for i in (0, 5)) == last["counts"]
    assert isinstance(last["p"], float) and last["p"] < 0.001
    assert all(x.level == "W" for x in anomalies)
    out = by_key[(kec_tps[0][3], OUTLIER)].detail["measures"]
    assert isinstance(out, list) and out[0]["measure"] == "turnout" and out[0]["z"] < -3.5
    assert all(set(x.to_json()) == {"tps", "code", "level", "detail"} for x in anomalies)


def tiny_tree(n_tps: int, kec: str = "357801") -> RegionTree:
    return RegionTree.build(
        Region("3578", "K", Level.KABUPATEN),
        [Region(kec, "KEC", Level.KECAMATAN)],
        [Region(f"{kec}1001", "DESA", Level.DESA)],
        [(f"{kec}1001{i:03d}", 300) for i in range(1, n_tps + 1)],
    )


def form_values(b4: int, iv: tuple[int, ...], vb: int = 2, a4: int = 300) -> dict[str, int]:
    v = dict.fromkeys(FORM.field_ids, 0)
    v["I.A.4.J"], v["I.B.4.J"], v["V.B"] = a4, b4, vb
    for n, x in zip(FORM.paslon_numbers, iv, strict=True):
        v[f"IV.{n}"] = x
    v["V.A"] = sum(iv)
    v["V.C"] = v["V.A"] + vb
    return v


def turnout_case(n: int, odd: int) -> Recap:
    """``n`` TPS at 70 % turnout with varied votes, one at ``odd`` voters of 300."""
    vals = {}
    tree = tiny_tree(n)
    for i, t in enumerate(tree.tps_ids):
        b4 = odd if i == 0 else 210 + (i % 7)
        vals[t] = form_values(b4, (60 + 3 * i, 70 + 5 * i, 50 + 2 * i), vb=1 + i % 3)
    return recap_of(tree, vals)


GUARDS: list[tuple[str, Callable[[], Recap], set[str]]] = [
    ("a kecamatan of 4 TPS is not judged", lambda: turnout_case(4, 20), set()),
    ("a kecamatan of 5 TPS is", lambda: turnout_case(5, 20), {OUTLIER}),
]


@pytest.mark.parametrize(("make", "codes"), [g[1:] for g in GUARDS], ids=[g[0] for g in GUARDS])
def test_outlier_guards(make: Callable[[], Recap], codes: set[str]) -> None:
    r = make()
    first = r.tree.tps_ids[0]
    assert {a.code for a in scan(r) if a.tps == first} == codes


def test_robust_z_with_no_spread() -> None:
    x = np.array([0.5, 0.5, 0.5, 0.5, 0.9])
    z = robust_z(x)  # MAD is 0: the mean absolute deviation stands in
    assert z[:4].tolist() == [0, 0, 0, 0] and z[4] == pytest.approx(0.4 / (1.253314 * 0.08))
    assert robust_z(np.full(6, 0.3)).tolist() == [0.0] * 6


CHI2: list[tuple[float, int, float]] = [
    (27.877, 9, 0.001),
    (16.919, 9, 0.05),
    (3.841, 1, 0.05),
    (5.991, 2, 0.05),
    (7.815, 3, 0.05),
    (9.488, 4, 0.05),
    (0.0, 9, 1.0),
]


@pytest.mark.parametrize(("x", "dof", "p"), CHI2)
def test_chi2_survival(x: float, dof: int, p: float) -> None:
    assert chi2_sf(x, dof) == pytest.approx(p, rel=1e-3)


def test_last_digit_needs_fifty_counts_of_ten_or_more() -> None:
    # 16 TPS × 3 pairs = 48 counts, every one ending in 0: too few to judge.
    tree = tiny_tree(16)
    vals = {t: form_values(200, (60, 80, 50)) for t in tree.tps_ids}
    cfg = AnomalyConfig(duplicate_scope="kabupaten")
    assert LAST_DIGIT not in {a.code for a in scan(recap_of(tree, vals), cfg)}
    tree = tiny_tree(17)
    vals = {t: form_values(200, (60, 80, 50)) for t in tree.tps_ids}
    assert LAST_DIGIT in {a.code for a in scan(recap_of(tree, vals), cfg)}
    # Counts under 10 do not count towards the 50.
    vals = {t: form_values(200, (9, 8, 180 + i)) for i, t in enumerate(tree.tps_ids)}
    assert LAST_DIGIT not in {a.code for a in scan(recap_of(tree, vals), cfg)}


def test_duplicates_scope_and_empty_forms() -> None:
    tree = RegionTree.build(
        Region("3578", "K", Level.KABUPATEN),
        [Region("357801", "A", Level.KECAMATAN)],
        [Region("3578011001", "D1", Level.DESA), Region("3578011002", "D2", Level.DESA)],
        [("3578011001001", 300), ("3578011001002", 300), ("3578011002001", 300)],
    )
    t1, t2, t3 = tree.tps_ids
    same = form_values(200, (60, 80, 50))
    vals = {t1: same, t2: {**same, "I.A.4.J": 290}, t3: {**same, "I.A.4.J": 280}}
    assert found(scan(recap_of(tree, vals))) >= {(t1, DUPLICATE), (t2, DUPLICATE)}
    assert (t3, DUPLICATE) not in found(scan(recap_of(tree, vals)))
    wide = scan(recap_of(tree, vals), AnomalyConfig(duplicate_scope="kecamatan"))
    assert {a.tps for a in wide if a.code == DUPLICATE} == {t1, t2, t3}
    # A whole form equal anywhere in the kabupaten is a duplicate whatever the scope.
    vals[t3] = dict(same)
    whole = {a.tps: a.detail for a in scan(recap_of(tree, vals)) if a.code == DUPLICATE}
    assert whole[t3] == {"others": [t1], "scope": "form"}
    # Forms without a single vote are not compared.
    empty = form_values(0, (0, 0, 0), vb=0)
    vals = {t1: empty, t2: dict(empty), t3: form_values(200, (60, 80, 50))}
    assert DUPLICATE not in {a.code for a in scan(recap_of(tree, vals))}


def test_turnout_against_the_master_dpt() -> None:
    tree = tiny_tree(1)  # DPT 300: at most 307 votes with the 2.5 % reserve
    t = tree.tps_ids[0]
    ok = scan(recap_of(tree, {t: form_values(307, (100, 100, 105), vb=2, a4=320)}))
    assert TURNOUT not in {a.code for a in ok}
    over = scan(recap_of(tree, {t: form_values(310, (100, 100, 108), vb=2, a4=320)}))
    detail = next(a.detail for a in over if a.code == TURNOUT)
    assert detail == {"votes": 308, "dpt": 300, "dpt_limit": 307, "voters": 310, "registered": 320}


def test_invalid_share_threshold() -> None:
    tree = tiny_tree(2)
    t1, t2 = tree.tps_ids
    vals = {t1: form_values(200, (60, 80, 54), vb=6), t2: form_values(200, (60, 80, 55), vb=5)}
    hits = {a.tps: a.detail for a in scan(recap_of(tree, vals)) if a.code == INVALID_SHARE}
    assert hits == {t1: {"invalid": 6, "total": 200, "share": 0.03}}


def test_stored_form_findings_are_merged_once() -> None:
    tree = tiny_tree(2)
    t1, t2 = tree.tps_ids
    vals = {t1: form_values(330, (100, 100, 108), a4=320), t2: form_values(200, (60, 80, 50))}
    findings = {
        t1: [Finding("TURNOUT", "W", ("I.B.4.J", "I.A.4.J"), (("left", 330), ("right", 320)))],
        t2: [Finding("SAH-SUM", "E", ("V.A",), (("left", 190), ("right", 189)))],
    }
    result = {(a.tps, a.code): a for a in scan(recap_of(tree, vals), form_findings=findings)}
    assert result[(t1, TURNOUT)].detail.get("source") is None  # the scan's own, kept once
    assert result[(t2, "SAH-SUM")].level == "E"
    assert result[(t2, "SAH-SUM")].detail == {
        "source": "form",
        "fields": ["V.A"],
        "params": {"left": 190, "right": 189},
    }


def test_realistic_data_keeps_the_flag_rate_low() -> None:
    """On a 5,000-TPS synthetic kabupaten few TPS are flagged (the list is useful, not noise)."""
    master = demo_master(5_000, 5)
    tree = RegionTree.from_master(master)
    anomalies = scan(recap_of(tree, synthetic(master, 3)))
    assert len({a.tps for a in anomalies}) / tree.n_tps < 0.015
