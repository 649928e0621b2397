"""Tests of the per-form identities (DOMAIN.md) on the Pilkada KWK template, and of the templates.

The printed 2024 presidential form has other rows and identities: tests/core/test_ppwp_form.py.

Every case starts from a fully consistent form built by hand and changes one value (or, for a
boundary, the few values that keep everything else consistent), then asserts the exact set of codes
that fire, their level, and that each finding names the changed field.

Section II differs between the templates: on the Pilkada KWK form the ballots used are II.2, on the
Pemilu 2024 PPWP form they are II.4 (II.2 returned, II.3 unused). Cases name section II fields by
role (``@received``, ``@used``, ``@returned``, ``@unused``) and are run on both templates.
"""

from __future__ import annotations

import copy
import json
import random
from importlib import resources
from itertools import combinations
from typing import Any

import pytest

from kamarhitung.core.synth import draw_shares, synth_result
from kamarhitung.core.template import (
    TEMPLATE_IDS,
    FormSpec,
    FormTemplate,
    load_template,
    template_from_dict,
)
from kamarhitung.core.validation import Finding, findings_by_field, has_errors, validate

TEMPLATES = ("pilkada-kwk",)
PASLON = (1, 2, 3)

SECTION_II: dict[str, dict[str, str]] = {
    "pilkada-kwk": {"@received": "II.1", "@used": "II.2", "@returned": "II.3", "@unused": "II.4"},
    "pemilu2024-c-hasil-ppwp": {
        "@received": "II.1",
        "@used": "II.2",
        "@returned": "II.3",
        "@unused": "II.4",
    },
}
RESERVE_PERMILLE = {"pilkada-kwk": 25, "pemilu2024-c-hasil-ppwp": 20}

LEVELS = {
    "J-SUM": "E",
    "A-TOTAL": "E",
    "B-TOTAL": "E",
    "B-LE-A": "E",
    "BALLOT-BALANCE": "E",
    "BALLOT-USED": "E",
    "SAH-SUM": "E",
    "TOTAL-SUM": "E",
    "TOTAL-VOTERS": "E",
    "DISAB-LE": "E",
    "RANGE": "E",
    "TURNOUT": "W",
    "RESERVE": "W",
    "INVALID-SHARE": "W",
}


def form_of(template_id: str, paslon: tuple[int, ...] = PASLON) -> FormSpec:
    return load_template(template_id).form(paslon)


def field_of(template_id: str, name: str) -> str:
    return SECTION_II[template_id].get(name, name)


def consistent(template_id: str) -> dict[str, int]:
    """A form on which every identity holds, with some room on every inequality.

    DPT 410 (A.1 J); 319 voters; 421 ballots received on KWK (410 x 1.025 rounded up), 419 on PPWP
    (x 1.020); 2 returned; 310 valid and 9 invalid votes (2.8 %).
    """
    v: dict[str, int] = {}

    def lpj(row: str, lv: int, pv: int) -> None:
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv

    lpj("I.A.1", 200, 210)
    lpj("I.A.2", 2, 1)
    lpj("I.A.3", 3, 4)
    lpj("I.A.4", 205, 215)
    lpj("I.B.1", 150, 160)
    lpj("I.B.2", 1, 1)
    lpj("I.B.3", 3, 4)
    lpj("I.B.4", 154, 165)
    received = 421 if template_id == "pilkada-kwk" else 419
    ii = SECTION_II[template_id]
    v[ii["@received"]] = received
    v[ii["@used"]] = 319
    v[ii["@returned"]] = 2
    v[ii["@unused"]] = received - 319 - 2
    lpj("III.1", 3, 2)
    lpj("III.2", 2, 1)
    v["IV.1"], v["IV.2"], v["IV.3"] = 150, 100, 60
    v["V.A"], v["V.B"], v["V.C"] = 310, 9, 319
    return v


def changed(template_id: str, changes: dict[str, int]) -> tuple[dict[str, int], set[str]]:
    v = consistent(template_id)
    fields = set()
    for name, value in changes.items():
        fid = field_of(template_id, name)
        assert fid in v
        v[fid] = value
        fields.add(fid)
    return v, fields


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_the_base_form_is_consistent(template_id: str) -> None:
    form = form_of(template_id)
    v = consistent(template_id)
    assert set(v) == set(form.field_ids)
    assert validate(form, v) == []


# (case id, changes, exact set of codes that fire, the code whose finding must name the change)
FAILING: list[tuple[str, dict[str, int], set[str], str]] = [
    ("j-sum-disab-row", {"III.1.L": 4}, {"J-SUM"}, "J-SUM"),
    ("j-sum-j-column", {"III.1.J": 6}, {"J-SUM"}, "J-SUM"),
    ("j-sum-a-row", {"I.A.2.P": 2}, {"J-SUM", "A-TOTAL"}, "J-SUM"),
    ("a-total-l", {"I.A.4.L": 206}, {"A-TOTAL", "J-SUM"}, "A-TOTAL"),
    ("a-total-j", {"I.A.4.J": 421}, {"A-TOTAL", "J-SUM"}, "A-TOTAL"),
    ("a-total-part", {"I.A.3.L": 4}, {"A-TOTAL", "J-SUM"}, "A-TOTAL"),
    ("b-total-p", {"I.B.4.P": 166}, {"B-TOTAL", "J-SUM"}, "B-TOTAL"),
    (
        "b-total-j",
        {"I.B.4.J": 320},
        {"B-TOTAL", "J-SUM", "BALLOT-USED", "TOTAL-VOTERS"},
        "B-TOTAL",
    ),
    ("b-le-a-row2", {"I.B.2.L": 3}, {"B-LE-A", "J-SUM", "B-TOTAL"}, "B-LE-A"),
    ("b-le-a-row1", {"I.A.1.P": 150}, {"B-LE-A", "J-SUM", "A-TOTAL"}, "B-LE-A"),
    ("ballot-balance-received", {"@received": 422}, {"BALLOT-BALANCE"}, "BALLOT-BALANCE"),
    ("ballot-balance-returned", {"@returned": 3}, {"BALLOT-BALANCE"}, "BALLOT-BALANCE"),
    ("ballot-balance-unused", {"@unused": 1}, {"BALLOT-BALANCE"}, "BALLOT-BALANCE"),
    ("ballot-used", {"@used": 318}, {"BALLOT-USED", "BALLOT-BALANCE"}, "BALLOT-USED"),
    ("sah-sum-paslon", {"IV.2": 101}, {"SAH-SUM"}, "SAH-SUM"),
    ("sah-sum-total", {"V.A": 300}, {"SAH-SUM", "TOTAL-SUM"}, "SAH-SUM"),
    ("total-sum", {"V.B": 8}, {"TOTAL-SUM"}, "TOTAL-SUM"),
    ("total-voters", {"V.C": 320}, {"TOTAL-VOTERS", "TOTAL-SUM"}, "TOTAL-VOTERS"),
    ("disab-le-l", {"III.2.L": 4}, {"DISAB-LE", "J-SUM"}, "DISAB-LE"),
    (
        "disab-le-voters",
        {"I.B.4.J": 2},
        {"DISAB-LE", "J-SUM", "B-TOTAL", "BALLOT-USED", "TOTAL-VOTERS"},
        "DISAB-LE",
    ),
    ("range-above", {"IV.1": 1001}, {"RANGE", "SAH-SUM", "TURNOUT"}, "RANGE"),
    ("range-negative", {"V.B": -1}, {"RANGE", "TOTAL-SUM"}, "RANGE"),
    (
        "turnout-voters",
        {"I.A.4.J": 300},
        {"TURNOUT", "B-LE-A", "J-SUM", "A-TOTAL"},
        "TURNOUT",
    ),
    ("turnout-votes", {"IV.1": 300}, {"TURNOUT", "SAH-SUM"}, "TURNOUT"),
    ("reserve-high", {"@received": 500}, {"RESERVE", "BALLOT-BALANCE"}, "RESERVE"),
    ("reserve-low", {"@received": 300}, {"RESERVE", "BALLOT-BALANCE"}, "RESERVE"),
    ("invalid-share", {"V.B": 10}, {"INVALID-SHARE", "TOTAL-SUM"}, "INVALID-SHARE"),
    (
        "invalid-share-alone",
        {"V.B": 10, "V.A": 309, "IV.3": 59},
        {"INVALID-SHARE"},
        "INVALID-SHARE",
    ),
]


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize(
    ("changes", "codes", "main"), [pytest.param(*c[1:], id=c[0]) for c in FAILING]
)
def test_failing_cases(
    template_id: str, changes: dict[str, int], codes: set[str], main: str
) -> None:
    form = form_of(template_id)
    v, touched = changed(template_id, changes)
    findings = validate(form, v)
    assert {f.code for f in findings} == codes
    for f in findings:
        assert f.level == LEVELS[f.code], f
        # Every finding concerns at least one of the changed fields.
        assert touched & set(f.fields), f
    assert any(f.code == main and touched & set(f.fields) for f in findings)
    assert has_errors(findings) == any(LEVELS[c] == "E" for c in codes)


# Consistent variations, many at a boundary: nothing fires.
PASSING: list[tuple[str, dict[str, int]]] = [
    ("base", {}),
    ("disab-equal", {"III.2.L": 3, "III.2.P": 2, "III.2.J": 5}),
    (
        "disab-none",
        {"III.1.L": 0, "III.1.P": 0, "III.1.J": 0, "III.2.L": 0, "III.2.P": 0, "III.2.J": 0},
    ),
    ("invalid-share-just-under", {"V.B": 9}),
]

# Consistent variations given as deltas on the base form (section II rows by role), one or more
# per identity: every identity that reads the changed fields still holds.
VOTER_PLUS_ONE = {
    "I.B.4.L": 1,
    "I.B.4.J": 1,
    "@used": 1,
    "@unused": -1,
    "V.C": 1,
    "V.A": 1,
    "IV.3": 1,
}
PASSING_DELTAS: list[tuple[str, dict[str, int]]] = [
    ("j-sum", {"III.1.L": 1, "III.1.J": 1}),
    ("a-total", {"I.A.2.L": 1, "I.A.2.J": 1, "I.A.4.L": 1, "I.A.4.J": 1}),
    ("b-total-ballot-used-total-voters", {"I.B.1.L": 1, "I.B.1.J": 1, **VOTER_PLUS_ONE}),
    ("b-le-a-equal", {"I.B.2.L": 1, "I.B.2.J": 1, **VOTER_PLUS_ONE}),
    ("ballot-balance", {"@returned": 1, "@unused": -1}),
    ("sah-sum", {"IV.1": 5, "IV.2": -5}),
    ("total-sum", {"V.A": 1, "IV.1": 1, "V.B": -1}),
    ("disab-le-equal", {"III.2.L": 1, "III.2.P": 1, "III.2.J": 2}),
    ("reserve-high", {"@received": 5, "@unused": 5}),
    ("reserve-low", {"@received": -6, "@unused": -6}),
]  # fmt: skip


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("changes", [pytest.param(c[1], id=c[0]) for c in PASSING])
def test_passing_cases(template_id: str, changes: dict[str, int]) -> None:
    v, _ = changed(template_id, changes)
    assert validate(form_of(template_id), v) == []


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("deltas", [pytest.param(c[1], id=c[0]) for c in PASSING_DELTAS])
def test_passing_variations(template_id: str, deltas: dict[str, int]) -> None:
    v = consistent(template_id)
    for name, delta in deltas.items():
        v[field_of(template_id, name)] += delta
    assert all(x >= 0 for x in v.values())
    assert v != consistent(template_id)
    assert validate(form_of(template_id), v) == []


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_turnout_votes_boundary(template_id: str) -> None:
    """Σ IV ≤ DPT × (1 + reserve): 410 × 1.025 = 420.25 (KWK), 410 × 1.020 = 418.2 (PPWP)."""
    form = form_of(template_id)
    limit = 410 * (1000 + RESERVE_PERMILLE[template_id]) // 1000  # 420 or 418
    for total, fires in ((limit, False), (limit + 1, True)):
        v, _ = changed(template_id, {"IV.1": total - 160})
        codes = {f.code for f in validate(form, v)}
        assert ("TURNOUT" in codes) is fires, total
        assert "SAH-SUM" in codes


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_reserve_boundary(template_id: str) -> None:
    """II.1 may be DPT × (1 + reserve) ± (2 + 1 % of DPT): ± 6.1 ballots at DPT 410."""
    form = form_of(template_id)
    expected = 410 * (1000 + RESERVE_PERMILLE[template_id]) / 1000  # 420.25 or 418.2
    for received in range(int(expected) - 10, int(expected) + 10):
        v, _ = changed(template_id, {"@received": received, "@unused": received - 321})
        codes = {f.code for f in validate(form, v)}
        assert codes <= {"RESERVE"}
        assert ("RESERVE" in codes) is (abs(received - expected) > 2 + 4.1), received


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_range_boundary_and_params(template_id: str) -> None:
    form = form_of(template_id)
    maximum = form.template.max_value
    assert maximum == 1000
    assert validate(form, {"IV.1": maximum}) == []
    assert validate(form, {"IV.1": 0}) == []
    assert validate(form, {"IV.1": maximum + 1}) == [
        Finding("RANGE", "E", ("IV.1",), (("value", maximum + 1), ("max", maximum)))
    ]
    assert validate(form, {"V.B": -3}) == [
        Finding("RANGE", "E", ("V.B",), (("value", -3), ("max", maximum)))
    ]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_section_ii_rows_follow_the_template(template_id: str) -> None:
    """BALLOT-USED compares the ballots-used row of this template with B.4 J, not another row."""
    form = form_of(template_id)
    used = SECTION_II[template_id]["@used"]
    (rule,) = [r for r in form.rules if r.code == "BALLOT-USED"]
    assert [c.fields for c in rule.checks] == [(used, "I.B.4.J")]
    for other in ("II.1", "II.2", "II.3", "II.4"):
        v = consistent(template_id)
        v[other] += 1
        codes = {f.code for f in validate(form, v)}
        assert ("BALLOT-USED" in codes) is (other == used), other


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_params_are_left_and_right(template_id: str) -> None:
    form = form_of(template_id)
    v, _ = changed(template_id, {"IV.2": 101})
    (f,) = validate(form, v)
    assert f == Finding(
        "SAH-SUM", "E", ("V.A", "IV.1", "IV.2", "IV.3"), (("left", 310), ("right", 311))
    )
    assert f.to_json() == {
        "code": "SAH-SUM",
        "level": "E",
        "fields": ["V.A", "IV.1", "IV.2", "IV.3"],
        "params": {"left": 310, "right": 311},
    }
    assert Finding.from_json(f.to_json()) == f
    v, _ = changed(template_id, {"III.1.L": 4})
    (f,) = validate(form, v)
    assert f == Finding(
        "J-SUM", "E", ("III.1.J", "III.1.L", "III.1.P"), (("left", 5), ("right", 6))
    )
    by_field = findings_by_field([f])
    assert set(by_field) == {"III.1.J", "III.1.L", "III.1.P"}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_one_finding_per_failing_check(template_id: str) -> None:
    """A changed A.1 P breaks the J-SUM of row A.1 and the A-TOTAL of column P, and nothing else."""
    form = form_of(template_id)
    v, _ = changed(template_id, {"I.A.1.P": 211})
    got = sorted((f.code, f.fields) for f in validate(form, v))
    assert got == [
        ("A-TOTAL", ("I.A.4.P", "I.A.1.P", "I.A.2.P", "I.A.3.P")),
        ("J-SUM", ("I.A.1.J", "I.A.1.L", "I.A.1.P")),
    ]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_checks_are_skipped_while_fields_are_unkeyed(template_id: str) -> None:
    form = form_of(template_id)
    assert validate(form, {}) == []
    # Any one field unkeyed on a consistent form: still nothing.
    for fid in form.field_ids:
        v: dict[str, int | None] = dict(consistent(template_id))
        v[fid] = None
        assert validate(form, v) == [], fid
    # A wrong V.B: TOTAL-SUM fires only once V.C (and V.A) are keyed.
    v2, _ = changed(template_id, {"V.B": 8})
    partial = {k: x for k, x in v2.items() if k != "V.C"}
    assert validate(form, partial) == []
    assert [f.code for f in validate(form, v2)] == ["TOTAL-SUM"]
    # A wrong V.A: SAH-SUM waits for every candidate pair.
    v3, _ = changed(template_id, {"IV.2": 101})
    assert validate(form, {k: x for k, x in v3.items() if k != "IV.3"}) == []
    # Section by section, as an operator keys: a keyed J-SUM row is checked at once.
    assert [f.code for f in validate(form, {"I.A.1.L": 1, "I.A.1.P": 2, "I.A.1.J": 4})] == ["J-SUM"]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_synthetic_consistent_forms_pass_every_error_identity(template_id: str) -> None:
    rng = random.Random(20241127)
    for paslon in ((1, 2), (1, 2, 3), (1, 2, 3, 4, 5, 6)):
        form = form_of(template_id, paslon)
        shares = draw_shares(len(paslon), rng)
        for _ in range(150):
            dpt_l, dpt_p = rng.randint(0, 300), rng.randint(0, 300)
            r = synth_result(form, dpt_l, dpt_p, rng, inconsistent_rate=0, shares=shares)
            assert not r.inconsistent
            assert set(r.values) == set(form.field_ids)
            errors = [f for f in validate(form, r.values) if f.level == "E"]
            assert errors == [], (dpt_l, dpt_p, errors)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_synthetic_inconsistent_forms_fail_an_error_identity(template_id: str) -> None:
    rng = random.Random(5)
    form = form_of(template_id)
    seen = 0
    for _ in range(300):
        r = synth_result(
            form, rng.randint(100, 300), rng.randint(100, 300), rng, inconsistent_rate=0.5
        )
        if r.inconsistent:
            seen += 1
            assert has_errors(validate(form, r.values))
    assert seen > 100


# --- the templates ---------------------------------------------------------------------------


def expected_field_ids(paslon: tuple[int, ...]) -> list[str]:
    """The keying order of INTERFACES.md: I.A.1.L … V.C, IV.<nomor_urut>."""
    out: list[str] = []
    for sec in ("I.A", "I.B"):
        for r in (1, 2, 3, 4):
            out += [f"{sec}.{r}.{c}" for c in "LPJ"]
    out += ["II.1", "II.2", "II.3", "II.4"]
    for r in (1, 2):
        out += [f"III.{r}.{c}" for c in "LPJ"]
    out += [f"IV.{n}" for n in paslon]
    out += ["V.A", "V.B", "V.C"]
    return out


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("paslon", [(1,), (1, 2), (1, 2, 3), (1, 2, 3, 4, 5, 6), (2, 4)])
def test_field_ids_and_keying_order(template_id: str, paslon: tuple[int, ...]) -> None:
    form = form_of(template_id, paslon)
    assert list(form.field_ids) == expected_field_ids(paslon)
    assert form.field_index == {f: i for i, f in enumerate(form.field_ids)}
    assert len(expected_field_ids(paslon)) == 37 + len(paslon)


def test_the_shipped_templates() -> None:
    assert set(TEMPLATE_IDS) == {*TEMPLATES, "pemilu2024-c-hasil-ppwp"}
    for tid in TEMPLATES:
        t = load_template(tid)
        assert t.id == tid
        assert t.max_value == 1000
        assert t.reserve_permille == RESERVE_PERMILLE[tid]
        codes = [r["code"] for r in t.rule_defs]
        assert codes == [c for c in LEVELS if c != "RANGE"]
        assert {r["code"]: r["level"] for r in t.rule_defs} == {
            c: lv for c, lv in LEVELS.items() if c != "RANGE"
        }
    with pytest.raises(KeyError):
        load_template("pilkada-2029")


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_field_has_a_box_inside_the_page_and_boxes_do_not_overlap(template_id: str) -> None:
    t = load_template(template_id)
    form = t.form(tuple(range(1, 7)))
    boxes = {}
    for fid in form.field_ids:
        box = form.box(fid)
        assert box is not None, fid
        x0, y0, x1, y1 = box
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1, (fid, box)
        boxes[fid] = box
        row = form.row_box(form.fields[form.field_index[fid]].row)
        assert row is not None
        assert row[0] <= x0 and x1 <= row[2] and row[1] == y0 and row[3] == y1
    for (a, ba), (b, bb) in combinations(boxes.items(), 2):
        overlap_x = min(ba[2], bb[2]) - max(ba[0], bb[0])
        overlap_y = min(ba[3], bb[3]) - max(ba[1], bb[1])
        assert overlap_x <= 0 or overlap_y <= 0, (a, b)


def _template_dict(template_id: str = "pilkada-kwk") -> dict[str, Any]:
    text = (
        resources.files("kamarhitung")
        .joinpath("data", "templates", f"{template_id}.json")
        .read_text(encoding="utf-8")
    )
    d = json.loads(text)
    assert isinstance(d, dict)
    return d


def _load(d: dict[str, Any]) -> FormTemplate:
    """Load a template and instantiate it as a contest with every candidate pair would."""
    t = template_from_dict(d)
    t.form(tuple(range(1, 7)))
    return t


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_the_shipped_json_loads_as_the_packaged_template(template_id: str) -> None:
    t = _load(_template_dict(template_id))
    assert t.form(PASLON).field_ids == form_of(template_id).field_ids


def _rule(d: dict[str, Any], code: str) -> dict[str, Any]:
    rule = next(r for r in d["rules"] if r["code"] == code)
    assert isinstance(rule, dict)
    return rule


def test_the_loader_rejects_an_unknown_field_in_a_rule() -> None:
    d = _template_dict()
    _rule(d, "TOTAL-SUM")["checks"] = ["V.C == V.A + V.D"]
    with pytest.raises(ValueError, match=r"TOTAL-SUM.*V\.D"):
        template_from_dict(d)


def test_the_loader_rejects_an_unknown_field_from_a_loop() -> None:
    d = _template_dict()
    _rule(d, "J-SUM")["for_each"]["row"].append("I.C.1")
    with pytest.raises(ValueError, match=r"J-SUM.*I\.C\.1"):
        template_from_dict(d)


def test_the_loader_rejects_a_rule_that_does_not_parse() -> None:
    d = _template_dict()
    _rule(d, "SAH-SUM")["checks"] = ["V.A = sum(IV.*)"]
    with pytest.raises(ValueError, match="cannot read"):
        template_from_dict(d)


@pytest.mark.parametrize("level", ["X", "e", "", "WARN"])
def test_the_loader_rejects_a_bad_level(level: str) -> None:
    d = _template_dict()
    _rule(d, "RESERVE")["level"] = level
    with pytest.raises(ValueError, match="RESERVE: level must be E or W"):
        template_from_dict(d)


def test_the_loader_rejects_an_unknown_section_kind() -> None:
    d = _template_dict()
    d["sections"][2]["kind"] = "matrix"
    with pytest.raises(ValueError, match="unknown kind 'matrix'"):
        template_from_dict(d)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_too_many_paslon_are_refused(template_id: str) -> None:
    t = load_template(template_id)
    assert len(t.form(tuple(range(1, 7))).field_ids) == 43
    with pytest.raises(ValueError, match="room for 6 candidate pairs, not 7"):
        t.form(tuple(range(1, 8)))
    d = _template_dict(template_id)
    d["sections"][4]["max_paslon"] = 2
    small = template_from_dict(d)
    small.form((1, 2))
    with pytest.raises(ValueError, match="room for 2 candidate pairs, not 3"):
        small.form(PASLON)


def test_the_loaded_template_is_not_changed_by_a_test() -> None:
    d = _template_dict()
    before = copy.deepcopy(d)
    _load(d)
    assert d == before


def test_the_loader_rejects_an_unknown_loop_variable() -> None:
    d = _template_dict()
    _rule(d, "A-TOTAL")["checks"] = ["I.A.4.{col} == I.A.1.{col}"]
    with pytest.raises(ValueError, match="unknown loop variable 'col'"):
        template_from_dict(d)
