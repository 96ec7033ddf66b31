"""Loads the bundled kv files, once each, with their `#:import … app.…` lines pointed at this package's real name.

The one way kv is loaded: a screen's module and kv/<screen>.kv together on its first visit (SpasmLogApp.screen);
a shared widget module (widgets, pickers, entry_editor, countdown, alarm) loads its own kv when imported;
app.kv is the root, built by SpasmLogApp.build.
"""
from __future__ import annotations

import re

from kivy.lang import Builder

from ..core.resources import resource_path

# The kv files import Python modules by absolute name (`#:import theme app.ui.theme`): `app` in a checkout,
# `spasmlog` when installed from a wheel (pyproject.toml maps app/ to spasmlog/).
_PACKAGE = __package__.rpartition(".")[0]
_IMPORT = re.compile(r"^(#:import\s+\S+\s+)app\.", re.MULTILINE)


def kv_text(name: str) -> str:
    """kv/<name>.kv as Kivy should read it from this package."""
    text = resource_path("kv", f"{name}.kv").read_text(encoding="utf-8")
    return text if _PACKAGE == "app" else _IMPORT.sub(rf"\g<1>{_PACKAGE}.", text)


def load_kv(name: str):
    """Load kv/<name>.kv once; returns its root widget when it has one (app.kv), else None."""
    path = str(resource_path("kv", f"{name}.kv"))
    if path in Builder.files:
        return None
    return Builder.load_string(kv_text(name), filename=path)
