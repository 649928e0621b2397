"""Validation of one form: the identities of the template as coded findings, never prose.

A finding is a code (DOMAIN.md), a level (E error, W warning), the fields concerned and integer
parameters; ``qt/i18n.py`` turns codes into words. The form as keyed is never corrected here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kamarhitung.core.template import FormSpec, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that does not hold on a form."""

    code: str
    level: Severity
    fields: tuple[str, ...]
    params: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {"code": self.code, "level": self.level, "fields": list(self.fields)}
        if self.params:
            d["params"] = dict(self.params)
        return d

    @staticmethod
    def from_json(d: Mapping[str, object]) -> Finding:
        fields = d.get("fields", [])
        params = d.get("params", {})
        assert isinstance(fields, list) and isinstance(params, dict)
        level = d["level"]
        assert level in ("E", "W")
        return Finding(
            str(d["code"]),
            level,
            tuple(str(f) for f in fields),
            tuple((str(k), int(v)) for k, v in params.items()),
        )


def validate(form: FormSpec, values: Mapping[str, int | None]) -> list[Finding]:
    """All findings on a form as keyed so far; a check with a field not yet keyed is skipped.

    RANGE is built in: every keyed value must lie in 0..max_value of the template.
    """
    findings: list[Finding] = []
    maximum = form.template.max_value
    for fid in form.field_ids:
        x = values.get(fid)
        if x is not None and not 0 <= x <= maximum:
            findings.append(Finding("RANGE", "E", (fid,), (("value", x), ("max", maximum))))
    for rule in form.rules:
        for check in rule.checks:
            out = check.expr.evaluate(values)
            if out is not None and not out.holds:
                findings.append(
                    Finding(
                        rule.code,
                        rule.level,
                        check.fields,
                        (("left", out.left), ("right", out.right)),
                    )
                )
    return findings


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (E): such a record cannot become final without a supervisor."""
    return any(f.level == "E" for f in findings)


def findings_by_field(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings indexed by each field they concern, for showing them beside the fields."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for fid in f.fields:
            out.setdefault(fid, []).append(f)
    return out
