"""The journal's tables and their numbered migrations; the only place table names are written."""
from __future__ import annotations

from functools import cache

EPISODES = "episodes"
PAIN = "pain_scores"
THERAPY = "therapy_sessions"
DOSES = "doses"
SYMPTOMS = "symptom_checks"
ACTIVITIES = "activities"
FLAG_ACKS = "flag_acks"
PROFILE = "profile"
SETTINGS = "settings"
REMINDER_DELIVERIES = "reminder_deliveries"

MIGRATION_SET = "spasmlog"
# (name, function), applied in the order registered here, which is the order they landed in main: numbers are
# handed out per branch ahead of time, so a later number may land (and stay) before an earlier one.
_MIGRATIONS: list = []


def _migration(name: str):
    """Register a numbered migration (kept as a plain list: sqlite-utils is imported only to apply them)."""
    def register(fn):
        if any(known == name for known, _ in _MIGRATIONS):
            raise ValueError(f"Migration '{name}' is already registered")
        _MIGRATIONS.append((name, fn))
        return fn
    return register


@_migration("0001_initial")
def m0001_initial(db) -> None:
    """Every entry table, with the time indexes the app queries by."""
    _run_script(db, f"""
    CREATE TABLE {EPISODES} (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        ended TEXT,
        regions TEXT NOT NULL DEFAULT '',
        trigger TEXT,
        note TEXT NOT NULL DEFAULT '',
        deleted_at TEXT,
        CHECK (ended IS NULL OR ended > started)
    );
    CREATE INDEX idx_episodes_started ON {EPISODES}(started);
    CREATE INDEX idx_episodes_open ON {EPISODES}(ended) WHERE ended IS NULL;

    CREATE TABLE {PAIN} (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        episode_id INTEGER REFERENCES {EPISODES}(id) ON DELETE SET NULL,
        context TEXT,
        deleted_at TEXT
    );
    CREATE INDEX idx_pain_at ON {PAIN}(at);
    CREATE INDEX idx_pain_episode ON {PAIN}(episode_id);

    CREATE TABLE {THERAPY} (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('ice', 'heat')),
        started TEXT NOT NULL,
        planned_end TEXT NOT NULL,
        ended TEXT,
        end_reason TEXT,
        barrier INTEGER NOT NULL DEFAULT 0,
        retroactive INTEGER NOT NULL DEFAULT 0,
        rule_breaks TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    );
    CREATE INDEX idx_therapy_started ON {THERAPY}(started);
    CREATE INDEX idx_therapy_kind_ended ON {THERAPY}(kind, ended);

    CREATE TABLE {DOSES} (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        name TEXT NOT NULL,
        med_class TEXT NOT NULL,
        dose TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    );
    CREATE INDEX idx_doses_at ON {DOSES}(at);

    CREATE TABLE {SYMPTOMS} (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        codes TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    );
    CREATE INDEX idx_symptoms_at ON {SYMPTOMS}(at);

    CREATE TABLE {ACTIVITIES} (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        minutes INTEGER,
        note TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    );
    CREATE INDEX idx_activities_at ON {ACTIVITIES}(at);

    CREATE TABLE {FLAG_ACKS} (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        key TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX idx_flag_acks_code ON {FLAG_ACKS}(code, key);

    CREATE TABLE {PROFILE} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE {SETTINGS} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)


@_migration("0002_therapy_ended_index")
def m0002_therapy_ended_index(db) -> None:
    """Deciding the next ice/heat start reads sessions that ended recently or still run: index `ended`."""
    db.execute(f"CREATE INDEX idx_therapy_ended ON {THERAPY}(ended)")


@_migration("0004_journal_id")
def m0004_journal_id(db) -> None:
    """A random id for the journal, made once (at creation, or on upgrading an older journal): the FHIR export's
    ids are derived from it, so they stay the same when the file moves and differ between two journals."""
    import uuid
    db.execute(f"INSERT OR IGNORE INTO {PROFILE} (key, value) VALUES ('journal_id', ?)", [str(uuid.uuid4())])


@_migration("0005_reminder_deliveries")
def m0005_reminder_deliveries(db) -> None:
    """Each reminder told once whoever tells it (the app or the login agent): a row claimed before telling."""
    create_reminder_deliveries(db)


def create_reminder_deliveries(db) -> None:
    """The claims table (also the whole of an encrypted journal's claims file, app/store/told.py)."""
    _run_script(db, f"""
    CREATE TABLE IF NOT EXISTS {REMINDER_DELIVERIES} (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        due TEXT NOT NULL,
        delivered TEXT NOT NULL,
        by TEXT NOT NULL,
        UNIQUE (kind, due)
    );
    CREATE INDEX IF NOT EXISTS idx_reminder_deliveries_due ON {REMINDER_DELIVERIES}(due);
    """)


def _run_script(db, script: str) -> None:
    """Run DDL statement by statement: executescript() would commit the migration's transaction early."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def known_migration_names() -> list[str]:
    """Names of the migrations this version of the app knows, in order."""
    return [name for name, _ in _MIGRATIONS]


SCHEMA_VERSION = len(known_migration_names())


@cache
def migration_set():
    """The migrations as a sqlite-utils Migrations set (imports sqlite-utils: only to migrate, never at start-up)."""
    from sqlite_utils import Migrations
    migrations = Migrations(MIGRATION_SET)
    for name, fn in _MIGRATIONS:
        migrations(name=name)(fn)
    return migrations


def is_spasmlog_journal(tables: set[str]) -> bool:
    """Whether a file with these tables is a SpasmLog journal, judged by the first migration's tables."""
    return {EPISODES, SETTINGS} <= tables
