"""Numbered migrations: a journal made by the previous version upgrades without losing a row."""
from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from app.store import schema
from app.store.journal import open_journal
from app.store.schema import SCHEMA_VERSION, known_migration_names, migration_set
from tests.helpers.migrations import applied as _applied

# Every table issue 2 asks for, and the time columns the app queries by (each needs an index).
TABLES = {schema.EPISODES, schema.PAIN, schema.THERAPY, schema.DOSES, schema.SYMPTOMS, schema.ACTIVITIES,
          schema.FLAG_ACKS, schema.PROFILE, schema.SETTINGS}
TIME_INDEXES = [(schema.EPISODES, "started"), (schema.PAIN, "at"), (schema.THERAPY, "started"),
                (schema.DOSES, "at"), (schema.SYMPTOMS, "at"), (schema.ACTIVITIES, "at")]
COLUMNS = {
    schema.EPISODES: {"started", "ended", "regions", "trigger", "note"},
    schema.PAIN: {"at", "score", "note", "episode_id", "context"},
    schema.THERAPY: {"kind", "started", "planned_end", "ended", "end_reason", "barrier"},
    schema.DOSES: {"name", "med_class", "dose", "at"},
    schema.SYMPTOMS: {"at", "codes"},
    schema.ACTIVITIES: {"at", "kind", "minutes"},
    schema.FLAG_ACKS: {"code", "at"},
    schema.PROFILE: {"key", "value"},
    schema.SETTINGS: {"key", "value"},
}

# Plausible values by column name, so a row can be put into any table of an older schema.
_SAMPLE = {"started": "2026-03-01T10:00:00+00:00", "ended": "2026-03-01T12:00:00+00:00",
           "planned_end": "2026-03-01T10:10:00+00:00", "at": "2026-03-01T11:00:00+00:00",
           "score": 6, "kind": "ice", "name": "Ibuprofen", "med_class": "nsaid", "code": "fever",
           "key": "osteoporosis", "value": "no", "regions": "neck", "trigger": "lifting", "codes": "fever",
           "minutes": 20, "barrier": 1}


def _conn(path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _tables(path) -> set[str]:
    with _conn(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}


def _user_version(path) -> int:
    with _conn(path) as c:
        return c.execute("PRAGMA user_version").fetchone()[0]


def _fill_every_table(path) -> dict[str, int]:
    """One row in each entry table that exists in this (older) journal; returns row counts."""
    with _conn(path) as c:
        for table in sorted(_tables(path) & TABLES):
            cols = [r[1] for r in c.execute(f'PRAGMA table_info("{table}")') if r[1] != "id"]
            row = {col: _SAMPLE[col] for col in cols if col in _SAMPLE}
            c.execute(f'INSERT INTO "{table}" ({", ".join(row)}) VALUES ({", ".join("?" * len(row))})', list(row.values()))
    with _conn(path) as c:
        return {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(path) & TABLES}


def _journal_at_version(path, version: int) -> None:
    """A journal as the app with only the first `version` migrations left it (0: an empty file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    if version == 0:
        return
    names = known_migration_names()
    db = Database(path)
    stop = names[version] if version < len(names) else None
    migration_set().apply(db, stop_before=stop)
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


def test_schema_version_counts_the_numbered_migrations():
    names = known_migration_names()
    assert SCHEMA_VERSION == len(names) >= 1
    assert names[0] == "0001_initial"
    numbers = [int(n[:4]) for n in names]
    # Numbers are handed out per piece of work, so one may land before a lower one: unique, each a new one.
    assert len(set(numbers)) == len(numbers) and all(n >= 1 for n in numbers)


def test_an_empty_file_is_version_0_and_upgrades_to_the_latest(journal_path):
    _journal_at_version(journal_path, 0)
    assert journal_path.stat().st_size == 0
    open_journal(journal_path).close()
    assert TABLES <= _tables(journal_path)
    assert _user_version(journal_path) == SCHEMA_VERSION
    assert [n for n, _ in _applied(journal_path)] == known_migration_names()


@pytest.mark.parametrize("previous", range(1, SCHEMA_VERSION + 1))
def test_a_journal_from_the_previous_version_upgrades_without_losing_a_row(journal_path, previous):
    """Each migration: the journal as the version before it left it, with rows, then opened by this app."""
    previous -= 1  # migration number `previous + 1` is the one under test
    _journal_at_version(journal_path, previous)
    before = _fill_every_table(journal_path)
    open_journal(journal_path).close()
    with _conn(journal_path) as c:
        after = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in before}
    if previous < known_migration_names().index("0004_journal_id") + 1 and "profile" in before:
        before["profile"] += 1  # 0004 adds the journal's id
    assert after == before
    assert _user_version(journal_path) == SCHEMA_VERSION
    assert [n for n, _ in _applied(journal_path)] == known_migration_names()


def test_the_schema_has_every_table_of_the_issue_with_its_fields(svc, journal_path):
    assert TABLES <= _tables(journal_path)
    with _conn(journal_path) as c:
        for table, wanted in COLUMNS.items():
            cols = {r[1] for r in c.execute(f'PRAGMA table_info("{table}")')}
            assert wanted <= cols, table


@pytest.mark.parametrize("table, column", TIME_INDEXES)
def test_every_queried_time_column_has_an_index(svc, journal_path, table, column):
    with _conn(journal_path) as c:
        leading = [c.execute(f'PRAGMA index_info("{idx[1]}")').fetchone()[2]
                   for idx in c.execute(f'PRAGMA index_list("{table}")')]
    assert column in leading


@pytest.mark.parametrize("table, column", TIME_INDEXES)
def test_time_range_queries_use_the_index(svc, journal_path, table, column):
    with _conn(journal_path) as c:
        plan = " ".join(r[-1] for r in c.execute(
            f'EXPLAIN QUERY PLAN SELECT * FROM "{table}" WHERE {column} >= ? AND {column} < ? ORDER BY {column}',
            ["2026-01-01", "2026-02-01"]))
    assert "USING INDEX" in plan, plan


def test_user_version_equals_schema_version(svc, journal_path):
    assert _user_version(journal_path) == SCHEMA_VERSION


def test_reopening_applies_nothing_twice(journal_path, clock):
    from app.services import open_spasmlog
    from app.services.demo import generate

    first = open_spasmlog(journal_path, clock)
    generate(first._repo, clock(), 20, 3)
    first.close()
    applied = _applied(journal_path)
    with _conn(journal_path) as c:
        rows = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    for _ in range(3):
        db = open_journal(journal_path)
        assert not migration_set().pending(Database(db.conn, execute_plugins=False))
        db.close()
    assert _applied(journal_path) == applied  # same names, same applied_at: nothing re-run
    assert len(applied) == SCHEMA_VERSION
    with _conn(journal_path) as c:
        assert {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES} == rows
    assert _user_version(journal_path) == SCHEMA_VERSION


def test_next_start_reads_recent_sessions_through_an_index(svc):
    """Deciding the next ice/heat start must not walk every session of ten years."""
    from app.core.timeutil import to_store
    plan = svc._db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM therapy_sessions WHERE deleted_at IS NULL "
        "AND (ended IS NULL OR ended >= ?) ORDER BY +started", [to_store(svc.now())]).fetchall()
    details = " ".join(row[-1] for row in plan)
    assert "idx_therapy_ended" in details and "SCAN therapy_sessions" not in details


_OPEN_SLOWLY = r'''
import sys, time
import app.store.journal as J
Migrations = type(J.migration_set())
read_pending = Migrations.pending
def pending(self, db):  # widen the window between seeing what is pending and applying it
    found = read_pending(self, db)
    time.sleep(0.5)
    return found
Migrations.pending = pending
try:
    J.open_journal(sys.argv[1]).close()
    print("ok")
except Exception as exc:
    print(type(exc).__name__, exc)
'''


def test_two_programs_upgrading_the_same_old_journal_at_once_both_open_it(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    path = tmp_path / "journal.db"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "journal_v1.db", path)
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_SLOWLY, str(path)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    assert [p.communicate(timeout=60)[0].strip() for p in procs] == ["ok", "ok"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [name for name, _ in _applied(path)] == known_migration_names()  # each applied once


def test_0004_gives_each_journal_its_own_random_id_once(tmp_path):
    """Made at creation and kept; an older journal gets one on upgrade; two journals never share one."""
    import shutil
    from pathlib import Path

    from app.store.repository import Repository
    ids = []
    for name in ("a.db", "b.db"):
        path = tmp_path / name
        shutil.copyfile(Path(__file__).parent / "fixtures" / "journal_v2.db", path)  # before 0004
        for _ in range(2):
            db = open_journal(path)
            ids.append(Repository(db).journal_id())
            db.close()
    new = open_journal(tmp_path / "new.db")
    ids.append(Repository(new).journal_id())
    new.close()
    assert ids[0] == ids[1] and ids[2] == ids[3]  # kept across opens
    assert len({ids[0], ids[2], ids[4]}) == 3
    import uuid
    assert all(uuid.UUID(i).version == 4 for i in ids)
