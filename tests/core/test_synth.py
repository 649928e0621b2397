"""Synthetic results: consistent forms pass every E identity, deliberate errors are caught."""

from __future__ import annotations

import math
import random

import pytest

from kamarhitung.core.synth import SynthResult, draw_shares, synth_result
from kamarhitung.core.template import TEMPLATE_IDS, FormSpec, load_template
from kamarhitung.core.validation import validate


def _form(template_id: str, n: int) -> FormSpec:
    t = load_template(template_id)
    most = next(s.max_paslon for s in t.sections if s.kind == "paslon")
    return t.form(tuple(range(1, min(n, most) + 1)))


def _draw(form: FormSpec, rng: random.Random, rate: float = 0.04) -> SynthResult:
    return synth_result(form, rng.randint(20, 300), rng.randint(20, 300), rng, rate)


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_consistent_results_have_no_errors(template_id: str, n: int) -> None:
    form = _form(template_id, n)
    rng = random.Random(f"{template_id}/{n}")
    maximum = form.template.max_value
    warned = 0
    for _ in range(300):
        r = _draw(form, rng)
        assert set(r.values) == set(form.field_ids)
        assert all(type(x) is int and 0 <= x <= maximum for x in r.values.values())
        findings = validate(form, r.values)
        if r.inconsistent:
            assert any(f.level == "E" for f in findings), r.values
        else:
            assert not [f for f in findings if f.level == "E"], (findings, r.values)
            warned += bool(findings)
    assert warned <= 10  # warnings are rare on a consistent form


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_result_is_inconsistent_at_rate_one(template_id: str) -> None:
    form = _form(template_id, 4)
    rng = random.Random(7)
    for _ in range(200):
        r = _draw(form, rng, rate=1.0)
        assert r.inconsistent
        assert any(f.level == "E" for f in validate(form, r.values))


def test_inconsistent_rate_is_roughly_as_asked() -> None:
    form = _form("pilkada-kwk", 3)
    rng = random.Random(11)
    n = 3000
    bad = sum(_draw(form, rng).inconsistent for _ in range(n))
    assert 0.025 * n <= bad <= 0.055 * n
    assert not any(_draw(form, rng, rate=0.0).inconsistent for _ in range(300))


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_numbers_are_realistic(template_id: str) -> None:
    form = _form(template_id, 3)
    t = form.template
    rng = random.Random(3)
    for _ in range(300):
        dpt_l, dpt_p = rng.randint(100, 300), rng.randint(100, 300)
        v = synth_result(form, dpt_l, dpt_p, rng, 0.0).values
        dpt = dpt_l + dpt_p
        assert (v["I.A.1.L"], v["I.A.1.P"], v["I.A.1.J"]) == (dpt_l, dpt_p, dpt)
        if "I.A.2.J" in form.field_index:  # the presidential form prints one A row
            assert v["I.A.2.J"] <= 5
            assert v["I.A.3.J"] <= 15
        assert v["II.1"] == math.ceil(dpt * (1000 + t.reserve_permille) / 1000)
        assert 0.45 <= v["I.B.1.J"] / dpt <= 0.92
        assert v["III.1.J"] <= 16
        assert v["V.B"] * 100 <= 3 * v["V.C"]
        assert v["V.C"] == v["I.B.4.J"]


def test_ballot_rows_follow_each_template() -> None:
    rng = random.Random(5)
    kwk = synth_result(_form("pilkada-kwk", 2), 200, 210, rng, 0.0).values
    assert kwk["II.2"] == kwk["I.B.4.J"]  # KWK: row 2 is "digunakan"
    ppwp = synth_result(_form("pemilu2024-c-hasil-ppwp", 2), 200, 210, rng, 0.0).values
    assert ppwp["II.2"] == ppwp["I.B.4.J"]  # PPWP as printed: row 2 is "digunakan" too
    assert ppwp["II.3"] <= 3  # returned (rusak/keliru) ballots are few
    assert ppwp["II.1"] == ppwp["II.2"] + ppwp["II.3"] + ppwp["II.4"]


def test_tiny_tps_does_not_run_out_of_ballots() -> None:
    form = _form("pilkada-kwk", 2)
    rng = random.Random(9)
    for _ in range(500):
        r = synth_result(form, rng.randint(0, 12), rng.randint(0, 12), rng, 0.0)
        assert not [f for f in validate(form, r.values) if f.level == "E"], r.values


def test_deterministic_for_a_seeded_rng() -> None:
    form = _form("pemilu2024-c-hasil-ppwp", 3)
    a = synth_result(form, 250, 240, random.Random(42))
    b = synth_result(form, 250, 240, random.Random(42))
    assert a == b


def test_regional_shares_drive_the_votes() -> None:
    form = _form("pilkada-kwk", 3)
    rng = random.Random(1)
    totals = [0, 0, 0]
    for _ in range(200):
        v = synth_result(form, 200, 200, rng, 0.0, shares=(0.6, 0.3, 0.1)).values
        for i in range(3):
            totals[i] += v[f"IV.{i + 1}"]
    share = totals[0] / sum(totals)
    assert 0.5 < share < 0.7
    assert totals[0] > totals[1] > totals[2]
    with pytest.raises(ValueError):
        synth_result(form, 200, 200, rng, shares=(0.5, 0.5))


def test_draw_shares_sum_to_one() -> None:
    rng = random.Random(2)
    for n in range(1, 7):
        s = draw_shares(n, rng)
        assert len(s) == n
        assert math.isclose(sum(s), 1.0)
    assert draw_shares(0, rng) == ()
