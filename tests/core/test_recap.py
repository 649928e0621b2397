"""Aggregation of final records (core.recap): table-driven sums, the exact fingerprint bytes, bad
input refused, and hypothesis properties (groups sum to the total at every level, record order
does not matter, no records gives zeros everywhere, the fingerprint moves iff a counted value
does)."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamarhitung.core.model import Level, Region
from kamarhitung.core.recap import (
    RECAP_LEVELS,
    STATES,
    RecordInput,
    RegionTree,
    aggregate,
    decode_vectors,
    encode_vector,
    level_of_name,
)

FIELDS = ("IV.1", "IV.2", "V.A")
KAB = Region("3578", "KOTA SURABAYA", Level.KABUPATEN)
NOT_FINAL = tuple(s for s in STATES if s != "final")


def small_tree() -> RegionTree:
    """Two desa with TPS in kecamatan 01, one in 02, and kecamatan 03 whose desa has no TPS."""
    kecs = [
        Region("357801", "GENTENG", Level.KECAMATAN),
        Region("357802", "BUBUTAN", Level.KECAMATAN),
        Region("357803", "TEGALSARI", Level.KECAMATAN),
    ]
    desa = [
        Region("3578011001", "EMBONG KALIASIN", Level.DESA),
        Region("3578011002", "KETABANG", Level.DESA),
        Region("3578021001", "ALON-ALON CONTONG", Level.DESA),
        Region("3578031001", "DR. SOETOMO", Level.DESA),
    ]
    tps = [
        ("3578011001002", 300),
        ("3578011001001", 250),
        ("3578011002001", 200),
        ("3578021001001", 400),
    ]
    return RegionTree.build(KAB, reversed(kecs), reversed(desa), tps)


def v(a: int, b: int) -> dict[str, int]:
    return {"IV.1": a, "IV.2": b, "V.A": a + b}


T1, T2, T3, T4 = "3578011001001", "3578011001002", "3578011002001", "3578021001001"

CASES: list[tuple[str, list[RecordInput], dict[str, list[list[int]]], dict[str, list[int]]]] = [
    (
        "no records: zeros for every region",
        [],
        {
            "tps": [[0, 0, 0]] * 4,
            "desa": [[0, 0, 0]] * 4,
            "kecamatan": [[0, 0, 0]] * 3,
            "kabupaten": [[0, 0, 0]],
        },
        {"desa": [0, 0, 0, 0], "kecamatan": [0, 0, 0], "kabupaten": [0]},
    ),
    (
        "one final TPS",
        [RecordInput(T2, "final", v(10, 5))],
        {
            "tps": [[0, 0, 0], [10, 5, 15], [0, 0, 0], [0, 0, 0]],
            "desa": [[10, 5, 15], [0, 0, 0], [0, 0, 0], [0, 0, 0]],
            "kecamatan": [[10, 5, 15], [0, 0, 0], [0, 0, 0]],
            "kabupaten": [[10, 5, 15]],
        },
        {"desa": [1, 0, 0, 0], "kecamatan": [1, 0, 0], "kabupaten": [1]},
    ),
    (
        "values of records that are not final do not count",
        [
            RecordInput(T1, "final", v(1, 2)),
            RecordInput(T3, "janggal", v(100, 100)),
            RecordInput(T4, "different", v(7, 7)),
            RecordInput(T2, "first_done"),
        ],
        {
            "tps": [[1, 2, 3], [0, 0, 0], [0, 0, 0], [0, 0, 0]],
            "desa": [[1, 2, 3], [0, 0, 0], [0, 0, 0], [0, 0, 0]],
            "kecamatan": [[1, 2, 3], [0, 0, 0], [0, 0, 0]],
            "kabupaten": [[1, 2, 3]],
        },
        {"desa": [1, 0, 0, 0], "kecamatan": [1, 0, 0], "kabupaten": [1]},
    ),
    (
        "every TPS final",
        [
            RecordInput(T4, "final", v(40, 1)),
            RecordInput(T3, "final", v(30, 2)),
            RecordInput(T2, "final", v(20, 3)),
            RecordInput(T1, "final", v(10, 4)),
        ],
        {
            "tps": [[10, 4, 14], [20, 3, 23], [30, 2, 32], [40, 1, 41]],
            "desa": [[30, 7, 37], [30, 2, 32], [40, 1, 41], [0, 0, 0]],
            "kecamatan": [[60, 9, 69], [40, 1, 41], [0, 0, 0]],
            "kabupaten": [[100, 10, 110]],
        },
        {"desa": [2, 1, 1, 0], "kecamatan": [3, 1, 0], "kabupaten": [4]},
    ),
]


@pytest.mark.parametrize(
    ("records", "values", "finals"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_aggregation_table(
    records: list[RecordInput],
    values: dict[str, list[list[int]]],
    finals: dict[str, list[int]],
) -> None:
    r = aggregate(small_tree(), "bupati", FIELDS, records)
    for level, expected in values.items():
        t = r.table(level)
        assert t.values.tolist() == expected, level
        if level in finals:
            assert t.tps_final.tolist() == finals[level], level
    assert r.table("desa").tps_total.tolist() == [2, 1, 1, 0]
    assert r.table("kecamatan").tps_total.tolist() == [3, 1, 0]
    assert r.table("kabupaten").codes == ("3578",)
    assert r.table("kecamatan").codes == ("357801", "357802", "357803")
    assert r.table("tps").codes == (T1, T2, T3, T4)
    assert r.table("tps").names[0] == "TPS 001"


def test_states_are_counted_per_region() -> None:
    r = aggregate(
        small_tree(),
        "bupati",
        FIELDS,
        [RecordInput(T1, "final", v(1, 1)), RecordInput(T2, "different")],
    )
    row = r.table("kecamatan").row(0)
    assert row.states == {**dict.fromkeys(STATES, 0), "final": 1, "different": 1, "empty": 1}
    assert r.total().states["empty"] == 2
    assert row.to_json() == {
        "code": "357801",
        "name": "GENTENG",
        "tps_total": 3,
        "tps_final": 1,
        "values": {"IV.1": 1, "IV.2": 1, "V.A": 2},
    }


def test_recap_json_shape() -> None:
    r = aggregate(small_tree(), "bupati", FIELDS, [RecordInput(T3, "final", v(3, 4))])
    doc = r.to_json("desa", "2026-12-09T21:00:00+08:00")
    assert list(doc) == ["contest", "level", "generated_at", "fingerprint", "rows"]
    assert doc["level"] == "desa"
    rows = doc["rows"]
    assert isinstance(rows, list) and len(rows) == 4
    assert rows[1] == {
        "code": "3578011002",
        "name": "KETABANG",
        "tps_total": 1,
        "tps_final": 1,
        "values": {"IV.1": 3, "IV.2": 4, "V.A": 7},
    }
    assert r.to_json("desa", "2030-01-01T00:00:00+07:00")["fingerprint"] == doc["fingerprint"]


def test_fingerprint_is_the_documented_bytes() -> None:
    r = aggregate(
        small_tree(),
        "bupati",
        FIELDS,
        [RecordInput(T3, "final", v(3, 4)), RecordInput(T1, "final", v(1, 2))],
    )
    header = json.dumps(
        {"contest": "bupati", "fields": list(FIELDS), "format": "kamarhitung-recap/1"},
        sort_keys=True,
        separators=(",", ":"),
    )
    body = (T1 + T3).encode("ascii")
    nums = b"".join(x.to_bytes(4, "little", signed=True) for x in (1, 2, 3, 3, 4, 7))
    assert r.fingerprint == hashlib.sha256(header.encode() + b"\n" + body + nums).hexdigest()


BAD: list[tuple[str, list[RecordInput], str]] = [
    ("unknown TPS", [RecordInput("3578099999001", "final", v(1, 1))], "not in the kabupaten"),
    ("twice", [RecordInput(T1, "empty"), RecordInput(T1, "final", v(1, 1))], "two records"),
    ("unknown state", [RecordInput(T1, "counted")], "unknown state"),
    ("final without values", [RecordInput(T1, "final")], "without values"),
    ("field not on the form", [RecordInput(T1, "final", {**v(1, 1), "IV.9": 1})], "IV.9"),
    ("field missing", [RecordInput(T1, "final", {"IV.1": 1, "IV.2": 1})], "V.A"),
]


@pytest.mark.parametrize(("records", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_records_are_refused(records: list[RecordInput], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        aggregate(small_tree(), "bupati", FIELDS, records)


def test_bad_trees_are_refused() -> None:
    kec = Region("357801", "GENTENG", Level.KECAMATAN)
    desa = Region("3578011001", "X", Level.DESA)
    with pytest.raises(ValueError, match="no parent"):
        RegionTree.build(KAB, [kec], [desa], [("3578021001001", 1)])
    with pytest.raises(ValueError, match="twice"):
        RegionTree.build(KAB, [kec], [desa], [("3578011001001", 1), ("3578011001001", 2)])
    with pytest.raises(ValueError, match="not a kecamatan code"):
        RegionTree.build(KAB, [Region("35780", "X", Level.KECAMATAN)], [], [])


def test_vectors_round_trip_and_levels_by_name() -> None:
    blob = encode_vector(FIELDS, {"V.A": 99_999, "IV.1": 0, "IV.2": 7})
    assert blob == bytes.fromhex("00000000070000009f860100")
    assert decode_vectors([blob, blob], 3).tolist() == [[0, 7, 99_999]] * 2
    with pytest.raises(ValueError, match="3 values"):
        decode_vectors([blob[:-1]], 3)
    with pytest.raises(ValueError, match=r"lacks field IV\.2"):
        encode_vector(FIELDS, {"IV.1": 1, "V.A": 1})
    assert [level_of_name(x.value) for x in RECAP_LEVELS] == list(RECAP_LEVELS)
    with pytest.raises(ValueError, match="provinsi"):
        level_of_name("provinsi")


# --- properties ------------------------------------------------------------------------------


@st.composite
def trees(draw: st.DrawFn) -> RegionTree:
    kecs, desas, tps = [], [], []
    for c in range(1, draw(st.integers(1, 3)) + 1):
        kc = f"3578{c:02d}"
        kecs.append(Region(kc, f"KEC {c}", Level.KECAMATAN))
        for d in range(1, draw(st.integers(0, 3)) + 1):
            dc = f"{kc}{1000 + d}"
            desas.append(Region(dc, f"DESA {c}.{d}", Level.DESA))
            for t in range(1, draw(st.integers(0, 3)) + 1):
                tps.append((f"{dc}{t:03d}", draw(st.integers(0, 600))))
    return RegionTree.build(KAB, kecs, desas, tps)


VALUES = st.fixed_dictionaries({f: st.integers(0, 99_999) for f in FIELDS})


@st.composite
def datasets(draw: st.DrawFn) -> tuple[RegionTree, list[RecordInput]]:
    tree = draw(trees())
    records = []
    for t in tree.tps_ids:
        if draw(st.integers(0, 4)) == 0:
            continue  # no record: counts as empty
        state = draw(st.sampled_from(STATES))
        values = draw(VALUES) if state == "final" or draw(st.booleans()) else None
        records.append(RecordInput(t, state, values))
    return tree, records


def direct_total(records: list[RecordInput]) -> list[int]:
    """The kabupaten total computed the plain way: every field summed over final records."""
    return [sum(r.values[f] for r in records if r.state == "final" and r.values) for f in FIELDS]


@settings(max_examples=150, deadline=None)
@given(datasets())
def test_groups_sum_to_the_total_at_every_level(
    data: tuple[RegionTree, list[RecordInput]],
) -> None:
    tree, records = data
    r = aggregate(tree, "bupati", FIELDS, records)
    total = r.table(Level.KABUPATEN)
    assert total.values[0].tolist() == direct_total(records)
    assert int(total.tps_final[0]) == sum(1 for x in records if x.state == "final")
    assert int(total.tps_total[0]) == tree.n_tps
    for level in (Level.TPS, Level.DESA, Level.KECAMATAN):
        t = r.table(level)
        assert t.values.sum(axis=0).tolist() == total.values[0].tolist()
        assert int(t.tps_total.sum()) == tree.n_tps
        assert int(t.tps_final.sum()) == int(total.tps_final[0])
        assert t.states.sum(axis=0).tolist() == total.states[0].tolist()
    # Each region is the sum of its children, by code prefix.
    for child, parent, n in ((Level.TPS, Level.DESA, 10), (Level.DESA, Level.KECAMATAN, 6)):
        c, p = r.table(child), r.table(parent)
        for i, code in enumerate(p.codes):
            rows = [j for j, cc in enumerate(c.codes) if cc[:n] == code]
            assert c.values[rows].sum(axis=0).tolist() == p.values[i].tolist()


@settings(max_examples=100, deadline=None)
@given(datasets(), st.randoms(use_true_random=False))
def test_record_order_does_not_matter(
    data: tuple[RegionTree, list[RecordInput]], rnd: random.Random
) -> None:
    tree, records = data
    shuffled = list(records)
    rnd.shuffle(shuffled)
    a = aggregate(tree, "bupati", FIELDS, records)
    b = aggregate(tree, "bupati", FIELDS, shuffled)
    assert a.fingerprint == b.fingerprint
    for level in RECAP_LEVELS:
        assert a.to_json(level, "t") == b.to_json(level, "t")


@settings(max_examples=60, deadline=None)
@given(trees())
def test_no_records_gives_zeros_with_every_region_and_field(tree: RegionTree) -> None:
    r = aggregate(tree, "bupati", FIELDS, [])
    assert len(r.table("desa")) == len(tree.desa)
    assert len(r.table("kecamatan")) == len(tree.kecamatan)
    assert len(r.table("tps")) == tree.n_tps
    for level in RECAP_LEVELS:
        doc = r.to_json(level, "t")
        rows = doc["rows"]
        assert isinstance(rows, list)
        for row in rows:
            assert row["values"] == dict.fromkeys(FIELDS, 0)
            assert row["tps_final"] == 0


@settings(max_examples=150, deadline=None)
@given(datasets(), st.data())
def test_fingerprint_moves_iff_a_counted_value_moves(
    data: tuple[RegionTree, list[RecordInput]], draw: st.DataObject
) -> None:
    tree, records = data
    base = aggregate(tree, "bupati", FIELDS, records).fingerprint
    finals = [i for i, r in enumerate(records) if r.state == "final"]
    others = [i for i, r in enumerate(records) if r.state != "final"]
    if finals:
        i = draw.draw(st.sampled_from(finals))
        f = draw.draw(st.sampled_from(FIELDS))
        delta = draw.draw(st.integers(1, 50))
        old = records[i].values
        assert old is not None
        changed = list(records)
        changed[i] = replace(records[i], values={**old, f: old[f] + delta})
        assert aggregate(tree, "bupati", FIELDS, changed).fingerprint != base
        unfinal = list(records)
        unfinal[i] = replace(records[i], state="different")
        assert aggregate(tree, "bupati", FIELDS, unfinal).fingerprint != base
    if others:
        i = draw.draw(st.sampled_from(others))
        moved = list(records)
        moved[i] = RecordInput(
            records[i].tps_id, draw.draw(st.sampled_from(NOT_FINAL)), draw.draw(VALUES)
        )
        assert aggregate(tree, "bupati", FIELDS, moved).fingerprint == base
    # Another contest or another form is other data.
    assert aggregate(tree, "gubernur", FIELDS, records).fingerprint != base


def test_arrays_are_read_only() -> None:
    r = aggregate(small_tree(), "bupati", FIELDS, [RecordInput(T1, "final", v(1, 1))])
    with pytest.raises(ValueError, match="read-only"):
        r.values[0, 0] = 5
    with pytest.raises(ValueError, match="read-only"):
        r.table("desa").values[0, 0] = 5
    assert isinstance(r.values, np.ndarray)
