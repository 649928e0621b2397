"""Canonical JSON: the one text every hash of kamarhitung is taken over (audit events, record
hashes, report and recap fingerprints, bundle manifests). Keys sorted, no spaces, UTF-8 kept as
is (not escaped): the same data always gives the same text. Changing a byte of this output
changes every hash already recorded; ``tests/core/test_canonical.py`` pins it."""

from __future__ import annotations

import json


def canonical_json(obj: object) -> str:
    """JSON with sorted keys and no spaces: the same data always gives the same text (and hash)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
