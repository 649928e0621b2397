"""Refusals as codes (INTERFACES.md, "Refusals carry codes").

Every expected refusal, from any layer, is a :class:`Refusal`: a stable upper-case code and its
parameters. The code is what programs read (``--json`` prints it; screens choose their words by
it); the sentence is made from the code, never the other way round:

- :data:`ENGLISH` holds the English sentence of every code (the command line, logs, tests);
- ``qt/i18n.py`` holds the Indonesian sentence of every code, translated to English by Qt
  Linguist like every other text of the interface; a test keeps the two tables equal.

No screen parses an error's text: it calls ``i18n.refusal_text(error)``.
"""

from __future__ import annotations

from collections.abc import Mapping

Param = str | int | float

ENGLISH: dict[str, str] = {
    # --- generic, for a refusal not yet given a code of its own (see ``Refusal.legacy``)
    "REFUSED": "{detail}",
    # --- input
    "NOT_AN_OBJECT": "entry {index} is not an object",
    # --- accounts and roles
    "WRONG_ROLE": "user {user} ({role}) may not do this: needs {needs}",
    "WRONG_PASSWORD": "wrong user name or password",
    "LOCKED": "the account is locked for a while after too many failed log-ins",
}


class Refusal(Exception):  # noqa: N818  (a refusal of a request, not a fault of the program)
    """An expected refusal: ``code`` (a key of :data:`ENGLISH`) and ``params`` (its fields)."""

    default_code = "REFUSED"

    def __init__(self, code: str, /, **params: Param) -> None:
        if code not in ENGLISH:
            raise KeyError(f"unknown refusal code {code!r}")
        self.code = code
        self.params: Mapping[str, Param] = dict(params)
        super().__init__(english(code, self.params))

    @classmethod
    def legacy(cls, sentence: str) -> Refusal:
        """A refusal still worded in English only (code ``REFUSED``): kept while old call sites
        are given codes; a test lists what is left."""
        return cls("REFUSED", detail=sentence)


def english(code: str, params: Mapping[str, Param]) -> str:
    """The English sentence of a code (the parameters filled in; a missing one shown as ?)."""

    class _Missing(dict[str, Param]):
        def __missing__(self, key: str) -> str:
            return "?"

    # A list of role codes ("supervisor,admin") reads as "supervisor or admin".
    shown = {k: " or ".join(str(v).split(",")) if k == "needs" else v for k, v in params.items()}
    return ENGLISH[code].format_map(_Missing(shown))
