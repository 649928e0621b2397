"""Frozen domain dataclasses: regions, TPS, contests, candidate pairs, users and roles.

Region and TPS codes are strings (leading zeros matter); vote counts are ints.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

PROVINSI_LEN = 2
KABUPATEN_LEN = 4
KECAMATAN_LEN = 6
DESA_LEN = 10
TPS_LEN = 13

_DIGITS = re.compile(r"^\d+$")


class Level(enum.StrEnum):
    """Levels of the region hierarchy, by the length of their code."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KECAMATAN = "kecamatan"
    DESA = "desa"
    TPS = "tps"

    @property
    def code_length(self) -> int:
        return {
            Level.PROVINSI: PROVINSI_LEN,
            Level.KABUPATEN: KABUPATEN_LEN,
            Level.KECAMATAN: KECAMATAN_LEN,
            Level.DESA: DESA_LEN,
            Level.TPS: TPS_LEN,
        }[self]


class Role(enum.StrEnum):
    """What a user may do. Operators key; supervisors resolve, finalise and sign; admins manage."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


def undot(code: str) -> str:
    """Strip the dots of a dotted Kemendagri code (``35.78.01.1001`` → ``3578011001``)."""
    return code.replace(".", "").strip()


def dotted(code: str) -> str:
    """Write a code dotted, as printed: ``3578011001`` → ``35.78.01.1001``; a TPS id keeps ``.001``."""
    c = undot(code)
    parts = [c[0:2], c[2:4], c[4:6], c[6:10], c[10:13]]
    return ".".join(p for p in parts if p)


def is_code(code: str, level: Level) -> bool:
    """Whether ``code`` (without dots) is a well-formed code of ``level``."""
    return len(code) == level.code_length and bool(_DIGITS.match(code))


def tps_id(desa_code: str, number: int) -> str:
    """The 13-digit TPS id: the desa code and the TPS number on three digits."""
    if not 1 <= number <= 999:
        raise ValueError(f"TPS number out of range: {number}")
    return f"{desa_code}{number:03d}"


def parent_code(code: str) -> str | None:
    """The code of the region one level up, or None for a province."""
    n = len(code)
    if n == TPS_LEN:
        return code[:DESA_LEN]
    if n == DESA_LEN:
        return code[:KECAMATAN_LEN]
    if n == KECAMATAN_LEN:
        return code[:KABUPATEN_LEN]
    if n == KABUPATEN_LEN:
        return code[:PROVINSI_LEN]
    return None


def level_of(code: str) -> Level:
    """The level of a region code, by its length."""
    for level in Level:
        if len(code) == level.code_length:
            return level
    raise ValueError(f"not a region code: {code!r}")


@dataclass(frozen=True, slots=True)
class Region:
    """A provinsi, kabupaten/kota, kecamatan or desa/kelurahan."""

    code: str
    name: str
    level: Level

    @property
    def parent(self) -> str | None:
        return parent_code(self.code)


@dataclass(frozen=True, slots=True)
class Tps:
    """A polling station: its 13-digit id, its desa and its voter list size (DPT)."""

    id: str
    desa_code: str
    number: int
    dpt_l: int
    dpt_p: int

    @property
    def dpt(self) -> int:
        return self.dpt_l + self.dpt_p


KOLOM_KOSONG = "KOLOM KOSONG"
"""The master's ``nama_calon`` of the empty column of a single-candidate contest (INTERFACES.md)."""

KOLOM_KOSONG_LABEL = "Kolom kosong"
"""How the empty column is named on screens and in reports."""


@dataclass(frozen=True, slots=True)
class Paslon:
    """A candidate pair (pasangan calon) in a contest, by ballot number (nomor urut).

    In a single-candidate contest the empty column (kolom kosong) is a ballot choice with its own
    votes: a ``Paslon`` whose ``nama_calon`` is ``KOLOM KOSONG`` and whose ``nama_wakil`` is empty,
    keyed, summed and reported like a pair.
    """

    contest: str
    nomor_urut: int
    nama_calon: str
    nama_wakil: str

    @property
    def is_kolom_kosong(self) -> bool:
        return is_kolom_kosong(self.nama_calon)

    def names(self, sep: str = " – ") -> str:
        """'CALON – WAKIL', or 'Kolom kosong' for the empty column."""
        if self.is_kolom_kosong:
            return KOLOM_KOSONG_LABEL
        return f"{self.nama_calon}{sep}{self.nama_wakil}" if self.nama_wakil else self.nama_calon


def is_kolom_kosong(nama_calon: str) -> bool:
    """Whether a master's ``nama_calon`` names the empty column (any case, any inner spacing)."""
    return " ".join(nama_calon.split()).upper() == KOLOM_KOSONG


def has_kolom_kosong(paslon: tuple[Paslon, ...] | list[Paslon]) -> bool:
    return any(p.is_kolom_kosong for p in paslon)


@dataclass(frozen=True, slots=True)
class Contest:
    """One race counted on its own form (gubernur, bupati, walikota, presiden...)."""

    id: str
    name: str
    template_id: str
    paslon: tuple[Paslon, ...] = field(default=())

    @property
    def paslon_numbers(self) -> tuple[int, ...]:
        return tuple(p.nomor_urut for p in self.paslon)


CONTEST_NAMES: dict[str, str] = {
    "gubernur": "Pemilihan Gubernur dan Wakil Gubernur",
    "bupati": "Pemilihan Bupati dan Wakil Bupati",
    "walikota": "Pemilihan Walikota dan Wakil Walikota",
    "presiden": "Pemilihan Presiden dan Wakil Presiden",
}


def contest_name(contest_id: str) -> str:
    """The official Indonesian name of a contest id, or the id itself when unknown."""
    return CONTEST_NAMES.get(contest_id, contest_id.capitalize())


def default_template_for(contest_id: str) -> str:
    """The form template used for a contest id by default."""
    return "pemilu2024-c-hasil-ppwp" if contest_id == "presiden" else "pilkada-kwk"


@dataclass(frozen=True, slots=True)
class User:
    """A user of the workspace; the password is only ever held as an argon2id hash."""

    name: str
    role: Role
    full_name: str = ""
    active: bool = True
