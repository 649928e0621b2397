"""core/bundle.py without a database: manifest, names, the tar+age stream both ways, and every
structural refusal of the reader (the signature and the importer are tested in services/)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path
from typing import BinaryIO

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
import pytest

from kamarhitung.core import bundle as b
from kamarhitung.core.keys import AgeIdentity

IDENT = AgeIdentity.generate()
OTHER = AgeIdentity.generate()


def manifest_dict(files: list[dict[str, object]], **over: object) -> dict[str, object]:
    m: dict[str, object] = {
        "format": b.FORMAT,
        "bundle_id": str(uuid.UUID(int=7)),
        "sequence": 1,
        "kabupaten": "3578",
        "kabupaten_name": "KOTA SURABAYA",
        "election": "Pilkada 2024",
        "created_at": "2026-12-09T21:00:00+07:00",
        "software": {"name": "kamarhitung", "version": "0.1.0"},
        "recipient": IDENT.recipient,
        "summary": {"walikota": {"tps_total": 3, "tps_final": 2, "fingerprint": "a" * 64}},
        "files": files,
    }
    m.update(over)
    return m


def entry(path: str, data: bytes) -> dict[str, object]:
    return {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


PAYLOAD = {"data/results.jsonl": b'{"tps": 1}\n' * 50, "audit/audit.jsonl": b"{}\n"}


def good_manifest() -> bytes:
    m = manifest_dict([entry(p, d) for p, d in PAYLOAD.items()])
    return json.dumps(m, sort_keys=True).encode()


def tar_of(members: list[tuple[tarfile.TarInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for ti, data in members:
            tar.addfile(ti, io.BytesIO(data) if ti.isreg() else None)
    return buf.getvalue()


def reg(name: str, data: bytes, size: int | None = None) -> tuple[tarfile.TarInfo, bytes]:
    ti = tarfile.TarInfo(name)
    ti.size = len(data) if size is None else size
    return ti, data


def standard(
    manifest: bytes | None = None, payload: dict[str, bytes] | None = None
) -> list[tuple[tarfile.TarInfo, bytes]]:
    m = good_manifest() if manifest is None else manifest
    return [
        reg(b.MANIFEST_NAME, m),
        reg(b.SIGNATURE_NAME, b"sig"),
        *(reg(p, d) for p, d in (PAYLOAD if payload is None else payload).items()),
    ]


def age(plain: bytes, recipient: str = IDENT.recipient) -> bytes:
    return bytes(pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(recipient)]))


class Sink:
    def __init__(self) -> None:
        self.files: dict[str, bytearray] = {}

    def open(self, e: b.FileEntry) -> b.MemberWriter:
        buf = self.files.setdefault(e.path, bytearray())

        class W:
            def write(self, data: bytes | memoryview, /) -> int:
                buf.extend(data)
                return len(data)

            def close(self) -> None:
                pass

        return W()


def accept(_m: b.Manifest, _raw: bytes, _sig: bytes) -> None:
    pass


def read(data: bytes, ident: AgeIdentity = IDENT, **kw: object) -> tuple[b.ReadBundle, Sink]:
    sink = Sink()
    r = b.read_bundle(
        io.BytesIO(data),
        [ident],
        check_manifest=kw.pop("check", accept),  # type: ignore[arg-type]  # a callable
        open_member=sink.open,
        **kw,  # type: ignore[arg-type]  # limits
    )
    return r, sink


# --- names and manifests ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "data/results.jsonl",
        "images/" + "a" * 64 + ".jpg",
        "reports/D-HASIL_kecamatan-357801.pdf",
        "audit/audit.jsonl",
    ],
)
def test_good_member_names(name: str) -> None:
    b.check_member_name(name)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        ("/etc/passwd", "absolute"),
        ("C:/x", "absolute"),
        ("../x", r"\.\."),
        ("data/../../x", r"\.\."),
        ("data\\x", r"\.\."),
        ("./x", "plain relative"),
        ("data//x", "plain relative"),
        ("data/", "plain relative"),
        (".hidden", "plain relative"),
        ("data/x y", "plain relative"),
        ("a/b/c/d/e", "plain relative"),
        ("x" * 101, "plain relative"),
        ("data/CON.txt", "device"),
        ("data/nul", "device"),
        ("dätä/x", "plain relative"),
    ],
)
def test_unsafe_member_names(name: str, why: str) -> None:
    with pytest.raises(b.BundleError, match=why):
        b.check_member_name(name)


def test_a_good_manifest_parses_and_round_trips() -> None:
    m = b.parse_manifest(good_manifest())
    assert m.kabupaten == "3578"
    assert [f.path for f in m.files] == list(PAYLOAD)
    assert m.total_size == sum(len(d) for d in PAYLOAD.values())
    again = b.parse_manifest(m.to_bytes())
    assert again == m
    text = m.to_bytes().decode()
    keys = [line.split(":")[0].strip() for line in text.splitlines()[1:12] if line.startswith(' "')]
    assert keys == sorted(keys)  # keys sorted


def _bad(**over: object) -> bytes:
    files = over.pop("files", [entry(p, d) for p, d in PAYLOAD.items()])
    return json.dumps(manifest_dict(files, **over)).encode()  # type: ignore[arg-type]  # a list


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (b'{"format": "kamarhitung-bundle/1", "format": "x"}', "twice"),
        (_bad(format="kamarhitung-bundle/2"), "does not know"),
        (_bad(bundle_id="not-a-uuid"), "bundle_id is not UUID"),
        (_bad(bundle_id=str(uuid.UUID(int=0xABCDEF)).upper()), "bundle_id is not UUID"),
        (_bad(sequence=0), "sequence"),
        (_bad(sequence=True), "sequence"),
        (_bad(sequence=1.5), "sequence"),
        (_bad(kabupaten="35.78"), "kabupaten"),
        (_bad(created_at="2026-12-09T21:00:00"), "offset"),
        (_bad(recipient="age1xyz"), "recipient"),
        (
            _bad(summary={"walikota": {"tps_total": 1, "tps_final": 2, "fingerprint": "a" * 64}}),
            "tps_final",
        ),
        (_bad(summary={"Wali Kota": {}}), "malformed"),
        (_bad(files=[entry("data/x", b"1"), entry("data/x", b"2")]), "twice"),
        (_bad(files=[entry("data/X", b"1"), entry("data/x", b"2")]), "twice"),
        (_bad(files=[entry("data", b"1"), entry("data/x", b"2")]), "a file and a folder"),
        (_bad(files=[entry("../x", b"1")]), r"\.\."),
        (_bad(files=[entry("/x", b"1")]), "absolute"),
        (_bad(files=[entry("MANIFEST.json", b"1")]), "among the payload"),
        (_bad(files=[{"path": "x", "size": -1, "sha256": "a" * 64}]), r"files\[x\]\.size"),
        (_bad(files=[{"path": "x", "size": 1, "sha256": "A" * 64}]), r"files\[x\]\.sha256"),
        (_bad(files=[{"path": "x", "size": 1, "sha256": "a" * 64, "mode": 7}]), "file 1"),
        (_bad(files=[{"path": "x", "size": 8**11, "sha256": "a" * 64}]), r"files\[x\]\.size"),
        (_bad(files={"x": 1}), r"files is not \[…\]"),
        (b'{"format": "kamarhitung-bundle/1", "x": NaN}', "non-number"),
    ],
)
def test_a_bad_manifest_is_refused_with_its_reason(data: bytes, message: str) -> None:
    with pytest.raises(b.BundleError, match=message):
        b.parse_manifest(data)


def test_manifest_limits() -> None:
    files = [
        {"path": f"images/{i:064x}.jpg", "size": 1 << 30, "sha256": "a" * 64} for i in range(3)
    ]
    with pytest.raises(b.BundleError, match="more than the limit") as e:
        b.parse_manifest(_bad(files=files), b.Limits(max_total_bytes=2 << 30))
    assert e.value.kind == "limit"
    with pytest.raises(b.BundleError, match="3 files, more than the limit of 2"):
        b.parse_manifest(_bad(files=files), b.Limits(max_files=2))


# --- writing and reading --------------------------------------------------------------------


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    members = []
    for i, size in enumerate((0, 1, 511, 512, 513, 3 * 1024 * 1024 + 7)):
        p = tmp_path / f"f{i}"
        p.write_bytes(bytes((i + j) % 256 for j in range(size)))
        members.append(b.stage_file(f"images/{i:02d}.bin", p))
    m = b.build_manifest(
        sequence=4,
        kabupaten="3578",
        kabupaten_name="KOTA SURABAYA",
        election="x",
        created_at="2026-12-09T21:00:00+07:00",
        software={"name": "kamarhitung", "version": "0"},
        recipient=IDENT.recipient,
        summary={},
        files=[x.entry for x in members],
    )
    out = io.BytesIO()
    seen: list[tuple[int, int]] = []
    w = b.write_bundle(
        out,
        [IDENT.recipient],
        m.to_bytes(),
        b"signature",
        members,
        mtime=1_700_000_000,
        progress=lambda d, t: seen.append((d, t)),
    )
    data = out.getvalue()
    assert w.size == len(data)
    assert w.sha256 == hashlib.sha256(data).hexdigest()
    assert w.plaintext_size % b.RECORD == 0
    assert seen[-1][0] == seen[-1][1]
    checked: list[b.Manifest] = []
    r, sink = read(data, check=lambda man, raw, sig: checked.append(man))
    assert checked == [m] and r.manifest == m
    assert r.signature == b"signature" and r.sha256 == w.sha256
    for x in members:
        assert bytes(sink.files[x.path]) == x.file.read_bytes()
    # and the plaintext is a tar any tool reads
    plain = bytes(pyrage.decrypt(data, [IDENT.raw]))
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        names = tar.getnames()
        assert all(t.isreg() and t.mode == 0o644 for t in tar.getmembers())
    assert names == [b.MANIFEST_NAME, b.SIGNATURE_NAME, *(x.path for x in members)]


def test_a_member_changed_after_hashing_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "f"
    p.write_bytes(b"12345")
    src = b.stage_file("data/f", p)
    p.write_bytes(b"123456")
    with pytest.raises(b.BundleError, match="changed"):
        b.write_bundle(io.BytesIO(), [IDENT.recipient], b"{}", b"", [src], mtime=0)


class FullDisk(io.RawIOBase):
    """A drive that fills up after ``room`` bytes."""

    def __init__(self, room: int) -> None:
        self.room = room

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        n = len(data)  # type: ignore[arg-type]  # bytes-like
        if n > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= n
        return n


def test_a_full_drive_stops_the_writer_with_enospc(tmp_path: Path) -> None:
    p = tmp_path / "big"
    p.write_bytes(b"x" * (4 << 20))
    src = b.stage_file("images/big.bin", p)
    out: BinaryIO = FullDisk(1 << 20)  # type: ignore[assignment]  # a raw binary stream
    with pytest.raises(OSError) as e:
        b.write_bundle(out, [IDENT.recipient], b"{}", b"", [src], mtime=0)
    assert e.value.errno == errno.ENOSPC


def test_the_manifest_check_runs_before_any_member_is_handed_out() -> None:
    data = age(tar_of(standard()))
    opened: list[str] = []

    def refuse(_m: b.Manifest, _raw: bytes, _sig: bytes) -> None:
        raise b.BundleError("SIGNATURE_INVALID", "signature")

    with pytest.raises(b.BundleError, match=r"MANIFEST\.json\.p7s is not valid") as e:
        b.read_bundle(
            io.BytesIO(data),
            [IDENT],
            check_manifest=refuse,
            open_member=lambda e: opened.append(e.path),
        )
    assert (e.value.code, e.value.kind) == ("SIGNATURE_INVALID", "signature")
    assert opened == []


def test_a_plain_good_stream_reads() -> None:
    r, sink = read(age(tar_of(standard())))
    assert {p: bytes(v) for p, v in sink.files.items()} == PAYLOAD
    assert r.size > 0


def _sym(name: str) -> tuple[tarfile.TarInfo, bytes]:
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.SYMTYPE
    ti.linkname = "/etc/passwd"
    return ti, b""


def _typed(name: str, t: bytes) -> tuple[tarfile.TarInfo, bytes]:
    ti = tarfile.TarInfo(name)
    ti.type = t
    return ti, b""


RESULTS = "data/results.jsonl"
AUDIT = "audit/audit.jsonl"


def _members(*over: tuple[tarfile.TarInfo, bytes]) -> list[tuple[tarfile.TarInfo, bytes]]:
    return [reg(b.MANIFEST_NAME, good_manifest()), reg(b.SIGNATURE_NAME, b"sig"), *over]


@pytest.mark.parametrize(
    ("members", "message", "code"),
    [
        (
            _members(reg(RESULTS, PAYLOAD[RESULTS]), reg(AUDIT, PAYLOAD[AUDIT]), reg("x", b"1")),
            "member x is not listed",
            "unlisted",
        ),
        (
            _members(
                reg(RESULTS, PAYLOAD[RESULTS]), reg(AUDIT, PAYLOAD[AUDIT]), reg(AUDIT, b"{}\n")
            ),
            "appears twice",
            "twice",
        ),
        (
            _members(reg(AUDIT, PAYLOAD[AUDIT]), reg(RESULTS, PAYLOAD[RESULTS])),
            "out of the order",
            "order",
        ),
        (
            _members(reg(RESULTS, PAYLOAD[RESULTS])),
            "audit/audit.jsonl, listed in MANIFEST.json, is missing",
            "missing",
        ),
        (
            _members(reg(RESULTS, PAYLOAD[RESULTS] + b"x"), reg(AUDIT, PAYLOAD[AUDIT])),
            "larger",
            "size",
        ),
        (_members(reg(RESULTS, b"{}"), reg(AUDIT, PAYLOAD[AUDIT])), "smaller", "size"),
        (
            _members(
                reg(RESULTS, PAYLOAD[RESULTS].replace(b"1", b"2")), reg(AUDIT, PAYLOAD[AUDIT])
            ),
            "does not match its SHA-256",
            "hash",
        ),
        (_members(_sym(RESULTS)), "symbolic link", "member-type"),
        (_members(_typed(RESULTS, tarfile.LNKTYPE)), "hard link", "member-type"),
        (_members(_typed(RESULTS, tarfile.CHRTYPE)), "character device", "member-type"),
        (_members(_typed(RESULTS, tarfile.BLKTYPE)), "block device", "member-type"),
        (_members(_typed(RESULTS, tarfile.FIFOTYPE)), "a pipe", "member-type"),
        (_members(_typed("data", tarfile.DIRTYPE)), "a folder", "member-type"),
        (_members(reg("../evil", b"x")), r"climbs out", "name"),
        (_members(reg("/etc/cron.d/evil", b"x")), "absolute", "name"),
        ([reg(b.SIGNATURE_NAME, b"sig")], "starts with 'MANIFEST.json.p7s' instead", "order"),
        ([reg(b.MANIFEST_NAME, good_manifest())], "holds no MANIFEST.json.p7s", "missing"),
        ([], "holds no MANIFEST.json", "missing"),
    ],
)
def test_a_malformed_stream_is_refused(
    members: list[tuple[tarfile.TarInfo, bytes]], message: str, code: str
) -> None:
    with pytest.raises(b.BundleError, match=message) as e:
        read(age(tar_of(members)))
    assert e.value.kind == code


def test_a_decompression_bomb_is_refused_before_its_data_is_read() -> None:
    """A member whose header claims far more than the manifest declares: refused at the header,
    before a byte of it is read (the stream here does not even hold those bytes)."""
    ti, _ = reg(RESULTS, b"", size=6 * 1024**3)
    stream = tar_of(_members()).rstrip(b"\0")
    stream += b"\0" * (-len(stream) % 512) + ti.tobuf(tarfile.USTAR_FORMAT) + b"A" * (1 << 20)
    with pytest.raises(b.BundleError, match="is larger") as e:
        read(age(stream))
    assert e.value.kind == "size"


def test_a_manifest_declaring_a_bomb_is_refused_by_the_limit() -> None:
    files = [{"path": RESULTS, "size": 8**11 - 1, "sha256": "a" * 64}]
    m = json.dumps(manifest_dict(files)).encode()
    with pytest.raises(b.BundleError, match="more than the limit") as e:
        read(age(tar_of(_members_with(m))), limits=b.Limits(max_total_bytes=1 << 30))
    assert e.value.kind == "limit"


def _members_with(manifest: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
    return [reg(b.MANIFEST_NAME, manifest), reg(b.SIGNATURE_NAME, b"sig")]


def test_an_oversized_manifest_member_is_refused_unread() -> None:
    ti, _ = reg(b.MANIFEST_NAME, b"", size=8**11 - 1)
    stream = ti.tobuf(tarfile.USTAR_FORMAT) + b"{" * 4096
    with pytest.raises(b.BundleError, match=r"MANIFEST\.json is larger than the limit"):
        read(age(stream))


def test_extended_headers_are_refused() -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        ti = tarfile.TarInfo(b.MANIFEST_NAME)
        ti.pax_headers = {"comment": "hello"}
        data = good_manifest()
        ti.size = len(data)
        tar.addfile(ti, io.BytesIO(data))
    with pytest.raises(b.BundleError, match="extended"):
        read(age(buf.getvalue()))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        ti = tarfile.TarInfo("x" * 120)
        tar.addfile(ti, io.BytesIO(b""))
    with pytest.raises(b.BundleError, match="GNU long name"):
        read(age(buf.getvalue()))


def test_data_after_the_end_of_the_archive_is_refused() -> None:
    with pytest.raises(b.BundleError, match="after the end of the archive"):
        read(age(tar_of(standard()) + b"hidden data"))
    with pytest.raises(b.BundleError, match="too much padding"):
        read(age(tar_of(standard()) + b"\0" * (2 << 20)))


def test_an_archive_without_its_end_marker_is_refused() -> None:
    stream = tar_of(standard())
    body = stream.rstrip(b"\0")
    body += b"\0" * (-len(body) % 512)
    with pytest.raises(b.BundleError, match="no end marker") as e:
        read(age(body))
    assert e.value.kind == "truncated"


def test_a_damaged_header_is_refused() -> None:
    stream = bytearray(tar_of(standard()))
    stream[3] ^= 0x20  # the first header's checksum no longer holds
    with pytest.raises(b.BundleError, match="header at byte 0 is damaged"):
        read(age(bytes(stream)))


def test_a_non_posix_header_is_refused() -> None:
    stream = bytearray(tar_of(standard()))
    stream[257:265] = b"\0" * 8  # v7: no ustar magic
    chk = sum(stream[:148]) + 8 * 32 + sum(stream[156:512])
    stream[148:156] = b"%06o\0 " % chk
    with pytest.raises(b.BundleError, match="not POSIX ustar"):
        read(age(bytes(stream)))


def test_the_wrong_identity_is_refused() -> None:
    with pytest.raises(b.BundleError, match="not encrypted for this identity") as e:
        read(age(tar_of(standard())), ident=OTHER)
    assert e.value.kind == "recipient"


def test_flipped_bytes_and_truncation_are_refused_whatever_their_place() -> None:
    big = {RESULTS: bytes(range(256)) * 1024, AUDIT: b"{}\n"}
    m = json.dumps(manifest_dict([entry(p, d) for p, d in big.items()])).encode()
    data = age(tar_of(standard(m, big)))
    r, _ = read(data, limits=b.Limits())
    assert r.manifest.files[0].size == 256 * 1024
    header_end = data.index(b"\n---") + 48
    for pos in (10, 60, header_end + 5, header_end + 200, len(data) // 2, len(data) - 1):
        bad = bytearray(data)
        bad[pos] ^= 0x01
        with pytest.raises(b.BundleError) as e:
            read(bytes(bad))
        assert e.value.kind in ("damaged", "recipient"), (pos, str(e.value))
    for cut in (10, header_end, len(data) // 2, len(data) - 17, len(data) - 1):
        with pytest.raises(b.BundleError, match=r"truncated|damaged") as e:
            read(data[:cut])
    with pytest.raises(b.BundleError, match="not an age file"):
        read(b"PK\x03\x04 not age at all")
    with pytest.raises(b.BundleError):
        read(b"")
