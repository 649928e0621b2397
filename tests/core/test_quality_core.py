"""The pure side of the re-key audit: the beta quantile against known values, Clopper–Pearson,
sample sizes, and the redrawable draw (checked against sha256sum's algorithm by hand)."""

from __future__ import annotations

import hashlib
import math
from fractions import Fraction

import pytest

from kamarhitung.core.quality import (
    Rate,
    beta_cdf,
    beta_ppf,
    clopper_pearson,
    compare,
    draw_key,
    draw_sample,
    fields_needed,
    forms_needed,
    normalise_seed,
    verdict,
)


def _binom_tail(a: int, b: int, x: Fraction) -> float:
    """I_x(a, b) for integers = P(Binomial(a + b - 1, x) >= a), exactly with fractions."""
    n = a + b - 1
    return float(sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1)))


@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 3), (5, 10), (7, 2), (30, 40)])
@pytest.mark.parametrize("x", [Fraction(1, 100), Fraction(1, 5), Fraction(1, 2), Fraction(9, 10)])
def test_beta_cdf_matches_the_binomial_sum(a: int, b: int, x: Fraction) -> None:
    assert beta_cdf(float(x), a, b) == pytest.approx(_binom_tail(a, b, x), rel=1e-10, abs=1e-14)


def test_beta_ppf_inverts_the_cdf_and_known_closed_forms() -> None:
    # Beta(1, b): F(x) = 1 - (1 - x)^b, so the quantile is 1 - (1 - p)^(1/b).
    for b in (1, 10, 1000, 400_000):
        assert beta_ppf(0.975, 1, b) == pytest.approx(1 - 0.025 ** (1 / b), rel=1e-9)
    # Beta(a, 1): F(x) = x^a.
    assert beta_ppf(0.025, 4, 1) == pytest.approx(0.025**0.25, rel=1e-9)
    for p in (0.01, 0.3, 0.975):
        assert beta_cdf(beta_ppf(p, 3.5, 12.25), 3.5, 12.25) == pytest.approx(p, rel=1e-9)
    assert beta_ppf(0.0, 2, 2) == 0.0 and beta_ppf(1.0, 2, 2) == 1.0


def test_clopper_pearson_known_values() -> None:
    # Published values (R binom.test, StatXact): 5/10, 1/100, 0/10, 10/10.
    assert clopper_pearson(5, 10) == pytest.approx((0.187086, 0.812914), abs=1e-6)
    assert clopper_pearson(1, 100) == pytest.approx((0.000253, 0.054459), abs=1e-6)
    assert clopper_pearson(0, 10) == pytest.approx((0.0, 0.308497), abs=1e-6)
    assert clopper_pearson(10, 10) == pytest.approx((0.691503, 1.0), abs=1e-6)
    # Large n, few errors: the exact Poisson limits of 3 events are 0.6187 and 8.7673.
    lo, hi = clopper_pearson(3, 400_000)
    assert lo * 400_000 == pytest.approx(0.6187, abs=1e-3)
    assert hi * 400_000 == pytest.approx(8.7673, abs=1e-3)
    r = Rate(3, 400_000)
    assert r.per_10000 == pytest.approx(0.075)
    assert r.to_json()["ci95"] == [pytest.approx(0.0155, abs=1e-4), pytest.approx(0.2192, abs=1e-4)]
    assert Rate(0, 0).to_json()["ci95"] == [0.0, 10000.0]


def test_sample_size_for_a_target_bound() -> None:
    n = fields_needed(0.5)  # no error expected: 1 - 0.025^(1/n) <= 0.5 / 10,000
    assert clopper_pearson(0, n)[1] <= 0.5e-4 < clopper_pearson(0, n - 1)[1]
    assert n == 73_776
    assert forms_needed(0.5, 40) == math.ceil(73_776 / 40)
    m = fields_needed(0.5, 0.2)  # expecting 0.2 per 10,000 needs more
    assert m > n
    assert clopper_pearson(math.floor(0.2e-4 * m), m)[1] <= 0.5e-4
    with pytest.raises(ValueError):
        fields_needed(0.5, 0.5)


def test_draw_is_redrawable_by_sha256sum_and_depends_on_seed_and_data() -> None:
    tps = [f"3201010001{i:03d}" for i in range(1, 101)]
    fp = "ab" * 32
    s1 = draw_sample("  12 07  88 ", fp, tps, 10)
    assert s1 == draw_sample("12 07 88", fp, list(reversed(tps)), 10)
    assert len(set(s1)) == 10
    # By hand, as the report tells a witness: sha256 of "seed|fingerprint|tps", sorted.
    by_hand = sorted(tps, key=lambda t: hashlib.sha256(f"12 07 88|{fp}|{t}".encode()).hexdigest())
    assert s1 == by_hand[:10]
    assert (
        draw_key("12 07 88", fp, tps[0])
        == hashlib.sha256(f"12 07 88|{fp}|{tps[0]}".encode()).hexdigest()
    )
    assert draw_sample("12 07 89", fp, tps, 10) != s1
    assert draw_sample("12 07 88", "cd" * 32, tps, 10) != s1
    more = draw_sample("99", fp, tps, 5, exclude=s1)
    assert not set(more) & set(s1)
    assert normalise_seed(" a\tb  c ") == "a b c"
    with pytest.raises(ValueError):
        draw_sample("   ", fp, tps, 3)


def test_compare_and_verdict() -> None:
    fields = ["IV.1", "IV.2", "V.A"]
    n, diffs = compare(fields, {"IV.1": 10, "IV.2": 20, "V.A": 30}, {"IV.1": 20, "IV.2": 10})
    assert n == 2
    assert [d.to_json() for d in diffs] == [
        {"field": "IV.1", "final": 10, "audit": 20},
        {"field": "IV.2", "final": 20, "audit": 10},
    ]
    assert verdict(10, 20, 20) == "final_wrong"
    assert verdict(10, 20, 10) == "audit_wrong"
    assert verdict(10, 20, 15) == "both_wrong"
