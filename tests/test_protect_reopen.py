"""After Settings → Protect / Change / Remove: the journal opens again under whatever key it has now, and copies
that could not be converted are named to the person (app/ui/protect.py, services/privacy.Converted)."""
from pathlib import Path

import pytest

from app.core.errors import WrongPassphrase
from app.services import open_spasmlog
from app.services.privacy import Converted, change_passphrase, encrypt
from app.ui.protect import _open_as_it_is

OLD, NEW = "correct horse battery", "staple gun lighthouse"


@pytest.fixture
def journal(tmp_path, clock):
    path = tmp_path / "journal.db"
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(4)
    svc.close()
    return path


@pytest.mark.parametrize("mode, done_before_the_failure, current, new, opens_with", [
    ("protect", False, None, NEW, None),   # failed before encrypting: plain as it was
    ("protect", True, None, NEW, NEW),     # encrypted, then a later step failed: under the new passphrase
    ("change", False, OLD, NEW, OLD),      # not rekeyed: the old passphrase
    ("change", True, OLD, NEW, NEW),       # rekeyed, then a later step failed: the new one
    ("remove", False, OLD, None, OLD),     # still encrypted
])
def test_the_journal_opens_again_under_the_key_it_has_now(journal, clock, mode, done_before_the_failure, current,
                                                          new, opens_with):
    if mode in ("change", "remove"):
        encrypt(journal, OLD, clock)
    if done_before_the_failure:
        encrypt(journal, new, clock) if mode == "protect" else change_passphrase(journal, OLD, new)
    svc = _open_as_it_is(journal, clock, current, new)
    try:
        assert svc.passphrase == opens_with
        assert svc.entries.latest_pain().score == 4
    finally:
        svc.close()


def test_a_key_that_fits_neither_is_said_as_a_wrong_passphrase(journal, clock):
    encrypt(journal, "a third passphrase here", clock)
    with pytest.raises(WrongPassphrase):
        _open_as_it_is(journal, clock, OLD, NEW)


def test_copies_left_as_they_were_are_named_and_none_says_nothing():
    assert Converted(rows={}).left_words() == ""
    words = Converted(rows={}, left=[Path("/b/journal-damaged.db"), Path("/b/backups/2026-12-01.db")]).left_words()
    assert "could not be read and were left as they were" in words
    assert "/b/journal-damaged.db, /b/backups/2026-12-01.db" in words
