"""The person's language: gettext catalogues (data/locale, built with Babel), the current language, and locale formats."""
from __future__ import annotations

import gettext as _gettext
import locale
import os

from .resources import resource_dir

DOMAIN = "spasmlog"
LANGUAGES = ("en", "de")  # English is the source language: its "catalogue" is the text itself
_current = {"code": "en", "catalogue": _gettext.NullTranslations()}
_loaded: dict[str, _gettext.NullTranslations] = {}


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


def set_language(code: str) -> None:
    """Switch every later _() to `code`; a catalogue is read the first time its language is chosen."""
    if code not in LANGUAGES:
        raise ValueError(f"language {code!r}")
    if code not in _loaded:
        _loaded[code] = (_gettext.NullTranslations() if code == "en" else
                         _gettext.translation(DOMAIN, str(locale_dir()), languages=[code]))
    _current["code"], _current["catalogue"] = code, _loaded[code]


def language() -> str:
    return _current["code"]


def _(message: str) -> str:
    """`message` (English) in the current language."""
    return _current["catalogue"].gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current["catalogue"].ngettext(singular, plural, n)


def in_sentence(word: str) -> str:
    """A label inside a sentence: 'ice' in English, but German nouns keep their capital ('Eis')."""
    return word if _current["code"] == "de" else word.lower()


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined; _() translates it where it is shown."""
    return message


def format_date(value, form: str = "medium") -> str:
    """A date in the current language's way (Babel, loaded on first use): 'Wed 2 Dec 2026' / 'Mi., 2. Dez. 2026'."""
    from babel.dates import format_date as babel_date
    return babel_date(value, format=form, locale=_current["code"])


def format_datetime_pattern(value, pattern: str, english: str | None = None) -> str:
    """A date/time with a CLDR pattern in the current language ('EEE d MMM' → 'Mi. 2 Dez.'); in English with the
    strftime `english` when given, so English start-up never loads Babel (about 0.1 s)."""
    if english is not None and _current["code"] == "en":
        return value.strftime(english)
    from babel.dates import format_datetime
    return format_datetime(value, pattern, locale=_current["code"])


def format_number(value, digits: int = 1) -> str:
    """A number with the current language's decimal sign: 1.7 / 1,7."""
    from babel.numbers import format_decimal
    return format_decimal(round(value, digits), format=f"#,##0.{'#' * digits}" if digits else "#,##0",
                          locale=_current["code"])
