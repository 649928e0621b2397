"""Anomalies across final records (DOMAIN.md): rules no single form can check, as coded warnings.

Every anomaly is a code, a level and a small machine-readable ``detail`` dict (ints, rounded
floats, codes); the GUI turns codes into words. The rules, over the final TPS of one contest:

``OUTLIER`` (W)
    The TPS's turnout (I.B.4.J / I.A.4.J) or a candidate pair's share (IV.n / Σ IV) is far from the
    median of its kecamatan: robust z = 0.6745·(y − median)/MAD (Iglewicz & Hoaglin), flagged when
    |z| > 3.5, where y = arcsin(√x) is the usual variance-stabilising transform of a proportion:
    on raw shares a minor candidate's skewed spread alone flagged 2 to 6 % of TPS of synthetic
    kabupaten, on y about 0.2 to 1 %. When MAD is 0 (more than half the TPS share one value) the
    mean absolute deviation scaled by 1.2533 stands in; when that is 0 too, nothing is an
    outlier. A kecamatan with fewer than 5 final TPS is not judged. One anomaly per TPS, listing
    every measure flagged with its raw value, the kecamatan's raw median and z.
``DUPLICATE`` (W)
    Sections IV and V equal another TPS's exactly; every TPS of such a group is reported, with the
    others. Compared within a desa (where a copied neighbour's form or a photo filed under the
    wrong TPS shows up), because across a kabupaten equal IV and V happen by chance: with two
    candidate pairs a 25,000-TPS synthetic kabupaten had 8,899 such TPS, 350 within kecamatan and
    20 within desa. Across the kabupaten, TPS whose whole form is equal are reported too (never
    seen by chance). Forms with no votes at all (V.C = 0) are not compared. The scope is a setting.
``TURNOUT`` (W)
    B.4 J > A.4 J, or Σ IV above the master list's DPT × (1 + reserve), the reserve being the
    template's (2.5 % for Pilkada): more voters than can exist.
``INVALID-SHARE`` (W)
    V.B ≥ 3 % of V.C.
``LAST-DIGIT`` (W, per kecamatan)
    The last digits of the kecamatan's candidate-pair vote counts of at least 10 (smaller counts
    do not have uniform last digits) are tested against the uniform distribution, chi-square with
    9 degrees of freedom, flagged at p < 0.001; at least 50 such counts are needed. The anomaly's
    ``tps`` is then the 6-digit kecamatan code (a code's length says its level, INTERFACES.md).

Per-form findings stored on final records (E and W, from the template's identities) can be merged
in with their own codes (detail ``{"source": "form", ...}``); where the scan flags the same TPS
with the same code, only the scan's anomaly is kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kamarhitung.core.recap import BoolArray, IntArray, Recap
from kamarhitung.core.template import Severity
from kamarhitung.core.validation import Finding

FloatArray = npt.NDArray[np.float64]

OUTLIER = "OUTLIER"
DUPLICATE = "DUPLICATE"
TURNOUT = "TURNOUT"
INVALID_SHARE = "INVALID-SHARE"
LAST_DIGIT = "LAST-DIGIT"
CODES = (OUTLIER, DUPLICATE, TURNOUT, INVALID_SHARE, LAST_DIGIT)

MAD_SCALE = 0.6745
"""The 0.75 quantile of the standard normal: makes MAD comparable to a standard deviation."""
MEAN_AD_SCALE = 1.253314
"""sqrt(pi/2): makes the mean absolute deviation comparable to a standard deviation."""


@dataclass(frozen=True, slots=True)
class AnomalyConfig:
    """Thresholds of the rules (defaults as in the module docstring)."""

    outlier_z: float = 3.5
    outlier_min_tps: int = 5
    duplicate_scope: str = "desa"
    """``desa``, ``kecamatan`` or ``kabupaten``: where equal sections IV and V are compared."""
    invalid_share_percent: int = 3
    reserve_permille: int = 25
    last_digit_p: float = 0.001
    last_digit_min_counts: int = 50
    last_digit_min_value: int = 10


@dataclass(frozen=True, slots=True)
class Anomaly:
    """One anomaly: a TPS id (or a kecamatan code), a code, a level and details."""

    tps: str
    code: str
    level: Severity
    detail: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "tps": self.tps,
            "code": self.code,
            "level": self.level,
            "detail": dict(self.detail),
        }


def chi2_sf(x: float, dof: int) -> float:
    """P(X ≥ x) for a chi-square variable with ``dof`` degrees of freedom (exact finite sums)."""
    if dof < 1:
        raise ValueError("dof must be at least 1")
    if x <= 0:
        return 1.0
    if dof % 2 == 0:
        h = x / 2
        term = total = 1.0
        for j in range(1, dof // 2):
            term *= h / j
            total += term
        return min(1.0, math.exp(-h) * total)
    # Odd: erfc(sqrt(x/2)) + 2 phi(sqrt(x)) * sum_{j=1}^{(dof-1)/2} x^{(2j-1)/2} / (1*3*...*(2j-1))
    root = math.sqrt(x)
    total = 0.0
    term = root
    for j in range(1, (dof - 1) // 2 + 1):
        if j > 1:
            term *= x / (2 * j - 1)
        total += term
    phi = math.exp(-x / 2) / math.sqrt(2 * math.pi)
    return min(1.0, math.erfc(root / math.sqrt(2)) + 2 * phi * total)


def robust_z(x: FloatArray) -> FloatArray:
    """Robust z-scores of a sample: 0.6745·(x − median)/MAD, with the mean-AD fallback."""
    med = float(np.median(x))
    dev = np.abs(x - med)
    mad = float(np.median(dev))
    if mad > 0:
        z: FloatArray = MAD_SCALE * (x - med) / mad
        return z
    mean_ad = float(dev.mean())
    if mean_ad > 0:
        z = (x - med) / (MEAN_AD_SCALE * mean_ad)
        return z
    return np.zeros_like(x)


def _round(x: float) -> float:
    return round(float(x), 4)


class _Fields:
    """Column indices of the fields the rules read (None when the form lacks one)."""

    def __init__(self, fields: Sequence[str]) -> None:
        pos = {f: j for j, f in enumerate(fields)}
        # The voters on the list: A.4 (total) on the Pilkada form, the one DPT row on the 2024
        # presidential form (it prints no total).
        self.a4 = pos.get("I.A.4.J", pos.get("I.A.1.J"))
        self.b4 = pos.get("I.B.4.J")
        self.va = pos.get("V.A")
        self.vb = pos.get("V.B")
        self.vc = pos.get("V.C")
        self.paslon = [(int(f.split(".")[1]), j) for f, j in pos.items() if f.startswith("IV.")]
        self.paslon.sort()
        self.section_iv_v = [j for f, j in pos.items() if f.startswith(("IV.", "V."))]


def scan(
    recap: Recap,
    config: AnomalyConfig | None = None,
    form_findings: Mapping[str, Sequence[Finding]] | None = None,
) -> list[Anomaly]:
    """Every anomaly of a contest's final records, sorted by TPS (or region) and code."""
    cfg = config or AnomalyConfig()
    fx = _Fields(recap.fields)
    values = recap.values
    final = recap.final_mask
    ids = recap.tree.tps_ids
    found: dict[tuple[str, str], Anomaly] = {}

    def add(a: Anomaly) -> None:
        found.setdefault((a.tps, a.code), a)

    for a in _outliers(recap, fx, cfg):
        add(a)
    for a in _duplicates(recap, fx, cfg):
        add(a)
    for a in _turnout(values, final, ids, recap.tree.dpt, fx, cfg):
        add(a)
    for a in _invalid_share(values, final, ids, fx, cfg):
        add(a)
    for a in _last_digits(recap, fx, cfg):
        add(a)
    if form_findings:
        for tps, findings in form_findings.items():
            for f in findings:
                if (tps, f.code) in found:
                    continue
                detail: dict[str, object] = {"source": "form", "fields": list(f.fields)}
                if f.params:
                    detail["params"] = dict(f.params)
                found[(tps, f.code)] = Anomaly(tps, f.code, f.level, detail)
    return [found[k] for k in sorted(found)]


def _outliers(recap: Recap, fx: _Fields, cfg: AnomalyConfig) -> list[Anomaly]:
    values = recap.values
    final = recap.final_mask
    tree = recap.tree
    bounds = tree.kecamatan_tps_bounds().tolist()
    votes = (
        values[:, [j for _, j in fx.paslon]].sum(axis=1)
        if fx.paslon
        else np.zeros(tree.n_tps, np.int64)
    )
    measures: list[tuple[dict[str, object], FloatArray, BoolArray]] = []
    if fx.a4 is not None and fx.b4 is not None:
        a4 = values[:, fx.a4]
        ok = final & (a4 > 0)
        measures.append(({"measure": "turnout"}, values[:, fx.b4] / np.maximum(a4, 1), ok))
    if len(fx.paslon) > 1:
        ok = final & (votes > 0)
        for n, j in fx.paslon:
            measures.append(
                ({"measure": "share", "paslon": n}, values[:, j] / np.maximum(votes, 1), ok)
            )
    flagged: dict[int, list[dict[str, object]]] = {}
    for c, kec in enumerate(tree.kecamatan):
        a, b = bounds[c], bounds[c + 1]
        for label, x, ok in measures:
            sel = np.flatnonzero(ok[a:b]) + a
            if len(sel) < cfg.outlier_min_tps:
                continue
            sample = x[sel]
            z = robust_z(np.arcsin(np.sqrt(np.clip(sample, 0.0, 1.0))))
            med = float(np.median(sample))
            for pos in np.flatnonzero(np.abs(z) > cfg.outlier_z).tolist():
                i = int(sel[pos])
                flagged.setdefault(i, []).append(
                    {
                        **label,
                        "value": _round(sample[pos]),
                        "median": _round(med),
                        "z": round(float(z[pos]), 2),
                        "kecamatan": kec.code,
                    }
                )
    out = []
    for i, found in sorted(flagged.items()):
        kec_code = str(found[0]["kecamatan"])
        ms = [{k: v for k, v in m.items() if k != "kecamatan"} for m in found]
        out.append(Anomaly(tree.tps_ids[i], OUTLIER, "W", {"kecamatan": kec_code, "measures": ms}))
    return out


def _scope_groups(recap: Recap, scope: str) -> IntArray:
    """Per TPS, the index of its desa, kecamatan or (one) kabupaten."""
    tree = recap.tree
    if scope == "desa":
        bounds = tree.desa_bounds
    elif scope == "kecamatan":
        bounds = tree.kecamatan_tps_bounds()
    elif scope == "kabupaten":
        return np.zeros(tree.n_tps, dtype=np.int64)
    else:
        raise ValueError(f"duplicate scope {scope!r}: desa, kecamatan or kabupaten")
    groups: IntArray = np.repeat(np.arange(len(bounds) - 1, dtype=np.int64), np.diff(bounds))
    return groups


def _duplicates(recap: Recap, fx: _Fields, cfg: AnomalyConfig) -> list[Anomaly]:
    if not fx.section_iv_v:
        return []
    values, ids = recap.values, recap.tree.tps_ids
    has_votes = recap.final_mask.copy()
    if fx.vc is not None:
        has_votes &= values[:, fx.vc] > 0
    rows = np.flatnonzero(has_votes)
    if len(rows) < 2:
        return []
    scopes = [(fx.section_iv_v, cfg.duplicate_scope)]
    if cfg.duplicate_scope != "kabupaten":
        scopes.append((list(range(values.shape[1])), "form"))
    others: dict[int, dict[str, list[str]]] = {}
    for cols, scope in scopes:
        group = _scope_groups(recap, "kabupaten" if scope == "form" else scope)
        key = np.hstack([group[rows, None], values[np.ix_(rows, np.array(cols, dtype=np.intp))]])
        _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.reshape(-1)
        members: dict[int, list[int]] = {}
        for pos in np.flatnonzero(counts[inverse] > 1).tolist():
            members.setdefault(int(inverse[pos]), []).append(int(rows[pos]))
        for group_rows in members.values():
            for i in group_rows:
                found = others.setdefault(i, {}).setdefault(scope, [])
                found.extend(ids[j] for j in group_rows if j != i)
    out = []
    for i, by_scope in sorted(others.items()):
        scope = next(iter(by_scope))
        out.append(Anomaly(ids[i], DUPLICATE, "W", {"others": by_scope[scope], "scope": scope}))
    return out


def _turnout(
    values: IntArray,
    final: BoolArray,
    ids: Sequence[str],
    dpt: IntArray,
    fx: _Fields,
    cfg: AnomalyConfig,
) -> list[Anomaly]:
    n = len(ids)
    over_list = np.zeros(n, dtype=bool)
    if fx.a4 is not None and fx.b4 is not None:
        over_list = values[:, fx.b4] > values[:, fx.a4]
    votes = values[:, [j for _, j in fx.paslon]].sum(axis=1) if fx.paslon else np.zeros(n, np.int64)
    over_dpt = 1000 * votes > (1000 + cfg.reserve_permille) * dpt
    out = []
    for i in np.flatnonzero(final & (over_list | over_dpt)).tolist():
        d: dict[str, object] = {"votes": int(votes[i]), "dpt": int(dpt[i])}
        d["dpt_limit"] = (int(dpt[i]) * (1000 + cfg.reserve_permille)) // 1000
        if fx.a4 is not None and fx.b4 is not None:
            d["voters"] = int(values[i, fx.b4])
            d["registered"] = int(values[i, fx.a4])
        out.append(Anomaly(ids[i], TURNOUT, "W", d))
    return out


def _invalid_share(
    values: IntArray, final: BoolArray, ids: Sequence[str], fx: _Fields, cfg: AnomalyConfig
) -> list[Anomaly]:
    if fx.vb is None or fx.vc is None:
        return []
    vb, vc = values[:, fx.vb], values[:, fx.vc]
    hit = final & (vc > 0) & (100 * vb >= cfg.invalid_share_percent * vc)
    return [
        Anomaly(
            ids[i],
            INVALID_SHARE,
            "W",
            {"invalid": int(vb[i]), "total": int(vc[i]), "share": _round(vb[i] / vc[i])},
        )
        for i in np.flatnonzero(hit).tolist()
    ]


def _last_digits(recap: Recap, fx: _Fields, cfg: AnomalyConfig) -> list[Anomaly]:
    if not fx.paslon:
        return []
    tree = recap.tree
    bounds = tree.kecamatan_tps_bounds().tolist()
    cols = np.array([j for _, j in fx.paslon], dtype=np.intp)
    out = []
    for c, kec in enumerate(tree.kecamatan):
        a, b = bounds[c], bounds[c + 1]
        rows = np.flatnonzero(recap.final_mask[a:b]) + a
        counts = recap.values[np.ix_(rows, cols)].reshape(-1)
        counts = counts[counts >= cfg.last_digit_min_value]
        n = len(counts)
        if n < cfg.last_digit_min_counts:
            continue
        observed = np.bincount(counts % 10, minlength=10)
        expected = n / 10
        chi2 = float(((observed - expected) ** 2).sum() / expected)
        p = chi2_sf(chi2, 9)
        if p < cfg.last_digit_p:
            out.append(
                Anomaly(
                    kec.code,
                    LAST_DIGIT,
                    "W",
                    {
                        "kecamatan": kec.code,
                        "counts": n,
                        "digits": observed.tolist(),
                        "chi2": round(chi2, 2),
                        "p": float(f"{p:.3g}"),
                    },
                )
            )
    return out
