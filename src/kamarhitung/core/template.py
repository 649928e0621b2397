"""Form templates as data: sections, rows, L/P/J columns, keying order, identities, image layout.

A template is a JSON file under ``kamarhitung/data/templates``. The order of its sections, rows and
columns is the keying order. Field ids follow the row numbering printed on the form
(INTERFACES.md): ``I.A.1.L`` for an L/P/J row, ``II.1`` for a single-column row, ``IV.<nomor>`` for a
candidate pair. Identities are rules whose checks are small comparison expressions over field ids
(see :mod:`kamarhitung.core.expr`); the form's own layout gives each field's box on the image.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import product
from typing import Any, Literal

from kamarhitung.core.expr import Expr, parse

SectionKind = Literal["lpj", "j", "paslon"]
Severity = Literal["E", "W"]
LPJ = ("L", "P", "J")

Box = tuple[float, float, float, float]
"""A field's region on the page image: (x0, y0, x1, y1), normalised to 0..1."""


@dataclass(frozen=True, slots=True)
class RowSpec:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    title: str
    kind: SectionKind
    rows: tuple[RowSpec, ...] = ()
    max_paslon: int = 0
    title_kolom_kosong: str = ""
    """The section's title on the form of a single-candidate contest (pair against kolom kosong)."""

    def title_for(self, kolom_kosong: bool) -> str:
        return self.title_kolom_kosong if kolom_kosong and self.title_kolom_kosong else self.title


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One box the operator keys: its id, section, row, column and printed label."""

    id: str
    section: str
    row: str
    column: str
    label: str


@dataclass(frozen=True, slots=True)
class Check:
    """One instantiated comparison of a rule, with the fields it reads."""

    text: str
    expr: Expr
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    level: Severity
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    page: tuple[int, int]
    header: tuple[float, float]
    label: tuple[float, float]
    columns: dict[str, tuple[float, float]]
    headings: dict[str, tuple[float, float]]
    rows: dict[str, tuple[float, float]]
    signatures: tuple[float, float]
    page_label: str = ""
    """``Halaman 2 dari 3`` on a page of a multi-page sheet; empty on a one-page layout."""
    plano: bool = False
    """The plano's marks: four corner squares, and a column of bubbles 0-9 under each digit of
    section IV (the candidate pairs' numbers)."""


SHEETS = ("plano", "salinan")
"""The forms a room photographs: the plano (the large sheet SIREKAP photographs) and the salinan
(the copy the witnesses receive)."""

CORNER_SQUARES: tuple[tuple[float, float], ...] = (
    (0.025, 0.0175),
    (0.975, 0.0175),
    (0.975, 0.9825),
    (0.025, 0.9825),
)
"""Centres of the plano's four corner squares (TL, TR, BR, BL), normalised to the page."""
CORNER_SQUARE_SIZE = 0.022
"""The corner squares' side, as a share of the page's width."""


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page of a sheet: its number, the sections it holds and where their boxes are."""

    sheet: str
    number: int
    count: int
    sections: tuple[str, ...]
    layout: Layout


@dataclass(frozen=True)
class FormTemplate:
    """A result form: what is keyed, in what order, what must hold, and where each box is."""

    id: str
    name: str
    form_code: str
    max_value: int
    reserve_permille: int
    sections: tuple[SectionSpec, ...]
    rule_defs: tuple[dict[str, Any], ...]
    layout: Layout
    digits: int = 0
    """Digit boxes printed per number (0: not stated); ``max_value`` is then at most 10**digits - 1."""
    sirekap: dict[str, str] = field(default_factory=dict)
    """SIREKAP's ``administrasi`` keys → this form's field ids (official import)."""
    pages: dict[str, tuple[PageSpec, ...]] = field(default_factory=dict)
    """The pages of each sheet (``plano``, ``salinan``); a template without them is one page."""
    verified: tuple[str, ...] = ()
    """What was checked against which source (the template file's own notes)."""
    _cache: dict[tuple[int, ...], FormSpec] = field(default_factory=dict, compare=False, repr=False)

    def form(self, paslon_numbers: tuple[int, ...]) -> FormSpec:
        """The template instantiated for a contest's candidate pairs (cached)."""
        spec = self._cache.get(paslon_numbers)
        if spec is None:
            spec = _instantiate(self, paslon_numbers)
            self._cache[paslon_numbers] = spec
        return spec


@dataclass(frozen=True)
class FormSpec:
    """A template for a given set of candidate pairs: the concrete fields and rules."""

    template: FormTemplate
    paslon_numbers: tuple[int, ...]
    fields: tuple[FieldSpec, ...]
    rules: tuple[Rule, ...]
    field_index: dict[str, int]
    _page_forms: dict[tuple[str, int], FormSpec] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    def box(self, field_id: str) -> Box | None:
        """The field's box on the page image, if the template's layout has it."""
        lay = self.template.layout
        fs = self.fields[self.field_index[field_id]]
        ys = lay.rows.get(fs.row)
        xs = lay.columns.get(fs.column)
        if ys is None or xs is None:
            return None
        return (xs[0], ys[0], xs[1], ys[1])

    def sheet_pages(self, sheet: str = "plano") -> tuple[PageSpec, ...]:
        """The pages of a sheet; a template without pages has one page, its own layout."""
        pages = self.template.pages.get(sheet) or self.template.pages.get("plano")
        if pages:
            return pages
        sections = tuple(s.id for s in self.template.sections)
        return (PageSpec(sheet, 1, 1, sections, self.template.layout),)

    def page_of(self, field_id: str, sheet: str = "plano") -> int:
        """The number (from 1) of the page of ``sheet`` that holds the field."""
        section = self.fields[self.field_index[field_id]].section
        for p in self.sheet_pages(sheet):
            if section in p.sections:
                return p.number
        return 1

    def page_box(self, field_id: str, sheet: str = "plano") -> tuple[int, Box | None, Box | None]:
        """The field's page, its box and its row's box on that page."""
        n = self.page_of(field_id, sheet)
        page = self.sheet_pages(sheet)[n - 1]
        fs = self.fields[self.field_index[field_id]]
        lay = page.layout
        ys = lay.rows.get(fs.row)
        xs = lay.columns.get(fs.column)
        if ys is None:
            return n, None, None
        row = (lay.label[0], ys[0], max(x[1] for x in lay.columns.values()), ys[1])
        box = (xs[0], ys[0], xs[1], ys[1]) if xs is not None else None
        return n, box, row

    def page_form(self, sheet: str, number: int) -> FormSpec:
        """This form with one page's layout as its layout: what the renderer draws on that page."""
        key = (sheet, number)
        spec = self._page_forms.get(key)
        if spec is None:
            page = self.sheet_pages(sheet)[number - 1]
            t = replace(self.template, layout=page.layout, _cache={})
            spec = t.form(self.paslon_numbers)
            self._page_forms[key] = spec
        return spec

    def row_box(self, row_id: str) -> Box | None:
        """The whole printed row (label and boxes) on the page image."""
        lay = self.template.layout
        ys = lay.rows.get(row_id)
        if ys is None:
            return None
        return (lay.label[0], ys[0], max(x[1] for x in lay.columns.values()), ys[1])


def voters_on_list_field(fields: Sequence[str]) -> str:
    """The J field of the voters on the list: A.4 (the total) where the form prints it, else the
    one DPT row (the 2024 presidential form prints no A total)."""
    return "I.A.4.J" if "I.A.4.J" in fields else "I.A.1.J"


def _field_ids_of_row(section: SectionSpec, row: RowSpec) -> list[tuple[str, str]]:
    if section.kind == "lpj":
        return [(f"{row.id}.{c}", c) for c in LPJ]
    return [(row.id, "J")]


def _instantiate(t: FormTemplate, paslon_numbers: tuple[int, ...]) -> FormSpec:
    fields: list[FieldSpec] = []
    for sec in t.sections:
        if sec.kind == "paslon":
            if len(paslon_numbers) > sec.max_paslon:
                raise ValueError(
                    f"template {t.id} has room for {sec.max_paslon} candidate pairs, "
                    f"not {len(paslon_numbers)}"
                )
            for n in paslon_numbers:
                fields.append(FieldSpec(f"{sec.id}.{n}", sec.id, f"{sec.id}.{n}", "J", f"{n}"))
            continue
        for row in sec.rows:
            for fid, col in _field_ids_of_row(sec, row):
                fields.append(FieldSpec(fid, sec.id, row.id, col, row.label))
    index = {f.id: i for i, f in enumerate(fields)}
    paslon_fields = tuple(f.id for f in fields if f.section == "IV")
    rules: list[Rule] = []
    for rd in t.rule_defs:
        loops: dict[str, list[str]] = rd.get("for_each", {})
        names = list(loops)
        combos = list(product(*(loops[n] for n in names))) if names else [()]
        checks: list[Check] = []
        seen: set[str] = set()
        for combo in combos:
            env = dict(zip(names, combo, strict=True))
            for text in rd["checks"]:
                inst = text.format(**env)
                if inst in seen:
                    continue
                seen.add(inst)
                expr = parse(inst, {"IV.*": paslon_fields})
                unknown = [f for f in expr.fields if f not in index]
                if unknown:
                    raise ValueError(f"template {t.id} rule {rd['code']}: unknown fields {unknown}")
                checks.append(Check(inst, expr, expr.fields))
        rules.append(Rule(rd["code"], rd["level"], tuple(checks)))
    return FormSpec(t, paslon_numbers, tuple(fields), tuple(rules), index)


def _pair(v: Any) -> tuple[float, float]:
    return (float(v[0]), float(v[1]))


def template_from_dict(d: dict[str, Any]) -> FormTemplate:
    """Build a template from its JSON object, checking its shape."""
    sections = []
    for s in d["sections"]:
        kind = s["kind"]
        if kind not in ("lpj", "j", "paslon"):
            raise ValueError(f"section {s['id']}: unknown kind {kind!r}")
        rows = tuple(RowSpec(r["id"], r["label"]) for r in s.get("rows", ()))
        sections.append(
            SectionSpec(
                s["id"],
                s["title"],
                kind,
                rows,
                int(s.get("max_paslon", 0)),
                str(s.get("title_kolom_kosong", "")),
            )
        )
    lay = d["layout"]
    layout = Layout(
        page=(int(lay["page"][0]), int(lay["page"][1])),
        header=_pair(lay["header"]),
        label=_pair(lay["label"]),
        columns={k: _pair(v) for k, v in lay["columns"].items()},
        headings={k: _pair(v) for k, v in lay["headings"].items()},
        rows={k: _pair(v) for k, v in lay["rows"].items()},
        signatures=_pair(lay["signatures"]),
    )
    pages = {
        sheet: _pages(sheet, defs, layout, sections) for sheet, defs in d.get("pages", {}).items()
    }
    for rd in d["rules"]:
        if rd["level"] not in ("E", "W"):
            raise ValueError(f"rule {rd['code']}: level must be E or W")
    t = FormTemplate(
        id=d["id"],
        name=d["name"],
        form_code=d["form_code"],
        max_value=int(d.get("max_value", 1000)),
        reserve_permille=int(d.get("reserve_permille", 25)),
        sections=tuple(sections),
        rule_defs=tuple(d["rules"]),
        layout=layout,
        digits=int(d.get("digits", 0)),
        pages=pages,
        sirekap={str(k): str(v) for k, v in d.get("sirekap_administrasi", {}).items()},
        verified=tuple(str(v) for v in d.get("verified", ())),
    )
    if any(f.split(".")[0] not in ("I", "II", "III", "V") for f in t.sirekap.values()):
        raise ValueError(
            f"template {t.id}: sirekap_administrasi names a field not of I to III or V"
        )
    if t.digits and t.max_value > 10**t.digits - 1:
        raise ValueError(
            f"template {t.id}: max_value {t.max_value} needs more than {t.digits} digits"
        )
    # Test fix: check every rule (syntax, loop keys, field ids) when the template is loaded, not
    # only when a contest's form is first instantiated: instantiate it once with the most
    # candidate pairs it holds. A bad template file is refused at load, with the rule named.
    most = max((s.max_paslon for s in sections if s.kind == "paslon"), default=0)
    try:
        t.form(tuple(range(1, most + 1)))
    except (KeyError, IndexError) as e:
        raise ValueError(f"template {t.id}: a rule names an unknown loop variable {e}") from None
    return t


_HEAD, _ROW, _PASLON_ROW, _GAP, _TOP = 0.0195, 0.0195, 0.027, 0.0075, 0.165
_PLANO_DIGITS, _PLANO_BUBBLES = 0.034, 0.15


def _pages(
    sheet: str, defs: list[dict[str, Any]], base: Layout, sections: list[SectionSpec]
) -> tuple[PageSpec, ...]:
    """A sheet's pages, each section's rows stacked from the top as on the printed page.

    On a plano page each candidate pair's number is three digit boxes with a column of bubbles
    under each digit: the pair's row is the digit boxes, followed by the bubbles' height.
    """
    if sheet not in SHEETS:
        raise ValueError(f"unknown sheet {sheet!r}: one of {', '.join(SHEETS)}")
    by_id = {s.id: s for s in sections}
    seen: list[str] = []
    out: list[PageSpec] = []
    plano = sheet == "plano"
    for i, pd in enumerate(defs, start=1):
        ids = tuple(str(x) for x in pd["sections"])
        unknown = [x for x in ids if x not in by_id]
        if unknown:
            raise ValueError(f"sheet {sheet} page {i}: unknown sections {unknown}")
        seen += ids
        y = _TOP
        headings: dict[str, tuple[float, float]] = {}
        rows: dict[str, tuple[float, float]] = {}
        for sid in ids:
            sec = by_id[sid]
            headings[sid] = (round(y, 4), round(y + _HEAD, 4))
            y += _HEAD + 0.002
            if sec.kind == "paslon":
                for n in range(1, sec.max_paslon + 1):
                    h = _PLANO_DIGITS if plano else _PASLON_ROW
                    rows[f"{sid}.{n}"] = (round(y, 4), round(y + h, 4))
                    y += h + (_PLANO_BUBBLES if plano else 0.0)
            else:
                for r in sec.rows:
                    rows[r.id] = (round(y, 4), round(y + _ROW, 4))
                    y += _ROW
            y += _GAP
        if y > base.signatures[0]:
            raise ValueError(f"sheet {sheet} page {i}: its sections do not fit on the page")
        lay = replace(
            base,
            headings=headings,
            rows=rows,
            page_label=f"Halaman {i} dari {len(defs)}",
            plano=plano,
        )
        out.append(PageSpec(sheet, i, len(defs), ids, lay))
    if sorted(seen) != sorted(by_id):
        raise ValueError(f"sheet {sheet}: its pages must hold every section once, not {seen}")
    return tuple(out)


TEMPLATE_IDS = ("pilkada-kwk", "pemilu2024-c-hasil-ppwp")

RETIRED_TEMPLATES: dict[str, str] = {
    "pemilu2024-ppwp": "pemilu2024-c-hasil-ppwp",
}
"""Templates no longer shipped, and the template that replaces each. The first presidential
template (``pemilu2024-ppwp``) was not the printed 2024 form: four rows in I.A, two in III, and
section II in another order. Its field ids mean other rows than the printed form's, so data keyed
on it are never read with the new template (refusal code ``RETIRED_FORM``)."""


class RetiredTemplateError(KeyError):
    """A template id that is no longer shipped; the message says what to do."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def load_template(template_id: str) -> FormTemplate:
    """Load a packaged template by id."""
    if template_id in RETIRED_TEMPLATES:
        raise RetiredTemplateError(
            f"form template {template_id!r} is retired: it is not the printed form; "
            f"use {RETIRED_TEMPLATES[template_id]!r}"
        )
    if template_id not in TEMPLATE_IDS:
        raise KeyError(f"unknown form template: {template_id}")
    text = (
        resources.files("kamarhitung")
        .joinpath("data", "templates", f"{template_id}.json")
        .read_text(encoding="utf-8")
    )
    return template_from_dict(json.loads(text))
