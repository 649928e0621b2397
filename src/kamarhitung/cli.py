"""The command line: the same services as the GUI, driven from a terminal, JSON in and out.

Exit codes (INTERFACES.md): 0 done; 1 a check failed; 2 the input or the request was refused.
Errors go to stderr in one sentence naming the file, row, field or record concerned.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamarhitung import __version__
from kamarhitung.core.master import MasterError, read_master, write_master_template
from kamarhitung.core.model import Role
from kamarhitung.core.refusal import Refusal
from kamarhitung.services import accounts, audit_log, entry
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import Actor, ServiceError
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.workspace import WorkspaceError

if TYPE_CHECKING:
    from kamarhitung.services import paper as paper_service


EXIT_OK, EXIT_CHECK_FAILED, EXIT_REFUSED = 0, 1, 2


class Refused(ServiceError):  # noqa: N818  (an exit path, not an error of the program)
    """Ends the command with exit code 2 and one sentence on stderr (and, with ``--json``, its
    code on stdout): a code of ``core/refusal.py`` and its parameters."""


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise Refused("CLI_NO_PASSWORD", env=env)
    return getpass.getpass(prompt)


def _open(path: str) -> Workspace:
    return open_workspace(Path(path))


@contextmanager
def _workspace(path: str) -> Iterator[Workspace]:
    """The workspace for one command, closed when it ends (also on a refusal)."""
    ws = _open(path)
    try:
        yield ws
    finally:
        ws.close()


def _login(ws: Workspace, user: str | None) -> Actor:
    if not user:
        raise Refused("CLI_NEEDS_USER")
    return accounts.authenticate(
        ws, user, _password("KAMARHITUNG_PASSWORD", f"password for {user}: ")
    )


def _print_json(obj: object) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate from JSON input ("\ud800", echoed back by `entry submit`) cannot be
        # written as UTF-8 and crashed the command (bench/fuzz.py entry): escape it instead.
        text = json.dumps(obj, ensure_ascii=True, indent=1)
    sys.stdout.write(text + "\n")


# --- commands --------------------------------------------------------------------------------


def cmd_demo(a: argparse.Namespace) -> int:
    path = Path(a.dir)
    if path.exists() and any(path.iterdir()):
        raise Refused("CLI_DEMO_NOT_EMPTY", path=str(path))
    res = create_demo(
        path,
        n_tps=a.tps,
        seed=a.seed,
        entries=a.entries,
        progress=lambda m: print(f"demo: {m}", file=sys.stderr),
        election=a.election,
    )
    _result(
        a,
        f"demo workspace with {res.tps} TPS in {path}; credentials in {path / 'demo-credentials.json'}",
        path=str(path),
        tps=res.tps,
        credentials=str(path / "demo-credentials.json"),
    )
    return EXIT_OK


def cmd_master_template(a: argparse.Namespace) -> int:
    write_master_template(Path(a.file))
    _result(a, f"wrote {a.file}", file=a.file)
    return EXIT_OK


def cmd_init(a: argparse.Namespace) -> int:
    master_path = Path(a.master)
    try:
        master = read_master(master_path)
    except MasterError as e:
        _refused(a, e)
        for p in e.problems:
            print(p.text, file=sys.stderr)
        print(
            f"{master_path}: {len(e.problems)} problems; no workspace was created", file=sys.stderr
        )
        return EXIT_REFUSED
    path = Path(a.dir)
    if (path / "kamarhitung.sqlite").exists() or (path / "room.json").exists():
        raise Refused("WORKSPACE_EXISTS", path=str(path))
    accounts.normalise_name(a.admin)
    password = _password("KAMARHITUNG_PASSWORD", f"password for the new admin {a.admin}: ")
    election = a.election or f"Pilkada — {master.kabupaten.name}"
    from kamarhitung.services.setup import init_workspace

    init_workspace(path, master, election=election, admin=a.admin, password=password)
    _result(
        a,
        f"workspace {path}: {master.kabupaten.name} ({master.kabupaten.code}), "
        f"{len(master.tps)} TPS, contests {', '.join(c.id for c in master.contests)}",
        path=str(path),
        kabupaten=master.kabupaten.code,
        kabupaten_name=master.kabupaten.name,
        tps=len(master.tps),
        contests=[c.id for c in master.contests],
    )
    return EXIT_OK


def cmd_users_add(a: argparse.Namespace) -> int:
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        pw = _password("KAMARHITUNG_NEW_PASSWORD", f"password for {a.name}: ")
        accounts.add_user(ws, actor, a.name, Role(a.role), pw, full_name=a.full_name or "")
        _result(a, f"user {a.name} ({a.role}) added", user=a.name, role=a.role, active=True)
        return EXIT_OK


def cmd_users_set_active(a: argparse.Namespace) -> int:
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        info = accounts.set_active(ws, actor, a.name, a.users_cmd == "activate")
        _result(
            a,
            f"user {info.name} ({info.role.value}) {'activated' if info.active else 'disabled'}",
            user=info.name,
            role=info.role.value,
            active=info.active,
        )
        return EXIT_OK


def cmd_users_list(a: argparse.Namespace) -> int:
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        if actor.role != Role.ADMIN:
            raise Refused("WRONG_ROLE", user=actor.name, role=actor.role.value, needs="admin")
        users = accounts.list_users(ws)
        if a.json:
            _print_json([{"name": u.name, "role": u.role.value, "active": u.active} for u in users])
        else:
            for u in users:
                print(f"{u.name}\t{u.role.value}\t{'active' if u.active else 'disabled'}")
        return EXIT_OK


def _read_entries(file: str) -> list[object]:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as e:
        raise Refused("CANNOT_READ", path=file, reason=str(e.strerror or e)) from None
    except UnicodeDecodeError as e:  # a UTF-16 or Latin-1 file crashed here (bench/fuzz.py entry)
        raise Refused(
            "CLI_BAD_ENCODING", file=file, byte=f"0x{e.object[e.start]:02x}", offset=e.start
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as e:
        raise Refused(
            "CLI_NOT_JSON", file=file, line=e.lineno, column=e.colno, detail=e.msg
        ) from None
    except RecursionError:
        raise Refused("CLI_JSON_TOO_DEEP", file=file) from None
    return data if isinstance(data, list) else [data]


class _DuplicateKey(Refused):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object that names a key twice is refused: which of the two values counts would
    otherwise be a silent choice (the last one, in Python)."""
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey("CLI_JSON_KEY_TWICE", key=key)
        out[key] = value
    return out


def cmd_entry_submit(a: argparse.Namespace) -> int:
    items = _read_entries(a.file)
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        results: list[dict[str, object]] = []
        refused = False
        stopped: str | None = None
        for i, item in enumerate(items, 1):
            if stopped is not None:
                # The workspace cannot take more (a full disk): say exactly what was not saved.
                results.append(
                    {
                        "tps": item.get("tps") if isinstance(item, dict) else None,
                        "contest": item.get("contest") if isinstance(item, dict) else None,
                        "error": f"not submitted: {stopped}",
                    }
                )
                continue
            if not isinstance(item, dict):
                results.append(
                    {
                        "tps": None,
                        "contest": None,
                        "error": f"entry {i} is not an object",
                        "code": "NOT_AN_OBJECT",
                    }
                )
                refused = True
                continue
            try:
                results.append(entry.submit_entry(ws, actor, item).to_json())
            except WorkspaceError as e:
                refused = True
                stopped = f"entry {i} failed ({e})"
                saved = sum(1 for r in results if "error" not in r)
                results.append(
                    {
                        "tps": item.get("tps"),
                        "contest": item.get("contest"),
                        "error": str(e),
                        "code": e.code,
                    }
                )
                print(
                    f"entry {i} (TPS {item.get('tps')}, {item.get('contest')}): {e}; "
                    f"{saved} entries before it were saved; entry {i} and the "
                    f"{len(items) - i} after it were not",
                    file=sys.stderr,
                )
            except ServiceError as e:
                refused = True
                results.append(
                    {
                        "tps": item.get("tps"),
                        "contest": item.get("contest"),
                        "error": str(e),
                        "code": e.code,
                    }
                )
                if not a.json:
                    print(
                        f"entry {i} (TPS {item.get('tps')}, {item.get('contest')}): {e}",
                        file=sys.stderr,
                    )
        if a.json:
            _print_json(results)
        else:
            for r in results:
                if "error" not in r:
                    codes = ",".join(str(f["code"]) for f in r["findings"]) or "-"  # type: ignore[attr-defined]  # list of dicts
                    print(f"{r['tps']}\t{r['contest']}\tslot {r['slot']}\t{r['state']}\t{codes}")
        return EXIT_REFUSED if refused else EXIT_OK


def cmd_entry_show(a: argparse.Namespace) -> int:
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        view = entry.resolution_view(ws, actor, a.tps.replace(".", ""), a.contest)
        out = {
            "tps": view.tps.tps_id,
            "contest": view.contest_id,
            "state": view.state.value,
            "differing_fields": list(view.differing_fields),
            "entries": [
                {
                    "slot": e.slot,
                    "user": e.user,
                    "version": e.version,
                    "values": e.values,
                    "problems": list(e.problems),
                    "findings": [f.to_json() for f in e.findings],
                    "finished_at": e.finished_at,
                }
                for e in view.entries
            ],
            "final_values": view.final_values,
        }
        _print_json(out)
        return EXIT_OK


def cmd_status(a: argparse.Namespace) -> int:
    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        st = entry.status(ws)
        if a.json:
            _print_json({"contests": st})
        else:
            for cid, d in st.items():
                states = d["states"]
                assert isinstance(states, dict)
                parts = ", ".join(f"{k} {v}" for k, v in states.items())
                print(f"{cid}: {d['tps_total']} TPS: {parts}")
        return EXIT_OK


def cmd_audit_verify(a: argparse.Namespace) -> int:
    """The hash chain, then every entry version and final record against it."""
    from kamarhitung.services.integrity import parse_head, verify_workspace

    head = parse_head(a.head) if a.head else None
    with _workspace(a.dir) as ws:
        if a.user:  # INTERFACES.md: every command that opens a workspace accepts --user
            _login(ws, a.user)
        with ws.store.reading() as s:
            chain = verify_chain(s)
        rep = verify_workspace(ws, head=head)
        if a.json:
            _print_json(
                {
                    "intact": rep.intact,
                    "events": rep.events,
                    "entry_versions": rep.versions,
                    "final_records": rep.final_records,
                    "resolutions": rep.resolutions,
                    "users": rep.users,
                    "regions_final": rep.regions_final,
                    "head": rep.head_text,
                    "first_bad": chain.first_bad,
                    "reason": chain.reason or (rep.problems[0] if rep.problems else None),
                    "problems": list(rep.problems),
                }
            )
        if rep.intact:
            if not a.json:
                print(
                    f"audit chain intact: {rep.events} events; {rep.versions} entry versions, "
                    f"{rep.final_records} final records, {rep.resolutions} resolutions, "
                    f"{rep.regions_final} finalised regions and {rep.users} users match it; "
                    f"head {rep.head_text}" + (" (reaches the head given)" if head else "")
                )
            return EXIT_OK
        for problem in rep.problems:
            print(f"{ws.path}: {problem}", file=sys.stderr)
        return EXIT_CHECK_FAILED


def cmd_backup(a: argparse.Namespace) -> int:
    from kamarhitung.services.backup import backup_now
    from kamarhitung.services.common import require_role

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        require_role(actor, Role.SUPERVISOR, Role.ADMIN)
        info = backup_now(ws, actor, reason="command line")
        _result(
            a,
            f"backup written: {info.path} ({info.size} bytes, {info.events} audit events)",
            path=str(info.path),
            size=info.size,
            events=info.events,
        )
        return EXIT_OK


def cmd_restore(a: argparse.Namespace) -> int:
    from kamarhitung.services.backup import restore
    from kamarhitung.services.backup_room import is_dump

    if not a.user:
        raise Refused("CLI_NEEDS_ADMIN")
    password = _password("KAMARHITUNG_PASSWORD", f"password for {a.user}: ")
    kept = restore(Path(a.backup), Path(a.dir), user=a.user, password=password, force=a.force)
    # A room's backup restored into the room: the replaced database is kept on the room's cluster.
    in_room = is_dump(Path(a.backup)) and (Path(a.dir) / "room.json").is_file()
    kept_name = kept.name if in_room or kept.is_file() else None
    _result(
        a,
        f"restored {a.backup} into {a.dir}"
        + (f"; the data it replaced is kept as {kept_name}" if kept_name else ""),
        backup=a.backup,
        dir=a.dir,
        kept=kept_name,
    )
    return EXIT_OK


# --- images (services/images.py) -------------------------------------------------------------


def cmd_images_import(a: argparse.Namespace) -> int:
    """Import form images; refused files are named on stderr and make the exit code 2."""
    from kamarhitung.services import images

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        rep = images.import_images(ws, actor, [Path(p) for p in a.paths], contest_id=a.contest)
    for r in rep.refused:
        print(f"{r.file}: refused ({r.code}): {r.reason}", file=sys.stderr)
    if a.json:
        _print_json(rep.to_json())
    else:
        for i in rep.imported:
            shared = f"\talso at TPS {', '.join(i.shared_with)}" if i.shared_with else ""
            print(f"imported\t{i.file}\tpage {i.page}\tTPS {i.tps}\t{i.contest or '-'}{shared}")
        for d in rep.duplicates:
            print(f"duplicate\t{d.file}\tpage {d.page}\tTPS {d.tps or '(unmatched)'}")
        for u in rep.unmatched:
            print(f"unmatched\t{u.file}\tpage {u.page}\t{u.reason}")
        print(
            f"{rep.files} files: {len(rep.imported)} images imported, "
            f"{len(rep.duplicates)} duplicates, {len(rep.unmatched)} unmatched, "
            f"{len(rep.refused)} refused"
        )
    return EXIT_REFUSED if rep.refused else EXIT_OK


def _print_images(found: list[dict[str, object]], as_json: bool) -> None:
    if as_json:
        _print_json(found)
        return
    for f in found:
        print(
            f"#{f['id']}\t{f['tps'] or '-'}\t{f['file_name']}\tpage {f['page']}\t"
            f"{f['imported_at']}\t{f['imported_by']}\t{f['path']}"
        )


def cmd_images_unmatched(a: argparse.Namespace) -> int:
    from kamarhitung.services import images

    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        found = images.unmatched_images(ws)
    _print_images([f.to_json() for f in found], a.json)
    return EXIT_OK


def cmd_images_missing(a: argparse.Namespace) -> int:
    """Form images whose stored file is gone: exit 1 when there is any."""
    from kamarhitung.services import images

    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        found = images.missing_image_files(ws)
    _print_images([f.to_json() for f in found], a.json)
    for f in found:
        print(
            f"form image #{f.id} (TPS {f.tps_id or 'unmatched'}, {f.file_name}): {f.path} is missing",
            file=sys.stderr,
        )
    return EXIT_CHECK_FAILED if found else EXIT_OK


def cmd_images_list(a: argparse.Namespace) -> int:
    """The images of one TPS, one line (or JSON object) per page, in page order."""
    from kamarhitung.core.model import undot
    from kamarhitung.services import images

    tps = undot(a.tps)
    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        if not images.tps_exists(ws, tps):
            raise Refused("UNKNOWN_TPS", tps=a.tps)
        found = images.tps_images(ws, tps)
    if a.json:
        print(json.dumps([f.listing() for f in found], indent=1))
        return EXIT_OK
    for f in found:
        page = f"halaman {f.form_page}" if f.form_page else "halaman ?"
        extra = " (koreksi)" if f.corrected else ""
        print(f"{f.contest_id or '-'}\t{page}\t{f.sheet}{extra}\t{f.sha256}\t{f.file_name}")
    return EXIT_OK


def cmd_images_render(a: argparse.Namespace) -> int:
    """Render the demo's synthetic form photos that are not rendered yet."""
    from kamarhitung.services import images

    def progress(done: int, total: int) -> None:
        if total and (done == total or done % 100 == 0) and done:
            print(f"rendered {done}/{total}", file=sys.stderr)

    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        n = images.render_pending(ws, a.tps or None, workers=a.workers, progress=progress)
    _result(a, f"{n} synthetic form photos rendered and stored", rendered=n)
    return EXIT_OK


# --- end of images ---------------------------------------------------------------------------


# --- images assign, entry release ------------------------------------------------------------


def cmd_images_assign(a: argparse.Namespace) -> int:
    """Place a form image (an unmatched one, or, for a supervisor, any) at a TPS."""
    from kamarhitung.services import images

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        placed = images.assign_image(ws, actor, a.image_id, a.tps, a.contest)
    _result(
        a,
        f"form image #{placed.id} ({placed.file_name}) is at TPS {placed.tps_id}"
        f" for {placed.contest_id or 'every contest'}",
        image=placed.id,
        file=placed.file_name,
        tps=placed.tps_id,
        contest=placed.contest_id,
    )
    return EXIT_OK


def cmd_entry_release(a: argparse.Namespace) -> int:
    """A supervisor frees a form an operator holds; the draft is kept."""
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        tps = a.tps.replace(".", "").strip()
        entry.release_claim(ws, actor, tps, a.contest)
    _result(a, f"TPS {tps} {a.contest}: released", tps=tps, contest=a.contest, released=True)
    return EXIT_OK


def cmd_repeat_mark(a: argparse.Namespace) -> int:
    """A supervisor marks a repeat vote (PSU, PSL, PSS) at a TPS: the form is keyed afresh."""
    from kamarhitung.services import repeat

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        tps = a.tps.replace(".", "").strip()
        rv = repeat.mark_repeat_vote(ws, actor, tps, a.contest, a.kind, a.reason, a.reference)
    if a.json:
        _print_json(rv.to_json())
    else:
        print(
            f"TPS {tps} {a.contest}: {rv.kind} ({rv.reference}) marked; the earlier record "
            f"({rv.previous_state}) is kept, the new form is keyed from empty"
        )
    return EXIT_OK


def cmd_repeat_list(a: argparse.Namespace) -> int:
    from kamarhitung.services import repeat

    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        found = repeat.repeat_votes(ws, a.contest)
    if a.json:
        _print_json([r.to_json() for r in found])
    else:
        for r in found:
            print(f"{r.tps_id}\t{r.contest_id}\t{r.kind}\t{r.reference}\t{r.marked_at}\t{r.reason}")
    return EXIT_OK


# --- end of images assign, entry release -----------------------------------------------------


# --- recap, anomalies, official numbers (selisih) -------------------------------------------


def _maybe_login(ws: Workspace, user: str | None) -> Actor | None:
    """Read-only commands accept --user (then authenticate) but do not need it."""
    return _login(ws, user) if user else None


def _contest_of(ws: Workspace, contest: str | None) -> str:
    ids = [c.id for c in ws.contests()]
    if contest:
        return contest
    if len(ids) == 1:
        return ids[0]
    raise Refused("CLI_NEEDS_CONTEST", contests=", ".join(ids))


def cmd_recap(a: argparse.Namespace) -> int:
    """Write the recap of final records at a level as json, csv or xlsx (``--out -``: stdout)."""
    from kamarhitung.services import recap

    fmt = a.format
    if fmt is None:
        suffix = Path(a.out).suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("json", "csv", "xlsx") else "json"
    with _workspace(a.dir) as ws:
        actor = _maybe_login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        out = sys.stdout if a.out == "-" else Path(a.out)
        res = recap.export_recap(ws, actor, contest, a.level, fmt, out)
    if a.out != "-":
        print(
            f"recap {res.contest} ({res.level}, {res.rows} rows, {res.format}) written to "
            f"{res.path}; fingerprint {res.fingerprint}"
        )
    return EXIT_OK


def cmd_anomalies(a: argparse.Namespace) -> int:
    """The anomaly list of a contest; with --check, exit 1 when there is any."""
    from kamarhitung.services.anomalies import scan_anomalies

    with _workspace(a.dir) as ws:
        _maybe_login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        found = scan_anomalies(ws, contest, include_form_findings=not a.cross_only)
    if a.json:
        _print_json([x.to_json() for x in found])
    else:
        for x in found:
            detail = json.dumps(dict(x.detail), ensure_ascii=False, separators=(",", ":"))
            print(f"{x.tps}\t{x.code}\t{x.level}\t{detail}")
        print(f"{contest}: {len(found)} anomalies", file=sys.stderr)
    return EXIT_CHECK_FAILED if a.check and found else EXIT_OK


def _official_files(paths: list[Path]) -> list[Path]:
    """The files given, a folder standing for the files in it (SIREKAP's one JSON per TPS)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()))
        else:
            out.append(p)
    if not out:
        raise Refused("CLI_NO_FILE_TO_IMPORT")
    return out


def _is_region_file(path: Path) -> bool:
    from kamarhitung.core.official import is_region_file

    try:
        return path.suffix.lower() == ".json" and is_region_file(path.read_bytes())
    except OSError:
        return False


def cmd_official_import(a: argparse.Namespace) -> int:
    """Import the election body's per-TPS numbers; a bad file imports nothing (exit 2)."""
    from kamarhitung.services import official

    paslon_map = a.paslon_map
    if paslon_map and Path(paslon_map).is_file():
        paslon_map = Path(paslon_map).read_text(encoding="utf-8")
    files = _official_files([Path(f) for f in a.files])

    def progress(done: int, total: int) -> None:
        if total >= 500:
            print(f"official import: {done}/{total} files read", file=sys.stderr)

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        if len(files) > 1 or a.dhasil or _is_region_file(files[0]):
            batch = official.import_official_files(
                ws,
                actor,
                files,
                contest=a.contest,
                paslon_map=paslon_map,
                fmt=a.format,
                progress=progress,
                dhasil=a.dhasil,
            )
            if a.json:
                _print_json(batch.to_json())
            else:
                print(
                    f"official numbers of {batch.forms} forms imported from "
                    f"{len(batch.imports)} files ({batch.values} numbers; "
                    f"{batch.candidate_files} candidate files; SIREKAP flags for "
                    f"{batch.flagged} forms)"
                )
            return EXIT_OK
        res = official.import_official(
            ws, actor, files[0], contest=a.contest, paslon_map=paslon_map, fmt=a.format
        )
    if a.json:
        _print_json(res.to_json())
    else:
        print(
            f"{res.file_name}: official numbers of {res.forms} forms imported ({res.values} "
            f"numbers, {res.replaced} forms replaced), import {res.import_id}"
        )
    return EXIT_OK


def cmd_selisih(a: argparse.Namespace) -> int:
    """Differences between the official numbers and our final ones; --summary LEVEL sums them
    per region. A TPS not final yet is not compared (counted on stderr; --include-pending lists
    its official numbers with ours null). With --check, exit 1 when there is a difference."""
    from kamarhitung.services import official

    with _workspace(a.dir) as ws:
        _maybe_login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        rep = official.selisih(ws, contest, include_pending=a.include_pending)
        summary = official.selisih_summary(ws, contest, a.summary) if a.summary else None
        level = a.level or "tps"
        regional, source = (
            official.region_selisih(ws, contest, level) if level != "tps" else (None, "")
        )
        flags = official.flag_counts(ws, contest)
    with_official = rep.compared + len(rep.pending)
    print(
        f"{contest}: official numbers for {with_official} of {rep.tps_total} TPS",
        file=sys.stderr,
    )
    if flags:
        said = ", ".join(f"{k} {v}" for k, v in flags.items())
        print(f"{contest}: SIREKAP's own flags: {said}", file=sys.stderr)
    if regional is not None:
        # INTERFACES.md: at a region level, {"region", "field", "official", "ours"} per
        # difference, over the region's TPS that have official numbers and are final.
        lines = regional
        print(f"{contest}: {level} differences against the {source}", file=sys.stderr)
        if a.json:
            _print_json(lines)
        else:
            for x in lines:
                print(f"{x['region']}\t{x['field']}\tofficial {x['official']}\tours {x['ours']}")
        return EXIT_CHECK_FAILED if a.check and lines else EXIT_OK
    if rep.pending:
        print(
            f"{contest}: {len(rep.pending)} TPS with official numbers are not final yet "
            "and were not compared",
            file=sys.stderr,
        )
    if summary is not None:
        if a.json:
            _print_json([r.to_json() for r in summary])
        else:
            for r in summary:
                diff = ",".join(f"{k}{v:+d}" for k, v in r.difference.items() if v) or "-"
                counts = f"{r.tps_compared}/{r.tps_official}\t{r.tps_different}"
                print(f"{r.code}\t{r.name}\t{counts}\t{diff}")
    elif a.json:
        _print_json([d.to_json() for d in rep.differences])
    else:
        for d in rep.differences:
            print(f"{d.tps}\t{d.field}\tofficial {d.official}\tours {d.ours}")
        print(
            f"{contest}: {len(rep.differences)} differences over {rep.compared} TPS compared",
            file=sys.stderr,
        )
    return EXIT_CHECK_FAILED if a.check and rep.differences else EXIT_OK


# --- end of recap, anomalies, official numbers -----------------------------------------------


# --- keys, bundle, province (services/keys.py, services/bundle.py, services/province.py) ------
#
# Passphrases: KAMARHITUNG_KEY_PASSPHRASE opens a private key (the workspace's keys/key.age, the
# province's identity.age); KAMARHITUNG_CA_PASSPHRASE opens the province CA key (ca-key.age).
# Without them the command prompts (twice for a new one), or refuses when not in a terminal.
# A refused bundle (bundle verify, province import) exits 1 with one sentence naming the file.


def _passphrase(env: str, what: str, *, new: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise Refused("CLI_NO_PASSPHRASE", what=what, env=env)
    first = getpass.getpass(f"passphrase for {what}: ")
    if new and getpass.getpass(f"passphrase for {what} again: ") != first:
        raise Refused("CLI_PASSPHRASES_DIFFER", what=what)
    return first


def _read_input(path: str, what: str, limit: int = 1 << 20) -> bytes:
    p = Path(path)
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise Refused("CLI_CANNOT_READ", file=str(p), what=what, reason=str(e.strerror)) from None
    if len(data) > limit:
        raise Refused("CLI_TOO_LARGE", file=str(p), what=what)
    return data


def _result(a: argparse.Namespace, text: str, **fields: object) -> None:
    """A command's result: its sentence, or with ``--json`` the same facts as one object."""
    if getattr(a, "json", False):
        _print_json(fields)
    else:
        print(text)


def _os_user() -> str:
    try:
        return f"os:{getpass.getuser()}"
    except Exception:  # no login name (a service account): still attribute the act
        return "os:unknown"


def refusal_json(error: Refusal) -> dict[str, object]:
    """A refusal as ``--json`` prints it: ``{"refused": true, "code", "reason", "params"}``
    (INTERFACES.md, "Refusals carry codes"); a master workbook's refusal adds every problem
    (``sheet``, ``row``, ``column``, ``code``, ``text``); a bundle's adds its ``kind``."""
    out: dict[str, object] = {
        "refused": True,
        "code": error.code,
        "reason": error.args[0] if error.args else str(error),
        "params": dict(error.params),
    }
    if isinstance(error, MasterError):
        out["problems"] = [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "code": p.code, "text": p.text}
            for p in error.problems
        ]
    kind = getattr(error, "kind", None)
    if isinstance(kind, str):
        out["kind"] = kind
    return out


JSON_REFUSAL_AS_ENTRY = frozenset({"entry submit"})
"""Commands whose ``--json`` output is a list of per-entry results (INTERFACES.md): a refusal of
the whole command is printed as a list of one result, ``[{"tps": null, "contest": null,
"error", "code"}]``, so that a program reading the list is never handed another shape."""


def _refused(a: argparse.Namespace, error: Refusal) -> Refusal:
    """A refusal of a command: with ``--json``, its code and sentence on stdout first (once)."""
    if getattr(a, "json", False) and not getattr(error, "json_shown", False):
        if getattr(a, "command_name", "") in JSON_REFUSAL_AS_ENTRY:
            _print_json([{"tps": None, "contest": None, "error": str(error), "code": error.code}])
        else:
            _print_json(refusal_json(error))
        error.json_shown = True  # type: ignore[attr-defined]  # main() prints it once
    return error


def _paper_groups(a: argparse.Namespace) -> tuple[tuple[int, int], tuple[str, str]] | None:
    """``--paper``: the two groups typed from the printed report, with their positions."""
    from kamarhitung.core.paper import PaperGroupsError, parse_paper_groups

    if a.paper is None:
        if a.paper_contest is not None:
            raise _refused(a, ServiceError("PAPER_GROUPS_BAD", text="(missing)"))
        return None
    try:
        return parse_paper_groups(a.paper)
    except PaperGroupsError:
        raise _refused(a, ServiceError("PAPER_GROUPS_BAD", text=a.paper)) from None


def _check_paper(
    a: argparse.Namespace,
    preview: paper_service.BundlePreview,
    paper: tuple[tuple[int, int], tuple[str, str]],
) -> paper_service.PaperMatch:
    from kamarhitung.services import paper as paper_service

    try:
        return paper_service.check_paper(preview, paper[0], paper[1], a.paper_contest)
    except ServiceError as e:
        raise _refused(a, e) from None


def _paper_sentence(match: paper_service.PaperMatch) -> str:
    which = "the D.HASIL report" if match.kind == "report" else "the manifest's recap"
    return f"the paper matches {which} fingerprint of {match.contest.contest}"


def cmd_keys_generate(a: argparse.Namespace) -> int:
    from kamarhitung.services import keys

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        pw = _passphrase(keys.KEY_PASSPHRASE_ENV, f"the new key of {a.dir}", new=True)
        req = keys.generate_key(ws, actor, pw, replace=a.replace)
    if a.json:
        _print_json(
            {
                "csr": str(req.csr_path),
                "key": str(req.key_path),
                "public_key_sha256": req.fingerprint,
                "subject": req.subject,
            }
        )
    else:
        print(f"key {req.key_path} (public key SHA-256 {req.fingerprint})")
        print(f"certificate request {req.csr_path}: take it to the province ({req.subject})")
    return EXIT_OK


def cmd_keys_install(a: argparse.Namespace) -> int:
    from kamarhitung.services import keys

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        info = keys.install_certificate(
            ws,
            actor,
            cert_pem=_read_input(a.cert, "the certificate"),
            ca_pem=_read_input(a.ca, "the CA certificate"),
            crl_pem=_read_input(a.crl, "the revocation list"),
            recipient_text=_read_input(a.recipient, "the recipient").decode("utf-8", "replace"),
        )
    if a.json:
        _print_json(info.to_json())
    else:
        print(
            f"installed certificate {info.subject} (serial {info.serial}), valid until "
            f"{info.not_after}; bundles go to {', '.join(info.recipients)}"
        )
    return EXIT_OK


def cmd_keys_status(a: argparse.Namespace) -> int:
    from kamarhitung.services import keys

    with _workspace(a.dir) as ws:
        if a.user:
            _login(ws, a.user)
        st = keys.key_status(ws)
    if a.json:
        _print_json(st.to_json())
    else:
        c = st.certificate
        print(
            f"key: {'yes' if st.has_key else 'no'}; request: {'yes' if st.has_request else 'no'}; "
            + (
                f"certificate {c.subject} until {c.not_after}{' (REVOKED)' if c.revoked else ''}"
                if c
                else "no certificate installed"
            )
        )
    return EXIT_OK


def cmd_bundle_export(a: argparse.Namespace) -> int:
    from kamarhitung.services import bundle, keys

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        pw = _passphrase(keys.KEY_PASSPHRASE_ENV, f"the key of {a.dir}")
        res = bundle.export_bundle(ws, actor, Path(a.out), pw, with_images=a.with_images)
    if a.json:
        _print_json(res.to_json())
    else:
        print(
            f"{res.path}: bundle {res.bundle_id}, sequence {res.sequence}, {res.files} files, "
            f"{res.size:,} bytes, SHA-256 {res.sha256}"
        )
        if res.missing_images:
            print(
                f"{len(res.missing_images)} images are missing from the image store and were "
                "left out",
                file=sys.stderr,
            )
    return EXIT_OK


def cmd_bundle_verify(a: argparse.Namespace) -> int:
    import datetime as dt

    from kamarhitung.core import keys as corekeys
    from kamarhitung.core.bundle import BundleError
    from kamarhitung.services import bundle, keys, province
    from kamarhitung.services import paper as paper_service

    data = _read_input(a.identity, "the identity")
    pw = _passphrase(keys.KEY_PASSPHRASE_ENV, a.identity) if corekeys.is_wrapped(data) else None
    idents = bundle.load_identities(data, pw, what=a.identity)
    try:
        ca = corekeys.load_certificate(_read_input(a.trust, "the CA"), what=a.trust)
        corekeys.check_ca(ca, what=a.trust)
        crl = corekeys.load_crl(_read_input(a.crl, "the CRL"), what=a.crl) if a.crl else None
    except corekeys.KeyFileError as e:
        raise Refused(e.code, **e.params) from None
    paper = _paper_groups(a)
    match: paper_service.PaperMatch | None = None
    try:
        if paper is None:
            vb = bundle.verify_bundle(Path(a.file), idents, ca, crl, now=dt.datetime.now(dt.UTC))
        else:
            pkeys = province.ProvinceKeys(ca=ca, crl=crl, identities=tuple(idents))
            preview = paper_service.preview_bundle(
                Path(a.file), pkeys, dt.datetime.now(dt.UTC), whole=True
            )
            assert preview.verified is not None  # read whole
            vb = preview.verified
            match = _check_paper(a, preview, paper)
    except BundleError as e:
        if a.json:
            _print_json({"valid": False, "reason": str(e), "code": e.code, "kind": e.kind})
        print(f"kamarhitung: {a.file}: {e}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    if a.json:
        out = vb.to_json()
        if match is not None:
            out["paper"] = {"contest": match.contest.contest, "fingerprint": match.kind}
        _print_json(out)
    else:
        m = vb.manifest
        rev = "revocation checked" if vb.revocation_checked else "revocation NOT checked (no --crl)"
        print(
            f"{a.file}: valid: bundle {m.bundle_id} of KAB-{m.kabupaten} {m.kabupaten_name}, "
            f"sequence {m.sequence}, created {m.created_at}, {len(m.files)} files, signed by "
            f"{corekeys.describe(vb.signer)}, {rev}"
        )
        if match is not None:
            print(f"{a.file}: {_paper_sentence(match)}")
    return EXIT_OK


def cmd_province_ca_init(a: argparse.Namespace) -> int:
    import datetime as dt

    from kamarhitung.services import keys, province

    ca_pw = _passphrase(keys.CA_PASSPHRASE_ENV, f"the CA key in {a.pdir}", new=True)
    id_pw = _passphrase(keys.KEY_PASSPHRASE_ENV, f"the identity in {a.pdir}", new=True)
    info = province.ca_init(
        Path(a.pdir),
        name=a.name,
        ca_passphrase=ca_pw,
        identity_passphrase=id_pw,
        now=dt.datetime.now(dt.UTC).astimezone(),
    )
    if a.json:
        _print_json(info.to_json())
    else:
        print(
            f"CA {info.subject} in {a.pdir} (ca.pem, ca-key.age, crl.pem, identity.age, "
            f"recipient.txt); recipient {info.recipient}"
        )
    return EXIT_OK


def cmd_province_issue(a: argparse.Namespace) -> int:
    import datetime as dt

    from kamarhitung.services import keys, province

    csr = _read_input(a.csr, "the certificate request")
    out = Path(a.out)
    if out.exists():
        raise Refused("CLI_FILE_EXISTS", file=str(out))
    pw = _passphrase(keys.CA_PASSPHRASE_ENV, f"the CA key in {a.pdir}")
    issued = province.issue(Path(a.pdir), csr, pw, now=dt.datetime.now(dt.UTC), days=a.days)
    keys.atomic_write(out, issued.pem)
    if a.json:
        _print_json({**issued.to_json(), "path": str(out)})
    else:
        print(
            f"{out}: certificate for KAB-{issued.kabupaten} ({issued.subject}), serial "
            f"{issued.serial}, valid until {issued.not_after}"
        )
    return EXIT_OK


def cmd_province_revoke(a: argparse.Namespace) -> int:
    import datetime as dt

    from kamarhitung.services import keys, province

    target: bytes | str = (
        _read_input(a.cert, "the certificate") if Path(a.cert).is_file() else a.cert
    )
    pw = _passphrase(keys.CA_PASSPHRASE_ENV, f"the CA key in {a.pdir}")
    upd = province.revoke(Path(a.pdir), target, pw, now=dt.datetime.now(dt.UTC))
    if a.json:
        _print_json(upd.to_json())
    else:
        print(
            f"revoked serial {upd.serial}; {Path(a.pdir) / 'crl.pem'} number {upd.crl_number} "
            f"lists {upd.revoked} certificates, valid until {upd.next_update}: give it to "
            "every kabupaten and to `province import --crl`"
        )
    return EXIT_OK


def cmd_province_crl(a: argparse.Namespace) -> int:
    import datetime as dt

    from kamarhitung.services import keys, province

    pw = _passphrase(keys.CA_PASSPHRASE_ENV, f"the CA key in {a.pdir}")
    upd = province.refresh_crl(Path(a.pdir), pw, now=dt.datetime.now(dt.UTC))
    _result(
        a,
        f"{Path(a.pdir) / 'crl.pem'} re-signed (number {upd.crl_number}, {upd.revoked} revoked), "
        f"valid until {upd.next_update}",
        crl=str(Path(a.pdir) / "crl.pem"),
        crl_number=upd.crl_number,
        revoked=upd.revoked,
        next_update=upd.next_update,
    )
    return EXIT_OK


def cmd_province_init(a: argparse.Namespace) -> int:
    from kamarhitung.core import keys as corekeys
    from kamarhitung.services import keys, province

    pdir = Path(a.pdir)
    if (pdir / "kamarhitung.sqlite").exists():
        raise Refused("PROVINCE_WORKSPACE_EXISTS", folder=str(pdir))
    ca_pem = _read_input(a.ca, "the CA certificate")
    ident = _read_input(a.identity, "the identity")
    crl_path = Path(a.crl) if a.crl else Path(a.ca).with_name("crl.pem")
    crl_pem = (
        _read_input(str(crl_path), "the revocation list") if a.crl or crl_path.is_file() else None
    )
    id_pw = _passphrase(keys.KEY_PASSPHRASE_ENV, a.identity) if corekeys.is_wrapped(ident) else None
    password = _password("KAMARHITUNG_PASSWORD", f"password for the new admin {a.admin}: ")
    info = province.init_province(
        pdir,
        admin=a.admin,
        password=password,
        ca_pem=ca_pem,
        identity_data=ident,
        identity_passphrase=id_pw,
        crl_pem=crl_pem,
    )
    if a.json:
        _print_json(info.to_json())
    else:
        print(
            f"province workspace {pdir}: trusts {info.ca_subject}; decrypts for "
            f"{', '.join(info.recipients)}; "
            + ("revocation list installed" if info.crl else "no revocation list (use --crl)")
        )
    return EXIT_OK


def cmd_province_import(a: argparse.Namespace) -> int:
    from kamarhitung.core.bundle import BundleError
    from kamarhitung.services import keys, province
    from kamarhitung.services import paper as paper_service

    paper = _paper_groups(a)
    if paper is not None and len(a.files) != 1:
        raise _refused(a, ServiceError("PAPER_ONE_FILE", count=len(a.files)))
    with _workspace(a.pdir) as ws:
        actor = _login(ws, a.user) if a.user else None
        province.require_province(ws)
        pw = (
            _passphrase(keys.KEY_PASSPHRASE_ENV, f"the identity of {a.pdir}")
            if province.identity_is_wrapped(ws)
            else None
        )
        crl = _read_input(a.crl, "the revocation list") if a.crl else None
        pkeys = province.load_province_keys(ws, pw, crl_pem=crl)
        results: list[dict[str, object]] = []
        failed = False
        match: paper_service.PaperMatch | None = None
        for f in a.files:
            try:
                if paper is not None:
                    preview = paper_service.preview_bundle(Path(f), pkeys, ws.clock.now())
                    match = _check_paper(a, preview, paper)
                r = province.import_bundle(ws, pkeys, Path(f), actor=actor, user_name=_os_user())
            except BundleError as e:
                failed = True
                results.append(
                    {"file": f, "imported": False, "reason": str(e), "code": e.code, "kind": e.kind}
                )
                print(f"kamarhitung: {f}: refused: {e}", file=sys.stderr)
                continue
            confirmed: bool | None = None
            if match is not None and match.kind == "report":
                got = paper_service.imported_paper_fingerprint(
                    ws, r.kabupaten, match.contest.contest
                )
                confirmed = got == match.contest.report
                failed = failed or not confirmed
            paper_json: dict[str, object] = (
                {}
                if match is None
                else {
                    "paper": {
                        "contest": match.contest.contest,
                        "fingerprint": match.kind,
                        "imported_matches": confirmed,
                    }
                }
            )
            results.append({"imported": True, **r.to_json(), **paper_json})
            if match is not None and not a.json:
                print(f"{f}: {_paper_sentence(match)}")
            if confirmed is False:
                print(
                    f"kamarhitung: {f}: WARNING: the imported recap does not give the paper's "
                    "fingerprint (the bundle's recap is inconsistent): check this bundle",
                    file=sys.stderr,
                )
            if not a.json:
                cov = ", ".join(
                    f"{c} {s.tps_final}/{s.tps_total} final" for c, s in r.contests.items()
                )
                sup = f", supersedes sequence {r.supersedes}" if r.supersedes else ""
                warn = "" if r.audit_intact else "; WARNING: its audit chain is broken"
                if not r.revocation_checked:
                    warn += "; revocation not checked (no CRL: province import --crl)"
                head = f", chain head {r.audit_head}" if r.audit_head else ""
                print(
                    f"{f}: imported KAB-{r.kabupaten} {r.kabupaten_name}, sequence "
                    f"{r.sequence}{sup} ({cov}){head}{warn}"
                )
    if a.json:
        _print_json(results)
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def cmd_province_recap(a: argparse.Namespace) -> int:
    from kamarhitung.services import province

    with _workspace(a.pdir) as ws:
        actor = _login(ws, a.user) if a.user else None
        out = sys.stdout if a.out == "-" else Path(a.out)
        rec = province.write_province_recap(
            ws, actor, a.contest, a.level, a.format, out, user_name=_os_user()
        )
    if a.out != "-":
        total = rec["total"]
        print(
            f"{a.out}: {a.contest} by {a.level}, {len(rec['rows'])} rows "
            f"({total['tps_final']}/{total['tps_total']} TPS final), fingerprint "
            f"{rec['fingerprint']}"
        )
    return EXIT_OK


def cmd_province_list(a: argparse.Namespace) -> int:
    from kamarhitung.services import province

    with _workspace(a.pdir) as ws:
        if a.user:
            _login(ws, a.user)
        rows = province.list_imports(ws, with_manifest=a.manifest)
    if a.json:
        _print_json(rows)
    else:
        for r in rows:
            print(
                f"KAB-{r['kabupaten']}\t{r['kabupaten_name']}\tsequence {r['sequence']}\t"
                f"{r['created_at']}\timported {r['imported_at']} by {r['imported_by']}\t"
                f"{'current' if r['current'] else 'superseded'}\t{r['bundle_id']}"
            )
    return EXIT_OK


# --- end of keys, bundle, province -----------------------------------------------------------


# --- audit list, audit export (services/audit_log.py) ------------------------------------------
# Reading the trail needs a supervisor or an admin (--user); each export is itself an audit event.


def _audit_time(value: str | None, option: str) -> dt.datetime | None:
    """An ISO date or time from the command line; a time without an offset is local time."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise Refused("CLI_NOT_A_TIME", option=option, value=value) from None


def _audit_filter(a: argparse.Namespace) -> audit_log.AuditFilter:
    return audit_log.AuditFilter(
        since=_audit_time(a.since, "--since"),
        until=_audit_time(a.until, "--until"),
        user=a.by,
        action=a.action,
        outcome=a.outcome,
        target=a.target,
        text=a.text,
    )


def cmd_audit_list(a: argparse.Namespace) -> int:
    """The events that match, newest first, one page (``--limit``; ``--before SEQ`` pages on)."""
    flt = _audit_filter(a)
    if a.limit < 1:
        raise Refused("CLI_LIMIT", limit=a.limit)
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        page = audit_log.query_events(
            ws, actor, flt, limit=min(a.limit, audit_log.MAX_PAGE), cursor=a.before
        )
        total = audit_log.count_events(ws, actor, flt)
    if a.json:
        _print_json(
            {
                "total": total,
                "events": [e.to_json() for e in page.events],
                "next_before": page.next_cursor,
            }
        )
        return EXIT_OK
    for e in page.events:
        who = f"{e.user or '-'} ({e.role})" if e.role else (e.user or "-")
        print(
            f"{e.seq}\t{e.at}\t{who}\t{e.action}\t{e.target or '-'}\t{e.outcome}\t{e.details_json}"
        )
    more = f"; older: --before {page.next_cursor}" if page.next_cursor is not None else ""
    print(f"{len(page.events)} of {total} matching events{more}", file=sys.stderr)
    return EXIT_OK


def cmd_audit_export(a: argparse.Namespace) -> int:
    """The whole trail as JSON lines, with the hashes, for verification elsewhere."""
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        res = audit_log.export_jsonl(ws, actor, Path(a.out))
    if a.json:
        _print_json(res.to_json())
    else:
        print(
            f"{res.path}: {res.events} audit events (seq {res.first_seq} to {res.last_seq}), "
            f"{res.size:,} bytes, SHA-256 {res.sha256}; recorded as audit event {res.export_seq}"
        )
    return EXIT_OK


# --- end of audit list, audit export -----------------------------------------------------------


# --- reports, signatures, region finalisation (services/reports.py, services/signing.py) ------
#
# report     a PDF report (recap in the D.HASIL layout, TPS annex, anomalies, progress); --sign
#            signs it with the workspace key (KAMARHITUNG_KEY_PASSPHRASE); a kecamatan level
#            without --region writes every kecamatan's report into the folder --out.
# report-set every kecamatan's recap, the kabupaten's recap and its TPS annex into a folder.
# verify-pdf checks every signature of a PDF against --trust (and --crl): 0 valid, 1 not.
# region     finalise / reopen (with --reason) a kecamatan or the kabupaten for a contest; status.


def _report_line(path: Path, res: object) -> str:
    from kamarhitung.services.reports import ReportResult

    assert isinstance(res, ReportResult)
    state = "DRAF" if res.draft else "FINAL"
    signed = f", signed by {res.signer}" if res.signer else ""
    return (
        f"{path}: {res.rendered.pages} pages, {state}, fingerprint {res.fingerprint[:16]}…, "
        f"sha256 {res.sha256}{signed}"
    )


def cmd_report(a: argparse.Namespace) -> int:
    """Write a report (or, for every kecamatan, one per kecamatan into a folder)."""
    from kamarhitung.services import reports

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        passphrase = (
            _passphrase("KAMARHITUNG_KEY_PASSPHRASE", f"the key of {a.dir}") if a.sign else None
        )
        signer = reports.load_signer(ws, passphrase) if passphrase is not None else None
        out = Path(a.out)
        if a.level == "kecamatan" and not a.region:
            if out.suffix.lower() == ".pdf":
                raise Refused("CLI_REPORTS_NEED_FOLDER")
            codes = [
                r.code for r in reports.region_states(ws, contest) if r.level.value == "kecamatan"
            ]
            requests = [
                reports.make_request(ws, a.kind, contest, "kecamatan", c, a.paper) for c in codes
            ]
            targets = [out / r.file_name() for r in requests]
        else:
            requests = [reports.make_request(ws, a.kind, contest, a.level, a.region, a.paper)]
            targets = [out / requests[0].file_name() if out.is_dir() else out]
        results = []
        for req, target in zip(requests, targets, strict=True):
            res = reports.make_report(ws, actor, req)
            if signer is not None:
                res = reports.sign_report(ws, actor, res, signer=signer)
            reports.save_report(ws, actor, res, target)
            results.append((target, res))
    if a.json:
        _print_json([{**r.to_json(), "file": str(t)} for t, r in results])
    else:
        for t, r in results:
            print(_report_line(t, r))
    return EXIT_OK


def cmd_report_set(a: argparse.Namespace) -> int:
    """Every kecamatan's recap, the kabupaten's recap and its TPS annex, into a folder."""
    from kamarhitung.services import reports

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        passphrase = (
            _passphrase("KAMARHITUNG_KEY_PASSPHRASE", f"the key of {a.dir}") if a.sign else None
        )
        requests = reports.set_requests(ws, contest, a.paper)

        def progress(done: int, total: int, name: str) -> None:
            print(f"{done}/{total} {name}", file=sys.stderr)

        paths = reports.make_set(
            ws, actor, requests, Path(a.out), passphrase=passphrase, progress=progress
        )
    if a.json:
        _print_json([str(p) for p in paths])
    else:
        print(f"{len(paths)} reports written to {a.out}" + (" and signed" if a.sign else ""))
    return EXIT_OK


def _yes(v: bool) -> str:
    return "yes" if v else "NO"


def cmd_verify_pdf(a: argparse.Namespace) -> int:
    """Check every signature of a PDF against the trusted CA (and a CRL): 0 valid, 1 not."""
    from cryptography import x509

    from kamarhitung.core import keys as corekeys
    from kamarhitung.services.signing import verify_pdf

    data = _read_input(a.file, "the PDF", limit=1 << 30)
    trust_data = _read_input(a.trust, "the CA certificate")
    try:
        trust = x509.load_pem_x509_certificates(trust_data)
    except ValueError:
        try:
            trust = [x509.load_der_x509_certificate(trust_data)]
        except ValueError:
            raise Refused("NOT_A_CERTIFICATE", file=a.trust) from None
    crl = None
    if a.crl:
        try:
            crl = corekeys.load_crl(_read_input(a.crl, "the CRL"), what=a.crl)
        except corekeys.KeyFileError as e:
            raise Refused(e.code, **e.params) from None
    check = verify_pdf(data, trust, crl)
    if a.json:
        _print_json({**check.to_json(), "file": a.file})
    else:
        n = len(check.signatures)
        for i, sig in enumerate(check.signatures, 1):
            if sig.whole_file:
                changed = "no"
            else:
                allowed = "allowed" if sig.changes_allowed else "NOT allowed"
                changed = f"yes, {sig.changes_after} ({allowed} by the signature)"
            if sig.revoked:
                revocation = f"REVOKED (by {a.crl})"
            elif sig.revocation_checked:
                revocation = f"checked against {a.crl}: not revoked"
            else:
                revocation = "not checked (no --crl)"
            print(f"{a.file}: signature {i} of {n} (field {sig.field})")
            print(f"  signed by: {sig.signer}  [{sig.subject}]")
            print(f"  signed at: {sig.signed_at or 'unknown'} (the signer's clock)")
            print(f"  file changed since signing: {changed}")
            print(
                f"  intact: {_yes(sig.intact)}  valid: {_yes(sig.valid)}  "
                f"trusted: {_yes(sig.trusted)}  revocation: {revocation}"
            )
            if sig.problem:
                print(f"  problem: {sig.problem}")
        for name in check.empty_fields:
            print(f"{a.file}: signature field {name!r} is empty (not signed)")
    if check.ok:
        if not a.json:
            print(f"{a.file}: VALID ({len(check.signatures)} signature(s), sha256 {check.sha256})")
        return EXIT_OK
    reason = check.error or next(
        (
            s.problem
            or ("changed after signing" if not s.intact else "")
            or ("the signature does not verify" if not s.valid else "")
            or ("revoked" if s.revoked else "")
            or ("not issued by the trusted CA (or not valid)" if not s.trusted else "")
            or "changed after signing in a way the signature does not allow"
            for s in check.signatures
            if not s.ok
        ),
        "not valid",
    )
    print(f"{a.file}: NOT VALID: {reason}", file=sys.stderr)
    return EXIT_CHECK_FAILED


def cmd_region_finalise(a: argparse.Namespace) -> int:
    from kamarhitung.services import reports

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        st = reports.finalise_region(ws, actor, contest, a.region)
    if a.json:
        _print_json(st.to_json())
    else:
        print(f"{st.level.value} {st.name} ({a.region}) finalised for {contest}")
    return EXIT_OK


def cmd_region_reopen(a: argparse.Namespace) -> int:
    from kamarhitung.services import reports

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        st = reports.reopen_region(ws, actor, contest, a.region, a.reason or "")
    if a.json:
        _print_json(st.to_json())
    else:
        print(f"{st.level.value} {st.name} ({a.region}) reopened for {contest}")
    return EXIT_OK


def cmd_region_status(a: argparse.Namespace) -> int:
    from kamarhitung.services import reports

    with _workspace(a.dir) as ws:
        _maybe_login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        states = reports.region_states(ws, contest)
    if a.json:
        _print_json([r.to_json() for r in states])
    else:
        for r in states:
            fin = f"FINAL ({r.finalisation.by}, {r.finalisation.at})" if r.finalisation else "draft"
            print(f"{r.code}\t{r.level.value}\t{r.name}\t{r.tps_final}/{r.tps_total}\t{fin}")
    return EXIT_OK


# --- end of reports, signatures, region finalisation -----------------------------------------


# --- data quality: the blind re-key audit (services/quality.py) -------------------------------


def cmd_quality_sample(a: argparse.Namespace) -> int:
    from kamarhitung.services import quality

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        if a.forms is None and a.target is None:
            raise Refused("CLI_FORMS_OR_TARGET")
        smp = quality.draw(ws, actor, contest, a.seed, a.forms, target=a.target)
    if a.json:
        _print_json(smp.to_json())
    else:
        print(
            f"{len(smp.tps)} of {smp.population} final forms of {contest} drawn for the audit "
            f"(seed {smp.seed!r}, recap fingerprint {smp.fingerprint})"
        )
        for t in smp.tps:
            print(t)
        print(f"To redraw: {smp.instructions}")
    return EXIT_OK


def cmd_quality_size(a: argparse.Namespace) -> int:
    from kamarhitung.core.quality import fields_needed
    from kamarhitung.services import quality

    with _workspace(a.dir) as ws:
        contest = _contest_of(ws, a.contest)
        forms = quality.size_for_target(ws, contest, a.target, a.expect)
        per_form = len(ws.form_spec(contest).field_ids)
    out = {
        "contest": contest,
        "target_per_10000": a.target,
        "expected_per_10000": a.expect,
        "fields": fields_needed(a.target, a.expect),
        "fields_per_form": per_form,
        "forms": forms,
    }
    if a.json:
        _print_json(out)
    else:
        print(
            f"{forms} forms ({out['fields']} fields) let {contest} state a residual rate of at "
            f"most {a.target} per 10,000 fields (95%) if the audit finds "
            + (f"{a.expect} errors per 10,000 fields" if a.expect else "no error")
        )
    return EXIT_OK


def cmd_quality_report(a: argparse.Namespace) -> int:
    from kamarhitung.services import quality, reports

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        rep = quality.report(ws, actor, contest)
        if a.pdf:
            req = reports.make_request(ws, "quality", contest, "kabupaten")
            res = reports.make_report(ws, actor, req)
            reports.save_report(ws, actor, res, Path(a.pdf))
    doc = rep.to_json()
    if a.json:
        _print_json(doc)
    else:
        lo, hi = rep.rate.ci95
        print(
            f"{contest}: {rep.forms} forms and {rep.fields} fields audited, "
            f"{len(rep.differences)} differences ({rep.undecided} undecided), {rep.errors} "
            f"confirmed errors: {rep.rate.per_10000:.2f} per 10,000 fields, "
            f"95% interval {lo:.2f} to {hi:.2f}"
        )
        for d in rep.differences:
            print(f"{d.tps_id}\t{d.field}\tfinal {d.final}\taudit {d.audit}\t{d.verdict or '-'}")
    return EXIT_OK


def _field_values(items: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        fid, sep, value = item.partition("=")
        if not sep or not value.strip().isdigit():
            raise Refused("CLI_BAD_FIELD_VALUE", item=item)
        out[fid.strip()] = int(value)
    return out


def cmd_quality_decide(a: argparse.Namespace) -> int:
    from kamarhitung.services import quality

    values = _field_values(a.value or [])
    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        contest = _contest_of(ws, a.contest)
        res = quality.decide(
            ws,
            actor,
            a.tps,
            contest,
            values,
            a.reason or "",
            accept_findings_note=a.accept_note,
        )
    if a.json:
        _print_json(res.to_json())
    else:
        for f, v in sorted(res.verdicts.items()):
            print(f"{res.tps_id}\t{f}\t{v}")
        if res.corrected:
            print(f"final record corrected: {', '.join(res.corrected)}")
        for code in res.reopened:
            print(f"region {code} reopened")
    return EXIT_OK


def cmd_quality_operators(a: argparse.Namespace) -> int:
    from kamarhitung.services import quality

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        acc = quality.operator_accuracy(ws, actor)
    if a.json:
        _print_json([o.to_json() for o in acc])
    else:
        for o in acc:
            lo, hi = o.rate.ci95
            print(
                f"{o.user}\t{o.fields} fields\t{o.rate.errors} errors\t"
                f"{o.rate.per_10000:.2f} per 10,000 (95% {lo:.2f}..{hi:.2f})"
            )
    return EXIT_OK


def cmd_quality_pairing(a: argparse.Namespace) -> int:
    from kamarhitung.services import quality

    with _workspace(a.dir) as ws:
        actor = _login(ws, a.user)
        quality.set_pairing(ws, actor, a.state == "on")
    _result(a, f"pairing of operators for second entries: {a.state}", pairing=a.state == "on")
    return EXIT_OK


def cmd_quality_province(a: argparse.Namespace) -> int:
    from kamarhitung.services import province

    with _workspace(a.dir) as ws:
        _maybe_login(ws, a.user)
        rows = province.province_overview(ws)
    if a.json:
        _print_json(rows)
    else:
        for r in rows:
            figures = r["quality"]
            assert isinstance(figures, dict)
            if not figures:
                print(f"{r['kabupaten']}\t{r['kabupaten_name']}\tno audit")
            for contest, f in sorted(figures.items()):
                print(
                    f"{r['kabupaten']}\t{r['kabupaten_name']}\t{contest}\t{f.get('fields')} "
                    f"fields\t{f.get('errors')} errors\t{f.get('rate_per_10000')} per 10,000 "
                    f"(95% {f.get('ci95')})"
                )
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------


# === the commands, declared once =============================================================
#
# Every command is one row of COMMANDS: its name (a path of words: "province import"), its help,
# its handler, the role it needs (documentation: the services enforce it) and its arguments, as
# given to argparse. The parser (build_parser), the command list main.py dispatches on
# (SUBCOMMANDS) and the README's table (commands_markdown) are all made from it.


# --- the room (ROOM.md) -----------------------------------------------------------------------


def _say(m: str) -> None:
    print(f"room: {m}", file=sys.stderr)


def cmd_room_host(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    if not a.user:
        raise Refused("CLI_NEEDS_ADMIN")
    pw = _password("KAMARHITUNG_PASSWORD", f"password for {a.user}: ")
    path = Path(a.dir)
    hosted = room.make_host(
        path, a.user, pw, listen=a.listen, port=a.port, allow=a.allow, progress=_say
    )
    if a.detach:
        room.serve_detached(path)
        pid = room.cluster_of(path).pid() or hosted.pid
        if a.json:
            _print_json({"host": hosted.listen, "port": hosted.port, "pid": pid})
        else:
            print(f"the room is open on {hosted.listen}:{hosted.port} (database pid {pid})")
        return EXIT_OK
    if a.json:
        _print_json({"host": hosted.listen, "port": hosted.port, "pid": hosted.pid})
        sys.stdout.flush()
    return room.serve(path, progress=_say)


def cmd_room_serve(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    return room.serve(Path(a.dir), progress=_say)


def cmd_room_code(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    if not a.user:
        raise Refused("CLI_NEEDS_ADMIN")
    pw = _password("KAMARHITUNG_PASSWORD", f"password for {a.user}: ")
    code = room.new_code(Path(a.dir), a.user, pw)
    expires = code.expires_at.isoformat(timespec="seconds")
    if a.json:
        _print_json({"code": code.code, "expires_at": expires})
    else:
        print(f"{code.code}  (one station, valid until {expires})")
    return EXIT_OK


def cmd_room_join(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    name = room.join(Path(a.dir), a.host, a.port, a.code, name=a.name)
    if a.json:
        _print_json({"station": name, "host": a.host, "port": a.port})
    else:
        print(f"{a.dir} is now station {name} of the room at {a.host}:{a.port}")
    return EXIT_OK


def cmd_room_stop(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    if not a.user:
        raise Refused("CLI_NEEDS_ADMIN")
    pw = _password("KAMARHITUNG_PASSWORD", f"password for {a.user}: ")
    was = room.stop(Path(a.dir), a.user, pw)
    _result(
        a,
        "the room's database is stopped" if was else "the room's database was not running",
        stopped=was,
    )
    return EXIT_OK


def cmd_room_status(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    st = room.status(Path(a.dir))
    if a.json:
        _print_json(st)
    else:
        print(f"engine: {st['engine']}")
        for stn in st.get("stations", []):  # type: ignore[attr-defined]
            print(f"  {stn['name']}  {stn['address'] or '-'}  last seen {stn['last_seen'] or '-'}")
    return EXIT_OK


def cmd_room_export(a: argparse.Namespace) -> int:
    from kamarhitung.services import room

    if not a.user:
        raise Refused("CLI_NEEDS_ADMIN")
    pw = _password("KAMARHITUNG_PASSWORD", f"password for {a.user}: ")
    res = room.export(Path(a.dir), Path(a.out), a.user, pw)
    if a.json:
        _print_json(res)
    else:
        print(f"wrote {res['file']} ({res['rows']} rows, sha256 {res['sha256']})")
    return EXIT_OK


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a command: its flags (or its name) and ``add_argument``'s options."""

    flags: tuple[str, ...]
    options: Mapping[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True, slots=True)
class Group:
    """A command that holds subcommands (``users``, ``province``...)."""

    name: str
    help: str
    dest: str
    """The attribute of the parsed arguments that names the subcommand chosen."""


@dataclass(frozen=True, slots=True)
class Command:
    """One command: what it is called, what it does, who may run it, what it takes."""

    name: str
    help: str | None
    handler: Callable[[argparse.Namespace], int]
    role: str
    """none (no account), any (any user, or none where --user is optional), operator,
    supervisor, supervisor|admin, admin, province (a province CA folder or workspace)."""
    args: tuple[Arg, ...] = ()
    aliases: tuple[str, ...] = ()


ROOM_PORT = 5433
"""The room's default port (services/room.py DEFAULT_PORT; a test keeps them equal)."""

GROUPS: tuple[Group, ...] = (
    Group("users", "manage users", "users_cmd"),
    Group("entry", "entries", "entry_cmd"),
    Group("audit", "the audit trail", "audit_cmd"),
    Group("images", "form images", "images_cmd"),
    Group("official", "the election body's per-TPS numbers", "official_cmd"),
    Group("keys", "the workspace's signing key and certificate", "keys_cmd"),
    Group("bundle", "the export bundle for the province", "bundle_cmd"),
    Group("province", "the province: CA, province workspace, imports", "province_cmd"),
    Group("region", "finalise or reopen a kecamatan or the kabupaten", "region_cmd"),
    Group("quality", "data quality: the blind re-key audit", "quality_cmd"),
    Group("repeat", "repeat votes (PSU, PSL, PSS)", "repeat_cmd"),
    Group("room", "several keying stations on one LAN", "room_cmd"),
)
"""The commands that hold subcommands (``users``, ``province``...): their help and the
attribute that names the subcommand chosen."""

COMMANDS: tuple[Command, ...] = (
    Command(
        "demo",
        "create a demo workspace",
        cmd_demo,
        "none",
        (
            arg("dir"),
            arg("--tps", default=300, type=int),
            arg("--seed", default=1, type=int),
            arg("--entries", default="none", choices=("none", "mixed")),
            arg(
                "--election",
                default="pilkada",
                choices=("pilkada", "pemilu", "tunggal"),
                help="pilkada: gubernur and bupati/walikota; pemilu: presiden (the printed 2024 form); tunggal: the bupati/walikota contest has one pair against the empty column (kolom kosong)",
            ),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "master-template",
        "write an empty master workbook",
        cmd_master_template,
        "none",
        (arg("file"), arg("--json", action="store_true")),
    ),
    Command(
        "init",
        "a new workspace from a master workbook",
        cmd_init,
        "none",
        (
            arg("dir"),
            arg("--master", required=True),
            arg("--admin", required=True),
            arg("--election"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "users add",
        None,
        cmd_users_add,
        "admin",
        (
            arg("dir"),
            arg("--user", required=True),
            arg("--name", required=True),
            arg("--role", choices=("operator", "supervisor", "admin"), required=True),
            arg("--full-name", default=""),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "users list",
        None,
        cmd_users_list,
        "any",
        (
            arg("dir"),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "users deactivate",
        "disable an account: it can no longer log in (admin)",
        cmd_users_set_active,
        "admin",
        (
            arg("dir"),
            arg("--user", required=True),
            arg("--name", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "users activate",
        "enable a disabled account again (admin)",
        cmd_users_set_active,
        "admin",
        (
            arg("dir"),
            arg("--user", required=True),
            arg("--name", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "entry submit",
        None,
        cmd_entry_submit,
        "operator",
        (
            arg("dir"),
            arg("file"),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "entry show",
        "both entries of a form (supervisors only)",
        cmd_entry_show,
        "supervisor",
        (
            arg("dir"),
            arg("--tps", required=True),
            arg("--contest", required=True),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "entry release",
        "free a form an operator holds (supervisors; the draft is kept)",
        cmd_entry_release,
        "supervisor",
        (
            arg("dir"),
            arg("--tps", required=True),
            arg("--contest", required=True),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "status",
        "counts of forms per state",
        cmd_status,
        "any",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "audit verify",
        None,
        cmd_audit_verify,
        "any",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
            arg(
                "--head",
                help="the chain head printed on a report or carried by a bundle: the trail must reach it",
                metavar="SEQ:HASH",
            ),
        ),
    ),
    Command(
        "audit list",
        "audit events, newest first (supervisors and admins)",
        cmd_audit_list,
        "supervisor|admin",
        (
            arg("dir"),
            arg("--user", required=True, help="who reads (a supervisor or an admin)"),
            arg("--by", help="only events of this user name"),
            arg("--action", help="only actions starting with this (entry)"),
            arg("--outcome", help="only this outcome (ok, wrong_password...)"),
            arg("--target", help="only targets containing this text"),
            arg("--text", help="this text anywhere in the event"),
            arg("--since", help="at or after this ISO date or time"),
            arg("--until", help="before this ISO date or time"),
            arg("--limit", default=100, type=int, help="events per page (default 100)"),
            arg("--before", type=int, help="events older than this seq"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "audit export",
        "the whole trail as JSON lines with its hashes",
        cmd_audit_export,
        "supervisor|admin",
        (
            arg("dir"),
            arg("--out", required=True, help="the .jsonl file to write (must not exist)"),
            arg("--user", required=True, help="who exports (a supervisor or an admin)"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "backup",
        "an online backup of the workspace database",
        cmd_backup,
        "any",
        (
            arg("dir"),
            arg("--user", help="a supervisor or an admin (required)"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "restore",
        "put a backup in place as the workspace database (admin)",
        cmd_restore,
        "admin",
        (
            arg("backup"),
            arg("dir"),
            arg("--user", help="an admin (required)"),
            arg(
                "--force",
                action="store_true",
                help="a room: restore even while stations are connected (their connections are "
                "cut; they reconnect to the restored room)",
            ),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images import",
        "import form images (files or folders: JPEG, PNG, TIFF, PDF), matched by TPS id",
        cmd_images_import,
        "any",
        (
            arg("dir"),
            arg("paths", nargs="+", metavar="PATH"),
            arg("--user"),
            arg("--contest", help="the contest of every imported image"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images unmatched",
        "images waiting to be assigned to a TPS",
        cmd_images_unmatched,
        "any",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images missing",
        "form images whose stored file is gone (exit 1 if any)",
        cmd_images_missing,
        "any",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images list",
        "the images of one TPS, per contest and page",
        cmd_images_list,
        "any",
        (
            arg("dir"),
            arg("--tps", required=True, help="the 13-digit TPS id (dots allowed)"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images render",
        "render the demo's synthetic form photos up front",
        cmd_images_render,
        "any",
        (
            arg("dir"),
            arg("--workers", default=2, type=int),
            arg("--tps", action="append", default=[], help="only this TPS (repeatable)"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "images assign",
        "place a form image at a TPS (see `images unmatched` for ids)",
        cmd_images_assign,
        "any",
        (
            arg("dir"),
            arg("image_id", type=int, metavar="IMAGE_ID"),
            arg("--tps", required=True),
            arg("--contest", help="only this contest (default: every contest)"),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "recap",
        "the recap of final records (json, csv or xlsx)",
        cmd_recap,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--level", default="kecamatan", choices=("tps", "desa", "kecamatan", "kabupaten")),
            arg("--format", choices=("json", "csv", "xlsx")),
            arg("--out", required=True, help="the file to write; - for stdout (json, csv)"),
            arg("--user"),
        ),
    ),
    Command(
        "anomalies",
        "anomalies across the final records of a contest",
        cmd_anomalies,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--user"),
            arg("--json", action="store_true"),
            arg(
                "--cross-only",
                action="store_true",
                help="leave out the findings stored on each form",
            ),
            arg(
                "--check",
                action="store_true",
                help="exit 1 when there is an anomaly",
            ),
        ),
    ),
    Command(
        "official import",
        "import official numbers (csv, xlsx, SIREKAP-shaped json)",
        cmd_official_import,
        "supervisor|admin",
        (
            arg("dir"),
            arg("files", nargs="+", metavar="FILE"),
            arg("--user"),
            arg("--contest", help="the contest of rows that name none"),
            arg(
                "--paslon-map",
                help="SIREKAP paslon id to ballot number: 100025=1,100026=2 (or SIREKAP's paslon json)",
            ),
            arg("--format", choices=("csv", "xlsx", "json")),
            arg(
                "--dhasil",
                action="store_true",
                help="the workbooks are keyed D.HASIL recaps (one column per desa or kecamatan, a row KODE with their codes, a row per field), laid out like `recap --format xlsx`",
            ),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "selisih",
        "differences between official numbers and ours",
        cmd_selisih,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--user"),
            arg("--json", action="store_true"),
            arg("--include-pending", action="store_true"),
            arg("--summary", choices=("desa", "kecamatan", "kabupaten")),
            arg(
                "--level",
                choices=("tps", "desa", "kecamatan", "kabupaten"),
                help="tps (default): per TPS; a region level: the sums over its TPS compared",
            ),
            arg(
                "--check",
                action="store_true",
                help="exit 1 when there is a difference",
            ),
        ),
    ),
    Command(
        "keys generate",
        "a new key (KAMARHITUNG_KEY_PASSPHRASE) and its request",
        cmd_keys_generate,
        "supervisor|admin",
        (
            arg("dir"),
            arg("--user", required=True),
            arg(
                "--replace",
                action="store_true",
                help="replace an existing key",
            ),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "keys install",
        "install the certificate the province issued",
        cmd_keys_install,
        "supervisor|admin",
        (
            arg("dir"),
            arg("--cert", required=True),
            arg("--ca", required=True),
            arg("--crl", required=True),
            arg("--recipient", required=True),
            arg("--user", required=True),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "keys status",
        "what the workspace holds (public parts)",
        cmd_keys_status,
        "any",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "bundle export",
        "write the bundle (KAMARHITUNG_KEY_PASSPHRASE)",
        cmd_bundle_export,
        "supervisor|admin",
        (
            arg("dir"),
            arg("--out", required=True, help="a file, or a folder to name it in"),
            arg("--user", required=True),
            arg("--with-images", action="store_true"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "bundle verify",
        "decrypt and verify without importing (0 valid, 1 not)",
        cmd_bundle_verify,
        "none",
        (
            arg("file"),
            arg("--identity", required=True),
            arg("--trust", required=True, help="the province CA certificate"),
            arg("--crl"),
            arg("--json", action="store_true"),
            arg(
                "--paper",
                help="two groups of the fingerprint on the signed paper report (7f3a,91c2: groups 1 and 2; 5:7f3a,12:91c2: groups 5 and 12); a mismatch refuses the bundle (exit 2)",
                metavar="GROUPS",
            ),
            arg(
                "--paper-contest",
                help="the contest of the paper (default: any contest of the bundle)",
                metavar="CONTEST",
            ),
        ),
    ),
    Command(
        "province ca-init",
        "a new CA and identity (KAMARHITUNG_CA_PASSPHRASE, KAMARHITUNG_KEY_PASSPHRASE)",
        cmd_province_ca_init,
        "province",
        (
            arg("pdir"),
            arg("--name", default="PROVINSI", help="the province's name in the CA"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "province issue",
        "a certificate for a kabupaten's request",
        cmd_province_issue,
        "province",
        (
            arg("pdir"),
            arg("csr"),
            arg("--out", required=True),
            arg("--days", default=730, type=int),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "province revoke",
        "revoke a certificate (file or hex serial)",
        cmd_province_revoke,
        "province",
        (
            arg("pdir"),
            arg("cert"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "province crl",
        "re-sign crl.pem before it expires",
        cmd_province_crl,
        "province",
        (arg("pdir"), arg("--json", action="store_true")),
    ),
    Command(
        "province init",
        "a province workspace",
        cmd_province_init,
        "province",
        (
            arg("pdir"),
            arg("--admin", required=True),
            arg("--ca", required=True),
            arg("--identity", required=True),
            arg("--crl", help="default: crl.pem beside --ca, if there"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "province import",
        "verify and import bundles",
        cmd_province_import,
        "province",
        (
            arg("pdir"),
            arg("files", nargs="+"),
            arg("--user"),
            arg("--crl", help="a newer CRL than keys/crl.pem"),
            arg("--json", action="store_true"),
            arg(
                "--paper",
                help="two groups of the fingerprint on the signed paper report (7f3a,91c2: groups 1 and 2; 5:7f3a,12:91c2: groups 5 and 12); a mismatch refuses the bundle (exit 2)",
                metavar="GROUPS",
            ),
            arg(
                "--paper-contest",
                help="the contest of the paper (default: any contest of the bundle)",
                metavar="CONTEST",
            ),
        ),
    ),
    Command(
        "province recap",
        "the recap over every imported kabupaten",
        cmd_province_recap,
        "province",
        (
            arg("pdir"),
            arg("--contest", required=True),
            arg("--level", choices=("kabupaten", "kecamatan"), required=True),
            arg("--format", choices=("json", "csv", "xlsx"), required=True),
            arg("--out", required=True),
            arg("--user"),
        ),
    ),
    Command(
        "province list",
        "every imported bundle (the history)",
        cmd_province_list,
        "province",
        (
            arg("pdir"),
            arg("--user"),
            arg("--manifest", action="store_true"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "report",
        "a PDF report (D.HASIL recap, TPS annex, anomalies, progress)",
        cmd_report,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--level", default="kabupaten", choices=("kecamatan", "kabupaten")),
            arg("--region", help="the kecamatan code (dots allowed)"),
            arg("--kind", default="recap", choices=("recap", "annex", "anomalies", "progress")),
            arg("--paper", default="a4", choices=("a4", "f4")),
            arg("--out", required=True, help="the PDF to write (a folder: every kecamatan)"),
            arg(
                "--sign",
                action="store_true",
                help="sign with the workspace key (KAMARHITUNG_KEY_PASSPHRASE)",
            ),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "report-set",
        "every kecamatan's recap, the kabupaten's recap and the TPS annex",
        cmd_report_set,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--paper", default="a4", choices=("a4", "f4")),
            arg("--out", required=True, help="the folder to write into"),
            arg("--sign", action="store_true"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "verify-pdf",
        "check a report's signatures: 0 valid, 1 not",
        cmd_verify_pdf,
        "none",
        (
            arg("file"),
            arg("--trust", required=True, help="the province CA certificate (PEM)"),
            arg("--crl", help="the province's revocation list (then required)"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "region finalize",
        "freeze a region (supervisor)",
        cmd_region_finalise,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--region", required=True, help="kecamatan (6 digits) or kabupaten (4)"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
        aliases=("finalise",),
    ),
    Command(
        "region reopen",
        "reopen a finalised region (supervisor, --reason)",
        cmd_region_reopen,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--region", required=True),
            arg("--reason"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "region status",
        "coverage and finalisation of every region",
        cmd_region_status,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality sample",
        "draw final forms for the audit (supervisor)",
        cmd_quality_sample,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--forms", type=int),
            arg(
                "--target",
                type=float,
                help="as many forms as it takes to state this bound per 10,000 fields if no error is found",
            ),
            arg("--seed", required=True, help="the numbers read aloud before the witnesses"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality size",
        "forms needed to state a bound per 10,000 fields",
        cmd_quality_size,
        "none",
        (
            arg("dir"),
            arg("--contest"),
            arg("--target", type=float, required=True),
            arg(
                "--expect",
                default=0.0,
                type=float,
                help="the error rate per 10,000 fields expected",
            ),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality report",
        "the audit's figures and differences (supervisor)",
        cmd_quality_report,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--pdf", help="also write the Mutu data report (PDF)"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality decide",
        "decide a form's differences against the image",
        cmd_quality_decide,
        "supervisor",
        (
            arg("dir"),
            arg("--contest"),
            arg("--tps", required=True),
            arg("--value", action="append", help="FIELD=NUMBER read from the image"),
            arg("--reason"),
            arg("--accept-note"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality operators",
        "errors per 10,000 fields per operator (supervisor)",
        cmd_quality_operators,
        "supervisor",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality pairing",
        "pair high- and low-rate operators for second entries",
        cmd_quality_pairing,
        "supervisor",
        (
            arg("dir"),
            arg("state", choices=("on", "off")),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "quality province",
        "every kabupaten's audit figures (province workspace)",
        cmd_quality_province,
        "province",
        (
            arg("dir"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "repeat mark",
        "mark a repeat vote at a TPS (supervisor)",
        cmd_repeat_mark,
        "supervisor",
        (
            arg("dir"),
            arg("--tps", required=True),
            arg("--contest", required=True),
            arg("--kind", required=True, help="PSU, PSL or PSS"),
            arg("--reason", required=True),
            arg("--reference", required=True, help="the decision that ordered it"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "repeat list",
        "the repeat votes marked",
        cmd_repeat_list,
        "any",
        (
            arg("dir"),
            arg("--contest"),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "room host",
        "make this workspace a room host and serve it",
        cmd_room_host,
        "admin",
        (
            arg("dir"),
            arg("--user"),
            arg("--listen", default="127.0.0.1", help="this PC's address on the room's LAN"),
            arg("--port", type=int, default=ROOM_PORT),
            arg(
                "--allow",
                action="append",
                default=None,
                help="a network stations may come from (CIDR; default: the /24 of --listen)",
            ),
            arg("--detach", action="store_true"),
            arg("--json", action="store_true"),
        ),
    ),
    Command("room serve", None, cmd_room_serve, "none", (arg("dir"),)),
    Command(
        "room code",
        "a join code for one station (single use, one hour)",
        cmd_room_code,
        "supervisor|admin",
        (arg("dir"), arg("--user"), arg("--json", action="store_true")),
    ),
    Command(
        "room join",
        "make a station folder that works on the room",
        cmd_room_join,
        "none",
        (
            arg("dir"),
            arg("--host", required=True),
            arg("--port", type=int, default=ROOM_PORT),
            arg("--code", required=True),
            arg("--name", default=None, help="the station's name (lower-case, digits, _)"),
            arg("--json", action="store_true"),
        ),
    ),
    Command(
        "room stop",
        "stop the room's database cleanly",
        cmd_room_stop,
        "admin",
        (arg("dir"), arg("--user"), arg("--json", action="store_true")),
    ),
    Command(
        "room status",
        "the engine, and the stations of a room",
        cmd_room_status,
        "any",
        (arg("dir"), arg("--user"), arg("--json", action="store_true")),
    ),
    Command(
        "room export",
        "the whole room as one SQLite workspace database",
        cmd_room_export,
        "admin",
        (
            arg("dir"),
            arg("--out", required=True),
            arg("--user"),
            arg("--json", action="store_true"),
        ),
    ),
)


SUBCOMMANDS = tuple(dict.fromkeys(c.name.split()[0] for c in COMMANDS))
"""The first words of every command: main.py runs the command line for these (not the GUI)."""


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command in :data:`COMMANDS` (groups from :data:`GROUPS`)."""
    p = argparse.ArgumentParser(
        prog="kamarhitung", description="Kamar hitung: double-entry C1 keying and recap."
    )
    p.add_argument("--version", action="version", version=f"kamarhitung {__version__}")
    root = p.add_subparsers(dest="command", required=True)
    groups = {g.name: g for g in GROUPS}
    subs: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {"": root}
    for c in COMMANDS:
        words = c.name.split()
        for i in range(1, len(words)):
            path = " ".join(words[:i])
            if path not in subs:
                g = groups[path]
                parent = subs[" ".join(words[: i - 1])]
                gp = parent.add_parser(words[i - 1], help=g.help)
                subs[path] = gp.add_subparsers(dest=g.dest, required=True)
        parent = subs[" ".join(words[:-1])]
        kwargs: dict[str, Any] = {"aliases": list(c.aliases)} if c.aliases else {}
        if c.help is not None:
            kwargs["help"] = c.help
        cp = parent.add_parser(words[-1], **kwargs)
        for a in c.args:
            cp.add_argument(*a.flags, **a.options)
        cp.set_defaults(func=c.handler, command_name=c.name)
    return p


def commands_markdown() -> str:
    """The table of every command for README.md ("Command line"), made from :data:`COMMANDS`."""
    rows = ["| command | what it does | role |", "|---|---|---|"]
    for c in COMMANDS:
        text = (c.help or "").replace("|", "\\|")
        rows.append(f"| `{c.name}` | {text} | {c.role} |")
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return EXIT_REFUSED if e.code not in (0, None) else EXIT_OK
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except Refusal as e:  # services, the workspace, core (a bundle, a key file), Refused
        # Every refusal: its code on stdout with --json, its sentence on stderr, exit code 2.
        _refused(args, e)
        if isinstance(e, MasterError):
            for prob in e.problems:
                print(prob.text, file=sys.stderr)
        else:
            print(f"kamarhitung: {e}", file=sys.stderr)
        return EXIT_REFUSED
