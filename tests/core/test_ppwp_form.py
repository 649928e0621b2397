"""The 2024 presidential form as PKPU 25/2023 Lampiran XVI prints it (DOMAIN.md, verified).

Rows, their order and numbering, L/P/J columns, three digit boxes (at most 999), and the
identities that hold on that form: no A-TOTAL (one A row), no III.2 ≤ III.1 (one III row), B-LE-A
on B.1 only, TURNOUT of B.4 against the DPT row with the 2 % reserve, section II as printed
(1 received, 2 used, 3 returned, 4 unused).
"""

from __future__ import annotations

import random

import pytest

from kamarhitung.core.model import default_template_for
from kamarhitung.core.synth import synth_result
from kamarhitung.core.template import (
    RETIRED_TEMPLATES,
    RetiredTemplateError,
    load_template,
)
from kamarhitung.core.validation import validate

TID = "pemilu2024-c-hasil-ppwp"


def form(paslon: tuple[int, ...] = (1, 2, 3)):  # type: ignore[no-untyped-def]
    return load_template(TID).form(paslon)


def consistent() -> dict[str, int]:
    """DPT 410; 319 voters (310 DPT, 7 DPTb, 2 DPK); 419 ballots (410 × 1.02 rounded up)."""
    v: dict[str, int] = {}

    def lpj(row: str, lv: int, pv: int) -> None:
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv

    lpj("I.A.1", 200, 210)
    lpj("I.B.1", 150, 160)
    lpj("I.B.2", 3, 4)
    lpj("I.B.3", 1, 1)
    lpj("I.B.4", 154, 165)
    v["II.1"], v["II.2"], v["II.3"], v["II.4"] = 419, 319, 2, 98
    lpj("III.1", 2, 1)
    v["IV.1"], v["IV.2"], v["IV.3"] = 150, 100, 60
    v["V.A"], v["V.B"], v["V.C"] = 310, 9, 319
    return v


def test_rows_and_order_as_printed() -> None:
    f = form()
    assert list(f.field_ids) == [
        "I.A.1.L", "I.A.1.P", "I.A.1.J",
        "I.B.1.L", "I.B.1.P", "I.B.1.J", "I.B.2.L", "I.B.2.P", "I.B.2.J",
        "I.B.3.L", "I.B.3.P", "I.B.3.J", "I.B.4.L", "I.B.4.P", "I.B.4.J",
        "II.1", "II.2", "II.3", "II.4",
        "III.1.L", "III.1.P", "III.1.J",
        "IV.1", "IV.2", "IV.3",
        "V.A", "V.B", "V.C",
    ]  # fmt: skip
    labels = {x.id: x.label for x in f.fields}
    assert "Daftar Pemilih Tetap" in labels["I.A.1.J"]
    assert labels["I.B.2.J"].startswith("2.") and "DPTb" in labels["I.B.2.J"]
    assert labels["I.B.3.J"].startswith("3.") and "DPK" in labels["I.B.3.J"]
    assert "termasuk surat suara cadangan 2%" in labels["II.1"] or "cadangan 2%" in labels["II.1"]
    assert labels["II.2"].startswith("2.") and "digunakan" in labels["II.2"]
    assert "dikembalikan" in labels["II.3"]
    assert "tidak digunakan" in labels["II.4"] and "sisa cadangan" in labels["II.4"]
    assert "disabilitas yang menggunakan hak pilih" in labels["III.1.J"]
    t = f.template
    assert (t.digits, t.max_value, t.reserve_permille) == (3, 999, 20)
    assert t.verified and any("Lampiran XVI" in x for x in t.verified)
    assert default_template_for("presiden") == TID


def test_the_form_prints_three_pairs() -> None:
    with pytest.raises(ValueError, match="room for 3 candidate pairs, not 4"):
        form((1, 2, 3, 4))


def test_consistent_form_has_no_finding() -> None:
    assert validate(form(), consistent()) == []


CASES: list[tuple[dict[str, int], set[str]]] = [
    ({"I.A.1.L": 201}, {"J-SUM"}),
    ({"III.1.P": 2}, {"J-SUM"}),
    ({"I.B.4.P": 166}, {"B-TOTAL", "J-SUM"}),
    ({"I.A.1.L": 140, "I.A.1.J": 350}, {"B-LE-A", "RESERVE"}),
    ({"II.1": 420}, {"BALLOT-BALANCE"}),
    ({"II.2": 318}, {"BALLOT-USED", "BALLOT-BALANCE"}),
    ({"II.3": 3}, {"BALLOT-BALANCE"}),
    ({"IV.2": 101}, {"SAH-SUM"}),
    ({"V.B": 8}, {"TOTAL-SUM"}),
    ({"V.C": 320}, {"TOTAL-SUM", "TOTAL-VOTERS"}),
    ({"III.1.L": 155, "III.1.J": 156}, {"DISAB-LE"}),
    ({"IV.1": 999}, {"SAH-SUM", "TURNOUT"}),
    ({"IV.1": 1000}, {"RANGE", "SAH-SUM", "TURNOUT"}),
    ({"II.1": 500, "II.4": 179}, {"RESERVE"}),
    ({"V.B": 10, "V.A": 309, "IV.3": 59}, {"INVALID-SHARE"}),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "codes"), CASES)
def test_identities_of_the_printed_form(changes: dict[str, int], codes: set[str]) -> None:
    v = consistent()
    v.update(changes)
    assert {f.code for f in validate(form(), v)} == codes


def test_dptb_and_dpk_voters_are_not_held_to_an_a_row() -> None:
    """B.2 (DPTb) and B.3 (DPK) voters are not on the DPT: no B-LE-A for them, no A-TOTAL."""
    v = consistent()
    codes = {r.code for r in form().rules}
    assert "A-TOTAL" not in codes
    (b_le_a,) = [r for r in form().rules if r.code == "B-LE-A"]
    assert {c.fields for c in b_le_a.checks} == {
        ("I.B.1.L", "I.A.1.L"), ("I.B.1.P", "I.A.1.P"), ("I.B.1.J", "I.A.1.J")
    }  # fmt: skip
    assert validate(form(), v) == []


def test_turnout_compares_b4_with_the_dpt_row_and_its_reserve() -> None:
    # 410 × 1.02 = 418.2: 418 voters are fine, 419 a warning (every other identity kept).
    for voters, fires in ((418, False), (419, True)):
        v = consistent()
        extra = voters - 319
        v["I.B.2.L"] += extra
        v["I.B.2.J"] += extra
        v["I.B.4.L"] += extra
        v["I.B.4.J"] += extra
        v["II.2"] += extra
        v["II.1"] += extra
        v["IV.1"] += extra
        v["V.A"] += extra
        v["V.C"] += extra
        codes = {f.code for f in validate(form(), v)}
        assert ("TURNOUT" in codes) is fires, codes
        assert codes <= {"TURNOUT", "RESERVE"}


def test_synthetic_forms_hold_on_the_printed_form() -> None:
    rng = random.Random(14)
    f = form()
    for _ in range(300):
        r = synth_result(f, rng.randint(0, 300), rng.randint(0, 300), rng, inconsistent_rate=0)
        assert set(r.values) == set(f.field_ids)
        assert not [x for x in validate(f, r.values) if x.level == "E"], r.values
    for _ in range(100):
        r = synth_result(f, 200, 200, rng, inconsistent_rate=1.0)
        assert [x for x in validate(f, r.values) if x.level == "E"]


def test_the_old_presidential_template_is_retired_with_a_sentence() -> None:
    assert RETIRED_TEMPLATES == {"pemilu2024-ppwp": TID}
    with pytest.raises(RetiredTemplateError, match="retired: it is not the printed form"):
        load_template("pemilu2024-ppwp")
