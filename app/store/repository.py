"""Rows to dataclasses and back: every read and write of journal entries goes through here."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Iterator

from ..core.entities import (Activity, Dose, Episode, FlagAck, PainScore, Profile,
                             SymptomCheck, TherapySession)
from ..core.timeutil import from_store, to_store
from . import schema

_LISTS = {"regions", "codes", "rule_breaks"}
_BOOLS = {"barrier", "retroactive"}
_TIMES = {"started", "ended", "planned_end", "at"}

# kind name -> (table, dataclass, time column used for ordering)
KINDS = {
    "episode": (schema.EPISODES, Episode, "started"),
    "pain": (schema.PAIN, PainScore, "at"),
    "therapy": (schema.THERAPY, TherapySession, "started"),
    "dose": (schema.DOSES, Dose, "at"),
    "symptoms": (schema.SYMPTOMS, SymptomCheck, "at"),
    "activity": (schema.ACTIVITIES, Activity, "at"),
}
_KIND_OF = {cls: kind for kind, (_, cls, _) in KINDS.items()}


def _to_row(entry) -> dict:
    row = {}
    for f in fields(entry):
        value = getattr(entry, f.name)
        if f.name == "id":
            continue
        if f.name in _LISTS:
            value = ",".join(value)
        elif f.name in _BOOLS:
            value = int(bool(value))
        elif isinstance(value, datetime):
            value = to_store(value)
        row[f.name] = value
    return row


def _from_row(cls, row: dict):
    values = {}
    for f in fields(cls):
        value = row.get(f.name)
        if f.name in _LISTS:
            value = tuple(v for v in (value or "").split(",") if v)
        elif f.name in _BOOLS:
            value = bool(value)
        elif f.name in _TIMES:
            value = from_store(value)
        values[f.name] = value
    return cls(**values)


class Repository:
    """The journal's entries, as dataclasses. Soft delete keeps rows so a delete can be undone."""

    def __init__(self, db):
        self.db = db

    # -- generic entries -------------------------------------------------
    def add(self, entry):
        """Insert an entry; returns it with its new id."""
        table, _, _ = KINDS[_KIND_OF[type(entry)]]
        row = _to_row(entry)
        cur = self.db.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        entry.id = cur.lastrowid
        return entry

    def add_many(self, entries) -> None:
        """Bulk insert of same-kind entries (the demo generator); ids are not returned."""
        entries = list(entries)
        if not entries:
            return
        table, _, _ = KINDS[_KIND_OF[type(entries[0])]]
        rows = [_to_row(e) for e in entries]
        cols = list(rows[0])
        with self.db.atomic():
            self.db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [[r[c] for c in cols] for r in rows])

    def update(self, entry) -> None:
        """Write every field of an existing entry."""
        table, _, _ = KINDS[_KIND_OF[type(entry)]]
        row = _to_row(entry)
        self.db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?",
                        [*row.values(), entry.id])

    def get(self, kind: str, entry_id: int, include_deleted: bool = False):
        """One entry by kind and id, or None."""
        table, cls, _ = KINDS[kind]
        extra = "" if include_deleted else " AND deleted_at IS NULL"
        rows = list(self.db.query(f"SELECT * FROM {table} WHERE id = ?{extra}", [entry_id]))
        return _from_row(cls, rows[0]) if rows else None

    def set_deleted(self, kind: str, entry_id: int, when: datetime | None) -> bool:
        """Mark an entry deleted (when) or restore it (None); True if a row changed."""
        table, _, _ = KINDS[kind]
        cur = self.db.execute(f"UPDATE {table} SET deleted_at = ? WHERE id = ?",
                              [to_store(when) if when else None, entry_id])
        return cur.rowcount > 0

    def between(self, kind: str, start: datetime | None = None, end: datetime | None = None,
                newest_first: bool = False, limit: int | None = None) -> list:
        """Entries of one kind whose time is in [start, end)."""
        table, cls, col = KINDS[kind]
        where, params = ["deleted_at IS NULL"], []
        if start is not None:
            where.append(f"{col} >= ?")
            params.append(to_store(start))
        if end is not None:
            where.append(f"{col} < ?")
            params.append(to_store(end))
        order = "DESC" if newest_first else "ASC"  # two entries in the same second: the later-written one is newer
        sql = f"SELECT * FROM {table} WHERE {' AND '.join(where)} ORDER BY {col} {order}, id {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_from_row(cls, r) for r in self.db.query(sql, params)]

    def latest(self, kind: str):
        """The newest entry of a kind, or None."""
        found = self.between(kind, newest_first=True, limit=1)
        return found[0] if found else None

    def count(self, kind: str) -> int:
        table, _, _ = KINDS[kind]
        return self.db.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]

    # -- episodes ----------------------------------------------------------
    def open_episode(self) -> Episode | None:
        """The episode still going on (no end), if any."""
        rows = list(self.db.query(
            f"SELECT * FROM {schema.EPISODES} WHERE ended IS NULL AND deleted_at IS NULL ORDER BY started DESC LIMIT 1"))
        return _from_row(Episode, rows[0]) if rows else None

    def episode_at(self, when: datetime) -> Episode | None:
        """The episode that was going on at a time, if any."""
        # Episodes never overlap, so only the latest one started by then can contain it: one index probe,
        # not a scan back through every older episode.
        t = to_store(when)
        rows = list(self.db.query(
            f"SELECT * FROM {schema.EPISODES} WHERE deleted_at IS NULL AND started <= ? "
            f"ORDER BY started DESC LIMIT 1", [t]))
        if not rows or (rows[0]["ended"] is not None and rows[0]["ended"] < t):
            return None
        return _from_row(Episode, rows[0])

    def relink_pain(self, start: datetime | None = None, end: datetime | None = None) -> None:
        """Point every pain score in [start, end] (default: all) at the episode going on at its time, or none.

        Called whenever episodes change, so a score's episode is never stale.
        """
        where, params = ["1"], []
        if start is not None:
            where.append("at >= ?")
            params.append(to_store(start))
        if end is not None:
            where.append("at <= ?")
            params.append(to_store(end))
        self.db.execute(
            f"UPDATE {schema.PAIN} SET episode_id = (SELECT e.id FROM {schema.EPISODES} e "
            f"WHERE e.deleted_at IS NULL AND e.started <= {schema.PAIN}.at "
            f"AND (e.ended IS NULL OR e.ended >= {schema.PAIN}.at) ORDER BY e.started DESC LIMIT 1) "
            f"WHERE {' AND '.join(where)}", params)

    def overlapping_episodes(self, started: datetime, ended: datetime | None, exclude_id: int | None = None) -> list[Episode]:
        """Episodes whose span overlaps [started, ended] (ended None: still open)."""
        params = [to_store(ended) if ended else "9999", to_store(started), exclude_id or -1]
        rows = self.db.query(
            f"SELECT * FROM {schema.EPISODES} WHERE deleted_at IS NULL AND started <= ? "
            f"AND (ended IS NULL OR ended >= ?) AND id != ?", params)
        return [_from_row(Episode, r) for r in rows]

    # -- therapy -------------------------------------------------------------
    def running_session(self) -> TherapySession | None:
        rows = list(self.db.query(
            f"SELECT * FROM {schema.THERAPY} WHERE ended IS NULL AND deleted_at IS NULL ORDER BY started DESC LIMIT 1"))
        return _from_row(TherapySession, rows[0]) if rows else None

    def overlapping_sessions(self, started: datetime, ended: datetime, exclude_id: int | None = None) -> list[TherapySession]:
        """Sessions (running ones until their planned end) whose time overlaps (started, ended)."""
        rows = self.db.query(
            f"SELECT * FROM {schema.THERAPY} WHERE deleted_at IS NULL AND id != ? AND started < ? "
            f"AND coalesce(ended, planned_end) > ?", [exclude_id or -1, to_store(ended), to_store(started)])
        return [_from_row(TherapySession, r) for r in rows]

    def sessions_since(self, start: datetime) -> list[TherapySession]:
        """Sessions that ended (or are running) at or after a time, oldest first."""
        rows = self.db.query(
            # `+started` keeps the planner on idx_therapy_ended (two index lookups) instead of walking
            # every session in start order; the few rows found are sorted afterwards.
            f"SELECT * FROM {schema.THERAPY} WHERE deleted_at IS NULL AND (ended IS NULL OR ended >= ?) "
            f"ORDER BY +started", [to_store(start)])
        return [_from_row(TherapySession, r) for r in rows]

    # -- flags acknowledgements ------------------------------------------------
    def add_ack(self, ack: FlagAck) -> FlagAck:
        cur = self.db.execute(f"INSERT INTO {schema.FLAG_ACKS} (code, key, at) VALUES (?, ?, ?)",
                              [ack.code, ack.key, to_store(ack.at)])
        ack.id = cur.lastrowid
        return ack

    def acks(self) -> list[FlagAck]:
        return [FlagAck(code=r["code"], key=r["key"], at=from_store(r["at"]), id=r["id"])
                for r in self.db.query(f"SELECT * FROM {schema.FLAG_ACKS} ORDER BY at")]

    def unacknowledged_flag_episodes(self, ended_before: datetime, rule) -> list[Episode]:
        """Episodes that ended before a time and could raise a flag under `rule` (core.flags.episode_flag_rule():
        a trauma or fall trigger, or lasting over its days), not all of whose possible flags were acknowledged."""
        trauma = ", ".join("?" * len(rule.trauma_triggers))
        fall = ", ".join("?" * len(rule.fall_triggers))
        rows = self.db.query(
            f"SELECT * FROM {schema.EPISODES} e WHERE deleted_at IS NULL AND ended IS NOT NULL AND ended < ? "
            f"AND (trigger IN ({trauma}) OR trigger IN ({fall}) OR julianday(ended) - julianday(started) > ?) "
            f"AND (SELECT count(DISTINCT code) FROM {schema.FLAG_ACKS} a WHERE a.key = 'episode:' || e.id) < "
            f"(coalesce(trigger, '') IN ({trauma})) + (coalesce(trigger, '') IN ({fall})) "
            f"+ (julianday(ended) - julianday(started) > ?)",
            [to_store(ended_before), *rule.trauma_triggers, *rule.fall_triggers, rule.over_days,
             *rule.trauma_triggers, *rule.fall_triggers, rule.over_days])
        return [_from_row(Episode, r) for r in rows]

    def unacknowledged_flag_checks(self, before: datetime) -> list[SymptomCheck]:
        """Symptom checks before a time that reported warning signs not all acknowledged (one flag per sign,
        plus several_red_flags for two or more)."""
        signs = "(length(codes) - length(replace(codes, ',', '')) + 1)"
        rows = self.db.query(
            f"SELECT * FROM {schema.SYMPTOMS} c WHERE deleted_at IS NULL AND at < ? AND codes != '' "
            f"AND (SELECT count(DISTINCT code) FROM {schema.FLAG_ACKS} a WHERE a.key = 'check:' || c.id) "
            f"< {signs} + ({signs} >= 2)", [to_store(before)])
        return [_from_row(SymptomCheck, r) for r in rows]

    def acks_for(self, keys) -> list[FlagAck]:
        """Acknowledgements of the given occurrences (flag keys such as 'episode:12'), oldest first."""
        keys = sorted(set(keys))
        if not keys:
            return []
        rows = self.db.query(f"SELECT * FROM {schema.FLAG_ACKS} WHERE key IN ({', '.join('?' * len(keys))}) "
                             f"ORDER BY at", keys)
        return [FlagAck(code=r["code"], key=r["key"], at=from_store(r["at"]), id=r["id"]) for r in rows]

    # -- profile and settings ----------------------------------------------------
    def profile(self) -> Profile:
        values = {r["key"]: r["value"] for r in self.db.query(f"SELECT key, value FROM {schema.PROFILE}")}
        known = {f.name for f in fields(Profile)}
        kwargs = {k: v for k, v in values.items() if k in known}
        if "answered" in kwargs:
            kwargs["answered"] = kwargs["answered"] == "1"
        return Profile(**kwargs)

    def journal_id(self) -> str:
        """The journal's random id (migration 0004), the root of the FHIR export's stable ids."""
        rows = list(self.db.query(f"SELECT value FROM {schema.PROFILE} WHERE key = 'journal_id'"))
        return rows[0]["value"]

    def save_profile(self, profile: Profile) -> None:
        for f in fields(profile):
            value = getattr(profile, f.name)
            value = ("1" if value else "0") if isinstance(value, bool) else str(value)
            self.db.execute(f"INSERT INTO {schema.PROFILE} (key, value) VALUES (?, ?) "
                            f"ON CONFLICT(key) DO UPDATE SET value = excluded.value", [f.name, value])

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db.query(f"SELECT key, value FROM {schema.SETTINGS}")}

    def save_setting(self, key: str, value: str) -> None:
        self.db.execute(f"INSERT INTO {schema.SETTINGS} (key, value) VALUES (?, ?) "
                        f"ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    # -- reminders told (each once, whoever tells it) -----------------------------
    def change_counter(self) -> int:
        """A number that changes whenever another connection commits to the journal (PRAGMA data_version)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def claim_reminders(self, keys, now: datetime, by: str) -> list[bool]:
        """Claim each (kind, due) pair for telling; True where this call won it (INSERT OR IGNORE, atomic)."""
        won = []
        with self.transaction():
            for kind, due in keys:
                cur = self.db.execute(f"INSERT OR IGNORE INTO {schema.REMINDER_DELIVERIES} (kind, due, delivered, by) "
                                      f"VALUES (?, ?, ?, ?)", [kind, to_store(due), to_store(now), by])
                won.append(cur.rowcount == 1)
        return won

    def reminders_told(self, since: datetime, until: datetime) -> dict[tuple[str, datetime], str]:
        """(kind, due) -> who told it, for reminders due in (since, until]."""
        rows = self.db.query(f"SELECT kind, due, by FROM {schema.REMINDER_DELIVERIES} WHERE due > ? AND due <= ?",
                             [to_store(since), to_store(until)])
        return {(r["kind"], from_store(r["due"])): r["by"] for r in rows}

    def forget_reminders_told(self, before: datetime) -> None:
        """Old delivery records are of no further use (nothing that old is told again)."""
        self.db.execute(f"DELETE FROM {schema.REMINDER_DELIVERIES} WHERE due < ?", [to_store(before)])

    # -- the Journal list --------------------------------------------------------
    def timeline(self, kinds: tuple[str, ...] | None = None, limit: int = 200,
                 before: datetime | None = None) -> Iterator[tuple[str, dict]]:
        """Newest-first rows of several kinds merged in SQL, as (kind, row) pairs."""
        parts, params = [], []
        for kind, (table, _, col) in KINDS.items():
            if kinds and kind not in kinds:
                continue
            cond = "deleted_at IS NULL"
            if before is not None:
                cond += f" AND {col} < ?"
                params.append(to_store(before))
            # Each kind is cut to `limit` through its time index first, so the merge stays small.
            parts.append(f"SELECT * FROM (SELECT '{kind}' AS kind, id, {col} AS t FROM {table} "
                         f"WHERE {cond} ORDER BY {col} DESC, id DESC LIMIT {int(limit)})")
        if not parts:
            return iter(())
        sql = " UNION ALL ".join(parts) + f" ORDER BY t DESC, id DESC LIMIT {int(limit)}"
        return ((r["kind"], r) for r in self.db.query(sql, params))

    def transaction(self):
        """All-or-nothing block: nothing is half-written (write lock at once, JournalBusy past the busy timeout)."""
        return self.db.atomic()
