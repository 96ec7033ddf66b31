"""The encrypted journal in the real app: the lock view, typed passphrases, Settings → Protect, locking."""
import pytest

from app.services import open_spasmlog
from app.services.privacy import encrypt
from tests.ui.scenarios_privacy import PASSPHRASE

pytestmark = pytest.mark.ui


def test_an_encrypted_journal_opens_locked_and_unlocks_with_typed_keys(ui, journal_path):
    svc = open_spasmlog(journal_path)
    svc.settings.set("welcome_seen", "yes")
    svc.entries.log_pain(3)
    svc.close()
    encrypt(journal_path, PASSPHRASE)
    ui("unlock_encrypted_journal", journal_path)


def test_protect_from_settings_then_lock_with_a_timer_running(ui, journal_path):
    ui("protect_lock_and_timer", journal_path, timeout=240)
    with open(journal_path, "rb") as fh:
        assert fh.read(16) != b"SQLite format 3\x00"
