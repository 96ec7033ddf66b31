"""CSV a spreadsheet opens safely (issue 12, point 5): formula cells neutralised, UTF-8 with a BOM, a README data
dictionary, flags.csv and profile.csv."""
from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from app.core.entities import Dose, PainScore
from app.services.export import export
from app.services.export_csv import DICTIONARY, safe_cell
from tests.conftest import T0

DAY = date(2026, 3, 2)


def by_name(paths):
    return {p.name.split(f"spasmlog_{DAY}_{DAY}_", 1)[1]: p for p in paths}


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_each_dangerous_first_character_gets_a_quote_in_front(svc, clock, tmp_path, first):
    text = f"{first}HYPERLINK(\"http://x\",\"y\")"
    # Written as stored (the checks strip a leading tab or CR from typed text; an older journal may still hold one).
    svc._repo.add(PainScore(T0, 5, note=text))
    svc._repo.add(Dose(T0, "=cmd|' /C calc'!A0" if first == "=" else f"{first}Ibuprofen", "nsaid", dose=f"{first}400 mg"))
    files = by_name(export(svc, tmp_path, DAY, DAY, "csv"))
    (pain,) = read(files["pain_scores.csv"])
    (dose,) = read(files["doses.csv"])
    assert pain["note"] == "'" + text
    assert dose["name"].startswith("'" + first) and dose["dose"] == f"'{first}400 mg"
    assert pain["score"] == "5"  # ordinary cells are left alone


@pytest.mark.parametrize("value,expected", [
    ("Ibuprofen", "Ibuprofen"), ("", ""), (None, ""), (7, "7"), ("a=b", "a=b"), ("'=x", "'=x"),
    ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"), ("\rx", "'\rx"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_files_are_utf8_with_a_bom_and_keep_accents(svc, tmp_path):
    svc.entries.log_pain(4, note="Rücken, crème, 痛み")
    files = by_name(export(svc, tmp_path, DAY, DAY, "csv"))
    raw = files["pain_scores.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert read(files["pain_scores.csv"])[0]["note"] == "Rücken, crème, 痛み"


def test_flags_csv_lists_each_flag_with_its_time_and_whether_it_was_seen(svc, clock, tmp_path):
    svc.entries.log_symptoms(["leg_numbness", "fever"])
    clock.advance(minutes=5)
    svc.flags.acknowledge("fever")
    files = by_name(export(svc, tmp_path, DAY, DAY, "csv"))
    rows = {r["code"]: r for r in read(files["flags.csv"])}
    assert set(rows) == {"leg_numbness", "fever", "several_red_flags"}
    assert rows["fever"]["acknowledged_at"].startswith("2026-03-02T") and rows["leg_numbness"]["acknowledged_at"] == ""
    assert rows["fever"]["raised_at"] == (T0).astimezone().isoformat()
    assert rows["several_red_flags"]["tier"] == "emergency"
    assert rows["fever"]["description"] == "Reported fever (38 °C or more) with back pain."


def test_profile_csv_has_every_answer(svc, tmp_path):
    svc.settings.update_profile(osteoporosis="yes")
    files = by_name(export(svc, tmp_path, DAY, DAY, "csv"))
    answers = {r["question"]: r["answer"] for r in read(files["profile.csv"])}
    assert answers["osteoporosis"] == "yes" and answers["steroids"] == "unknown"


def test_readme_describes_every_column_of_every_file(svc, clock, tmp_path):
    svc.entries.start_episode(regions=["lower_back_left"], trigger="lifting")
    files = by_name(export(svc, tmp_path, DAY, DAY, "csv"))
    readme = files["README.txt"].read_text(encoding="utf-8")
    for name, path in files.items():
        if not name.endswith(".csv"):
            continue
        with open(path, newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
        described = DICTIONARY[name[:-4]]
        assert header == list(described), name
        assert f"spasmlog_{DAY}_{DAY}_{name}" in readme
        for column in header:
            assert f"  {column}: {described[column]}" in readme
    assert "lower_back_left = Left lower back" in readme and "lifting = Lifting" in readme
    assert "Self-reported by the patient" in readme
    assert "med_class" in readme and "context" in readme  # the internal names are explained


def test_files_and_readme_are_owner_only(svc, tmp_path):
    for path in export(svc, tmp_path / "out", DAY, DAY - timedelta(days=0), "csv"):
        assert path.stat().st_mode & 0o777 == 0o600
