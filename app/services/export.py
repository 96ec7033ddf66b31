"""Writes a period of the journal out of the app: PDF report, PNG charts, CSV files and a FHIR R4 bundle."""
from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from ..core.errors import JournalError
from ..core.i18n import _, speaking
from ..core.timeutil import to_local
from ..store.private import private_file, private_folder
from ..store.staging import staged_folder
from .export_csv import CSV_FILES, write_csv  # noqa: F401  (CSV_FILES: part of the API)
from .fhir import write_fhir
from .report import collect, local_midnight, period
from .report_pdf import write_pdf, write_png

FORMATS = ("pdf", "png", "csv", "fhir")


def parse_formats(value, field: str = "format") -> tuple[str, ...]:
    """'pdf,csv' or a list of names -> a checked tuple, in FORMATS order."""
    names = value.split(",") if isinstance(value, str) else list(value or ())
    names = [n.strip().lower() for n in names if n and n.strip()]
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        shown = bad[0] if bad else ""
        raise JournalError(field, _("{field}: '{shown}' is not allowed; allowed: {allowed} (one or more, separated by commas).").format(
            field=field, shown=shown, allowed=', '.join(FORMATS)))
    return tuple(f for f in FORMATS if f in names)


# -- the export ------------------------------------------------------------------------

def export(svc, out_dir, start: date | None = None, end: date | None = None,
           formats=FORMATS, pdf_password: str | None = None) -> list[Path]:
    """Write the chosen formats for [start, end] (default the last 90 days) into out_dir; returns the paths.

    pdf_password: the PDF is encrypted (AES-256) and opens only with it (offered when the journal is encrypted).
    """
    formats = parse_formats(formats)
    if pdf_password is not None:
        check_pdf_password(pdf_password)
    today = to_local(svc.now(), svc.zone).date()
    start, end = period(today, start, end)
    if Path(out_dir).expanduser().exists() and not Path(out_dir).expanduser().is_dir():
        raise JournalError("out", _("out: {out_dir} is a file, not a folder; give a folder for the exported files.").format(
            out_dir=out_dir))
    out = private_folder(out_dir)
    stem = f"spasmlog_{start.isoformat()}_{end.isoformat()}"
    written: list[Path] = []
    # The report, charts and FHIR texts speak the person's language setting, from the app or the command line alike;
    # the CSV files are the machine-readable copy and stay English in every language (export_csv.py says why).
    words = svc.settings.get("language")
    # All or nothing: the files are written into a hidden folder inside `out` and moved in together at the end.
    with staged_folder(out) as folder:
        if "pdf" in formats or "png" in formats:
            with speaking(words):
                data = collect(svc, start, end)
                if "pdf" in formats:
                    written.append(_write_pdf(data, folder / f"{stem}_report.pdf", pdf_password))
                if "png" in formats:
                    written.extend(_write_pngs(data, folder, stem))
        t0, t1 = local_midnight(start, svc.zone), local_midnight(end + timedelta(days=1), svc.zone)
        if "csv" in formats:
            with speaking("en"):
                written.extend(write_csv(svc, t0, t1, folder, stem))
        if "fhir" in formats:
            with speaking(words):
                written.append(write_fhir(svc, t0, t1, folder / f"{stem}_fhir.json"))
    return [out / path.name for path in written]


def _write_pdf(data, path: Path, password: str | None = None) -> Path:
    with private_file(path) as fh:
        if password is None:
            write_pdf(data, fh)
        else:
            plain = io.BytesIO()
            write_pdf(data, plain)
            fh.write(_locked_pdf(plain.getvalue(), password))
    return path


def check_pdf_password(password: str, field: str = "pdf password") -> str:
    """A password for the PDF: at least 6 characters (the doctor types it to open the report)."""
    if not isinstance(password, str) or len(password.strip()) < 6:
        raise JournalError(field, _("{field}: too short; allowed: at least 6 characters.").format(field=field))
    return password


def _locked_pdf(pdf: bytes, password: str) -> bytes:
    """The same PDF encrypted with AES-256 (pypdf): a reader asks for the password before showing a page."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _write_pngs(data, folder: Path, stem: str) -> list[Path]:
    from .charts import CHARTS
    paths = []
    for name in CHARTS:
        path = folder / f"{stem}_chart_{name}.png"
        with private_file(path) as fh:
            write_png(data, name, fh)
        paths.append(path)
    return paths
