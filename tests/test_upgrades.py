"""Upgrades: journals written by every earlier schema version open, upgrade, and keep every row."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.services import open_spasmlog
from app.store.journal import open_journal
from app.store.schema import SCHEMA_VERSION, known_migration_names, migration_set
from tests.helpers.migrations import version as _version
from tests.fixtures.make_fixtures import T0, fixture_path

VERSIONS = list(range(1, SCHEMA_VERSION + 1))


def _rows(path: Path) -> dict[str, dict[int, dict]]:
    """Every row of every table, by rowid, read without touching the file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]
        return {t: {r["_row"]: dict(r) for r in conn.execute(f'SELECT rowid AS _row, * FROM "{t}"')} for t in tables}
    finally:
        conn.close()


def _assert_kept(old: dict, new: dict) -> None:
    """Every old table, row and column is still there with the same value (migrations may only add)."""
    for table, rows in old.items():
        assert table in new, f"table {table} lost"
        assert set(new[table]) >= set(rows), f"{table}: rows lost"
        for rowid, row in rows.items():
            assert {k: new[table][rowid].get(k, "<column lost>") for k in row} == row, (table, rowid)


def test_there_is_a_fixture_for_every_schema_version():
    missing = [v for v in VERSIONS if not fixture_path(v).exists()]
    assert not missing, f"no fixture for schema version(s) {missing}: run python tests/fixtures/make_fixtures.py"


@pytest.mark.parametrize("version", VERSIONS)
def test_fixture_is_what_that_version_wrote(version):
    path = fixture_path(version)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert _version(path) == (version, known_migration_names()[:version])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    rows = _rows(path)
    # Rows of every kind, so an upgrade has something to lose.
    for table in ("episodes", "pain_scores", "therapy_sessions", "doses", "symptom_checks", "activities",
                  "flag_acks", "profile", "settings"):
        assert rows.get(table), f"fixture v{version} has no rows in {table}"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_fixture_opens_upgrades_and_keeps_every_row(version, tmp_path):
    fixture = fixture_path(version)
    digest = hashlib.sha256(fixture.read_bytes()).hexdigest()
    copy = tmp_path / "journal.db"
    shutil.copyfile(fixture, copy)
    old = _rows(fixture)
    open_journal(copy).close()
    assert _version(copy) == (SCHEMA_VERSION, known_migration_names())
    _assert_kept(old, _rows(copy))
    # The services read every kind of entry from the upgraded journal.
    svc = open_spasmlog(copy, lambda: T0)
    try:
        for kind, table in (("episode", "episodes"), ("pain", "pain_scores"), ("therapy", "therapy_sessions"),
                            ("dose", "doses"), ("symptoms", "symptom_checks"), ("activity", "activities")):
            live = [r for r in old[table].values() if r.get("deleted_at") is None]
            assert len(svc._repo.between(kind)) == len(live), kind
        assert svc.settings.profile().age_band == "40_59"
        assert svc.settings.get("daily_checkin") == "20:30"
        assert len(svc._repo.acks()) == len(old["flag_acks"])
        assert max(len(p.note) for p in svc._repo.between("pain")) == 2000
        svc.status()
    finally:
        svc.close()
    assert hashlib.sha256(fixture.read_bytes()).hexdigest() == digest  # the fixture itself is never touched


@pytest.mark.parametrize("number", VERSIONS, ids=known_migration_names())
def test_each_migration_upgrades_the_previous_version_without_losing_a_row(number, tmp_path):
    """Migration `number` alone, on the journal the version before it wrote (0001: on an empty file)."""
    names = known_migration_names()
    path = tmp_path / "journal.db"
    if number == 1:
        path.touch()
    else:
        shutil.copyfile(fixture_path(number - 1), path)
    old = _rows(path) if number > 1 else {}
    db = Database(path)
    migration_set().apply(db, stop_before=names[number] if number < len(names) else None)
    db.execute(f"PRAGMA user_version = {number}")
    db.close()
    assert _version(path) == (number, names[:number])
    _assert_kept(old, _rows(path))
    # The schema the migration builds is the one its version's fixture was written with.
    def schema(p):
        conn = sqlite3.connect(f"file:{p}?mode=ro&immutable=1", uri=True)
        try:
            return sorted(r for r in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        finally:
            conn.close()
    assert schema(path) == schema(fixture_path(number))
