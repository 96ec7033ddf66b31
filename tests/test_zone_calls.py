"""Every time a person sees or types is in the zone the clock carries: outside app/core/timeutil.py no call formats,
converts or reads a time in the machine's zone by leaving the zone out (a bare to_local(x), hhmm(x), astimezone(),
date.today(), ...). A call that must stay is allow-listed below with its reason."""
from __future__ import annotations

import ast

from tests.conftest import ROOT

# name: how many positional arguments make the zone given (it can also be passed as zone=/tz=)
ZONED = {"to_local": 2, "iso_local": 2, "hhmm": 2, "day_hhmm": 2, "hhmm_from": 3, "local_midnight_of": 2,
         "local_datetime": 3, "local_midnight": 2, "parse_time": 3}
ZONE_KEYWORDS = {"zone", "tz", "tzinfo"}

# (file, the call as written): why it may read the machine's zone. Keep this short; each entry needs a reason.
ALLOWED: dict[tuple[str, str], str] = {}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _zone_left_out(call: ast.Call) -> bool:
    name = _name(call.func)
    keywords = {k.arg for k in call.keywords}
    if keywords & ZONE_KEYWORDS:
        return False
    if name in ZONED and isinstance(call.func, ast.Name):
        return len(call.args) < ZONED[name] and not any(isinstance(a, ast.Starred) for a in call.args)
    if name == "astimezone":
        return not call.args
    if name in ("now", "fromtimestamp") and isinstance(call.func, ast.Attribute) and _name(call.func.value) == "datetime":
        return len(call.args) < (1 if name == "now" else 2)
    if name == "today" and isinstance(call.func, ast.Attribute) and _name(call.func.value) in ("date", "datetime"):
        return True
    return False


def zone_left_out() -> list[tuple[str, int, str]]:
    """(file, line, call) of every call outside timeutil.py that would fall back to the machine's zone."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "app/core/timeutil.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _zone_left_out(node):
                found.append((rel, node.lineno, ast.unparse(node)))
    return found


def test_no_time_is_shown_or_read_in_the_machines_zone_by_leaving_the_zone_out():
    bad = [f"{f}:{line}: {call}" for f, line, call in zone_left_out() if (f, call) not in ALLOWED]
    assert not bad, "pass the clock's zone (svc.zone, zone_of(clock)) to:\n" + "\n".join(bad)


def test_every_allowed_call_still_exists_and_has_a_reason():
    present = {(f, call) for f, _, call in zone_left_out()}
    assert all(ALLOWED.values())
    assert not set(ALLOWED) - present, f"no longer in the code, remove from ALLOWED: {set(ALLOWED) - present}"


# (file, function): why its zone parameter may default to None. A None zone elsewhere would silently be the machine's.
OPTIONAL_ZONE: dict[tuple[str, str], str] = {
    ("app/services/reminders.py", "__init__"): "tz None: the clock's zone (zone_of(clock)); tests pin another",
    ("app/services/demo.py", "generate"): "the app passes svc.zone (SpasmLog.fill_demo); tests' journals use their pinned zone",
    ("app/services/demo.py", "__init__"): "_History of generate(), above",
}


def zone_parameters_defaulting_to_none() -> list[tuple[str, str]]:
    """(file, function) of every function outside timeutil.py with a zone/tz parameter whose default is None."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "app/core/timeutil.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                a = node.args
                positional = a.posonlyargs + a.args
                pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults)) + list(
                    zip(a.kwonlyargs, a.kw_defaults))
                if any(arg.arg in ZONE_KEYWORDS and isinstance(d, ast.Constant) and d.value is None for arg, d in pairs):
                    found.append((rel, node.name))
    return found


def test_no_function_quietly_falls_back_to_the_machines_zone():
    bad = [f"{f}: {name}" for f, name in zone_parameters_defaulting_to_none() if (f, name) not in OPTIONAL_ZONE]
    assert not bad, "make the zone a required parameter (callers pass svc.zone):\n" + "\n".join(bad)
    assert all(OPTIONAL_ZONE.values()) and set(OPTIONAL_ZONE) <= set(zone_parameters_defaulting_to_none())


def test_the_check_finds_each_way_of_leaving_the_zone_out():
    calls = ["to_local(x)", "hhmm(x)", "iso_local(x)", "hhmm_from(a, b)", "x.astimezone()", "date.today()",
             "datetime.now()", "datetime.fromtimestamp(t)", "parse_time(t, 'f')", "local_datetime(d)"]
    fine = ["to_local(x, z)", "hhmm(x, zone=z)", "x.astimezone(timezone.utc)", "datetime.now(timezone.utc)",
            "datetime.fromtimestamp(t, timezone.utc)", "parse_time(t, 'f', z)", "local_datetime(d, zone=z)"]
    assert all(_zone_left_out(ast.parse(c).body[0].value) for c in calls)
    assert not any(_zone_left_out(ast.parse(c).body[0].value) for c in fine)
