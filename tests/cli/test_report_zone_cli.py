"""Reports and recap files give times in the region's own zone (WIB, WITA, WIT)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest

from kamarhitung import cli


class FormsKit(Protocol):
    def workspace(
        self, paslon: list[tuple[str, int, str, str]], provinsi: tuple[str, str] = ...
    ) -> Path: ...


@pytest.mark.parametrize(
    ("provinsi", "zone", "offset"),
    [(("73", "SULAWESI SELATAN"), "WITA", 8), (("91", "PAPUA"), "WIT", 9)],
)
def test_report_and_recap_times_are_in_the_regions_zone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forms_kit: FormsKit,
    provinsi: tuple[str, str],
    zone: str,
    offset: int,
) -> None:
    ws = forms_kit.workspace([("bupati", 1, "A", "B"), ("bupati", 2, "C", "D")], provinsi)
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
    monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", "sandi-sup-1234")
    argv = ["users", "add", str(ws), "--user", "ketua", "--name", "sup", "--role", "supervisor"]
    assert cli.main(argv) == 0
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "sandi-sup-1234")
    pdf = tmp_path / "kab.pdf"
    argv = ["report", str(ws), "--contest", "bupati", "--level", "kabupaten", "--out", str(pdf)]
    before = datetime.now(UTC)
    assert cli.main([*argv, "--user", "sup"]) == 0
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    m = re.search(r"Dibuat: (\d\d)-(\d\d)-(\d{4}) pukul (\d\d)\.(\d\d)\.(\d\d) (\w+)", text)
    assert m is not None, text
    assert m.group(7) == zone
    local_hour = (before.hour + offset) % 24
    assert int(m.group(4)) in (local_hour, (local_hour + 1) % 24)
    out = tmp_path / "recap.json"
    argv = ["recap", str(ws), "--contest", "bupati", "--level", "kabupaten", "--format", "json"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["generated_at"].endswith(f"+0{offset}:00")
