"""Exports: CSV per kind of entry, the FHIR R4 bundle (validated), private file modes, the export command."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta

import pytest

from app.core.guidance import codes, label
from app.core.timeutil import to_store
from app.services.export import CSV_FILES, export
from tests.conftest import T0

START, END = date(2025, 12, 3), date(2026, 3, 2)  # the default 90 days ending on T0's day
TABLES = {"episode": ("episodes", "started"), "pain": ("pain_scores", "at"), "therapy": ("therapy_sessions", "started"),
          "dose": ("doses", "at"), "symptoms": ("symptom_checks", "at"), "activity": ("activities", "at")}
COLUMNS = {
    "episode": ["id", "started", "ended", "regions", "trigger", "note"],
    "pain": ["id", "at", "score", "note", "episode_id", "context"],
    "therapy": ["id", "kind", "started", "planned_end", "ended", "end_reason", "barrier", "retroactive", "rule_breaks"],
    "dose": ["id", "at", "name", "med_class", "dose"],
    "symptoms": ["id", "at", "codes"],
    "activity": ["id", "at", "kind", "minutes", "note"],
}


def journal_rows(path, kind: str) -> int:
    """Rows of one kind in the period, counted with plain sqlite3 (not the code under test)."""
    table, col = TABLES[kind]
    bounds = [to_store(datetime.combine(d, datetime.min.time()).astimezone()) for d in (START, END + timedelta(days=1))]
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {col} >= ? AND {col} < ? AND deleted_at IS NULL",
                            bounds).fetchone()[0]


@pytest.fixture(scope="module")
def files(demo_journal, tmp_path_factory):
    written = export(demo_journal, tmp_path_factory.mktemp("out") / "export", formats="csv,fhir")
    return {p.name.split(f"{START}_{END}_", 1)[1]: p for p in written}


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


# -- CSV ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(CSV_FILES))
def test_csv_has_a_header_and_one_row_per_journal_entry(files, demo_journal, kind):
    rows = read_csv(files[f"{CSV_FILES[kind]}.csv"])
    assert rows[0] == COLUMNS[kind]
    assert len(rows) - 1 == journal_rows(demo_journal.path, kind) > 0


def test_csv_times_are_iso_with_their_offset(files):
    for name, column in (("pain_scores.csv", "at"), ("episodes.csv", "started"), ("doses.csv", "at")):
        rows = read_csv(files[name])
        i = rows[0].index(column)
        for row in rows[1:]:
            assert datetime.fromisoformat(row[i]).utcoffset() is not None


@pytest.mark.parametrize("name, column, kind", [
    ("episodes.csv", "trigger", "triggers"), ("episodes.csv", "regions", "regions"),
    ("doses.csv", "med_class", "med_classes"), ("activities.csv", "kind", "activities"),
    ("therapy_sessions.csv", "kind", "therapy_kinds"), ("symptom_checks.csv", "codes", "symptoms")])
def test_csv_codes_are_spelled_as_in_clinical_md(files, name, column, kind):
    rows = read_csv(files[name])
    i = rows[0].index(column)
    allowed = set(codes(kind)) | ({"none"} if kind == "symptoms" else set())
    values = {code for row in rows[1:] for code in row[i].split(";") if row[i]}
    assert values and values <= allowed


def test_csv_marks_the_session_that_broke_a_rule(files):
    rows = read_csv(files["therapy_sessions.csv"])
    i = rows[0].index("rule_breaks")
    assert [r[i] for r in rows[1:] if r[i]] == ["ice_too_long"]


def test_csv_of_an_empty_period_has_only_headers(demo_journal, tmp_path):
    written = export(demo_journal, tmp_path, date(2020, 1, 1), date(2020, 1, 2), "csv")
    assert len(written) == len(CSV_FILES) + 3  # flags.csv, profile.csv, README.txt
    assert all(len(read_csv(p)) == 1 for p in written if p.name.endswith(("s.csv", "_flags.csv")))


# -- private files ---------------------------------------------------------------------------------

def test_files_are_0600_in_a_new_folder_made_0700_whatever_the_umask(demo_journal, tmp_path):
    old = os.umask(0)
    try:
        out = tmp_path / "a" / "b"
        written = export(demo_journal, out, formats="csv,fhir")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", out):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(os.listdir(out)) == sorted(p.name for p in written)  # no temporary files left


def test_an_existing_file_is_replaced_and_made_private(demo_journal, tmp_path):
    target = tmp_path / f"spasmlog_{START}_{END}_fhir.json"
    target.write_text("old")
    target.chmod(0o644)
    [path] = export(demo_journal, tmp_path, formats="fhir")
    assert path == target and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("{")


def test_a_failed_export_leaves_no_files(demo_journal, tmp_path, monkeypatch):
    import app.services.export as ex

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(ex, "write_fhir", broken)
    with pytest.raises(OSError):
        export(demo_journal, tmp_path, formats="csv,fhir")
    assert os.listdir(tmp_path) == []


def test_unknown_format_and_reversed_period_are_refused(demo_journal, tmp_path):
    from app.core.errors import JournalError
    with pytest.raises(JournalError) as err:
        export(demo_journal, tmp_path / "x", formats="pdf,xls")
    assert err.value.field == "format" and "pdf, png, csv, fhir" in err.value.message
    with pytest.raises(JournalError) as err:
        export(demo_journal, tmp_path / "x", date(2026, 3, 2), date(2026, 3, 1))
    assert err.value.field == "from"
    assert not (tmp_path / "x").exists()


# -- the export command ------------------------------------------------------------------------------

def test_cli_export_writes_the_files_and_prints_their_paths(cli, demo_journal, tmp_path):
    out = tmp_path / "doctor"
    result = cli("export", "--out", out, "--from", "2026-02-01", "--to", "2026-03-01", "--format", "csv,fhir",
                 "--json", "--at", T0.isoformat(), db=demo_journal.path)
    assert result.code == 0, result.err
    files = result.json()["files"]
    assert len(files) == len(CSV_FILES) + 3 + 1
    assert all(os.path.isfile(f) and os.path.dirname(f) == str(out) for f in files)
    assert all("spasmlog_2026-02-01_2026-03-01_" in f for f in files)


def test_cli_export_pdf_by_default_period(cli, demo_journal, tmp_path):
    result = cli("export", "--out", tmp_path, "--format", "pdf", "--at", T0.isoformat(), db=demo_journal.path)
    assert result.code == 0, result.err
    assert result.out.strip() == str(tmp_path / f"spasmlog_{START}_{END}_report.pdf")


@pytest.mark.parametrize("args, field, allowed", [
    (["--format", "pdf,xls"], "--format", "pdf, png, csv, fhir"),
    (["--format", ""], "--format", "pdf, png, csv, fhir"),
    (["--from", "2026-02-30"], "--from", "YYYY-MM-DD"),
    (["--to", "yesterday"], "--to", "YYYY-MM-DD"),
    (["--from", "2026-03-02", "--to", "2026-03-01"], "--from", "on or before"),
])
def test_cli_export_refuses_bad_input_and_writes_nothing(cli, demo_journal, tmp_path, args, field, allowed):
    out = tmp_path / "never"
    result = cli("export", "--out", out, *args, db=demo_journal.path)
    assert result.code == 2
    assert result.err.startswith(field) and allowed in result.err
    assert "Traceback" not in result.err
    assert not out.exists()


def test_cli_export_refuses_a_missing_journal_without_creating_it(cli, tmp_path):
    result = cli("export", "--out", tmp_path / "o", db=tmp_path / "nope.db")
    assert result.code == 2 and result.err.startswith("--db")
    assert not (tmp_path / "nope.db").exists()


def test_cli_export_refuses_an_out_path_that_is_a_file(cli, demo_journal, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = cli("export", "--out", target, db=demo_journal.path)
    assert result.code == 2 and result.err.startswith("--out")
