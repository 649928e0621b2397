"""Synthetic polling-station results: the numbers a KPPS writes on a result form, for the demo.

:func:`synth_result` draws a realistic, internally consistent form (voter list, turnout, ballots,
disability, votes per candidate pair, valid and invalid votes) that passes every error (E) identity
of the form's template; with a small probability it carries exactly one deliberate paper error of a
kind seen on real forms (a wrong total), so the demo also exercises the janggal queue.

Which row of section II holds the ballots used, and which row the ballots received, is read from the
template's own rules (BALLOT-USED, BALLOT-BALANCE): the Pemilu 2024 PPWP form orders those rows
differently from the Pilkada KWK form.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kamarhitung.core.template import FormSpec

_FIELD = re.compile(r"[IVX]+(?:\.[A-Z0-9]+)+")

ERROR_KINDS = ("V.A", "I.A.4.J", "J-SUM")
"""The deliberate paper errors: V.A off by ten, A.4 J not the sum of its column, a J ≠ L + P."""


@dataclass(frozen=True, slots=True)
class SynthResult:
    """The numbers written on one synthetic form, and whether it carries a deliberate error."""

    values: dict[str, int]
    inconsistent: bool


def draw_shares(n: int, rng: random.Random, alpha: float = 2.5) -> tuple[float, ...]:
    """Vote shares of ``n`` candidate pairs drawn from a symmetric Dirichlet(alpha).

    A caller simulating a whole kabupaten draws these once and passes them to every
    :func:`synth_result` call, so TPS results scatter around one regional pattern.
    """
    if n <= 0:
        return ()
    g = [rng.gammavariate(alpha, 1.0) for _ in range(n)]
    s = sum(g) or 1.0
    return tuple(x / s for x in g)


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` by largest remainder (sums exactly to total)."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]
    out = [math.floor(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


def _binomial(n: int, p: float, rng: random.Random) -> int:
    """A binomial draw; exact for small n, normal approximation for large n."""
    if n <= 0:
        return 0
    if n <= 30:
        return sum(1 for _ in range(n) if rng.random() < p)
    x = round(rng.gauss(n * p, math.sqrt(n * p * (1.0 - p))))
    return min(n, max(0, x))


def _small(rng: random.Random, mean: float, cap: int) -> int:
    """A small non-negative count with a long-ish tail, at most ``cap``."""
    return min(cap, int(rng.expovariate(1.0 / mean)))


def _ballot_rows(form: FormSpec) -> tuple[str, str, str, str]:
    """(received, used, returned, unused) field ids of section II, read from the template's rules."""
    received = used = ""
    balance: list[str] = []
    for rule in form.rules:
        for check in rule.checks:
            left = check.text.split("==")[0]
            if rule.code == "BALLOT-USED":
                used = next(f for f in check.fields if f.startswith("II."))
            elif rule.code == "BALLOT-BALANCE":
                received = _FIELD.findall(left)[0]
                balance = [f for f in check.fields if f != received]
    if not received or not used or used not in balance or len(balance) != 3:
        raise ValueError(f"template {form.template.id}: cannot tell the ballot rows of section II")
    others = [f for f in balance if f != used]
    labels = {f.id: f.label.lower() for f in form.fields}
    returned = next(
        (f for f in others if "rusak" in labels[f] or "kembali" in labels[f]), others[0]
    )
    unused = next(f for f in others if f != returned)
    return received, used, returned, unused


def synth_result(
    form: FormSpec,
    dpt_l: int,
    dpt_p: int,
    rng: random.Random,
    inconsistent_rate: float = 0.04,
    *,
    shares: Sequence[float] | None = None,
) -> SynthResult:
    """Draw the numbers one TPS writes on its form, for a voter list of ``dpt_l`` men, ``dpt_p`` women.

    ``shares`` are the regional vote shares of the form's candidate pairs (in the order of
    ``form.paslon_numbers``; see :func:`draw_shares`); by default they are drawn here. With
    probability ``inconsistent_rate`` exactly one deliberate wrong total is written (see
    :data:`ERROR_KINDS`), otherwise every E identity of the template holds.
    """
    t = form.template
    maximum = t.max_value
    v: dict[str, int] = {}

    def lpj(row: str, lv: int, pv: int) -> None:
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv

    # I.A: the voter lists. A.2 (moved in) and A.3 (added on the day) are small.
    a2 = _small(rng, 1.2, 5)
    a3 = _small(rng, 4.0, 15)
    a2l = _binomial(a2, 0.5, rng)
    a3l = _binomial(a3, 0.5, rng)
    a = {1: (dpt_l, dpt_p), 2: (a2l, a2 - a2l), 3: (a3l, a3 - a3l)}

    # I.B: users. Women turn out slightly more; moved-in voters mostly vote; added voters all do.
    turnout = rng.uniform(0.55, 0.85)
    t_l = min(0.95, max(0.3, turnout - rng.uniform(0.0, 0.03)))
    t_p = min(0.95, max(0.3, turnout + rng.uniform(0.0, 0.03)))
    b = {
        1: [_binomial(dpt_l, t_l, rng), _binomial(dpt_p, t_p, rng)],
        2: [_binomial(a[2][0], 0.85, rng), _binomial(a[2][1], 0.85, rng)],
        3: [a[3][0], a[3][1]],
    }
    received_n = math.ceil((dpt_l + dpt_p) * (1000 + t.reserve_permille) / 1000)
    returned_n = min(3, _small(rng, 0.8, 3))
    # Ballots cannot run out: on a tiny TPS the added voters (then the others) are turned away.
    while sum(sum(x) for x in b.values()) + returned_n > received_n:
        if returned_n > 0:
            returned_n -= 1
            continue
        for r in (3, 2, 1):
            i = 0 if b[r][0] >= b[r][1] else 1
            if b[r][i] > 0:
                b[r][i] -= 1
                break
    for r in (1, 2, 3):
        lpj(f"I.A.{r}", *a[r])
        lpj(f"I.B.{r}", b[r][0], b[r][1])
    lpj("I.A.4", sum(a[r][0] for r in (1, 2, 3)), sum(a[r][1] for r in (1, 2, 3)))
    lpj("I.B.4", sum(b[r][0] for r in (1, 2, 3)), sum(b[r][1] for r in (1, 2, 3)))
    voters = v["I.B.4.J"]

    # II: ballots, rows located from the template's identities.
    received, used, returned, unused = _ballot_rows(form)
    v[received] = received_n
    v[used] = voters
    v[returned] = returned_n
    v[unused] = received_n - voters - returned_n

    # III: voters with disabilities, a handful at most.
    d1 = (min(_small(rng, 1.2, 8), v["I.A.4.L"]), min(_small(rng, 1.2, 8), v["I.A.4.P"]))
    d2 = (
        min(_binomial(d1[0], turnout, rng), v["I.B.4.L"]),
        min(_binomial(d1[1], turnout, rng), v["I.B.4.P"]),
    )
    if "III.2.J" in form.field_index:
        lpj("III.1", *d1)
        lpj("III.2", *d2)
    else:  # the 2024 presidential form prints only the disabled voters who voted
        lpj("III.1", *d2)

    # V.B: invalid votes, typically 1 to 2.5 %; a share of 3 % or more (a warning) is rare.
    invalid = round(voters * rng.uniform(0.008, 0.025))
    if 100 * invalid >= 3 * voters and rng.random() < 0.9:
        invalid = max(0, (3 * voters - 1) // 100)
    valid = voters - invalid

    # IV: votes per candidate pair, scattered around the regional shares.
    numbers = form.paslon_numbers
    base = list(shares) if shares is not None else list(draw_shares(len(numbers), rng))
    if len(base) != len(numbers):
        raise ValueError(f"{len(base)} shares for {len(numbers)} candidate pairs")
    concentration = rng.uniform(15.0, 60.0)
    local = [rng.gammavariate(max(0.05, concentration * s), 1.0) for s in base]
    for n, x in zip(numbers, _split(valid, local), strict=True):
        v[f"IV.{n}"] = x
    v["V.A"] = valid
    v["V.B"] = invalid
    v["V.C"] = voters

    for fid in form.field_ids:
        v.setdefault(fid, 0)
    values = {fid: v[fid] for fid in form.field_ids}

    inconsistent = rng.random() < inconsistent_rate
    if inconsistent:
        kind = rng.choice([k for k in ERROR_KINDS if k == "J-SUM" or k in form.field_index])
        if kind == "V.A":
            target, delta = "V.A", 10
        elif kind == "I.A.4.J":
            target, delta = "I.A.4.J", rng.choice((1, 10))
        else:
            target, delta = f"{rng.choice(('I.A.1', 'I.B.1', 'I.B.4'))}.J", rng.choice((1, 10))
        x = values[target]
        sign = rng.choice((1, -1))
        if not 0 <= x + sign * delta <= maximum:
            sign = -sign
        values[target] = x + sign * delta
    return SynthResult(values, inconsistent)
