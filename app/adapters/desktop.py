"""freedesktop.org entries: the login (XDG autostart) entry of the reminder agent, the app's launcher and icon."""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from ..core.resources import resource_path

PACKAGE = __package__.rpartition(".")[0]  # "app" in a checkout, "spasmlog" when installed
AGENT_ENTRY = "spasmlog-reminders.desktop"
APP_ENTRY = "spasmlog.desktop"
ICON_NAME = "spasmlog"
ICON_SIZE = 512  # assets/icon.png is 512 x 512
_PLAIN = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config").expanduser()


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share").expanduser()


def autostart_path() -> Path:
    return config_home() / "autostart" / AGENT_ENTRY


def launcher_path() -> Path:
    return data_home() / "applications" / APP_ENTRY


def installed_icon_path() -> Path:
    return data_home() / "icons" / "hicolor" / f"{ICON_SIZE}x{ICON_SIZE}" / "apps" / f"{ICON_NAME}.png"


def _exec_arg(arg: str) -> str:
    """One argument of an Exec line: quoted and escaped as the Desktop Entry spec asks, then '%' doubled."""
    if not _PLAIN.match(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def _command(module: str, args: list[str]) -> tuple[str, str | None]:
    """(Exec value, working folder or None): this Python running `module`; a checkout runs from its folder."""
    exec_line = " ".join(_exec_arg(a) for a in [sys.executable, "-m", f"{PACKAGE}{module}", *args])
    checkout = Path(__file__).resolve().parents[2] if PACKAGE == "app" else None
    return exec_line, (str(checkout) if checkout else None)


def _entry(fields: dict[str, str]) -> str:
    lines = ["[Desktop Entry]"] + [f"{k}={v}" for k, v in fields.items() if v is not None]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> Path:
    """Write in full or not at all (a half-written entry would break the menu or the login)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def agent_entry_text(journal: Path) -> str:
    exec_line, folder = _command("", ["reminders", "watch", "--db", str(journal)])
    return _entry({"Type": "Application", "Name": "SpasmLog reminders",
                   "Comment": "Tells SpasmLog's reminders while its window is closed",
                   "Exec": exec_line, "Path": folder, "Icon": str(installed_icon_path()), "Terminal": "false",
                   "NoDisplay": "true", "X-GNOME-Autostart-enabled": "true"})


def launcher_text(journal: Path | None) -> str:
    exec_line, folder = _command(".launch", ["--db", str(journal)] if journal else [])
    return _entry({"Type": "Application", "Name": "SpasmLog", "GenericName": "Back spasm diary",
                   "Comment": "Log back spasms and pain, run safe ice and heat timers, know when to see a doctor",
                   "Exec": exec_line, "Path": folder, "Icon": str(installed_icon_path()), "Terminal": "false",
                   "Categories": "Utility;", "StartupWMClass": "SpasmLog"})


def install_icon() -> Path:
    path = installed_icon_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resource_path("assets", "icon.png"), path)
    return path


def install_agent_entry(journal: Path) -> Path:
    install_icon()
    return _write(autostart_path(), agent_entry_text(journal))


def install_launcher(journal: Path | None) -> Path:
    install_icon()
    return _write(launcher_path(), launcher_text(journal))


def start_agent_now(journal: Path):
    """Start `reminders watch` in the background now, detached from this process (it outlives the app)."""
    import subprocess
    exec_argv = [sys.executable, "-m", PACKAGE, "reminders", "watch", "--db", str(journal)]
    checkout = Path(__file__).resolve().parents[2] if PACKAGE == "app" else None
    return subprocess.Popen(exec_argv, cwd=checkout, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


class LoginEntry:
    """The agent's login entry, as services.agent.set_remind_when_closed() uses it."""

    def install(self, journal: Path) -> Path:
        return install_agent_entry(journal)

    def remove(self) -> bool:
        return remove(autostart_path())

    def exists(self) -> bool:
        return autostart_path().exists()


def remove(path: Path) -> bool:
    """Remove an entry; False if it was not there."""
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False
