"""The lock view of an encrypted journal at the person's text size and theme (the display choices left beside it)."""
import json

import pytest

from app.services import open_spasmlog
from app.services.display_prefs import display_path
from app.services.privacy import encrypt
from tests.ui.scenarios_privacy import PASSPHRASE

pytestmark = pytest.mark.ui


def _light_150(journal_path, language="en"):
    """A journal at 150 %, light, past the welcome, encrypted (which leaves those choices beside it)."""
    svc = open_spasmlog(journal_path)
    for key, value in (("welcome_seen", "yes"), ("language", language), ("theme", "light"), ("text_size", "150")):
        svc.settings.set(key, value)
    svc.entries.log_pain(3)
    svc.close()
    encrypt(journal_path, PASSPHRASE)
    assert display_path(journal_path).exists()


@pytest.mark.parametrize("size,language", [("400x800", "en"), ("360x640", "en"), ("360x640", "de")])
def test_an_encrypted_journal_at_150_percent_light_opens_to_a_lock_view_at_150_percent_light(
        ui, journal_path, size, language):
    _light_150(journal_path, language)
    ui("lock_view_at_150_light" + ("_german" if language == "de" else ""), journal_path, size=size)


def test_once_unlocked_the_journals_own_look_counts_over_an_older_file_beside_it(ui, journal_path):
    _light_150(journal_path)
    display_path(journal_path).write_text(json.dumps({"theme": "dark", "text_size": "100", "language": "en"}))
    ui("journal_look_counts_once_unlocked", journal_path, size="360x640")
