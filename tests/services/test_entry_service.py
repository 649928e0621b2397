"""Double entry through the services, on real demo workspaces: flows, resolution, claims, drafts,
the work queue, status, blindness and role refusals."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy import func, select

from kamarhitung.core.entry import Problem, State
from kamarhitung.core.model import Role
from kamarhitung.core.validation import Finding, validate
from kamarhitung.services import accounts, entry
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    FixedClock,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)
from kamarhitung.services.entry import CLAIM_TTL, FieldDecision
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    AuditEventRow,
    EntryRow,
    EntryVersionRow,
    RecordRow,
    ResolutionRow,
    SyntheticImageRow,
    UserRow,
)


class Demo(Protocol):
    """The ``demo`` fixture of conftest.py: a copied demo workspace and its users."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


C = "gubernur"  # three candidate pairs in the demo; "bupati" has two


# --- helpers ---------------------------------------------------------------------------------


def truths(d: Demo, contest: str = C) -> dict[str, dict[str, int]]:
    """The numbers written on each TPS's form (the demo's synthetic truth), by TPS id."""
    with d.ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow).where(SyntheticImageRow.contest_id == contest)
        ).scalars()
        return {r.tps_id: json.loads(r.values_json) for r in rows}


def consistent_tps(d: Demo, n: int, contest: str = C) -> list[tuple[str, dict[str, int]]]:
    """``n`` TPS (in id order) whose paper passes every identity, warnings included."""
    form = d.ws.form_spec(contest)
    out = [(t, v) for t, v in sorted(truths(d, contest).items()) if not validate(form, v)]
    assert len(out) >= n
    return out[:n]


def state_of(d: Demo, tps: str, contest: str = C) -> State:
    with d.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, contest))
        assert rec is not None
        return State(rec.state)


def record(d: Demo, tps: str, contest: str = C) -> RecordRow:
    with d.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, contest))
        assert rec is not None
        return rec


def versions(
    d: Demo, tps: str, contest: str = C
) -> list[tuple[int, int, str, str, dict[str, int]]]:
    """(slot, version, event, user name, values) of every stored entry version, in order."""
    with d.ws.store.reading() as s:
        users = {u.id: u.name for u in s.execute(select(UserRow)).scalars()}
        rows = s.execute(
            select(EntryVersionRow)
            .where(EntryVersionRow.tps_id == tps, EntryVersionRow.contest_id == contest)
            .order_by(EntryVersionRow.id)
        ).scalars()
        return [
            (v.slot, v.version, v.event, users[v.user_id], json.loads(v.values_json)) for v in rows
        ]


def resolutions(d: Demo, tps: str, contest: str = C) -> list[ResolutionRow]:
    with d.ws.store.reading() as s:
        return list(
            s.execute(
                select(ResolutionRow)
                .where(ResolutionRow.tps_id == tps, ResolutionRow.contest_id == contest)
                .order_by(ResolutionRow.id)
            ).scalars()
        )


def audit_actions(d: Demo) -> list[tuple[str, str | None, str, dict[str, Any]]]:
    with d.ws.store.reading() as s:
        return [
            (e.action, e.user_name, e.outcome, json.loads(e.details_json))
            for e in s.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).scalars()
        ]


def submit(
    d: Demo, who: Actor, tps: str, values: dict[str, int], problems: tuple[str, ...] = ()
) -> entry.EntryResult:
    return entry.submit_entry(
        d.ws, who, {"tps": tps, "contest": C, "values": values, "problems": list(problems)}
    )


def slipped(values: dict[str, int], **changes: int) -> dict[str, int]:
    out = dict(values)
    for k, x in changes.items():
        out[k.replace("_", ".")] = x
    return out


class Team:
    """The demo's users, logged in."""

    def __init__(self, d: Demo) -> None:
        self.op1 = d.login("operator1")
        self.op2 = d.login("operator2")
        self.op3 = d.login("operator3")
        self.sup = d.login("supervisor1")
        self.admin = d.login("admin")


@pytest.fixture
def team(demo: Demo) -> Team:
    return Team(demo)


def a_fixed_clock(d: Demo) -> FixedClock:
    clock = FixedClock(datetime.now(UTC).astimezone().replace(microsecond=0))
    d.ws.clock = clock
    return clock


# --- the double-entry flow -------------------------------------------------------------------


def test_first_entry_through_the_work_queue(demo: Demo, team: Team) -> None:
    first_tps = sorted(truths(demo))[0]
    truth = truths(demo)[first_tps]
    kf = entry.next_form(demo.ws, team.op1, C)
    assert kf is not None
    assert (kf.tps.tps_id, kf.contest_id, kf.slot) == (first_tps, C, 1)
    assert kf.values == {} and kf.problems == () and kf.keystrokes == 0
    assert [p.nomor_urut for p in kf.paslon] == [1, 2, 3]
    assert kf.tps.dpt_l + kf.tps.dpt_p == truth["I.A.1.J"]
    assert state_of(demo, first_tps) == State.FIRST_IN_PROGRESS

    partial = {k: truth[k] for k in list(truth)[:10]}
    entry.save_draft(demo.ws, team.op1, first_tps, C, partial, keystrokes=31)
    # The same user resumes the draft, through the queue or by claiming the form.
    again = entry.next_form(demo.ws, team.op1, C)
    assert again is not None
    assert (again.tps.tps_id, again.slot, again.values) == (first_tps, 1, partial)
    assert again.keystrokes == 31
    claimed = entry.claim_form(demo.ws, team.op1, first_tps, C)
    assert claimed.values == partial

    # A draft cannot be finished incomplete without a problem raised.
    with pytest.raises(InputError, match="fields not keyed"):
        entry.finish_entry(demo.ws, team.op1, first_tps, C, partial)
    res = entry.finish_entry(demo.ws, team.op1, first_tps, C, truth, keystrokes=150)
    assert (res.tps_id, res.contest_id, res.slot, res.state) == (first_tps, C, 1, State.FIRST_DONE)
    assert list(res.findings) == validate(demo.ws.form_spec(C), truth)
    assert state_of(demo, first_tps) == State.FIRST_DONE
    assert versions(demo, first_tps) == [(1, 1, "finished", "operator1", truth)]
    # Finished: no longer the operator's draft.
    with pytest.raises(ConflictError, match="hold no entry"):
        entry.save_draft(demo.ws, team.op1, first_tps, C, truth)


def test_the_second_entry_must_be_by_another_operator(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    submit(demo, team.op1, tps, truth)
    with pytest.raises(ConflictError, match="first entry"):
        entry.claim_form(demo.ws, team.op1, tps, C)
    with pytest.raises(ConflictError, match="first entry"):
        submit(demo, team.op1, tps, truth)
    assert state_of(demo, tps) == State.FIRST_DONE
    # The queue never offers operator1 their own form for the second entry.
    kf = entry.next_form(demo.ws, team.op1, C)
    assert kf is not None and kf.tps.tps_id != tps and kf.slot == 1


def test_agreeing_entries_make_the_form_final(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    submit(demo, team.op1, tps, truth)
    res = submit(demo, team.op2, tps, truth)
    assert (res.slot, res.state, res.findings) == (2, State.FINAL, ())
    rec = record(demo, tps)
    assert rec.state == "final"
    assert json.loads(rec.final_values or "") == truth
    assert rec.final_source == "agreed"
    assert rec.hash is not None and len(rec.hash) == 64
    int(rec.hash, 16)
    assert [v[:4] for v in versions(demo, tps)] == [
        (1, 1, "finished", "operator1"),
        (2, 1, "finished", "operator2"),
    ]
    finishes = [a for a in audit_actions(demo) if a[0] == "entry.finish"]
    assert finishes[-1][3]["record_hash"] == rec.hash
    assert finishes[-1][3]["state"] == "final"
    # A final form takes no more entries.
    with pytest.raises(ConflictError, match="is final"):
        submit(demo, team.op3, tps, truth)


def test_one_differing_field_makes_the_form_different(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    submit(demo, team.op1, tps, truth)
    res = submit(demo, team.op2, tps, slipped(truth, IV_2=truth["IV.2"] + 10))
    assert res.state == State.DIFFERENT
    assert {f.code for f in res.findings} == {"SAH-SUM"}
    rec = record(demo, tps)
    assert (rec.state, rec.final_values, rec.hash) == ("different", None, None)
    view = entry.resolution_view(demo.ws, team.sup, tps, C)
    assert view.state == State.DIFFERENT
    assert view.differing_fields == ("IV.2",)
    assert [(e.slot, e.user) for e in view.entries] == [(1, "operator1"), (2, "operator2")]
    assert view.entries[0].values == truth
    assert view.entries[1].values["IV.2"] == truth["IV.2"] + 10


def test_a_field_keyed_by_one_only_is_a_difference(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    ill = (Problem.ILLEGIBLE.value,)
    submit(demo, team.op1, tps, truth, ill)
    res = submit(demo, team.op2, tps, {k: x for k, x in truth.items() if k != "V.B"}, ill)
    assert res.state == State.DIFFERENT
    assert entry.resolution_view(demo.ws, team.sup, tps, C).differing_fields == ("V.B",)


def test_different_problems_make_the_form_different(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    submit(demo, team.op1, tps, truth)
    res = submit(demo, team.op2, tps, truth, (Problem.CORRECTED_ON_PAPER.value,))
    assert res.state == State.DIFFERENT
    assert entry.resolution_view(demo.ws, team.sup, tps, C).differing_fields == ()


def test_agreement_on_an_inconsistent_form_is_janggal(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    paper = slipped(truth, V_A=truth["V.A"] + 10)
    first = submit(demo, team.op1, tps, paper)
    assert first.state == State.FIRST_DONE
    assert {f.code for f in first.findings} == {"SAH-SUM", "TOTAL-SUM"}
    res = submit(demo, team.op2, tps, paper)
    assert res.state == State.JANGGAL
    assert {f.code for f in res.findings} == {"SAH-SUM", "TOTAL-SUM"}
    assert record(demo, tps).final_values is None
    assert [q.tps_id for q in entry.queue(demo.ws, team.sup, C, [State.JANGGAL])] == [tps]


def test_agreement_with_a_problem_raised_is_janggal(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    partial = {k: truth[k] for k in list(truth)[:5]}
    submit(demo, team.op1, tps, partial, (Problem.PAGE_MISSING.value,))
    res = submit(demo, team.op2, tps, partial, (Problem.PAGE_MISSING.value,))
    assert res.state == State.JANGGAL
    # Nothing to accept as keyed: fields are missing. It must be sent back.
    with pytest.raises(ConflictError, match="not keyed"):
        entry.accept_janggal(demo.ws, team.sup, tps, C, "halaman hilang")
    assert entry.send_back(demo.ws, team.sup, tps, C, "foto halaman 2 diminta") == State.EMPTY


# --- resolution ------------------------------------------------------------------------------


def make_different(d: Demo, t: Team, tps: str, v1: dict[str, int], v2: dict[str, int]) -> None:
    submit(d, t.op1, tps, v1)
    assert submit(d, t.op2, tps, v2).state == State.DIFFERENT


def test_resolve_refuses_a_missing_decision_and_an_empty_reason(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    make_different(demo, team, tps, truth, slipped(truth, IV_1=truth["IV.1"] + 1, V_B=0))
    keep = FieldDecision("keep_first")
    with pytest.raises(InputError, match="no decision for 1 differing fields"):
        entry.resolve(demo.ws, team.sup, tps, C, {"IV.1": keep}, "foto jelas")
    for reason in ("", "   "):
        with pytest.raises(InputError, match="needs a reason"):
            entry.resolve(demo.ws, team.sup, tps, C, {"IV.1": keep, "V.B": keep}, reason)
    with pytest.raises(InputError, match="unknown decision"):
        entry.resolve(
            demo.ws, team.sup, tps, C, {"IV.1": FieldDecision("average"), "V.B": keep}, "x"
        )
    with pytest.raises(InputError, match="no valid value"):
        entry.resolve(demo.ws, team.sup, tps, C, {"IV.1": FieldDecision("typed"), "V.B": keep}, "x")
    with pytest.raises(InputError, match="attribution"):
        entry.resolve(
            demo.ws,
            team.sup,
            tps,
            C,
            {"IV.1": FieldDecision("keep_first", None, "nobody"), "V.B": keep},
            "x",
        )
    assert state_of(demo, tps) == State.DIFFERENT
    assert resolutions(demo, tps) == []
    # A form that is not different cannot be resolved.
    ((other, _),) = consistent_tps(demo, 2)[1:]
    with pytest.raises(ConflictError, match="not different"):
        entry.resolve(demo.ws, team.sup, other, C, {}, "x")


# (decision on IV.1, extra attribution, value kept, attribution stored); entry 1 read 100 + true,
# entry 2 read the true value: entry 1 slipped.
RESOLUTIONS: list[tuple[str, FieldDecision, int, str]] = [
    ("keep-second", FieldDecision("keep_second"), 0, "first"),
    ("typed-true", FieldDecision("typed", 0), 0, "first"),
    ("typed-neither", FieldDecision("typed", 1), 1, "both"),
    ("keep-second-said-both", FieldDecision("keep_second", None, "both"), 0, "both"),
    ("keep-second-said-form", FieldDecision("keep_second", None, "form"), 0, "form"),
]


@pytest.mark.parametrize(
    ("decision", "offset", "attributed"), [pytest.param(*r[1:], id=r[0]) for r in RESOLUTIONS]
)
def test_resolve_field_by_field_with_attribution(
    demo: Demo, team: Team, decision: FieldDecision, offset: int, attributed: str
) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    true_iv1 = truth["IV.1"]
    if decision.action == "typed":
        assert decision.value is not None
        decision = FieldDecision("typed", true_iv1 + decision.value, decision.attributed_to)
    make_different(demo, team, tps, slipped(truth, IV_1=true_iv1 + 100), truth)
    note = "ditoleransi" if offset else None
    res = entry.resolve(
        demo.ws,
        team.sup,
        tps,
        C,
        {"IV.1": decision},
        "dibaca dari foto C1",
        accept_findings_note=note,
    )
    assert res.state == State.FINAL and res.slot == 0
    rec = record(demo, tps)
    values = json.loads(rec.final_values or "")
    assert values == slipped(truth, IV_1=true_iv1 + offset)
    assert rec.final_source == "resolved"
    assert rec.finalized_by == "supervisor1"
    assert rec.hash is not None
    (r,) = resolutions(demo, tps)
    assert (r.field, r.value_1, r.value_2, r.value) == (
        "IV.1",
        true_iv1 + 100,
        true_iv1,
        true_iv1 + offset,
    )
    assert (r.action, r.attributed_to, r.reason) == (
        decision.action,
        attributed,
        "dibaca dari foto C1",
    )
    stats = {s.user: s for s in entry.operator_stats(demo.ws, team.sup)}
    blamed = {"first": {"operator1"}, "second": {"operator2"}, "both": {"operator1", "operator2"}}
    for name in ("operator1", "operator2"):
        assert stats[name].mismatches == int(name in blamed.get(attributed, set())), name


def test_keep_first_attributes_the_slip_to_the_second(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    make_different(demo, team, tps, truth, slipped(truth, V_B=truth["V.B"] + 1))
    entry.resolve(demo.ws, team.sup, tps, C, {"V.B": FieldDecision("keep_first")}, "foto")
    (r,) = resolutions(demo, tps)
    assert (r.action, r.attributed_to) == ("keep_first", "second")
    assert json.loads(record(demo, tps).final_values or "") == truth


def test_a_resolved_form_failing_an_identity_needs_a_note(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    make_different(demo, team, tps, truth, slipped(truth, V_A=truth["V.A"] + 10))
    decisions = {"V.A": FieldDecision("keep_second")}
    with pytest.raises(ConflictError, match="fails SAH-SUM, TOTAL-SUM"):
        entry.resolve(demo.ws, team.sup, tps, C, decisions, "sesuai kertas")
    # Test fix: an empty note is no note.
    with pytest.raises(ConflictError, match="fails SAH-SUM, TOTAL-SUM"):
        entry.resolve(
            demo.ws, team.sup, tps, C, decisions, "sesuai kertas", accept_findings_note=" "
        )
    assert state_of(demo, tps) == State.DIFFERENT and resolutions(demo, tps) == []
    res = entry.resolve(
        demo.ws,
        team.sup,
        tps,
        C,
        decisions,
        "sesuai kertas",
        accept_findings_note="kertas salah jumlah",
    )
    assert res.state == State.FINAL
    assert {f.code for f in res.findings} == {"SAH-SUM", "TOTAL-SUM"}
    rec = record(demo, tps)
    assert rec.note == "kertas salah jumlah"
    assert {f["code"] for f in json.loads(rec.final_findings or "")} == {"SAH-SUM", "TOTAL-SUM"}


def test_accept_janggal_with_note_and_reference(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    paper = slipped(truth, V_A=truth["V.A"] + 10)
    submit(demo, team.op1, tps, paper)
    assert submit(demo, team.op2, tps, paper).state == State.JANGGAL
    with pytest.raises(InputError, match="needs a note"):
        entry.accept_janggal(demo.ws, team.sup, tps, C, "  ", "KK-07")
    res = entry.accept_janggal(demo.ws, team.sup, tps, C, "jumlah di kertas salah", "KK-07")
    assert res.state == State.FINAL
    rec = record(demo, tps)
    assert json.loads(rec.final_values or "") == paper
    assert (rec.final_source, rec.note) == ("accepted", "jumlah di kertas salah [KK-07]")
    assert rec.hash is not None
    (r,) = resolutions(demo, tps)
    assert (r.action, r.attributed_to, r.reference, r.field) == (
        "accept_janggal",
        "form",
        "KK-07",
        None,
    )
    with pytest.raises(ConflictError, match="not janggal"):
        entry.accept_janggal(demo.ws, team.sup, tps, C, "lagi")
    event = [a for a in audit_actions(demo) if a[0] == "entry.accept_janggal"][-1]
    assert event[1] == "supervisor1" and event[3]["record_hash"] == rec.hash


@pytest.mark.parametrize("janggal", [False, True])
def test_send_back_both_then_rekey(demo: Demo, team: Team, janggal: bool) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    if janggal:
        paper = slipped(truth, V_A=truth["V.A"] + 10)
        submit(demo, team.op1, tps, paper)
        assert submit(demo, team.op2, tps, paper).state == State.JANGGAL
    else:
        make_different(demo, team, tps, truth, slipped(truth, IV_1=0))
    with pytest.raises(InputError, match="needs a reason"):
        entry.send_back(demo.ws, team.sup, tps, C, "")
    assert entry.send_back(demo.ws, team.sup, tps, C, "foto buram, ketik ulang") == State.EMPTY
    assert state_of(demo, tps) == State.EMPTY
    with demo.ws.store.reading() as s:
        assert s.execute(select(EntryRow).where(EntryRow.tps_id == tps)).first() is None
    events = [(v[0], v[1], v[2]) for v in versions(demo, tps)]
    assert events == [
        (1, 1, "finished"),
        (2, 1, "finished"),
        (1, 2, "sent_back"),
        (2, 2, "sent_back"),
    ]
    (r,) = resolutions(demo, tps)
    assert (r.action, r.reason) == ("send_back", "foto buram, ketik ulang")
    with pytest.raises(ConflictError, match="nothing to send back"):
        entry.send_back(demo.ws, team.sup, tps, C, "lagi")
    # Re-keying works; the former first keyer may key again (a new round).
    kf = entry.claim_form(demo.ws, team.op2, tps, C)
    assert (kf.slot, kf.values) == (1, {})
    entry.finish_entry(demo.ws, team.op2, tps, C, truth)
    assert submit(demo, team.op1, tps, truth).state == State.FINAL
    assert [v[1:3] for v in versions(demo, tps)][-2:] == [(3, "finished"), (3, "finished")]


def test_send_back_the_second_entry_only(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    make_different(demo, team, tps, truth, slipped(truth, IV_1=0))
    assert entry.send_back(demo.ws, team.sup, tps, C, "kedua salah", second_only=True) == (
        State.FIRST_DONE
    )
    assert state_of(demo, tps) == State.FIRST_DONE
    with pytest.raises(ConflictError, match="first entry"):
        entry.claim_form(demo.ws, team.op1, tps, C)
    kf = entry.claim_form(demo.ws, team.op3, tps, C)
    assert (kf.slot, kf.values) == (2, {})
    assert entry.finish_entry(demo.ws, team.op3, tps, C, truth).state == State.FINAL
    assert [v[:4] for v in versions(demo, tps)] == [
        (1, 1, "finished", "operator1"),
        (2, 1, "finished", "operator2"),
        (2, 2, "sent_back", "operator2"),
        (2, 3, "finished", "operator3"),
    ]


# --- claims and drafts -----------------------------------------------------------------------


def test_two_operators_never_hold_the_same_entry(demo: Demo, team: Team) -> None:
    a, b = sorted(truths(demo))[:2]
    kf = entry.claim_form(demo.ws, team.op1, a, C)
    assert kf.slot == 1
    with pytest.raises(ConflictError, match="being keyed by operator1"):
        entry.claim_form(demo.ws, team.op2, a, C)
    with pytest.raises(ConflictError, match="hold no entry"):
        entry.save_draft(demo.ws, team.op2, a, C, {"V.A": 1})
    with pytest.raises(ConflictError, match="hold no entry"):
        entry.finish_entry(demo.ws, team.op2, a, C, truths(demo)[a])
    nxt = entry.next_form(demo.ws, team.op2, C)
    assert nxt is not None and nxt.tps.tps_id == b
    with demo.ws.store.reading() as s:
        held = s.execute(
            select(EntryRow.tps_id, EntryRow.slot, func.count())
            .where(EntryRow.status == "in_progress")
            .group_by(EntryRow.tps_id, EntryRow.contest_id, EntryRow.slot)
        ).all()
    assert sorted(held) == [(a, 1, 1), (b, 1, 1)]


@pytest.mark.parametrize("slot", [1, 2])
def test_an_expired_claim_can_be_taken_over(demo: Demo, team: Team, slot: int) -> None:
    clock = a_fixed_clock(demo)
    ((tps, truth),) = consistent_tps(demo, 1)
    if slot == 2:
        submit(demo, team.op3, tps, truth)
    entry.claim_form(demo.ws, team.op1, tps, C)
    draft = {"I.A.1.L": truth["I.A.1.L"], "I.A.1.P": truth["I.A.1.P"]}
    entry.save_draft(demo.ws, team.op1, tps, C, draft, keystrokes=8)
    clock.advance(CLAIM_TTL.total_seconds() - 1)
    with pytest.raises(ConflictError, match="being keyed by operator1"):
        entry.claim_form(demo.ws, team.op2, tps, C)
    clock.advance(2)
    kf = entry.claim_form(demo.ws, team.op2, tps, C)
    assert (kf.tps.tps_id, kf.slot, kf.values, kf.keystrokes) == (tps, slot, {}, 0)
    assert versions(demo, tps)[-1] == (slot, 1, "abandoned", "operator1", draft)
    assert state_of(demo, tps) == (
        State.FIRST_IN_PROGRESS if slot == 1 else State.SECOND_IN_PROGRESS
    )
    with pytest.raises(ConflictError, match="hold no entry"):
        entry.save_draft(demo.ws, team.op1, tps, C, draft)
    lapsed = [a for a in audit_actions(demo) if a[0] == "entry.claim_lapsed"]
    assert lapsed[-1][1] == "operator2" and lapsed[-1][3]["slot"] == slot
    res = entry.finish_entry(demo.ws, team.op2, tps, C, truth)
    assert res.state == (State.FIRST_DONE if slot == 1 else State.FINAL)
    assert versions(demo, tps)[-1][1:4] == (2, "finished", "operator2")


def test_the_holder_keeps_the_claim_by_saving(demo: Demo, team: Team) -> None:
    clock = a_fixed_clock(demo)
    ((tps, truth),) = consistent_tps(demo, 1)
    entry.claim_form(demo.ws, team.op1, tps, C)
    for i, k in enumerate(list(truth)[:4]):
        clock.advance(CLAIM_TTL.total_seconds() * 0.6)
        entry.save_draft(demo.ws, team.op1, tps, C, {k: truth[k]}, keystrokes=i)
        with pytest.raises(ConflictError, match="being keyed"):
            entry.claim_form(demo.ws, team.op2, tps, C)


def test_release_claim_is_for_supervisors(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    with pytest.raises(ConflictError, match="nobody holds"):
        entry.release_claim(demo.ws, team.sup, tps, C)
    entry.claim_form(demo.ws, team.op1, tps, C)
    entry.save_draft(demo.ws, team.op1, tps, C, {"V.A": truth["V.A"]})
    for who in (team.op1, team.op2):
        with pytest.raises(PermissionDeniedError):
            entry.release_claim(demo.ws, who, tps, C)
    entry.release_claim(demo.ws, team.sup, tps, C)
    assert state_of(demo, tps) == State.EMPTY
    assert versions(demo, tps) == [(1, 1, "abandoned", "operator1", {"V.A": truth["V.A"]})]
    with pytest.raises(ConflictError, match="hold no entry"):
        entry.save_draft(demo.ws, team.op1, tps, C, {"V.A": 1})
    assert [a[:2] for a in audit_actions(demo) if a[0] == "entry.release"] == [
        ("entry.release", "supervisor1")
    ]
    # Released from a second entry: back to first_done.
    submit(demo, team.op1, tps, truth)
    entry.claim_form(demo.ws, team.op2, tps, C)
    entry.release_claim(demo.ws, team.sup, tps, C)
    assert state_of(demo, tps) == State.FIRST_DONE


def test_give_back_keeps_the_draft(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    entry.claim_form(demo.ws, team.op1, tps, C)
    entry.save_draft(demo.ws, team.op1, tps, C, {"II.1": truth["II.1"]})
    entry.give_back(demo.ws, team.op1, tps, C)
    assert state_of(demo, tps) == State.EMPTY
    assert versions(demo, tps)[-1][2:] == ("abandoned", "operator1", {"II.1": truth["II.1"]})
    # Claimed again later: a fresh, empty entry.
    assert entry.claim_form(demo.ws, team.op1, tps, C).values == {}


def test_save_draft_refuses_bad_values(demo: Demo, team: Team) -> None:
    ((tps, _),) = consistent_tps(demo, 1)
    entry.claim_form(demo.ws, team.op1, tps, C)
    bad: list[tuple[dict[str, object], list[object], str]] = [
        ({"IV.9": 1}, [], "not printed on MODEL C.HASIL-KWK"),
        ({"V.A": "12"}, [], "not a whole number"),
        ({"V.A": 1.5}, [], "not a whole number"),
        ({"V.A": True}, [], "not a whole number"),
        ({"V.A": -1}, [], "outside"),
        ({"V.A": 100_000}, [], "outside"),
        ({}, ["smudged"], "not one of"),
    ]
    for values, problems, message in bad:
        with pytest.raises(InputError, match=message):
            entry.save_draft(demo.ws, team.op1, tps, C, values, problems)
    # None means "not keyed": dropped.
    entry.save_draft(demo.ws, team.op1, tps, C, {"V.A": None, "V.B": 0})
    assert entry.claim_form(demo.ws, team.op1, tps, C).values == {"V.B": 0}


def test_next_form_prefers_second_entries_and_peek_agrees(demo: Demo, team: Team) -> None:
    order = sorted(truths(demo))
    t = truths(demo)
    # operator1 makes first entries on the 5th and 9th TPS.
    for tps in (order[4], order[8]):
        submit(demo, team.op1, tps, t[tps])
    assert entry.peek_next_form(demo.ws, team.op2, C) == order[4]
    kf = entry.next_form(demo.ws, team.op2, C)
    assert kf is not None and (kf.tps.tps_id, kf.slot, kf.values) == (order[4], 2, {})
    # operator1 gets new forms, in TPS order: their own first entries are not for them.
    assert entry.peek_next_form(demo.ws, team.op1, C) == order[0]
    kf1 = entry.next_form(demo.ws, team.op1, C)
    assert kf1 is not None and (kf1.tps.tps_id, kf1.slot) == (order[0], 1)
    # operator3: the other second entry; then, excluding it, the first empty form.
    assert entry.peek_next_form(demo.ws, team.op3, C) == order[8]
    assert entry.peek_next_form(demo.ws, team.op3, C, exclude=[order[8]]) == order[1]
    kf3 = entry.next_form(demo.ws, team.op3, C)
    assert kf3 is not None and (kf3.tps.tps_id, kf3.slot) == (order[8], 2)
    # While a draft is open, next_form gives it back.
    again = entry.next_form(demo.ws, team.op3, C)
    assert again is not None and again.tps.tps_id == order[8]
    # The peek is only a guess for the image decoder: it matches what next_form then gives.
    entry.finish_entry(demo.ws, team.op2, order[4], C, t[order[4]])
    entry.finish_entry(demo.ws, team.op3, order[8], C, t[order[8]])
    for _ in range(5):
        guess = entry.peek_next_form(demo.ws, team.op2, C)
        got = entry.next_form(demo.ws, team.op2, C)
        assert got is not None and got.tps.tps_id == guess
        entry.finish_entry(demo.ws, team.op2, got.tps.tps_id, C, t[got.tps.tps_id])


def test_next_form_is_none_when_nothing_is_left(demo: Demo, team: Team) -> None:
    contest = "bupati"
    t = truths(demo, contest)
    for tps, v in t.items():
        entry.submit_entry(demo.ws, team.op1, {"tps": tps, "contest": contest, "values": v})
    assert entry.next_form(demo.ws, team.op1, contest) is None
    assert entry.peek_next_form(demo.ws, team.op1, contest) is None
    assert entry.next_form(demo.ws, team.op2, contest) is not None


def test_status_counts_every_state(mixed: Demo) -> None:
    op = mixed.login("operator4")
    # The mixed demo has no second entry in progress: open one.
    with mixed.ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.tps_id, EntryRow.user_id)
            .join(
                EntryRow,
                (EntryRow.tps_id == RecordRow.tps_id)
                & (EntryRow.contest_id == RecordRow.contest_id),
            )
            .where(RecordRow.contest_id == C, RecordRow.state == "first_done", EntryRow.slot == 1)
            .order_by(RecordRow.tps_id)
        ).all()
    tps = next(t for t, uid in rows if uid != op.user_id)
    entry.claim_form(mixed.ws, op, tps, C)
    st = entry.status(mixed.ws)
    assert list(st) == [c.id for c in mixed.ws.contests()]
    with mixed.ws.store.reading() as s:
        counts = s.execute(
            select(RecordRow.contest_id, RecordRow.state, func.count()).group_by(
                RecordRow.contest_id, RecordRow.state
            )
        ).all()
    for cid, d in st.items():
        assert d["tps_total"] == 60
        states = d["states"]
        assert isinstance(states, dict)
        assert list(states) == [s.value for s in State]
        assert sum(states.values()) == 60
        for c2, state, n in counts:
            if c2 == cid:
                assert states[state] == n
    states = st[C]["states"]
    assert isinstance(states, dict)
    assert all(n > 0 for k, n in states.items() if k != "janggal"), states
    all_states = {s for _, s, _ in counts}
    assert all_states == {s.value for s in State}


# --- blindness -------------------------------------------------------------------------------


def test_slot_two_never_sees_the_first_entry(demo: Demo, team: Team) -> None:
    clock = a_fixed_clock(demo)
    (a, va), (b, vb), (c, vc) = consistent_tps(demo, 3)
    secret = 86421
    for tps, v in ((a, va), (b, vb), (c, vc)):
        submit(demo, team.op1, tps, slipped(v, V_B=secret))
    kf = entry.claim_form(demo.ws, team.op2, a, C)
    assert (kf.slot, kf.values, kf.problems, kf.keystrokes) == (2, {}, (), 0)
    kf3 = entry.next_form(demo.ws, team.op3, C)
    assert kf3 is not None and (kf3.tps.tps_id, kf3.slot, kf3.values) == (b, 2, {})
    # The second keyer's draft comes back with their own values only.
    entry.save_draft(demo.ws, team.op3, b, C, {"V.A": vb["V.A"]})
    again = entry.next_form(demo.ws, team.op3, C)
    assert again is not None and again.values == {"V.A": vb["V.A"]}
    # The result of a second entry: findings from the operator's own values, not the first's.
    mine = slipped(vc, V_A=vc["V.A"] + 1)
    res = submit(demo, team.op2, c, mine)
    assert res.state == State.DIFFERENT
    assert list(res.findings) == validate(demo.ws.form_spec(C), mine)
    assert {f.code for f in res.findings} == {"SAH-SUM", "TOTAL-SUM"}
    assert str(secret) not in repr(res)
    # A taken-over second entry carries neither the first entry nor the lapsed holder's draft.
    entry.save_draft(demo.ws, team.op2, a, C, {"V.A": 5})
    clock.advance(CLAIM_TTL.total_seconds() + 1)
    assert entry.claim_form(demo.ws, team.op3, a, C).values == {}


def _operator_call(name: str, d: Demo, t: Team, tps: str) -> object:
    """Call a public function of services.entry as an operator, as that function is meant."""
    ws, op = d.ws, t.op2
    calls: dict[str, Callable[[], object]] = {
        "tps_info": lambda: _tps_info(d, tps),
        "claim_form": lambda: entry.claim_form(ws, op, tps, C),
        "next_form": lambda: entry.next_form(ws, op, C),
        "peek_next_form": lambda: entry.peek_next_form(ws, op, C),
        "save_draft": lambda: entry.save_draft(ws, op, tps, C, {"V.A": 1}),
        "finish_entry": lambda: entry.finish_entry(ws, op, tps, C, {"V.A": 1}, ["illegible"]),
        "submit_entry": lambda: entry.submit_entry(
            ws, op, {"tps": tps, "contest": C, "values": {}, "problems": ["illegible"]}
        ),
        "give_back": lambda: entry.give_back(ws, op, tps, C),
        "release_claim": lambda: entry.release_claim(ws, op, tps, C),
        "resolution_view": lambda: entry.resolution_view(ws, op, tps, C),
        "queue": lambda: entry.queue(ws, op, C, list(State)),
        "resolve": lambda: entry.resolve(ws, op, tps, C, {}, "x"),
        "accept_janggal": lambda: entry.accept_janggal(ws, op, tps, C, "x"),
        "send_back": lambda: entry.send_back(ws, op, tps, C, "x"),
        "status": lambda: entry.status(ws),
        "operator_stats": lambda: entry.operator_stats(ws, op),
        "ensure_operator_cannot": lambda: entry.ensure_operator_cannot(op),
    }
    return calls[name]()


def _tps_info(d: Demo, tps: str) -> entry.TpsInfo:
    with d.ws.store.reading() as s:
        return entry.tps_info(s, tps)


REFUSED_TO_OPERATORS = {
    "release_claim",
    "resolution_view",
    "queue",
    "resolve",
    "accept_janggal",
    "send_back",
    "operator_stats",
    "ensure_operator_cannot",
}


def test_no_public_function_gives_an_operator_the_other_entry(demo: Demo, team: Team) -> None:
    """Every public function of services.entry, called by an operator on a form whose first entry
    holds a distinctive value: refused, or nothing of that entry in what comes back. A new public
    function fails this test until it is added here."""
    # services/keying.py holds what entry shares with quality (tps_info): reviewed here too.
    public = sorted(
        n
        for n, f in inspect.getmembers(entry, inspect.isfunction)
        if f.__module__ in (entry.__name__, "kamarhitung.services.keying") and not n.startswith("_")
    )
    ((tps, truth),) = consistent_tps(demo, 1)
    secret = 86421
    submit(demo, team.op1, tps, slipped(truth, V_B=secret, II_3=secret))
    assert set(public) >= REFUSED_TO_OPERATORS
    # Order matters: claim first, then the calls that need the claim, finish last.
    order = sorted(
        public,
        key=lambda n: {
            "claim_form": 0,
            "next_form": 1,
            "save_draft": 2,
            "give_back": 9,
            "finish_entry": 8,
            "submit_entry": 10,
        }.get(n, 5),
    )
    for name in order:
        if name == "give_back":
            continue  # would free the claim finish_entry needs; tested below
        if name in REFUSED_TO_OPERATORS:
            with pytest.raises(PermissionDeniedError):
                _operator_call(name, demo, team, tps)
            continue
        if name == "submit_entry":
            # Already finished by finish_entry: refused, with no values in the message.
            with pytest.raises(ConflictError) as ei:
                _operator_call(name, demo, team, tps)
            assert str(secret) not in str(ei.value)
            continue
        got = _operator_call(name, demo, team, tps)
        text = repr(got)
        assert str(secret) not in text, (name, text)
        if isinstance(got, entry.KeyingForm):
            assert got.slot == 2 and got.values in ({}, {"V.A": 1}), name
        if isinstance(got, entry.EntryResult):
            assert list(got.findings) == validate(demo.ws.form_spec(C), {"V.A": 1}), name
    covered = {
        "tps_info",
        "claim_form",
        "next_form",
        "peek_next_form",
        "save_draft",
        "finish_entry",
        "submit_entry",
        "give_back",
        "status",
    } | REFUSED_TO_OPERATORS
    assert set(public) == covered, f"review blindness of: {set(public) ^ covered}"
    # give_back: on a fresh second entry it returns nothing and keeps the draft out of reach.
    ((other, v2),) = consistent_tps(demo, 2)[1:]
    submit(demo, team.op1, other, slipped(v2, V_B=secret))
    entry.claim_form(demo.ws, team.op2, other, C)
    entry.give_back(demo.ws, team.op2, other, C)
    assert versions(demo, other)[-1][2:4] == ("abandoned", "operator2")
    # And the supervisor does see both: blindness is for operators.
    view = entry.resolution_view(demo.ws, team.sup, tps, C)
    assert view.entries[0].values["V.B"] == secret


ROLE_REFUSALS: list[tuple[str, str, Callable[[Demo, Actor, str], object]]] = [
    (
        "supervisor-submit",
        "supervisor1",
        lambda d, a, t: entry.submit_entry(d.ws, a, {"tps": t, "contest": C, "values": {}}),
    ),
    (
        "admin-submit",
        "admin",
        lambda d, a, t: entry.submit_entry(d.ws, a, {"tps": t, "contest": C, "values": {}}),
    ),
    ("supervisor-claim", "supervisor1", lambda d, a, t: entry.claim_form(d.ws, a, t, C)),
    ("admin-next", "admin", lambda d, a, t: entry.next_form(d.ws, a, C)),
    ("supervisor-peek", "supervisor2", lambda d, a, t: entry.peek_next_form(d.ws, a, C)),
    ("admin-draft", "admin", lambda d, a, t: entry.save_draft(d.ws, a, t, C, {})),
    ("supervisor-finish", "supervisor1", lambda d, a, t: entry.finish_entry(d.ws, a, t, C, {})),
    ("operator-resolve", "operator1", lambda d, a, t: entry.resolve(d.ws, a, t, C, {}, "x")),
    ("operator-accept", "operator1", lambda d, a, t: entry.accept_janggal(d.ws, a, t, C, "x")),
    ("operator-send-back", "operator1", lambda d, a, t: entry.send_back(d.ws, a, t, C, "x")),
    ("operator-release", "operator1", lambda d, a, t: entry.release_claim(d.ws, a, t, C)),
    ("operator-view", "operator3", lambda d, a, t: entry.resolution_view(d.ws, a, t, C)),
    ("operator-queue", "operator3", lambda d, a, t: entry.queue(d.ws, a, None, [State.DIFFERENT])),
    ("operator-stats", "operator3", lambda d, a, t: entry.operator_stats(d.ws, a)),
    ("admin-resolve", "admin", lambda d, a, t: entry.resolve(d.ws, a, t, C, {}, "x")),
    (
        "operator-add-user",
        "operator1",
        lambda d, a, t: accounts.add_user(d.ws, a, "baru", Role.OPERATOR, "rahasia123"),
    ),
    (
        "supervisor-add-user",
        "supervisor1",
        lambda d, a, t: accounts.add_user(d.ws, a, "baru", Role.ADMIN, "rahasia123"),
    ),
    (
        "supervisor-reset",
        "supervisor1",
        lambda d, a, t: accounts.reset_password(d.ws, a, "operator1", "rahasia123"),
    ),
]


@pytest.mark.parametrize(("who", "call"), [pytest.param(*r[1:], id=r[0]) for r in ROLE_REFUSALS])
def test_roles_are_enforced(
    demo: Demo, who: str, call: Callable[[Demo, Actor, str], object]
) -> None:
    tps = sorted(truths(demo))[0]
    before = audit_actions(demo)
    with pytest.raises(PermissionDeniedError, match="may not do this"):
        call(demo, demo.login(who), tps)
    assert state_of(demo, tps) == State.EMPTY
    # Nothing was written but the login.
    after = audit_actions(demo)
    assert [a[0] for a in after[len(before) :]] == ["login"]
    with demo.ws.store.reading() as s:
        assert s.execute(select(UserRow).where(UserRow.name == "baru")).first() is None


def test_unknown_tps_and_contest(demo: Demo, team: Team) -> None:
    with pytest.raises(NotFoundError, match="unknown TPS 9999999999999"):
        entry.claim_form(demo.ws, team.op1, "9999999999999", C)
    with pytest.raises(NotFoundError, match="no contest 'presiden'"):
        entry.submit_entry(
            demo.ws, team.op1, {"tps": sorted(truths(demo))[0], "contest": "presiden"}
        )
    with pytest.raises(InputError, match="tps"):
        entry.submit_entry(demo.ws, team.op1, {"contest": C})
    # A dotted TPS id is accepted.
    tps = sorted(truths(demo))[0]
    dotted = f"{tps[:2]}.{tps[2:4]}.{tps[4:6]}.{tps[6:10]}.{tps[10:]}"
    res = entry.submit_entry(
        demo.ws, team.op1, {"tps": dotted, "contest": C, "values": truths(demo)[tps]}
    )
    assert res.tps_id == tps


def test_every_write_is_audited_and_the_chain_holds(demo: Demo, team: Team) -> None:
    from kamarhitung.services.audit import verify_chain

    ((tps, truth),) = consistent_tps(demo, 1)
    make_different(demo, team, tps, truth, slipped(truth, IV_1=0))
    entry.resolve(demo.ws, team.sup, tps, C, {"IV.1": FieldDecision("keep_first")}, "foto")
    actions = [a[0] for a in audit_actions(demo) if a[0].startswith("entry.")]
    assert actions == ["entry.finish", "entry.finish", "entry.resolve"]
    with demo.ws.store.reading() as s:
        rep = verify_chain(s)
    assert rep.intact and rep.events > 10


def test_claim_ttl_is_fifteen_minutes() -> None:
    assert timedelta(minutes=15) == CLAIM_TTL


def test_finding_round_trip_through_the_entry_table(demo: Demo, team: Team) -> None:
    ((tps, truth),) = consistent_tps(demo, 1)
    paper = slipped(truth, V_A=truth["V.A"] + 10)
    res = submit(demo, team.op1, tps, paper)
    submit(demo, team.op2, tps, paper)
    view = entry.resolution_view(demo.ws, team.sup, tps, C)
    assert view.entries[0].findings == res.findings
    assert all(isinstance(f, Finding) for f in view.entries[1].findings)


def test_a_finish_retried_after_a_lost_reply_is_the_same_finish(demo: Demo, team: Team) -> None:
    """A station whose connection dropped after the host committed the finish, but before the
    reply arrived, finishes again (qt/models/station.py retries): with the same numbers that is
    the finish already made, answered again with nothing written; with other numbers, or by
    another operator, it is still a refusal."""
    ((tps, truth),) = consistent_tps(demo, 1)
    form = entry.claim_form(demo.ws, team.op1, tps, C)
    assert form.slot == 1
    first = entry.finish_entry(demo.ws, team.op1, tps, C, truth)
    events = len(audit_actions(demo))
    kept = versions(demo, tps)

    again = entry.finish_entry(demo.ws, team.op1, tps, C, truth)

    assert again == first
    assert (again.slot, again.state) == (1, State.FIRST_DONE)
    assert versions(demo, tps) == kept
    assert len(audit_actions(demo)) == events
    field = next(iter(truth))
    with pytest.raises(ConflictError) as other_numbers:
        entry.finish_entry(demo.ws, team.op1, tps, C, {**truth, field: truth[field] + 1})
    assert other_numbers.value.code == "NO_ENTRY_HELD"
    with pytest.raises(ConflictError) as other_operator:
        entry.finish_entry(demo.ws, team.op2, tps, C, truth)
    assert other_operator.value.code == "NO_ENTRY_HELD"
    assert versions(demo, tps) == kept
    assert len(audit_actions(demo)) == events
