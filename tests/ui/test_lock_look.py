"""The lock view of an encrypted journal at the person's text size and theme (the display choices left beside it)."""
import pytest

from app.services import open_spasmlog
from app.services.display_prefs import display_path
from app.services.privacy import encrypt
from tests.ui.scenarios_privacy import PASSPHRASE

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("size,language", [("400x800", "en"), ("360x640", "en"), ("360x640", "de")])
def test_an_encrypted_journal_at_150_percent_light_opens_to_a_lock_view_at_150_percent_light(
        ui, journal_path, size, language):
    svc = open_spasmlog(journal_path)
    svc.settings.set("welcome_seen", "yes")
    svc.settings.set("language", language)
    svc.settings.set("theme", "light")
    svc.settings.set("text_size", "150")
    svc.entries.log_pain(3)
    svc.close()
    encrypt(journal_path, PASSPHRASE)  # leaves the display choices beside the journal
    assert display_path(journal_path).exists()
    ui("lock_view_at_150_light" + ("_german" if language == "de" else ""), journal_path, size=size)
