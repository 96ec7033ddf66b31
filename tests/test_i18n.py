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
    assert inside.wait(60)  # returns as soon as the worker is inside; 60 s only if it never gets there
    heard["main"] = (i18n.language(), i18n._("Did it help?"))
    done.set()
    thread.join(60)
    assert heard == {"worker": ("de", "Hat es geholfen?"), "main": ("en", "Did it help?"), "after": "en"}


# -- Python strings a person reads: messages of the error types, the command line's output, the app's own lines ----
ERROR_TYPES = {"JournalError": 1, "RuleRefusal": 1, "DamagedJournal": 1, "SpasmLogError": 0}
# Where the CLI shows text (emit's third argument is the text line) and the app shows a line (snack's first).
SHOWN_BY = {"emit": 2, "print": 0, "write": 0, "snack": 0, "getpass": 0}
SHOWN_AS = {"message", "intro", "screen_title", "warning", "title", "text", "status"}  # `x.message = "…"` in app/ui
# The doctor report's own words (page text, charts, FHIR) are checked by tests/test_report_german.py; their refusals
# (a bad period, format or password) are checked here like every other.
REPORT_FILES: set[str] = set()
WORDS = re.compile(r"[A-Za-z]{2,}")


# Lines that are no one's language: the product's name; and the app launcher's --size, refused before any journal
# (so any language) is known.
NOT_WORDS = {"SpasmLog"}
ALLOWED = {"app/launch.py:27"}


def _words(text: str) -> bool:
    """Whether text has words once Kivy markup ([b], [font=…]) is taken out."""
    return text not in NOT_WORDS and bool(WORDS.search(re.sub(r"\[[^\]]*\]", "", text)))


def _bare(node) -> bool:
    """Words that reach a person without _(): a str literal or f-string with words outside its {fields}, also inside
    a + or a conditional; an _(…) / N_(…) / ngettext(…) call (or .format on one) is translated."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _words(node.value)
    if isinstance(node, ast.JoinedStr):
        return _words("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values).replace("{}", " "))
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.IfExp):
        return _bare(node.body) or _bare(node.orelse)
    if isinstance(node, (ast.Tuple, ast.List)):
        return any(_bare(e) for e in node.elts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return any(_bare(a) for a in node.args)
    return False


def _shown_strings(tree):
    """(line, node) for every argument or assignment that puts words in front of the person."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            index = ERROR_TYPES.get(name, SHOWN_BY.get(name))
            if index is not None and len(node.args) > index:
                yield node.lineno, node.args[index]
            for kw in node.keywords:
                if kw.arg in ("plain", "message", "title", "text", "primary_text", "secondary_text") and name:
                    yield node.lineno, kw.value
            if isinstance(func, ast.Attribute) and func.attr == "__init__" and node.args:  # the error types' own words
                yield node.lineno, node.args[0]
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr in SHOWN_AS for t in node.targets):
            yield node.lineno, node.value


def test_no_message_error_or_command_line_output_skips_translation():
    bare = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT / "app").as_posix()
        if rel in REPORT_FILES:
            continue
        for line, node in _shown_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if _bare(node) and f"app/{rel}:{line}" not in ALLOWED:
                bare.append(f"app/{rel}:{line}")
    assert not bare, "wrap these in _(…) and add German (tools/i18n.py): " + ", ".join(bare)


@pytest.mark.parametrize("source, caught", [
    ('raise JournalError("x", f"x: {v} is wrong.")', True),
    ('raise JournalError("x", "Nothing to end.")', True),
    ('raise JournalError("x", _("x: {v} is wrong.").format(v=v))', False),
    ('emit(args, {}, f"Pain {n}/10 logged.")', True),
    ('emit(args, {}, "\\n".join(f"{k}: {v}" for k, v in d))', False),
    ('emit(args, {}, _("Saved.") if ok else "Nothing saved.")', True),
    ('sys.stderr.write(error.message + "\\n")', False),
    ('self.view.message = "Wrong passphrase."', True),
    ('self.view.message = _("Wrong passphrase.")', False),
    ('super().__init__(f"Wrong passphrase for {p}.")', True),
])
def test_the_bare_string_check_tells_words_from_translated_ones(source, caught):
    assert any(_bare(node) for _, node in _shown_strings(ast.parse(source))) is caught


def test_error_words_follow_the_language():
    from app.core.errors import DiskFull, JournalBusy
    from app.core.validation import check_pain
    from app.core.errors import JournalError
    i18n.set_language("de")
    assert JournalBusy().message.startswith("Das Tagebuch ist belegt")
    assert DiskFull().plain.startswith("Ihr Datenträger ist voll")
    with pytest.raises(JournalError) as refused:
        check_pain(11)
    assert refused.value.message == "score: 11 liegt außerhalb des Bereichs; erlaubt: 0 bis 10."
    assert refused.value.plain == "11 liegt außerhalb des Bereichs; erlaubt: 0 bis 10."
    i18n.set_language("en")
    assert JournalBusy().message.startswith("The journal is busy")


def test_notification_titles_follow_the_language():
    from datetime import datetime, timezone
    from app.services.delivery import Delivery, notification_text, summarise
    at = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    i18n.set_language("de")
    assert notification_text(Delivery(at, ["move"], ["…"]), discreet=True) == ("SpasmLog-Erinnerung",
                                                                             "Öffnen Sie SpasmLog, um sie zu sehen.")
    assert Delivery(at, ["heat_may_stop"], ["…"]).title == "Wärme: 15 Minuten"
    assert summarise([Delivery(at, ["move"], ["a"]), Delivery(at, ["pain_checkin"], ["b"])])[0].title == "2 Erinnerungen"
    i18n.set_language("en")
    assert Delivery(at, ["heat_may_stop"], ["…"]).title == "Heat: 15 minutes"


def test_no_kv_choice_between_texts_skips_translation():
    """`text: "Hide" if root.reveal else "Show"`: each word of a conditional text goes through tr._() too."""
    prop = re.compile(r'^\s*(text|title|hint_text|primary_text|secondary_text|action_text|status|hint):\s*(.*\bif\b.*\belse\b.*)$')
    bare = []
    for kv in sorted((ROOT / "kv").glob("*.kv")):
        for n, line in enumerate(kv.read_text(encoding="utf-8").splitlines(), 1):
            m = prop.match(line)
            if not m:
                continue
            value = m.group(2)
            shown = [value.split(" if ", 1)[0], value.rsplit(" else ", 1)[-1]]  # not the condition's own "dose"
            if any(re.fullmatch(r'\s*"[^"]*[A-Za-z]{2}[^"]*"\s*', part) for part in shown):
                bare.append(f"{kv.name}:{n}: {line.strip()}")
    assert not bare, "wrap these in tr._(…): " + "; ".join(bare)
