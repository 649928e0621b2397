"""Opening and creating workspaces: the object every other service is called with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select

from kamarhitung.core.master import MasterData
from kamarhitung.core.model import Contest, Level, Paslon, Role
from kamarhitung.core.template import (
    RETIRED_TEMPLATES,
    FormSpec,
    load_template,
)
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Clock, NotFoundError, SystemClock, iso
from kamarhitung.store.models import (
    ContestRow,
    Meta,
    PaslonRow,
    RecordRow,
    RegionRow,
    TpsRow,
)
from kamarhitung.store.workspace import WorkspaceError, WorkspaceStore


class RetiredFormError(WorkspaceError):
    """A contest keyed on a form template that is not the printed form (never reinterpreted)."""


@dataclass
class Workspace:
    """An open workspace: its storage and its clock. Pass it to services."""

    store: WorkspaceStore
    clock: Clock = field(default_factory=SystemClock)
    _forms: dict[str, FormSpec] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> Path:
        return self.store.path

    def now(self) -> str:
        return iso(self.clock.now())

    def meta(self) -> dict[str, str]:
        with self.store.reading() as s:
            return {m.key: m.value for m in s.execute(select(Meta)).scalars()}

    def contests(self) -> list[Contest]:
        """The contests with their candidate pairs, in the workspace's order."""
        with self.store.reading() as s:
            rows = s.execute(select(ContestRow).order_by(ContestRow.position)).scalars().all()
            pas = s.execute(select(PaslonRow).order_by(PaslonRow.nomor_urut)).scalars().all()
        out = []
        for c in rows:
            ps = tuple(
                Paslon(p.contest_id, p.nomor_urut, p.nama_calon, p.nama_wakil)
                for p in pas
                if p.contest_id == c.id
            )
            out.append(Contest(c.id, c.name, c.template_id, ps))
        return out

    def sample_tps_id(self) -> str | None:
        """The first TPS of the workspace (its code, undotted), e.g. as an example in a field."""
        with self.store.reading() as s:
            return s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(1)).scalar_one_or_none()

    def form_spec(self, contest_id: str) -> FormSpec:
        """The form of a contest (its template with its candidate pairs), cached."""
        spec = self._forms.get(contest_id)
        if spec is None:
            for c in self.contests():
                self._forms[c.id] = load_template(c.template_id).form(c.paslon_numbers)
            if contest_id not in self._forms:
                raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)
            spec = self._forms[contest_id]
        return spec

    def contest(self, contest_id: str) -> Contest:
        for c in self.contests():
            if c.id == contest_id:
                return c
        raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)

    def close(self) -> None:
        self.store.close()


def open_workspace(path: Path, clock: Clock | None = None) -> Workspace:
    """Open an existing workspace folder (upgrading an older schema).

    A contest still on a retired template is refused with a sentence that says why: migration
    0008 moves a contest with nothing keyed to the printed form, but entries keyed on the old
    form's rows are never read as the new form's.
    """
    store = WorkspaceStore.open(path)
    try:
        with store.reading() as s:
            retired = s.execute(
                select(ContestRow.id, ContestRow.template_id).where(
                    ContestRow.template_id.in_(list(RETIRED_TEMPLATES))
                )
            ).first()
    except BaseException:
        store.close()
        raise
    if retired is not None:
        store.close()
        raise RetiredFormError(
            "RETIRED_FORM",
            path=str(path),
            contest=retired[0],
            template=retired[1],
            form=RETIRED_TEMPLATES[retired[1]],
        )
    if store.room is not None and store.room.role == "station":
        from kamarhitung.store.roomdb import mark_seen

        mark_seen(store.engine, store.room.host, store.room.port, None)
    return Workspace(store, clock or SystemClock())


def create_workspace(
    path: Path,
    master: MasterData,
    *,
    election: str,
    clock: Clock | None = None,
    extra_meta: dict[str, str] | None = None,
) -> Workspace:
    """A new workspace folder holding a kabupaten's master data, every form in state ``empty``.

    Everything is written in one transaction; on any failure the folder is removed again.
    """
    existed = path.exists() and any(path.iterdir())
    store = WorkspaceStore.create(path)
    ws = Workspace(store, clock or SystemClock())
    try:
        for c in master.contests:
            load_template(c.template_id).form(
                c.paslon_numbers
            )  # refuse a form the template can't hold
        now = ws.now()
        with store.unit_of_work() as s:
            meta = {
                "kind": "kabupaten",
                "election": election,
                "provinsi_code": master.provinsi.code,
                "provinsi_name": master.provinsi.name,
                "kabupaten_code": master.kabupaten.code,
                "kabupaten_name": master.kabupaten.name,
                "created_at": now,
                **(extra_meta or {}),
            }
            s.execute(insert(Meta), [{"key": k, "value": v} for k, v in meta.items()])
            regions = [master.provinsi, master.kabupaten, *master.kecamatan, *master.desa]
            s.execute(
                insert(RegionRow),
                [
                    {
                        "code": r.code,
                        "level": r.level.value,
                        "name": r.name,
                        "parent_code": r.parent if r.level != Level.PROVINSI else None,
                    }
                    for r in regions
                ],
            )
            s.execute(
                insert(TpsRow),
                [
                    {
                        "id": t.id,
                        "desa_code": t.desa_code,
                        "number": t.number,
                        "dpt_l": t.dpt_l,
                        "dpt_p": t.dpt_p,
                    }
                    for t in master.tps
                ],
            )
            for pos, c in enumerate(master.contests):
                s.add(ContestRow(id=c.id, name=c.name, template_id=c.template_id, position=pos))
            s.flush()
            s.execute(
                insert(PaslonRow),
                [
                    {
                        "contest_id": p.contest,
                        "nomor_urut": p.nomor_urut,
                        "nama_calon": p.nama_calon,
                        "nama_wakil": p.nama_wakil,
                    }
                    for c in master.contests
                    for p in c.paslon
                ],
            )
            s.execute(
                insert(RecordRow),
                [
                    {"tps_id": t.id, "contest_id": c.id, "state": "empty", "updated_at": now}
                    for c in master.contests
                    for t in master.tps
                ],
            )
            append_event(
                s,
                now,
                None,
                "workspace.init",
                target=master.kabupaten.code,
                details={
                    "kabupaten": master.kabupaten.name,
                    "tps": len(master.tps),
                    "contests": [c.id for c in master.contests],
                },
                user_name="system",
            )
    except BaseException:
        store.close()
        _remove_workspace(path, keep_folder=existed)
        raise
    return ws


def _remove_workspace(path: Path, *, keep_folder: bool) -> None:
    import shutil

    if keep_folder:
        for name in ("kamarhitung.sqlite", "kamarhitung.sqlite-wal", "kamarhitung.sqlite-shm"):
            (path / name).unlink(missing_ok=True)
        for sub in ("images", "keys", "backups"):
            shutil.rmtree(path / sub, ignore_errors=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


ROLE_LABELS = {Role.OPERATOR: "operator", Role.SUPERVISOR: "supervisor", Role.ADMIN: "admin"}
