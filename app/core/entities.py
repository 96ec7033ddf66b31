"""The journal's entries as dataclasses, each able to validate itself against a clock."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from .errors import JournalError
from .i18n import _
from .timeutil import parse_date
from .validation import (check_code, check_codes, check_int, check_name, check_note, text_limit,
                         check_order, check_pain, check_time)

CONTEXTS = ("before_ice", "after_ice", "before_heat", "after_heat", "before_dose", "after_dose", "checkin",
            "episode_start")
PROFILE_ANSWERS = ("yes", "no", "unknown")
AGE_BANDS = ("unknown", "under_20", "20_39", "40_59", "60_74", "75_plus")


@dataclass
class Episode:
    started: datetime
    ended: datetime | None = None
    regions: tuple[str, ...] = ()
    trigger: str | None = None
    note: str = ""
    id: int | None = None

    def validate(self, now: datetime, zone: tzinfo) -> "Episode":
        started = check_time(self.started, "start", now, zone)
        ended = check_time(self.ended, "end", now, zone) if self.ended is not None else None
        check_order(started, ended)
        trigger = check_code("triggers", self.trigger, "trigger") if self.trigger is not None else None
        return replace(self, started=started, ended=ended, trigger=trigger,
                       regions=check_codes("regions", self.regions, "region"), note=check_note(self.note))


@dataclass
class PainScore:
    at: datetime
    score: int
    note: str = ""
    episode_id: int | None = None
    context: str | None = None
    id: int | None = None

    def validate(self, now: datetime, zone: tzinfo) -> "PainScore":
        if self.context is not None and self.context not in CONTEXTS:
            raise JournalError("context", _("context: unknown '{context}'; allowed: {allowed}.").format(
                    context=self.context, allowed=', '.join(CONTEXTS)))
        return replace(self, at=check_time(self.at, "time", now, zone), score=check_pain(self.score),
                       note=check_note(self.note))


@dataclass
class TherapySession:
    kind: str
    started: datetime
    planned_end: datetime
    ended: datetime | None = None
    end_reason: str | None = None  # stopped | completed | closed_while_away | retroactive
    barrier: bool = False
    retroactive: bool = False
    rule_breaks: tuple[str, ...] = ()
    id: int | None = None

    @property
    def running(self) -> bool:
        return self.ended is None

    def validate(self, now: datetime, zone: tzinfo) -> "TherapySession":
        kind = check_code("therapy_kinds", self.kind, "kind")
        started = check_time(self.started, "start", now, zone)
        ended = check_time(self.ended, "end", now, zone) if self.ended is not None else None
        check_order(started, self.planned_end, "planned end")
        check_order(started, ended)
        return replace(self, kind=kind, started=started, ended=ended)


@dataclass
class Dose:
    at: datetime
    name: str
    med_class: str
    dose: str = ""
    id: int | None = None

    def validate(self, now: datetime, zone: tzinfo) -> "Dose":
        return replace(self, at=check_time(self.at, "time", now, zone), name=check_name(self.name),
                       med_class=check_code("med_classes", self.med_class, "class"),
                       dose=check_note(self.dose, "dose"))


@dataclass
class SymptomCheck:
    at: datetime
    codes: tuple[str, ...] = ()  # empty: every answer was no
    id: int | None = None

    def validate(self, now: datetime, zone: tzinfo) -> "SymptomCheck":
        return replace(self, at=check_time(self.at, "time", now, zone), codes=check_codes("symptoms", self.codes, "symptom"))


@dataclass
class Activity:
    at: datetime
    kind: str
    minutes: int | None = None
    note: str = ""
    id: int | None = None

    def validate(self, now: datetime, zone: tzinfo) -> "Activity":
        minutes = check_int(self.minutes, "minutes", 1, 1440) if self.minutes is not None else None
        return replace(self, at=check_time(self.at, "time", now, zone), kind=check_code("activities", self.kind, "kind"),
                       minutes=minutes, note=check_note(self.note))


@dataclass
class FlagAck:
    code: str
    at: datetime
    key: str = ""  # which occurrence (e.g. the episode or check it came from)
    id: int | None = None


@dataclass
class Profile:
    osteoporosis: str = "unknown"
    steroids: str = "unknown"
    cancer_history: str = "unknown"
    age_band: str = "unknown"
    answered: bool = False
    name: str = ""  # optional, for the doctor report and the FHIR Patient
    born: str = ""  # optional date of birth, YYYY-MM-DD

    def validate(self, today: date) -> "Profile":
        """today: the person's (their zone's) date, the latest allowed date of birth."""
        name = check_note(self.name, "name")
        if "\n" in name:
            raise JournalError("name", _("name: allowed: one line of at most {limit} characters.").format(
                    limit=text_limit('name')))
        born = self.born.strip() if isinstance(self.born, str) else self.born
        if born:
            day = parse_date(born, "born")
            if not date(1900, 1, 1) <= day <= today:
                raise JournalError("born", _("born: {day} is out of range; allowed: 1900-01-01 to today.").format(
                        day=day.isoformat()))
            born = day.isoformat()
        self.name, self.born = name, born or ""
        for name in ("osteoporosis", "steroids", "cancer_history"):
            value = getattr(self, name)
            if value not in PROFILE_ANSWERS:
                raise JournalError(name, _("{name}: '{value}' is not allowed; allowed: {allowed}.").format(
                        name=name, value=value, allowed=', '.join(PROFILE_ANSWERS)))
        if self.age_band not in AGE_BANDS:
            raise JournalError("age_band", _("age_band: '{age_band}' is not allowed; allowed: {allowed}.").format(
                    age_band=self.age_band, allowed=', '.join(AGE_BANDS)))
        return self


ENTRY_KINDS = ("episode", "pain", "therapy", "dose", "symptoms", "activity")


@dataclass
class JournalEntry:
    """One row of the Journal list: any kind of entry, summarised."""
    kind: str
    id: int
    at: datetime
    summary: str
    detail: str = ""
    extra: dict = field(default_factory=dict)
