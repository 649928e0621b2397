"""The fuzzers of ``bench/fuzz.py``, each for a few dozen inputs with a fixed seed, so that the
suite runs them (and notices when a target or a generator breaks). The long runs are
``python -m bench.fuzz`` (five minutes per target by default)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ is beside src/, not installed
    sys.path.insert(0, str(ROOT))

from bench import fuzz  # noqa: E402  (after the path above)

SEED = 20241127


def run(target: fuzz.Target, n: int, tmp_path: Path) -> fuzz.Report:
    target.begin_round()
    report = fuzz.fuzz(
        target,
        seconds=15,
        seed=SEED,
        examples=n,
        max_examples=n,
        timeout=10,
        out_dir=tmp_path / "out",
    )
    assert report.finding is None, f"{report.finding}; input saved to {report.saved}"
    assert report.examples >= n // 2, report.outcomes
    return report


def test_master(tmp_path: Path) -> None:
    target = fuzz.MasterTarget(tmp_path / "work")
    rep = run(target, 40, tmp_path)
    assert any(k.startswith("MasterError") for k in rep.outcomes)


def test_entry(demo_template: Path, tmp_path: Path) -> None:
    target = fuzz.EntryTarget(tmp_path / "work", template=demo_template)
    try:
        rep = run(target, 60, tmp_path)
    finally:
        target.close()
    assert any(k.startswith(("refused", "cli")) for k in rep.outcomes)


@pytest.fixture(scope="module")
def bundle_target(
    mixed_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[fuzz.BundleTarget]:
    target = fuzz.BundleTarget(tmp_path_factory.mktemp("fuzz-bundle"), kabupaten=mixed_template)
    try:
        yield target
    finally:
        target.close()


def test_bundle(bundle_target: fuzz.BundleTarget, tmp_path: Path) -> None:
    rep = run(bundle_target, 30, tmp_path)
    assert any(k.startswith("refused") for k in rep.outcomes)


def test_the_unchanged_bundle_imports(bundle_target: fuzz.BundleTarget) -> None:
    """The fuzzer's own baseline: its re-signed, re-encrypted bundle is a valid one."""
    assert bundle_target.check(fuzz.BundleInput("member", member=0.0, edits=())) == "imported"
    assert bundle_target.check(fuzz.BundleInput("raw", program=())) == "imported"


def test_saved_inputs_replay(tmp_path: Path) -> None:
    """A saved master input loads back as the same files."""
    target = fuzz.MasterTarget(tmp_path / "work")
    x = fuzz.MasterSpec("raw", data=b"PK\x05\x06" + bytes(18), name="m.xlsx")
    assert target.check(x).startswith("MasterError")
    again = target.load(target.dump(x))
    assert again == target.files(x)
    assert target.check(again) == target.check(x)


def test_fixed_finding_a_lone_surrogate_in_the_bundles_audit_trail(
    bundle_target: fuzz.BundleTarget,
) -> None:
    names = [p for p, _d in bundle_target.payload]
    i = names.index("audit/audit.jsonl")
    x = fuzz.BundleInput("member", member=(i + 0.5) / len(names), edits=(("json", 0.0, "\ud800"),))
    # A clean outcome, not a crash: the bundle imports with its audit chain marked broken (the
    # province sees it in the list), or is refused.
    assert bundle_target.check(x).startswith(("imported", "refused"))


@pytest.mark.parametrize("where", [0, 11])  # the subject's tag (ValueError), an RDN (TypeError)
def test_fixed_finding_a_damaged_certificate_in_the_signature(
    bundle_target: fuzz.BundleTarget, where: int
) -> None:
    """One bit of the signer's subject flipped inside MANIFEST.json.p7s, in a bundle anyone
    can make: the province's recipient is public."""
    sig = bytearray(bundle_target.signature)
    cert = bundle_target.cert.public_bytes(Encoding.DER)
    at = sig.find(cert) + cert.find(bundle_target.cert.subject.public_bytes())
    sig[at + where] ^= 0x10
    x = fuzz.BundleInput("bytes", data=bundle_target.with_signature(bytes(sig)))
    assert bundle_target.check(x).startswith("refused")
