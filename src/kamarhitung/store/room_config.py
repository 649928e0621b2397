"""How a folder names a room's database: ``DIR/room.json``.

A workspace folder holds either ``kamarhitung.sqlite`` (one PC) or ``room.json`` (a room):

* on the room host, ``room.json`` points at the cluster on loopback with the owner's credentials
  (``role: "host"``); the cluster itself is in ``DIR/room/``;
* on a station, written by ``room join``, it points at the host's TLS gateway with the station's
  own credentials and the host certificate it pinned (``role: "station"``);
* tests point it at the test cluster (``role: "test"``).

The file holds a password: it is written readable by its owner only.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ROOM_FILE = "room.json"


@dataclass(frozen=True, slots=True)
class RoomConfig:
    host: str
    port: int
    dbname: str
    user: str
    password: str
    role: str  # "host", "station" or "test"
    sslrootcert: str | None = None  # file name in the folder: the pinned host certificate
    name: str | None = None  # the station's name

    @classmethod
    def load(cls, folder: Path) -> RoomConfig:
        data = json.loads((folder / ROOM_FILE).read_text(encoding="utf-8"))
        return cls(
            host=str(data["host"]),
            port=int(data["port"]),
            dbname=str(data["dbname"]),
            user=str(data["user"]),
            password=str(data["password"]),
            role=str(data["role"]),
            sslrootcert=data.get("sslrootcert"),
            name=data.get("name"),
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / ROOM_FILE
        tmp = folder / (ROOM_FILE + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(self), f, indent=1)
        os.replace(tmp, target)


def is_room_folder(folder: Path) -> bool:
    return (folder / ROOM_FILE).is_file()
