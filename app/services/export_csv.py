"""The CSV export: one file per kind of entry plus flags and profile, safe to open in a spreadsheet, with a
README.txt data dictionary beside them.

Language: the CSV files are the machine-readable copy of the journal, so their headers, codes, descriptions and
README stay English whatever the language setting (export.py writes them inside speaking("en")): a script, a
spreadsheet formula or a clinic import reads the same columns from every person's export. The words for people,
in their language, are the PDF report's."""
from __future__ import annotations

import csv
import io
from dataclasses import fields
from datetime import datetime
from pathlib import Path

from ..core.guidance import codes, guidance
from ..core.timeutil import iso_local
from ..store.private import private_file
from ..store.repository import KINDS

# One CSV per kind of entry; the file names say what is inside.
CSV_FILES = {"episode": "episodes", "pain": "pain_scores", "therapy": "therapy_sessions", "dose": "doses",
             "symptoms": "symptom_checks", "activity": "activities"}
EXTRA_FILES = ("flags", "profile")
# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), =cmd|...): OWASP's
# "CSV injection" advice is to make such a cell text by putting a single quote in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # UTF-8 with a byte-order mark, so Excel reads accents and other scripts correctly

_CODES = "codes are listed at the end of this file"
# file name -> {column: meaning}; the README lists them in this order.
DICTIONARY = {
    "episodes": {
        "id": "number of the spasm episode in the journal",
        "started": "when the spasm began (ISO 8601 local time with its UTC offset)",
        "ended": "when it ended; empty while still going on",
        "regions": f"where it hurts, codes separated by ';' ({_CODES})",
        "trigger": f"what set it off ({_CODES}); empty if not given",
        "note": "the patient's own words"},
    "pain_scores": {
        "id": "number of the score", "at": "when it was scored",
        "score": "pain 0-10 (0 no pain, 10 worst imaginable; LOINC 72514-3)",
        "note": "the patient's own words",
        "episode_id": "the episode it belongs to (episodes.csv id); empty if none",
        "context": "when it was asked: before_ice, after_ice, before_heat, after_heat, after_dose, checkin, "
                   "episode_start, or empty (scored freely)"},
    "therapy_sessions": {
        "id": "number of the session", "kind": "ice or heat", "started": "when it started",
        "planned_end": "when the timer was set to end", "ended": "when it ended; empty while running",
        "end_reason": "stopped (by the patient), completed (timer ran out), closed_while_away (ended while the "
                      "app was closed), retroactive (entered afterwards), cancelled (stopped within its first "
                      "minute: a mistaken start, counted nowhere)",
        "barrier": "true when a cloth between ice and skin was confirmed",
        "retroactive": "true when entered afterwards rather than timed live",
        "rule_breaks": f"timing rules the session broke, codes separated by ';' ({_CODES}); empty if none"},
    "doses": {
        "id": "number of the dose", "at": "when it was taken", "name": "the medicine as the patient typed it",
        "med_class": f"kind of medicine ({_CODES})", "dose": "the strength as the patient typed it, e.g. 400 mg"},
    "symptom_checks": {
        "id": "number of the check", "at": "when it was answered",
        "codes": f"red-flag symptoms answered yes, separated by ';' ({_CODES}); 'none' = every question "
                 "was answered no"},
    "activities": {
        "id": "number of the activity", "at": "when", "kind": f"what ({_CODES})",
        "minutes": "how long; empty if not given", "note": "the patient's own words"},
    "flags": {
        "code": f"the flag ({_CODES})", "tier": "emergency, urgent or review (most serious first)",
        "raised_at": "when the flag was raised", "acknowledged_at": "when the patient marked it as seen; empty if not",
        "source": "what raised it: episode:ID (episodes.csv) or check:ID (symptom_checks.csv)",
        "description": "what was seen, in words, as it stood when the flag was raised"},
    "profile": {
        "question": "the profile question", "answer": "the patient's answer (yes, no, unknown; age band; "
                                                      "name and date of birth when given)"},
}


def safe_cell(value) -> str:
    """A cell as text that a spreadsheet shows and never runs: a leading = + - @ tab or CR gets a ' in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(name: str, value, zone):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return iso_local(value, zone)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        # An empty symptom check means every answer was no: CLINICAL.md spells that `none`.
        return ";".join(value) if value or name != "codes" else "none"
    return value


def _write(path: Path, header: list[str], rows) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    with private_file(path) as fh:
        fh.write((BOM + buf.getvalue()).encode("utf-8"))
    return path


def write_csv(svc, start: datetime, end: datetime, folder: Path, stem: str) -> list[Path]:
    """A CSV per kind of entry whose time is in [start, end), flags.csv, profile.csv and README.txt."""
    paths, zone = [], svc.zone  # times with the offset of the person's zone, from the clock
    for kind, name in CSV_FILES.items():
        columns = ["id"] + [f.name for f in fields(KINDS[kind][1]) if f.name != "id"]
        rows = ([_cell(c, getattr(e, c), zone) for c in columns] for e in svc._repo.between(kind, start, end))
        paths.append(_write(folder / f"{stem}_{name}.csv", columns, rows))
    flags = svc.flags.history(start, end)
    paths.append(_write(folder / f"{stem}_flags.csv", list(DICTIONARY["flags"]),
                        ([f["code"], f["tier"], iso_local(f["raised_at"], zone),
                          iso_local(f["acknowledged_at"], zone) if f["acknowledged_at"] else "", f["key"], f["report"]]
                         for f in flags)))
    paths.append(_write(folder / f"{stem}_profile.csv", ["question", "answer"], profile_rows(svc)))
    readme = folder / f"{stem}_README.txt"
    with private_file(readme) as fh:
        fh.write(readme_text(stem).encode("utf-8"))
    paths.append(readme)
    return paths


def profile_rows(svc) -> list[tuple[str, str]]:
    profile = svc.settings.profile()
    return [(f.name, "yes" if getattr(profile, f.name) is True else "no" if getattr(profile, f.name) is False
             else getattr(profile, f.name)) for f in fields(profile)]


def readme_text(stem: str) -> str:
    """The data dictionary: every file, every column, every code in words."""
    lines = ["SpasmLog export: data dictionary", "",
             "Self-reported by the patient in SpasmLog (a back-spasm diary); not verified by a clinician.",
             "Files are UTF-8 CSV (with a byte-order mark), comma-separated, one header row. Times are ISO 8601",
             "local times with their UTC offset. A cell that began with = + - @ or a tab has a ' in front, so a",
             "spreadsheet shows it as text instead of running it as a formula.",
             "These files are in English in every language setting, so programs read them the same way; the PDF",
             "report is in the patient's language.", ""]
    for name, columns in DICTIONARY.items():
        lines.append(f"{stem}_{name}.csv")
        lines += [f"  {col}: {meaning}" for col, meaning in columns.items()]
        lines.append("")
    lines.append("Codes")
    for kind in ("regions", "triggers", "med_classes", "activities", "symptoms"):
        lines.append(f"  {kind}:")
        for code, words in codes(kind).items():
            words = words["label"] if isinstance(words, dict) else words
            lines.append(f"    {code} = {words}")
    lines.append("  flags:")
    lines += [f"    {code} = {words}" for code, words in guidance()["report"]["flags"].items()]
    lines.append("  rule_breaks:")
    lines += [f"    {code} = {words}" for code, words in guidance()["therapy"]["rules"].items() if code != "source"]
    return "\r\n".join(lines) + "\r\n"
