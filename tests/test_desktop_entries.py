"""`reminders install|uninstall|list` and `desktop install|uninstall` with temporary XDG folders."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT


@pytest.fixture
def xdg(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}


def _run(args, env, cwd=ROOT, check=True):
    full = {**os.environ, **env}
    full.pop("SPASMLOG_DB", None)
    proc = subprocess.run(args, cwd=cwd, env=full, capture_output=True, text=True, timeout=60)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def _cli(env, *args):
    return _run([sys.executable, "-m", "app", *args], env)


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def _valid(entry: Path) -> None:
    """desktop-file-validate has nothing to say (Debian: desktop-file-utils; .ci/run installs it)."""
    if not shutil.which("desktop-file-validate"):
        return
    proc = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout


def _exec_argv(value: str) -> list[str]:
    """An Exec value back to argv as the Desktop Entry spec reads it: string unescape, quoting, then %%."""
    value = value.replace("\\\\", "\\")
    args, word, quoted, i = [], None, False, 0
    while i < len(value):
        c = value[i]
        if quoted and c == "\\" and value[i + 1:i + 2] in ('"', "`", "$", "\\"):
            word, i = word + value[i + 1], i + 2
            continue
        if c == '"':
            quoted, word = not quoted, word or ""
        elif c == " " and not quoted:
            if word is not None:
                args.append(word)
            word = None
        else:
            word = (word or "") + c
        i += 1
    if word is not None:
        args.append(word)
    return [a.replace("%%", "%") for a in args]


def test_reminders_install_writes_the_login_entry_under_xdg_config_home(tmp_path, xdg):
    journal = tmp_path / "my journal $1.db"
    out = _cli(xdg, "reminders", "install", "--db", str(journal), "--json")
    entry_path = Path(xdg["XDG_CONFIG_HOME"]) / "autostart" / "spasmlog-reminders.desktop"
    assert json.loads(out.stdout) == {"installed": True, "entry": str(entry_path)}
    entry = _entry(entry_path)
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    argv = _exec_argv(entry["Exec"])
    assert argv[-4:] == ["reminders", "watch", "--db", str(journal)]
    # The login runs it from the home folder: the same command, asked to list instead of watch, works from there.
    listed = _run(argv[:-4] + ["reminders", "list", "--db", str(journal), "--json"], xdg, cwd=entry.get("Path", xdg["HOME"]))
    state = json.loads(listed.stdout)
    assert state["installed"] is True and state["remind_when_closed"] is True and state["running"] is False
    assert Path(entry["Icon"]).is_file()
    _valid(entry_path)


def test_without_xdg_config_home_the_entry_goes_to_dot_config(tmp_path, xdg):
    env = {**xdg, "XDG_CONFIG_HOME": ""}
    _cli(env, "reminders", "install", "--db", str(tmp_path / "j.db"))
    assert (Path(xdg["HOME"]) / ".config" / "autostart" / "spasmlog-reminders.desktop").is_file()


def test_reminders_uninstall_removes_the_entry_and_turns_the_agent_off(tmp_path, xdg):
    journal = tmp_path / "j.db"
    _cli(xdg, "reminders", "install", "--db", str(journal))
    out = _cli(xdg, "reminders", "uninstall", "--db", str(journal), "--json")
    assert json.loads(out.stdout) == {"installed": False, "removed": True}
    assert not (Path(xdg["XDG_CONFIG_HOME"]) / "autostart" / "spasmlog-reminders.desktop").exists()
    state = json.loads(_cli(xdg, "reminders", "list", "--db", str(journal), "--json").stdout)
    assert (state["installed"], state["remind_when_closed"]) == (False, False)
    watch = _cli(xdg, "reminders", "watch", "--db", str(journal))  # turned off: says so and ends at once
    assert "turned off" in watch.stdout
    again = _cli(xdg, "reminders", "uninstall", "--db", str(journal))
    assert "There was no login entry" in again.stdout


def test_reminders_list_shows_what_is_coming(tmp_path, xdg):
    journal = tmp_path / "j.db"
    _cli(xdg, "therapy", "start", "ice", "--barrier", "--db", str(journal))
    state = json.loads(_cli(xdg, "reminders", "list", "--db", str(journal), "--json").stdout)
    assert state["reminders"][0]["kind"] == "session_end"
    text = _cli(xdg, "reminders", "list", "--db", str(journal)).stdout
    assert text.startswith("Reminders while SpasmLog is closed: off (login entry not installed")


def test_reminders_list_of_a_missing_journal_is_bad_input(tmp_path, xdg):
    proc = _run([sys.executable, "-m", "app", "reminders", "list", "--db", str(tmp_path / "nope.db")], xdg, check=False)
    assert proc.returncode == 2 and "--db" in proc.stderr and not (tmp_path / "nope.db").exists()


def test_desktop_install_adds_a_launcher_with_the_icon(tmp_path, xdg):
    journal = tmp_path / "odd name 100%.db"
    _cli(xdg, "desktop", "install", "--db", str(journal))
    launcher = Path(xdg["XDG_DATA_HOME"]) / "applications" / "spasmlog.desktop"
    entry = _entry(launcher)
    assert entry["Name"] == "SpasmLog" and entry["Categories"] == "Utility;"
    icon = Image.open(entry["Icon"])
    assert icon.size == (512, 512) and Path(entry["Icon"]).is_relative_to(xdg["XDG_DATA_HOME"])
    argv = _exec_argv(entry["Exec"])
    assert argv[-2:] == ["--db", str(journal)]
    helped = _run(argv[:-2] + ["--help"], xdg, cwd=entry.get("Path", xdg["HOME"]))  # the launcher's program exists
    assert "--exit-after-first-frame" in helped.stdout
    _valid(launcher)
    assert "removed" in _cli(xdg, "desktop", "uninstall").stdout
    assert not launcher.exists()
