"""Data quality, pure: the exact binomial interval, the redrawable sample and its size.

The blind re-key audit (INTERFACES.md, "Data quality") measures what double entry leaves behind:
a random sample of final forms is keyed a third time, blind, and every difference is decided by a
supervisor against the image. The confirmed errors over the fields audited give the room's
residual error rate, stated with an exact (Clopper–Pearson) 95% interval.

Everything here is pure Python (no SciPy): the regularised incomplete beta function by its
continued fraction, and its quantile by bisection, which is all Clopper–Pearson needs.

**The draw anyone can redraw.** For every final form of the contest the key is
``SHA-256("<seed>|<fingerprint>|<tps id>")`` in hexadecimal, where ``seed`` is the text typed in
front of witnesses with its spaces collapsed and ``fingerprint`` the contest's recap fingerprint at
the moment of the draw. The forms sorted by key, the first N (skipping forms an earlier draw
already took) are the sample: ``printf '%s' "SEED|FP|TPS" | sha256sum`` redoes it in a shell.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PER = 10_000
"""Rates are stated per 10,000 fields."""

ALPHA = 0.05
"""A 95% two-sided interval."""


# --- the incomplete beta function and its quantile ----------------------------------------------


def _beta_cf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1.0 / d
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            return h
    raise ArithmeticError(f"incomplete beta did not converge (a={a}, b={b}, x={x})")


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b), for a, b > 0."""
    if a <= 0 or b <= 0:
        raise ValueError("a and b must be positive")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_cf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_cf(b, a, 1.0 - x) / b


def beta_ppf(p: float, a: float, b: float) -> float:
    """The quantile of the Beta(a, b) distribution: the x with I_x(a, b) = p (bisection)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be within 0..1")
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if beta_cdf(mid, a, b) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * hi:
            break
    return (lo + hi) / 2


def clopper_pearson(k: int, n: int, alpha: float = ALPHA) -> tuple[float, float]:
    """The exact two-sided interval for a binomial proportion, k successes in n trials."""
    if n <= 0:
        return (0.0, 1.0)
    if not 0 <= k <= n:
        raise ValueError(f"k={k} is not within 0..{n}")
    lo = 0.0 if k == 0 else beta_ppf(alpha / 2, k, n - k + 1)
    hi = 1.0 if k == n else beta_ppf(1 - alpha / 2, k + 1, n - k)
    return (lo, hi)


@dataclass(frozen=True, slots=True)
class Rate:
    """Errors over fields, per 10,000 fields, with the exact 95% interval."""

    errors: int
    fields: int

    @property
    def per_10000(self) -> float:
        return PER * self.errors / self.fields if self.fields else 0.0

    @property
    def ci95(self) -> tuple[float, float]:
        lo, hi = clopper_pearson(self.errors, self.fields)
        return (PER * lo, PER * hi)

    def to_json(self) -> dict[str, object]:
        lo, hi = self.ci95
        return {
            "errors": self.errors,
            "fields": self.fields,
            "rate_per_10000": round(self.per_10000, 4),
            "ci95": [round(lo, 4), round(hi, 4)],
        }


# --- how big a sample -------------------------------------------------------------------------


def fields_needed(
    target_per_10000: float, expected_per_10000: float = 0.0, alpha: float = ALPHA
) -> int:
    """The fewest fields to audit so that the interval's upper end is at most the target, if the
    errors found occur at the expected rate (0: none found). Raises ValueError when no sample
    can reach the target (expected rate at or above it)."""
    if target_per_10000 <= 0:
        raise ValueError("the target must be above zero")
    if expected_per_10000 >= target_per_10000:
        raise ValueError("no sample bounds the rate below the rate it is expected to find")
    target = target_per_10000 / PER
    expected = expected_per_10000 / PER

    def ok(n: int) -> bool:
        k = math.floor(expected * n)
        return clopper_pearson(k, n, alpha)[1] <= target

    if expected == 0.0:  # closed form: 1 - (alpha/2)^(1/n) <= target
        n = math.ceil(math.log(alpha / 2) / math.log1p(-target))
        while not ok(n):
            n += 1
        while n > 1 and ok(n - 1):
            n -= 1
        return n
    hi = 1
    while not ok(hi):
        hi *= 2
        if hi > 10**12:
            raise ValueError("the target needs more fields than any room has")
    lo = hi // 2
    while lo + 1 < hi:  # the smallest n that reaches it (the bound steps with floor(k))
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def forms_needed(
    target_per_10000: float, fields_per_form: int, expected_per_10000: float = 0.0
) -> int:
    """Forms to audit for :func:`fields_needed`, at ``fields_per_form`` fields each."""
    return math.ceil(fields_needed(target_per_10000, expected_per_10000) / max(1, fields_per_form))


# --- the draw ---------------------------------------------------------------------------------


def normalise_seed(text: str) -> str:
    """The seed as it enters the draw: spaces collapsed, ends trimmed (what was read aloud)."""
    return " ".join(text.split())


def draw_key(seed: str, fingerprint: str, tps_id: str) -> str:
    """A form's place in the draw: SHA-256 of ``seed|fingerprint|tps`` in hexadecimal."""
    return hashlib.sha256(f"{seed}|{fingerprint}|{tps_id}".encode()).hexdigest()


def draw_sample(
    seed: str,
    fingerprint: str,
    population: Iterable[str],
    size: int,
    exclude: Iterable[str] = (),
) -> list[str]:
    """The first ``size`` forms of ``population`` (TPS ids) by :func:`draw_key`, skipping
    ``exclude``; in draw order. The same seed, fingerprint and forms give the same sample."""
    if size < 1:
        raise ValueError("a sample needs at least one form")
    seed = normalise_seed(seed)
    if not seed:
        raise ValueError("the seed is empty")
    skip = set(exclude)
    keyed = sorted((draw_key(seed, fingerprint, t), t) for t in set(population) if t not in skip)
    return [t for _, t in keyed[:size]]


def redraw_instructions(seed: str, fingerprint: str, size: int, lang: str = "en") -> str:
    """How anyone redraws a sample with standard tools (``lang`` "id" for the printed report)."""
    seed = normalise_seed(seed)
    cmd = f"printf '%s' \"{seed}|{fingerprint}|<TPS>\" | sha256sum"
    if lang == "id":
        return (
            f"untuk setiap formulir final (ID TPS 13 digit) hitung {cmd}; urutkan formulir "
            f"menurut hash itu (naik) dan ambil {size} yang pertama, lewati formulir yang sudah "
            "diambil oleh penarikan sebelumnya."
        )
    return (
        f"for every final form (13-digit TPS id) compute {cmd}; sort the forms by that hash "
        f"(ascending) and take the first {size}, skipping forms sampled by an earlier draw."
    )


# --- comparing an audit keying with the final record ------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    field: str
    final: int | None
    audit: int | None

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "final": self.final, "audit": self.audit}


def compare(
    field_ids: Sequence[str], final: Mapping[str, int], audit: Mapping[str, int]
) -> tuple[int, list[Difference]]:
    """The fields compared (those the audit keyed) and where the audit differs from the final."""
    compared = 0
    diffs: list[Difference] = []
    for f in field_ids:
        if audit.get(f) is None:
            continue
        compared += 1
        if final.get(f) != audit[f]:
            diffs.append(Difference(f, final.get(f), audit[f]))
    return compared, diffs


def verdict(final: int | None, audit: int | None, image: int) -> str:
    """Which keying the value read from the image proves wrong: ``final_wrong`` (a confirmed
    error of the final record), ``audit_wrong``, or ``both_wrong``."""
    if image == audit and image != final:
        return "final_wrong"
    if image == final and image != audit:
        return "audit_wrong"
    return "both_wrong"


def is_error_of_final(v: str) -> bool:
    return v in ("final_wrong", "both_wrong")
