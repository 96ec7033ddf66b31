"""Where the bundled files (kv/, data/, assets/) are: inside the installed package, or beside app/ in a checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

# Installed from a wheel, setuptools maps the checkout's app/ to the package `spasmlog` and kv/, data/,
# assets/ to its sub-folders (pyproject.toml, [tool.setuptools] package-dir); a checkout keeps them beside app/.
FOLDERS = ("kv", "data", "assets")
_PACKAGE = __package__.rpartition(".")[0]  # "app" in a checkout, "spasmlog" when installed


def resource_dir(folder: str) -> Path:
    """The folder `folder` (one of FOLDERS) as a real path on disk (Kivy and sqlite need file names)."""
    if folder not in FOLDERS:
        raise ValueError(f"unknown resource folder {folder!r}; one of {', '.join(FOLDERS)}")
    inside = resources.files(_PACKAGE) / folder
    if inside.is_dir():
        return Path(str(inside))
    return Path(__file__).resolve().parents[2] / folder


def resource_path(folder: str, name: str) -> Path:
    """One bundled file, e.g. resource_path("kv", "app.kv")."""
    return resource_dir(folder) / name
