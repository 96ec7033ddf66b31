"""One-off helper: wraps the visible string literals of kv files in tr._() (idempotent; run after a rebase)."""
import re
import sys
from pathlib import Path

KEYS = r"(text|title|hint_text|primary_text|secondary_text|action_text|status|words|hint|value|question)"
WHOLE = re.compile(r'^(\s*' + KEYS + r':\s*)("(?:[^"\\]|\\.)*")\s*$')
IMPORT = "#:import tr app.ui.i18n.tr\n"


def wrap(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        m = WHOLE.match(line.rstrip("\n"))
        if m and re.search(r"[A-Za-z]{2}", m.group(3)):
            line = f"{m.group(1)}tr._({m.group(3)})\n"
        out.append(line)
    text = "".join(out)
    if "tr._(" in text and IMPORT not in text:
        first = text.index("\n") + 1
        text = text[:first] + IMPORT + text[first:]
    return text


for path in sys.argv[1:]:
    p = Path(path)
    p.write_text(wrap(p.read_text(encoding="utf-8")), encoding="utf-8")
