"""The anomaly scan of a contest: the cross-record rules over final records, plus the per-form
findings stored on them (see :mod:`kamarhitung.core.anomalies`).

The TPS matrix comes from the recap cache (no JSON parsing); only records that carry findings
have them decoded. The TURNOUT rule uses the template's ballot reserve.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from kamarhitung.core.anomalies import Anomaly, AnomalyConfig, scan
from kamarhitung.core.validation import Finding
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import RecordRow


def form_findings(ws: Workspace, contest_id: str) -> dict[str, list[Finding]]:
    """The findings stored on the final records of a contest that have any (TPS → findings)."""
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.tps_id, RecordRow.final_findings).where(
                RecordRow.contest_id == contest_id,
                RecordRow.state == "final",
                RecordRow.final_findings.is_not(None),
                RecordRow.final_findings != "[]",
            )
        ).all()
    out: dict[str, list[Finding]] = {}
    for tps, text in rows:
        found = [Finding.from_json(f) for f in json.loads(text or "[]")]
        if found:
            out[tps] = found
    return out


def scan_anomalies(
    ws: Workspace,
    contest_id: str,
    *,
    include_form_findings: bool = True,
    config: AnomalyConfig | None = None,
    cache: RecapCache | None = None,
) -> list[Anomaly]:
    """Every anomaly of a contest's final records, sorted by TPS and code."""
    recap = (cache or RecapCache(ws)).recap(contest_id)
    cfg = config or AnomalyConfig(
        reserve_permille=ws.form_spec(contest_id).template.reserve_permille
    )
    findings = form_findings(ws, contest_id) if include_form_findings else None
    return scan(recap, cfg, findings)
