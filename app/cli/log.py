"""`log …`: write episodes, pain scores, doses, symptom checks and activity from a terminal."""
from __future__ import annotations

from ..core.guidance import codes, label
from ..core.i18n import _
from ..core.timeutil import hhmm, iso_local
from .common import add_common, emit, flag_line, open_services, pain_before


def add_parsers(sub) -> None:
    log = sub.add_parser("log", help="write an entry into the journal")
    kinds = log.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(log))

    p = kinds.add_parser("episode-start", help="a spasm episode has started")
    p.add_argument("--region", action="append", default=[], metavar="R", help=f"where it hurts (repeat): {', '.join(codes('regions'))}")
    p.add_argument("--trigger", metavar="T", help=f"what set it off: {', '.join(codes('triggers'))}")
    p.add_argument("--note", default="", metavar="TEXT")
    add_common(p)
    p.set_defaults(handler=_episode_start)

    p = kinds.add_parser("episode-end", help="the open episode is over")
    add_common(p)
    p.set_defaults(handler=_episode_end)

    p = kinds.add_parser("pain", help="a pain score, 0 (none) to 10 (worst imaginable)")
    p.add_argument("score", metavar="N")
    p.add_argument("--note", default="", metavar="TEXT")
    add_common(p)
    p.set_defaults(handler=_pain)

    p = kinds.add_parser("med", help="a medication dose")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--class", dest="med_class", required=True, metavar="CLASS", help=f"one of: {', '.join(codes('med_classes'))}")
    p.add_argument("--dose", default="", metavar="TEXT", help="e.g. '400 mg'")
    p.add_argument("--pain-before", metavar="N", help="your pain now, 0 to 10, so the report can tell whether it helped")
    add_common(p)
    p.set_defaults(handler=_med)

    p = kinds.add_parser("symptoms", help="a symptom check: the codes answered yes, or 'none'")
    p.add_argument("codes", nargs="+", metavar="CODE", help=f"'none' or any of: {', '.join(codes('symptoms'))}")
    add_common(p)
    p.set_defaults(handler=_symptoms)

    p = kinds.add_parser("activity", help="exercise, stretching, a walk, physio")
    p.add_argument("activity", metavar="KIND", help=f"one of: {', '.join(codes('activities'))}")
    p.add_argument("--minutes", metavar="N")
    p.add_argument("--note", default="", metavar="TEXT")
    add_common(p)
    p.set_defaults(handler=_activity)


def _when(svc, args):
    return svc.now() if args.at is not None else None


def _episode_start(args) -> int:
    svc = open_services(args)
    ep = svc.entries.start_episode(regions=args.region, trigger=args.trigger, note=args.note, at=_when(svc, args))
    # What this episode raised (a fall or accident: trauma, ...), as `log symptoms` shows what a check raised.
    flags = [f for f in svc.flags.open_flags() if f.key == f"episode:{ep.id}"]
    emit(args, {"id": ep.id, "kind": "episode", "started": iso_local(ep.started, svc.zone),
                "regions": list(ep.regions), "trigger": ep.trigger, "flags": _flag_objects(flags)},
         _("Spasm episode started at {time}. Take care; log your pain when you can.").format(time=hhmm(ep.started, svc.zone))
         + _flag_text(flags))
    return 0


def _episode_end(args) -> int:
    svc = open_services(args)
    ep = svc.entries.end_episode(at=_when(svc, args))
    summary = svc.entries.episode_summary(ep, ep.ended)
    emit(args, {"id": ep.id, "kind": "episode", "started": iso_local(ep.started, svc.zone), "ended": iso_local(ep.ended, svc.zone),
                "hours": summary["hours"]},
         _("Episode ended at {time}; it lasted {duration}.").format(time=hhmm(ep.ended, svc.zone), duration=summary['duration']))
    return 0


def _pain(args) -> int:
    svc = open_services(args)
    entry = svc.entries.log_pain(args.score, note=args.note, at=_when(svc, args))
    emit(args, {"id": entry.id, "kind": "pain", "at": iso_local(entry.at, svc.zone), "score": entry.score,
                "episode_id": entry.episode_id},
         _("Pain {score}/10 logged at {time}.").format(score=entry.score, time=hhmm(entry.at, svc.zone)))
    return 0


def _med(args) -> int:
    pain = pain_before(args)
    svc = open_services(args)
    entry = svc.entries.log_dose(args.name, args.med_class, dose=args.dose, at=_when(svc, args), pain_before=pain)
    emit(args, {"id": entry.id, "kind": "dose", "at": iso_local(entry.at, svc.zone), "name": entry.name,
                "class": entry.med_class, "dose": entry.dose},
         _("{medicine} logged at {time}.").format(medicine=f"{entry.name} {entry.dose}".strip(), time=hhmm(entry.at, svc.zone)))
    return 0


def _symptoms(args) -> int:
    svc = open_services(args)
    entry = svc.entries.log_symptoms(args.codes, at=_when(svc, args))
    flags = svc.flags.for_check(entry)  # what this check raised (status lists every open flag)
    emit(args, {"id": entry.id, "kind": "symptoms", "at": iso_local(entry.at, svc.zone), "codes": list(entry.codes) or ["none"],
                "flags": _flag_objects(flags)},
         _("Symptom check saved.") + _flag_text(flags))
    return 0


def _flag_objects(flags) -> list[dict]:
    """The flags an entry raised, for --json: code, tier and message (as `status --json` lists them)."""
    return [{"code": f.code, "tier": f.tier, "message": f.message} for f in flags]


def _flag_text(flags) -> str:
    """The flags an entry raised, one line each after the confirmation, most serious first."""
    return "".join("\n" + flag_line(f) for f in flags)


def _activity(args) -> int:
    svc = open_services(args)
    entry = svc.entries.log_activity(args.activity, minutes=args.minutes, note=args.note, at=_when(svc, args))
    emit(args, {"id": entry.id, "kind": "activity", "at": iso_local(entry.at, svc.zone), "activity": entry.kind,
                "minutes": entry.minutes},
         (_("{activity} ({minutes} min) logged at {time}. Well done.") if entry.minutes else
          _("{activity} logged at {time}. Well done.")).format(activity=label("activities", entry.kind),
                                                                minutes=entry.minutes, time=hhmm(entry.at, svc.zone)))
    return 0
