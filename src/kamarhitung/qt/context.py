"""What every screen is given: the open workspace, the logged-in user, and app-wide signals.

Screens are QWidgets constructed as ``Screen(ctx, parent)``; they call services (never the store),
through the runner of :mod:`kamarhitung.qt.models.background` when the call may take long, and
refresh on ``ctx.sig_data_changed`` when its :class:`~kamarhitung.services.changes.Changes` holds
a kind of data they show.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace


class AppContext(QObject):
    """The session of one logged-in user on one workspace."""

    sig_data_changed = Signal(object)
    """Emitted after a service changed data: a :class:`~kamarhitung.services.changes.Changes`
    naming the kinds changed (screens test membership: ``Changes.ENTRIES in changes``)."""

    sig_status = Signal(str)
    """A short message for the status bar."""

    def __init__(self, ws: Workspace, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
