"""A tiny, safe expression language for the form identities in template files.

Grammar (integers only, no floats, so a rule never rounds)::

    check  := sum CMP sum            CMP is one of == != <= >= < >
    sum    := term (('+' | '-') term)*
    term   := factor ('*' factor)*
    factor := INT | FIELD | 'sum(' GROUP ')' | 'abs(' sum ')' | '(' sum ')'

FIELD is a field id such as ``I.A.4.J`` or ``V.A``; GROUP names a list of fields given by the caller
(``IV.*``: every candidate pair's field). A check whose fields are not all keyed yet is not evaluated.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Values = Mapping[str, int | None]
Eval = Callable[[Values], int | None]

_TOKEN = re.compile(
    r"\s*(?:(?P<int>\d+)|(?P<group>[IVX]+\.\*)|(?P<field>[IVX]+(?:\.[A-Z0-9]+)+)"
    r"|(?P<fn>sum|abs)\(|(?P<op>==|!=|<=|>=|<|>|\+|-|\*|\(|\)))"
)

_CMP: dict[str, Callable[[int, int], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A check evaluated: whether it holds, and both sides' values (for the finding's parameters)."""

    holds: bool
    left: int
    right: int


@dataclass(frozen=True)
class Expr:
    """A parsed check: evaluate it on a mapping of field id to value (None = not keyed)."""

    text: str
    fields: tuple[str, ...]
    left: Eval
    right: Eval
    cmp: str

    def evaluate(self, values: Values) -> Outcome | None:
        """The outcome, or None while a field it needs is not keyed."""
        a = self.left(values)
        if a is None:
            return None
        b = self.right(values)
        if b is None:
            return None
        return Outcome(_CMP[self.cmp](a, b), a, b)


class ExprError(ValueError):
    """A template expression that does not parse."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExprError(f"cannot read {text[pos:]!r} in {text!r}")
        kind = m.lastgroup
        assert kind is not None
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def parse(text: str, groups: Mapping[str, Sequence[str]]) -> Expr:
    """Parse a check; ``groups`` expands ``IV.*`` and the like to field lists."""
    toks = _tokens(text)
    pos = 0
    fields: list[str] = []

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def take(kind: str, value: str | None = None) -> str:
        nonlocal pos
        t = peek()
        if t is None or t[0] != kind or (value is not None and t[1] != value):
            raise ExprError(f"expected {value or kind} in {text!r}")
        pos += 1
        return t[1]

    def factor() -> Eval:
        nonlocal pos
        t = peek()
        if t is None:
            raise ExprError(f"unexpected end of {text!r}")
        kind, val = t
        if kind == "int":
            pos += 1
            n = int(val)
            return lambda v: n
        if kind == "field":
            pos += 1
            fields.append(val)
            return lambda v: v.get(val)
        if kind == "fn":
            pos += 1
            if val == "sum":
                g = take("group")
                if g not in groups:
                    raise ExprError(f"unknown group {g} in {text!r}")
                members = tuple(groups[g])
                fields.extend(members)
                take("op", ")")

                def total(v: Values) -> int | None:
                    s = 0
                    for f in members:
                        x = v.get(f)
                        if x is None:
                            return None
                        s += x
                    return s

                return total
            inner = add()
            take("op", ")")

            def absolute(v: Values) -> int | None:
                x = inner(v)
                return None if x is None else abs(x)

            return absolute
        if kind == "op" and val == "(":
            pos += 1
            inner = add()
            take("op", ")")
            return inner
        raise ExprError(f"unexpected {val!r} in {text!r}")

    def mul() -> Eval:
        f = factor()
        while (t := peek()) is not None and t == ("op", "*"):
            take("op", "*")
            g = factor()
            f = _bin(f, g, operator.mul)
        return f

    def add() -> Eval:
        f = mul()
        while (t := peek()) is not None and t[0] == "op" and t[1] in "+-" and len(t[1]) == 1:
            take("op")
            g = mul()
            f = _bin(f, g, operator.add if t[1] == "+" else operator.sub)
        return f

    left = add()
    t = peek()
    if t is None or t[0] != "op" or t[1] not in _CMP:
        raise ExprError(f"a check needs a comparison: {text!r}")
    take("op")
    right = add()
    if peek() is not None:
        raise ExprError(f"trailing text in {text!r}")
    return Expr(text, tuple(dict.fromkeys(fields)), left, right, t[1])


def _bin(f: Eval, g: Eval, op: Callable[[int, int], int]) -> Eval:
    def ev(v: Values) -> int | None:
        a = f(v)
        if a is None:
            return None
        b = g(v)
        return None if b is None else op(a, b)

    return ev
