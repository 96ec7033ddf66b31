"""What a journal file says about its schema, read through sqlite-utils' public Migrations API."""
from __future__ import annotations

from sqlite_utils import Database

from app.store.schema import migration_set


def applied(path) -> list[tuple[str, str]]:
    """(name, applied_at) of each SpasmLog migration the journal at `path` has had, in order."""
    db = Database(path, execute_plugins=False)
    try:
        return [(m.name, m.applied_at) for m in migration_set().applied(db)]
    finally:
        db.close()


def version(path) -> tuple[int, list[str]]:
    """The journal's user_version and the names of its applied migrations."""
    db = Database(path, execute_plugins=False)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0], [m.name for m in migration_set().applied(db)]
    finally:
        db.close()
