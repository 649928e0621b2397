"""A workspace whose presidential contest is on the retired template (not the printed 2024 form).

Migration 0008 moves a contest with nothing keyed to the printed form (a demo's synthetic truth
row by row); a contest with keyed data is refused when the workspace is opened, with a sentence.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from kamarhitung import cli
from kamarhitung.services.workspace import RetiredFormError, open_workspace
from kamarhitung.store.workspace import alembic_config

pytestmark = pytest.mark.sqlite_only  # a SQLite file of an earlier version


def _as_old(src: Path, dst: Path, contest: str) -> Path:
    con = sqlite3.connect(src / "kamarhitung.sqlite")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copytree(src, dst)
    # Back to the schema before migration 0008, as a workspace of the earlier version was.
    engine = create_engine(f"sqlite:///{dst / 'kamarhitung.sqlite'}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    engine.dispose()
    con = sqlite3.connect(dst / "kamarhitung.sqlite")
    with con:
        con.execute("UPDATE contest SET template_id = 'pemilu2024-ppwp' WHERE id = ?", (contest,))
        # Three pairs at most on the printed form.
        con.execute("DELETE FROM paslon WHERE contest_id = ? AND nomor_urut > 3", (contest,))
    con.close()
    return dst


def test_a_contest_with_nothing_keyed_moves_to_the_printed_form(
    demo_template: Path, tmp_path: Path
) -> None:
    path = _as_old(demo_template, tmp_path / "ws", "bupati")
    con = sqlite3.connect(path / "kamarhitung.sqlite")
    old = {"II.2": 2, "II.3": 98, "II.4": 319, "III.1.J": 9, "III.2.J": 5, "I.A.2.J": 3, "IV.1": 7}
    with con:
        con.execute(
            "UPDATE synthetic_image SET values_json = ? WHERE contest_id = 'bupati'",
            (json.dumps(old),),
        )
    con.close()
    ws = open_workspace(path)
    try:
        c = ws.contest("bupati")
        assert c.template_id == "pemilu2024-c-hasil-ppwp"
        assert ws.form_spec("bupati").template.max_value == 999
    finally:
        ws.close()
    con = sqlite3.connect(path / "kamarhitung.sqlite")
    (text,) = con.execute(
        "SELECT values_json FROM synthetic_image WHERE contest_id = 'bupati' LIMIT 1"
    ).fetchone()
    con.close()
    assert json.loads(text) == {"II.3": 2, "II.4": 98, "II.2": 319, "III.1.J": 5, "IV.1": 7}


def test_a_contest_with_keyed_entries_is_refused_with_a_sentence(
    mixed_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _as_old(mixed_template, tmp_path / "ws", "bupati")
    with pytest.raises(RetiredFormError) as e:
        open_workspace(path)
    text = str(e.value)
    assert "'bupati' was keyed on the form template 'pemilu2024-ppwp'" in text
    assert "not the printed 2024 form" in text and "refused" in text
    # The contest's entries were not touched, and the command line says the same, exit 2.
    assert cli.main(["status", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert "pemilu2024-ppwp" in err and "without reinterpreting them" in err
    con = sqlite3.connect(path / "kamarhitung.sqlite")
    (tid,) = con.execute("SELECT template_id FROM contest WHERE id = 'bupati'").fetchone()
    con.close()
    assert tid == "pemilu2024-ppwp"
