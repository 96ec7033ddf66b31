"""`export --out DIR [--from DATE] [--to DATE] [--format pdf,png,csv,fhir]`: the doctor report and data files."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..core.errors import JournalError
from ..core.i18n import _
from ..core.timeutil import parse_date, to_local
from .common import add_common, base_clock, emit, open_services, zone_for
from .passphrase_input import read_secret

_FORMATS = "pdf,png,csv,fhir"


def add_parsers(sub) -> None:
    p = sub.add_parser("export", help="write the doctor report (PDF), charts (PNG), CSV files and a FHIR bundle")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the files (created, private, if missing)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, YYYY-MM-DD (default: 90 days before --to)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--format", default=_FORMATS, metavar="LIST", help=f"one or more of {_FORMATS} (default: all)")
    p.add_argument("--pdf-password-file", metavar="FILE",
                   help="lock the PDF with a password (FILE's first line, else $SPASMLOG_PDF_PASSWORD); "
                        "the reader asks for it before showing a page")
    p.add_argument("--readable", action="store_true",
                   help="from a damaged journal: CSV files of every entry that can still be read (all dates)")
    add_common(p, writes=False)
    p.set_defaults(handler=_export)


def _missing_folders(out: Path) -> list[Path]:
    """The folders of `out` that do not exist yet (export creates them), deepest first."""
    missing, probe = [], out.absolute()
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    return missing


def _export(args) -> int:
    from ..adapters.locations import default_journal_path
    from ..services.export import check_pdf_password, export, parse_formats

    # Everything the person typed is checked before the journal is opened or a file is written.
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    today = to_local(base_clock(args)(), zone_for(args)).date()  # the person's today, from the clock
    for field, day in (("--from", start), ("--to", end)):
        if day is not None and not date(1970, 1, 1) <= day <= today + timedelta(days=1):
            raise JournalError(field, _("{field}: {day} is out of range; allowed: 1970-01-01 to tomorrow.").format(
                    field=field, day=day.isoformat()))
    if start and end and start > end:
        raise JournalError("--from", _("--from: {start} is after --to {end}; allowed: a first day on or before the last day.").format(
                start=start.isoformat(), end=end.isoformat()))
    formats = parse_formats(args.format, "--format")
    pdf_password = read_secret(args.pdf_password_file, "SPASMLOG_PDF_PASSWORD", "--pdf-password-file")
    if pdf_password is not None:
        check_pdf_password(pdf_password, "--pdf-password-file")
    journal = Path(args.db or default_journal_path()).expanduser()
    if not journal.is_file():
        raise JournalError("--db", _("--db: there is no journal at {journal}; allowed: the path of an existing journal.").format(
                journal=journal))
    out = Path(args.out).expanduser()
    created = _missing_folders(out)  # a path no file system takes was refused before (cli/paths.py)
    svc = open_services(args, read_only_if_damaged=args.readable)
    lost: list[str] = []
    try:
        if args.readable:
            from ..services.salvage import export_readable
            written, lost = export_readable(svc, out)
        else:
            written = export(svc, out, start, end, formats, pdf_password)
        files = [str(p) for p in written]
    except OSError as exc:
        # export() already removed the files it wrote; the folders it made for them go too.
        for folder in created:
            try:
                folder.rmdir()
            except OSError:
                pass  # not there, or something else is in it now: leave it
        reason = exc.strerror or type(exc).__name__
        raise JournalError("--out", _("--out: cannot write to {out} ({reason}); allowed: a folder you can write to.").format(
                out=out, reason=reason.lower())) from exc
    finally:
        svc.close()
    emit(args, {"files": files, "unreadable": lost},
         "\n".join(files) + ("\n" + _("Could not be read (damaged): {tables}.").format(tables=', '.join(lost))
                             if lost else ""))
    return 0
