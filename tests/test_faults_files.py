"""All-or-nothing exports and restores, stale .part clean-up, kept copies listed and undoable, and the small slips."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.cli.main import main
from app.services import open_spasmlog
from app.services.backups import list_backups, restore_file
from app.store.staging import remove_stale_parts
from tests.conftest import ROOT, T0, row_counts, run_cli

DEAD_PID = 4_000_000  # above Linux's pid_max: never a running process


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_export_blocked_by_a_folder_with_a_files_name_keeps_nothing(svc, tmp_path, capsys):
    svc.entries.log_pain(4)
    out = tmp_path / "out"
    out.mkdir()
    stem = f"spasmlog_{(T0 - timedelta(days=89)).date()}_{T0.date()}"
    (out / f"{stem}_fhir.json").mkdir()  # the last file written cannot take its name
    svc.close()
    code = main(["export", "--out", str(out), "--format", "csv,fhir", "--db", str(svc.path), "--to", str(T0.date())])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "--out" in err
    assert _names(out) == [f"{stem}_fhir.json"]  # no CSV written before it, no hidden staging folder


def test_an_export_replacing_earlier_files_is_all_or_nothing_too(svc, tmp_path):
    from app.services.export import export
    svc.entries.log_pain(4)
    out = tmp_path / "out"
    first = export(svc, out, formats="csv")
    assert _names(out) == sorted(p.name for p in first)
    svc.entries.log_pain(8)
    again = export(svc, out, formats="csv")
    pain = next(p for p in again if p.name.endswith("pain_scores.csv"))
    assert again == first and ",8," in pain.read_text(encoding="utf-8-sig")  # replaced in place, no leftovers
    assert _names(out) == sorted(p.name for p in first)


def test_stale_parts_of_killed_runs_are_removed_and_live_ones_kept(svc, tmp_path):
    folder = svc.path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stale = folder / f".{svc.path.stem}-20260301-090000Z-daily.db.{DEAD_PID}.part"
    stale.write_bytes(b"\0" * 10_000)
    live = folder / f".{svc.path.stem}-20260301-090000Z-daily.db.{os.getpid()}.part"
    live.write_bytes(b"\0")
    restore_part = svc.path.parent / f".{svc.path.name}.{DEAD_PID}.restore.part"
    restore_part.write_bytes(b"\0")
    mine = svc.path.parent / f".notes.{DEAD_PID}.part"  # not named like the app's own: not touched
    mine.write_text("a person's file")
    assert svc.backups.daily() is not None
    assert not stale.exists() and not restore_part.exists()
    assert live.exists() and mine.exists()


def test_an_export_folder_loses_only_the_apps_own_stale_parts(tmp_path):
    stale = tmp_path / f".spasmlog-{DEAD_PID}-abcd1234.part"
    stale.mkdir()
    (stale / "half.csv").write_text("x")
    other = tmp_path / f".thesis.{DEAD_PID}.part"
    other.write_text("x")
    assert remove_stale_parts(tmp_path, prefix=".spasmlog") == [stale]
    assert other.exists()


def test_a_restore_over_a_damaged_journal_is_listed_and_can_be_undone(svc, clock, journal_path, capsys):
    svc.entries.log_pain(6, note="in the backup")
    backup = svc.backups.make()
    svc.close()
    damaged = b"not a database" * 300
    journal_path.write_bytes(damaged)
    kept = restore_file(journal_path, backup, clock)
    assert kept.read_bytes() == damaged and journal_path.stat().st_size > 0
    assert main(["backup", "--list", "--db", str(journal_path)]) == 0
    listed = capsys.readouterr().out
    assert str(kept) in listed and "damaged" in listed
    put_back = restore_file(journal_path, kept, clock)  # undo: the journal is as it was before the restore
    assert journal_path.read_bytes() == damaged
    assert put_back.name.endswith("-before-restore.db")
    reopened = open_spasmlog(put_back, clock)
    assert [p.note for p in reopened._repo.between("pain")] == ["in the backup"]
    reopened.close()


def test_cli_restore_says_how_to_undo(tmp_path, cli):
    journal = tmp_path / "journal.db"
    assert cli("log", "pain", "2", db=journal).code == 0
    assert cli("backup", db=journal).code == 0
    backup = list_backups(journal)[0].path
    assert cli("log", "pain", "9", db=journal).code == 0
    result = cli("restore", backup, db=journal)
    assert result.code == 0 and "to undo: python -m app restore" in result.out
    kept = Path(result.out.split("kept at ")[1].split(";")[0])
    assert cli("restore", kept, db=journal).code == 0
    assert row_counts(journal)["pain_scores"] == 2


def test_a_restore_never_leaves_an_empty_journal_when_it_fails(svc, clock, journal_path, monkeypatch):
    svc.entries.log_pain(6)
    backup = svc.backups.make()
    svc.close()
    journal_path.write_bytes(b"not a database" * 300)
    from app.store import backup as store

    def fail(*_):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(store, "restore_into", fail)
    with pytest.raises(OSError):
        restore_file(journal_path, backup, clock)
    assert journal_path.read_bytes() == b"not a database" * 300  # untouched, not moved, not emptied
    assert _names(journal_path.parent) == ["backups", "journal.db"]
    assert [b.kind for b in list_backups(journal_path, include_damaged=True)] == ["manual"]


def test_one_start_with_the_clock_ahead_does_not_stop_daily_backups(svc, clock):
    ahead = svc.backups.make("daily", now=datetime(2030, 6, 1, 12, tzinfo=timezone.utc))
    made = svc.backups.daily()
    assert made is not None and made != ahead
    assert svc.backups.latest().path == made  # the error screen offers the real latest, not the 2030 one
    for day in range(1, 9):
        clock.advance(days=1)
        svc.backups.daily()
    kept = [b.path for b in svc.backups.list() if b.kind == "daily"]
    assert ahead not in kept and len(kept) == 7  # the wrongly dated one is pruned first


def test_folders_made_above_a_new_journal_are_owner_only_whatever_the_umask(tmp_path):
    journal = tmp_path / "a" / "b" / "c" / "journal.db"
    proc = subprocess.run([sys.executable, "-c", "import os, sys; os.umask(0); from app.cli.main import main; "
                           f"sys.exit(main(['log', 'pain', '3', '--db', {str(journal)!r}]))"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_note_that_is_not_utf8_is_refused_with_exit_2(tmp_path):
    journal = tmp_path / "journal.db"
    proc = subprocess.run([sys.executable.encode(), b"-m", b"app", b"log", b"pain", b"4", b"--note", b"caf\xe9 \xff",
                           b"--db", str(journal).encode()], cwd=ROOT, capture_output=True)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "--note" in err and "UTF-8" in err and "Traceback" not in err
    assert not journal.exists()


def test_a_300_character_out_folder_is_refused_with_exit_2(tmp_path, cli):
    journal = tmp_path / "journal.db"
    assert cli("log", "pain", "4", db=journal).code == 0
    result = cli("export", "--out", tmp_path / ("x" * 300), db=journal)
    assert result.code == 2 and "--out" in result.err and "too long" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("command", [["log", "pain", "11"], ["log", "med", "X", "--class", "candy"],
                                     ["therapy", "start", "ice"], ["log", "symptoms", "nonsense"]])
def test_refused_input_on_a_new_path_creates_no_folders_and_no_journal(tmp_path, command):
    journal = tmp_path / "new" / "deeper" / "journal.db"
    assert main([*command, "--db", str(journal)]) in (2, 3)
    assert _names(tmp_path) == []


def test_refused_input_on_an_existing_journal_keeps_it(tmp_path):
    journal = tmp_path / "journal.db"
    assert main(["log", "pain", "3", "--db", str(journal)]) == 0
    assert main(["log", "pain", "11", "--db", str(journal)]) == 2
    assert row_counts(journal)["pain_scores"] == 1


def test_two_scores_in_the_same_second_show_the_newer_as_latest(svc):
    svc.entries.log_pain(3)
    svc.entries.log_pain(8)
    assert svc.entries.latest_pain().score == 8
