"""An encrypted journal's text size, theme and language beside it, for the lock view: only those three, kept up to
date by the app and every command run with the passphrase, gone with decrypt; the journal stays the source of truth."""
from __future__ import annotations

import json
import stat

import pytest

from app.cli.main import main
from app.services import open_spasmlog
from app.services.display_prefs import display_path, language_of, read_display
from app.services.privacy import decrypt, encrypt

PASS = "correct horse battery"


@pytest.fixture
def encrypted(journal_path, monkeypatch):
    """An encrypted journal at 150 %, light, in German."""
    monkeypatch.delenv("SPASMLOG_PASSPHRASE", raising=False)
    svc = open_spasmlog(journal_path)
    for key, value in (("theme", "light"), ("text_size", "150"), ("language", "de")):
        svc.settings.set(key, value)
    svc.entries.log_pain(6, note="a private note")
    svc.close()
    encrypt(journal_path, PASS)
    return journal_path


def test_encrypt_leaves_only_the_three_display_choices_beside_the_journal_owner_only(encrypted):
    path = display_path(encrypted)
    assert path.name == ".journal.db.display.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"theme": "light", "text_size": "150", "language": "de"}
    assert "private" not in path.read_text() and "6" not in path.read_text()


def test_the_language_before_the_passphrase_comes_from_beside_the_journal(encrypted, capsys):
    assert language_of(encrypted) == "de"
    assert main(["status", "--db", str(encrypted)]) == 2  # no passphrase: refused, in the person's language
    assert "Passphrase" in capsys.readouterr().err


def test_a_command_run_with_the_passphrase_keeps_the_file_up_to_date(encrypted, monkeypatch, capsys):
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", PASS)
    assert main(["settings", "text_size", "125", "--db", str(encrypted)]) == 0
    assert main(["settings", "theme", "dark", "--db", str(encrypted)]) == 0
    assert read_display(encrypted) == {"theme": "dark", "text_size": "125", "language": "de"}


@pytest.mark.parametrize("content", ['{"theme": "neon", "text_size": "900", "language": "xx"}', "not json", "[1, 2]", ""])
def test_a_damaged_or_foreign_file_is_ignored_value_by_value(encrypted, content):
    display_path(encrypted).write_text(content)
    assert read_display(encrypted) == {}
    display_path(encrypted).write_text('{"theme": "light", "text_size": "900"}')
    assert read_display(encrypted) == {"theme": "light"}


def test_decrypt_removes_the_file_and_a_plain_journal_never_gets_one(encrypted, tmp_path):
    decrypt(encrypted, PASS)
    assert not display_path(encrypted).exists()
    assert language_of(encrypted) == "de"  # read from the plain journal itself again
    plain = tmp_path / "plain.db"
    assert main(["settings", "theme", "light", "--db", str(plain)]) == 0
    assert not display_path(plain).exists()
