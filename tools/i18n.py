"""The translation catalogues, built with Babel: python tools/i18n.py [extract|update|compile|all].

extract: every visible string (Python _()/N_()/ngettext, kv tr._(), the guidance texts) into data/locale/spasmlog.pot;
update: merge it into each language's .po (new strings arrive untranslated, gone ones are dropped);
compile: write each .mo next to its .po (the .mo files are committed, so a fresh clone and the wheel have them).
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LOCALE = ROOT / "data" / "locale"
DOMAIN = "spasmlog"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
KV_CALL = re.compile(r'tr\._\(\s*("(?:[^"\\]|\\.)*")\s*\)')


def extract() -> Catalog:
    """Every string the person sees, with where it comes from."""
    from app.core.guidance import shown_strings
    catalog = Catalog(project="SpasmLog", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, _ctx in extract_from_dir(
            str(ROOT / "app"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)):
        catalog.add(message, locations=[(f"app/{filename}", lineno)], auto_comments=comments)
    for kv in sorted((ROOT / "kv").glob("*.kv")):
        for lineno, line in enumerate(kv.read_text(encoding="utf-8").splitlines(), 1):
            for literal in KV_CALL.findall(line):
                catalog.add(ast.literal_eval(literal), locations=[(f"kv/{kv.name}", lineno)])
    for text in shown_strings():
        catalog.add(text, locations=[("data/guidance.toml", 0)])
    return catalog


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str) -> Catalog:
    with open(po_path(code), "rb") as fh:
        return read_po(fh, locale=code, domain=DOMAIN)


def write_pot(template: Catalog) -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / f"{DOMAIN}.pot", "wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, width=120)


def update(template: Catalog) -> None:
    for code in languages():
        catalog = read(code)
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with open(po_path(code), "wb") as fh:
            write_po(fh, catalog, sort_output=True, width=120)


def compile_all() -> None:
    for code in languages():
        catalog = read(code)
        with open(po_path(code).with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)


def main(argv: list[str]) -> int:
    step = argv[0] if argv else "all"
    if step in ("extract", "update", "all"):
        template = extract()
        write_pot(template)
        if step != "extract":
            update(template)
    if step in ("compile", "all"):
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
