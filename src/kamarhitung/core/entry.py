"""Double entry as a pure state machine: states, allowed transitions, comparison, the decision.

After the Dutch Abacus design: ``empty → first_in_progress → first_done → second_in_progress →
(final | different | janggal)``. A form is final only when two entries by different users agree
field for field and no error finding holds; agreeing entries that fail an identity mean the paper
itself is inconsistent (janggal) and go to a supervisor as keyed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kamarhitung.core.refusal import CodedError
from kamarhitung.core.template import FormSpec
from kamarhitung.core.validation import Finding, has_errors, validate


class State(enum.StrEnum):
    EMPTY = "empty"
    FIRST_IN_PROGRESS = "first_in_progress"
    FIRST_DONE = "first_done"
    SECOND_IN_PROGRESS = "second_in_progress"
    DIFFERENT = "different"
    JANGGAL = "janggal"
    FINAL = "final"


class Problem(enum.StrEnum):
    """What an operator can raise instead of keying a form."""

    ILLEGIBLE = "illegible"
    WRONG_TPS = "wrong_tps"
    NOT_A_RESULT_FORM = "not_a_result_form"
    PAGE_MISSING = "page_missing"
    CORRECTED_ON_PAPER = "corrected_on_paper"


TRANSITIONS: dict[State, frozenset[State]] = {
    State.EMPTY: frozenset({State.FIRST_IN_PROGRESS}),
    State.FIRST_IN_PROGRESS: frozenset({State.FIRST_DONE, State.EMPTY}),
    State.FIRST_DONE: frozenset({State.SECOND_IN_PROGRESS, State.EMPTY}),
    State.SECOND_IN_PROGRESS: frozenset(
        {State.FINAL, State.DIFFERENT, State.JANGGAL, State.FIRST_DONE}
    ),
    State.DIFFERENT: frozenset({State.FINAL, State.JANGGAL, State.EMPTY, State.FIRST_DONE}),
    State.JANGGAL: frozenset({State.FINAL, State.EMPTY, State.FIRST_DONE}),
    State.FINAL: frozenset({State.EMPTY}),
}
"""Allowed moves. Back to EMPTY/FIRST_DONE: a supervisor sends entries back for re-keying (or a claim
is released); FINAL → EMPTY only by reopening, a supervisor action with a reason."""


class TransitionError(CodedError, ValueError):
    """A move the state machine does not allow."""


def check_transition(old: State, new: State) -> None:
    if new not in TRANSITIONS[old]:
        raise TransitionError("BAD_TRANSITION", old=old.value, new=new.value)


MAX_INPUT = 99_999
"""The most digits a box takes; above the template's maximum a value is kept but flagged RANGE."""


def missing_fields(form: FormSpec, values: Mapping[str, int | None]) -> list[str]:
    return [f for f in form.field_ids if values.get(f) is None]


def is_complete(form: FormSpec, values: Mapping[str, int | None], problems: Sequence[str]) -> bool:
    """An entry can be finished with every field keyed, or with a problem raised."""
    return bool(problems) or not missing_fields(form, values)


def differences(
    form: FormSpec, v1: Mapping[str, int | None], v2: Mapping[str, int | None]
) -> list[str]:
    """The fields whose two entries differ (not keyed counts as a value of its own)."""
    return [f for f in form.field_ids if v1.get(f) != v2.get(f)]


@dataclass(frozen=True, slots=True)
class Decision:
    """What two finished entries make of a form."""

    state: State
    differing_fields: tuple[str, ...]
    problems_differ: bool
    findings: tuple[Finding, ...]


def decide(
    form: FormSpec,
    v1: Mapping[str, int | None],
    p1: Sequence[str],
    v2: Mapping[str, int | None],
    p2: Sequence[str],
) -> Decision:
    """Compare the two entries: any difference → DIFFERENT; agreement with an error finding or a
    problem raised → JANGGAL; agreement without → FINAL."""
    diff = tuple(differences(form, v1, v2))
    problems_differ = sorted(p1) != sorted(p2)
    if diff or problems_differ:
        return Decision(State.DIFFERENT, diff, problems_differ, tuple(validate(form, v1)))
    findings = tuple(validate(form, v1))
    if p1 or has_errors(list(findings)):
        return Decision(State.JANGGAL, (), False, findings)
    return Decision(State.FINAL, (), False, findings)


def attribute(value_1: int | None, value_2: int | None, chosen: int | None) -> str:
    """Who slipped, judged by the value read from the image: the other keyer, both, or the form."""
    if chosen == value_1 and chosen != value_2:
        return "second"
    if chosen == value_2 and chosen != value_1:
        return "first"
    return "both"
