"""Where the journal lives by default: Kivy's user_data_dir for the app, computed without importing Kivy."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "spasmlog"


def user_data_dir() -> Path:
    """The same folder Kivy's App.user_data_dir gives for an app named 'spasmlog' (desktop platforms)."""
    if "ANDROID_ARGUMENT" in os.environ:  # python-for-android: the app's private files folder
        from .android import files_dir
        return files_dir()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")).expanduser() / APP_NAME


def default_journal_path() -> Path:
    """SPASMLOG_DB if set, else journal.db in the user data folder."""
    env = os.environ.get("SPASMLOG_DB")
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "journal.db"
