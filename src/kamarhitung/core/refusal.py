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
    "RESTORE_INTO_ROOM": (
        "{folder} is a room or a station: restore the backup into a new folder, then make that "
        "folder the room's host with `kamarhitung room host`"
    ),
    "BACKUP_CHAIN_BROKEN": "{file}: its audit chain is broken ({reason})",
    "BACKUP_CHECK_FAILED": "the backup {file} failed its integrity check: {detail}",
    "BACKUP_NOT_WRITTEN": "no backup written to {folder}: {detail}",
    "CRL_OLDER": (
        "the CRL given (number {given}, issued {given_at}) is older than the one this province "
        "keeps (number {kept}, issued {kept_at}): a CRL never goes back"
    ),
    # --- the room (services/room.py, store/workspace.py)
    "ROOM_UNREACHABLE_FROM": "the room's database at {host}:{port} cannot be reached from {path}: {detail}",
    "ROOM_NEWER_SCHEMA": "the room at {host}:{port} was written by a newer version of kamarhitung (schema {schema}); update the application on this PC",
    "ROOM_OLDER_SCHEMA": "the room at {host}:{port} has schema {schema}, this application {head}: open the room on its host with this version first",
    "LISTEN_EVERYWHERE": "--listen 0.0.0.0 listens everywhere: give the room's address, or --allow",
    "LISTEN_NOT_HERE": "--listen {listen} is not an IP address of this PC",
    "ROOM_DATABASE": "the room's database: {detail}",
    "STATION_CANNOT_HOST": "{path} is a station of another room; it cannot host one",
    "ROOM_CHAIN_BROKEN": "the audit chain of {path} is broken ({reason}); nothing was moved",
    "ROOM_MOVE_BROKE_CHAIN": "the audit chain did not survive the move ({reason}); nothing was moved",
    "ROOM_DID_NOT_START": "the room did not start; see {log}",
    "ROOM_NOT_OPEN_IN_TIME": "the room did not open within {seconds} s",
    "NOT_A_ROOM_HOST": "{path} is not a room host: run `kamarhitung room host` there first",
    "FOLDER_NOT_EMPTY": "{path} already holds a workspace or a station",
    "BAD_JOIN_CODE": "not a join code: {detail}",
    "ROOM_UNREACHABLE": "cannot reach a room at {host}:{port}: {detail}",
    "ROOM_PIN_MISMATCH": "the host at {host}:{port} is not the room this code was made for (its certificate does not match); nothing was joined",
    "JOIN_REFUSED": "the room refused the code: {detail}",
    "NOT_A_ROOM": "{path} is not a room (it is already a SQLite workspace)",
    "ROOM_EXPORT_CHAIN_BROKEN": "the exported audit chain is broken ({reason})",
    # --- the workspace (store/)
    "WORKSPACE_DAMAGED": "the database of {path} is damaged ({detail}); restore the latest backup with: kamarhitung restore {backup} {path}",
    "WORKSPACE_DAMAGED_NO_BACKUP": "the database of {path} is damaged ({detail}); no backup was found in its backups folder",
    "WORKSPACE_IN_USE": "{path} is already open in another kamarhitung window ({holder})",
    "MIGRATION_HEADS": "the shipped migrations have {count} heads: {heads}",
    "NOT_A_WORKSPACE": "{path} is not a kamarhitung workspace (no {db})",
    "NEWER_SCHEMA": "{db} was written by a newer version of kamarhitung (schema {schema}); update the application to open it",
    "UPGRADE_READ_ONLY": "{path} needs a schema upgrade but is read-only; open it where it can be written",
    "SCHEMA_EDITED": "{db} has {count} schema versions; it was edited by hand",
    "READ_ONLY": "{path} is open read-only: nothing can be changed",
    "DISK_FULL": "the disk holding {path} is full: nothing of this action was saved; free some space and try again",
    "NOT_WRITABLE": "{path} cannot be written (read-only): nothing was saved",
    # --- keys and forms (core/)
    "PASSPHRASE_TOO_SHORT": "a key passphrase needs at least {min} characters",
    "NOT_AGE_FILE": "{file} is not an age-encrypted file",
    "WRAPPED_KEY_TOO_LARGE": "{file} is too large to be a wrapped key",
    "WRONG_PASSPHRASE": "wrong passphrase for {file}",
    "WRAPPED_KEY_DAMAGED": "{file} is damaged or not a passphrase-wrapped age file",
    "NOT_A_PRIVATE_KEY": "{file} does not hold a PKCS#8 private key",
    "NOT_ECDSA_KEY": "{file} is not an ECDSA P-256 key",
    "NOT_SIGNED_BY_CA": "{file} is not signed by the CA",
    "NOT_A_CERTIFICATE": "{file} is not an X.509 certificate (PEM or DER)",
    "BAD_TRANSITION": "a form cannot go from {old} to {new}",
    # --- regions, finalisation, reports
    "BAD_REGION_CODE": "region {region} is not a kecamatan (6 digits) or the kabupaten (4 digits)",
    "UNKNOWN_REGION": "no {level} {region} in this workspace",
    "ALREADY_FINALISED": "{level} {region} is already finalised for {contest}",
    "TPS_NOT_FINAL": "kecamatan {region} has {count} TPS not final for {contest} (first: {first}); every TPS must be final before finalising",
    "KECAMATAN_NOT_FINALISED": "{count} kecamatan are not finalised for {contest} (first: {first}); finalise every kecamatan before the kabupaten",
    "REASON_NEEDED": "reopening a finalised region needs a reason",
    "NOT_FINALISED": "{level} {region} is not finalised for {contest}",
    "KABUPATEN_FINALISED": "the kabupaten is finalised for {contest}: reopen it before kecamatan {region}",
    "NOT_ONE_OF": "{what} {value!r} is not one of: {allowed}",
    "BAD_REPORT_LEVEL": "a report's level is kecamatan or kabupaten, not {level!r}",
    "NOT_THIS_KABUPATEN": "region {region} is not this workspace's kabupaten ({kabupaten})",
    "KECAMATAN_NEEDED": "a kecamatan report needs the kecamatan's code (--region)",
    "NOT_A_KECAMATAN_CODE": "region {region} is not a kecamatan code (6 digits, e.g. 35.78.01)",
    "CHANGED_AFTER_FINALISED": "the data of {level} {region} changed after it was finalised (fingerprint {fingerprint}… at finalisation); reopen and finalise it again",
    "CANNOT_WRITE": "{path}: cannot write ({reason})",
    "ALREADY_SIGNED": "this report is already signed",
    "PASSPHRASE_NEEDED": "signing needs the key's passphrase",
    # --- entries and resolution
    "UNKNOWN_TPS": "unknown TPS {tps}",
    "UNKNOWN_CONTEST_FOR_TPS": "unknown contest {contest!r} for TPS {tps}",
    "SAME_USER": "TPS {tps} {contest}: you made the first entry; the second must be made by another operator",
    "NO_ENTRY_NEEDED": "TPS {tps} {contest} is {state}: it needs no entry now",
    "HELD_BY_OTHER": "TPS {tps} {contest} is being keyed by {user}",
    "UNKNOWN_FIELD": "field {field!r} is not printed on {form}, the form of this contest",
    "NOT_A_NUMBER": "field {field}: {value} is not a whole number",
    "BAD_VALUE": "field {field}: {value} is outside 0..{max}",
    "NO_ENTRY_HELD": "TPS {tps} {contest}: you hold no entry of this form",
    "FIELDS_NOT_KEYED": "TPS {tps} {contest}: {count} fields not keyed (first: {first}); key them or raise a problem",
    "ENTRY_NEEDS_TPS": 'an entry needs "tps" and "contest" as strings',
    "ENTRY_BAD_SHAPE": '"values" must be an object and "problems" a list',
    "NOBODY_HOLDS": "TPS {tps} {contest}: nobody holds an entry of this form",
    "RESOLUTION_NEEDS_REASON": "a resolution needs a reason",
    "WRONG_STATE": "TPS {tps} {contest} is {state}, not {expected}",
    "NO_DECISION": "no decision for {count} differing fields (first: {first})",
    "UNKNOWN_DECISION": "unknown decision {decision!r} for {field}",
    "DECISION_NO_VALUE": "field {field}: the decision leaves no valid value",
    "BAD_ATTRIBUTION": "field {field}: attribution {value!r} is not first/second/both/form",
    "RESOLVED_LACKS_FIELDS": "the resolved form still lacks {count} fields (first: {first})",
    "RESOLVED_FAILS_CHECKS": "the resolved form fails {checks}: accept it as janggal with a note, or send it back",
    "JANGGAL_NEEDS_NOTE": "accepting a janggal form needs a note",
    "JANGGAL_NOT_KEYED": "TPS {tps} {contest}: {count} fields were not keyed (a problem was raised); send it back for re-keying instead",
    "SEND_BACK_NEEDS_REASON": "sending a form back needs a reason",
    "NOTHING_TO_SEND_BACK": "TPS {tps} {contest} is {state}: nothing to send back",
    "OTHERS_ENTRIES": "operators may not see entries other than their own",
    # --- images
    "UNKNOWN_CONTEST": "no contest {contest!r} in this workspace",
    "UNKNOWN_FORM_IMAGE": "no form image #{image}",
    "CONTEST_WITHOUT_TPS": "an unmatched image has no contest: give a TPS, or no contest",
    "IMAGE_ALREADY_THERE": "TPS {tps} already has this image (form image #{image})",
    "IMAGE_TWICE": "an image is given twice in the new order",
    "NOT_AN_IMAGE_OF_TPS": "form image {images} is not an image of TPS {tps}",
    # --- recap
    "ONE_KABUPATEN": "a recap needs one kabupaten in the workspace, found {count}",
    "RECORD_UNKNOWN_TPS": "record of unknown TPS {tps}",
    "RECORD_UNKNOWN_STATE": "a record of contest {contest} has an unknown state",
    "XLSX_NEEDS_FILE": "an xlsx recap needs a file: give --out FILE.xlsx",
    # --- audit verify: problems found (services/integrity.py, reported as CodedText)
    "CHAIN_BROKEN": "audit chain broken: {reason}",
    "EVENT_MISSING": "event {missing} is missing before event {seq}",
    "EVENT_UNLINKED": "event {seq} does not link to the event before it",
    "EVENT_CHANGED": "event {seq} was changed after it was written",
    "VERSION_CHANGED": "entry version {id} (TPS {tps} {contest} slot {slot} v{version}) was changed after it was written",
    "VERSION_UNRECORDED": "entry version {id} (TPS {tps} {contest} slot {slot} v{version}) has no audit event: inserted outside the application",
    "VERSION_MISSING": "the entry version recorded by audit event {seq} is missing: deleted outside the application",
    "ENTRY_DIFFERS": "entry {slot} of TPS {tps} {contest} differs from its recorded version: changed outside the application",
    "RECORD_CHANGED": "final record {target} was changed after it was written",
    "RECORD_UNRECORDED": "final record {target} has no audit event: made final outside the application",
    "RECORD_MISMATCH": "final record {target} does not match audit event {seq}",
    "RECORD_UNFINALISED": "record {target} was final at audit event {seq} but is {state} now, with no event that reopened it",
    "RESOLUTION_UNRECORDED": "resolution {id} (TPS {tps} {contest}, {action}) matches no audit event: changed or inserted outside the application",
    "RESOLUTION_MISSING": "the resolution recorded by audit event {seq} is missing or was changed: edited or deleted outside the application",
    "REGION_UNRECORDED": "region {target} is marked finalised with no audit event that finalised it: inserted outside the application",
    "REGION_MISMATCH": "the finalisation of region {target} does not match audit event {seq}",
    "REGION_UNFINALISED": "region {target} was finalised at audit event {seq} but is not now, with no event that reopened it",
    "USER_UNRECORDED": "user {user} has no audit event: added outside the application",
    "USER_MISMATCH": "user {user} does not match audit event {seq}: its role, password hash or state was changed outside the application",
    "USER_ROLE_CHANGED": "user {user} is {role} but was added as {was} (audit event {seq})",
    "KEY_FILE_REPLACED": "{file} is not the file recorded at audit event {seq}: replaced outside the application",
    "VECTOR_STALE": "final record {target}: its recap vector does not match its values (edited by hand)",
    "RECORD_STATE_CHANGED": "record {target} is {state}, but its recorded entries make it {derived}: its state was changed outside the application",
    "HEAD_NOT_GENESIS": "head 0 must carry the genesis hash",
    "CHAIN_CUT": "the chain ends at event {last}, before event {seq} of the head given: events were cut off the end of the trail",
    "HEAD_MISMATCH": "event {seq} has hash {hash}…, not the head given ({given}…)",
    "SAMPLE_CHANGED": "quality sample {id} was changed after it was drawn",
    "SAMPLE_UNRECORDED": "quality sample {id} has no audit event",
    "AUDIT_KEYING_CHANGED": "audit keying {id} (TPS {tps} {contest}) was changed after it was finished",
    "AUDIT_KEYING_UNRECORDED": "audit keying {id} (TPS {tps} {contest}) has no audit event",
    "AUDIT_DECISION_MISMATCH": "audit decision {id} (TPS {tps} {field}) does not match its audit event",
    # --- the blind re-key audit (quality)
    "BAD_TARGET": "target {target}: {detail}",
    "SEED_EMPTY": "the seed is empty: type the numbers read aloud before the witnesses",
    "SEED_TOO_LONG": "the seed is longer than {max} characters",
    "FORMS_OR_TARGET": "give either the number of forms or a target bound, not both",
    "SAMPLE_SIZE": "a sample has 1 to {max} forms, not {forms}",
    "NOTHING_TO_SAMPLE": "{contest}: no final form is left to sample ({final} final, {taken} sampled already)",
    "TOO_FEW_TO_SAMPLE": "{contest}: {forms} forms asked for, but only {available} final forms are not sampled yet",
    "AUDIT_SAME_USER": "TPS {tps} {contest}: you keyed an entry of this form; its audit keying must be made by an operator who keyed neither entry",
    "NOT_FINAL_TO_AUDIT": "TPS {tps} {contest} is not final: nothing to audit",
    "AUDIT_HELD_BY_OTHER": "TPS {tps} {contest} is being keyed for the audit by {user}",
    "DECISION_NEEDS_REASON": "a decision needs a reason",
    "NOT_SAMPLED": "TPS {tps} {contest} is not in an audit sample",
    "AUDIT_KEYING_NOT_DONE": "TPS {tps} {contest}: its audit keying is not done",
    "NO_DIFFERENCE_WAITS": "TPS {tps} {contest}: no difference waits",
    "NOT_A_WAITING_DIFFERENCE": "field {field} is not a difference waiting for a decision",
    "NO_IMAGE_VALUE": "no value read from the image for {count} differing fields (first: {first})",
    "NO_LONGER_FINAL": "TPS {tps} {contest} is no longer final",
    "CORRECTED_FAILS_CHECKS": "the corrected form fails {checks}: accept it as janggal with a note, after checking every field against the image",
    # --- official numbers (Sirekap, D.Hasil)
    "CANNOT_READ": "{path}: cannot read ({reason})",
    "BAD_PASLON_MAP": "{detail}",
    "NO_OFFICIAL_FILE": "no file of official numbers was given (only candidate files)",
    "OFFICIAL_FILES_REFUSED": "{problems}; nothing was imported",
    "TPS_IN_TWO_FILES": "{file}: TPS {tps} ({contest}) is also in {other}; nothing was imported",
    # --- signing, the audit log's files
    "CERT_NOT_OF_KEY": "the certificate is not the certificate of the signing key",
    "CERT_NOT_FROM_CA": "{cert} was not issued by the province's CA: it cannot sign",
    "CERT_NOT_VALID": "{cert} is not valid at {at} UTC",
    "CERT_REVOKED": "{cert} is revoked by the province",
    "NO_SIGNATURE_FIELD": "the report has no {field!r} signature field",
    "SIGNING_FAILED": "the report could not be signed: {detail}",
    "NO_TRUST_ANCHOR": "no trust anchor (CA certificate) was given",
    "PAGE_SIZE": "a page holds 1 to {max} events, not {limit}",
    "UNKNOWN_EVENT": "no audit event {seq}",
    "IS_A_FOLDER": "{path} is a folder: name the file to write",
    "FILE_EXISTS": "{path} already exists: choose another name",
    "NO_FOLDER": "{path} does not exist",
    # --- workspaces, frozen regions, repeat votes
    "RETIRED_FORM": "{path}: contest {contest!r} was keyed on the form template {template!r}, which is not the printed 2024 form (its rows I.A.2 to I.A.4, III.2 and the order of section II do not exist on it); its entries cannot be read as the printed form {form!r} without reinterpreting them, so this workspace is refused: open it with the version that keyed it, or key the contest again in a new workspace",
    "REGION_FROZEN": "TPS {tps} {contest}: {level} {region} is finalised; a supervisor must reopen it, with a reason, before its records can change",
    "REPEAT_NEEDS_REASON": "a repeat vote needs a reason",
    "REPEAT_NEEDS_REFERENCE": "a repeat vote needs the reference of the decision that ordered it",
    # --- key, certificate and CRL files (core/keys.py)
    "BAD_KABUPATEN_CODE": "kabupaten code {code!r} is not 4 digits",
    "NOT_A_REQUEST": "{file} is not a certificate request (PEM or DER)",
    "NOT_SELF_SIGNED_REQUEST": "{file} is not signed by its own key",
    "REQUEST_NO_KABUPATEN": "the request's subject has no OU=KAB-<4-digit code>",
    "REQUEST_NO_NAME": "the request's subject has no O=<kabupaten name>",
    "NOT_ONE_CERTIFICATE": "{file} holds {count} certificates; expected one",
    "NOT_A_CRL": "{file} is not a certificate revocation list",
    "NOT_A_CA": "{file} is not a CA certificate (no CA:TRUE)",
    "CA_NOT_SELF_SIGNED": "{file} is not self-signed",
    "CA_DOES_NOT_VERIFY": "{file} does not verify with its own key",
    "NOT_AN_IDENTITY": "{file}: not an age X25519 identity (AGE-SECRET-KEY-1…)",
    "NO_IDENTITY": "{file} holds no age identity",
    "NOT_A_RECIPIENT": "{file}: not an age X25519 recipient (age1…)",
    "NO_RECIPIENT": "{file} holds no age recipient",
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
    # --- a room's backups and restore (services/backup_room.py)
    "ROOM_BACKUP_ON_HOST": "a room's backups are taken on its host PC, not on a station",
    "ROOM_BACKUP_FAILED_CHECK": "the room's backup did not pass its check and is kept aside as {file}: {detail}",
    "DUMP_UNREADABLE": "{file} does not restore ({detail}): nothing was changed",
    "BACKUP_DAMAGED": "{file} is not the file that was written (its SHA-256 differs from the one in {sidecar}): nothing was changed",
    "BACKUP_COUNTS_DIFFER": "{file}: table {table} restores with {found} rows, but {expected} were backed up",
    "RESTORE_ON_STATION": "{folder} is a station: a room is restored on its host PC",
    "ROOM_STATIONS_CONNECTED": "stations are connected to the room ({stations}): ask them to close kamarhitung, or restore with --force (their connections are cut and they reconnect to the restored room); nothing was restored",
}


class Refusal(Exception):  # noqa: N818  (a refusal of a request, not a fault of the program)
    """An expected refusal: ``code`` (a key of :data:`ENGLISH`) and ``params`` (its fields)."""

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


class CodedError(Refusal):
    """The base of every error family that reaches users (services, store, core): a code of
    :data:`ENGLISH` and its parameters, or, while old call sites are given codes, a plain English
    sentence (code ``REFUSED``, the sentence as ``detail``; ``tests/core/test_refusal.py`` counts
    what is left)."""

    def __init__(self, code_or_sentence: str = "", /, **params: Param) -> None:
        if code_or_sentence in ENGLISH:
            super().__init__(code_or_sentence, **params)
        else:
            super().__init__("REFUSED", detail=code_or_sentence)


class CodedText(str):
    """A sentence made from a code, that keeps its code and parameters: for findings reported in
    lists of text rather than raised (``audit verify``'s problems). It is its English sentence
    wherever a string is read (the command line, JSON, logs); a screen words it by its code
    (``i18n.refusal_text``). A parameter may itself be a ``CodedText`` (a chain's reason)."""

    code: str
    params: Mapping[str, Param]

    def __new__(cls, code: str, /, **params: Param) -> CodedText:
        if code not in ENGLISH:
            raise KeyError(f"unknown refusal code {code!r}")
        self = super().__new__(cls, english(code, params))
        self.code = code
        self.params = dict(params)
        return self


def english(code: str, params: Mapping[str, Param]) -> str:
    """The English sentence of a code (the parameters filled in; a missing one shown as ?)."""

    class _Missing(dict[str, Param]):
        def __missing__(self, key: str) -> str:
            return "?"

    # A list of role codes ("supervisor,admin") reads as "supervisor or admin".
    shown = {k: " or ".join(str(v).split(",")) if k == "needs" else v for k, v in params.items()}
    return ENGLISH[code].format_map(_Missing(shown))


README_BEGIN = "<!-- refusal codes: generated by `python tools/refusal_codes.py`; do not edit -->"
README_END = "<!-- end of refusal codes -->"


def codes_markdown() -> str:
    """The README's table of codes: each code and its English sentence (``{name}`` marks a
    parameter; ``--json`` prints the code, the screens the sentence in the chosen language)."""
    rows = [
        "| code | sentence (English; the screens word it in the chosen language) |",
        "|---|---|",
    ]
    for code in sorted(ENGLISH):
        sentence = ENGLISH[code].replace("|", "\\|").replace("!r}", "}")
        rows.append(f"| `{code}` | {sentence} |")
    return "\n".join([README_BEGIN, *rows, README_END])
