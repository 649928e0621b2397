"""Aggregation of final records, TPS → desa → kecamatan → kabupaten, as a pure function.

After VotingWorks' tabulation: the result starts from zero for every region and every field (so a
region without a final TPS appears, with zeros), and records are placed under a canonical key (the
TPS id) whatever order they come in. Nothing counts until it is final: the values of a record in
any other state are ignored. Every field of the form is summed, totals included, because the recap
(D.HASIL) prints each row of the form summed.

The data is columnar (numpy): one ``int64`` matrix of TPS × fields in ascending TPS order, in which
the TPS of a desa, and the desa of a kecamatan, are contiguous; a level is the previous one summed
over contiguous groups (prefix sums), so a 25,000-TPS recap costs milliseconds.

Fingerprint (``kamarhitung-recap/1``), recomputable from the final records alone: SHA-256 over
  1. the canonical JSON ``{"contest": …, "fields": […], "format": "kamarhitung-recap/1"}`` (keys
     sorted, no spaces, UTF-8) and a line feed,
  2. the ids of the final TPS in ascending order, 13 ASCII digits each, without separators,
  3. their values as little-endian int32 (a TPS field holds at most 99,999), TPS by TPS, each
     in the order of ``fields``.
It changes when the set of counted TPS or any counted value changes, and only then: not with the
time, the level shown, the region names, or the states of records that are not final.

``final_vector`` storage: :func:`encode_vector` is the byte form a store keeps beside each final
record (little-endian int32 in field order) so that loading needs no JSON parsing.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from kamarhitung.core.entry import State
from kamarhitung.core.model import (
    DESA_LEN,
    KABUPATEN_LEN,
    KECAMATAN_LEN,
    TPS_LEN,
    Level,
    Region,
    is_code,
)

if TYPE_CHECKING:
    from kamarhitung.core.master import MasterData

IntArray = npt.NDArray[np.int64]
StateArray = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]

STATES: tuple[str, ...] = tuple(s.value for s in State)
"""Entry states in a fixed order: a state's index is its code in state arrays."""
STATE_CODE: dict[str, int] = {s: i for i, s in enumerate(STATES)}
FINAL: int = STATE_CODE[State.FINAL.value]
EMPTY: int = STATE_CODE[State.EMPTY.value]

RECAP_LEVELS: tuple[Level, ...] = (Level.TPS, Level.DESA, Level.KECAMATAN, Level.KABUPATEN)
"""The levels a recap shows, bottom up."""

FINGERPRINT_FORMAT = "kamarhitung-recap/1"
VECTOR_DTYPE = np.dtype("<i4")
"""Byte form of a stored final vector: little-endian int32 in the form's field order."""


def encode_vector(fields: Sequence[str], values: Mapping[str, int]) -> bytes:
    """A final record's values as stored beside it: int32 little-endian, in ``fields`` order.

    Every field must be present (a final form has every field keyed)."""
    try:
        return np.array([values[f] for f in fields], dtype=VECTOR_DTYPE).tobytes()
    except KeyError as e:
        raise ValueError(f"a final record lacks field {e.args[0]}") from None


def decode_vectors(blobs: Sequence[bytes], n_fields: int) -> IntArray:
    """Stored vectors (all of ``n_fields`` values) as an int64 matrix, one row per blob."""
    data = b"".join(blobs)
    if len(data) != 4 * n_fields * len(blobs):
        raise ValueError(f"stored vectors do not all hold {n_fields} values")
    return np.frombuffer(data, dtype=VECTOR_DTYPE).reshape(len(blobs), n_fields).astype(np.int64)


def level_of_name(name: str) -> Level:
    """A recap level from its name (``tps``, ``desa``, ``kecamatan``, ``kabupaten``)."""
    try:
        level = Level(name)
    except ValueError:
        level = Level.PROVINSI
    if level not in RECAP_LEVELS:
        allowed = ", ".join(x.value for x in RECAP_LEVELS)
        raise ValueError(f"level {name!r} is not one of: {allowed}")
    return level


def group_sums(matrix: IntArray, bounds: npt.NDArray[np.intp]) -> IntArray:
    """Row sums of ``matrix`` over the contiguous groups ``bounds[g]:bounds[g + 1]``; an empty
    group sums to zero (which ``np.add.reduceat`` alone would not give)."""
    n, k = matrix.shape
    if len(bounds) < 2:
        return np.zeros((0, k), dtype=np.int64)
    starts = bounds[:-1]
    if n and bool((np.diff(bounds) > 0).all()):
        result: IntArray = np.add.reduceat(matrix, starts, axis=0, dtype=np.int64)
        return result
    prefix = np.zeros((n + 1, k), dtype=np.int64)
    np.cumsum(matrix, axis=0, out=prefix[1:])
    result = prefix[bounds[1:]] - prefix[starts]
    return result


def _frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False)
class RegionTree:
    """A kabupaten's regions and TPS in canonical (ascending code) order, with group bounds.

    The TPS of desa ``d`` are ``tps_ids[desa_bounds[d]:desa_bounds[d + 1]]``; the desa of
    kecamatan ``c`` are ``desa[kec_bounds[c]:kec_bounds[c + 1]]``. Build with :meth:`build`.
    """

    kabupaten: Region
    kecamatan: tuple[Region, ...]
    desa: tuple[Region, ...]
    tps_ids: tuple[str, ...]
    dpt: IntArray
    desa_bounds: npt.NDArray[np.intp]
    kec_bounds: npt.NDArray[np.intp]
    tps_index: Mapping[str, int]
    tps_bytes: npt.NDArray[np.bytes_]

    @property
    def n_tps(self) -> int:
        return len(self.tps_ids)

    @cached_property
    def tps_desa(self) -> npt.NDArray[np.intp]:
        """Per TPS, the index of its desa."""
        return _frozen(
            np.repeat(np.arange(len(self.desa), dtype=np.intp), np.diff(self.desa_bounds))
        )

    @cached_property
    def tps_names(self) -> tuple[str, ...]:
        """``TPS 001``... the names a TPS-level recap shows."""
        return tuple(f"TPS {t[DESA_LEN:]}" for t in self.tps_ids)

    def kecamatan_tps_bounds(self) -> npt.NDArray[np.intp]:
        """TPS bounds of each kecamatan (its TPS are contiguous too)."""
        out: npt.NDArray[np.intp] = self.desa_bounds[self.kec_bounds]
        return out

    def tps_bounds(self, level: Level) -> npt.NDArray[np.intp]:
        """TPS bounds of each region of a level: region g holds TPS ``b[g]:b[g + 1]``."""
        if level == Level.TPS:
            return np.arange(self.n_tps + 1, dtype=np.intp)
        if level == Level.DESA:
            return self.desa_bounds
        if level == Level.KECAMATAN:
            return self.kecamatan_tps_bounds()
        if level == Level.KABUPATEN:
            return np.array([0, self.n_tps], dtype=np.intp)
        raise ValueError(f"a recap has no level {level.value}")

    def regions(self, level: Level) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The codes and names of a level's regions, in order."""
        if level == Level.TPS:
            return self.tps_ids, self.tps_names
        regions = {
            Level.DESA: self.desa,
            Level.KECAMATAN: self.kecamatan,
            Level.KABUPATEN: (self.kabupaten,),
        }.get(level)
        if regions is None:
            raise ValueError(f"a recap has no level {level.value}")
        return tuple(r.code for r in regions), tuple(r.name for r in regions)

    @classmethod
    def build(
        cls,
        kabupaten: Region,
        kecamatan: Iterable[Region],
        desa: Iterable[Region],
        tps: Iterable[tuple[str, int]],
    ) -> RegionTree:
        """Check and order a kabupaten's regions; ``tps`` gives (TPS id, DPT) pairs."""
        if not is_code(kabupaten.code, Level.KABUPATEN):
            raise ValueError(f"not a kabupaten code: {kabupaten.code!r}")
        kecs = tuple(sorted(kecamatan, key=lambda r: r.code))
        desas = tuple(sorted(desa, key=lambda r: r.code))
        pairs = sorted(tps)
        kec_codes = [r.code for r in kecs]
        desa_codes = [r.code for r in desas]
        ids = [t for t, _ in pairs]
        _check_children(kec_codes, [kabupaten.code], Level.KECAMATAN, KABUPATEN_LEN)
        _check_children(desa_codes, kec_codes, Level.DESA, KECAMATAN_LEN)
        _check_children(ids, desa_codes, Level.TPS, DESA_LEN)
        desa_bounds = np.array([*(bisect_left(ids, d) for d in desa_codes), len(ids)], np.intp)
        kec_bounds = np.array(
            [*(bisect_left(desa_codes, c) for c in kec_codes), len(desa_codes)], np.intp
        )
        dpt = np.array([d for _, d in pairs], dtype=np.int64)
        return cls(
            kabupaten,
            kecs,
            desas,
            tuple(ids),
            _frozen(dpt),
            _frozen(desa_bounds),
            _frozen(kec_bounds),
            {t: i for i, t in enumerate(ids)},
            _frozen(np.array(ids, dtype=f"S{TPS_LEN}")),
        )

    @classmethod
    def from_master(cls, master: MasterData) -> RegionTree:
        """The tree of a :class:`kamarhitung.core.master.MasterData` (DPT = dpt_l + dpt_p)."""
        return cls.build(
            master.kabupaten,
            master.kecamatan,
            master.desa,
            ((t.id, t.dpt) for t in master.tps),
        )


def _check_children(
    codes: Sequence[str], parents: Sequence[str], level: Level, parent_len: int
) -> None:
    """Every code well formed, once, under a known parent (in bulk: 25,000 TPS in ~5 ms)."""
    size = level.code_length
    if codes and (any(len(c) != size for c in codes) or not "".join(codes).isdigit()):
        bad = next(c for c in codes if not is_code(c, level))
        raise ValueError(f"not a {level.value} code: {bad!r}")
    if len(set(codes)) != len(codes):
        seen: set[str] = set()
        for c in codes:
            if c in seen:
                raise ValueError(f"{level.value} {c} appears twice")
            seen.add(c)
    parent_set = set(parents)
    orphans = {c[:parent_len] for c in codes} - parent_set
    if orphans:
        c = next(c for c in codes if c[:parent_len] in orphans)
        raise ValueError(f"{level.value} {c} has no parent region {c[:parent_len]}")


@dataclass(frozen=True, slots=True)
class RecapRow:
    """One region of a level: coverage and every field summed over its final TPS."""

    code: str
    name: str
    tps_total: int
    tps_final: int
    states: dict[str, int]
    values: dict[str, int]

    def to_json(self) -> dict[str, object]:
        """The row as in INTERFACES.md "Recap JSON"."""
        return {
            "code": self.code,
            "name": self.name,
            "tps_total": self.tps_total,
            "tps_final": self.tps_final,
            "values": self.values,
        }


@dataclass(frozen=True, eq=False)
class LevelTable:
    """A level of a recap, columnar: one entry per region in code order."""

    level: Level
    fields: tuple[str, ...]
    codes: tuple[str, ...]
    names: tuple[str, ...]
    tps_total: IntArray
    tps_final: IntArray
    states: IntArray
    """(regions × len(STATES)): how many forms of the region are in each state."""
    values: IntArray
    """(regions × fields): every field summed over the region's final TPS."""

    def __len__(self) -> int:
        return len(self.codes)

    def row(self, i: int) -> RecapRow:
        return RecapRow(
            self.codes[i],
            self.names[i],
            int(self.tps_total[i]),
            int(self.tps_final[i]),
            dict(zip(STATES, self.states[i].tolist(), strict=True)),
            dict(zip(self.fields, self.values[i].tolist(), strict=True)),
        )

    def rows(self) -> list[RecapRow]:
        return [self.row(i) for i in range(len(self.codes))]

    def rows_json(self) -> list[dict[str, object]]:
        """The rows as in INTERFACES.md, built in bulk (no per-row numpy access)."""
        values = self.values.tolist()
        totals = self.tps_total.tolist()
        finals = self.tps_final.tolist()
        f = self.fields
        return [
            {
                "code": code,
                "name": name,
                "tps_total": totals[i],
                "tps_final": finals[i],
                "values": dict(zip(f, values[i], strict=True)),
            }
            for i, (code, name) in enumerate(zip(self.codes, self.names, strict=True))
        ]


@dataclass(frozen=True, eq=False)
class Recap:
    """The recap of one contest: the TPS matrix of final values, states, and the fingerprint.

    Levels are computed on demand (:meth:`table`) and kept. Arrays are read-only.
    """

    contest: str
    fields: tuple[str, ...]
    tree: RegionTree
    values: IntArray
    """(TPS × fields) final values; zero rows for TPS not final."""
    states: StateArray
    """(TPS,) state codes (index into :data:`STATES`)."""
    fingerprint: str
    _tables: dict[Level, LevelTable] = field(default_factory=dict, repr=False)

    @property
    def final_mask(self) -> BoolArray:
        mask: BoolArray = self.states == FINAL
        return mask

    @property
    def tps_final(self) -> int:
        return int(np.count_nonzero(self.states == FINAL))

    @property
    def tps_total(self) -> int:
        return self.tree.n_tps

    def field_index(self, field_id: str) -> int:
        return self.fields.index(field_id)

    def table(self, level: Level | str) -> LevelTable:
        """The recap at a level (tps, desa, kecamatan or kabupaten)."""
        lv = level_of_name(level) if isinstance(level, str) else level
        if lv not in RECAP_LEVELS:
            raise ValueError(f"a recap has no level {lv.value}")
        t = self._tables.get(lv)
        if t is None:
            t = self._compute(lv)
            self._tables[lv] = t
        return t

    def total(self) -> RecapRow:
        """The kabupaten row."""
        return self.table(Level.KABUPATEN).row(0)

    def to_json(self, level: Level | str, generated_at: str) -> dict[str, object]:
        """INTERFACES.md "Recap JSON" at a level."""
        t = self.table(level)
        return {
            "contest": self.contest,
            "level": t.level.value,
            "generated_at": generated_at,
            "fingerprint": self.fingerprint,
            "rows": t.rows_json(),
        }

    @cached_property
    def _state_counts(self) -> IntArray:
        """(TPS × states) one-hot: summed per region it counts the forms in each state."""
        n = self.tree.n_tps
        onehot = np.zeros((n, len(STATES)), dtype=np.int64)
        onehot[np.arange(n), self.states] = 1
        return _frozen(onehot)

    def _compute(self, level: Level) -> LevelTable:
        tree = self.tree
        if level == Level.TPS:
            onehot = self._state_counts
            return LevelTable(
                level,
                self.fields,
                tree.tps_ids,
                tree.tps_names,
                _frozen(np.ones(tree.n_tps, dtype=np.int64)),
                _frozen(onehot[:, FINAL].copy()),
                onehot,
                self.values,
            )
        if level == Level.DESA:
            n_desa, n_states = len(tree.desa), len(STATES)
            states = np.bincount(
                tree.tps_desa * n_states + self.states, minlength=n_desa * n_states
            ).reshape(n_desa, n_states)
            return LevelTable(
                level,
                self.fields,
                tuple(r.code for r in tree.desa),
                tuple(r.name for r in tree.desa),
                _frozen(np.diff(tree.desa_bounds).astype(np.int64)),
                _frozen(states[:, FINAL].copy()),
                _frozen(states.astype(np.int64, copy=False)),
                _frozen(group_sums(self.values, tree.desa_bounds)),
            )
        below = self.table(Level.DESA)
        if level == Level.KECAMATAN:
            bounds = tree.kec_bounds
            return LevelTable(
                level,
                self.fields,
                tuple(r.code for r in tree.kecamatan),
                tuple(r.name for r in tree.kecamatan),
                _frozen(group_sums(below.tps_total[:, None], bounds)[:, 0]),
                _frozen(group_sums(below.tps_final[:, None], bounds)[:, 0]),
                _frozen(group_sums(below.states, bounds)),
                _frozen(group_sums(below.values, bounds)),
            )
        return LevelTable(
            level,
            self.fields,
            (tree.kabupaten.code,),
            (tree.kabupaten.name,),
            _frozen(np.array([tree.n_tps], dtype=np.int64)),
            _frozen(np.array([int(below.tps_final.sum())], dtype=np.int64)),
            _frozen(below.states.sum(axis=0, keepdims=True)),
            _frozen(self.values.sum(axis=0, keepdims=True, dtype=np.int64)),
        )


@dataclass(frozen=True, slots=True)
class RecordInput:
    """A record as the aggregation takes it: its TPS, its state and, when final, its values."""

    tps_id: str
    state: str
    values: Mapping[str, int] | None = None


def fingerprint(
    contest: str,
    fields: Sequence[str],
    tps_bytes: npt.NDArray[np.bytes_],
    values: IntArray,
    final: BoolArray,
) -> str:
    """The recap fingerprint (see the module docstring for the exact bytes hashed)."""
    header = json.dumps(
        {"contest": contest, "fields": list(fields), "format": FINGERPRINT_FORMAT},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    h = hashlib.sha256(header.encode("utf-8") + b"\n")
    if bool(final.all()):
        ids, counted = tps_bytes, values
    else:
        ids, counted = tps_bytes[final], values[final]
    h.update(np.ascontiguousarray(ids).data)
    h.update(np.ascontiguousarray(counted, dtype=VECTOR_DTYPE).data)
    return h.hexdigest()


def aggregate_arrays(
    tree: RegionTree,
    contest: str,
    fields: Sequence[str],
    values: IntArray,
    states: StateArray,
) -> Recap:
    """The recap from a TPS matrix aligned with ``tree.tps_ids`` (copied; rows of TPS that are
    not final are ignored)."""
    n, k = tree.n_tps, len(fields)
    if values.shape != (n, k) or states.shape != (n,):
        raise ValueError(f"expected {n} TPS × {k} fields, got {values.shape} and {states.shape}")
    if n and (int(states.min()) < 0 or int(states.max()) >= len(STATES)):
        raise ValueError("a state code is out of range")
    final = states == FINAL
    counted = np.where(final[:, None], values, 0).astype(np.int64, copy=False)
    st = np.array(states, dtype=np.int8)
    fields_t = tuple(fields)
    return Recap(
        contest,
        fields_t,
        tree,
        _frozen(counted),
        _frozen(st),
        fingerprint(contest, fields_t, tree.tps_bytes, counted, final),
    )


def aggregate(
    tree: RegionTree,
    contest: str,
    fields: Sequence[str],
    records: Iterable[RecordInput],
) -> Recap:
    """The recap of a contest from its records, in any order.

    A TPS without a record counts as ``empty``; a record for a TPS not in the tree, a TPS given
    twice, an unknown state, a final record without values or with a field not on the form is a
    ``ValueError`` (every TPS of the master list is present at most once)."""
    n, k = tree.n_tps, len(fields)
    index = {f: j for j, f in enumerate(fields)}
    matrix = np.zeros((n, k), dtype=np.int64)
    states = np.full(n, EMPTY, dtype=np.int8)
    seen = np.zeros(n, dtype=bool)
    for r in records:
        i = tree.tps_index.get(r.tps_id)
        if i is None:
            raise ValueError(f"TPS {r.tps_id} is not in the kabupaten's master list")
        if seen[i]:
            raise ValueError(f"TPS {r.tps_id} has two records")
        seen[i] = True
        code = STATE_CODE.get(r.state)
        if code is None:
            raise ValueError(f"TPS {r.tps_id}: unknown state {r.state!r}")
        states[i] = code
        if code != FINAL:
            continue
        if r.values is None:
            raise ValueError(f"TPS {r.tps_id} is final without values")
        for f, v in r.values.items():
            j = index.get(f)
            if j is None:
                raise ValueError(f"TPS {r.tps_id}: field {f} is not on the form")
            matrix[i, j] = int(v)
        if len(r.values) != k:
            missing = next(f for f in fields if f not in r.values)
            raise ValueError(f"TPS {r.tps_id} is final without field {missing}")
    return aggregate_arrays(tree, contest, fields, matrix, states)
