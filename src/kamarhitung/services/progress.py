"""When the forms of a contest became final: the data behind the dashboard's progress chart.

A record's ``finalized_at`` is the moment it became final (agreed double entry or a supervisor's
resolution). Only records that are final now are returned, so the count always equals the
recap's ``tps_final``. The times are converted to epoch seconds by SQLite itself (its date
functions honour the ISO offset), through a raw cursor: the dashboard asks after every change,
and parsing 25,000 timestamps in Python would hold the interpreter lock for tens of
milliseconds, time the window's thread would then wait for. The workspace clock's UTC offset
comes along so that a screen shows hours as the room reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kamarhitung.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class FinalTimes:
    """The final records of a contest and when each became final, in TPS order."""

    contest: str
    tps_ids: tuple[str, ...]
    seconds: tuple[int, ...]
    """Epoch seconds of each record's ``finalized_at`` (same order as ``tps_ids``)."""
    now: float
    """The workspace clock's now, in epoch seconds."""
    utc_offset_s: int
    """The workspace clock's UTC offset, in seconds (to show local hours)."""


def final_times(ws: Workspace, contest_id: str, tps_ids: Sequence[str] | None = None) -> FinalTimes:
    """Every final record of a contest with the time it became final (read-only, one query);
    with ``tps_ids``, only those TPS (a dashboard updating what it has after a few changes)."""
    ws.form_spec(contest_id)  # refuses an unknown contest
    sql = (
        "SELECT tps_id, CAST(strftime('%s', finalized_at) AS INTEGER) FROM record "
        "WHERE contest_id = ? AND state = 'final' AND finalized_at IS NOT NULL"
    )
    with ws.store.raw_cursor() as raw:
        if tps_ids is None:
            rows = raw.execute(sql + " ORDER BY tps_id", (contest_id,)).fetchall()
        else:
            rows = []
            wanted = sorted(set(tps_ids))
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                marks = ",".join("?" * len(part))
                rows += raw.execute(
                    f"{sql} AND tps_id IN ({marks}) ORDER BY tps_id", (contest_id, *part)
                ).fetchall()
    now = ws.clock.now()
    offset = now.utcoffset()
    ids = tuple(str(t) for t, at in rows if at is not None)
    secs = tuple(int(at) for _, at in rows if at is not None)
    return FinalTimes(
        contest_id,
        ids,
        secs,
        now.timestamp(),
        int(offset.total_seconds()) if offset is not None else 0,
    )
