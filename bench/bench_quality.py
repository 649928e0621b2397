"""Issue 16's simulation: what double entry leaves behind, and what the blind re-key audit sees.

10,000 forms of 40 fields are keyed twice. Each keyer slips on 1% of fields independently (one
digit replaced), and a share of errors is made the same way by both keyers because of the form
itself: a transposition of two rows of section IV, or a misread of a blurred digit. Differences
go to a supervisor, who resolves them against the image (correctly), so what stays wrong in the
final records is every field both keyed the same wrong way: the true residual rate.

The audit then draws forms exactly as ``kamarhitung quality sample`` does (core/quality.py), a
third keyer keys them with the same 1% slips, and every difference is decided against the image:
confirmed errors over fields audited give the estimate and its exact 95% interval. Also: how
often that interval holds the true rate over 400 draws, and the sample needed to state the
residual rate at most 0.5 per 10,000 fields."""

from __future__ import annotations

import random
import time

from bench.common import Result
from kamarhitung.core.quality import Rate, draw_sample, fields_needed

FORMS = 10_000
FIELDS = 40
SLIP = 0.01
SAME_WAY_SHARE = 0.002
"""Of the errors a keyer makes, the share the other keyer makes too (transpositions, misreads)."""
TRANSPOSE_SHARE = 0.5
"""Of those same-way errors, the share that are a transposition of two section IV rows."""
SAMPLE_FORMS = 2_000
TARGET = 0.5


def _slip(value: int, rng: random.Random) -> int:
    text = str(value)
    i = rng.randrange(len(text))
    digit = rng.choice([d for d in "0123456789" if d != text[i]])
    return int(text[:i] + digit + text[i + 1 :])


def _key(truth: list[int], rng: random.Random) -> list[int]:
    return [_slip(v, rng) if rng.random() < SLIP else v for v in truth]


def simulate(seed: int = 16) -> tuple[list[list[int]], list[list[int]]]:
    """The true values and the final values double entry leaves, per form."""
    rng = random.Random(seed)
    truths: list[list[int]] = []
    finals: list[list[int]] = []
    for _ in range(FORMS):
        truth = [rng.randrange(0, 400) for _ in range(FIELDS)]
        shared = list(truth)  # what the form leads both keyers to read
        for f in range(FIELDS):
            if rng.random() < SLIP * SAME_WAY_SHARE:
                if rng.random() < TRANSPOSE_SHARE and f + 1 < FIELDS:
                    shared[f], shared[f + 1] = shared[f + 1], shared[f]
                else:
                    shared[f] = _slip(shared[f], rng)
        first, second = _key(shared, rng), _key(shared, rng)
        # Agreeing fields stay; the supervisor resolves each differing field from the image.
        finals.append([a if a == b else t for a, b, t in zip(first, second, truth, strict=True)])
        truths.append(truth)
    return truths, finals


def audit(
    truths: list[list[int]], finals: list[list[int]], sample: list[int], rng: random.Random
) -> Rate:
    """A third keyer keys the sample blind; every difference is decided against the image."""
    errors = 0
    for i in sample:
        third = _key(truths[i], rng)
        for t, fin, aud in zip(truths[i], finals[i], third, strict=True):
            if aud != fin and fin != t:  # a difference the supervisor confirms against the image
                errors += 1
    return Rate(errors, FIELDS * len(sample))


def run() -> list[Result]:
    t0 = time.perf_counter()
    truths, finals = simulate()
    wrong = [
        sum(f != t for f, t in zip(fi, tr, strict=True))
        for fi, tr in zip(finals, truths, strict=True)
    ]
    true_rate = Rate(sum(wrong), FORMS * FIELDS)
    ids = [f"{i:013d}" for i in range(FORMS)]
    index = {t: i for i, t in enumerate(ids)}
    fp = "f" * 64
    rng = random.Random(7)
    sample = [index[t] for t in draw_sample("12 07 88 31", fp, ids, SAMPLE_FORMS)]
    t_sim = time.perf_counter() - t0
    t1 = time.perf_counter()
    est = audit(truths, finals, sample, rng)
    t_audit = time.perf_counter() - t1
    lo, hi = est.ci95
    # Coverage: how often the 95% interval of a 2,000-form audit holds the true rate.
    hits = 0
    draws = 400
    for _ in range(draws):
        smp = rng.sample(range(FORMS), SAMPLE_FORMS)
        r = Rate(sum(wrong[i] for i in smp), FIELDS * SAMPLE_FORMS)
        a, b = r.ci95
        hits += a <= true_rate.per_10000 <= b
    try:
        need = fields_needed(TARGET, true_rate.per_10000)
        forms = -(-need // FIELDS)
        need_text = (
            f"{forms:,} forms ({need:,} fields) at the true rate"
            + (f", more than the {FORMS:,} there are" if forms > FORMS else "")
            + f"; {-(-fields_needed(TARGET) // FIELDS):,} forms if the audit finds no error"
        )
    except ValueError:
        need_text = "impossible: the true rate is not below 0.5"
    return [
        Result(
            "quality: double entry of 10,000 × 40 fields (1% slips, 0.2% same-way)",
            t_sim,
            None,
            f"true residual {true_rate.per_10000:.2f} per 10,000 fields "
            f"({true_rate.errors} fields wrong in {FORMS * FIELDS:,})",
        ),
        Result(
            f"quality: blind audit of {SAMPLE_FORMS:,} forms (estimate vs true)",
            t_audit,
            None,
            f"estimate {est.per_10000:.2f} per 10,000 (95% {lo:.2f}–{hi:.2f}) from "
            f"{est.errors} confirmed errors; true {true_rate.per_10000:.2f}; the interval held "
            f"the true rate in {100 * hits / draws:.1f}% of {draws} draws",
        ),
        Result(
            f"quality: sample to state ≤ {TARGET} per 10,000 (95%)",
            0.0,
            None,
            need_text,
        ),
    ]
