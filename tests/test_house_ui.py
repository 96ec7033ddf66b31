"""House rules for the UI and its tests: widgets are handed what they need (no global app lookup); UI scenarios
wait on conditions, a handful of fixed waits at most."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SCENARIOS = sorted((ROOT / "tests" / "ui").glob("scenarios*.py"))
HANDFUL = 5  # fixed waits allowed in all the UI scenarios together, each with a `# fixed wait:` reason
REASON = "# fixed wait:"


def _number(node) -> bool:
    """A literal number of seconds, or a choice between literal numbers (`2.5 if x else 0.6`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.IfExp):
        return _number(node.body) or _number(node.orelse)
    return False


def fixed_waits(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every fixed wait in a scenario file: `yield 0.3` (the harness waits that long) or a sleep."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        sleep = (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))
                 and getattr(node.func, "attr", getattr(node.func, "id", "")) == "sleep")
        if (isinstance(node, ast.Yield) and node.value is not None and _number(node.value)) or sleep:
            found.append((node.lineno, lines[node.lineno - 1].strip()))
    return found


def test_the_scenario_files_are_found():
    assert len(SCENARIOS) >= 9, SCENARIOS


def test_ui_scenarios_wait_on_conditions_with_a_handful_of_fixed_waits_at_most():
    waits = [(path.name, line, text) for path in SCENARIOS for line, text in fixed_waits(path)]
    listing = "\n".join(f"  {name}:{line}: {text}" for name, line, text in waits)
    assert len(waits) <= HANDFUL, (
        f"{len(waits)} fixed waits in the UI scenarios (at most {HANDFUL}); wait on a condition instead "
        f"(tests/ui/harness.py: wait_for, settled, screen_shown, Driver.show):\n{listing}")


def test_each_fixed_wait_in_a_ui_scenario_says_why():
    unexplained = [f"{path.name}:{line}: {text}" for path in SCENARIOS for line, text in fixed_waits(path)
                   if REASON not in text]
    assert not unexplained, f"a fixed wait needs a `{REASON} <reason>` comment on its line:\n" + "\n".join(unexplained)


def test_the_fixed_wait_finder_finds_what_it_should(tmp_path):
    sample = tmp_path / "scenarios_sample.py"
    sample.write_text("def s(d):\n"
                      "    yield 0.3\n"
                      "    yield 2.5 if d else 0.6\n"
                      "    yield 0  # fixed wait: one frame\n"
                      "    time.sleep(1)\n"
                      "    yield from wait_for(lambda: d, 10, 'd')\n"
                      "    yield hold\n", encoding="utf-8")
    assert [line for line, _ in fixed_waits(sample)] == [2, 3, 4, 5]


# The App builds every screen and hands itself in (SpasmLogApp.screen: `Screen(name=..., app=self)`); a screen hands
# its widgets what they need (kv `screen: root`, `clock: root.now`, fill_banners(box, app, ...), LockView(locker=...),
# open_dialog(app, ...)). A global lookup of the running app would hide that wiring, so none outside the App itself.
APP_LOOKUP_ALLOWED = {"app/ui/app.py"}


def test_no_module_looks_up_the_running_app_outside_the_app_itself():
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in APP_LOOKUP_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "get_running_app" in line:
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, ("hand the widget what it needs (a property set by its screen or kv, or a callback) instead of "
                       "App.get_running_app():\n" + "\n".join(found))
