"""`demo --days N [--seed S]`: fill an empty journal with realistic generated history."""
from __future__ import annotations

from ..core.i18n import _
from .common import add_common, emit, open_services, parse_int


def add_parsers(sub) -> None:
    p = sub.add_parser("demo", help="fill an empty journal with generated history (for trying the app)")
    p.add_argument("--days", required=True, metavar="N")
    p.add_argument("--seed", default="1", metavar="S")
    add_common(p)
    p.set_defaults(handler=_demo)


def _demo(args) -> int:
    from ..services.demo import MAX_DAYS
    days = parse_int(args.days, "days", _("1 to {most}").format(most=MAX_DAYS))
    seed = parse_int(args.seed, "seed", _("any whole number"))
    svc = open_services(args)
    counts = svc.fill_demo(days, seed)
    emit(args, {"days": days, "seed": seed, "counts": counts},
         _("Demo journal written: {days} days, {counts}.").format(
             days=days, counts=", ".join(f"{n} {k}" for k, n in counts.items())))
    return 0
