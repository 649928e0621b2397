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
    "JOIN_CODE_LETTER": "this join code is not valid: {letter} never occurs in a join code",
    "JOIN_CODE_LENGTH": "this join code is not valid: it has six groups of four letters and digits",
    "JOIN_CODE_USED": "this join code is wrong, already used or expired; ask the host for a new one",
    "JOIN_CODE_BUSY": "this join code is being used by another station right now",
    "ROOM_NAME_INVALID": "{name} is not a valid name (lower-case letters, digits, _)",
    "ROOM_UNREACHABLE": "cannot reach a room at {host}:{port}: {detail}",
    "ROOM_PIN_MISMATCH": "the host at {host}:{port} is not the room this code was made for (its certificate does not match); nothing was joined",
    "JOIN_REFUSED": "the room refused the code: {detail}",
    "NOT_A_ROOM": "{path} is not a room (it is already a SQLite workspace)",
    "ROOM_EXPORT_CHAIN_BROKEN": "the exported audit chain is broken ({reason})",
    "ROOM_CONNECTION_LOST": "the connection to the room at {host}:{port} is lost: {detail}",
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
    "OFFICIAL_FILES_REFUSED": "{problems}{more}; nothing was imported",
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
    # --- keys (services/keys.py)
    "NO_FILE": "{file} does not exist",
    "FILE_UNREADABLE": "{file} cannot be read ({reason})",
    "KEY_FILE_TOO_LARGE": "{file} is too large for a key file",
    "NOT_KABUPATEN_WORKSPACE": "{path} is a {kind} workspace, not a kabupaten's",
    "KEY_EXISTS": "{file} already exists: a new key needs a new certificate (use --replace)",
    "NO_KEY_YET": "{folder} holds no key yet: run `kamarhitung keys generate` first",
    "CERT_NOT_FOR_KEY": "the certificate is not for this workspace's key (keys/key.age)",
    "CERT_NOT_FROM_THAT_CA": "the certificate was not issued by that CA certificate",
    "CERT_OTHER_KABUPATEN": "the certificate is for {cert}, not for kabupaten {code}",
    "CERT_EXPIRED": "the certificate expired on {date}",
    "CERT_REVOKED_IN_CRL": "the certificate {cert} is revoked in that CRL",
    "KEY_FILE_MISSING": "{file} does not exist: run `kamarhitung keys generate`",
    "PROVINCE_FILE_MISSING": (
        "{file} does not exist: install the province's files with `kamarhitung keys install`"
    ),
    "CERT_NOT_OF_WORKSPACE_KEY": "{cert} is not the certificate of {key}",
    "CERT_NOT_FROM_INSTALLED_CA": "{cert} was not issued by {ca}",
    "CERT_FILE_OTHER_KABUPATEN": "{file} is for {cert}, not kabupaten {code}",
    "CERT_NOT_VALID_NOW": "{file} is valid only from {start} to {end}",
    "CERT_REVOKED_BY_PROVINCE": "{file} ({cert}) is revoked by the province",
    "IDENTITY_NEEDS_PASSPHRASE": "{file} is passphrase-protected: give its passphrase",
    # --- exporting a bundle (services/bundle.py)
    "NO_BUNDLE_HERE": "{path} is a {kind} workspace: it has no bundle",
    "REGIONS_NOT_ONE_KABUPATEN": "the workspace's regions do not hold kabupaten {code} once",
    "IMAGE_STORE_DAMAGED": "the image store is damaged: {path} does not match its name",
    "NOT_OVERWRITTEN": "{path} already exists; nothing was overwritten",
    "NOT_A_FOLDER_TO_WRITE": "{path} is not a folder",
    "EXPORT_NO_SPACE": (
        "not enough space for the bundle on the drive of {path}: it needs about {mb} MB and "
        "{free} MB are free"
    ),
    "EXPORT_CANNOT_WRITE": "cannot write {path} ({detail})",
    "EXPORT_DRIVE_FULL": (
        "the drive of {path} is full (the bundle needs about {mb} MB); the partial file was removed"
    ),
    "EXPORT_FILE_TOO_LARGE": (
        "{path} would be larger than its drive allows (FAT32 stops at 4 GB); the partial file "
        "was removed"
    ),
    "EXPORT_WRITE_FAILED": "writing {path} failed ({detail}); the partial file was removed",
    "EXPORT_STOPPED": "{reason}; the partial file was removed",
    "EXPORT_CANCELLED": "the export was cancelled",
    "SOURCE_NOT_REGULAR": "{file} is not a regular file",
    "SOURCE_CHANGED_OR_LARGE": "{file} changed while it was read, or is too large",
    "SOURCE_CHANGED_AFTER_HASH": "{file} changed after it was hashed",
    "SOURCE_SHORTER": "{file} became shorter after it was hashed",
    "SOURCE_CHANGED_WRITING": "{file} changed while it was written",
    # --- a bundle refused (core/bundle.py, services/province_import.py; BUNDLE.md)
    "MEMBER_NAME_EMPTY": "a member has an empty name",
    "MEMBER_NAME_ABSOLUTE": "member {name!r} has an absolute name",
    "MEMBER_NAME_CLIMBS": "member {name!r} has a name that climbs out of the bundle (..)",
    "MEMBER_NAME_NOT_PLAIN": "member {name!r} has a name that is not a plain relative path",
    "MEMBER_NAME_DEVICE": "member {name!r} uses a reserved device name",
    "MANIFEST_TOO_LARGE": "MANIFEST.json is larger than the limit",
    "MANIFEST_BAD_ENCODING": "MANIFEST.json is not UTF-8",
    "MANIFEST_NOT_JSON": "MANIFEST.json is not valid JSON (line {line})",
    "MANIFEST_TOO_DEEP": "MANIFEST.json is nested too deeply",
    "MANIFEST_NOT_OBJECT": "MANIFEST.json is not a JSON object",
    "MANIFEST_KEY_TWICE": "MANIFEST.json has the key {key!r} twice",
    "MANIFEST_NON_NUMBER": "MANIFEST.json holds the non-number {name}",
    "MANIFEST_UNKNOWN_FORMAT": (
        "MANIFEST.json has format {format}, which this version does not know ({known})"
    ),
    "MANIFEST_LACKS": "MANIFEST.json lacks {keys}",
    "MANIFEST_FIELD_SHAPE": "MANIFEST.json: {field} is not {shape}",
    "MANIFEST_FIELD_MALFORMED": "MANIFEST.json: {field} is malformed",
    "MANIFEST_NOT_HASH": "MANIFEST.json: {field} is not a SHA-256",
    "MANIFEST_NOT_INTEGER": "MANIFEST.json: {field} is not an integer from {lo} to {hi}",
    "MANIFEST_NOT_TEXT": "MANIFEST.json: {field} is not a text of at most {max}",
    "MANIFEST_TOO_MANY_FILES": "MANIFEST.json lists {count} files, more than the limit of {max}",
    "MANIFEST_TOO_MANY_BYTES": (
        "MANIFEST.json declares {total} bytes of files, more than the limit of {max}"
    ),
    "MANIFEST_LISTS_ITSELF": "MANIFEST.json lists {path} among the payload",
    "MANIFEST_LISTS_TWICE": "MANIFEST.json lists {path} twice",
    "MANIFEST_FILE_AND_FOLDER": "MANIFEST.json lists {path} as a file and a folder",
    "SIGNATURE_NOT_CMS": "MANIFEST.json.p7s is not a CMS signature",
    "SIGNATURE_NOT_ONE_SIGNER": (
        "MANIFEST.json.p7s must hold exactly one signer and its certificate"
    ),
    "SIGNATURE_UNREADABLE": "MANIFEST.json.p7s cannot be validated",
    "SIGNATURE_NO_CERTIFICATE": "MANIFEST.json.p7s does not carry its signer's certificate",
    "SIGNATURE_DAMAGED_CERTIFICATE": "MANIFEST.json.p7s carries a damaged certificate",
    "SIGNATURE_MISMATCH": "MANIFEST.json does not match its signature MANIFEST.json.p7s",
    "SIGNATURE_INVALID": "the signature MANIFEST.json.p7s is not valid",
    "CRL_EXPIRED": "the revocation list expired on {date}: get a fresh crl.pem from the province",
    "SIGNER_NOT_FROM_CA": (
        "the bundle was signed by {signer}, whose certificate was not issued by the province CA"
    ),
    "SIGNER_REVOKED": "the certificate that signed the bundle, {signer}, is revoked",
    "SIGNER_NOT_VALID_NOW": (
        "the certificate that signed the bundle, {signer}, is valid only from {start} to {end}"
    ),
    "SIGNER_NOT_TRUSTED": (
        "the certificate that signed the bundle, {signer}, is not trusted ({problem})"
    ),
    "BUNDLE_SIGNER_OTHER_KABUPATEN": (
        "the manifest is for kabupaten {kabupaten} but it was signed by {signer}"
    ),
    "BUNDLE_OTHER_RECIPIENT": (
        "the bundle was made for recipient {recipient}, not for this identity"
    ),
    "BUNDLE_NOT_FOR_IDENTITY": "the bundle is not encrypted for this identity (no matching key)",
    "BUNDLE_TRUNCATED": "the bundle file is truncated",
    "BUNDLE_DAMAGED": "the bundle file is truncated or damaged, or was changed after it was made",
    "BUNDLE_NOT_AGE": "the bundle is not an age file, or its header is damaged",
    "BUNDLE_ENDS_IN": "the bundle ends in the middle of {what}",
    "BUNDLE_HOLDS_NO": "the bundle holds no {name}",
    "BUNDLE_STARTS_WITH": "the bundle starts with {found!r} instead of {name}",
    "BUNDLE_LACKS": "the bundle lacks {name}",
    "TAR_END_DAMAGED": "the archive's end marker is damaged",
    "TAR_HEADER_DAMAGED": "the member header at byte {at} is damaged",
    "TAR_NOT_USTAR": "the member header at byte {at} is not POSIX ustar",
    "TAR_TRAILING_DATA": "the bundle holds data after the end of the archive",
    "TAR_TOO_MUCH_PADDING": "the bundle holds too much padding after the archive",
    "MEMBER_NOT_REGULAR": "member {name!r} is {type}, not a regular file",
    "MEMBER_NOT_STAGED": "{name} could not be staged ({detail})",
    "MEMBER_OVER_LIMIT": "{name} is larger than the limit of {limit} bytes",
    "MEMBER_MISSING": "{name}, listed in MANIFEST.json, is missing",
    "MEMBER_LARGER": "member {name} is larger ({size} bytes) than MANIFEST.json declares ({declared})",
    "MEMBER_SMALLER": (
        "member {name} is smaller ({size} bytes) than MANIFEST.json declares ({declared})"
    ),
    "MEMBER_HASH_MISMATCH": "member {name} does not match its SHA-256 in MANIFEST.json",
    "MEMBER_TWICE": "member {name} appears twice in the bundle",
    "MEMBER_OUT_OF_ORDER": "member {name} comes out of the order of MANIFEST.json (expected {expected})",
    "MEMBER_UNLISTED": "member {name} is not listed in MANIFEST.json",
    "MEMBER_OUTSIDE_STAGING": "member {name} would be written outside the staging area",
    "BUNDLE_ALREADY_IMPORTED": (
        "bundle {bundle} (KAB-{kabupaten}, sequence {sequence}) was already imported on {at}"
    ),
    "BUNDLE_NOT_NEWER": (
        "the bundle has sequence {sequence}, not newer than sequence {last} already imported "
        "from KAB-{kabupaten}"
    ),
    "BUNDLE_NO_SPACE": (
        "the bundle holds {mb} MB and only {free} MB are free beside the province workspace"
    ),
    "BUNDLE_CHAIN_NOT_EXTENDED": (
        "the bundle's audit chain does not extend the one imported before from KAB-{kabupaten} "
        "(head {head}…): {where}; the kabupaten's trail was cut or rewritten"
    ),
    "CHAIN_ENDS_AT": "its chain ends at event {seq}",
    "CHAIN_EVENT_DIFFERS": "its event {seq} differs",
    "PAPER_MEMBER_TOO_LARGE": "{file} is too large for the paper check",
    "PAPER_READ_ENOUGH": "the paper check has read what it needs",
    # --- a bundle's data that does not hold together (core/province_payload.py)
    "DATA_FILE_TOO_LARGE": "{file} is too large",
    "DATA_FILE_NOT_JSON": "{file} is not valid JSON",
    "DATA_FILE_BAD_ENCODING": "{file} is not UTF-8",
    "DATA_LINE_TOO_LONG": "{file}, line {line}: too long",
    "DATA_LINE_NOT_JSON": "{file}, line {line}: not valid JSON",
    "DATA_LINE_NOT_OBJECT": "{file}, line {line}: not a JSON object",
    "DATA_REGION_SHAPE": "{file}, line {line}: not {{code, level, name}}",
    "DATA_REGION_OUTSIDE": "{file}, line {line}: {code} is not a {level} of KAB-{kabupaten}",
    "DATA_SECOND_KABUPATEN": "{file}, line {line}: a second kabupaten",
    "DATA_NO_TPS_ID": "{file}, line {line}: no 13-digit TPS id",
    "DATA_TPS_OUTSIDE": "{file}, line {line}: TPS {tps} is not in KAB-{kabupaten}",
    "DATA_UNKNOWN_CONTEST": "{file}, line {line}: unknown contest {contest}",
    "DATA_UNKNOWN_STATE": "{file}, line {line}: unknown state {state}",
    "DATA_DPT_NOT_COUNT": "{file}, line {line}: DPT is not a count",
    "DATA_TWO_DPT": "{file}, line {line}: TPS {tps} has two different DPT",
    "DATA_TPS_TWICE": "{file}, line {line}: TPS {tps} appears twice for contest {contest}",
    "DATA_FINDINGS_NOT_LIST": "{file}, line {line}: findings is not a list",
    "DATA_FINAL_NO_VALUES": "{file}, line {line}: TPS {tps} is final without values",
    "DATA_FINAL_MISSING_FIELD": "{file}, line {line}: TPS {tps} is final without every field",
    "DATA_FINAL_EXTRA_FIELD": (
        "{file}, line {line}: TPS {tps} is final with values not on the form"
    ),
    "DATA_NOT_FINAL_VALUES": "{file}, line {line}: TPS {tps} is not final but carries values",
    "DATA_CONTESTS_SHAPE": "data/contests.json is not a list of well-formed contests",
    "DATA_CONTESTS_NOT_SUMMARY": (
        "data/contests.json and the manifest's summary do not name the same contests"
    ),
    "DATA_NO_KABUPATEN": "data/regions.jsonl does not hold kabupaten {kabupaten}",
    "DATA_REGIONS_RESULTS_MISFIT": (
        "data/regions.jsonl and data/results.jsonl do not fit: {detail}"
    ),
    "DATA_VALUE_RANGE": "{file}: TPS {tps} has a value out of range",
    "DATA_RECAP_NOT_SUMMARY": (
        "the results of contest {contest} do not give the recap the manifest states ({final}/"
        "{total} final, fingerprint {fingerprint}…)"
    ),
    "DATA_RECAP_FILE_MISMATCH": "{file} does not match the results",
    "DATA_RECAP_NO_LEVELS": "{file} holds no recap levels",
    "DATA_RECAP_UNKNOWN_LEVEL": "{file}: unknown level {level}",
    "DATA_RECAP_ROWS_MISMATCH": "{file}: the {level} rows do not match the results",
    "CLI_DEMO_NOT_EMPTY": "{path} is not empty: the demo needs a new folder",
    "CLI_BAD_ENCODING": "{file}: not UTF-8 text (byte {byte} at offset {offset}); save it as UTF-8",
    "CLI_NOT_JSON": "{file}: not valid JSON (line {line}, column {column}: {detail})",
    "CLI_JSON_TOO_DEEP": "{file}: the JSON is nested too deeply to be an entry",
    "CLI_JSON_KEY_TWICE": "the JSON names the key {key!r} twice in one object",
    "CLI_NEEDS_ADMIN": "this command needs --user NAME (an admin)",
    "CLI_NEEDS_CONTEST": "this command needs --contest (one of: {contests})",
    "CLI_NO_FILE_TO_IMPORT": "no file to import",
    "CLI_NOT_A_TIME": "{option} {value!r} is not an ISO date or time (2024-11-27T08:00)",
    "CLI_LIMIT": "--limit must be at least 1, not {limit}",
    "CLI_REPORTS_NEED_FOLDER": (
        "a report of every kecamatan needs a folder for --out (or give --region)"
    ),
    "CLI_FORMS_OR_TARGET": "quality sample needs --forms N or --target RATE",
    "CLI_BAD_FIELD_VALUE": "--value {item!r} is not FIELD=NUMBER (e.g. IV.1=120)",
    # --- the master workbook (core/master.py): each problem names its sheet, row and column
    "MASTER_PROBLEMS": "the master workbook cannot be used: {count} problems (first: {first})",
    # --- official numbers, file by file (core/official.py): each problem names where it is
    "OFFICIAL_FILE": "{file}: {problem}{more}",
    "OFFICIAL_ONE_MORE": " (and 1 more problem)",
    "OFFICIAL_MORE": " (and {count} more problems)",
    "OFFICIAL_MORE_FILES": " (and {count} more files)",
    "AT_ROW": "row {row}",
    "AT_ITEM": "item {item}",
    "AT_KEY": "TPS {key}",
    "AT_WHOLE_FILE": "the file",
    "AT_TABLE": "table {key}",
    "AT_SHEET": "sheet {sheet!r}",
    "VALUE_NOT_NUMBER": "{value} is not a number",
    "VALUE_NEGATIVE": "{value} is negative",
    "VALUE_NOT_VOTES": "{value} is not a whole number of votes",
    "VALUE_NO_TPS_ID": "no TPS id",
    "VALUE_NOT_TPS_ID": "{value} is not a TPS id of 13 digits",
    "OFFICIAL_FORMAT": "format {format} is not one of {formats}",
    "OFFICIAL_EMPTY": "the file is empty",
    "OFFICIAL_TWICE": "{where}: TPS {tps} ({contest}) is given twice (also {other})",
    "OFFICIAL_NO_NUMBERS": "the file holds no official numbers",
    "OFFICIAL_NOT_XLSX": "it is not an Excel workbook (.xlsx)",
    "OFFICIAL_BAD_ZIP": "it is a damaged ZIP archive ({detail})",
    "OFFICIAL_ZIP_BOMB": "it cannot be read: {detail}",
    "OFFICIAL_XLSX_UNREADABLE": "it cannot be read as an Excel workbook ({detail})",
    "OFFICIAL_NOT_XLSX_DETAIL": "it is not an xlsx workbook ({detail})",
    "OFFICIAL_NO_HEADER": (
        "no header row with a TPS column (tps, kode_tps, kode) in the first {rows} rows"
    ),
    "OFFICIAL_COLUMNS_SAME_FIELD": "row {row}: columns {a!r} and {b!r} both give {field}",
    "OFFICIAL_NO_VOTE_COLUMN": "row {row}: no column of votes (IV.1, suara_sah, ...)",
    "OFFICIAL_NO_CONTEST_COLUMN": (
        "row {row}: no 'pemilihan' column, and no contest was given (--contest)"
    ),
    "OFFICIAL_BAD_CELL": "{where}, column {column!r}: {reason}",
    "OFFICIAL_BAD_CELL_FIELD": "{where}, column {column!r} ({field}): {reason}",
    "OFFICIAL_UNKNOWN_TPS": "{where}: TPS {tps} is not in this workspace",
    "OFFICIAL_UNKNOWN_CONTEST": "{where}: contest {contest!r} is not in this workspace",
    "OFFICIAL_NO_PAIR": "{where}, column {column!r}: contest {contest} has no candidate pair {number}",
    "OFFICIAL_NOT_OBJECT": "{where} is not a JSON object",
    "OFFICIAL_JSON_SHAPE": "the JSON is neither an object nor a list",
    "OFFICIAL_NOT_JSON": "it is not valid JSON",
    "OFFICIAL_NOT_JSON_AT": "it is not valid JSON (line {line}, column {column})",
    "OFFICIAL_BAD_VALUE": "{where}: {reason}",
    "OFFICIAL_NO_CONTEST": "{where}: no contest given (a 'pemilihan' key or --contest)",
    "OFFICIAL_PART_NOT_OBJECT": "{where}, {part}: not an object",
    "OFFICIAL_UNMAPPED_ID": (
        "chart: candidate id {id} is mapped to a ballot number by no candidate file or paslon "
        "map given"
    ),
    "OFFICIAL_UNMAPPED_ID_AT": (
        "{where}: candidate id {id} is mapped to a ballot number by no candidate file or paslon "
        "map given"
    ),
    "OFFICIAL_NO_KOLOM_KOSONG": "the candidate file names KOLOM KOSONG, but {contest} has none",
    "OFFICIAL_MAP_NUMBER": "the paslon map names ballot number {number}, not in {contest}",
    "OFFICIAL_ID_COUNT": (
        "chart: the file names {count} paslon ids ({ids}) where contest {contest} has {pairs} "
        "candidate pairs; give a paslon map (--paslon-map 100025=1,100026=2)"
    ),
    "OFFICIAL_BAD_LABELLED": "{where}, {label}: {reason}",
    "OFFICIAL_NO_FIELD": "{where}, {label}: contest {contest} has no field {field}",
    "OFFICIAL_VALUES_KEY": "{where}, values: {key} is not IV.<n>, V.A, V.B or V.C",
    "OFFICIAL_NEEDS_CONTEST": "no contest given (--contest)",
    "OFFICIAL_NOT_REGION": "{where}: {code} is not a region of this kabupaten",
    "OFFICIAL_ROW_NOT_OBJECT": "{where}: not an object",
    "OFFICIAL_NUMBER_NOT_IN": "{where}: ballot number {number} is not in {contest}",
    "OFFICIAL_TABLE_EMPTY": "the table holds no numbers (not published yet?)",
    "OFFICIAL_REGION_OUTSIDE": "sheet {sheet!r}, row {row}: region {region} is not in this kabupaten",
    "OFFICIAL_SHEET_BAD": "sheet {sheet!r}, row {row} ({field}), {region}: {reason}",
    "OFFICIAL_SHEET_NOT_FIELD": "sheet {sheet!r}, row {row}: {field} is not a field of {contest}'s form",
    "OFFICIAL_NO_KODE": "no row KODE with region codes and no field rows were found",
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

    def coded_text(self) -> CodedText:
        """This refusal as a coded sentence, to carry as a parameter of another refusal."""
        return CodedText(self.code, **self.params)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (from a worker process) by its state, not by calling __init__ again with its
        # sentence, which is no code.
        return (_unpickle_refusal, (type(self), self.args), self.__dict__)


def _coded_text(code: str, params: Mapping[str, Param]) -> CodedText:
    return CodedText(code, **params)


def _unpickle_refusal(cls: type[Refusal], args: tuple[object, ...]) -> Refusal:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    return error


class CodedError(Refusal):
    """The base of every error family that reaches users (services, store, core, the command
    line): a code of :data:`ENGLISH` and its parameters, never a sentence (a plain sentence is a
    programming error, ``KeyError``; ``tests/core/test_refusal.py`` finds any in the source)."""


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

    def __reduce__(self) -> tuple[object, ...]:
        return (_coded_text, (self.code, dict(self.params)))


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
