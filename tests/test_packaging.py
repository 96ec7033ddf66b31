"""The wheel: built from a clean clone, installed into a fresh virtualenv, the app and the CLI run from any folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

GENERIC = {"app", "kv", "data", "assets", "tests", "benchmarks", "main"}


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_sub_package_of_app_is_listed_for_the_wheel():
    listed = set(_setuptools_config()["packages"])
    found = {"spasmlog" + ("." + ".".join(p.parent.relative_to(ROOT / "app").parts) if p.parent != ROOT / "app" else "")
             for p in (ROOT / "app").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_bundled_file_is_covered_by_package_data():
    patterns = _setuptools_config()["package-data"]
    for folder in ("kv", "data", "assets"):
        globs = patterns[f"spasmlog.{folder}"]
        for f in (ROOT / folder).rglob("*"):
            # scripts that make an asset ship as modules anyway; .po/.pot are the sources of the shipped .mo
            if f.is_file() and f.suffix not in (".py", ".pyc", ".po", ".pot"):
                assert any(f.match(g) for g in globs), f"{folder}/{f.relative_to(ROOT / folder)} would be left out of the wheel"


def _run(args, cwd, env, timeout=300):
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A clean clone built into a wheel and installed (not editable) into a fresh virtualenv.

    The virtualenv sees this interpreter's site-packages (kivy, matplotlib… stay offline) through a plain
    path file, so no other .pth there runs: in particular not an editable install of the checkout.
    """
    tmp = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1", "HOME": str(tmp / "home"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    env.pop("SPASMLOG_DB", None)
    _run(["git", "clone", "-q", str(ROOT), str(tmp / "clone")], tmp, env)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"),
          str(tmp / "clone")], tmp, env)
    (wheel,) = (tmp / "dist").glob("spasmlog-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp, env)
    python = venv / "bin" / "python"
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        tmp, env).stdout.strip())
    outer = [p for p in sys.path if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()]
    (purelib / "_outer_site.pth").write_text("\n".join(outer) + "\n")
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", str(wheel)],
         tmp, env)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return {"wheel": wheel, "venv": venv, "python": python, "purelib": purelib, "cwd": elsewhere, "env": env}


def test_the_wheel_holds_only_the_spasmlog_package_with_its_kv_data_and_assets(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"spasmlog"}
    for needed in ("spasmlog/kv/app.kv", "spasmlog/kv/today.kv", "spasmlog/data/guidance.toml",
                   "spasmlog/data/locale/de/LC_MESSAGES/spasmlog.mo",
                   "spasmlog/assets/alarm.wav", "spasmlog/cli/main.py", "spasmlog/ui/screens/today.py"):
        assert needed in names
    assert not GENERIC & {p.name for p in installed["purelib"].iterdir()}


def test_no_generic_name_is_importable_from_another_folder(installed):
    probe = ("import importlib.util, json, spasmlog; "
             "print(json.dumps([spasmlog.__file__, [n for n in ('app', 'kv', 'data') if importlib.util.find_spec(n)]]))")
    where, generic = json.loads(_run([str(installed["python"]), "-c", probe], installed["cwd"], installed["env"]).stdout)
    assert Path(where).is_relative_to(installed["purelib"])
    assert generic == []


def test_the_installed_cli_runs_demo_status_and_export_from_another_folder(installed):
    cli = str(installed["venv"] / "bin" / "spasmlog-cli")
    cwd, env = installed["cwd"], installed["env"]
    _run([cli, "demo", "--db", "j.db", "--days", "20", "--seed", "3"], cwd, env)
    status = json.loads(_run([cli, "status", "--db", "j.db", "--json"], cwd, env).stdout)
    assert {"episode", "session", "ice", "heat", "flags", "reminders"} <= set(status)
    _run([cli, "export", "--db", "j.db", "--out", "report"], cwd, env)
    assert list((cwd / "report").glob("*_report.pdf"))
    assert list((cwd / "report").glob("*.csv"))


def test_the_installed_app_draws_its_first_frame_from_another_folder(installed):
    proc = _run([str(installed["venv"] / "bin" / "spasmlog"), "--demo", "--exit-after-first-frame"],
                installed["cwd"], installed["env"], timeout=180)
    assert "Traceback" not in proc.stderr
    logs = sorted((Path(installed["env"]["HOME"]) / ".kivy" / "logs").glob("*.txt"), key=os.path.getmtime)
    log = logs[-1].read_text(errors="replace")
    assert "Start application main loop" in log and "Leaving application" in log
    assert "/spasmlog/" not in log, "an error inside SpasmLog was logged"  # Kivy's own optional-provider notes are fine
