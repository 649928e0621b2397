"""The pure checks of a bundle's data at the province (BUNDLE.md "What the importer does"):
contests, regions and per-TPS results parsed and checked against themselves and the signed
manifest, and the recap recomputed from the per-TPS lines (``core.recap``) and compared with the
manifest's fingerprint and the bundle's recap files. No file is opened here: the importer
(``services/province_import.py``) hands in the readers of the staged members."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kamarhitung.core.bundle import BundleError, ContestSummary, Manifest
from kamarhitung.core.canonical import canonical_json
from kamarhitung.core.model import Level, Region, is_code
from kamarhitung.core.recap import EMPTY, FINAL, STATE_CODE, STATES, RegionTree, aggregate_arrays
from kamarhitung.core.refusal import Param

MAX_VALUE = 10_000_000
"""The largest count a bundle's line may carry."""
FIELD = re.compile(r"[A-Za-z0-9._-]{1,32}")
CONTEST = re.compile(r"[a-z][a-z0-9_]{0,31}")

ReadJson = Callable[[str, str], Any]
ReadJsonl = Callable[[str, str], Iterator[tuple[int, dict[str, Any]]]]


@dataclass
class PayloadContest:
    """A contest's lines as read: every TPS's state and, for the final ones, the values."""

    id: str
    name: str
    fields: tuple[str, ...]
    ids: list[str] = field(default_factory=list)
    states: list[int] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def nth_final(c: PayloadContest, n: int) -> int:
    """The line index of the ``n``-th final TPS of a contest."""
    seen = -1
    for i, code in enumerate(c.states):
        if code == FINAL:
            seen += 1
            if seen == n:
                return i
    raise IndexError(n)


@dataclass
class Payload:
    contests: dict[str, PayloadContest]
    results: list[dict[str, object]]
    totals: list[dict[str, object]]
    summaries: dict[str, ContestSummary]
    audit_intact: bool


def reject_constant(c: str) -> Any:
    """``NaN`` and ``Infinity`` are not JSON numbers a count may be."""
    raise ValueError(c)


def jsonl_objects(lines: Iterable[str], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSON-lines text, with their line numbers (blank lines skipped); a line
    too long, not JSON or not an object is refused."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > 1 << 20:
            raise BundleError("DATA_LINE_TOO_LONG", "data", file=name, line=n)
        try:
            obj = json.loads(line, parse_constant=reject_constant)
        except (ValueError, RecursionError):
            raise BundleError("DATA_LINE_NOT_JSON", "data", file=name, line=n) from None
        if not isinstance(obj, dict):
            raise BundleError("DATA_LINE_NOT_OBJECT", "data", file=name, line=n)
        yield n, obj


def _bad(name: str, n: int, refusal: str, /, **params: Param) -> BundleError:
    return BundleError(refusal, "data", file=name, line=n, **params)


def is_count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_VALUE


def parse_payload(manifest: Manifest, read_json: ReadJson, read_jsonl: ReadJsonl) -> Payload:
    """Check a bundle's data against itself and the manifest, and recompute the recap.
    ``read_json(path, name)`` and ``read_jsonl(path, name)`` read a member (``path`` relative
    to the bundle; ``name`` as shown in a refusal)."""
    raw = read_json("data/contests.json", "data/contests.json")
    if not isinstance(raw, list) or not raw:
        raise BundleError("DATA_CONTESTS_SHAPE", "data")
    contests: dict[str, PayloadContest] = {}
    for c in raw:
        if (
            not isinstance(c, dict)
            or not isinstance(c.get("id"), str)
            or not CONTEST.fullmatch(c["id"])
            or not isinstance(c.get("fields"), list)
            or not all(isinstance(f, str) and FIELD.fullmatch(f) for f in c["fields"])
            or len(set(c["fields"])) != len(c["fields"])
            or not c["fields"]
        ):
            raise BundleError("DATA_CONTESTS_SHAPE", "data")
        name = c.get("name") if isinstance(c.get("name"), str) else c["id"]
        contests[c["id"]] = PayloadContest(c["id"], str(name)[:200], tuple(c["fields"]))
    if set(contests) != set(manifest.summary):
        raise BundleError("DATA_CONTESTS_NOT_SUMMARY", "data")
    kab: Region | None = None
    kecs: list[Region] = []
    desas: list[Region] = []
    levels = {"kabupaten": Level.KABUPATEN, "kecamatan": Level.KECAMATAN, "desa": Level.DESA}
    for n, r in read_jsonl("data/regions.jsonl", "data/regions.jsonl"):
        code, level, name = r.get("code"), r.get("level"), r.get("name")
        if (
            not isinstance(code, str)
            or not isinstance(name, str)
            or level not in (*levels, "provinsi")
        ):
            raise _bad("data/regions.jsonl", n, "DATA_REGION_SHAPE")
        if level == "provinsi":
            continue
        lv = levels[level]
        if not is_code(code, lv) or not code.startswith(manifest.kabupaten):
            raise _bad(
                "data/regions.jsonl",
                n,
                "DATA_REGION_OUTSIDE",
                code=repr(code),
                level=level,
                kabupaten=manifest.kabupaten,
            )
        region = Region(code, name[:200], lv)
        if lv == Level.KABUPATEN:
            if kab is not None:
                raise _bad("data/regions.jsonl", n, "DATA_SECOND_KABUPATEN")
            kab = region
        else:
            (kecs if lv == Level.KECAMATAN else desas).append(region)
    if kab is None or kab.code != manifest.kabupaten:
        raise BundleError("DATA_NO_KABUPATEN", "data", kabupaten=manifest.kabupaten)
    name = "data/results.jsonl"
    dpt: dict[str, int] = {}
    lines: list[tuple[PayloadContest, str, int, int, str, int]] = []
    for n, r in read_jsonl("data/results.jsonl", name):
        tps, cid, state, values = r.get("tps"), r.get("contest"), r.get("state"), r.get("values")
        if type(tps) is not str or not is_code(tps, Level.TPS):
            raise _bad(name, n, "DATA_NO_TPS_ID")
        if not tps.startswith(manifest.kabupaten):
            raise _bad(name, n, "DATA_TPS_OUTSIDE", tps=tps, kabupaten=manifest.kabupaten)
        contest = contests.get(cid) if type(cid) is str else None
        if contest is None:
            raise _bad(name, n, "DATA_UNKNOWN_CONTEST", contest=repr(cid))
        code = STATE_CODE.get(state) if type(state) is str else None
        if code is None:
            raise _bad(name, n, "DATA_UNKNOWN_STATE", state=repr(state))
        dl, dp = r.get("dpt_l"), r.get("dpt_p")
        if not is_count(dl) or not is_count(dp):
            raise _bad(name, n, "DATA_DPT_NOT_COUNT")
        assert isinstance(dl, int) and isinstance(dp, int)
        if dpt.setdefault(tps, dl + dp) != dl + dp:
            raise _bad(name, n, "DATA_TWO_DPT", tps=tps)
        if tps in contest.seen:
            raise _bad(name, n, "DATA_TPS_TWICE", tps=tps, contest=contest.id)
        contest.seen.add(tps)
        findings = r.get("findings", [])
        if type(findings) is not list:
            raise _bad(name, n, "DATA_FINDINGS_NOT_LIST")
        row = -1
        if code == FINAL:
            if type(values) is not dict:
                raise _bad(name, n, "DATA_FINAL_NO_VALUES", tps=tps)
            try:
                vector = [values[f] for f in contest.fields]
            except KeyError:
                raise _bad(name, n, "DATA_FINAL_MISSING_FIELD", tps=tps) from None
            # type(), not isinstance(): a bool or a float is not a count
            if len(values) != len(contest.fields) or not all(type(v) is int for v in vector):
                raise _bad(name, n, "DATA_FINAL_EXTRA_FIELD", tps=tps)
            row = len(contest.rows)
            contest.rows.append(vector)
        elif values is not None:
            raise _bad(name, n, "DATA_NOT_FINAL_VALUES", tps=tps)
        contest.ids.append(tps)
        contest.states.append(code)
        lines.append(
            (contest, tps, code, row, canonical_json(findings) if findings else "[]", dl + dp)
        )
    try:
        tree = RegionTree.build(kab, kecs, desas, dpt.items())
    except ValueError as e:
        raise BundleError("DATA_REGIONS_RESULTS_MISFIT", "data", detail=str(e)) from None
    totals: list[dict[str, object]] = []
    summaries: dict[str, ContestSummary] = {}
    vectors: dict[str, npt.NDArray[np.int32]] = {}
    for c in contests.values():
        k_ = len(c.fields)
        final = np.array(c.rows, dtype=np.int64).reshape(len(c.rows), k_)
        bad = np.flatnonzero(((final < 0) | (final > MAX_VALUE)).any(axis=1))
        if bad.size:
            tps = c.ids[nth_final(c, int(bad[0]))]
            raise BundleError("DATA_VALUE_RANGE", "data", file=name, tps=tps)
        where = np.array([tree.tps_index[t] for t in c.ids], dtype=np.intp)
        states = np.full(tree.n_tps, EMPTY, dtype=np.int8)
        states[where] = np.array(c.states, dtype=np.int8)
        matrix = np.zeros((tree.n_tps, k_), dtype=np.int64)
        matrix[where[np.array(c.states) == FINAL]] = final
        recap = aggregate_arrays(tree, c.id, c.fields, matrix, states)
        vectors[c.id] = final.astype("<i4")
        got = ContestSummary(recap.tps_total, recap.tps_final, recap.fingerprint)
        if got != manifest.summary[c.id]:
            raise BundleError(
                "DATA_RECAP_NOT_SUMMARY",
                "data",
                contest=c.id,
                final=got.tps_final,
                total=got.tps_total,
                fingerprint=got.fingerprint[:16],
            )
        recap_file = manifest.file(f"data/recap-{c.id}.json")
        if recap_file is not None:
            doc = read_json(f"data/recap-{c.id}.json", recap_file.path)
            if not isinstance(doc, dict) or doc.get("fingerprint") != recap.fingerprint:
                raise BundleError("DATA_RECAP_FILE_MISMATCH", "data", file=recap_file.path)
            # Every level's rows too, not only the fingerprint: a screen or a person reads those
            # rows, and a re-signed bundle could alter them while keeping the fingerprint.
            recap_levels = doc.get("levels")
            if not isinstance(recap_levels, dict) or not recap_levels:
                raise BundleError("DATA_RECAP_NO_LEVELS", "data", file=recap_file.path)
            for level_name, level_doc in recap_levels.items():
                try:
                    expected = recap.table(Level(level_name)).rows_json()
                except ValueError:
                    raise BundleError(
                        "DATA_RECAP_UNKNOWN_LEVEL",
                        "data",
                        file=recap_file.path,
                        level=repr(level_name),
                    ) from None
                if not isinstance(level_doc, dict) or level_doc.get("rows") != expected:
                    raise BundleError(
                        "DATA_RECAP_ROWS_MISMATCH", "data", file=recap_file.path, level=level_name
                    )
        summaries[c.id] = got
        for lv in (Level.KABUPATEN, Level.KECAMATAN):
            for row_json in recap.table(lv).rows_json():
                totals.append(
                    {
                        "contest_id": c.id,
                        "level": lv.value,
                        "code": row_json["code"],
                        "name": row_json["name"],
                        "tps_total": row_json["tps_total"],
                        "tps_final": row_json["tps_final"],
                        "values_json": canonical_json(row_json["values"]),
                    }
                )
    results = [
        {
            "tps_id": tps,
            "contest_id": c.id,
            "state": STATES[code],
            "final_vector": vectors[c.id][row].tobytes() if row >= 0 else None,
            "findings_json": findings_text,
            "dpt": dpt_,
        }
        for c, tps, code, row, findings_text, dpt_ in lines
    ]
    return Payload(contests, results, totals, summaries, False)
