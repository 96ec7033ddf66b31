"""Dependency direction: the import-linter contracts hold, no import cycles, and core/store/services import without kivy."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

UI_AND_PLOTS = {"kivy", "plyer", "matplotlib"}

# Runs in a fresh interpreter: a meta-path finder refuses the blocked packages before anything is imported.
_PROBE = textwrap.dedent("""
    import importlib, importlib.abc, json, pkgutil, sys

    BLOCKED = {blocked!r}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked in this test: {{name}}")
            return None

    sys.meta_path.insert(0, Block())
    imported, failed = [], {{}}
    for package in {packages!r}:
        pkg = importlib.import_module(package)
        imported.append(package)
        for info in pkgutil.walk_packages(pkg.__path__, package + "."):
            try:
                importlib.import_module(info.name)
                imported.append(info.name)
            except Exception as exc:
                failed[info.name] = f"{{type(exc).__name__}}: {{exc}}"
    {after}
    loaded = sorted({{m.split(".")[0] for m in sys.modules}})
    print(json.dumps({{"imported": imported, "failed": failed, "loaded": loaded}}))
""")

_USE_SERVICES = textwrap.dedent("""
    from datetime import datetime, timezone
    from app.services import open_spasmlog
    from app.services.status import status_json
    now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    svc = open_spasmlog(None, lambda: now)
    svc.fill_demo(30)
    svc.entries.log_pain(4)
    json.dumps(status_json(svc.status()))
    svc.close()
""").replace("\n", "\n    ")


def _probe(packages, blocked, after="") -> dict:
    code = _PROBE.format(packages=list(packages), blocked=set(blocked), after=after)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"KIVY_NO_ARGS": "1", "PATH": "/usr/bin:/bin", "HOME": str(ROOT / ".no-home")},
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_core_store_services_import_with_kivy_plyer_and_matplotlib_blocked():
    found = _probe(["app.core", "app.store", "app.services"], {"kivy", "plyer", "matplotlib"})
    assert found["failed"] == {}, found["failed"]
    assert not UI_AND_PLOTS & set(found["loaded"])
    for name in ("app.core.validation", "app.store.journal", "app.store.repository", "app.services.entries",
                 "app.services.status", "app.services.demo", "app.services.spasmlog"):
        assert name in found["imported"]
    # Every module file under the three packages was reached (none skipped by the walk).
    files = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
             for pkg in ("core", "store", "services") for p in (ROOT / "app" / pkg).glob("*.py")}
    files = {f[: -len(".__init__")] if f.endswith(".__init__") else f for f in files}
    assert files <= set(found["imported"])


def test_the_services_work_with_kivy_and_plyer_blocked():
    """Not just importing: opening a journal, demo data, logging and status need no UI packages."""
    found = _probe(["app.services"], {"kivy", "plyer", "matplotlib"}, after=_USE_SERVICES)
    assert found["failed"] == {}, found["failed"]
    assert not UI_AND_PLOTS & set(found["loaded"])


def test_report_module_imports_matplotlib_only_lazily():
    found = _probe(["app.services"], {"kivy", "plyer"})
    assert found["failed"] == {}
    if (ROOT / "app" / "services" / "report.py").exists():
        assert "app.services.report" in found["imported"]
    assert "matplotlib" not in found["loaded"] and "reportlab" not in found["loaded"]


def test_core_is_pure_python_without_sqlite():
    blocked = {"kivy", "plyer", "matplotlib", "sqlite3", "sqlite_utils", "_sqlite3"}
    found = _probe(["app.core"], blocked)
    assert found["failed"] == {}, found["failed"]
    assert not blocked & set(found["loaded"])


def test_the_block_really_blocks():
    """Control: the UI package cannot be imported under the same block, so the tests above are not vacuous."""
    code = _PROBE.format(packages=["app.ui"], blocked={"kivy"}, after="")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"KIVY_NO_ARGS": "1", "PATH": "/usr/bin:/bin"}, timeout=120)
    assert "blocked in this test: kivy" in proc.stdout + proc.stderr


def test_the_import_linter_contracts_are_kept():
    """pyproject.toml's [tool.importlinter] layers: ui, cli -> adapters -> services -> store -> core."""
    lint_imports = "from importlinter.cli import lint_imports_command; lint_imports_command()"  # the lint-imports script
    proc = subprocess.run([sys.executable, "-c", lint_imports, "--no-cache"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_no_modules_import_each_other_not_even_inside_functions():
    """No import cycle of any length between app's modules (grimp reads imports inside functions too)."""
    import grimp
    graph = grimp.build_graph("app", cache_dir=None)
    cycles = [(a, b) for a in sorted(graph.modules) for b in sorted(graph.modules)
              if a < b and graph.chain_exists(importer=a, imported=b) and graph.chain_exists(importer=b, imported=a)]
    assert cycles == []


def test_the_fronts_use_the_services_never_their_repository_or_connection():
    """`_repo` and `_db` are the services' own: no screen, CLI command or launcher reaches through `svc` to the store."""
    import ast
    fronts = [*(ROOT / "app" / "ui").rglob("*.py"), *(ROOT / "app" / "cli").rglob("*.py"),
              ROOT / "app" / "launch.py", ROOT / "main.py"]
    found = []
    for path in fronts:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"repo", "db", "conn", "_repo", "_db"}:
                owner = node.value
                if (isinstance(owner, ast.Name) and owner.id == "svc") or \
                        (isinstance(owner, ast.Attribute) and owner.attr == "svc"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert found == []


def test_the_services_hold_the_store_privately(mem):
    """No public way from the services to the repository or the connection (ui/cli get methods, not the store)."""
    for holder in (mem, mem.entries, mem.flags, mem.therapy, mem.reminders, mem.settings, mem.relief, mem.backups):
        assert not hasattr(holder, "repo") and not hasattr(holder, "db"), holder
