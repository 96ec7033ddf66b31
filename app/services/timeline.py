"""The Journal list: pages of entries of every kind, newest first, each summarised in plain words."""
from __future__ import annotations

from datetime import datetime, timedelta

from ..core.entities import ENTRY_KINDS, JournalEntry
from ..core.errors import JournalError
from ..core.guidance import guidance, label
from ..core.i18n import N_, _, in_sentence, listed
from ..core.timeutil import from_store, human_duration

CONTEXT_WORDS = {
    "before_ice": N_("before ice"), "after_ice": N_("after ice"), "before_heat": N_("before heat"),
    "after_heat": N_("after heat"), "after_dose": N_("after medication"), "checkin": N_("daily check-in"),
    "episode_start": N_("as the spasm started"),
}
END_WORDS = {"stopped": N_("stopped early"), "closed_while_away": N_("ended while the app was closed"),
             "retroactive": N_("added afterwards")}
_SECOND = timedelta(seconds=1)


# In the same second an episode's start comes before the score logged with it, and so on down ENTRY_KINDS.
_RANK = {kind: len(ENTRY_KINDS) - i for i, kind in enumerate(ENTRY_KINDS)}


def _order(kind: str, entry_id: int, at: datetime) -> tuple:
    """The Journal's total order (newest first = largest first): time, then kind, then id."""
    return at, _RANK[kind], entry_id, kind


def page(repo, now: datetime, kinds=None, limit: int = 200, before=None) -> list[JournalEntry]:
    """One page of the Journal, newest first.

    `before` is None (start at the newest), a time (entries strictly older), or the last
    JournalEntry of the previous page (continue right after it, entries in the same second included).
    """
    kinds = _check_kinds(kinds)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 2000:
        raise JournalError("limit", _("limit: '{limit}' is not allowed; allowed: 1 to 2000.").format(limit=limit))
    keys: list[tuple] = []
    cursor = None
    if isinstance(before, JournalEntry):
        # Entries in the cursor's own second that sort after it: the SQL merge below only sees older seconds.
        cursor = _order(before.kind, before.id, before.at)
        keys = [k for k in _second(repo, kinds, before.at) if k < cursor]
        before = before.at
    elif before is not None and not isinstance(before, datetime):
        raise JournalError("before", _("before: give a time or the last entry of the previous page."))
    for kind, row in repo.timeline(tuple(kinds), limit, before):
        keys.append(_order(kind, row["id"], from_store(row["t"])))
    keys.sort(reverse=True)
    if len(keys) >= limit:
        # SQL cut the page by its own tie order; take the whole boundary second and cut it by ours,
        # so the next page (which starts from the last entry shown) misses nothing.
        boundary = keys[limit - 1][0]
        # ...but never again what earlier pages showed (the boundary can be the cursor's own second).
        second = [k for k in _second(repo, kinds, boundary) if cursor is None or k < cursor]
        keys = sorted(set([k for k in keys if k[0] != boundary] + second), reverse=True)
    keys = keys[:limit]
    if not keys:
        return []
    entries = _load(repo, keys)
    return [summarise(kind, entries[(kind, entry_id)], now) for at, _, entry_id, kind in keys
            if (kind, entry_id) in entries]


def _second(repo, kinds, at: datetime) -> list[tuple]:
    """The order keys of every entry in the same second as `at`."""
    return [_order(kind, e.id, _time(e)) for kind in kinds for e in repo.between(kind, at, at + _SECOND)]


def _check_kinds(kinds) -> list[str]:
    if kinds is None:
        return list(ENTRY_KINDS)
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    unknown = [k for k in kinds if k not in ENTRY_KINDS]
    if unknown or not kinds:
        raise JournalError("kinds", _("kinds: unknown '{value}'; allowed: {allowed}.").format(
                value=unknown[0] if unknown else '', allowed=', '.join(ENTRY_KINDS)))
    return kinds


def _time(entry) -> datetime:
    return getattr(entry, "at", None) or entry.started


def _load(repo, keys) -> dict:
    """The full entries of a page: one time-window query per kind instead of one query per row."""
    newest, oldest = keys[0][0], keys[-1][0]
    wanted: dict[str, set] = {}
    for _, _, entry_id, kind in keys:
        wanted.setdefault(kind, set()).add(entry_id)
    found = {}
    for kind, ids in wanted.items():
        for e in repo.between(kind, oldest, newest + _SECOND):
            if e.id in ids:
                found[(kind, e.id)] = e
    return found


def summarise(kind: str, entry, now: datetime) -> JournalEntry:
    """One Journal row: a short summary and a detail line, in the person's words."""
    at = _time(entry)
    summary, detail, extra = _SUMMARIES[kind](entry, now)
    return JournalEntry(kind=kind, id=entry.id, at=at, summary=summary, detail=detail, extra=extra)


def _pain(e, now):
    band = next((b["label"] for b in guidance()["pain"]["bands"] if b["min"] <= e.score <= b["max"]), "")
    detail = " · ".join(x for x in (band, _(CONTEXT_WORDS.get(e.context or "", "")), e.note) if x)
    return _("Pain {score}/10").format(score=e.score), detail, {"score": e.score}


def _dose(e, now):
    summary = f"{e.name} {e.dose}".strip()
    return summary, label("med_classes", e.med_class), {}


def _therapy(e, now):
    kind = label("therapy_kinds", e.kind)
    if e.ended is None:
        return _("{kind} · running").format(kind=kind), "", {}
    if e.end_reason == "cancelled":
        seconds = max(0, int((e.ended - e.started).total_seconds()))
        return (_("{kind} · start cancelled").format(kind=kind),
                _("stopped after {seconds} s · not counted, no break needed").format(seconds=seconds),
                {"cancelled": True})
    minutes = max(0, round((e.ended - e.started).total_seconds() / 60))
    parts = [_end_words(e)]
    if e.rule_breaks:
        parts.append(_("outside the timing guidance"))
    return f"{kind} {minutes} min", " · ".join(p for p in parts if p), {}


def _end_words(e) -> str:
    """How a session ended; a heat session stopped at or after its minimum time on was not stopped early."""
    least = guidance()["therapy"]["heat"]["min_minutes"]
    if e.end_reason == "stopped" and e.kind == "heat" and e.ended - e.started >= timedelta(minutes=least):
        return _("stopped after the {least} min it needs").format(least=least)
    return _(END_WORDS.get(e.end_reason or "", ""))


def _episode(e, now):
    if e.ended is None:
        summary, so_far = _("Spasm · going on"), _("{duration} so far").format(duration=human_duration(now - e.started))
    else:
        summary, so_far = _("Spasm · {duration}").format(duration=human_duration(e.ended - e.started)), ""
    # Two places at most (the edit panel shows them all): the row has room for two lines, and the trigger.
    names = [label("regions", r) for r in e.regions]
    where = (listed(names) if len(names) <= 2 else
             _("{first}, {second} and {n} more").format(first=names[0], second=in_sentence(names[1]), n=len(names) - 2))
    trigger = _("after: {trigger}").format(trigger=in_sentence(label("triggers", e.trigger))) if e.trigger else ""
    return summary, " · ".join(x for x in (so_far, trigger, where, e.note) if x), {"open": e.ended is None}


def _symptoms(e, now):
    if not e.codes:
        return _("Symptom check: no warning signs"), "", {}
    return _("Symptom check: {said}").format(
            said=listed(label("symptoms", c) for c in e.codes)), "", {"warning": True}


def _activity(e, now):
    name = label("activities", e.kind)
    return (f"{name} {e.minutes} min" if e.minutes else name), e.note, {}


_SUMMARIES = {"pain": _pain, "dose": _dose, "therapy": _therapy, "episode": _episode,
              "symptoms": _symptoms, "activity": _activity}


def recent_medicines(repo, limit: int = 6, scan: int = 500) -> list[tuple[str, str, str]]:
    """Distinct medicine names (with their last class and dose), newest first, from the last `scan` doses."""
    seen, found = set(), []
    for d in repo.between("dose", newest_first=True, limit=scan):
        key = d.name.casefold()
        if key not in seen:
            seen.add(key)
            found.append((d.name, d.med_class, d.dose))
            if len(found) >= limit:
                break
    return found
