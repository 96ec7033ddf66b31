"""Friendly refusals that write nothing: a busy journal, a missing journal, out-of-range dates, bad minutes."""
import pytest


def test_a_busy_journal_is_a_friendly_refusal_and_writes_nothing(journal_path, clock):
    import sqlite3

    from app.core.errors import JournalBusy
    from app.services import open_spasmlog
    svc = open_spasmlog(journal_path, clock)
    svc._db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(journal_path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    with pytest.raises(JournalBusy):
        svc.entries.start_episode()
    other.rollback()
    assert svc.entries.open_episode() is None
    assert svc.entries.start_episode().id == 1


@pytest.mark.parametrize("argv", [["status"], ["status", "--json"]])
def test_read_commands_refuse_a_missing_journal_and_create_nothing(tmp_path, argv, capsys):
    from app.cli.main import main
    missing = tmp_path / "no" / "such.db"
    assert main([*argv, "--db", str(missing)]) == 2
    assert "no journal at" in capsys.readouterr().err
    assert not missing.parent.exists()


@pytest.mark.parametrize("option, value", [("--to", "9999-12-31"), ("--from", "0001-01-01")])
def test_export_dates_out_of_range_exit_2_and_write_nothing(svc, journal_path, tmp_path, option, value, capsys):
    from app.cli.main import main
    out = tmp_path / "out"
    assert main(["export", "--db", str(journal_path), "--out", str(out), option, value]) == 2
    assert option in capsys.readouterr().err
    assert not out.exists()


def test_minutes_that_are_not_a_number_say_what_is_allowed(svc, journal_path, capsys):
    from app.cli.main import main
    assert main(["therapy", "start", "heat", "--minutes", "abc", "--db", str(journal_path)]) == 2
    assert "allowed: ice 1 to 10, heat 15 to 20" in capsys.readouterr().err
