"""The paper check (BUNDLE.md, "Paper binding"): two groups of the fingerprint printed on the
signed paper recap of a kabupaten, typed by the province, compared with a bundle's own
fingerprints of that contest. Pure: no file, no key (``services/paper.py`` reads the bundle).

A fingerprint is printed as 16 groups of 4 hex characters. A bundle carries two fingerprints a
paper may show: the kabupaten D.HASIL report's data fingerprint (``kamarhitung-report/1``,
recomputed from ``data/recap-<contest>.json`` exactly as the report computes it) and the
manifest's recap fingerprint (``kamarhitung-recap/1``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kamarhitung.core.bundle import BundleError
from kamarhitung.core.model import Level
from kamarhitung.core.report import fingerprint_groups, recap_fingerprint

GROUPS = 16
"""A fingerprint is printed as 16 groups of 4 hex characters."""
HEX4 = re.compile(r"[0-9a-f]{4}")


@dataclass(frozen=True, slots=True)
class PaperFingerprints:
    """One contest of a bundle: the fingerprints a paper may carry."""

    contest: str
    name: str
    tps_total: int
    tps_final: int
    report: str | None
    """The kabupaten D.HASIL report's data fingerprint (what the paper prints); None when the
    bundle carries no usable ``recap-<contest>.json``."""
    manifest: str
    """The manifest's recap fingerprint (``kamarhitung-recap/1``)."""


class PaperGroupsError(ValueError):
    """The typed groups cannot be read (not two groups of four hex digits, a bad position)."""


class MemberCapture:
    """A bundle member kept in memory (small JSON files only): a ``MemberWriter`` of
    ``core/bundle.py`` that refuses past ``limit`` bytes."""

    def __init__(self, sink: dict[str, bytes], path: str, limit: int) -> None:
        self._sink = sink
        self._path = path
        self._limit = limit
        self._buf = bytearray()

    def write(self, data: bytes | memoryview, /) -> object:
        if len(self._buf) + len(data) > self._limit:
            raise BundleError("PAPER_MEMBER_TOO_LARGE", "limit", file=self._path)
        self._buf += data
        return len(data)

    def close(self) -> None:
        self._sink[self._path] = bytes(self._buf)


def report_fingerprint_of_recap(contest: str, kabupaten: str, doc: object) -> str | None:
    """The kabupaten recap report's fingerprint from a bundle's ``recap-<contest>.json``: its
    kecamatan rows as columns and its kabupaten row as the total (core.report's rule); None when
    the document does not have that shape."""
    if not isinstance(doc, dict):
        return None
    levels = doc.get("levels")
    if not isinstance(levels, dict):
        return None
    kec = levels.get(Level.KECAMATAN.value, {})
    kab = levels.get(Level.KABUPATEN.value, {})
    if not isinstance(kec, dict) or not isinstance(kab, dict):
        return None
    columns, totals = kec.get("rows"), kab.get("rows")
    if not isinstance(columns, list) or not isinstance(totals, list) or len(totals) != 1:
        return None
    total = totals[0]
    if not isinstance(total, dict) or total.get("code") != kabupaten:
        return None
    if not all(isinstance(c, dict) for c in columns):
        return None
    return recap_fingerprint(contest, Level.KABUPATEN.value, kabupaten, columns, total)


def normalise_group(text: str) -> str:
    """A group as typed (spaces, capitals) in the printed form: four lowercase hex digits."""
    return "".join(text.split()).lower()


def paper_match(
    fingerprints: PaperFingerprints, positions: Sequence[int], typed: Sequence[str]
) -> str | None:
    """Which fingerprint the typed groups (at 1-based ``positions``) belong to: ``"report"``,
    ``"manifest"``, or None when they match neither."""
    groups = [normalise_group(t) for t in typed]
    if len(groups) != len(positions) or not all(HEX4.fullmatch(g) for g in groups):
        return None
    if not all(1 <= p <= GROUPS for p in positions):
        return None
    for kind, fp in (("report", fingerprints.report), ("manifest", fingerprints.manifest)):
        if not fp:
            continue
        printed = fingerprint_groups(fp)
        if all(printed[p - 1] == g for p, g in zip(positions, groups, strict=True)):
            return kind
    return None


def random_positions(rng: random.Random | None = None) -> tuple[int, int]:
    """Two different group positions (1 to 16), in increasing order."""
    a, b = sorted((rng or random.SystemRandom()).sample(range(1, GROUPS + 1), 2))
    return a, b


def parse_paper_groups(text: str) -> tuple[tuple[int, int], tuple[str, str]]:
    """The command line's ``--paper`` value: two groups separated by a comma, each either the
    four hex digits alone (then the first two groups of the printed fingerprint: ``7f3a,91c2``)
    or prefixed with its 1-based position (``5:7f3a,12:91c2``). Raises
    :class:`PaperGroupsError`."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2:
        raise PaperGroupsError("two groups separated by a comma")
    positions: list[int] = []
    groups: list[str] = []
    for i, part in enumerate(parts, start=1):
        pos_text, sep, group = part.rpartition(":")
        if sep:
            if not pos_text.strip().isdigit():
                raise PaperGroupsError(f"position {pos_text!r}")
            pos = int(pos_text)
        else:
            pos, group = i, part
        g = normalise_group(group)
        if not HEX4.fullmatch(g):
            raise PaperGroupsError(f"group {group!r}")
        if not 1 <= pos <= GROUPS:
            raise PaperGroupsError(f"position {pos}")
        positions.append(pos)
        groups.append(g)
    if positions[0] == positions[1]:
        raise PaperGroupsError("the same position twice")
    return (positions[0], positions[1]), (groups[0], groups[1])
