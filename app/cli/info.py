"""`status`, `profile` and `ack`: read the state now, answer the profile, acknowledge a flag."""
from __future__ import annotations

from ..core.entities import AGE_BANDS, PROFILE_ANSWERS
from ..core.guidance import label
from ..core.i18n import _
from ..core.timeutil import hhmm, hhmm_from
from .common import add_common, emit, flag_line, open_services


def add_parsers(sub) -> None:
    p = sub.add_parser("status", help="the state now: episode, therapy, flags, reminders")
    add_common(p, writes=False)
    p.set_defaults(handler=_status)

    p = sub.add_parser("profile", help="show or change your profile")
    for name in ("osteoporosis", "steroids", "cancer-history"):
        p.add_argument(f"--{name}", metavar="|".join(PROFILE_ANSWERS))
    p.add_argument("--age-band", metavar="BAND", help=f"one of: {', '.join(AGE_BANDS)}")
    p.add_argument("--name", metavar="TEXT", help="your name, for the doctor report (optional; '' clears it)")
    p.add_argument("--born", metavar="YYYY-MM-DD", help="your date of birth, for the doctor report (optional)")
    add_common(p)
    p.set_defaults(handler=_profile)

    p = sub.add_parser("ack", help="say you have seen a flag (it leaves status; it stays in reports)")
    p.add_argument("code", metavar="CODE")
    add_common(p)
    p.set_defaults(handler=_ack)


def _status(args) -> int:
    from ..services.status import status_json
    svc = open_services(args, must_exist=True)
    status = svc.status()
    emit(args, status_json(status), _status_text(status))
    return 0


def _status_text(status: dict) -> str:
    zone = status["zone"]  # the services' clock's
    lines = [_("Status at {time}").format(time=hhmm(status['at'], zone))]
    ep = status["episode"]
    lines.append(_("Spasm episode: day {day}, {duration} so far.").format(day=ep['day'], duration=ep['duration'])
                 if ep else _("No spasm episode open."))
    lines.extend(status.get("closed_while_away", []))
    session = status.get("session")
    if session:
        lines.append(_("{kind} running, ends at {time} ({minutes} min left).").format(
            kind=label("therapy_kinds", session.kind), time=hhmm(session.ends, zone),
            minutes=-(-session.remaining_s // 60)))
    for kind in ("ice", "heat"):
        if kind in status:
            st = status[kind]
            lines.append(f"{label('therapy_kinds', kind)}: " + (_("allowed now.") if st.allowed else st.reason)
                         + (f" {st.hint}" if st.hint and st.allowed else ""))
    lines.extend(flag_line(flag) for flag in status["flags"])
    for rem in status["reminders"][:3]:
        lines.append(_("Next: {when} {message}").format(
                when=hhmm_from(rem['at'], status['at'], zone), message=rem['message']))
    return "\n".join(lines)


def _profile(args) -> int:
    svc = open_services(args)
    changes = {k: v for k, v in {"osteoporosis": args.osteoporosis, "steroids": args.steroids,
                                 "cancer_history": args.cancer_history, "age_band": args.age_band,
                                 "name": args.name, "born": args.born}.items()
               if v is not None}
    profile = svc.settings.update_profile(**changes) if changes else svc.settings.profile()
    data = {"osteoporosis": profile.osteoporosis, "steroids": profile.steroids,
            "cancer_history": profile.cancer_history, "age_band": profile.age_band,
            "name": profile.name, "born": profile.born}
    emit(args, data, (_("Profile saved.") + " " if changes else "") + ", ".join(f"{k}: {v}" for k, v in data.items()))
    return 0


def _ack(args) -> int:
    svc = open_services(args)
    acked = svc.flags.acknowledge(args.code)
    emit(args, {"code": args.code, "acknowledged": len(acked)},
         _("Noted: you have seen '{code}'. It stays in your doctor report.").format(code=args.code))
    return 0
