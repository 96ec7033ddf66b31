"""Writes a period of the journal out of the app: PDF report, PNG charts, CSV files and a FHIR R4 bundle."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from ..core.errors import JournalError
from ..core.guidance import guidance, label
from ..core.timeutil import iso_local, to_local
from ..store.private import private_file, private_folder
from ..store.staging import staged_folder
from .report import collect, local_midnight, period
from .report_pdf import write_pdf, write_png
from .export_csv import CSV_FILES, write_csv  # noqa: F401  (CSV_FILES: part of the API)

FORMATS = ("pdf", "png", "csv", "fhir")
LOINC_PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
SNOMED_LOWER_BACK = ("37822005", "Lower back structure")
LOWER_BACK_REGIONS = {"lower_back_left", "lower_back_right"}


def parse_formats(value, field: str = "format") -> tuple[str, ...]:
    """'pdf,csv' or a list of names -> a checked tuple, in FORMATS order."""
    names = value.split(",") if isinstance(value, str) else list(value or ())
    names = [n.strip().lower() for n in names if n and n.strip()]
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        shown = bad[0] if bad else ""
        raise JournalError(field, f"{field}: '{shown}' is not allowed; allowed: {', '.join(FORMATS)} "
                                     "(one or more, separated by commas).")
    return tuple(f for f in FORMATS if f in names)


# -- the export ------------------------------------------------------------------------

def export(svc, out_dir, start: date | None = None, end: date | None = None,
           formats=FORMATS) -> list[Path]:
    """Write the chosen formats for [start, end] (default the last 90 days) into out_dir; returns the paths."""
    formats = parse_formats(formats)
    today = to_local(svc.now()).date()
    start, end = period(today, start, end)
    if Path(out_dir).expanduser().exists() and not Path(out_dir).expanduser().is_dir():
        raise JournalError("out", f"out: {out_dir} is a file, not a folder; give a folder for the exported files.")
    out = private_folder(out_dir)
    stem = f"spasmlog_{start.isoformat()}_{end.isoformat()}"
    written: list[Path] = []
    # All or nothing: the files are written into a hidden folder inside `out` and moved in together at the end.
    with staged_folder(out) as folder:
        if "pdf" in formats or "png" in formats:
            data = collect(svc, start, end)
            if "pdf" in formats:
                written.append(_write_pdf(data, folder / f"{stem}_report.pdf"))
            if "png" in formats:
                written.extend(_write_pngs(data, folder, stem))
        t0, t1 = local_midnight(start), local_midnight(end + timedelta(days=1))
        if "csv" in formats:
            written.extend(write_csv(svc, t0, t1, folder, stem))
        if "fhir" in formats:
            written.append(write_fhir(svc, t0, t1, folder / f"{stem}_fhir.json"))
    return [out / path.name for path in written]


def _write_pdf(data, path: Path) -> Path:
    with private_file(path) as fh:
        write_pdf(data, fh)
    return path


def _write_pngs(data, folder: Path, stem: str) -> list[Path]:
    from .charts import CHARTS
    paths = []
    for name in CHARTS:
        path = folder / f"{stem}_chart_{name}.png"
        with private_file(path) as fh:
            write_png(data, name, fh)
        paths.append(path)
    return paths


def _ref(source: str, kind: str, key) -> str:
    """A stable urn:uuid for an entry, so exporting twice gives the same ids."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'spasmlog:{source}:{kind}:{key}')}"


def _body_site(regions: tuple[str, ...] | str) -> dict | None:
    regions = tuple(r for r in (regions.split(",") if isinstance(regions, str) else regions) if r)
    if not regions:
        return None
    text = ", ".join(label("regions", r) for r in regions)
    if set(regions) <= LOWER_BACK_REGIONS:
        code, display = SNOMED_LOWER_BACK
        return {"coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}], "text": text}
    return {"text": text}


def fhir_bundle(svc, start: datetime, end: datetime) -> dict:
    """A FHIR R4 Bundle (collection): an Observation per pain score and a MedicationStatement per dose."""
    from ..store import aggregates as agg
    source = str(svc.path or "memory")
    patient = _ref(source, "patient", 0)
    regions = {e["id"]: e["regions"] for e in agg.episodes(svc.db, start, end, svc.now())}
    entries = [{"fullUrl": patient, "resource": {"resourceType": "Patient", "id": "person",
                                                 "active": True}}]
    for score in svc.repo.between("pain", start, end):
        obs = {"resourceType": "Observation", "id": f"pain-{score.id}", "status": "final",
               "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                         "code": "survey", "display": "Survey"}]}],
               "code": {"coding": [{"system": "http://loinc.org", "code": guidance()["pain"]["loinc"],
                                    "display": LOINC_PAIN_DISPLAY}], "text": "Pain score (0-10)"},
               "subject": {"reference": patient},
               "effectiveDateTime": iso_local(score.at),
               "valueInteger": score.score}
        site = _body_site(regions.get(score.episode_id, ""))
        if site:
            obs["bodySite"] = site
        if score.note:
            obs["note"] = [{"text": score.note}]
        entries.append({"fullUrl": _ref(source, "pain", score.id), "resource": obs})
    for dose in svc.repo.between("dose", start, end):
        stmt = {"resourceType": "MedicationStatement", "id": f"dose-{dose.id}", "status": "completed",
                "medicationCodeableConcept": {"text": dose.name},
                "subject": {"reference": patient},
                "effectiveDateTime": iso_local(dose.at),
                "note": [{"text": f"Kind of medicine: {label('med_classes', dose.med_class)} ({dose.med_class})"}]}
        if dose.dose:
            stmt["dosage"] = [{"text": dose.dose}]
        entries.append({"fullUrl": _ref(source, "dose", dose.id), "resource": stmt})
    return {"resourceType": "Bundle", "type": "collection", "timestamp": iso_local(svc.now()), "entry": entries}


def write_fhir(svc, start: datetime, end: datetime, path: Path) -> Path:
    bundle = fhir_bundle(svc, start, end)
    with private_file(path) as fh:
        fh.write(json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8"))
    return path
