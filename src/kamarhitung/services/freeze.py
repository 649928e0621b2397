"""The freeze of finalised regions: no record of a finalised kecamatan or kabupaten may change.

A supervisor finalises a region with :func:`kamarhitung.services.reports.finalise_region`; its
records are then frozen for that contest until reopened with a reason. This module holds only the
check, so that :mod:`kamarhitung.services.entry` can call it inside every transaction that would
change a record without importing the report machinery (reportlab) there. The database trigger
``record_frozen`` (migration 0004) refuses any other path.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamarhitung.core.model import KABUPATEN_LEN, KECAMATAN_LEN, dotted
from kamarhitung.services.common import ConflictError
from kamarhitung.store.models import RegionFinalRow


def ensure_not_frozen(session: Session, tps_id: str, contest_id: str) -> None:
    """Refuse (``ConflictError``) a change to a record whose kecamatan or kabupaten is finalised
    for its contest. Call it inside the transaction that would change the record."""
    code = session.execute(
        select(RegionFinalRow.region_code)
        .where(
            RegionFinalRow.contest_id == contest_id,
            RegionFinalRow.region_code.in_((tps_id[:KECAMATAN_LEN], tps_id[:KABUPATEN_LEN])),
        )
        .limit(1)
    ).scalar_one_or_none()
    if code is not None:
        what = "kecamatan" if len(code) == KECAMATAN_LEN else "kabupaten"
        raise ConflictError(
            "REGION_FROZEN", tps=dotted(tps_id), contest=contest_id, level=what, region=dotted(code)
        )
