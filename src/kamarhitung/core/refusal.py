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
    # --- trust (issue 12): accounts
    "LOGIN_REFUSED": (
        "wrong user name or password, or the account is locked or disabled (an admin can tell)"
    ),
    "BAD_USER_NAME": (
        "user name {name}: letters a-z, digits, '.', '-' and '_' only (at most {max}; letters "
        "of other scripts are refused as look-alikes)"
    ),
    "NO_USER": "no user {user}",
    "OWN_ACCOUNT": "you cannot disable your own account",
    "LAST_ADMIN": "{user} is the last active admin",
    "USER_ALREADY_ACTIVE": "user {user} is already active",
    "USER_ALREADY_DISABLED": "user {user} is already disabled",
    "ACCOUNT_TAMPERED": (
        "account {user} does not match its audit record (its role, password or state was "
        "changed outside the application); run `kamarhitung audit verify`"
    ),
    # --- trust: data that does not match the audit chain
    "ENTRY_NO_VERSION": (
        "TPS {tps} {contest}: entry {slot} has no recorded finished version: the database was "
        "changed outside the application; run `kamarhitung audit verify`"
    ),
    "ENTRY_VERSION_CHANGED": (
        "TPS {tps} {contest}: entry {slot}: its recorded version was changed after it was "
        "written; run `kamarhitung audit verify`"
    ),
    "ENTRY_ROW_CHANGED": (
        "TPS {tps} {contest}: entry {slot} was changed outside the application after it was "
        "finished (it differs from its recorded version); run `kamarhitung audit verify`"
    ),
    "ENTRY_NOT_CHAINED": (
        "TPS {tps} {contest}: entry {slot}: no audit event recorded its version (inserted "
        "outside the application); run `kamarhitung audit verify`"
    ),
    "STATE_WITHOUT_ENTRIES": (
        "TPS {tps} {contest} is marked {state} without two finished entries: its state was "
        "changed outside the application; run `kamarhitung audit verify`"
    ),
    "STATE_NOT_DERIVED": (
        "TPS {tps} {contest} is marked {state}, but its recorded entries make it {derived}: its "
        "state was changed outside the application; run `kamarhitung audit verify`"
    ),
    "RECORD_TAMPERED": (
        "final record {target} does not match its audit record (changed outside the "
        "application); run `kamarhitung audit verify`"
    ),
    "FINALISATION_NOT_CHAINED": (
        "the finalisation of {region} ({contest}) matches no audit event: it was made outside "
        "the application; run `kamarhitung audit verify`"
    ),
    "SIGN_NOT_INTACT": (
        "signing the report refused: the workspace fails `kamarhitung audit verify`: "
        "{problem}{more}"
    ),
    "SIGN_SET_NOT_INTACT": (
        "signing the report set refused: the workspace fails `kamarhitung audit verify`: "
        "{problem}{more}"
    ),
    "EXPORT_NOT_INTACT": (
        "exporting the bundle refused: the workspace fails `kamarhitung audit verify`: "
        "{problem}{more}"
    ),
    "FINALISE_NOT_INTACT": (
        "finalising {region} refused: the workspace fails `kamarhitung audit verify`: "
        "{problem}{more}"
    ),
    "BAD_HEAD": (
        "head {head} is not SEQ:HASH (the event number, a colon, and at least {min} hex "
        "characters of its hash)"
    ),
    # --- trust: backups, init, export, CRLs
    "NOT_A_BACKUP": "{file} is not a kamarhitung backup ({detail})",
    "BACKUP_OTHER_KABUPATEN": (
        "{file} is a backup of kabupaten {theirs}, but {folder} holds kabupaten {mine}: nothing "
        "was restored"
    ),
    "BACKUP_FAILS_VERIFY": "{file} fails `kamarhitung audit verify`: {problem}",
    "WORKSPACE_EXISTS": "{path} already holds a workspace",
    "NOT_A_FOLDER": "{path} is a file, not a folder",
    "STAGING_FULL": (
        "the drive of {folder} is full: the bundle's files cannot be staged there; free some "
        "space and export again (nothing was written)"
    ),
    "STAGING_FAILED": "staging the bundle in {folder} failed ({detail}); nothing was written",
    "PASSWORD_TOO_SHORT": "the password must have at least {min} characters",
    "PASSWORD_IS_NAME": "the password must not be the user name",
    "PASSWORD_WEAK": "the password must contain a letter and a digit",
    "USER_EXISTS": "user {user} already exists",
    "HAS_USERS": "the workspace already has users; an admin adds the others",
    "NO_BACKUP_FILE": "{file}: no such backup file",
    "BACKUP_CHAIN_BROKEN": "{file}: its audit chain is broken ({reason})",
    "BACKUP_CHECK_FAILED": "the backup {file} failed its integrity check: {detail}",
    "BACKUP_NOT_WRITTEN": "no backup written to {folder}: {detail}",
    "CRL_OLDER": (
        "the CRL given (number {given}, issued {given_at}) is older than the one this province "
        "keeps (number {kept}, issued {kept_at}): a CRL never goes back"
    ),
    # --- thin (issue 15): the paper check, the command line
    "PAPER_GROUPS_BAD": (
        "--paper {text}: give two groups of four hex digits read from the printed fingerprint, "
        "separated by a comma (7f3a,91c2: groups 1 and 2), each optionally after its position "
        "(5:7f3a,12:91c2)"
    ),
    "PAPER_MISMATCH": (
        "{file}: groups {a} and {b} typed from the paper do not match the bundle's fingerprints "
        "({contest}): the paper and the file do not come from the same data; nothing was imported"
    ),
    "PAPER_NO_CONTEST": "{file}: the bundle holds no contest {contest} (it holds {contests})",
    "SELISIH_EXPORT_FOLDER": "{path} is a folder: name the file to write",
    "PAPER_ONE_FILE": (
        "--paper checks one bundle against its kabupaten's paper: give one file, not {count}"
    ),
    # thin (issue 15): the province's CA, workspace and recap
    "PROVINCE_CA_EXISTS": "{folder} already holds a province CA ({file}); nothing was changed",
    "PROVINCE_CA_KEY_MISMATCH": "{key} is not the key of {cert}",
    "PROVINCE_CERT_DAYS": "a certificate is valid for 1 to 3,660 days, not {days}",
    "PROVINCE_NOT_OUR_CERT": "{cert} was not issued by this CA",
    "PROVINCE_REVOKE_TARGET": "{target} is neither a certificate file nor a serial",
    "PROVINCE_ALREADY_REVOKED": "certificate serial {serial} is already revoked",
    "PROVINCE_WORKSPACE_EXISTS": "{folder} already holds a workspace",
    "NOT_PROVINCE_WORKSPACE": "{folder} is a {kind} workspace, not a province workspace",
    "PROVINCE_RECAP_LEVEL": "level {level} is not one of: {levels}",
    "PROVINCE_NO_CONTEST": "no imported bundle holds contest {contest}",
    "PROVINCE_RECAP_FORMAT": "format {format} is not one of: json, csv, xlsx",
    "PROVINCE_XLSX_NEEDS_FILE": "an xlsx recap needs a file: give --out FILE.xlsx",
    # thin: the command line's own refusals
    "CLI_NEEDS_USER": "this command needs --user NAME",
    "CLI_NO_PASSWORD": "no password: set {env} or run in a terminal",
    "CLI_NO_PASSPHRASE": "no passphrase for {what}: set {env} or run in a terminal",
    "CLI_PASSPHRASES_DIFFER": "the two passphrases for {what} differ",
    "CLI_CANNOT_READ": "{file}: cannot read {what} ({reason})",
    "CLI_TOO_LARGE": "{file}: too large for {what}",
    "CLI_FILE_EXISTS": "{file} already exists",
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
