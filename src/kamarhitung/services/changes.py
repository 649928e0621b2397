"""What an operation changed in a workspace, so that each screen decides whether to refresh.

After Anki's ``OpChanges``: an operation (a service call run by the GUI's runner,
:mod:`kamarhitung.qt.models.background`) ends with a :class:`Changes` value naming the kinds of
data it wrote; the GUI announces it on ``AppContext.sig_data_changed`` and every screen tests
membership (``Changes.ENTRIES in changes``) against what it shows. A value, not a string: a
misspelt kind is an ``AttributeError`` at once rather than a screen that silently never refreshes.

Every change is also an event of the audit trail; :attr:`Changes.AUDIT` alone means only the
trail was written (its export).
"""

from __future__ import annotations

import enum


class Changes(enum.Flag):
    """The kinds of workspace data an operation changed (combine with ``|``)."""

    NONE = 0
    ENTRIES = enum.auto()
    """Entries, their states and claims, resolutions, repeats: the recap's inputs."""
    IMAGES = enum.auto()
    """Form photos: imported, placed at a TPS."""
    OFFICIAL = enum.auto()
    """Official (published) numbers, for the selisih."""
    BUNDLE = enum.auto()
    """A bundle was exported for the province."""
    QUALITY = enum.auto()
    """The blind re-key audit (Mutu data): samples, re-keys, its settings."""
    REGIONS = enum.auto()
    """A region finalised or reopened."""
    AUDIT = enum.auto()
    """Only the audit trail (an export of the trail)."""
    IMPORTS = enum.auto()
    """A province imported a kabupaten's bundle."""
    USERS = enum.auto()
    """Accounts: added, locked, unlocked, roles."""
    KEYS = enum.auto()
    """Keys and certificates of the workspace."""
    MASTER = enum.auto()
    """The master (regions, TPS, contests, candidate pairs)."""

    @classmethod
    def everything(cls) -> Changes:
        """Every kind (a workspace restored, reopened, joined): each screen reads again."""
        out = cls.NONE
        for member in cls:
            out |= member
        return out
