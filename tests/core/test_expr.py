"""Tests of the identity expression language (core.expr): precedence, functions, groups, errors."""

from __future__ import annotations

import pytest

from kamarhitung.core.expr import ExprError, parse

GROUPS = {"IV.*": ("IV.1", "IV.2", "IV.3")}


@pytest.mark.parametrize(
    ("text", "holds", "left", "right"),
    [
        # * binds tighter than + and -.
        ("2 + 3 * 4 == 14", True, 14, 14),
        ("2 * 3 + 4 == 10", True, 10, 10),
        ("(2 + 3) * 4 == 20", True, 20, 20),
        # + and - are left-associative.
        ("10 - 2 - 3 == 5", True, 5, 5),
        ("10 - (2 - 3) == 11", True, 11, 11),
        ("2 * 3 * 4 == 24", True, 24, 24),
        # abs() takes a whole sum.
        ("abs(3 - 10) == 7", True, 7, 7),
        ("abs(10 - 3) == 7", True, 7, 7),
        ("abs(2 - 5) * 2 == 6", True, 6, 6),
        # Every comparison operator.
        ("1 != 2", True, 1, 2),
        ("1 < 2", True, 1, 2),
        ("2 < 2", False, 2, 2),
        ("2 <= 2", True, 2, 2),
        ("3 > 2", True, 3, 2),
        ("2 >= 3", False, 2, 3),
        ("1 == 2", False, 1, 2),
        # Whitespace is free.
        ("  2+3*4==14  ", True, 14, 14),
    ],
)
def test_arithmetic_and_comparison(text: str, holds: bool, left: int, right: int) -> None:
    out = parse(text, GROUPS).evaluate({})
    assert out is not None
    assert (out.holds, out.left, out.right) == (holds, left, right)


def test_fields_are_read_from_the_values() -> None:
    e = parse("I.A.4.J == I.A.1.J + I.A.2.J + I.A.3.J", GROUPS)
    assert e.fields == ("I.A.4.J", "I.A.1.J", "I.A.2.J", "I.A.3.J")
    out = e.evaluate({"I.A.4.J": 10, "I.A.1.J": 7, "I.A.2.J": 1, "I.A.3.J": 1})
    assert out is not None
    assert (out.holds, out.left, out.right) == (False, 10, 9)


def test_sum_of_a_group_expands_to_its_fields() -> None:
    e = parse("V.A == sum(IV.*)", GROUPS)
    assert e.fields == ("V.A", "IV.1", "IV.2", "IV.3")
    out = e.evaluate({"V.A": 6, "IV.1": 1, "IV.2": 2, "IV.3": 3})
    assert out is not None and out.holds and out.right == 6
    # sum() inside arithmetic, as the TURNOUT rule uses it.
    t = parse("1000 * sum(IV.*) <= 1025 * I.A.1.J", GROUPS)
    out = t.evaluate({"IV.1": 100, "IV.2": 100, "IV.3": 5, "I.A.1.J": 200})
    assert out is not None and out.holds and (out.left, out.right) == (205_000, 205_000)


def test_an_empty_group_sums_to_zero() -> None:
    out = parse("sum(IV.*) == 0", {"IV.*": ()}).evaluate({})
    assert out is not None and out.holds


def test_fields_are_listed_once_in_order_of_appearance() -> None:
    e = parse("abs(II.1 - II.2) <= II.1 + II.3", GROUPS)
    assert e.fields == ("II.1", "II.2", "II.3")


@pytest.mark.parametrize(
    "text",
    [
        "V.C == V.A + V.B",
        "V.A == sum(IV.*)",
        "abs(V.A - V.B) <= 3",
        "(V.A + V.B) * 2 >= 1",
    ],
)
def test_a_check_with_an_unkeyed_field_is_not_evaluated(text: str) -> None:
    e = parse(text, GROUPS)
    full = {"V.A": 1, "V.B": 2, "V.C": 3, "IV.1": 1, "IV.2": 0, "IV.3": 0}
    assert e.evaluate(full) is not None
    for f in e.fields:
        partial: dict[str, int | None] = dict(full)
        partial[f] = None
        assert e.evaluate(partial) is None, f
        del partial[f]
        assert e.evaluate(partial) is None, f


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "unexpected end"),
        ("II.1 ==", "unexpected end"),
        ("II.1 + == 2", "unexpected"),
        ("II.1", "needs a comparison"),
        ("II.1 II.2", "needs a comparison"),
        ("II.1 == 2 2", "trailing"),
        ("1 == 1 == 1", "trailing"),
        ("II.1 = 2", "cannot read"),
        ("II.1 == 1.5", "cannot read"),
        ("max(II.1) == 1", "cannot read"),
        ("ii.1 == 1", "cannot read"),
        ("II.1 == -1", "unexpected"),
        ("(II.1 == 1", "expected )"),
        ("abs(II.1 == 1", "expected )"),
        ("sum(II.1) == 1", "expected group"),
        ("sum(III.*) == 1", "unknown group"),
        ("sum(XX.*) == 1", "unknown group"),
        ("II.1 == )", "unexpected"),
    ],
)
def test_bad_syntax_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ExprError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text, GROUPS)


def test_expr_error_is_a_value_error() -> None:
    # The template loader reports template problems as ValueError.
    assert issubclass(ExprError, ValueError)
