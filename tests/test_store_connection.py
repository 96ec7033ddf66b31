"""The journal on plain sqlite3: sqlite-utils only to migrate, and the adapter behaves as sqlite-utils' Database."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from app.store.connection import Journal, first_keyword
from app.store.journal import open_journal
from app.store.schema import MIGRATION_SET, SCHEMA_VERSION, known_migration_names
from app.store.sqlite_utils_lite import sqlite_utils
from tests.fixtures.make_fixtures import fixture_path

_OPEN_AND_USE = """
import sys
from app.services import open_spasmlog
svc = open_spasmlog(sys.argv[1])
svc.entries.log_pain(4)
svc.status()
svc.close()
print(','.join(m for m in ('sqlite_utils', 'app.store.backup', 'app.services.backups') if m in sys.modules))
"""


def _loaded(path) -> set[str]:
    """Open the journal at `path` in a fresh process, write and read; which of the start-up-heavy modules that loaded."""
    out = subprocess.run([sys.executable, "-c", _OPEN_AND_USE, str(path)],
                         capture_output=True, text=True, check=True).stdout.strip()
    return set(filter(None, out.split(",")))


def _opens_with_sqlite_utils(path) -> bool:
    return "sqlite_utils" in _loaded(path)


def _version(path) -> tuple[int, list[str]]:
    with sqlite3.connect(path) as conn:
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]
        return conn.execute("PRAGMA user_version").fetchone()[0], applied


def test_an_up_to_date_journal_opens_without_importing_sqlite_utils_or_the_backup_code(journal_path):
    open_journal(journal_path).close()  # new file: migrated here
    assert _loaded(journal_path) == set()


def test_a_new_journal_is_migrated_with_sqlite_utils(journal_path):
    assert _opens_with_sqlite_utils(journal_path) is True
    assert _version(journal_path) == (SCHEMA_VERSION, known_migration_names())


def test_an_old_journal_still_migrates(tmp_path):
    copy = tmp_path / "journal.db"
    shutil.copyfile(fixture_path(1), copy)
    assert _version(copy) == (1, known_migration_names()[:1])
    assert _opens_with_sqlite_utils(copy) is True
    assert _version(copy) == (SCHEMA_VERSION, known_migration_names())
    assert _opens_with_sqlite_utils(copy) is False  # upgraded once, then opened plainly


def test_a_journal_with_every_migration_but_a_stale_user_version_is_stamped_once(journal_path):
    # e.g. killed after the last migration committed, before the version was stamped
    open_journal(journal_path).close()
    with sqlite3.connect(journal_path) as conn:
        conn.execute("PRAGMA user_version = 0")
    assert _opens_with_sqlite_utils(journal_path) is False  # nothing to migrate: no sqlite-utils needed
    assert _version(journal_path) == (SCHEMA_VERSION, known_migration_names())  # stamped, nothing applied twice
    assert _opens_with_sqlite_utils(journal_path) is False


def test_a_missing_migration_is_applied_even_when_the_version_stamp_says_current(journal_path):
    open_journal(journal_path).close()
    last = known_migration_names()[-1]
    with sqlite3.connect(journal_path) as conn:  # as if the last migration's row had been rolled back
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last])
        conn.execute("DROP INDEX IF EXISTS idx_therapy_ended")
    assert _opens_with_sqlite_utils(journal_path) is True
    assert _version(journal_path) == (SCHEMA_VERSION, known_migration_names())


# -- the adapter, side by side with sqlite-utils' Database ---------------------------------------------------

@pytest.fixture(params=["journal", "sqlite_utils"])
def db(request, tmp_path):
    """A file database with one table, through the adapter or through sqlite-utils (same behaviour expected)."""
    conn = sqlite3.connect(tmp_path / "t.db")
    wrapped = Journal(conn) if request.param == "journal" else sqlite_utils().Database(conn, execute_plugins=False)
    wrapped.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    yield wrapped
    wrapped.close()


def _committed(db) -> list[str]:
    """Values another connection sees (only what was committed)."""
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    with sqlite3.connect(path) as other:
        return [r[0] for r in other.execute("SELECT v FROM t ORDER BY id")]


def test_a_write_outside_a_transaction_is_committed_at_once(db):
    cur = db.execute("INSERT INTO t (v) VALUES (?)", ["a"])
    assert cur.lastrowid == 1 and not db.conn.in_transaction
    assert _committed(db) == ["a"]


def test_a_failed_write_leaves_no_transaction_open(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (v) VALUES (NULL)")
    assert not db.conn.in_transaction


def test_query_yields_dicts(db):
    db.execute("INSERT INTO t (v) VALUES ('a')")
    assert list(db.query("SELECT id, v FROM t WHERE v = ?", ["a"])) == [{"id": 1, "v": "a"}]
    assert list(db.query("PRAGMA user_version")) == [{"user_version": 0}]


@pytest.mark.parametrize("sql", ["INSERT INTO t (v) VALUES ('x')", "BEGIN", "VACUUM"])
def test_query_refuses_a_statement_without_rows_and_writes_nothing(db, sql):
    with pytest.raises(ValueError):
        db.query(sql)
    assert not db.conn.in_transaction
    assert _committed(db) == []


def test_query_commits_a_returning_write(db):
    assert [r["id"] for r in db.query("INSERT INTO t (v) VALUES ('r') RETURNING id")] == [1]
    assert _committed(db) == ["r"]


def test_atomic_commits_on_success(db):
    with db.atomic():
        db.execute("INSERT INTO t (v) VALUES ('a')")
        db.execute("INSERT INTO t (v) VALUES ('b')")
        assert _committed(db) == []
    assert _committed(db) == ["a", "b"]


def test_atomic_rolls_back_everything_on_an_exception(db):
    with pytest.raises(RuntimeError):
        with db.atomic():
            db.execute("INSERT INTO t (v) VALUES ('a')")
            raise RuntimeError("half-way")
    assert not db.conn.in_transaction
    assert _committed(db) == []


def test_a_nested_atomic_block_rolls_back_alone(db):
    with db.atomic():
        db.execute("INSERT INTO t (v) VALUES ('outer')")
        with pytest.raises(sqlite3.IntegrityError):
            with db.atomic():
                db.execute("INSERT INTO t (v) VALUES ('inner')")
                db.execute("INSERT INTO t (v) VALUES (NULL)")
        assert db.conn.in_transaction
    assert _committed(db) == ["outer"]


def test_a_write_inside_an_open_transaction_waits_for_its_commit(db):
    db.conn.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t (v) VALUES ('a')")
    assert db.conn.in_transaction and _committed(db) == []
    db.conn.execute("COMMIT")
    assert _committed(db) == ["a"]


def test_repository_transaction_is_all_or_nothing_on_the_adapter(mem):
    assert isinstance(mem.db, Journal)
    with pytest.raises(RuntimeError):
        with mem.repo.transaction():
            mem.entries.log_pain(5)
            with mem.repo.transaction():  # nested: a savepoint through atomic()
                mem.entries.log_pain(6)
            raise RuntimeError("half-way")
    assert mem.repo.between("pain") == []


def test_a_commit_that_fails_rolls_back_and_leaves_no_transaction_open(svc, journal_path):
    # A deferred foreign key makes COMMIT itself fail, as a full disk or an I/O error would.
    svc.db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    svc.db.execute("CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError):
        with svc.repo.transaction():
            svc.entries.log_pain(5)
            svc.db.execute("INSERT INTO child (p) VALUES (42)")
    assert not svc.db.conn.in_transaction
    svc.entries.log_pain(3)  # a later write is committed at once, not swallowed by a transaction left open
    with sqlite3.connect(journal_path) as other:
        assert [r[0] for r in other.execute("SELECT score FROM pain_scores")] == [3]


@pytest.mark.parametrize("sql, keyword", [("select 1", "SELECT"), ("  -- note\n/* x */ ;begin", "BEGIN"),
                                          ("\ufeffINSERT INTO t", "INSERT"), ("-- only a comment", "")])
def test_first_keyword_skips_blanks_and_comments(sql, keyword):
    assert first_keyword(sql) == keyword
