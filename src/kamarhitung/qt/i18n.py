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
from kamarhitung.core.refusal import Refusal
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
    "REFUSED": str(QT_TRANSLATE_NOOP("refusal", "{detail}")),
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
}


def refusal_text(error: Refusal) -> str:
    """A refusal in the interface's language, from its code (never from its English text).
    A code from a newer version is shown as its English sentence."""
    source = REFUSAL_WORDS.get(error.code)
    if source is None:
        return str(error)

    class _Params(dict[str, object]):
        def __missing__(self, key: str) -> str:
            return "?"

    params = _Params(error.params)
    # Roles are codes in the parameters: their words come from here too.
    if isinstance(params.get("role"), str):
        params["role"] = role_name(str(params["role"]))
    if isinstance(params.get("needs"), str):
        params["needs"] = QCoreApplication.translate("refusal", " atau ").join(
            role_name(r.strip()) for r in str(params["needs"]).split(",")
        )
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
        ("QFileDialog", "Look in:"): "Cari di:",
        ("QFileDialog", "File &name:"): "&Nama berkas:",
        ("QFileDialog", "Files of type:"): "Jenis berkas:",
        ("QFileDialog", "&Open"): "&Buka",
        ("QFileDialog", "&Choose"): "&Pilih",
        ("QFileDialog", "Directory:"): "Folder:",
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
