"""The second language: every visible string has a German translation, the shipped .mo matches the .po,
kv texts all go through tr._(), placeholders survive translation, and the language follows the system."""
import ast
import io
import re
import string
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo

from app.core import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalogues  # noqa: E402  (tools/i18n.py: the Babel extraction the catalogues are built with)

KV_TEXT = re.compile(r'^\s*(text|title|hint_text|primary_text|secondary_text|action_text|status|words|hint|value|question):\s*'
                     r'(f?"(?:[^"\\]|\\.)*")\s*$')


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def template():
    return catalogues.extract()


@pytest.fixture(scope="module")
def german():
    return catalogues.read("de")


def _ids(catalog):
    return {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}


def test_every_visible_string_has_a_german_translation(template, german):
    translated = _ids(german)
    missing = [mid for mid in _ids(template)
               if mid not in translated or not all(translated[mid].string if isinstance(mid, tuple)
                                                   else [translated[mid].string])]
    assert not missing, f"{len(missing)} strings without German (run python tools/i18n.py update, translate, compile): {missing[:10]}"


def test_the_shipped_mo_is_compiled_from_the_po(german):
    built = io.BytesIO()
    write_mo(built, german)
    built.seek(0)
    with open(catalogues.po_path("de").with_suffix(".mo"), "rb") as fh:
        shipped = read_mo(fh)
    def entries(catalog):
        return {str(m.id): str(m.string) for m in catalog if m.id}
    assert entries(read_mo(built)) == entries(shipped)


def test_translations_keep_every_placeholder(german):
    def fields(text):
        return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)
    for m in german:
        if not m.id or not m.string:
            continue
        pairs = zip(m.id, m.string) if isinstance(m.id, tuple) else [(m.id, m.string)]
        for en, de in pairs:
            assert fields(en) == fields(de), (en, de)


def test_no_kv_text_skips_translation():
    bare = []
    for kv in sorted((ROOT / "kv").glob("*.kv")):
        for n, line in enumerate(kv.read_text(encoding="utf-8").splitlines(), 1):
            m = KV_TEXT.match(line)
            if not m:
                continue
            words = m.group(2)
            if words.startswith("f"):  # an f-string: only its literal parts are words (not {fields} or [markup])
                words = re.sub(r"\{[^{}]*\}|\[[^\]]*\]", "", re.sub(r"\{[^{}]*\}", "", words[1:]))
            if re.search(r"[A-Za-z]{2}", ast.literal_eval(words)):
                bare.append(f"{kv.name}:{n}: {line.strip()}")
    assert not bare, "wrap these in tr._(…): " + "; ".join(bare)


def test_guidance_in_german_keeps_codes_tiers_and_numbers():
    from app.core.guidance import guidance
    english = guidance()
    i18n.set_language("de")
    german = guidance()
    flag = german["flags"]["bladder_bowel"]
    assert flag["tier"] == "emergency" and "Notaufnahme" in flag["message"]
    assert german["therapy"]["ice"]["max_minutes"] == english["therapy"]["ice"]["max_minutes"] == 10
    assert [b["name"] for b in german["pain"]["bands"]] == [b["name"] for b in english["pain"]["bands"]]
    # The doctor report follows the language too: the same flags, each said in German.
    assert list(german["report"]["flags"]) == list(english["report"]["flags"])
    assert german["report"]["flags"]["saddle_numbness"].startswith("Angegeben: Taubheitsgefühl")
    i18n.set_language("en")
    assert guidance()["flags"]["bladder_bowel"]["message"].startswith("Losing control")


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "de_DE.UTF-8"}, "de"), ({"LANGUAGE": "de:en"}, "de"), ({"LANG": "de_AT.UTF-8"}, "de"),
    ({"LANG": "fr_FR.UTF-8"}, "en"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LC_ALL": "de_CH.UTF-8", "LANG": "en_US"}, "de"),
])
def test_the_language_defaults_to_the_systems(monkeypatch, env, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.system_language() == expected


def test_dates_and_numbers_follow_the_language():
    from datetime import date
    i18n.set_language("de")
    assert i18n.format_number(1.75, 1) == "1,8"
    assert i18n.format_datetime_pattern(date(2026, 12, 2), "EEE d MMM y") == "Mi. 2 Dez. 2026"
    i18n.set_language("en")
    assert i18n.format_number(1.75, 1) == "1.8"
    assert i18n.format_datetime_pattern(date(2026, 12, 2), "EEE d MMM y") == "Wed 2 Dec 2026"


def test_an_unknown_language_is_refused_by_settings(svc):
    from app.core.errors import JournalError
    with pytest.raises(JournalError, match="allowed: en, de"):
        svc.settings.set("language", "fr")
    assert svc.settings.set("language", "de") == "de"


def test_speaking_changes_only_this_threads_language():
    """An export on a worker thread speaks the setting's language; the screens on the main thread keep theirs."""
    import threading
    inside, done, heard = threading.Event(), threading.Event(), {}

    def worker():
        with i18n.speaking("de"):
            inside.set()
            done.wait(5)
            heard["worker"] = (i18n.language(), i18n._("Did it help?"))
        heard["after"] = i18n.language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    heard["main"] = (i18n.language(), i18n._("Did it help?"))
    done.set()
    thread.join(5)
    assert heard == {"worker": ("de", "Hat es geholfen?"), "main": ("en", "Did it help?"), "after": "en"}
