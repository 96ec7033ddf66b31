"""The person's language: gettext catalogues (data/locale, built with Babel), the current language, and locale formats."""
from __future__ import annotations

import gettext as _gettext
import locale
import os
import threading
from contextlib import contextmanager

from .resources import resource_dir

DOMAIN = "spasmlog"
LANGUAGES = ("en", "de")  # English is the source language: its "catalogue" is the text itself
_current = {"code": "en", "catalogue": _gettext.NullTranslations()}
_loaded: dict[str, _gettext.NullTranslations] = {}
_here = threading.local()  # speaking(): one thread's own language (an export on a worker thread), else _current


def _active() -> dict:
    return getattr(_here, "state", None) or _current


def locale_dir():
    return resource_dir("data") / "locale"


def system_language() -> str:
    """The system's language if SpasmLog speaks it, else English (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then locale)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGUAGES else "en"


def _catalogue(code: str) -> _gettext.NullTranslations:
    """A language's catalogue, read the first time it is chosen."""
    if code not in LANGUAGES:
        raise ValueError(f"language {code!r}")
    if code not in _loaded:
        _loaded[code] = (_gettext.NullTranslations() if code == "en" else
                         _gettext.translation(DOMAIN, str(locale_dir()), languages=[code]))
    return _loaded[code]


def set_language(code: str) -> None:
    """Switch every later _() to `code` (every thread not inside speaking())."""
    _current["catalogue"] = _catalogue(code)
    _current["code"] = code


def language() -> str:
    return _active()["code"]


@contextmanager
def speaking(code: str):
    """Everything this thread says inside is in language `code`, then as before; other threads are untouched (the
    app's screens keep their language while a worker thread writes an export)."""
    before = getattr(_here, "state", None)
    _here.state = {"code": code, "catalogue": _catalogue(code)}
    try:
        yield
    finally:
        _here.state = before


def _(message: str) -> str:
    """`message` (English) in the current language."""
    return _active()["catalogue"].gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active()["catalogue"].ngettext(singular, plural, n)


# The first words of German labels that are not nouns: inside a sentence or after a comma they lose their capital
# ("linker unterer Rücken", "ein Sturz"); a noun keeps it ("Eis", "Taubheit in Leiste oder Gesäß").
# tests/test_german_lists.py lists every German label, so a new one is sorted into one or the other.
NOT_NOUNS_DE = frozenset({"Linker", "Rechter", "Linkes", "Rechtes", "Lange", "Wiederholte", "Ein", "Eine",
                          "Etwas", "Weiß", "Plötzliche", "Stechender"})


def in_sentence(word: str) -> str:
    """A label inside a sentence: 'ice' in English; in German a noun keeps its capital ('Eis'), a label that
    begins with another word loses it ('linker unterer Rücken')."""
    if language() != "de":
        return word.lower()
    first, space, rest = word.partition(" ")
    return first.lower() + space + rest if first in NOT_NOUNS_DE else word


def listed(words) -> str:
    """Labels as a list that begins a line (or follows a colon): 'Left lower back, left buttock' /
    'Linker unterer Rücken, linkes Gesäß, Nacken': the first as it is, the others as inside a sentence."""
    words = list(words)
    return ", ".join(words[:1] + [in_sentence(w) for w in words[1:]])


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined; _() translates it where it is shown."""
    return message


def format_date(value, form: str = "medium") -> str:
    """A date in the current language's way (Babel, loaded on first use): 'Wed 2 Dec 2026' / 'Mi., 2. Dez. 2026'."""
    from babel.dates import format_date as babel_date
    return babel_date(value, format=form, locale=language())


def format_datetime_pattern(value, pattern: str, english: str | None = None) -> str:
    """A date/time with a CLDR pattern in the current language ('EEE d MMM' → 'Mi. 2 Dez.'); in English with the
    strftime `english` when given, so English start-up never loads Babel (about 0.1 s)."""
    if english is not None and language() == "en":
        return value.strftime(english)
    from babel.dates import format_datetime
    return format_datetime(value, pattern, locale=language())


def format_number(value, digits: int = 1) -> str:
    """A number with the current language's decimal sign: 1.7 / 1,7."""
    from babel.numbers import format_decimal
    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}" if digits else "#,##0",
                          locale=language())


def format_skeleton(value, skeleton: str, english: str, clock: bool = False) -> str:
    """A date in the current language's own order and words from a CLDR date skeleton ('yMMMd': '2. Dez. 2026'),
    then the 24-hour time when `clock`; in English the strftime `english`, as it always read ('2 Dec 2026'), and
    without loading Babel. An aware `value` is shown in its own offset (pass local time)."""
    if language() == "en":
        return value.strftime(english)
    from babel.dates import format_skeleton as babel_skeleton
    words = babel_skeleton(skeleton, value, locale=language())
    return f"{words} {value:%H:%M}" if clock else words


def format_fixed(value, places: int = 1) -> str:
    """A number with exactly `places` decimals and no thousands sign, in the current language: 3.0 / 3,0; 1200.
    English as f'{value:.1f}' always printed it (no Babel)."""
    if language() == "en":
        return f"{value:.{places}f}"
    from babel.numbers import format_decimal
    return format_decimal(value, format="0." + "0" * places if places else "0", locale=language())


def format_amount(value) -> str:
    """An amount as short as it goes ('400', '2.5' / '2,5'), as f'{value:g}' printed it in English."""
    if language() == "en":
        return f"{value:g}"
    from babel.numbers import format_decimal
    return format_decimal(value, format="0.###", locale=language())
