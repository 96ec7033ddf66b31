"""Real faults in the running app: a full disk (a small tmpfs), a held write lock, a damaged page."""
import sqlite3

import pytest

from app.services import open_spasmlog
from tests.helpers.disks import fill, small_disk

pytestmark = pytest.mark.ui


@pytest.fixture
def disk():
    with small_disk("2m") as where:
        yield where


def test_a_pain_tap_on_a_full_disk_says_so_and_the_app_runs_on(ui, disk, clock):
    journal = disk / "journal" / "journal.db"
    open_spasmlog(journal, clock).close()
    ui("full_disk_pain_tap", journal)


def test_took_it_while_the_journal_is_locked_says_busy(ui, journal_path, clock):
    open_spasmlog(journal_path, clock).close()
    ui("lock_held_took_it", journal_path)


def test_opening_on_a_full_disk_offers_try_again_not_restore(ui, disk, clock):
    journal = disk / "journal" / "journal.db"
    svc = open_spasmlog(journal, clock)
    svc.entries.log_pain(5)
    svc.settings.set("welcome_seen", "yes")
    svc.backups.make("daily")
    svc.close()
    fill(disk)
    ui("full_disk_at_start", journal)
    assert [p.name for p in (journal.parent / "backups").iterdir()][0].endswith("-daily.db")
    assert len(list((journal.parent / "backups").iterdir())) == 1  # nothing moved aside


def test_a_damaged_page_is_found_at_start_and_restore_can_be_undone(ui, journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    svc.entries.log_dose("Ibuprofen", "nsaid", "400 mg")
    for i in range(300):
        svc.entries.log_pain(5, note="padding " * 20)
    svc.settings.set("welcome_seen", "yes")
    svc.backups.make("daily")
    svc.close()
    conn = sqlite3.connect(journal_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'pain_scores'").fetchone()[0]
    conn.close()
    with open(journal_path, "r+b") as fh:
        fh.seek((root - 1) * 4096)
        fh.write(b"\xee" * 4096)
    damaged = journal_path.read_bytes()
    ui("damaged_page_restore_undo", journal_path)
    assert journal_path.read_bytes() == damaged  # undone: the journal is back byte for byte


def test_a_bug_in_a_callback_is_said_in_one_line_and_the_app_runs_on(ui, journal_path):
    ui("a_bug_in_a_callback_is_said_and_the_app_runs_on", journal_path)


def test_an_error_caught_by_the_apps_net_still_fails_a_ui_test(ui, journal_path):
    with pytest.raises(pytest.fail.Exception, match="injected: a bug in a callback"):
        ui("a_bug_left_in_a_callback", journal_path)
