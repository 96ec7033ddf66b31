"""The journal's one connection factory and SQL API: sqlite-utils only to migrate, the rules of execute/query/atomic."""
from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from app.core.errors import JournalBusy
from app.store.connection import Journal, connect
from app.store.journal import open_journal
from app.store.schema import SCHEMA_VERSION, known_migration_names
from tests.helpers.migrations import version as _version
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
    # The stamp commits with the migrations; an older copy may still lack it: sqlite-utils finds nothing pending.
    open_journal(journal_path).close()
    with sqlite3.connect(journal_path) as conn:
        conn.execute("PRAGMA user_version = 0")
    assert _opens_with_sqlite_utils(journal_path) is True
    assert _version(journal_path) == (SCHEMA_VERSION, known_migration_names())  # stamped, nothing applied twice
    assert _opens_with_sqlite_utils(journal_path) is False


def test_a_journal_stamped_by_a_newer_version_since_the_first_look_is_refused_unchanged(journal_path):
    from app.core.errors import DamagedJournal
    open_journal(journal_path).close()
    with sqlite3.connect(journal_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(DamagedJournal, match="newer version"):
        open_journal(journal_path)
    assert _version(journal_path) == (SCHEMA_VERSION + 1, known_migration_names())


# -- the connection factory ------------------------------------------------------------------------------

def test_every_journal_connection_is_wal_full_sync_with_foreign_keys_and_recursive_triggers(tmp_path):
    conn = connect(tmp_path / "j.db")
    pragmas = [conn.execute(f"PRAGMA {p}").fetchone()[0]
               for p in ("journal_mode", "synchronous", "foreign_keys", "recursive_triggers")]
    conn.close()
    assert pragmas == ["wal", 2, 1, 1]


def test_a_key_makes_an_encrypted_journal_that_only_that_key_opens(tmp_path):
    from app.core.errors import WrongPassphrase
    path = tmp_path / "j.db"
    conn = connect(path, key="a long passphrase")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('bladder trouble')")
    conn.close()
    assert path.read_bytes()[:16] != b"SQLite format 3\x00" and b"bladder" not in path.read_bytes()
    with pytest.raises(WrongPassphrase):
        connect(path, key="another passphrase")
    with pytest.raises(sqlite3.DatabaseError):
        connect(path)  # plain sqlite3 reads nothing
    conn = connect(path, readonly=True, key="a long passphrase")
    assert conn.execute("SELECT x FROM t").fetchall() == [("bladder trouble",)]
    conn.close()


def test_a_read_only_connection_cannot_write_or_create_the_file(tmp_path):
    with pytest.raises(sqlite3.OperationalError):
        connect(tmp_path / "missing.db", readonly=True).execute("SELECT 1")
    assert not (tmp_path / "missing.db").exists()
    connect(tmp_path / "j.db").close()
    conn = connect(tmp_path / "j.db", readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def test_the_store_opens_no_connection_but_through_the_factory():
    from pathlib import Path
    store = Path(__file__).resolve().parents[1] / "app" / "store"
    # sqlite3.connect( or a driver's (SQLCipher's) .connect(: only the factory; everything else calls connect(
    calls = {f.name for f in store.glob("*.py") if re.search(r"\w\.connect\(", f.read_text())}
    assert calls == {"connection.py"}


# -- the store's SQL API ---------------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    """A file database with one table, on a connection from the factory."""
    wrapped = Journal(connect(tmp_path / "t.db"))
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


def test_query_refuses_a_statement_without_rows(db):
    with pytest.raises(ValueError):
        db.query("CREATE INDEX idx_v ON t(v)")


def test_a_connection_in_python_transaction_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="autocommit"):
        Journal(sqlite3.connect(tmp_path / "t.db"))


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


def test_a_block_waits_for_the_write_lock_and_then_reports_the_journal_busy(db, tmp_path):
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    db.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(JournalBusy):
            with db.atomic():
                db.execute("INSERT INTO t (v) VALUES ('a')")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not db.conn.in_transaction


def test_repository_transaction_is_all_or_nothing_on_the_adapter(mem):
    assert isinstance(mem._db, Journal)
    with pytest.raises(RuntimeError):
        with mem._repo.transaction():
            mem.entries.log_pain(5)
            with mem._repo.transaction():  # nested: a savepoint through atomic()
                mem.entries.log_pain(6)
            raise RuntimeError("half-way")
    assert mem._repo.between("pain") == []


def test_a_commit_that_fails_rolls_back_and_leaves_no_transaction_open(svc, journal_path):
    # A deferred foreign key makes COMMIT itself fail, as a full disk or an I/O error would.
    svc._db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    svc._db.execute("CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError):
        with svc._repo.transaction():
            svc.entries.log_pain(5)
            svc._db.execute("INSERT INTO child (p) VALUES (42)")
    assert not svc._db.conn.in_transaction
    svc.entries.log_pain(3)  # a later write is committed at once, not swallowed by a transaction left open
    with sqlite3.connect(journal_path) as other:
        assert [r[0] for r in other.execute("SELECT score FROM pain_scores")] == [3]
