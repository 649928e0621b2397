"""Words for codes, and the language of the interface.

The layers below speak in codes (finding codes, entry states, problem kinds, roles, master-import
problem codes); this module is the one place that turns them into words, through Qt Linguist so
that the words follow the chosen language. Source texts are Indonesian; English is a translation
(``resources/i18n/kamarhitung_en.ts``, built into ``.qm`` by ``tools/i18n.py build``).

Every mapping is an exhaustive ``match``: a code that reaches ``case _`` is one this version does
not know (a workspace or bundle written by a newer kamarhitung), and is shown as the code itself.

Switching language at runtime: :func:`set_language` removes the installed translators and
installs the new ones; Qt then sends ``QEvent.LanguageChange`` to every widget, and each widget
sets its texts again in its ``retranslate()`` method (the Spyder / Frescobaldi pattern).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import assert_never

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from typing_extensions import override

from kamarhitung.core.entry import Problem, State
from kamarhitung.core.master import MasterProblem
from kamarhitung.core.model import Role
from kamarhitung.core.refusal import CodedText, Refusal
from kamarhitung.core.validation import Finding

SOURCE_LANGUAGE = "id"
"""The language the texts are written in: no translator is needed for it."""

LANGUAGES: tuple[str, ...] = ("id", "en")
"""The languages the interface can be shown in, by ISO 639-1 code."""

LANGUAGE_NAMES: Mapping[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
"""Each language by its own name (never translated: a user looks for their own language)."""

QM_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
"""Where ``tools/i18n.py build`` writes ``kamarhitung_<lang>.qm``."""

QM_BASENAME = "kamarhitung"

FINDING_CODES: tuple[str, ...] = (
    "J-SUM",
    "A-TOTAL",
    "B-TOTAL",
    "B-LE-A",
    "BALLOT-BALANCE",
    "BALLOT-USED",
    "SAH-SUM",
    "TOTAL-SUM",
    "TOTAL-VOTERS",
    "DISAB-LE",
    "RANGE",
    "TURNOUT",
    "RESERVE",
    "INVALID-SHARE",
    "OUTLIER",
    "DUPLICATE",
    "SELISIH",
    "LAST-DIGIT",
)
"""Every finding code this version knows (DOMAIN.md and the anomaly rules)."""

MASTER_PROBLEM_CODES: tuple[str, ...] = (
    "ambiguous_code",
    "bad_contest",
    "bad_csv",
    "bad_desa_code",
    "bad_paslon_number",
    "bad_tps_number",
    "duplicate_column",
    "duplicate_file",
    "duplicate_paslon",
    "duplicate_tps",
    "empty",
    "empty_value",
    "inconsistent_name",
    "kolom_kosong",
    "missing_column",
    "missing_sheet",
    "negative",
    "no_rows",
    "not_a_number",
    "not_found",
    "not_utf8",
    "not_xlsx",
    "two_kabupaten",
)
"""Every problem code of :mod:`kamarhitung.core.master` (a test keeps this list complete)."""


# ------------------------------------------------------------------------------ states, problems


def state_name(state: State | str) -> str:
    """An entry state in words, e.g. ``different`` → "Berbeda"."""
    try:
        st = State(state)
    except ValueError:
        return str(state)
    match st:
        case State.EMPTY:
            return QCoreApplication.translate("i18n", "Belum dientri")
        case State.FIRST_IN_PROGRESS:
            return QCoreApplication.translate("i18n", "Entri pertama berjalan")
        case State.FIRST_DONE:
            return QCoreApplication.translate("i18n", "Entri pertama selesai")
        case State.SECOND_IN_PROGRESS:
            return QCoreApplication.translate("i18n", "Entri kedua berjalan")
        case State.DIFFERENT:
            return QCoreApplication.translate("i18n", "Berbeda")
        case State.JANGGAL:
            return QCoreApplication.translate("i18n", "Janggal")
        case State.FINAL:
            return QCoreApplication.translate("i18n", "Final")
        case _:
            assert_never(st)


def state_help(state: State | str) -> str:
    """One sentence saying what a state means and who acts next."""
    try:
        st = State(state)
    except ValueError:
        return str(state)
    match st:
        case State.EMPTY:
            return QCoreApplication.translate("i18n", "Belum ada yang mengentri formulir ini.")
        case State.FIRST_IN_PROGRESS:
            return QCoreApplication.translate(
                "i18n", "Operator pertama sedang mengentri formulir ini."
            )
        case State.FIRST_DONE:
            return QCoreApplication.translate(
                "i18n", "Entri pertama selesai; menunggu entri kedua oleh operator lain."
            )
        case State.SECOND_IN_PROGRESS:
            return QCoreApplication.translate(
                "i18n", "Operator kedua sedang mengentri formulir ini."
            )
        case State.DIFFERENT:
            return QCoreApplication.translate(
                "i18n", "Kedua entri berbeda; menunggu keputusan pengawas."
            )
        case State.JANGGAL:
            return QCoreApplication.translate(
                "i18n",
                "Kedua entri sama, tetapi formulirnya sendiri tidak konsisten; "
                "menunggu keputusan pengawas.",
            )
        case State.FINAL:
            return QCoreApplication.translate("i18n", "Final: dihitung dalam rekapitulasi.")
        case _:
            assert_never(st)


def problem_name(kind: Problem | str) -> str:
    """A problem an operator raised instead of keying, in words."""
    try:
        p = Problem(kind)
    except ValueError:
        return str(kind)
    match p:
        case Problem.ILLEGIBLE:
            return QCoreApplication.translate("i18n", "Tidak terbaca")
        case Problem.WRONG_TPS:
            return QCoreApplication.translate("i18n", "Foto dari TPS lain")
        case Problem.NOT_A_RESULT_FORM:
            return QCoreApplication.translate("i18n", "Bukan formulir hasil")
        case Problem.PAGE_MISSING:
            return QCoreApplication.translate("i18n", "Halaman hilang")
        case Problem.CORRECTED_ON_PAPER:
            return QCoreApplication.translate("i18n", "Dikoreksi di kertas")
        case _:
            assert_never(p)


def role_name(role: Role | str) -> str:
    """A user role in words."""
    try:
        r = Role(role)
    except ValueError:
        return str(role)
    match r:
        case Role.OPERATOR:
            return QCoreApplication.translate("i18n", "Operator")
        case Role.SUPERVISOR:
            return QCoreApplication.translate("i18n", "Supervisor")
        case Role.ADMIN:
            return QCoreApplication.translate("i18n", "Admin")
        case _:
            assert_never(r)


# ------------------------------------------------------------------------------------- findings


def finding_title(code: str) -> str:
    """A finding code as a short phrase for lists and headers (no numbers)."""
    match code:
        case "J-SUM":
            return QCoreApplication.translate("i18n", "Jumlah L + P tidak cocok")
        case "A-TOTAL":
            return QCoreApplication.translate("i18n", "Jumlah data pemilih tidak cocok")
        case "B-TOTAL":
            return QCoreApplication.translate("i18n", "Jumlah pengguna hak pilih tidak cocok")
        case "B-LE-A":
            return QCoreApplication.translate(
                "i18n", "Pengguna hak pilih melebihi pemilih terdaftar"
            )
        case "BALLOT-BALANCE":
            return QCoreApplication.translate("i18n", "Surat suara tidak seimbang")
        case "BALLOT-USED":
            return QCoreApplication.translate("i18n", "Surat suara digunakan ≠ pengguna hak pilih")
        case "SAH-SUM":
            return QCoreApplication.translate("i18n", "Suara sah ≠ jumlah perolehan paslon")
        case "TOTAL-SUM":
            return QCoreApplication.translate("i18n", "Jumlah suara ≠ sah + tidak sah")
        case "TOTAL-VOTERS":
            return QCoreApplication.translate("i18n", "Jumlah suara ≠ pengguna hak pilih")
        case "DISAB-LE":
            return QCoreApplication.translate("i18n", "Pemilih disabilitas tidak wajar")
        case "RANGE":
            return QCoreApplication.translate("i18n", "Angka di luar batas")
        case "TURNOUT":
            return QCoreApplication.translate("i18n", "Partisipasi melebihi DPT")
        case "RESERVE":
            return QCoreApplication.translate("i18n", "Surat suara cadangan tidak wajar")
        case "INVALID-SHARE":
            return QCoreApplication.translate("i18n", "Suara tidak sah 3% atau lebih")
        case "OUTLIER":
            return QCoreApplication.translate("i18n", "Jauh dari median kecamatan")
        case "DUPLICATE":
            return QCoreApplication.translate("i18n", "Hasil sama persis dengan TPS lain")
        case "SELISIH":
            return QCoreApplication.translate("i18n", "Beda dengan angka resmi")
        case "LAST-DIGIT":
            return QCoreApplication.translate("i18n", "Sebaran angka terakhir tidak wajar")
        case _:
            return code


_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def time_text(stamp: str | datetime | None, *, seconds: bool = False) -> str:
    """A moment as every screen shows it, in local time: ``14 Des 2026 09.10`` (Indonesian),
    ``14 Dec 2026 09.10`` (English: the months in English, the clock as in Indonesia, the same
    on every screen); ``seconds`` adds them (the audit trail). None: "—"."""
    if stamp is None or stamp == "":
        return "—"
    try:
        t = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(stamp)
    except ValueError:
        return str(stamp)
    if t.tzinfo is not None:
        t = t.astimezone()
    lang = "en" if current_language() == "en" else "id"
    return f"{t.day} {_MONTHS[lang][t.month - 1]} {t.year} {clock_text(t, seconds=seconds)}"


def clock_text(t: datetime | None = None, *, seconds: bool = False) -> str:
    """A time of day as every screen shows it, Indonesian style in both languages: ``09.10``
    (``09.10.05`` with seconds); None: now."""
    t = t if t is not None else datetime.now()
    return f"{t.hour:02d}.{t.minute:02d}" + (f".{t.second:02d}" if seconds else "")


def number_text(n: int | float, decimals: int = 0) -> str:
    """A number in the interface's language: ``12.345`` / ``12,5`` (Indonesian), ``12,345``
    (English)."""
    if isinstance(n, int) and decimals == 0:
        return QLocale().toString(n)
    return QLocale().toString(float(n), "f", decimals)


def _fmt(n: int) -> str:
    return QLocale().toString(n)


def _row_of(field: str) -> str:
    """``I.A.1.J`` → ``I.A.1`` (the printed row of an L/P/J field)."""
    head, _, col = field.rpartition(".")
    return head if col in ("L", "P", "J") else field


def describe_finding(f: Finding) -> str:
    """A finding as one line with its numbers, e.g.
    ``SAH-SUM: suara sah (V.A = 120) ≠ jumlah perolehan paslon (118)``."""
    p = dict(f.params)
    left = p.get("left")
    right = p.get("right")
    first = f.fields[0] if f.fields else ""
    second = f.fields[1] if len(f.fields) > 1 else ""
    text: str | None = None
    if left is not None and right is not None:
        text = _describe_check(f.code, first, second, left, right)
    elif f.code == "RANGE" and "value" in p and "max" in p:
        text = QCoreApplication.translate(
            "i18n", "{field} = {value} di luar batas 0 sampai {max}"
        ).format(field=first, value=_fmt(p["value"]), max=_fmt(p["max"]))
    if text is None:
        text = finding_title(f.code)
        details = [*f.fields, *(f"{k} = {_fmt(v)}" for k, v in f.params)]
        if details:
            text += " (" + ", ".join(details) + ")"
    return f"{f.code}: {text}"


def _describe_check(code: str, first: str, second: str, left: int, right: int) -> str | None:
    """The words for a failed identity ``left <op> right`` (None: use the generic line)."""
    a, b = _fmt(left), _fmt(right)
    match code:
        case "J-SUM":
            return QCoreApplication.translate(
                "i18n", "jumlah baris {row} (J = {left}) ≠ L + P ({right})"
            ).format(row=_row_of(first), left=a, right=b)
        case "A-TOTAL":
            return QCoreApplication.translate(
                "i18n", "jumlah pemilih ({field} = {left}) ≠ I.A.1 + I.A.2 + I.A.3 ({right})"
            ).format(field=first, left=a, right=b)
        case "B-TOTAL":
            return QCoreApplication.translate(
                "i18n",
                "jumlah pengguna hak pilih ({field} = {left}) ≠ I.B.1 + I.B.2 + I.B.3 ({right})",
            ).format(field=first, left=a, right=b)
        case "B-LE-A":
            return QCoreApplication.translate(
                "i18n",
                "pengguna hak pilih ({field} = {left}) > pemilih terdaftar ({other} = {right})",
            ).format(field=first, left=a, other=second, right=b)
        case "BALLOT-BALANCE":
            return QCoreApplication.translate(
                "i18n",
                "surat suara diterima (II.1 = {left}) ≠ digunakan + rusak + tidak digunakan "
                "({right})",
            ).format(left=a, right=b)
        case "BALLOT-USED":
            return QCoreApplication.translate(
                "i18n",
                "surat suara digunakan (II.2 = {left}) ≠ pengguna hak pilih (I.B.4.J = {right})",
            ).format(left=a, right=b)
        case "SAH-SUM":
            return QCoreApplication.translate(
                "i18n", "suara sah (V.A = {left}) ≠ jumlah perolehan paslon ({right})"
            ).format(left=a, right=b)
        case "TOTAL-SUM":
            return QCoreApplication.translate(
                "i18n", "jumlah suara (V.C = {left}) ≠ suara sah + tidak sah ({right})"
            ).format(left=a, right=b)
        case "TOTAL-VOTERS":
            return QCoreApplication.translate(
                "i18n", "jumlah suara (V.C = {left}) ≠ pengguna hak pilih (I.B.4.J = {right})"
            ).format(left=a, right=b)
        case "DISAB-LE":
            if second.startswith("I.B."):
                return QCoreApplication.translate(
                    "i18n",
                    "pemilih disabilitas yang memilih ({field} = {left}) > pengguna hak pilih "
                    "({other} = {right})",
                ).format(field=first, left=a, other=second, right=b)
            return QCoreApplication.translate(
                "i18n",
                "pemilih disabilitas yang memilih ({field} = {left}) > pemilih disabilitas "
                "({other} = {right})",
            ).format(field=first, left=a, other=second, right=b)
        case "TURNOUT":
            if first.startswith("I.B."):
                return QCoreApplication.translate(
                    "i18n",
                    "pengguna hak pilih ({field} = {left}) > jumlah pemilih ({other} = {right})",
                ).format(field=first, left=a, other=second, right=b)
            # The template checks 1000 × Σ IV ≤ 1025 × DPT in integers (no rounding).
            return QCoreApplication.translate(
                "i18n", "jumlah perolehan paslon ({votes}) > DPT ({dpt}) + 2,5%"
            ).format(votes=_fmt(left // 1000), dpt=_fmt(right // 1025))
        case "RESERVE":
            # |1000 × II.1 − 1025 × DPT| ≤ 2000 + 10 × DPT, in thousandths of a ballot.
            return QCoreApplication.translate(
                "i18n",
                "surat suara diterima (II.1) jauh dari DPT + 2,5%: selisih {diff}, batas {limit}",
            ).format(diff=_fmt(round(left / 1000)), limit=_fmt(right // 1000))
        case "INVALID-SHARE":
            # 100 × V.B < 3 × V.C, so V.B = left / 100 and V.C = right / 3.
            return QCoreApplication.translate(
                "i18n", "suara tidak sah (V.B = {invalid}) ≥ 3% dari jumlah suara (V.C = {total})"
            ).format(invalid=_fmt(left // 100), total=_fmt(right // 3))
        case "SELISIH":
            return QCoreApplication.translate(
                "i18n", "{field}: angka resmi {left}, angka kita {right}"
            ).format(field=first, left=a, right=b)
        case "RANGE" | "OUTLIER" | "DUPLICATE" | "LAST-DIGIT":
            return None
        case _:
            return None


# ------------------------------------------------------------------------------------- refusals

REFUSAL_WORDS: Mapping[str, str] = {
    # The Indonesian sentence of every code of core/refusal.py (marked for lupdate; translated at
    # run time), with the same {fields}. tests/qt/test_i18n.py keeps the keys equal to ENGLISH.
    "NOT_AN_OBJECT": str(QT_TRANSLATE_NOOP("refusal", "Entri {index} bukan sebuah objek JSON.")),
    "WRONG_ROLE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Pengguna {user} ({role}) tidak boleh melakukan ini: perlu peran {needs}."
        )
    ),
    "WRONG_PASSWORD": str(QT_TRANSLATE_NOOP("refusal", "Nama pengguna atau kata sandi salah.")),
    "LOCKED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal."
        )
    ),
    "LOGIN_REFUSED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Nama pengguna atau kata sandi salah, atau akun terkunci atau dinonaktifkan (admin dapat memeriksanya).",
        )
    ),
    "BAD_USER_NAME": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Nama pengguna {name}: hanya huruf a-z, angka, '.', '-' dan '_' (paling banyak {max}; huruf dari aksara lain ditolak karena mirip).",
        )
    ),
    "NO_USER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Tidak ada pengguna {user}.",
        )
    ),
    "OWN_ACCOUNT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Anda tidak dapat menonaktifkan akun Anda sendiri.",
        )
    ),
    "LAST_ADMIN": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{user} adalah admin aktif terakhir.",
        )
    ),
    "USER_ALREADY_ACTIVE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Pengguna {user} sudah aktif.",
        )
    ),
    "USER_ALREADY_DISABLED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Pengguna {user} sudah nonaktif.",
        )
    ),
    "ACCOUNT_TAMPERED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Akun {user} tidak cocok dengan catatan auditnya (peran, kata sandi, atau statusnya diubah di luar aplikasi); jalankan verifikasi audit.",
        )
    ),
    "ENTRY_NO_VERSION": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: entri {slot} tidak punya versi selesai yang tercatat: basis data diubah di luar aplikasi; jalankan verifikasi audit.",
        )
    ),
    "ENTRY_VERSION_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: versi tercatat entri {slot} diubah setelah ditulis; jalankan verifikasi audit.",
        )
    ),
    "ENTRY_ROW_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: entri {slot} diubah di luar aplikasi setelah selesai (berbeda dari versi yang tercatat); jalankan verifikasi audit.",
        )
    ),
    "ENTRY_NOT_CHAINED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: versi entri {slot} tidak dicatat peristiwa audit mana pun (disisipkan di luar aplikasi); jalankan verifikasi audit.",
        )
    ),
    "STATE_WITHOUT_ENTRIES": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest} berstatus {state} tanpa dua entri selesai: statusnya diubah di luar aplikasi; jalankan verifikasi audit.",
        )
    ),
    "STATE_NOT_DERIVED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest} berstatus {state}, padahal entri yang tercatat menjadikannya {derived}: statusnya diubah di luar aplikasi; jalankan verifikasi audit.",
        )
    ),
    "RECORD_TAMPERED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rekaman final {target} tidak cocok dengan catatan auditnya (diubah di luar aplikasi); jalankan verifikasi audit.",
        )
    ),
    "FINALISATION_NOT_CHAINED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Finalisasi {region} ({contest}) tidak cocok dengan peristiwa audit mana pun: dibuat di luar aplikasi; jalankan verifikasi audit.",
        )
    ),
    "SIGN_NOT_INTACT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Penandatanganan ditolak: workspace tidak lolos verifikasi audit: {problem}{more}",
        )
    ),
    "SIGN_SET_NOT_INTACT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Penandatanganan set laporan ditolak: workspace tidak lolos verifikasi audit: {problem}{more}",
        )
    ),
    "EXPORT_NOT_INTACT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Ekspor bundel ditolak: workspace tidak lolos verifikasi audit: {problem}{more}",
        )
    ),
    "FINALISE_NOT_INTACT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Finalisasi {region} ditolak: workspace tidak lolos verifikasi audit: {problem}{more}",
        )
    ),
    "BAD_HEAD": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Kepala rantai {head} tidak berbentuk SEQ:HASH (nomor peristiwa, titik dua, dan paling sedikit {min} karakter heksadesimal hash-nya).",
        )
    ),
    "NOT_A_BACKUP": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} bukan cadangan kamarhitung ({detail}).",
        )
    ),
    "BACKUP_OTHER_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} adalah cadangan kabupaten {theirs}, sedangkan {folder} berisi kabupaten {mine}: tidak ada yang dipulihkan.",
        )
    ),
    "BACKUP_FAILS_VERIFY": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} tidak lolos verifikasi audit: {problem}",
        )
    ),
    "WORKSPACE_EXISTS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} sudah berisi workspace.",
        )
    ),
    "NOT_A_FOLDER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} adalah berkas, bukan folder.",
        )
    ),
    "STAGING_FULL": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Drive {folder} penuh: berkas bundel tidak dapat disiapkan di sana; kosongkan ruang lalu ekspor lagi (tidak ada yang ditulis).",
        )
    ),
    "STAGING_FAILED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Menyiapkan bundel di {folder} gagal ({detail}); tidak ada yang ditulis.",
        )
    ),
    "PASSWORD_TOO_SHORT": str(
        QT_TRANSLATE_NOOP("refusal", "Kata sandi harus paling sedikit {min} karakter.")
    ),
    "PASSWORD_IS_NAME": str(
        QT_TRANSLATE_NOOP("refusal", "Kata sandi tidak boleh sama dengan nama pengguna.")
    ),
    "PASSWORD_WEAK": str(QT_TRANSLATE_NOOP("refusal", "Kata sandi harus berisi huruf dan angka.")),
    "USER_EXISTS": str(QT_TRANSLATE_NOOP("refusal", "Pengguna {user} sudah ada.")),
    "HAS_USERS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Workspace ini sudah punya pengguna; admin yang menambahkan yang lain."
        )
    ),
    "NO_BACKUP_FILE": str(QT_TRANSLATE_NOOP("refusal", "{file}: berkas cadangan tidak ada.")),
    "RESTORE_INTO_ROOM": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{folder} adalah ruangan atau stasiun: pulihkan cadangan ke folder baru, lalu jadikan "
            "folder itu tuan rumah ruangan.",
        )
    ),
    "BACKUP_CHAIN_BROKEN": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: rantai auditnya putus ({reason}).")
    ),
    "BACKUP_CHECK_FAILED": str(
        QT_TRANSLATE_NOOP("refusal", "Cadangan {file} gagal pemeriksaan keutuhannya: {detail}")
    ),
    "BACKUP_NOT_WRITTEN": str(
        QT_TRANSLATE_NOOP("refusal", "Tidak ada cadangan yang ditulis ke {folder}: {detail}")
    ),
    "CRL_OLDER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "CRL yang diberikan (nomor {given}, terbit {given_at}) lebih lama daripada yang disimpan provinsi (nomor {kept}, terbit {kept_at}): CRL tidak pernah mundur.",
        )
    ),
    # --- the room
    "ROOM_UNREACHABLE_FROM": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Basis data ruangan di {host}:{port} tidak dapat dihubungi dari {path}: {detail}",
        )
    ),
    "ROOM_NEWER_SCHEMA": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Ruangan di {host}:{port} ditulis oleh versi kamarhitung yang lebih baru (skema "
            "{schema}); perbarui aplikasi di PC ini.",
        )
    ),
    "ROOM_OLDER_SCHEMA": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Ruangan di {host}:{port} memakai skema {schema}, aplikasi ini {head}: buka dulu "
            "ruangan di tuan rumahnya dengan versi ini.",
        )
    ),
    "LISTEN_EVERYWHERE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "--listen 0.0.0.0 mendengarkan di semua jaringan: berikan alamat ruangan, atau --allow.",
        )
    ),
    "LISTEN_NOT_HERE": str(
        QT_TRANSLATE_NOOP("refusal", "--listen {listen} bukan alamat IP PC ini.")
    ),
    "ROOM_DATABASE": str(QT_TRANSLATE_NOOP("refusal", "Basis data ruangan: {detail}")),
    "STATION_CANNOT_HOST": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} adalah stasiun ruangan lain; folder ini tidak dapat menjadi tuan rumah.",
        )
    ),
    "ROOM_CHAIN_BROKEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Rantai audit {path} rusak ({reason}); tidak ada yang dipindahkan."
        )
    ),
    "ROOM_MOVE_BROKE_CHAIN": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rantai audit tidak utuh setelah pemindahan ({reason}); tidak ada yang dipindahkan.",
        )
    ),
    "ROOM_DID_NOT_START": str(QT_TRANSLATE_NOOP("refusal", "Ruangan tidak mulai; lihat {log}.")),
    "ROOM_NOT_OPEN_IN_TIME": str(
        QT_TRANSLATE_NOOP("refusal", "Ruangan tidak terbuka dalam {seconds} detik.")
    ),
    "NOT_A_ROOM_HOST": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} bukan tuan rumah ruangan: jalankan dulu `kamarhitung room host` di sana.",
        )
    ),
    "FOLDER_NOT_EMPTY": str(
        QT_TRANSLATE_NOOP("refusal", "{path} sudah berisi workspace atau stasiun.")
    ),
    "JOIN_CODE_LETTER": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Kode gabung tidak sah: {letter} tidak pernah ada dalam kode gabung"
        )
    ),
    "JOIN_CODE_LENGTH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Kode gabung tidak sah: kode terdiri dari enam kelompok empat huruf dan angka",
        )
    ),
    "JOIN_CODE_USED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Kode gabung salah, sudah dipakai, atau kedaluwarsa; minta kode baru kepada host",
        )
    ),
    "JOIN_CODE_BUSY": str(
        QT_TRANSLATE_NOOP("refusal", "Kode gabung ini sedang dipakai oleh stasiun lain")
    ),
    "ROOM_NAME_INVALID": str(
        QT_TRANSLATE_NOOP("refusal", "{name} bukan nama yang sah (huruf kecil, angka, dan _ saja)")
    ),
    "ROOM_UNREACHABLE": str(
        QT_TRANSLATE_NOOP("refusal", "Ruangan di {host}:{port} tidak dapat dihubungi: {detail}")
    ),
    "ROOM_PIN_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Tuan rumah di {host}:{port} bukan ruangan untuk kode ini (sertifikatnya tidak cocok); tidak ada yang digabungkan.",
        )
    ),
    "JOIN_REFUSED": str(QT_TRANSLATE_NOOP("refusal", "Ruangan menolak kode: {detail}")),
    "NOT_A_ROOM": str(
        QT_TRANSLATE_NOOP("refusal", "{path} bukan ruangan (sudah berupa workspace SQLite).")
    ),
    "ROOM_EXPORT_CHAIN_BROKEN": str(
        QT_TRANSLATE_NOOP("refusal", "Rantai audit hasil ekspor rusak ({reason}).")
    ),
    "WORKSPACE_DAMAGED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Basis data {path} rusak ({detail}). Pulihkan cadangan terakhir: {backup}."
        )
    ),
    "WORKSPACE_DAMAGED_NO_BACKUP": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Basis data {path} rusak ({detail}). Tidak ada cadangan di folder backups-nya.",
        )
    ),
    "WORKSPACE_IN_USE": str(
        QT_TRANSLATE_NOOP("refusal", "{path} sudah dibuka di jendela kamarhitung lain ({holder}).")
    ),
    "MIGRATION_HEADS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Aplikasi ini rusak: migrasi skemanya punya {count} ujung ({heads}). Pasang ulang aplikasi.",
        )
    ),
    "NOT_A_WORKSPACE": str(
        QT_TRANSLATE_NOOP("refusal", "{path} bukan workspace kamarhitung (tidak ada {db}).")
    ),
    "NEWER_SCHEMA": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{db} ditulis oleh versi kamarhitung yang lebih baru (skema {schema}). Perbarui aplikasi untuk membukanya.",
        )
    ),
    "UPGRADE_READ_ONLY": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} perlu pembaruan skema tetapi hanya dapat dibaca. Buka di tempat yang dapat ditulisi.",
        )
    ),
    "SCHEMA_EDITED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{db} punya {count} versi skema: basis data diubah secara manual."
        )
    ),
    "READ_ONLY": str(
        QT_TRANSLATE_NOOP("refusal", "{path} dibuka hanya-baca: tidak ada yang dapat diubah.")
    ),
    "DISK_FULL": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Disk tempat {path} penuh: tindakan ini tidak disimpan sama sekali. Kosongkan ruang lalu coba lagi.",
        )
    ),
    "NOT_WRITABLE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{path} tidak dapat ditulisi (hanya-baca): tidak ada yang disimpan."
        )
    ),
    "PASSPHRASE_TOO_SHORT": str(
        QT_TRANSLATE_NOOP("refusal", "Frasa sandi kunci paling sedikit {min} karakter.")
    ),
    "NOT_AGE_FILE": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan berkas terenkripsi age.")),
    "WRAPPED_KEY_TOO_LARGE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} terlalu besar untuk berkas kunci.")
    ),
    "WRONG_PASSPHRASE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Frasa sandi salah untuk {file}: kunci tidak dapat dibuka. Periksa huruf besar/kecil.",
        )
    ),
    "WRAPPED_KEY_DAMAGED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file} rusak atau bukan berkas kunci yang dilindungi frasa sandi."
        )
    ),
    "NOT_A_PRIVATE_KEY": str(
        QT_TRANSLATE_NOOP("refusal", "{file} tidak berisi kunci privat (PKCS#8).")
    ),
    "NOT_ECDSA_KEY": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan kunci ECDSA P-256.")),
    "NOT_SIGNED_BY_CA": str(
        QT_TRANSLATE_NOOP("refusal", "{file} tidak ditandatangani oleh CA provinsi.")
    ),
    "NOT_A_CERTIFICATE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} bukan sertifikat X.509 (PEM atau DER).")
    ),
    "BAD_TRANSITION": str(
        QT_TRANSLATE_NOOP("refusal", "Formulir tidak dapat berpindah dari status {old} ke {new}.")
    ),
    "BAD_REGION_CODE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Wilayah {region} bukan kode kecamatan (6 digit) atau kabupaten (4 digit)."
        )
    ),
    "UNKNOWN_REGION": str(
        QT_TRANSLATE_NOOP("refusal", "Tidak ada {level} {region} di workspace ini.")
    ),
    "ALREADY_FINALISED": str(
        QT_TRANSLATE_NOOP("refusal", "{level} {region} sudah difinalisasi untuk {contest}.")
    ),
    "TPS_NOT_FINAL": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Kecamatan {region} masih punya {count} TPS yang belum final untuk {contest} (yang pertama: {first}). Semua TPS harus final sebelum kecamatan difinalisasi.",
        )
    ),
    "KECAMATAN_NOT_FINALISED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{count} kecamatan belum difinalisasi untuk {contest} (yang pertama: {first}). Finalisasi semua kecamatan sebelum kabupaten.",
        )
    ),
    "REASON_NEEDED": str(
        QT_TRANSLATE_NOOP("refusal", "Membuka kembali wilayah yang sudah final memerlukan alasan.")
    ),
    "NOT_FINALISED": str(
        QT_TRANSLATE_NOOP("refusal", "{level} {region} belum difinalisasi untuk {contest}.")
    ),
    "KABUPATEN_FINALISED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Kabupaten sudah difinalisasi untuk {contest}: buka kembali kabupaten sebelum kecamatan {region}.",
        )
    ),
    "NOT_ONE_OF": str(
        QT_TRANSLATE_NOOP("refusal", "Nilai {value} tidak dikenal; pilihan yang ada: {allowed}.")
    ),
    "BAD_REPORT_LEVEL": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Tingkat laporan adalah kecamatan atau kabupaten, bukan {level}."
        )
    ),
    "NOT_THIS_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Wilayah {region} bukan kabupaten workspace ini ({kabupaten})."
        )
    ),
    "KECAMATAN_NEEDED": str(
        QT_TRANSLATE_NOOP("refusal", "Laporan kecamatan memerlukan kode kecamatan.")
    ),
    "NOT_A_KECAMATAN_CODE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Wilayah {region} bukan kode kecamatan (6 digit, misalnya 35.78.01)."
        )
    ),
    "CHANGED_AFTER_FINALISED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Data {level} {region} berubah setelah difinalisasi (sidik jari {fingerprint}… saat finalisasi). Buka kembali lalu finalisasi ulang.",
        )
    ),
    "CANNOT_WRITE": str(QT_TRANSLATE_NOOP("refusal", "{path} tidak dapat ditulis ({reason}).")),
    "ALREADY_SIGNED": str(QT_TRANSLATE_NOOP("refusal", "Laporan ini sudah ditandatangani.")),
    "PASSPHRASE_NEEDED": str(
        QT_TRANSLATE_NOOP("refusal", "Penandatanganan memerlukan frasa sandi kunci.")
    ),
    "UNKNOWN_TPS": str(QT_TRANSLATE_NOOP("refusal", "TPS {tps} tidak dikenal.")),
    "UNKNOWN_CONTEST_FOR_TPS": str(
        QT_TRANSLATE_NOOP("refusal", "Pemilihan {contest} tidak dikenal untuk TPS {tps}.")
    ),
    "SAME_USER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: Anda sudah membuat entri pertama; entri kedua harus dibuat operator lain.",
        )
    ),
    "NO_ENTRY_NEEDED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} {contest} berstatus {state}: tidak perlu entri sekarang."
        )
    ),
    "HELD_BY_OTHER": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} sedang diketik oleh {user}.")
    ),
    "UNKNOWN_FIELD": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Isian {field} tidak tercetak di formulir {form}, formulir pemilihan ini."
        )
    ),
    "NOT_A_NUMBER": str(
        QT_TRANSLATE_NOOP("refusal", "Isian {field}: {value} bukan bilangan bulat.")
    ),
    "BAD_VALUE": str(
        QT_TRANSLATE_NOOP("refusal", "Isian {field}: {value} di luar rentang 0 sampai {max}.")
    ),
    "NO_ENTRY_HELD": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} {contest}: Anda tidak sedang memegang entri formulir ini."
        )
    ),
    "FIELDS_NOT_KEYED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: {count} isian belum diketik (yang pertama: {first}). Ketik isian itu atau laporkan masalah.",
        )
    ),
    "ENTRY_NEEDS_TPS": str(
        QT_TRANSLATE_NOOP("refusal", 'Entri memerlukan "tps" dan "contest" berupa teks.')
    ),
    "ENTRY_BAD_SHAPE": str(
        QT_TRANSLATE_NOOP("refusal", 'Entri: "values" harus objek dan "problems" harus daftar.')
    ),
    "NOBODY_HOLDS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} {contest}: tidak ada yang sedang memegang entri formulir ini."
        )
    ),
    "RESOLUTION_NEEDS_REASON": str(
        QT_TRANSLATE_NOOP("refusal", "Penyelesaian selisih memerlukan alasan.")
    ),
    "WRONG_STATE": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} berstatus {state}, bukan {expected}.")
    ),
    "NO_DECISION": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Belum ada keputusan untuk {count} isian yang berbeda (yang pertama: {first}).",
        )
    ),
    "UNKNOWN_DECISION": str(
        QT_TRANSLATE_NOOP("refusal", "Keputusan {decision} untuk {field} tidak dikenal.")
    ),
    "DECISION_NO_VALUE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Isian {field}: keputusan ini tidak menghasilkan nilai yang sah."
        )
    ),
    "BAD_ATTRIBUTION": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Isian {field}: atribusi {value} bukan first/second/both/form."
        )
    ),
    "RESOLVED_LACKS_FIELDS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Formulir hasil penyelesaian masih kurang {count} isian (yang pertama: {first}).",
        )
    ),
    "RESOLVED_FAILS_CHECKS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Formulir hasil penyelesaian gagal pemeriksaan {checks}: terima sebagai janggal dengan catatan, atau kembalikan.",
        )
    ),
    "JANGGAL_NEEDS_NOTE": str(
        QT_TRANSLATE_NOOP("refusal", "Menerima formulir janggal memerlukan catatan.")
    ),
    "JANGGAL_NOT_KEYED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: {count} isian tidak diketik (ada masalah yang dilaporkan). Kembalikan untuk diketik ulang.",
        )
    ),
    "SEND_BACK_NEEDS_REASON": str(
        QT_TRANSLATE_NOOP("refusal", "Mengembalikan formulir memerlukan alasan.")
    ),
    "NOTHING_TO_SEND_BACK": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} {contest} berstatus {state}: tidak ada yang perlu dikembalikan."
        )
    ),
    "OTHERS_ENTRIES": str(
        QT_TRANSLATE_NOOP("refusal", "Operator hanya boleh melihat entrinya sendiri.")
    ),
    "UNKNOWN_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "Tidak ada pemilihan {contest} di workspace ini.")
    ),
    "UNKNOWN_FORM_IMAGE": str(QT_TRANSLATE_NOOP("refusal", "Tidak ada gambar formulir #{image}.")),
    "CONTEST_WITHOUT_TPS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Gambar yang belum ditetapkan tidak punya pemilihan: isi TPS, atau kosongkan pemilihan.",
        )
    ),
    "IMAGE_ALREADY_THERE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} sudah memiliki gambar yang sama (gambar formulir #{image})."
        )
    ),
    "IMAGE_TWICE": str(
        QT_TRANSLATE_NOOP("refusal", "Satu gambar disebut dua kali dalam urutan baru.")
    ),
    "NOT_AN_IMAGE_OF_TPS": str(
        QT_TRANSLATE_NOOP("refusal", "Gambar formulir {images} bukan gambar TPS {tps}.")
    ),
    "ONE_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Rekap memerlukan tepat satu kabupaten di workspace; ditemukan {count}."
        )
    ),
    "RECORD_UNKNOWN_TPS": str(
        QT_TRANSLATE_NOOP("refusal", "Ada rekaman untuk TPS {tps} yang tidak dikenal.")
    ),
    "RECORD_UNKNOWN_STATE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Ada rekaman pemilihan {contest} dengan status yang tidak dikenal."
        )
    ),
    "XLSX_NEEDS_FILE": str(
        QT_TRANSLATE_NOOP("refusal", "Rekap xlsx memerlukan nama berkas tujuan.")
    ),
    "CHAIN_BROKEN": str(QT_TRANSLATE_NOOP("refusal", "Rantai audit putus: {reason}")),
    "EVENT_MISSING": str(
        QT_TRANSLATE_NOOP("refusal", "peristiwa {missing} hilang sebelum peristiwa {seq}.")
    ),
    "EVENT_UNLINKED": str(
        QT_TRANSLATE_NOOP("refusal", "peristiwa {seq} tidak tersambung ke peristiwa sebelumnya.")
    ),
    "EVENT_CHANGED": str(QT_TRANSLATE_NOOP("refusal", "peristiwa {seq} diubah setelah ditulis.")),
    "VERSION_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Versi entri {id} (TPS {tps} {contest} entri {slot} v{version}) diubah setelah ditulis.",
        )
    ),
    "VERSION_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Versi entri {id} (TPS {tps} {contest} entri {slot} v{version}) tidak punya peristiwa audit: disisipkan di luar aplikasi.",
        )
    ),
    "VERSION_MISSING": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Versi entri yang dicatat peristiwa audit {seq} hilang: dihapus di luar aplikasi.",
        )
    ),
    "ENTRY_DIFFERS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Entri {slot} TPS {tps} {contest} berbeda dari versi yang dicatat: diubah di luar aplikasi.",
        )
    ),
    "RECORD_CHANGED": str(
        QT_TRANSLATE_NOOP("refusal", "Rekaman final {target} diubah setelah ditulis.")
    ),
    "RECORD_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rekaman final {target} tidak punya peristiwa audit: difinalkan di luar aplikasi.",
        )
    ),
    "RECORD_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Rekaman final {target} tidak cocok dengan peristiwa audit {seq}."
        )
    ),
    "RECORD_UNFINALISED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rekaman {target} final pada peristiwa audit {seq} tetapi kini {state}, tanpa peristiwa yang membukanya kembali.",
        )
    ),
    "RESOLUTION_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Keputusan {id} (TPS {tps} {contest}) tidak cocok dengan peristiwa audit mana pun: diubah atau disisipkan di luar aplikasi.",
        )
    ),
    "RESOLUTION_MISSING": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Keputusan yang dicatat peristiwa audit {seq} hilang atau diubah di luar aplikasi.",
        )
    ),
    "REGION_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Wilayah {target} tercatat final tanpa peristiwa audit: disisipkan di luar aplikasi.",
        )
    ),
    "REGION_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Finalisasi wilayah {target} tidak cocok dengan peristiwa audit {seq}."
        )
    ),
    "REGION_UNFINALISED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Wilayah {target} difinalkan pada peristiwa audit {seq} tetapi kini tidak, tanpa peristiwa yang membukanya kembali.",
        )
    ),
    "USER_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Pengguna {user} tidak punya peristiwa audit: ditambahkan di luar aplikasi."
        )
    ),
    "USER_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Pengguna {user} tidak cocok dengan peristiwa audit {seq}: peran, kata sandi, atau statusnya diubah di luar aplikasi.",
        )
    ),
    "USER_ROLE_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Pengguna {user} berperan {role}, padahal ditambahkan sebagai {was} (peristiwa audit {seq}).",
        )
    ),
    "KEY_FILE_REPLACED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} bukan berkas yang dicatat peristiwa audit {seq}: diganti di luar aplikasi.",
        )
    ),
    "VECTOR_STALE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rekaman final {target}: vektor rekapnya tidak cocok dengan nilainya (diubah manual).",
        )
    ),
    "RECORD_STATE_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rekaman {target} berstatus {state}, padahal entri yang dicatat menjadikannya {derived}: statusnya diubah di luar aplikasi.",
        )
    ),
    "HEAD_NOT_GENESIS": str(
        QT_TRANSLATE_NOOP("refusal", "Kepala rantai 0 harus membawa hash genesis.")
    ),
    "CHAIN_CUT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rantai berakhir di peristiwa {last}, sebelum peristiwa {seq} pada kepala rantai yang diberikan: peristiwa di ujung jejak audit dipotong.",
        )
    ),
    "HEAD_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Peristiwa {seq} ber-hash {hash}…, bukan kepala rantai yang diberikan ({given}…).",
        )
    ),
    "SAMPLE_CHANGED": str(QT_TRANSLATE_NOOP("refusal", "Sampel mutu {id} diubah setelah diundi.")),
    "SAMPLE_UNRECORDED": str(
        QT_TRANSLATE_NOOP("refusal", "Sampel mutu {id} tidak punya peristiwa audit.")
    ),
    "AUDIT_KEYING_CHANGED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Ketikan audit {id} (TPS {tps} {contest}) diubah setelah selesai."
        )
    ),
    "AUDIT_KEYING_UNRECORDED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Ketikan audit {id} (TPS {tps} {contest}) tidak punya peristiwa audit."
        )
    ),
    "AUDIT_DECISION_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Keputusan audit {id} (TPS {tps} {field}) tidak cocok dengan peristiwa auditnya.",
        )
    ),
    "BAD_TARGET": str(
        QT_TRANSLATE_NOOP("refusal", "Target {target} tidak dapat dipakai ({detail}).")
    ),
    "SEED_EMPTY": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Benih undian kosong: ketik angka yang dibacakan di depan para saksi."
        )
    ),
    "SEED_TOO_LONG": str(QT_TRANSLATE_NOOP("refusal", "Benih undian lebih dari {max} karakter.")),
    "FORMS_OR_TARGET": str(
        QT_TRANSLATE_NOOP("refusal", "Isi jumlah formulir atau batas target, bukan keduanya.")
    ),
    "SAMPLE_SIZE": str(
        QT_TRANSLATE_NOOP("refusal", "Sampel berisi 1 sampai {max} formulir, bukan {forms}.")
    ),
    "NOTHING_TO_SAMPLE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{contest}: tidak ada lagi formulir final yang dapat diambil sebagai sampel ({final} final, {taken} sudah menjadi sampel).",
        )
    ),
    "TOO_FEW_TO_SAMPLE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{contest}: diminta {forms} formulir, padahal hanya {available} formulir final yang belum menjadi sampel.",
        )
    ),
    "AUDIT_SAME_USER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: Anda mengetik salah satu entri formulir ini; ketikan auditnya harus dibuat operator yang tidak mengetik kedua entrinya.",
        )
    ),
    "NOT_FINAL_TO_AUDIT": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} belum final: tidak ada yang diaudit.")
    ),
    "AUDIT_HELD_BY_OTHER": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} sedang diketik untuk audit oleh {user}.")
    ),
    "DECISION_NEEDS_REASON": str(QT_TRANSLATE_NOOP("refusal", "Keputusan memerlukan alasan.")),
    "NOT_SAMPLED": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} tidak termasuk sampel audit.")
    ),
    "AUDIT_KEYING_NOT_DONE": str(
        QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest}: ketikan auditnya belum selesai.")
    ),
    "NO_DIFFERENCE_WAITS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "TPS {tps} {contest}: tidak ada perbedaan yang menunggu keputusan."
        )
    ),
    "NOT_A_WAITING_DIFFERENCE": str(
        QT_TRANSLATE_NOOP("refusal", "Isian {field} bukan perbedaan yang menunggu keputusan.")
    ),
    "NO_IMAGE_VALUE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Belum ada nilai yang dibaca dari gambar untuk {count} isian yang berbeda (yang pertama: {first}).",
        )
    ),
    "NO_LONGER_FINAL": str(QT_TRANSLATE_NOOP("refusal", "TPS {tps} {contest} tidak lagi final.")),
    "CORRECTED_FAILS_CHECKS": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Formulir yang dikoreksi gagal pemeriksaan {checks}: terima sebagai janggal dengan catatan, setelah setiap isian dicocokkan dengan gambar.",
        )
    ),
    "CANNOT_READ": str(QT_TRANSLATE_NOOP("refusal", "{path} tidak dapat dibaca ({reason}).")),
    "BAD_PASLON_MAP": str(
        QT_TRANSLATE_NOOP("refusal", "Pemetaan nomor paslon tidak dapat dipakai: {detail}")
    ),
    "NO_OFFICIAL_FILE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Tidak ada berkas angka resmi yang diberikan (hanya berkas calon)."
        )
    ),
    "OFFICIAL_FILES_REFUSED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Berkas angka resmi ditolak; tidak ada yang diimpor: {problems}{more}"
        )
    ),
    "TPS_IN_TWO_FILES": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}: TPS {tps} ({contest}) juga ada di {other}; tidak ada yang diimpor."
        )
    ),
    "CERT_NOT_OF_KEY": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat ini bukan sertifikat kunci penanda tangan.")
    ),
    "CERT_NOT_FROM_CA": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{cert} tidak diterbitkan oleh CA provinsi: tidak dapat menandatangani."
        )
    ),
    "CERT_NOT_VALID": str(QT_TRANSLATE_NOOP("refusal", "{cert} tidak berlaku pada {at} UTC.")),
    "CERT_REVOKED": str(QT_TRANSLATE_NOOP("refusal", "{cert} sudah dicabut oleh provinsi.")),
    "NO_SIGNATURE_FIELD": str(
        QT_TRANSLATE_NOOP("refusal", "Laporan tidak punya kolom tanda tangan {field}.")
    ),
    "SIGNING_FAILED": str(
        QT_TRANSLATE_NOOP("refusal", "Laporan tidak dapat ditandatangani: {detail}")
    ),
    "NO_TRUST_ANCHOR": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat CA (jangkar kepercayaan) tidak diberikan.")
    ),
    "PAGE_SIZE": str(
        QT_TRANSLATE_NOOP("refusal", "Satu halaman memuat 1 sampai {max} peristiwa, bukan {limit}.")
    ),
    "UNKNOWN_EVENT": str(QT_TRANSLATE_NOOP("refusal", "Tidak ada peristiwa audit {seq}.")),
    "IS_A_FOLDER": str(
        QT_TRANSLATE_NOOP("refusal", "{path} adalah folder: beri nama berkas yang akan ditulis.")
    ),
    "FILE_EXISTS": str(QT_TRANSLATE_NOOP("refusal", "{path} sudah ada: pilih nama lain.")),
    "NO_FOLDER": str(QT_TRANSLATE_NOOP("refusal", "{path} tidak ada.")),
    "RETIRED_FORM": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path}: pemilihan {contest} diketik dengan templat formulir {template}, yang bukan formulir cetak 2024; entrinya tidak dapat dibaca sebagai formulir {form} tanpa ditafsirkan ulang, jadi workspace ini ditolak. Buka dengan versi aplikasi yang dipakai saat mengetiknya, atau ketik ulang pemilihan itu di workspace baru.",
        )
    ),
    "REGION_FROZEN": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "TPS {tps} {contest}: {level} {region} sudah difinalisasi; supervisor harus membukanya kembali, dengan alasan, sebelum rekamannya dapat diubah.",
        )
    ),
    "REPEAT_NEEDS_REASON": str(
        QT_TRANSLATE_NOOP("refusal", "Pemungutan suara ulang memerlukan alasan.")
    ),
    "REPEAT_NEEDS_REFERENCE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Pemungutan suara ulang memerlukan nomor keputusan yang memerintahkannya."
        )
    ),
    "BAD_KABUPATEN_CODE": str(QT_TRANSLATE_NOOP("refusal", "Kode kabupaten {code} bukan 4 digit.")),
    "NOT_A_REQUEST": str(
        QT_TRANSLATE_NOOP("refusal", "{file} bukan permintaan sertifikat (PEM atau DER).")
    ),
    "NOT_SELF_SIGNED_REQUEST": str(
        QT_TRANSLATE_NOOP("refusal", "{file} tidak ditandatangani dengan kuncinya sendiri.")
    ),
    "REQUEST_NO_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Permintaan sertifikat tidak memuat kode kabupaten (OU=KAB-<4 digit>)."
        )
    ),
    "REQUEST_NO_NAME": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Permintaan sertifikat tidak memuat nama kabupaten (O=<nama>)."
        )
    ),
    "NOT_ONE_CERTIFICATE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} berisi {count} sertifikat; seharusnya satu.")
    ),
    "NOT_A_CRL": str(
        QT_TRANSLATE_NOOP("refusal", "{file} bukan daftar pencabutan sertifikat (CRL).")
    ),
    "NOT_A_CA": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan sertifikat CA (tanpa CA:TRUE).")),
    "CA_NOT_SELF_SIGNED": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak ditandatangani sendiri.")),
    "CA_DOES_NOT_VERIFY": str(
        QT_TRANSLATE_NOOP("refusal", "{file} tidak terverifikasi dengan kuncinya sendiri.")
    ),
    "NOT_AN_IDENTITY": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: bukan identitas age X25519 (AGE-SECRET-KEY-1…).")
    ),
    "NO_IDENTITY": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak berisi identitas age.")),
    "NOT_A_RECIPIENT": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: bukan penerima age X25519 (age1…).")
    ),
    "NO_RECIPIENT": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak berisi penerima age.")),
    # --- thin (issue 15): the paper check, the command line
    "PAPER_GROUPS_BAD": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "--paper {text}: ketik dua kelompok empat karakter heksadesimal dari sidik data yang tercetak, dipisah koma (7f3a,91c2: kelompok 1 dan 2), masing-masing boleh didahului posisinya (5:7f3a,12:91c2).",
        )
    ),
    "PAPER_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file}: kelompok {a} dan {b} yang diketik dari kertas tidak cocok dengan sidik data bundel ({contest}). Kertas dan berkas tidak berasal dari data yang sama; tidak ada yang diimpor.",
        )
    ),
    "PAPER_NO_CONTEST": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}: bundel tidak memuat pemilihan {contest} (isinya {contests})."
        )
    ),
    "SELISIH_EXPORT_FOLDER": str(
        QT_TRANSLATE_NOOP("refusal", "{path} adalah folder: beri nama berkas yang akan ditulis.")
    ),
    "PAPER_ONE_FILE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "--paper mencocokkan satu bundel dengan kertas kabupatennya: berikan satu berkas, bukan {count}.",
        )
    ),
    # --- thin (issue 15): the province's CA, workspace and recap; the command line
    "PROVINCE_CA_EXISTS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{folder} sudah berisi CA provinsi ({file}); tidak ada yang diubah."
        )
    ),
    "PROVINCE_CA_KEY_MISMATCH": str(QT_TRANSLATE_NOOP("refusal", "{key} bukan kunci dari {cert}.")),
    "PROVINCE_CERT_DAYS": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat berlaku 1 sampai 3.660 hari, bukan {days}.")
    ),
    "PROVINCE_NOT_OUR_CERT": str(
        QT_TRANSLATE_NOOP("refusal", "{cert} tidak diterbitkan oleh CA ini.")
    ),
    "PROVINCE_REVOKE_TARGET": str(
        QT_TRANSLATE_NOOP("refusal", "{target} bukan berkas sertifikat dan bukan nomor seri.")
    ),
    "PROVINCE_ALREADY_REVOKED": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat nomor seri {serial} sudah dicabut.")
    ),
    "PROVINCE_WORKSPACE_EXISTS": str(
        QT_TRANSLATE_NOOP("refusal", "{folder} sudah berisi workspace.")
    ),
    "NOT_PROVINCE_WORKSPACE": str(
        QT_TRANSLATE_NOOP("refusal", "{folder} adalah workspace {kind}, bukan workspace provinsi.")
    ),
    "PROVINCE_RECAP_LEVEL": str(
        QT_TRANSLATE_NOOP("refusal", "Tingkat {level} bukan salah satu dari: {levels}.")
    ),
    "PROVINCE_NO_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "Tidak ada bundel impor yang memuat pemilihan {contest}.")
    ),
    "PROVINCE_RECAP_FORMAT": str(
        QT_TRANSLATE_NOOP("refusal", "Format {format} bukan salah satu dari: json, csv, xlsx.")
    ),
    "PROVINCE_XLSX_NEEDS_FILE": str(
        QT_TRANSLATE_NOOP("refusal", "Rekap xlsx perlu berkas: beri --out BERKAS.xlsx.")
    ),
    "CLI_NEEDS_USER": str(QT_TRANSLATE_NOOP("refusal", "Perintah ini perlu --user NAMA.")),
    "CLI_NO_PASSWORD": str(
        QT_TRANSLATE_NOOP("refusal", "Tidak ada kata sandi: isi {env} atau jalankan di terminal.")
    ),
    "CLI_NO_PASSPHRASE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Tidak ada frasa sandi untuk {what}: isi {env} atau jalankan di terminal."
        )
    ),
    "CLI_PASSPHRASES_DIFFER": str(
        QT_TRANSLATE_NOOP("refusal", "Kedua frasa sandi untuk {what} berbeda.")
    ),
    "CLI_CANNOT_READ": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: {what} tidak dapat dibaca ({reason}).")
    ),
    "CLI_TOO_LARGE": str(QT_TRANSLATE_NOOP("refusal", "{file}: terlalu besar untuk {what}.")),
    "CLI_FILE_EXISTS": str(QT_TRANSLATE_NOOP("refusal", "{file} sudah ada.")),
    "NO_FILE": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak ada.")),
    "FILE_UNREADABLE": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak dapat dibaca ({reason}).")),
    "KEY_FILE_TOO_LARGE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} terlalu besar untuk sebuah berkas kunci.")
    ),
    "NOT_KABUPATEN_WORKSPACE": str(
        QT_TRANSLATE_NOOP("refusal", "{path} adalah workspace {kind}, bukan workspace kabupaten.")
    ),
    "KEY_EXISTS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file} sudah ada: kunci baru memerlukan sertifikat baru (pakai --replace)."
        )
    ),
    "NO_KEY_YET": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{folder} belum berisi kunci: buat kunci dulu (kamarhitung keys generate)."
        )
    ),
    "CERT_NOT_FOR_KEY": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Sertifikat ini bukan untuk kunci workspace ini (keys/key.age)."
        )
    ),
    "CERT_NOT_FROM_THAT_CA": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Sertifikat ini tidak diterbitkan oleh sertifikat CA tersebut."
        )
    ),
    "CERT_OTHER_KABUPATEN": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat ini untuk {cert}, bukan untuk kabupaten {code}.")
    ),
    "CERT_EXPIRED": str(QT_TRANSLATE_NOOP("refusal", "Sertifikat ini kedaluwarsa pada {date}.")),
    "CERT_REVOKED_IN_CRL": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat {cert} dicabut dalam CRL tersebut.")
    ),
    "KEY_FILE_MISSING": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file} tidak ada: buat kunci dulu (kamarhitung keys generate)."
        )
    ),
    "PROVINCE_FILE_MISSING": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} tidak ada: pasang berkas dari provinsi dulu (kamarhitung keys install).",
        )
    ),
    "CERT_NOT_OF_WORKSPACE_KEY": str(
        QT_TRANSLATE_NOOP("refusal", "{cert} bukan sertifikat dari {key}.")
    ),
    "CERT_NOT_FROM_INSTALLED_CA": str(
        QT_TRANSLATE_NOOP("refusal", "{cert} tidak diterbitkan oleh {ca}.")
    ),
    "CERT_FILE_OTHER_KABUPATEN": str(
        QT_TRANSLATE_NOOP("refusal", "{file} untuk {cert}, bukan untuk kabupaten {code}.")
    ),
    "CERT_NOT_VALID_NOW": str(
        QT_TRANSLATE_NOOP("refusal", "{file} hanya berlaku dari {start} sampai {end}.")
    ),
    "CERT_REVOKED_BY_PROVINCE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} ({cert}) sudah dicabut oleh provinsi.")
    ),
    "IDENTITY_NEEDS_PASSPHRASE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} dilindungi frasa sandi: masukkan frasa sandinya.")
    ),
    "NO_BUNDLE_HERE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{path} adalah workspace {kind}: workspace ini tidak punya bundel."
        )
    ),
    "REGIONS_NOT_ONE_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Wilayah workspace ini tidak memuat kabupaten {code} tepat satu kali."
        )
    ),
    "IMAGE_STORE_DAMAGED": str(
        QT_TRANSLATE_NOOP("refusal", "Simpanan gambar rusak: {path} tidak cocok dengan namanya.")
    ),
    "NOT_OVERWRITTEN": str(
        QT_TRANSLATE_NOOP("refusal", "{path} sudah ada; tidak ada yang ditimpa.")
    ),
    "NOT_A_FOLDER_TO_WRITE": str(QT_TRANSLATE_NOOP("refusal", "{path} bukan folder.")),
    "EXPORT_NO_SPACE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Ruang tidak cukup untuk bundel di drive {path}: perlu sekitar {mb} MB, yang kosong {free} MB.",
        )
    ),
    "EXPORT_CANNOT_WRITE": str(
        QT_TRANSLATE_NOOP("refusal", "{path} tidak dapat ditulis ({detail}).")
    ),
    "EXPORT_DRIVE_FULL": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Drive {path} penuh (bundel perlu sekitar {mb} MB); berkas sebagian sudah dihapus.",
        )
    ),
    "EXPORT_FILE_TOO_LARGE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{path} akan lebih besar daripada yang diizinkan drive-nya (FAT32 berhenti di 4 GB); berkas sebagian sudah dihapus.",
        )
    ),
    "EXPORT_WRITE_FAILED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Penulisan {path} gagal ({detail}); berkas sebagian sudah dihapus."
        )
    ),
    "EXPORT_STOPPED": str(QT_TRANSLATE_NOOP("refusal", "{reason} Berkas sebagian sudah dihapus.")),
    "EXPORT_CANCELLED": str(QT_TRANSLATE_NOOP("refusal", "Ekspor dibatalkan.")),
    "SOURCE_NOT_REGULAR": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan berkas biasa.")),
    "SOURCE_CHANGED_OR_LARGE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} berubah saat dibaca, atau terlalu besar.")
    ),
    "SOURCE_CHANGED_AFTER_HASH": str(
        QT_TRANSLATE_NOOP("refusal", "{file} berubah setelah sidik jarinya dihitung.")
    ),
    "SOURCE_SHORTER": str(
        QT_TRANSLATE_NOOP("refusal", "{file} menjadi lebih pendek setelah sidik jarinya dihitung.")
    ),
    "SOURCE_CHANGED_WRITING": str(QT_TRANSLATE_NOOP("refusal", "{file} berubah saat ditulis.")),
    "MEMBER_NAME_EMPTY": str(QT_TRANSLATE_NOOP("refusal", "Sebuah anggota bundel tidak bernama.")),
    "MEMBER_NAME_ABSOLUTE": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name!r} memakai nama absolut.")
    ),
    "MEMBER_NAME_CLIMBS": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name!r} memakai nama yang keluar dari bundel (..).")
    ),
    "MEMBER_NAME_NOT_PLAIN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Anggota {name!r} memakai nama yang bukan jalur relatif biasa."
        )
    ),
    "MEMBER_NAME_DEVICE": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name!r} memakai nama perangkat yang dicadangkan.")
    ),
    "MANIFEST_TOO_LARGE": str(QT_TRANSLATE_NOOP("refusal", "MANIFEST.json melebihi batas ukuran.")),
    "MANIFEST_BAD_ENCODING": str(QT_TRANSLATE_NOOP("refusal", "MANIFEST.json bukan UTF-8.")),
    "MANIFEST_NOT_JSON": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json bukan JSON yang sah (baris {line}).")
    ),
    "MANIFEST_TOO_DEEP": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json bersarang terlalu dalam.")
    ),
    "MANIFEST_NOT_OBJECT": str(QT_TRANSLATE_NOOP("refusal", "MANIFEST.json bukan objek JSON.")),
    "MANIFEST_KEY_TWICE": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json memuat kunci {key!r} dua kali.")
    ),
    "MANIFEST_NON_NUMBER": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json memuat nilai bukan-angka {name}.")
    ),
    "MANIFEST_UNKNOWN_FORMAT": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json berformat {format}, yang tidak dikenal versi ini ({known})."
        )
    ),
    "MANIFEST_LACKS": str(QT_TRANSLATE_NOOP("refusal", "MANIFEST.json tidak memuat {keys}.")),
    "MANIFEST_FIELD_SHAPE": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json: {field} bukan {shape}.")
    ),
    "MANIFEST_FIELD_MALFORMED": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json: {field} tidak berbentuk benar.")
    ),
    "MANIFEST_NOT_HASH": str(QT_TRANSLATE_NOOP("refusal", "MANIFEST.json: {field} bukan SHA-256.")),
    "MANIFEST_NOT_INTEGER": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json: {field} bukan bilangan bulat dari {lo} sampai {hi}."
        )
    ),
    "MANIFEST_NOT_TEXT": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json: {field} bukan teks paling panjang {max}.")
    ),
    "MANIFEST_TOO_MANY_FILES": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json mendaftar {count} berkas, melebihi batas {max}."
        )
    ),
    "MANIFEST_TOO_MANY_BYTES": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json menyatakan {total} byte berkas, melebihi batas {max}."
        )
    ),
    "MANIFEST_LISTS_ITSELF": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json mendaftar {path} sebagai isi bundel.")
    ),
    "MANIFEST_LISTS_TWICE": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json mendaftar {path} dua kali.")
    ),
    "MANIFEST_FILE_AND_FOLDER": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json mendaftar {path} sebagai berkas sekaligus folder."
        )
    ),
    "SIGNATURE_NOT_CMS": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json.p7s bukan tanda tangan CMS.")
    ),
    "SIGNATURE_NOT_ONE_SIGNER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "MANIFEST.json.p7s harus memuat tepat satu penanda tangan beserta sertifikatnya.",
        )
    ),
    "SIGNATURE_UNREADABLE": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json.p7s tidak dapat divalidasi.")
    ),
    "SIGNATURE_NO_CERTIFICATE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json.p7s tidak membawa sertifikat penanda tangannya."
        )
    ),
    "SIGNATURE_DAMAGED_CERTIFICATE": str(
        QT_TRANSLATE_NOOP("refusal", "MANIFEST.json.p7s membawa sertifikat yang rusak.")
    ),
    "SIGNATURE_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal", "MANIFEST.json tidak cocok dengan tanda tangannya, MANIFEST.json.p7s."
        )
    ),
    "SIGNATURE_INVALID": str(
        QT_TRANSLATE_NOOP("refusal", "Tanda tangan MANIFEST.json.p7s tidak sah.")
    ),
    "CRL_EXPIRED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Daftar pencabutan (CRL) kedaluwarsa pada {date}: minta crl.pem yang baru dari provinsi.",
        )
    ),
    "SIGNER_NOT_FROM_CA": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Bundel ditandatangani oleh {signer}, yang sertifikatnya tidak diterbitkan oleh CA provinsi.",
        )
    ),
    "SIGNER_REVOKED": str(
        QT_TRANSLATE_NOOP("refusal", "Sertifikat penanda tangan bundel, {signer}, sudah dicabut.")
    ),
    "SIGNER_NOT_VALID_NOW": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Sertifikat penanda tangan bundel, {signer}, hanya berlaku dari {start} sampai {end}.",
        )
    ),
    "SIGNER_NOT_TRUSTED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Sertifikat penanda tangan bundel, {signer}, tidak dipercaya ({problem})."
        )
    ),
    "BUNDLE_SIGNER_OTHER_KABUPATEN": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Manifes untuk kabupaten {kabupaten}, tetapi ditandatangani oleh {signer}."
        )
    ),
    "BUNDLE_OTHER_RECIPIENT": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Bundel dibuat untuk penerima {recipient}, bukan untuk identitas ini."
        )
    ),
    "BUNDLE_NOT_FOR_IDENTITY": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Bundel tidak dienkripsi untuk identitas ini (tidak ada kunci yang cocok)."
        )
    ),
    "BUNDLE_TRUNCATED": str(QT_TRANSLATE_NOOP("refusal", "Berkas bundel terpotong.")),
    "BUNDLE_DAMAGED": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Berkas bundel terpotong atau rusak, atau diubah setelah dibuat."
        )
    ),
    "BUNDLE_NOT_AGE": str(
        QT_TRANSLATE_NOOP("refusal", "Bundel bukan berkas age, atau kepalanya rusak.")
    ),
    "BUNDLE_ENDS_IN": str(QT_TRANSLATE_NOOP("refusal", "Bundel berakhir di tengah {what}.")),
    "BUNDLE_HOLDS_NO": str(QT_TRANSLATE_NOOP("refusal", "Bundel tidak memuat {name}.")),
    "BUNDLE_STARTS_WITH": str(
        QT_TRANSLATE_NOOP("refusal", "Bundel dimulai dengan {found!r}, bukan {name}.")
    ),
    "BUNDLE_LACKS": str(QT_TRANSLATE_NOOP("refusal", "Bundel tidak memuat {name}.")),
    "TAR_END_DAMAGED": str(QT_TRANSLATE_NOOP("refusal", "Penanda akhir arsip rusak.")),
    "TAR_HEADER_DAMAGED": str(QT_TRANSLATE_NOOP("refusal", "Kepala anggota pada byte {at} rusak.")),
    "TAR_NOT_USTAR": str(
        QT_TRANSLATE_NOOP("refusal", "Kepala anggota pada byte {at} bukan POSIX ustar.")
    ),
    "TAR_TRAILING_DATA": str(
        QT_TRANSLATE_NOOP("refusal", "Bundel memuat data setelah akhir arsip.")
    ),
    "TAR_TOO_MUCH_PADDING": str(
        QT_TRANSLATE_NOOP("refusal", "Bundel memuat terlalu banyak pengisi setelah arsip.")
    ),
    "MEMBER_NOT_REGULAR": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name!r} bukan berkas biasa ({type}).")
    ),
    "MEMBER_NOT_STAGED": str(
        QT_TRANSLATE_NOOP("refusal", "{name} tidak dapat disiapkan ({detail}).")
    ),
    "MEMBER_OVER_LIMIT": str(QT_TRANSLATE_NOOP("refusal", "{name} melebihi batas {limit} byte.")),
    "MEMBER_MISSING": str(
        QT_TRANSLATE_NOOP("refusal", "{name}, yang terdaftar di MANIFEST.json, tidak ada.")
    ),
    "MEMBER_LARGER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Anggota {name} lebih besar ({size} byte) daripada yang dinyatakan MANIFEST.json ({declared}).",
        )
    ),
    "MEMBER_SMALLER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Anggota {name} lebih kecil ({size} byte) daripada yang dinyatakan MANIFEST.json ({declared}).",
        )
    ),
    "MEMBER_HASH_MISMATCH": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Anggota {name} tidak cocok dengan SHA-256-nya di MANIFEST.json."
        )
    ),
    "MEMBER_TWICE": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name} muncul dua kali dalam bundel.")
    ),
    "MEMBER_OUT_OF_ORDER": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Anggota {name} tidak sesuai urutan MANIFEST.json (seharusnya {expected})."
        )
    ),
    "MEMBER_UNLISTED": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name} tidak terdaftar di MANIFEST.json.")
    ),
    "MEMBER_OUTSIDE_STAGING": str(
        QT_TRANSLATE_NOOP("refusal", "Anggota {name} akan ditulis di luar area penyiapan.")
    ),
    "BUNDLE_ALREADY_IMPORTED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Bundel {bundle} (KAB-{kabupaten}, urutan {sequence}) sudah diimpor pada {at}.",
        )
    ),
    "BUNDLE_NOT_NEWER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Bundel ini berurutan {sequence}, tidak lebih baru daripada urutan {last} yang sudah diimpor dari KAB-{kabupaten}.",
        )
    ),
    "BUNDLE_NO_SPACE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Bundel berukuran {mb} MB dan hanya {free} MB yang kosong di samping workspace provinsi.",
        )
    ),
    "BUNDLE_CHAIN_NOT_EXTENDED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Rantai audit bundel tidak melanjutkan rantai yang diimpor sebelumnya dari KAB-{kabupaten} (kepala {head}…): {where}; jejak kabupaten itu dipotong atau ditulis ulang.",
        )
    ),
    "CHAIN_ENDS_AT": str(QT_TRANSLATE_NOOP("refusal", "rantainya berakhir pada peristiwa {seq}")),
    "CHAIN_EVENT_DIFFERS": str(QT_TRANSLATE_NOOP("refusal", "peristiwa {seq}-nya berbeda")),
    "PAPER_MEMBER_TOO_LARGE": str(
        QT_TRANSLATE_NOOP("refusal", "{file} terlalu besar untuk pemeriksaan kertas.")
    ),
    "PAPER_READ_ENOUGH": str(
        QT_TRANSLATE_NOOP("refusal", "Pemeriksaan kertas sudah membaca yang diperlukan.")
    ),
    "DATA_FILE_TOO_LARGE": str(QT_TRANSLATE_NOOP("refusal", "{file} terlalu besar.")),
    "DATA_FILE_NOT_JSON": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan JSON yang sah.")),
    "DATA_FILE_BAD_ENCODING": str(QT_TRANSLATE_NOOP("refusal", "{file} bukan UTF-8.")),
    "DATA_LINE_TOO_LONG": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: terlalu panjang.")
    ),
    "DATA_LINE_NOT_JSON": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: bukan JSON yang sah.")
    ),
    "DATA_LINE_NOT_OBJECT": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: bukan objek JSON.")
    ),
    "DATA_REGION_SHAPE": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: bukan {{code, level, name}}.")
    ),
    "DATA_REGION_OUTSIDE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}, baris {line}: {code} bukan {level} dari KAB-{kabupaten}."
        )
    ),
    "DATA_SECOND_KABUPATEN": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: kabupaten kedua.")
    ),
    "DATA_NO_TPS_ID": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: tidak ada kode TPS 13 digit.")
    ),
    "DATA_TPS_OUTSIDE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}, baris {line}: TPS {tps} tidak berada di KAB-{kabupaten}."
        )
    ),
    "DATA_UNKNOWN_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: pemilihan {contest} tidak dikenal.")
    ),
    "DATA_UNKNOWN_STATE": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: status {state} tidak dikenal.")
    ),
    "DATA_DPT_NOT_COUNT": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: DPT bukan bilangan cacah.")
    ),
    "DATA_TWO_DPT": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: TPS {tps} punya dua DPT yang berbeda.")
    ),
    "DATA_TPS_TWICE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}, baris {line}: TPS {tps} muncul dua kali untuk pemilihan {contest}."
        )
    ),
    "DATA_FINDINGS_NOT_LIST": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: temuan bukan sebuah daftar.")
    ),
    "DATA_FINAL_NO_VALUES": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: TPS {tps} final tanpa nilai.")
    ),
    "DATA_FINAL_MISSING_FIELD": str(
        QT_TRANSLATE_NOOP("refusal", "{file}, baris {line}: TPS {tps} final tanpa semua isian.")
    ),
    "DATA_FINAL_EXTRA_FIELD": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file}, baris {line}: TPS {tps} final dengan nilai yang tidak ada di formulir.",
        )
    ),
    "DATA_NOT_FINAL_VALUES": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}, baris {line}: TPS {tps} belum final tetapi membawa nilai."
        )
    ),
    "DATA_CONTESTS_SHAPE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "data/contests.json bukan daftar pemilihan yang berbentuk benar."
        )
    ),
    "DATA_CONTESTS_NOT_SUMMARY": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "data/contests.json dan ringkasan manifes tidak menyebut pemilihan yang sama.",
        )
    ),
    "DATA_NO_KABUPATEN": str(
        QT_TRANSLATE_NOOP("refusal", "data/regions.jsonl tidak memuat kabupaten {kabupaten}.")
    ),
    "DATA_REGIONS_RESULTS_MISFIT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "data/regions.jsonl dan data/results.jsonl tidak cocok satu sama lain: {detail}",
        )
    ),
    "DATA_VALUE_RANGE": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: TPS {tps} punya nilai di luar rentang.")
    ),
    "DATA_RECAP_NOT_SUMMARY": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Hasil pemilihan {contest} tidak menghasilkan rekap yang dinyatakan manifes ({final}/{total} final, sidik jari {fingerprint}…).",
        )
    ),
    "DATA_RECAP_FILE_MISMATCH": str(
        QT_TRANSLATE_NOOP("refusal", "{file} tidak cocok dengan hasilnya.")
    ),
    "DATA_RECAP_NO_LEVELS": str(QT_TRANSLATE_NOOP("refusal", "{file} tidak memuat tingkat rekap.")),
    "DATA_RECAP_UNKNOWN_LEVEL": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: tingkat {level} tidak dikenal.")
    ),
    "DATA_RECAP_ROWS_MISMATCH": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: baris tingkat {level} tidak cocok dengan hasilnya.")
    ),
    "CLI_DEMO_NOT_EMPTY": str(
        QT_TRANSLATE_NOOP("refusal", "{path} tidak kosong: demo memerlukan folder baru.")
    ),
    "CLI_BAD_ENCODING": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file}: bukan teks UTF-8 (byte {byte} pada posisi {offset}); simpan sebagai UTF-8.",
        )
    ),
    "CLI_NOT_JSON": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file}: bukan JSON yang sah (baris {line}, kolom {column}: {detail})."
        )
    ),
    "CLI_JSON_TOO_DEEP": str(
        QT_TRANSLATE_NOOP("refusal", "{file}: JSON-nya bersarang terlalu dalam untuk sebuah entri.")
    ),
    "CLI_JSON_KEY_TWICE": str(
        QT_TRANSLATE_NOOP("refusal", "JSON menyebut kunci {key!r} dua kali dalam satu objek.")
    ),
    "CLI_NEEDS_ADMIN": str(
        QT_TRANSLATE_NOOP("refusal", "Perintah ini perlu --user NAMA (seorang admin).")
    ),
    "CLI_NEEDS_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "Perintah ini perlu --contest (salah satu dari: {contests}).")
    ),
    "CLI_NO_FILE_TO_IMPORT": str(QT_TRANSLATE_NOOP("refusal", "Tidak ada berkas untuk diimpor.")),
    "CLI_NOT_A_TIME": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{option} {value!r} bukan tanggal atau waktu ISO (2024-11-27T08:00)."
        )
    ),
    "CLI_LIMIT": str(QT_TRANSLATE_NOOP("refusal", "--limit paling sedikit 1, bukan {limit}.")),
    "CLI_REPORTS_NEED_FOLDER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Laporan untuk setiap kecamatan memerlukan folder untuk --out (atau beri --region).",
        )
    ),
    "CLI_FORMS_OR_TARGET": str(
        QT_TRANSLATE_NOOP("refusal", "Sampel mutu perlu --forms N atau --target LAJU.")
    ),
    "CLI_BAD_FIELD_VALUE": str(
        QT_TRANSLATE_NOOP("refusal", "--value {item!r} bukan ISIAN=ANGKA (mis. IV.1=120).")
    ),
    "MASTER_PROBLEMS": str(
        QT_TRANSLATE_NOOP(
            "refusal", "Buku induk tidak dapat dipakai: {count} masalah; lihat daftar masalahnya."
        )
    ),
    "OFFICIAL_FILE": str(QT_TRANSLATE_NOOP("refusal", "{file}: {problem}{more}")),
    "OFFICIAL_ONE_MORE": str(QT_TRANSLATE_NOOP("refusal", " (dan 1 masalah lain)")),
    "OFFICIAL_MORE": str(QT_TRANSLATE_NOOP("refusal", " (dan {count} masalah lain)")),
    "OFFICIAL_MORE_FILES": str(QT_TRANSLATE_NOOP("refusal", " (dan {count} berkas lain)")),
    "AT_ROW": str(QT_TRANSLATE_NOOP("refusal", "baris {row}")),
    "AT_ITEM": str(QT_TRANSLATE_NOOP("refusal", "butir {item}")),
    "AT_KEY": str(QT_TRANSLATE_NOOP("refusal", "TPS {key}")),
    "AT_WHOLE_FILE": str(QT_TRANSLATE_NOOP("refusal", "berkas ini")),
    "AT_TABLE": str(QT_TRANSLATE_NOOP("refusal", "tabel {key}")),
    "AT_SHEET": str(QT_TRANSLATE_NOOP("refusal", "lembar {sheet!r}")),
    "VALUE_NOT_NUMBER": str(QT_TRANSLATE_NOOP("refusal", "{value} bukan angka")),
    "VALUE_NEGATIVE": str(QT_TRANSLATE_NOOP("refusal", "{value} negatif")),
    "VALUE_NOT_VOTES": str(
        QT_TRANSLATE_NOOP("refusal", "{value} bukan bilangan bulat jumlah suara")
    ),
    "VALUE_NO_TPS_ID": str(QT_TRANSLATE_NOOP("refusal", "kode TPS tidak ada")),
    "VALUE_NOT_TPS_ID": str(QT_TRANSLATE_NOOP("refusal", "{value} bukan kode TPS 13 digit")),
    "OFFICIAL_FORMAT": str(
        QT_TRANSLATE_NOOP("refusal", "format {format} bukan salah satu dari {formats}")
    ),
    "OFFICIAL_EMPTY": str(QT_TRANSLATE_NOOP("refusal", "berkasnya kosong")),
    "OFFICIAL_TWICE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{where}: TPS {tps} ({contest}) muncul dua kali (juga di {other})"
        )
    ),
    "OFFICIAL_NO_NUMBERS": str(QT_TRANSLATE_NOOP("refusal", "berkas ini tidak memuat angka resmi")),
    "OFFICIAL_NOT_XLSX": str(
        QT_TRANSLATE_NOOP("refusal", "berkas ini bukan buku kerja Excel (.xlsx)")
    ),
    "OFFICIAL_BAD_ZIP": str(
        QT_TRANSLATE_NOOP("refusal", "berkas ini arsip ZIP yang rusak ({detail})")
    ),
    "OFFICIAL_ZIP_BOMB": str(
        QT_TRANSLATE_NOOP("refusal", "berkas ini tidak dapat dibaca: {detail}")
    ),
    "OFFICIAL_XLSX_UNREADABLE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "berkas ini tidak dapat dibaca sebagai buku kerja Excel ({detail})"
        )
    ),
    "OFFICIAL_NOT_XLSX_DETAIL": str(
        QT_TRANSLATE_NOOP("refusal", "berkas ini bukan buku kerja xlsx ({detail})")
    ),
    "OFFICIAL_NO_HEADER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "tidak ada baris judul dengan kolom TPS (tps, kode_tps, kode) dalam {rows} baris pertama",
        )
    ),
    "OFFICIAL_COLUMNS_SAME_FIELD": str(
        QT_TRANSLATE_NOOP("refusal", "baris {row}: kolom {a!r} dan {b!r} sama-sama memberi {field}")
    ),
    "OFFICIAL_NO_VOTE_COLUMN": str(
        QT_TRANSLATE_NOOP("refusal", "baris {row}: tidak ada kolom suara (IV.1, suara_sah, ...)")
    ),
    "OFFICIAL_NO_CONTEST_COLUMN": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "baris {row}: tidak ada kolom 'pemilihan', dan pemilihan tidak diberikan (--contest)",
        )
    ),
    "OFFICIAL_BAD_CELL": str(QT_TRANSLATE_NOOP("refusal", "{where}, kolom {column!r}: {reason}")),
    "OFFICIAL_BAD_CELL_FIELD": str(
        QT_TRANSLATE_NOOP("refusal", "{where}, kolom {column!r} ({field}): {reason}")
    ),
    "OFFICIAL_UNKNOWN_TPS": str(
        QT_TRANSLATE_NOOP("refusal", "{where}: TPS {tps} tidak ada di workspace ini")
    ),
    "OFFICIAL_UNKNOWN_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "{where}: pemilihan {contest!r} tidak ada di workspace ini")
    ),
    "OFFICIAL_NO_PAIR": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{where}, kolom {column!r}: pemilihan {contest} tidak punya pasangan calon nomor {number}",
        )
    ),
    "OFFICIAL_NOT_OBJECT": str(QT_TRANSLATE_NOOP("refusal", "{where} bukan objek JSON")),
    "OFFICIAL_JSON_SHAPE": str(
        QT_TRANSLATE_NOOP("refusal", "JSON-nya bukan objek dan bukan daftar")
    ),
    "OFFICIAL_NOT_JSON": str(QT_TRANSLATE_NOOP("refusal", "berkas ini bukan JSON yang sah")),
    "OFFICIAL_NOT_JSON_AT": str(
        QT_TRANSLATE_NOOP(
            "refusal", "berkas ini bukan JSON yang sah (baris {line}, kolom {column})"
        )
    ),
    "OFFICIAL_BAD_VALUE": str(QT_TRANSLATE_NOOP("refusal", "{where}: {reason}")),
    "OFFICIAL_NO_CONTEST": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{where}: pemilihan tidak diberikan (kunci 'pemilihan' atau --contest)"
        )
    ),
    "OFFICIAL_PART_NOT_OBJECT": str(QT_TRANSLATE_NOOP("refusal", "{where}, {part}: bukan objek")),
    "OFFICIAL_UNMAPPED_ID": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "chart: kode calon {id} tidak dipetakan ke nomor urut oleh berkas calon atau peta paslon mana pun",
        )
    ),
    "OFFICIAL_UNMAPPED_ID_AT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{where}: kode calon {id} tidak dipetakan ke nomor urut oleh berkas calon atau peta paslon mana pun",
        )
    ),
    "OFFICIAL_NO_KOLOM_KOSONG": str(
        QT_TRANSLATE_NOOP(
            "refusal", "berkas calon menyebut KOLOM KOSONG, tetapi {contest} tidak memilikinya"
        )
    ),
    "OFFICIAL_MAP_NUMBER": str(
        QT_TRANSLATE_NOOP(
            "refusal", "peta paslon menyebut nomor urut {number}, yang tidak ada di {contest}"
        )
    ),
    "OFFICIAL_ID_COUNT": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "chart: berkas ini menyebut {count} kode paslon ({ids}), sedangkan pemilihan {contest} punya {pairs} pasangan calon; beri peta paslon (--paslon-map 100025=1,100026=2)",
        )
    ),
    "OFFICIAL_BAD_LABELLED": str(QT_TRANSLATE_NOOP("refusal", "{where}, {label}: {reason}")),
    "OFFICIAL_NO_FIELD": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{where}, {label}: pemilihan {contest} tidak punya isian {field}"
        )
    ),
    "OFFICIAL_VALUES_KEY": str(
        QT_TRANSLATE_NOOP("refusal", "{where}, values: {key} bukan IV.<n>, V.A, V.B atau V.C")
    ),
    "OFFICIAL_NEEDS_CONTEST": str(
        QT_TRANSLATE_NOOP("refusal", "pemilihan tidak diberikan (--contest)")
    ),
    "OFFICIAL_NOT_REGION": str(
        QT_TRANSLATE_NOOP("refusal", "{where}: {code} bukan wilayah kabupaten ini")
    ),
    "OFFICIAL_ROW_NOT_OBJECT": str(QT_TRANSLATE_NOOP("refusal", "{where}: bukan objek")),
    "OFFICIAL_NUMBER_NOT_IN": str(
        QT_TRANSLATE_NOOP("refusal", "{where}: nomor urut {number} tidak ada di {contest}")
    ),
    "OFFICIAL_TABLE_EMPTY": str(
        QT_TRANSLATE_NOOP("refusal", "tabelnya belum memuat angka (belum diumumkan?)")
    ),
    "OFFICIAL_REGION_OUTSIDE": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "lembar {sheet!r}, baris {row}: wilayah {region} tidak berada di kabupaten ini",
        )
    ),
    "OFFICIAL_SHEET_BAD": str(
        QT_TRANSLATE_NOOP("refusal", "lembar {sheet!r}, baris {row} ({field}), {region}: {reason}")
    ),
    "OFFICIAL_SHEET_NOT_FIELD": str(
        QT_TRANSLATE_NOOP(
            "refusal", "lembar {sheet!r}, baris {row}: {field} bukan isian formulir {contest}"
        )
    ),
    "OFFICIAL_NO_KODE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "tidak ditemukan baris KODE dengan kode wilayah maupun baris isian"
        )
    ),
    "ROOM_CONNECTION_LOST": str(
        QT_TRANSLATE_NOOP("refusal", "Sambungan ke ruangan di {host}:{port} terputus: {detail}")
    ),
    # --- a room's backups and restore (services/backup_room.py)
    "ROOM_BACKUP_ON_HOST": str(
        QT_TRANSLATE_NOOP("refusal", "Cadangan ruangan dibuat di PC tuan rumah, bukan di stasiun.")
    ),
    "ROOM_BACKUP_FAILED_CHECK": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Cadangan ruangan tidak lolos pemeriksaan dan disisihkan sebagai {file}: {detail}",
        )
    ),
    "DUMP_UNREADABLE": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{file} tidak dapat dipulihkan ({detail}): tidak ada yang diubah."
        )
    ),
    "BACKUP_DAMAGED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file} bukan berkas yang dulu ditulis (SHA-256-nya berbeda dari yang tercatat di "
            "{sidecar}): tidak ada yang diubah.",
        )
    ),
    "BACKUP_COUNTS_DIFFER": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "{file}: tabel {table} dipulihkan dengan {found} baris, padahal {expected} baris "
            "yang dicadangkan.",
        )
    ),
    "RESTORE_ON_STATION": str(
        QT_TRANSLATE_NOOP(
            "refusal", "{folder} adalah stasiun: ruangan dipulihkan di PC tuan rumahnya."
        )
    ),
    "ROOM_STATIONS_CONNECTED": str(
        QT_TRANSLATE_NOOP(
            "refusal",
            "Ada stasiun yang tersambung ke ruangan ({stations}): minta mereka menutup "
            "kamarhitung, atau pulihkan dengan --force (sambungan mereka diputus dan mereka "
            "tersambung lagi ke ruangan yang dipulihkan); tidak ada yang dipulihkan.",
        )
    ),
}


def refusal_text(error: BaseException | CodedText) -> str:
    """A refusal in the interface's language, from its code (never from its English text).

    An error that is not a refusal, and a code from a newer version, are shown as their own
    sentence."""
    if not isinstance(error, Refusal | CodedText):
        return str(error)
    text = _refusal_words(error)
    # A sentence begins with a capital, also when it begins with a parameter ("kecamatan …"),
    # but a file, a path or a name keeps its own spelling ("keys/ca.pem bukan …").
    source = REFUSAL_WORDS.get(error.code, "")
    if source.startswith(tuple("{" + p for p in VERBATIM_PARAMS)):
        return text
    return text[:1].upper() + text[1:] if text[:1].islower() else text


VERBATIM_PARAMS = ("file", "path", "folder", "cert", "name", "key", "db", "option", "item")
"""Parameters that are spelled as given even at the start of a sentence (files, names)."""


def _refusal_words(error: Refusal | CodedText) -> str:
    source = REFUSAL_WORDS.get(error.code)
    if source is None:
        return str(error)

    class _Params(dict[str, object]):
        def __missing__(self, key: str) -> str:
            return "?"

    params = _Params(error.params)
    # A parameter that is itself a coded sentence (a chain's reason, a problem) is worded too.
    for key, value in error.params.items():
        if isinstance(value, CodedText):
            params[key] = _refusal_words(value)
    # Roles, states and region levels are codes in the parameters: their words come from here.
    for key in ("role", "was"):
        if isinstance(params.get(key), str):
            params[key] = role_name(str(params[key]))
    if isinstance(params.get("needs"), str):
        params["needs"] = QCoreApplication.translate("refusal", " atau ").join(
            role_name(r.strip()) for r in str(params["needs"]).split(",")
        )
    for key in ("state", "expected", "derived"):
        if isinstance(params.get(key), str):
            params[key] = state_name(str(params[key]))
    if error.params.get("derived") == "none":
        params["derived"] = QCoreApplication.translate(
            "refusal", "tanpa keputusan (entrinya tidak lengkap)"
        )
    if params.get("level") == "region":
        params["level"] = QCoreApplication.translate("refusal", "wilayah")
    return QCoreApplication.translate("refusal", source).format_map(params)


# ------------------------------------------------------------------------------- master problems


def master_problem_reason(code: str) -> str:
    """What a master-import problem code means, in words."""
    match code:
        case "ambiguous_code":
            return QCoreApplication.translate(
                "i18n",
                "kode desa berupa angka yang mungkin sudah dibulatkan; format kolom sebagai teks "
                "dan ketik ulang kodenya",
            )
        case "bad_contest":
            return QCoreApplication.translate("i18n", "jenis pemilihan tidak dikenal")
        case "bad_csv":
            return QCoreApplication.translate("i18n", "berkas CSV tidak dapat dibaca")
        case "bad_desa_code":
            return QCoreApplication.translate("i18n", "bukan kode desa 10 digit yang sah")
        case "bad_paslon_number":
            return QCoreApplication.translate("i18n", "nomor urut paslon tidak sah")
        case "bad_tps_number":
            return QCoreApplication.translate("i18n", "nomor TPS harus 1 sampai 999")
        case "duplicate_column":
            return QCoreApplication.translate(
                "i18n", "kolom muncul dua kali; hanya yang pertama dibaca"
            )
        case "duplicate_file":
            return QCoreApplication.translate("i18n", "ada lebih dari satu berkas dengan nama ini")
        case "duplicate_paslon":
            return QCoreApplication.translate("i18n", "nomor urut paslon muncul dua kali")
        case "kolom_kosong":
            return QCoreApplication.translate(
                "i18n",
                "KOLOM KOSONG hanya untuk pemilihan dengan satu pasangan calon, sekali, tanpa wakil",
            )
        case "duplicate_tps":
            return QCoreApplication.translate("i18n", "TPS yang sama muncul dua kali")
        case "empty":
            return QCoreApplication.translate("i18n", "berkas atau sheet kosong")
        case "empty_value":
            return QCoreApplication.translate("i18n", "isian kosong")
        case "inconsistent_name":
            return QCoreApplication.translate(
                "i18n", "kode yang sama memiliki nama wilayah yang berbeda"
            )
        case "missing_column":
            return QCoreApplication.translate("i18n", "kolom wajib tidak ada")
        case "missing_sheet":
            return QCoreApplication.translate("i18n", "sheet atau berkas wajib tidak ada")
        case "negative":
            return QCoreApplication.translate("i18n", "angka negatif")
        case "no_rows":
            return QCoreApplication.translate("i18n", "tidak ada baris data")
        case "not_a_number":
            return QCoreApplication.translate("i18n", "bukan bilangan bulat")
        case "not_found":
            return QCoreApplication.translate("i18n", "berkas tidak ditemukan")
        case "not_utf8":
            return QCoreApplication.translate(
                "i18n", "berkas bukan teks UTF-8; simpan sebagai CSV UTF-8"
            )
        case "not_xlsx":
            return QCoreApplication.translate("i18n", "bukan buku kerja Excel (.xlsx)")
        case "two_kabupaten":
            return QCoreApplication.translate(
                "i18n", "kode desa dari kabupaten lain; satu workspace memuat satu kabupaten"
            )
        case _:
            return code


def master_problem_text(p: MasterProblem) -> str:
    """A master-import problem as one line: where (sheet, row, column) and what."""
    where = [QCoreApplication.translate("i18n", "Sheet {sheet}").format(sheet=p.sheet)]
    if p.row is not None:
        where.append(QCoreApplication.translate("i18n", "baris {row}").format(row=p.row))
    if p.column:
        where.append(QCoreApplication.translate("i18n", "kolom {column}").format(column=p.column))
    return ", ".join(where) + ": " + master_problem_reason(p.code)


# ------------------------------------------------------------------------------------- language


class QtBaseIndonesian(QTranslator):
    """Indonesian for the few texts of Qt itself a user meets (dialog buttons, edit menus).

    Qt ships no ``qtbase_id.qm``; without this, an Indonesian interface would show "Cancel" on
    every dialog. Used only when no ``qtbase_id.qm`` is found.
    """

    TEXTS: Mapping[tuple[str, str], str] = {
        ("QPlatformTheme", "OK"): "OK",
        ("QPlatformTheme", "Save"): "Simpan",
        ("QPlatformTheme", "Save All"): "Simpan Semua",
        ("QPlatformTheme", "Open"): "Buka",
        ("QPlatformTheme", "&Yes"): "&Ya",
        ("QPlatformTheme", "Yes to &All"): "Ya untuk &Semua",
        ("QPlatformTheme", "&No"): "&Tidak",
        ("QPlatformTheme", "N&o to All"): "T&idak untuk Semua",
        ("QPlatformTheme", "Abort"): "Batalkan",
        ("QPlatformTheme", "Retry"): "Coba Lagi",
        ("QPlatformTheme", "Ignore"): "Abaikan",
        ("QPlatformTheme", "Close"): "Tutup",
        ("QPlatformTheme", "Cancel"): "Batal",
        ("QPlatformTheme", "Discard"): "Buang",
        ("QPlatformTheme", "Help"): "Bantuan",
        ("QPlatformTheme", "Apply"): "Terapkan",
        ("QPlatformTheme", "Reset"): "Atur Ulang",
        ("QPlatformTheme", "Restore Defaults"): "Kembalikan Bawaan",
        ("QLineEdit", "&Undo"): "&Urungkan",
        ("QLineEdit", "&Redo"): "U&langi",
        ("QLineEdit", "Cu&t"): "Po&tong",
        ("QLineEdit", "&Copy"): "&Salin",
        ("QLineEdit", "&Paste"): "T&empel",
        ("QLineEdit", "Delete"): "Hapus",
        ("QLineEdit", "Select All"): "Pilih Semua",
        ("QWidgetTextControl", "&Undo"): "&Urungkan",
        ("QWidgetTextControl", "&Redo"): "U&langi",
        ("QWidgetTextControl", "Cu&t"): "Po&tong",
        ("QWidgetTextControl", "&Copy"): "&Salin",
        ("QWidgetTextControl", "&Paste"): "T&empel",
        ("QWidgetTextControl", "Delete"): "Hapus",
        ("QWidgetTextControl", "Select All"): "Pilih Semua",
        ("QMessageBox", "Show Details..."): "Tampilkan Rincian…",
        ("QMessageBox", "Hide Details..."): "Sembunyikan Rincian…",
        # Qt's own file dialog (the app uses it everywhere: see qt/app.py), every text of it.
        ("QFileDialog", "Look in:"): "Cari di:",
        ("QFileDialog", "&Look in:"): "&Cari di:",
        ("QFileDialog", "File &name:"): "&Nama berkas:",
        ("QFileDialog", "Files of type:"): "Jenis berkas:",
        ("QFileDialog", "Files of &type:"): "&Jenis berkas:",
        ("QFileDialog", "&Open"): "&Buka",
        ("QFileDialog", "&Save"): "&Simpan",
        ("QFileDialog", "&Choose"): "&Pilih",
        ("QFileDialog", "Directory:"): "Folder:",
        ("QFileDialog", "&Delete"): "&Hapus",
        ("QFileDialog", "&New Folder"): "Folder &baru",
        ("QFileDialog", "New Folder"): "Folder baru",
        ("QFileDialog", "&Rename"): "&Ganti nama",
        ("QFileDialog", "All Files (*)"): "Semua berkas (*)",
        ("QFileDialog", "Back"): "Kembali",
        ("QFileDialog", "Forward"): "Maju",
        ("QFileDialog", "Go back"): "Kembali",
        ("QFileDialog", "Go forward"): "Maju",
        ("QFileDialog", "Parent Directory"): "Folder induk",
        ("QFileDialog", "Go to the parent directory"): "Ke folder induk",
        ("QFileDialog", "Create New Folder"): "Buat folder baru",
        ("QFileDialog", "Create a New Folder"): "Buat folder baru",
        ("QFileDialog", "List View"): "Tampilan daftar",
        ("QFileDialog", "Detail View"): "Tampilan rinci",
        ("QFileDialog", "Change to list view mode"): "Ganti ke tampilan daftar",
        ("QFileDialog", "Change to detail view mode"): "Ganti ke tampilan rinci",
        ("QFileDialog", "Directories"): "Folder",
        ("QFileDialog", "Files"): "Berkas",
        ("QFileDialog", "Sidebar"): "Bilah samping",
        ("QFileDialog", "List of places and bookmarks"): "Daftar tempat dan markah",
        ("QFileDialog", "Show &hidden files"): "Tampilkan berkas &tersembunyi",
        ("QFileDialog", "Recent Places"): "Tempat terakhir",
        ("QFileDialog", "%1 already exists.\nDo you want to replace it?"): (
            "%1 sudah ada.\nGanti berkas itu?"
        ),
        ("QFileDialog", "Are you sure you want to delete '%1'?"): "Yakin menghapus '%1'?",
        ("QFileSystemModel", "Name"): "Nama",
        ("QFileSystemModel", "Size"): "Ukuran",
        ("QFileSystemModel", "Type"): "Jenis",
        ("QFileSystemModel", "Date Modified"): "Tanggal diubah",
        ("QFileSystemModel", "Computer"): "Komputer",
        ("QFileSystemModel", "My Computer"): "Komputer",
        ("QAbstractFileIconProvider", "Folder"): "Folder",
        ("QAbstractFileIconProvider", "Drive"): "Drive",
        ("QAbstractFileIconProvider", "File"): "Berkas",
        ("QAbstractFileIconProvider", "%1 File"): "Berkas %1",
    }

    @override
    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt treats an empty string as a translation and would blank the text.
        return self.TEXTS.get((context, source_text))

    @override
    def isEmpty(self) -> bool:
        return False


_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def current_language() -> str:
    """The language the interface is shown in now."""
    return _language


def remove_translators() -> None:
    """Back to the bare source texts: no translator of ours installed (tests; shutting down)."""
    global _language
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    _language = SOURCE_LANGUAGE


def qm_path(lang: str, directory: Path | None = None) -> Path:
    """Where the compiled translation of our texts into ``lang`` is expected."""
    return (directory or QM_DIR) / f"{QM_BASENAME}_{lang}.qm"


def system_language(locale: QLocale | None = None) -> str:
    """The language a user gets before choosing one: the first of the system's interface
    languages (``QLocale.system().uiLanguages()``) that kamarhitung speaks, else Indonesian."""
    loc = locale if locale is not None else QLocale.system()
    for name in loc.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        code = "id" if code == "in" else code  # "in": the withdrawn ISO 639 code for Indonesian
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _locale(lang: str) -> QLocale:
    """The locale for numbers and dates: 1.234 in Indonesian, 1,234 in English."""
    if lang == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def set_language(lang: str, directory: Path | None = None) -> bool:
    """Show the interface in ``lang`` from now on; every widget retranslates itself.

    Returns False when the translation of our texts is missing (the ``.qm`` was not built): the
    interface then stays in Indonesian, the source language, and still works.
    """
    global _language
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    # The locale first: the LanguageChange that installing a translator sends makes widgets
    # format their numbers again.
    QLocale.setDefault(_locale(lang))
    _language = lang
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    complete = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    if qt.load(f"qtbase_{lang}", qt_dir):
        _installed.append(qt)
    elif lang == "id":
        # Qt ships no qtbase_id.qm (checked up to 6.12); fall back to our own few texts.
        _installed.append(QtBaseIndonesian())
    if lang != SOURCE_LANGUAGE:
        ours = QTranslator()
        if ours.load(str(qm_path(lang, directory))):
            _installed.append(ours)
        else:
            complete = False
    for t in _installed:
        QCoreApplication.installTranslator(t)
    return complete
