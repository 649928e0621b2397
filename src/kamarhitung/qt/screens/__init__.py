"""The application's screens: one QWidget each, constructed as ``Screen(ctx, parent)``.

The contract with the main window (:mod:`kamarhitung.qt.main_window`):

- A screen is registered by one :class:`~kamarhitung.qt.main_window.ScreenSpec` line in
  :func:`~kamarhitung.qt.main_window.default_screens`: key, Indonesian title marked with
  ``QT_TRANSLATE_NOOP("screens", ...)``, a factory (usually ``lazy_screen(module, class)``, which
  imports the module the first time the screen is opened) and the roles that see it.
- It is built the first time the user opens it, and lives as long as the window.
- It calls services only (never the store), with ``ctx.ws`` and ``ctx.actor``; anything that may
  take long goes through its runner (:class:`~kamarhitung.qt.models.background.Background`:
  ``submit`` for reads, ``run`` for operations with progress, cancel and coded errors). After
  changing data it announces a :class:`~kamarhitung.services.changes.Changes` on
  ``ctx.sig_data_changed`` (``run(..., ctx=, changes=)`` does it when the operation ends) and
  may put a short message on ``ctx.sig_status``; it refreshes when a ``Changes`` it receives
  holds a kind of data it shows (membership, ``Changes.ENTRIES in changes``).
- Every visible text is set in one ``retranslate()`` method, called from ``__init__`` and from
  ``changeEvent`` on ``QEvent.LanguageChange`` (the language can change while the screen lives).
- It may define ``about_to_close() -> None``: called when the window closes (save a draft).
- It never opens a modal dialog for an error: errors are shown inline.
"""
