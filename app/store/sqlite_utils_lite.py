"""Imports sqlite-utils, for migrations only, without its optional numpy/pandas type support.

An up-to-date journal opens without sqlite-utils at all (app/store/connection.py); a migration (new
file, older schema, restored backup) still needs it, and that should not also cost numpy (≈0.17 s):
sqlite-utils imports numpy only to convert numpy values on insert, which the journal never stores.
numpy stays importable afterwards (matplotlib needs it for charts).
"""
import sys

_OPTIONAL = ("numpy", "pandas")


def sqlite_utils():
    """The sqlite_utils module, imported once with numpy and pandas hidden if not already loaded."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [name for name in _OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes `import numpy` raise ImportError, which sqlite-utils tolerates
    try:
        import sqlite_utils as module
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return module
