"""What keying hands out and returns (services/entry.py for the two entries, services/quality.py
for the blind audit keying): the claim's lifetime, the TPS shown, the form, the result. Shared
here so that entry and quality import it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from kamarhitung.core.entry import State
from kamarhitung.core.model import Paslon
from kamarhitung.core.validation import Finding
from kamarhitung.services.common import NotFoundError
from kamarhitung.store.models import RegionRow, TpsRow

CLAIM_TTL = timedelta(minutes=15)
"""An operator's claim on a form lapses after this long without a keystroke saved."""

Values = dict[str, int]


@dataclass(frozen=True, slots=True)
class TpsInfo:
    tps_id: str
    number: int
    desa_code: str
    desa: str
    kecamatan_code: str
    kecamatan: str
    dpt_l: int
    dpt_p: int


@dataclass(frozen=True, slots=True)
class KeyingForm:
    """What an operator gets to key one form: never the other entry's values."""

    tps: TpsInfo
    contest_id: str
    slot: int
    values: Values
    problems: tuple[str, ...]
    keystrokes: int
    paslon: tuple[Paslon, ...]
    audit: bool = False
    """An audit keying of a final form (services/quality.py): blind, never changes the record."""


@dataclass(frozen=True, slots=True)
class EntryResult:
    tps_id: str
    contest_id: str
    slot: int
    state: State
    findings: tuple[Finding, ...]
    audit: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "tps": self.tps_id,
            "contest": self.contest_id,
            "slot": self.slot,
            "state": self.state.value,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.audit:
            out["audit"] = True
        return out


def tps_info(s: Session, tps_id: str) -> TpsInfo:
    t = s.get(TpsRow, tps_id)
    if t is None:
        raise NotFoundError("UNKNOWN_TPS", tps=tps_id)
    desa = s.get(RegionRow, t.desa_code)
    kec = s.get(RegionRow, t.desa_code[:6])
    return TpsInfo(
        t.id,
        t.number,
        t.desa_code,
        desa.name if desa else "",
        t.desa_code[:6],
        kec.name if kec else "",
        t.dpt_l,
        t.dpt_p,
    )
