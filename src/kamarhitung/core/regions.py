"""The packaged region hierarchy of the 2024 election (desa with TPS counts), for demos and benches.

The file ``data/wilayah_tps_pemilu2024.csv.gz`` has one row per desa: ``kode_desa, provinsi,
kabupaten, kecamatan, desa, jumlah_tps, tps_khusus_dari, tps_khusus_sampai``.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class DesaRow:
    kode_desa: str
    provinsi: str
    kabupaten: str
    kecamatan: str
    desa: str
    jumlah_tps: int


@cache
def all_desa() -> tuple[DesaRow, ...]:
    """Every desa of the country (83,731 rows), read once."""
    raw = (
        resources.files("kamarhitung")
        .joinpath("data", "wilayah_tps_pemilu2024.csv.gz")
        .read_bytes()
    )
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8") as f:
        return tuple(
            DesaRow(
                r["kode_desa"],
                r["provinsi"],
                r["kabupaten"],
                r["kecamatan"],
                r["desa"],
                int(r["jumlah_tps"] or 0),
            )
            for r in csv.DictReader(f)
        )


def kabupaten_totals() -> dict[str, int]:
    """TPS per kabupaten code (overseas excluded)."""
    totals: dict[str, int] = {}
    for d in all_desa():
        if d.kode_desa.startswith("99"):
            continue
        k = d.kode_desa[:4]
        totals[k] = totals.get(k, 0) + d.jumlah_tps
    return totals


def desa_of(kabupaten_code: str) -> list[DesaRow]:
    return [d for d in all_desa() if d.kode_desa.startswith(kabupaten_code) and d.jumlah_tps > 0]


def closest_kabupaten(n_tps: int) -> str:
    """The kabupaten whose real TPS count is closest to ``n_tps`` (ties: the lower code)."""
    totals = kabupaten_totals()
    return min(totals, key=lambda k: (abs(totals[k] - n_tps), k))


def scale_counts(counts: list[int], target: int, cap: int = 999) -> list[int]:
    """Scale counts to sum exactly to ``target`` (largest remainder), each at most ``cap``."""
    total = sum(counts)
    if total == 0 or target <= 0:
        return [0] * len(counts)
    exact = [c * target / total for c in counts]
    out = [min(cap, int(x)) for x in exact]
    rest = target - sum(out)
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    i = 0
    while rest > 0:
        j = order[i % len(order)]
        if out[j] < cap:
            out[j] += 1
            rest -= 1
        i += 1
        if i > 10 * len(order) * (target // max(1, len(order)) + 2):
            raise ValueError("cannot place that many TPS within the cap")
    return out
