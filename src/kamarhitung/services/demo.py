"""The demo workspace: a real kabupaten's regions scaled to N TPS, synthetic results and form photos,
users with generated passwords, and (with ``entries="mixed"``) entries in every state.

The form photos are rendered lazily: each TPS and contest gets a seed and its true values, and the
image service renders and stores the photo the first time it is needed (see ``services.images``).
That keeps ``demo --tps 25000`` within seconds; ``render_all`` renders them up front in parallel.
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from kamarhitung.core.master import MasterData
from kamarhitung.core.model import (
    KOLOM_KOSONG,
    Contest,
    Level,
    Paslon,
    Region,
    Role,
    Tps,
    contest_name,
    default_template_for,
    tps_id,
)
from kamarhitung.core.regions import closest_kabupaten, desa_of, scale_counts
from kamarhitung.core.synth import draw_shares, synth_result
from kamarhitung.services import accounts, entry
from kamarhitung.services.common import Actor, Clock, FixedClock, SystemClock
from kamarhitung.services.workspace import Workspace, create_workspace
from kamarhitung.store.models import SyntheticImageRow

FIRST_NAMES = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Gunawan",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Made",
    "Nyoman",
    "Putu",
    "Rahmat",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Agus",
    "Bambang",
    "Darmawan",
    "Hasan",
    "Sutrisno",
]
WOMEN = [
    "Siti",
    "Dewi",
    "Rina",
    "Ayu",
    "Sri",
    "Ratna",
    "Wulan",
    "Kartika",
    "Nur",
    "Indah",
    "Lestari",
    "Maya",
    "Fitri",
    "Endang",
]
FAMILY = [
    "Santoso",
    "Wijaya",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Nugroho",
    "Setiawan",
    "Kusuma",
    "Halim",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitompul",
    "Purnomo",
    "Wibowo",
    "Susanto",
    "Gunadi",
    "Suryadi",
]

DEMO_USERS: tuple[tuple[str, Role], ...] = (
    ("admin", Role.ADMIN),
    ("supervisor1", Role.SUPERVISOR),
    ("supervisor2", Role.SUPERVISOR),
    ("operator1", Role.OPERATOR),
    ("operator2", Role.OPERATOR),
    ("operator3", Role.OPERATOR),
    ("operator4", Role.OPERATOR),
)


@dataclass(frozen=True, slots=True)
class DemoResult:
    path: Path
    credentials: dict[str, object]
    tps: int


def _person(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES + WOMEN)
    return f"{first} {rng.choice(FAMILY)}".upper()


DEMO_ELECTIONS = ("pilkada", "pemilu", "tunggal")
"""The demo's contests: ``pilkada`` (gubernur and bupati/walikota), ``pemilu`` (presiden on the
printed 2024 form, three pairs), ``tunggal`` (gubernur, and a bupati/walikota with a single
candidate pair against the empty column, kolom kosong)."""


def demo_master(n_tps: int, seed: int, election: str = "pilkada") -> MasterData:
    """A kabupaten of the real hierarchy (the one whose TPS count is closest to ``n_tps``), its
    desa's TPS counts scaled to exactly ``n_tps``, DPT drawn per TPS, and candidate pairs."""
    if election not in DEMO_ELECTIONS:
        raise ValueError(f"unknown demo election {election!r}: one of {', '.join(DEMO_ELECTIONS)}")
    if n_tps < 1:
        raise ValueError("a demo needs at least one TPS")
    rng = random.Random(seed)
    kab_code = closest_kabupaten(n_tps)
    desa = desa_of(kab_code)
    counts = scale_counts([d.jumlah_tps for d in desa], n_tps)
    prov = Region(kab_code[:2], desa[0].provinsi, Level.PROVINSI)
    kab = Region(kab_code, desa[0].kabupaten, Level.KABUPATEN)
    kecs: dict[str, Region] = {}
    desas: list[Region] = []
    tps: list[Tps] = []
    for d, n in zip(desa, counts, strict=True):
        if n == 0:
            continue
        kecs.setdefault(d.kode_desa[:6], Region(d.kode_desa[:6], d.kecamatan, Level.KECAMATAN))
        desas.append(Region(d.kode_desa, d.desa, Level.DESA))
        for k in range(1, n + 1):
            dpt = rng.randint(200, 560)
            dpt_l = dpt // 2 + rng.randint(-15, 15)
            tps.append(Tps(tps_id(d.kode_desa, k), d.kode_desa, k, dpt_l, dpt - dpt_l))
    local = "walikota" if kab.name.startswith("KOTA ") else "bupati"
    contests = []
    plan: tuple[tuple[str, int], ...] = (("gubernur", 3), (local, rng.choice((2, 3, 4))))
    if election == "pemilu":
        plan = (("presiden", 3),)
    for cid, n_pas in plan:
        pas = tuple(Paslon(cid, i, _person(rng), _person(rng)) for i in range(1, n_pas + 1))
        if election == "tunggal" and cid == local:
            pas = (Paslon(cid, 1, _person(rng), _person(rng)), Paslon(cid, 2, KOLOM_KOSONG, ""))
        contests.append(Contest(cid, contest_name(cid), default_template_for(cid), pas))
    return MasterData(
        provinsi=prov,
        kabupaten=kab,
        kecamatan=tuple(sorted(kecs.values(), key=lambda r: r.code)),
        desa=tuple(sorted(desas, key=lambda r: r.code)),
        tps=tuple(tps),
        contests=tuple(contests),
    )


def _password(rng: random.Random, name: str) -> str:
    return f"{name[:3]}-{secrets.token_hex(3)}-{rng.randint(10, 99)}"


def create_demo(
    path: Path,
    n_tps: int = 300,
    seed: int = 1,
    entries: str = "none",
    clock: Clock | None = None,
    progress: Callable[[str], None] | None = None,
    election: str = "pilkada",
) -> DemoResult:
    """Create the demo workspace in ``path`` and write ``demo-credentials.json`` beside it."""
    say = progress or (lambda _msg: None)
    rng = random.Random(seed)
    master = demo_master(n_tps, seed, election)
    say(f"kabupaten {master.kabupaten.name} ({master.kabupaten.code}), {len(master.tps)} TPS")
    real_clock = clock or SystemClock()
    # Mixed entries are spread over the last hours, so the progress charts have a history.
    demo_clock = FixedClock(real_clock.now() - timedelta(hours=6))
    ws = create_workspace(
        path,
        master,
        election=(
            f"Pemilu 2024 (demo) — {master.kabupaten.name}"
            if election == "pemilu"
            else f"Pilkada Serentak 2024 (demo) — {master.kabupaten.name}"
        ),
        clock=demo_clock,
        extra_meta={"demo": "1"},
    )
    creds: dict[str, object] = {"users": []}
    users: list[dict[str, str]] = []
    actors: dict[str, Actor] = {}
    admin_pw = _password(rng, "admin")
    actors["admin"] = accounts.create_first_admin(ws, "admin", admin_pw, "Admin Demo")
    users.append({"name": "admin", "role": "admin", "password": admin_pw})
    for name, role in DEMO_USERS[1:]:
        pw = _password(rng, name)
        accounts.add_user(ws, actors["admin"], name, role, pw, full_name=_person(rng).title())
        users.append({"name": name, "role": role.value, "password": pw})
    creds["users"] = users
    say("synthetic results")
    truth: dict[tuple[str, str], dict[str, int]] = {}
    with ws.store.unit_of_work() as s:
        rows = []
        for c in master.contests:
            form = ws.form_spec(c.id)
            shares = draw_shares(len(c.paslon), rng)
            for t in master.tps:
                r = synth_result(form, t.dpt_l, t.dpt_p, rng, shares=shares)
                truth[(t.id, c.id)] = r.values
                rows.append(
                    {
                        "tps_id": t.id,
                        "contest_id": c.id,
                        "seed": rng.randrange(2**31),
                        "values_json": json.dumps(r.values, sort_keys=True),
                    }
                )
        s.execute(insert(SyntheticImageRow), rows)
    if entries == "mixed":
        say("keying entries in every state")
        for name, _role in DEMO_USERS[3:]:
            actors[name] = accounts.authenticate(ws, name, _pw(users, name))
        actors["supervisor1"] = accounts.authenticate(ws, "supervisor1", _pw(users, "supervisor1"))
        _key_mixed(ws, master, truth, actors, rng, demo_clock)
    # Keys (services/keys.py): the province's CA and identity in demo-province/, this
    # workspace's key and certificate; their passphrases go into demo-credentials.json.
    from kamarhitung.services.demo_keys import create_demo_keys

    creds.update(create_demo_keys(ws, path))
    ws.close()
    (path / "demo-credentials.json").write_text(
        json.dumps(creds, indent=2) + "\n", encoding="utf-8"
    )
    return DemoResult(path, creds, len(master.tps))


def _pw(users: list[dict[str, str]], name: str) -> str:
    return next(u["password"] for u in users if u["name"] == name)


def _slip(values: dict[str, int], rng: random.Random) -> dict[str, int]:
    out = dict(values)
    f = rng.choice(sorted(out))
    out[f] = out[f] + rng.choice((1, -1, 10, -10, 100)) if out[f] > 100 else out[f] + 1
    return out


def _key_mixed(
    ws: Workspace,
    master: MasterData,
    truth: dict[tuple[str, str], dict[str, int]],
    actors: dict[str, Actor],
    rng: random.Random,
    clock: FixedClock,
) -> None:
    """About 55% final, 5% different, janggal where the paper is wrong, 12% first entry only,
    a few drafts in progress, the rest untouched; every state occurs."""
    ops = [actors[f"operator{i}"] for i in range(1, 5)]
    n = len(master.tps)
    step = 6 * 3600 / max(1, 2 * n * len(master.contests))
    drafts_left = 2
    for c in master.contests:
        for i, t in enumerate(master.tps):
            frac = i / n
            a, b = rng.sample(ops, 2)
            v = truth[(t.id, c.id)]
            clock.advance(step * rng.uniform(0.5, 1.5))
            if frac < 0.62:
                entry.submit_entry(ws, a, {"tps": t.id, "contest": c.id, "values": v})
                clock.advance(step * rng.uniform(0.5, 1.5))
                second = _slip(v, rng) if rng.random() < 0.08 else v
                entry.submit_entry(ws, b, {"tps": t.id, "contest": c.id, "values": second})
            elif frac < 0.74:
                entry.submit_entry(ws, a, {"tps": t.id, "contest": c.id, "values": v})
            elif drafts_left > 0:
                form = entry.claim_form(ws, a, t.id, c.id)
                partial = {k: v[k] for k in list(v)[:7]}
                entry.save_draft(ws, a, form.tps.tps_id, c.id, partial, keystrokes=25)
                drafts_left -= 1
            else:
                break
        drafts_left = 1
