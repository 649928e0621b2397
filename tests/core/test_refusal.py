"""Refusals as codes: every code has an English sentence, unknown codes are a programming error,
and the count of refusals still worded in English only can only go down."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

from kamarhitung.core.refusal import (
    ENGLISH,
    CodedError,
    CodedText,
    Refusal,
    codes_markdown,
    english,
)
from kamarhitung.services.common import ConflictError, PermissionDeniedError, ServiceError

SRC = Path(__file__).resolve().parents[2] / "src" / "kamarhitung"


def test_a_code_gives_its_sentence_and_keeps_its_parameters() -> None:
    e = PermissionDeniedError("WRONG_ROLE", user="op1", role="operator", needs="supervisor")
    assert e.code == "WRONG_ROLE"
    assert dict(e.params) == {"user": "op1", "role": "operator", "needs": "supervisor"}
    assert str(e) == "user op1 (operator) may not do this: needs supervisor"
    assert isinstance(e, Refusal) and isinstance(e, ServiceError)


def test_a_sentence_is_not_a_refusal() -> None:
    """Only codes: a plain English sentence given where a code belongs is a programming error
    (there is no legacy code that would carry it to an Indonesian screen as English)."""
    with pytest.raises(KeyError):
        ConflictError("form is held by someone else")
    assert "REFUSED" not in ENGLISH


def test_a_refusal_survives_pickling_as_a_worker_process_returns_it() -> None:
    import pickle

    from kamarhitung.core.bundle import BundleError
    from kamarhitung.core.master import MasterError, MasterProblem

    for e in (
        PermissionDeniedError("WRONG_ROLE", user="op1", role="operator", needs="supervisor"),
        BundleError("SIGNER_REVOKED", "revoked", signer="KAB-3578"),
        MasterError([MasterProblem("TPS", 2, "nomor_tps", "bad_tps_number", "TPS, row 2: x.")]),
        ServiceError("CHAIN_BROKEN", reason=CodedText("EVENT_CHANGED", seq=3)),
    ):
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is type(e)
        assert (back.code, dict(back.params), str(back)) == (e.code, dict(e.params), str(e))
        assert vars(back) == vars(e)


def test_unknown_codes_are_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Refusal("NO_SUCH_CODE")


def test_a_missing_parameter_shows_as_a_question_mark() -> None:
    assert english("WRONG_ROLE", {"user": "x"}) == ("user x (?) may not do this: needs ?")


def test_codes_are_upper_case_words() -> None:
    for code in ENGLISH:
        assert code.replace("_", "").isalpha() and code.isupper(), code


CODED_FAMILIES = {
    # core errors that reach users, and the workspace's (store/): all subclasses of CodedError.
    "core": ("KeyFileError", "WrongPassphraseError", "TransitionError", "BundleError"),
    "cli.py": ("Refused", "_DuplicateKey", "ServiceError"),
    "store": ("WorkspaceError", "NewerSchemaError", "CorruptWorkspaceError", "DiskFullError",
              "ReadOnlyWorkspaceError", "WorkspaceLockedError"),
}  # fmt: skip


BUILTINS = {n for n in dir(builtins) if n.endswith("Error")}
"""Programming errors (a bad argument from code, never from a user), not refusals."""


def _uncoded_raises() -> list[str]:
    """``raise SomeError(f"…")`` / ``("…")``: refusals without a code, under services/ (any
    ``…Error``), store/, core/ and cli.py (the families of :data:`CODED_FAMILIES`)."""
    out = []
    for layer in ("services", "store", "core", "cli.py"):
        paths = [SRC / layer] if layer.endswith(".py") else sorted((SRC / layer).rglob("*.py"))
        for path in paths:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "__init__"
                    and isinstance(node.func.value, ast.Call)
                    and isinstance(node.func.value.func, ast.Name)
                    and node.func.value.func.id == "super"
                    and node.args
                    and isinstance(node.args[0], ast.JoinedStr | ast.Constant)
                    and not (
                        isinstance(node.args[0], ast.Constant) and node.args[0].value in ENGLISH
                    )
                ):
                    # ``super().__init__(f"a sentence")`` in an error class: a sentence too.
                    out.append(f"{path.relative_to(SRC)}:{node.lineno}")
                    continue
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                call = node.exc
                name = call.func.id if isinstance(call.func, ast.Name) else ""
                if layer in CODED_FAMILIES:
                    if name not in CODED_FAMILIES[layer]:
                        continue
                elif (
                    not name.endswith(("Error", "Passphrase")) or name in BUILTINS or not call.args
                ):
                    continue
                first = call.args[0] if call.args else None
                # A code, or a name holding one (``raise IntegrityError(code, …)``); not a
                # sentence (a string, an f-string, ``str(e)``).
                coded = (
                    isinstance(first, ast.Name)
                    or (isinstance(first, ast.Attribute) and first.attr == "code")
                    or (isinstance(first, ast.Constant) and first.value in ENGLISH)
                )
                if not coded:
                    out.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return out


def test_the_error_families_that_reach_users_are_refusals() -> None:
    from kamarhitung.core import entry, keys
    from kamarhitung.store import workspace

    for cls in (keys.KeyFileError, keys.WrongPassphraseError, entry.TransitionError):
        assert issubclass(cls, CodedError), cls
    for name in CODED_FAMILIES["store"]:
        assert issubclass(getattr(workspace, name), CodedError), name
    e = keys.WrongPassphraseError("WRONG_PASSPHRASE", file="keys/key.age")
    assert (e.code, str(e)) == ("WRONG_PASSPHRASE", "wrong passphrase for keys/key.age")


def test_every_refusal_raised_is_a_code() -> None:
    """No ``raise …Error("a sentence")`` is left in services/, store/, core/ or the command line
    (issue 15): every refusal a user can meet is a code, worded in both languages."""
    left = _uncoded_raises()
    assert left == [], "\n".join(left)
    # The scan sees what it should: a sentence in any of these places would be listed.
    assert "BundleError" in CODED_FAMILIES["core"]


def test_a_bundle_refusal_is_a_code_with_its_kind() -> None:
    from kamarhitung.core.bundle import BundleError, check_member_name

    with pytest.raises(BundleError) as info:
        check_member_name("../x")
    e = info.value
    assert isinstance(e, CodedError)
    assert (e.code, e.kind, dict(e.params)) == ("MEMBER_NAME_CLIMBS", "name", {"name": "../x"})
    assert str(e) == "member '../x' has a name that climbs out of the bundle (..)"
    assert e.coded_text() == str(e) and e.coded_text().code == "MEMBER_NAME_CLIMBS"


def test_a_master_refusal_is_a_code_and_keeps_every_problem() -> None:
    from kamarhitung.core.master import MasterError, MasterProblem

    probs = [
        MasterProblem("TPS", 3, "nomor_tps", "bad_tps_number", "TPS, row 3, column nomor_tps: x."),
        MasterProblem("TPS", 4, "kode_desa", "bad_desa_code", "TPS, row 4, column kode_desa: y."),
    ]
    e = MasterError(probs)
    assert isinstance(e, CodedError) and e.code == "MASTER_PROBLEMS"
    assert e.params["count"] == 2
    assert e.problems == tuple(probs)
    assert str(e) == "TPS, row 3, column nomor_tps: x.\nTPS, row 4, column kode_desa: y."


def test_the_readme_lists_every_code() -> None:
    """README.md's table is generated from ENGLISH (``python tools/refusal_codes.py``)."""
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert codes_markdown() in readme, "run: .venv/bin/python tools/refusal_codes.py"
    for code in ENGLISH:
        assert f"| `{code}` |" in readme, code
