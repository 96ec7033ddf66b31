"""`settings [KEY [VALUE]]` on the command line: show, change, and refuse bad keys or values."""
import pytest


def test_theme_and_text_size_are_saved_and_shown(cli, tmp_path):
    db = tmp_path / "j.db"
    assert cli("settings", "theme", "light", db=db).code == 0
    assert cli("settings", "text_size", "150", db=db).code == 0
    shown = cli("settings", "--json", db=db).json()
    assert (shown["theme"], shown["text_size"]) == ("light", "150")
    assert cli("settings", "theme", db=db).out.strip() == "light"


def test_the_defaults_are_the_dark_theme_at_100_percent(cli, tmp_path):
    db = tmp_path / "j.db"
    cli("settings", "sounds", "on", db=db)
    shown = cli("settings", "--json", db=db).json()
    assert shown["theme"] == "dark" and shown["text_size"] == "100"


@pytest.mark.parametrize("key, value, words", [
    ("theme", "sepia", "allowed: dark, light"),
    ("text_size", "200", "allowed: 100, 125, 150"),
    ("colour", "red", "unknown 'colour'"),
])
def test_a_bad_setting_exits_2_naming_what_is_allowed(cli, tmp_path, key, value, words):
    db = tmp_path / "j.db"
    result = cli("settings", key, value, db=db)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err
