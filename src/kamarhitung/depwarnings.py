"""Warnings that dependencies raise about themselves, kept away from users and from the tests.

A deprecation that one dependency raises about another (today: cryptography 46+ deprecating DSA,
raised when pyHanko imports its DSA key class) says nothing the user or the operator can act on,
and must never reach a terminal or the log window. Each one is filtered here by its exact
category, message and the module that triggers it, and the same entries are written into
pytest's ``filterwarnings`` in pyproject.toml (a test keeps the two lists equal), so warnings from
the project's own code stay errors in the tests.

Drop an entry when the dependency stops raising it (a test fails when an entry matches nothing
it is meant to match: ``tests/test_dependency_warnings.py``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class DependencyWarning:
    category: str
    """Dotted path of the warning class (imported lazily: the dependency may be absent)."""
    message: str
    """Regular expression matched at the start of the message."""
    module: str
    """Regular expression for the module that triggers it (the dependency, never ours)."""
    why: str


FILTERED: tuple[DependencyWarning, ...] = (
    DependencyWarning(
        category="cryptography.utils.CryptographyDeprecationWarning",
        message="DSA is deprecated",
        module=r"pyhanko\.",
        why=(
            "cryptography 46 deprecates DSA and warns when pyhanko.sign.signers.pdf_cms imports "
            "DSAPrivateKey for its type checks; kamarhitung never uses DSA. Drop when pyHanko "
            "stops importing it."
        ),
    ),
)


def pytest_filter_lines() -> list[str]:
    """The entries as pytest ``filterwarnings`` lines (``action:message:category:module``)."""
    return [f"ignore:{w.message}:{w.category}:{w.module}" for w in FILTERED]


def install() -> None:
    """Filter the known dependency warnings in this process (called first by ``main``, the one
    entry point of the program, its CLI and the frozen builds). A new one cannot reach users
    unnoticed: the dependencies are locked, and an upgrade runs the suite, where it is an error."""
    import importlib

    for w in FILTERED:
        module_name, _, class_name = w.category.rpartition(".")
        try:
            category = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        warnings.filterwarnings("ignore", message=w.message, category=category, module=w.module)
