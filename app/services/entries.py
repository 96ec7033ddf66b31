"""Logging, editing, deleting and undoing journal entries (episodes, pain, doses, symptoms, activity)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from ..core.entities import Activity, Dose, Episode, PainScore, SymptomCheck
from ..core.errors import JournalError
from ..core.i18n import _
from ..core.guidance import codes as code_table, guidance
from ..core.timeutil import day_hhmm, ensure_aware, human_duration, to_local, zone_of
from ..store.repository import KINDS

EDITABLE = {
    "episode": {"started", "ended", "regions", "trigger", "note"},
    "pain": {"at", "score", "note", "context"},
    "dose": {"at", "name", "med_class", "dose"},
    "symptoms": {"at", "codes"},
    "activity": {"at", "kind", "minutes", "note"},
}


class Entries:
    """Everything a person writes into the journal by hand."""

    def __init__(self, repo, clock):
        self._repo = repo
        self.clock = clock

    @property
    def zone(self):
        return zone_of(self.clock)

    # -- episodes ------------------------------------------------------------
    def start_episode(self, regions=(), trigger: str | None = None, note: str = "",
                      at: datetime | None = None) -> Episode:
        """Open a new episode; refused while another one is open or overlaps that time."""
        now = self.clock()
        episode = Episode(started=at or now, regions=tuple(regions), trigger=trigger, note=note).validate(now, self.zone)
        with self._repo.transaction():
            current = self._repo.open_episode()
            if current is not None:
                raise JournalError("episode", _("A spasm episode is already open (since {started}); end it before starting a new one.").format(
                        started=day_hhmm(current.started, self.zone)))
            self._refuse_overlap(episode)
            self._repo.add(episode)
            self._repo.relink_pain(episode.started)
            return episode

    def start_episode_with_pain(self, regions=(), trigger: str | None = None, note: str = "",
                                at: datetime | None = None, pain=None) -> tuple[Episode, PainScore | None]:
        """Open an episode and log how bad it is at its start, in one go: both are written or neither."""
        with self._repo.transaction():
            episode = self.start_episode(regions, trigger, note, at)
            score = None if pain is None else self.log_pain(pain, at=episode.started, context="episode_start")
        return episode, score

    def end_episode(self, at: datetime | None = None) -> Episode:
        """Close the open episode."""
        now = self.clock()
        with self._repo.transaction():
            current = self._repo.open_episode()
            if current is None:
                raise JournalError("episode", _("No spasm episode is open, so there is nothing to end."))
            if at is not None and ensure_aware(at, "end") <= current.started:
                raise JournalError("end", _("end: {at} is not after the episode's start ({started}); allowed: a time after it.").format(
                        at=day_hhmm(at, self.zone), started=day_hhmm(current.started, self.zone)))
            ended = replace(current, ended=at or now).validate(now, self.zone)
            self._refuse_overlap(ended)
            self._repo.update(ended)
            self._repo.relink_pain(ended.started)
            return ended

    def reopen_episode(self, episode_id: int) -> Episode:
        """Undo 'Spasm over': the episode is open again (refused if another episode has begun since)."""
        with self._repo.transaction():
            episode = self.get("episode", episode_id)
            if episode.ended is None:
                return episode
            if self._repo.open_episode() is not None:
                raise JournalError("episode", _("Another spasm episode is open now, so this one cannot be reopened."))
            reopened = replace(episode, ended=None)
            self._refuse_overlap(reopened)
            self._repo.update(reopened)
            self._repo.relink_pain(reopened.started)
            return reopened

    def _refuse_overlap(self, episode: Episode) -> None:
        clash = self._repo.overlapping_episodes(episode.started, episode.ended, exclude_id=episode.id)
        if clash:
            other = clash[0]
            raise JournalError("start", _("start: this overlaps the spasm episode that started {started}; episodes may not overlap. "
                                          "Check the times.").format(started=day_hhmm(other.started, self.zone)))

    # -- single entries --------------------------------------------------------
    def log_pain(self, score, note: str = "", at: datetime | None = None, context: str | None = None) -> PainScore:
        """A 0-10 pain score, linked to the episode going on at that time."""
        now = self.clock()
        entry = PainScore(at=at or now, score=score, note=note, context=context).validate(now, self.zone)
        with self._repo.transaction():
            episode = self._repo.episode_at(entry.at)
            entry.episode_id = episode.id if episode else None
            return self._repo.add(entry)

    def log_dose(self, name: str, med_class: str, dose: str = "", at: datetime | None = None,
                 pain_before=None) -> Dose:
        """A dose; with `pain_before`, the pain score just before it too (so relief can be judged), both or neither."""
        now = self.clock()
        entry = Dose(at=at or now, name=name, med_class=med_class, dose=dose).validate(now, self.zone)
        with self._repo.transaction():
            if pain_before is not None:
                self.log_pain(pain_before, at=entry.at, context="before_dose")
            return self._repo.add(entry)

    def log_symptoms(self, codes, at: datetime | None = None) -> SymptomCheck:
        """A symptom check; `none` (or no codes) means every answer was no."""
        now = self.clock()
        if not isinstance(codes, (str, list, tuple, set, frozenset)):
            raise JournalError("symptom", _("symptom: give the symptom codes answered yes, or 'none'."))
        codes = [codes] if isinstance(codes, str) else list(codes)
        allowed = ["none", *code_table("symptoms")]
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            raise JournalError("symptom", _("symptom: unknown code '{unknown}'; allowed: {allowed}.").format(
                    unknown=unknown[0], allowed=', '.join(allowed)))
        if "none" in codes:
            if len(codes) > 1:
                raise JournalError("symptom", _("symptom: 'none' means every answer was no; give it alone."))
            codes = []
        entry = SymptomCheck(at=at or now, codes=tuple(codes)).validate(now, self.zone)
        return self._repo.add(entry)

    def log_activity(self, kind: str, minutes: int | None = None, note: str = "",
                     at: datetime | None = None) -> Activity:
        now = self.clock()
        entry = Activity(at=at or now, kind=kind, minutes=minutes, note=note).validate(now, self.zone)
        return self._repo.add(entry)

    # -- edit, delete, undo --------------------------------------------------------
    def get(self, kind: str, entry_id: int):
        self._check_kind(kind)
        self._check_id(kind, entry_id)
        entry = self._repo.get(kind, entry_id)
        if entry is None:
            raise JournalError("id", _("id: there is no {kind} entry number {entry_id}.").format(
                    kind=kind, entry_id=entry_id))
        return entry

    def edit(self, kind: str, entry_id: int, /, **changes):  # positional-only: an activity has a field 'kind'
        """Change some fields of an entry; validated like a new one, written whole or not at all."""
        if not isinstance(kind, str) or kind not in EDITABLE:
            raise JournalError("kind", _("kind: '{kind}' entries cannot be edited here; allowed: {allowed}.").format(
                    kind=kind, allowed=', '.join(EDITABLE)))
        unknown = set(changes) - EDITABLE[kind]
        if unknown:
            raise JournalError(sorted(unknown)[0], _("{unknown}: cannot be changed; allowed: {allowed}.").format(
                    unknown=sorted(unknown)[0], allowed=', '.join(sorted(EDITABLE[kind]))))
        now = self.clock()
        with self._repo.transaction():
            before = self.get(kind, entry_id)
            updated = replace(before, **changes).validate(now, self.zone)
            if kind == "episode":
                self._refuse_overlap(updated)
            if kind == "pain":
                episode = self._repo.episode_at(updated.at)
                updated.episode_id = episode.id if episode else None
            self._repo.update(updated)
            if kind == "episode":
                self._repo.relink_pain(min(before.started, updated.started))
            return updated

    def delete(self, kind: str, entry_id: int) -> tuple[str, int]:
        """Delete an entry; returns the token that `undo` takes to bring it back."""
        with self._repo.transaction():
            entry = self.get(kind, entry_id)
            self._repo.set_deleted(kind, entry_id, self.clock())
            if kind == "episode":
                self._repo.relink_pain(entry.started, entry.ended)
        return kind, entry_id

    def undo(self, token: tuple[str, int]):
        """Bring back a deleted entry."""
        if not isinstance(token, tuple) or len(token) != 2:
            raise JournalError("undo", _("undo: there is nothing to bring back."))
        kind, entry_id = token
        self._check_kind(kind)
        self._check_id(kind, entry_id)
        with self._repo.transaction():
            entry = self._repo.get(kind, entry_id, include_deleted=True)
            if entry is None or not self._repo.set_deleted(kind, entry_id, None):
                raise JournalError("id", _("id: there is no {kind} entry number {entry_id} to bring back.").format(
                        kind=kind, entry_id=entry_id))
            # What came back must still fit the journal as it is now (rolled back if not).
            if kind == "episode":
                self._refuse_undo_episode(entry)
            elif kind == "therapy":
                end = entry.ended or entry.planned_end
                if self._repo.overlapping_sessions(entry.started, end, exclude_id=entry.id):
                    raise JournalError("undo", _("undo: this ice or heat session cannot come back: another session now overlaps its time."))
            return self._repo.get(kind, entry_id)

    def _refuse_undo_episode(self, entry: Episode) -> None:
        current = self._repo.open_episode()
        if entry.ended is None and current is not None and current.id != entry.id:
            raise JournalError("undo", _("undo: this episode cannot come back while another episode is open."))
        if self._repo.overlapping_episodes(entry.started, entry.ended, exclude_id=entry.id):
            raise JournalError("undo", _("undo: this episode cannot come back: another episode now overlaps its time."))
        self._repo.relink_pain(entry.started, entry.ended)

    def _check_kind(self, kind: str) -> None:
        if not isinstance(kind, str) or kind not in KINDS:
            raise JournalError("kind", _("kind: unknown '{kind}'; allowed: {allowed}.").format(
                    kind=kind, allowed=', '.join(KINDS)))

    @staticmethod
    def _check_id(kind: str, entry_id) -> None:
        # SQLite integers are 64-bit: a larger Python int would raise OverflowError, not "no such entry".
        if isinstance(entry_id, bool) or not isinstance(entry_id, int) or not 0 < entry_id < 2 ** 63:
            raise JournalError("id", _("id: there is no {kind} entry number {entry_id}.").format(
                    kind=kind, entry_id=entry_id))

    # -- reading -------------------------------------------------------------------
    def latest_pain(self) -> PainScore | None:
        return self._repo.latest("pain")

    def pain_now_wanted(self, at: datetime | None = None) -> bool:
        """True when no pain score was logged in the 30 min up to `at` (default now): starting ice or heat, or
        a dose, then offers a one-tap "pain now", so the relief it gives can be judged (CLINICAL.md section 3)."""
        at = at or self.clock()
        within = timedelta(minutes=guidance()["relief"]["pain_now_within_minutes"])
        return not self._repo.between("pain", at - within, at + timedelta(seconds=1), limit=1)

    def log_pain_before(self, score, at: datetime, treatment: str) -> PainScore:
        """The "pain now" given right after starting ice or heat or taking a dose: stored at the treatment's time."""
        return self.log_pain(score, at=at, context=f"before_{treatment}")

    def timeline(self, kinds=None, limit: int = 200, before=None):
        """One page of the Journal, newest first, summarised (see services/timeline.py)."""
        from .timeline import page
        return page(self._repo, self.clock(), kinds, limit, before)

    def timeline_entry(self, kind: str, entry):
        """One entry summarised as its Journal row (the edit panel repeats it in full)."""
        from .timeline import summarise
        return summarise(kind, entry, self.clock())

    def recent_medicines(self, limit: int = 6) -> list[tuple[str, str, str]]:
        """Recently used medicines as (name, class, dose), newest first, one per name."""
        from .timeline import recent_medicines
        return recent_medicines(self._repo, limit)

    def open_episode(self) -> Episode | None:
        return self._repo.open_episode()

    def first_day(self) -> date | None:
        """The local day of the oldest entry of any kind (the report's "All"): one indexed probe per kind."""
        from ..core.entities import ENTRY_KINDS
        times = []
        for kind in ENTRY_KINDS:
            found = self._repo.between(kind, limit=1)
            if found:
                times.append(getattr(found[0], "started", None) or found[0].at)
        return to_local(min(times), self.zone).date() if times else None

    def episode_summary(self, episode: Episode, now: datetime) -> dict:
        """Day number and hours of an episode, for Today and status."""
        end = episode.ended or now
        hours = (end - episode.started).total_seconds() / 3600
        return {"id": episode.id, "started": episode.started, "hours": round(hours, 1),
                "day": int(hours // 24) + 1, "duration": human_duration(end - episode.started)}
