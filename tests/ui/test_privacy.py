"""The encrypted journal in the real app: the lock view, typed passphrases, Settings → Protect, locking."""
import pytest

from app.services import open_spasmlog
from app.services.agent_schedule import schedule_path
from app.services.privacy import encrypt
from app.store.connection import connect
from app.store.convert import row_counts
from app.store.told import told_path
from tests.ui.scenarios_privacy import PASSPHRASE

pytestmark = pytest.mark.ui


def _journal_with_a_score(journal_path):
    """A plain journal past the welcome, with one pain score."""
    svc = open_spasmlog(journal_path)
    svc.settings.set("welcome_seen", "yes")
    svc.entries.log_pain(3)
    svc.close()


def test_an_encrypted_journal_opens_locked_and_unlocks_with_typed_keys(ui, journal_path):
    _journal_with_a_score(journal_path)
    encrypt(journal_path, PASSPHRASE)
    ui("unlock_encrypted_journal", journal_path)


def test_protect_from_settings_then_lock_with_a_timer_running(ui, journal_path):
    ui("protect_lock_and_timer", journal_path, timeout=240)
    with open(journal_path, "rb") as fh:
        assert fh.read(16) != b"SQLite format 3\x00"


def test_unlock_runs_off_the_main_thread_then_the_passphrase_is_changed_and_removed(ui, journal_path):
    _journal_with_a_score(journal_path)
    encrypt(journal_path, PASSPHRASE)
    ui("unlock_change_and_remove_passphrase", journal_path, timeout=300)
    with open(journal_path, "rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    assert not schedule_path(journal_path).exists() and not told_path(journal_path).exists()


def test_a_journal_encrypted_from_a_terminal_while_the_app_is_open_shows_the_lock_view(ui, journal_path):
    _journal_with_a_score(journal_path)
    ui("encrypted_from_a_terminal", journal_path, timeout=300)
    conn = connect(journal_path, readonly=True, key=PASSPHRASE)
    try:
        assert row_counts(conn)["pain_scores"] == 1  # the tap after the encryption wrote nothing, anywhere
    finally:
        conn.close()


@pytest.mark.parametrize("scenario", [
    "locked_view_takes_every_touch_and_key",  # a tap, a digit, Ctrl+2 beneath the lock change nothing
    "lock_covers_an_open_edit_panel",  # hidden and out of reach while locked, given back after the passphrase
    "locked_while_changed_elsewhere_takes_no_passphrase",  # no open mid-conversion by another program
    "ice_and_heat_after_a_new_passphrase",  # the timer screen works on the journal opened again
])
def test_an_encrypted_journal_in_the_running_app(ui, journal_path, scenario):
    _journal_with_a_score(journal_path)
    encrypt(journal_path, PASSPHRASE)
    ui(scenario, journal_path, timeout=240)


def test_a_journal_changed_by_another_program_covers_the_screens_until_it_is_done(ui, journal_path):
    _journal_with_a_score(journal_path)
    ui("journal_changed_elsewhere_covers_the_screens", journal_path)
