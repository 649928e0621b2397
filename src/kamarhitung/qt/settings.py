"""The user's preferences on this machine: recent workspaces, language, screen lock, window layout.

A thin typed wrapper over ``QSettings`` (organisation and application ``kamarhitung``), so that no
other module spells a settings key. Nothing here belongs to a workspace: what must be the same
for everyone in the counting room lives in the workspace's database.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from kamarhitung.qt.i18n import LANGUAGES, SOURCE_LANGUAGE, system_language

MAX_RECENT = 8
DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_CHOICES: tuple[int, ...] = (5, 10, 15, 30, 0)
"""What the menu offers, in minutes; 0 means never."""


class Settings:
    """Preferences, read and written through one ``QSettings``."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings()

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in an INI file of one's choosing (tests, a portable installation)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self._s.sync()

    # --- recent workspaces ----------------------------------------------------------------------

    def recent_workspaces(self) -> list[Path]:
        """The workspaces opened last, newest first."""
        raw = self._s.value("workspaces/recent", "[]")
        try:
            items = json.loads(str(raw))
        except ValueError:
            return []
        if not isinstance(items, list):
            return []
        return [Path(str(p)) for p in items if isinstance(p, str) and p][:MAX_RECENT]

    def add_recent_workspace(self, path: Path) -> None:
        """Put a workspace first in the recent list."""
        p = path.resolve()
        items = [p, *(q for q in self.recent_workspaces() if q != p)][:MAX_RECENT]
        self._s.setValue("workspaces/recent", json.dumps([str(q) for q in items]))

    def remove_recent_workspace(self, path: Path) -> None:
        items = [q for q in self.recent_workspaces() if q != path]
        self._s.setValue("workspaces/recent", json.dumps([str(q) for q in items]))

    def last_user(self, workspace: Path) -> str:
        """The user name last logged in with on a workspace (to prefill the log-in)."""
        users = self._json_dict("workspaces/last_user")
        value = users.get(str(workspace.resolve()), "")
        return value if isinstance(value, str) else ""

    def set_last_user(self, workspace: Path, user: str) -> None:
        users = self._json_dict("workspaces/last_user")
        users[str(workspace.resolve())] = user
        self._s.setValue("workspaces/last_user", json.dumps(users, sort_keys=True))

    def _json_dict(self, key: str) -> dict[str, object]:
        try:
            d = json.loads(str(self._s.value(key, "{}")))
        except ValueError:
            return {}
        return d if isinstance(d, dict) else {}

    # --- language and lock ----------------------------------------------------------------------

    def language(self) -> str:
        """The interface language (``id`` or ``en``): as chosen, else the system's
        (:func:`~kamarhitung.qt.i18n.system_language`: Indonesian unless the system speaks English)."""
        if not self._s.contains("ui/language"):
            return system_language()
        lang = str(self._s.value("ui/language", SOURCE_LANGUAGE))
        return lang if lang in LANGUAGES else SOURCE_LANGUAGE

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self._s.setValue("ui/language", lang)

    def idle_lock_minutes(self) -> int:
        """Minutes without keyboard or mouse before the screen locks; 0 = never."""
        raw = self._s.value("ui/idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
        try:
            minutes = int(str(raw))
        except ValueError:
            return DEFAULT_IDLE_LOCK_MINUTES
        return max(0, minutes)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self._s.setValue("ui/idle_lock_minutes", max(0, int(minutes)))

    # --- window ---------------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        raw = self._s.value("ui/main_window_geometry")
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("ui/main_window_geometry", geometry)
