"""`encrypt`, `decrypt` and `passphrase`: protect the journal and its backups with a passphrase, or stop."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import JournalError, PassphraseNeeded
from ..core.i18n import N_, _
from .common import emit
from .passphrase_input import add_passphrase_option, read_passphrase

_FORGOTTEN = N_("Keep the passphrase safe: a forgotten passphrase cannot be recovered, and nor can the journal.")


def add_parsers(sub) -> None:
    p = sub.add_parser("encrypt", help="protect the journal and its backups with a passphrase (SQLCipher)")
    _common(p)
    p.set_defaults(handler=_encrypt)

    p = sub.add_parser("decrypt", help="remove the passphrase: the journal and its backups become plain files")
    _common(p)
    p.set_defaults(handler=_decrypt)

    p = sub.add_parser("passphrase", help="change the passphrase (the journal and its backups are rekeyed)")
    _common(p)
    add_passphrase_option(p, new=True)
    p.set_defaults(handler=_change)


def _common(p) -> None:
    p.add_argument("--db", metavar="PATH", help="the journal file (default: $SPASMLOG_DB or journal.db in the app's data folder)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_passphrase_option(p)


def _journal(args) -> Path:
    from ..adapters.locations import default_journal_path
    path = Path(args.db or default_journal_path()).expanduser().absolute()
    if not path.is_file() or path.stat().st_size == 0:
        raise JournalError("--db", _("--db: there is no journal at {path}; allowed: the path of an existing journal.").format(
                path=path))
    return path


def _needed(args, path: Path, new: bool = False, confirm: bool = False, field: str = "") -> str:
    """The passphrase from its sources; none at all is refused (exit 2), naming where it may come from."""
    passphrase = read_passphrase(args, new=new, confirm=confirm)
    if passphrase is None:
        if new or field:
            env, option = ("SPASMLOG_NEW_PASSPHRASE", "--new-passphrase-file") if new else ("SPASMLOG_PASSPHRASE", "--passphrase-file")
            field = field or "new passphrase"
            raise JournalError(field, _("{field}: none given; allowed: {env}, {option} FILE, or type it when asked on a terminal. "
                                        "Nothing was changed.").format(field=field, env=env, option=option))
        raise PassphraseNeeded(path)
    return passphrase


def _report(args, verb: str, path: Path, done, extra: str = "") -> int:
    rows = sum(n for table, n in done.rows.items() if not table.startswith("_"))
    text = _(verb).format(path=path) + " " + _("{rows} entries kept; {backups} backups rewritten.").format(
        rows=rows, backups=len(done.backups))
    if done.left:
        text += " " + done.left_words()
    emit(args, {"journal": str(path), "rows": done.rows, "backups": [str(p) for p in done.backups],
                "left": [str(p) for p in done.left]}, text + extra)
    return 0


def _encrypt(args) -> int:
    from ..services.privacy import encrypt
    path = _journal(args)
    done = encrypt(path, _needed(args, path, confirm=True, field="passphrase"))
    return _report(args, N_("Encrypted {path}:"), path, done, " " + _(_FORGOTTEN))


def _decrypt(args) -> int:
    from ..services.privacy import decrypt
    path = _journal(args)
    return _report(args, N_("Decrypted (now a plain file) {path}:"), path, decrypt(path, _needed(args, path)))


def _change(args) -> int:
    from ..services.privacy import change_passphrase
    path = _journal(args)
    old = _needed(args, path)
    done = change_passphrase(path, old, _needed(args, path, new=True, confirm=True))
    return _report(args, N_("New passphrase set for {path}:"), path, done, " " + _(_FORGOTTEN))
