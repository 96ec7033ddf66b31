"""`therapy start|stop|add`: ice and heat sessions from a terminal, with the timing rules enforced."""
from __future__ import annotations

from ..core.i18n import _, in_sentence
from ..core.timeutil import hhmm, iso_local, parse_time
from .common import add_common, emit, open_services, pain_before, parse_int, zone_for


def add_parsers(sub) -> None:
    therapy = sub.add_parser("therapy", help="ice and heat sessions (timing rules enforced)")
    actions = therapy.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(therapy))

    p = actions.add_parser("start", help="start a live ice or heat session now")
    p.add_argument("kind", metavar="ice|heat")
    p.add_argument("--minutes", metavar="N", help="ice: 1 to 10 (default 10); heat: 15 to 20 (default from settings, 20)")
    p.add_argument("--barrier", action="store_true", help="a cloth or towel is between the ice and your skin (required for ice)")
    p.add_argument("--pain-before", metavar="N", help="your pain now, 0 to 10, so the report can tell whether it helped")
    add_common(p)
    p.set_defaults(handler=_start)

    p = actions.add_parser("stop", help="stop the running session now")
    add_common(p)
    p.set_defaults(handler=_stop)

    p = actions.add_parser("add", help="a past session, stored as it was and marked if it broke a rule")
    p.add_argument("kind", metavar="ice|heat")
    p.add_argument("--start", required=True, metavar="T", help="when it started (ISO-8601)")
    p.add_argument("--end", required=True, metavar="T", help="when it ended (ISO-8601)")
    p.add_argument("--barrier", action="store_true", help="a cloth or towel was used (ice)")
    add_common(p)
    p.set_defaults(handler=_add)


def _notices(svc) -> list[str]:
    """Sessions closed at their planned end because no one was there (told on every command)."""
    return [svc.therapy.closed_message(s) for s in svc.closed_while_away]


def _start(args) -> int:
    minutes = (parse_int(args.minutes, "minutes", _("ice 1 to 10, heat 15 to 20"))
               if args.minutes is not None else None)
    pain = pain_before(args)
    svc = open_services(args)
    s = svc.therapy.start(args.kind, minutes=minutes, barrier=args.barrier, pain_before=pain)
    hint = svc.therapy.hint(s.kind)
    length = round((s.planned_end - s.started).total_seconds() / 60)
    text = [*_notices(svc), _("{kind} started at {time} for {minutes} min; it ends at {end}.").format(
        kind=svc.therapy.kind_label(s.kind), time=hhmm(s.started, svc.zone), minutes=length, end=hhmm(s.planned_end, svc.zone)), hint]
    emit(args, {"id": s.id, "kind": s.kind, "started": iso_local(s.started, svc.zone), "ends": iso_local(s.planned_end, svc.zone),
                "minutes": length, "remaining_s": int((s.planned_end - svc.now()).total_seconds()),
                "barrier": s.barrier, "hint": hint, "closed_while_away": _notices(svc)},
         "\n".join(text))
    return 0


def _stop(args) -> int:
    svc = open_services(args)
    s = svc.therapy.stop()
    avail = svc.therapy.availability(s.kind)
    minutes = int((s.ended - s.started).total_seconds() // 60)
    kind = svc.therapy.kind_label(s.kind)
    again = (" " + _("{kind} again from {time}.").format(kind=kind, time=hhmm(avail.next_allowed, svc.zone))
             if avail.next_allowed else "")
    text = [*_notices(svc), _("{kind} stopped at {time} after {minutes} min.").format(
                kind=kind, time=hhmm(s.ended, svc.zone), minutes=minutes) + again,
            _("How is your pain now? Log it with: python -m app log pain N")]
    emit(args, {"id": s.id, "kind": s.kind, "started": iso_local(s.started, svc.zone), "ended": iso_local(s.ended, svc.zone),
                "minutes": minutes, "next_allowed": iso_local(avail.next_allowed, svc.zone),
                "closed_while_away": _notices(svc)},
         "\n".join(text))
    return 0


def _add(args) -> int:
    start = parse_time(args.start, "--start", zone_for(args))  # without an offset: the clock's wall-clock time
    end = parse_time(args.end, "--end", zone_for(args))
    svc = open_services(args)
    s = svc.therapy.add_past(args.kind, start, end, barrier=args.barrier)
    broke = svc.therapy.rule_texts(s)
    text = [*_notices(svc), _("Past {kind} session saved: {start} to {end}.").format(
        kind=in_sentence(svc.therapy.kind_label(s.kind)), start=hhmm(s.started, svc.zone), end=hhmm(s.ended, svc.zone))]
    if broke:
        text.append(_("Noted, as it happened:") + " " + " ".join(broke))
    emit(args, {"id": s.id, "kind": s.kind, "started": iso_local(s.started, svc.zone), "ended": iso_local(s.ended, svc.zone),
                "retroactive": True, "rule_breaks": list(s.rule_breaks), "closed_while_away": _notices(svc)},
         "\n".join(text))
    return 0
