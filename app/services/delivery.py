"""What to tell a person about reminders that fell due, and telling each exactly once (app or agent)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ..core.guidance import guidance
from ..core.i18n import N_, _, ngettext

# After a long sleep of the machine, reminders older than this are no longer news.
STALE = timedelta(hours=1)
# Delivery records are kept this long, then forgotten (nothing older is ever told).
KEEP_RECORDS = timedelta(days=2)
# Reminders that come with the chime: the end of a session and heat's "you may stop now".
LOUD = ("session_end", "heat_may_stop")
# Said in the person's language when told (title()); heat's {minutes} is filled in from guidance.toml.
TITLES = {"session_end": N_("Time's up"), "heat_may_stop": N_("Heat: {minutes} minutes"),
          "pain_checkin": N_("Pain check"), "ice_allowed": N_("Ice allowed again"), "heat_allowed": N_("Heat allowed again"),
          "daily_checkin": N_("Daily check-in"), "move": N_("Time to move")}
# What the lock screen shows when the person asked for discreet notifications (no health details).
DISCREET_TITLE = N_("SpasmLog reminder")
DISCREET_MESSAGE = N_("Open SpasmLog to see it.")


@dataclass
class Delivery:
    """What the person is told at one moment: one or more reminders that fell due together."""
    at: datetime
    kinds: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    heading: str = ""  # a more precise title than the kind's, e.g. "Ice done"

    @property
    def kind(self) -> str:
        return self.kinds[0]

    @property
    def title(self) -> str:
        if self.heading or self.kind not in TITLES:
            return self.heading or "SpasmLog"
        return _(TITLES[self.kind]).format(minutes=guidance()["therapy"]["heat"]["min_minutes"])

    @property
    def message(self) -> str:
        return " ".join(self.lines)

    @property
    def loud(self) -> bool:
        """Plays the chime."""
        return any(k in LOUD for k in self.kinds)

    @property
    def popup(self) -> bool:
        """Shown as a popup that stays until tapped (a session's end); others are a snackbar."""
        return "session_end" in self.kinds


def group(reminders: list[dict], now: datetime) -> list[Delivery]:
    """Reminders that fell due together become one Delivery; stale ones and repeats of a kind are dropped."""
    fresh = [r for r in reminders if now - r["at"] <= STALE]
    latest = {}
    for r in fresh:  # oldest first, so the newest of each kind wins
        latest[r["kind"]] = r
    out: dict[datetime, Delivery] = {}
    for r in sorted(latest.values(), key=lambda r: r["at"]):
        d = out.setdefault(r["at"], Delivery(r["at"]))
        d.kinds.append(r["kind"])
        d.lines.append(r["message"])
    return list(out.values())


def summarise(deliveries: list[Delivery]) -> list[Delivery]:
    """Several moments told at once (after the machine slept): one Delivery saying all, never a burst.

    Applied after claim(): each moment is claimed with its own due time, then told together.
    """
    if len(deliveries) <= 1:
        return deliveries
    last = deliveries[-1]
    return [Delivery(last.at, [k for d in deliveries for k in d.kinds], [line for d in deliveries for line in d.lines],
                     heading=ngettext("{n} reminder", "{n} reminders", len(deliveries)).format(n=len(deliveries)))]


def notification_text(d: Delivery, discreet: bool) -> tuple[str, str]:
    """(title, message) for the OS notification: the reminder itself, or no health details when discreet."""
    return (_(DISCREET_TITLE), _(DISCREET_MESSAGE)) if discreet else (d.title, d.message)


def claim(svc, d: Delivery, by: str) -> Delivery | None:
    """The part of `d` this caller won the right to tell (recorded in the journal), or None if told already.

    The app and the login agent both call this before telling: whoever claims a reminder first tells it
    (in the journal, or for an encrypted one in the claims file beside it: svc._told).
    """
    won = svc._told.claim_reminders([(k, d.at) for k in d.kinds], svc.now(), by)
    if not any(won):
        return None
    if all(won):
        return d
    kept = [(k, line) for k, line, w in zip(d.kinds, d.lines, won) if w]
    return replace(d, kinds=[k for k, _ in kept], lines=[line for _, line in kept])


def titled(svc, deliveries: list[Delivery], now: datetime) -> list[Delivery]:
    """A session's end is titled 'Ice done' / 'Heat done', after the session whose planned end it is (not known
    to the agent of an encrypted journal, which tells every reminder discreetly)."""
    if getattr(svc, "therapy", None) is None:
        return deliveries
    for d in deliveries:
        if "session_end" in d.kinds:
            for s in svc.therapy.recent(now):
                if s.planned_end == d.at:
                    d.heading = _("{kind} done").format(kind=svc.therapy.kind_label(s.kind))
                    break
    return deliveries


def to_tell(svc, reminders: list[dict], now: datetime, by: str) -> list[Delivery]:
    """Due reminders -> what `by` tells now: grouped by moment, each claimed in the journal, titled, summarised."""
    mine = [won for d in group(reminders, now) if (won := claim(svc, d, by)) is not None]
    return summarise(titled(svc, mine, now))


ON_HOLD = N_("Reminders are on hold: {problem}. None is told until that is solved, so none is told twice; your journal "
            "is not touched.")
GOING_ON = N_("Reminders go on: the problem is solved.")


class OnHold:
    """Says once why reminders wait (a full disk, the claims file held by another program, …), and once when they go
    on again; the app logs these lines, `reminders watch` prints them."""

    def __init__(self, report):
        self.report = report
        self.line: str | None = None

    def failed(self, svc, exc: BaseException) -> bool:
        """Nothing could be claimed, so nothing was told; False for an error that is none of these (a bug)."""
        from .agent_schedule import problem_words
        from .faults import project_error
        if project_error(exc, svc.claims_path) is None:
            return False
        line = _(ON_HOLD).format(problem=problem_words(exc, svc.claims_path))
        if line != self.line:
            self.report(line)
        self.line = line
        return True

    def solved(self) -> None:
        if self.line is not None:
            self.report(_(GOING_ON))
            self.line = None


def told(svc, since: datetime, until: datetime) -> dict:
    """(kind, due) -> who told it, for reminders due in (since, until]."""
    return svc._told.reminders_told(since, until)


def forget_old_records(svc) -> None:
    """Delivery records older than KEEP_RECORDS go: nothing that old is ever told again."""
    svc._told.forget_reminders_told(svc.now() - KEEP_RECORDS)
