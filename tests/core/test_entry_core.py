"""Tests of double entry as a pure state machine: transitions, decide() and attribute()."""

from __future__ import annotations

from itertools import product

import pytest

from kamarhitung.core.entry import (
    TRANSITIONS,
    Problem,
    State,
    TransitionError,
    attribute,
    check_transition,
    decide,
    differences,
    is_complete,
    missing_fields,
)
from kamarhitung.core.template import FormSpec, load_template

E, F1, FD, S2, D, J, FIN = (
    State.EMPTY,
    State.FIRST_IN_PROGRESS,
    State.FIRST_DONE,
    State.SECOND_IN_PROGRESS,
    State.DIFFERENT,
    State.JANGGAL,
    State.FINAL,
)

# The specification, written out independently of TRANSITIONS: (from, to, why).
ALLOWED: dict[tuple[State, State], str] = {
    (E, F1): "an operator claims a form for the first entry",
    (F1, FD): "the first entry is finished",
    (F1, E): "the first keyer gives the form back, or a supervisor releases the claim",
    (FD, S2): "another operator claims the second entry",
    (FD, E): "the first entry is discarded",
    (S2, FIN): "the entries agree and no error holds",
    (S2, D): "the entries differ",
    (S2, J): "the entries agree but the paper is inconsistent",
    (S2, FD): "the second keyer gives the form back, or a supervisor releases the claim",
    (D, FIN): "a supervisor resolves the differences",
    (D, J): "the resolved form still fails an identity",
    (D, E): "a supervisor sends both entries back",
    (D, FD): "a supervisor sends the second entry back",
    (J, FIN): "a supervisor accepts the form as keyed",
    (J, E): "a supervisor sends both entries back",
    (J, FD): "a supervisor sends the second entry back",
    (FIN, E): "a supervisor reopens a final form",
}


@pytest.mark.parametrize(("old", "new"), list(product(State, State)))
def test_transitions(old: State, new: State) -> None:
    if (old, new) in ALLOWED:
        check_transition(old, new)
        assert new in TRANSITIONS[old]
    else:
        with pytest.raises(TransitionError, match=f"from {old.value} to {new.value}"):
            check_transition(old, new)
        assert new not in TRANSITIONS[old]


def test_the_table_covers_every_state_and_nothing_else() -> None:
    assert set(TRANSITIONS) == set(State)
    assert {(a, b) for a, bs in TRANSITIONS.items() for b in bs} == set(ALLOWED)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (E, FIN),  # nothing is final without two entries
        (E, FD),
        (F1, FIN),
        (FD, FIN),  # one entry is never enough
        (FD, D),
        (FIN, D),
        (FIN, J),
        (J, D),
        (E, E),
        (FIN, FIN),
    ],
)
def test_forbidden_moves_that_matter(old: State, new: State) -> None:
    with pytest.raises(TransitionError):
        check_transition(old, new)


def test_state_values_are_those_of_interfaces_md() -> None:
    assert [s.value for s in State] == [
        "empty",
        "first_in_progress",
        "first_done",
        "second_in_progress",
        "different",
        "janggal",
        "final",
    ]
    assert [p.value for p in Problem] == [
        "illegible",
        "wrong_tps",
        "not_a_result_form",
        "page_missing",
        "corrected_on_paper",
    ]


# --- decide() --------------------------------------------------------------------------------


def form() -> FormSpec:
    return load_template("pilkada-kwk").form((1, 2))


def good() -> dict[str, int | None]:
    v: dict[str, int | None] = {}

    def lpj(row: str, lv: int, pv: int) -> None:
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv

    lpj("I.A.1", 100, 100)
    lpj("I.A.2", 0, 0)
    lpj("I.A.3", 1, 1)
    lpj("I.A.4", 101, 101)
    lpj("I.B.1", 80, 80)
    lpj("I.B.2", 0, 0)
    lpj("I.B.3", 1, 1)
    lpj("I.B.4", 81, 81)
    v["II.1"], v["II.2"], v["II.3"], v["II.4"] = 205, 162, 1, 42
    lpj("III.1", 1, 1)
    lpj("III.2", 1, 0)
    v["IV.1"], v["IV.2"] = 100, 58
    v["V.A"], v["V.B"], v["V.C"] = 158, 4, 162
    return v


def with_(base: dict[str, int | None], **changes: int | None) -> dict[str, int | None]:
    out = dict(base)
    for k, x in changes.items():
        out[k.replace("_", ".")] = x
    return out


def test_the_good_form_has_no_finding() -> None:
    d = decide(form(), good(), [], good(), [])
    assert d.state == State.FINAL
    assert d.findings == ()


ILL = [Problem.ILLEGIBLE.value]

# (case, entry 1, problems 1, entry 2, problems 2, state, differing fields, problems differ, codes)
DECIDE: list[
    tuple[
        str,
        dict[str, int | None],
        list[str],
        dict[str, int | None],
        list[str],
        State,
        tuple[str, ...],
        bool,
        set[str],
    ]
] = [
    ("agree", good(), [], good(), [], FIN, (), False, set()),
    # Warnings alone do not stop a form: 5 invalid of 162 (3.1 %) is an INVALID-SHARE warning.
    (
        "agree-warning",
        with_(good(), V_B=5, V_A=157, IV_2=57),
        [],
        with_(good(), V_B=5, V_A=157, IV_2=57),
        [],
        FIN,
        (),
        False,
        {"INVALID-SHARE"},
    ),
    (
        "agree-error",
        with_(good(), V_A=168),
        [],
        with_(good(), V_A=168),
        [],
        J,
        (),
        False,
        {"SAH-SUM", "TOTAL-SUM"},
    ),
    ("agree-problem", good(), ILL, good(), ILL, J, (), False, set()),
    (
        "agree-problem-unkeyed",
        with_(good(), V_C=None),
        ILL,
        with_(good(), V_C=None),
        ILL,
        J,
        (),
        False,
        set(),
    ),
    (
        "one-field",
        good(),
        [],
        with_(good(), IV_1=101),
        [],
        D,
        ("IV.1",),
        False,
        set(),
    ),
    (
        "two-fields",
        with_(good(), I_A_1_L=10),
        [],
        with_(good(), V_C=126),
        [],
        D,
        ("I.A.1.L", "V.C"),
        False,
        {"J-SUM", "A-TOTAL", "B-LE-A"},
    ),
    (
        "keyed-by-one-only",
        with_(good(), II_3=None),
        ILL,
        good(),
        ILL,
        D,
        ("II.3",),
        False,
        set(),
    ),
    (
        "keyed-by-second-only",
        good(),
        ILL,
        with_(good(), II_3=None),
        ILL,
        D,
        ("II.3",),
        False,
        set(),
    ),
    (
        "problems-differ",
        good(),
        ILL,
        good(),
        [],
        D,
        (),
        True,
        set(),
    ),
    (
        "problems-differ-kind",
        good(),
        ILL,
        good(),
        [Problem.WRONG_TPS.value],
        D,
        (),
        True,
        set(),
    ),
    (
        "problems-same-set-any-order",
        good(),
        [Problem.ILLEGIBLE.value, Problem.PAGE_MISSING.value],
        good(),
        [Problem.PAGE_MISSING.value, Problem.ILLEGIBLE.value],
        J,
        (),
        False,
        set(),
    ),
]


@pytest.mark.parametrize(
    ("v1", "p1", "v2", "p2", "state", "diff", "pdiff", "codes"),
    [pytest.param(*c[1:], id=c[0]) for c in DECIDE],
)
def test_decide(
    v1: dict[str, int | None],
    p1: list[str],
    v2: dict[str, int | None],
    p2: list[str],
    state: State,
    diff: tuple[str, ...],
    pdiff: bool,
    codes: set[str],
) -> None:
    d = decide(form(), v1, p1, v2, p2)
    assert d.state == state
    assert d.differing_fields == diff
    assert d.problems_differ is pdiff
    assert {f.code for f in d.findings} == codes
    # decide() is symmetric in which entry came first.
    assert decide(form(), v2, p2, v1, p1).state == state


def test_decide_never_makes_final_with_an_error_finding() -> None:
    base = good()
    for fid in form().field_ids:
        bad = dict(base)
        value = bad[fid]
        assert value is not None
        bad[fid] = value + 1
        d = decide(form(), bad, [], bad, [])
        assert d.state == State.JANGGAL, fid
        assert any(f.level == "E" for f in d.findings), fid


def test_differences_and_missing_fields() -> None:
    f = form()
    assert differences(f, good(), good()) == []
    assert differences(f, {}, {}) == []
    assert differences(f, {"V.A": 1}, {}) == ["V.A"]
    assert differences(f, {"V.A": 0}, {"V.A": None}) == ["V.A"]
    # Keying order, not the order of the mappings.
    assert differences(f, {"V.C": 1, "I.A.1.L": 1}, {}) == ["I.A.1.L", "V.C"]
    assert missing_fields(f, good()) == []
    assert missing_fields(f, with_(good(), II_2=None)) == ["II.2"]
    assert missing_fields(f, {}) == list(f.field_ids)
    assert is_complete(f, good(), [])
    assert not is_complete(f, {}, [])
    assert is_complete(f, {}, [Problem.ILLEGIBLE.value])


@pytest.mark.parametrize(
    ("v1", "v2", "chosen", "who"),
    [
        (10, 11, 10, "second"),  # the image says 10: the second keyer slipped
        (10, 11, 11, "first"),
        (10, 11, 12, "both"),  # neither read it right
        (None, 11, 11, "first"),  # the first keyer left it empty
        (10, None, 10, "second"),
        (None, 11, 12, "both"),
        (0, 1, 0, "second"),  # zero is a value, not "not keyed"
        (0, 1, 1, "first"),
    ],
)
def test_attribute(v1: int | None, v2: int | None, chosen: int | None, who: str) -> None:
    assert attribute(v1, v2, chosen) == who
