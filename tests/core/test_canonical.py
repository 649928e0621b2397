"""canonical_json defines every hash (audit chain, record hashes, fingerprints, manifests): one
definition (issue 15), and its output pinned byte for byte, as it was when it was defined twice
(core/report.py and services/common.py): a change here breaks every recorded hash."""

from __future__ import annotations

import hashlib

from kamarhitung.core import report
from kamarhitung.core.canonical import canonical_json
from kamarhitung.services import common

SAMPLE: dict[str, object] = {
    "z": [1, 2.5, None, True],
    "a": {"é": "Kabupaten Minahasa — ü", "b": -0.0, "n": 10**20},
    "m": '"\\\n\t\u2028',
}
TEXT = (
    '{"a":{"b":-0.0,"n":100000000000000000000,"é":"Kabupaten Minahasa — ü"},'
    '"m":"\\"\\\\\\n\\t\u2028","z":[1,2.5,null,true]}'
)
SHA256 = "ea889f20b643825ba61f909c309b0021be72a53f3920d6726550d7be496495f9"


def test_one_definition() -> None:
    assert report.canonical_json is canonical_json
    assert common.canonical_json is canonical_json


def test_the_output_is_byte_identical_to_the_old_definitions() -> None:
    text = canonical_json(SAMPLE)
    assert text == TEXT
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SHA256
    assert canonical_json({"b": 1, "a": [{"d": 2, "c": 3}]}) == '{"a":[{"c":3,"d":2}],"b":1}'
