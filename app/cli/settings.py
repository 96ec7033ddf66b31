"""`settings [KEY [VALUE]]`: show every setting, show one, or change one."""
from __future__ import annotations

from ..core.i18n import _, set_language
from .common import add_common, emit, open_services


def add_parsers(sub) -> None:
    p = sub.add_parser("settings", help="show or change a setting (theme dark|light, text_size 100|125|150, …)")
    p.add_argument("key", metavar="KEY", nargs="?")
    p.add_argument("value", metavar="VALUE", nargs="?")
    add_common(p)
    p.set_defaults(handler=_settings)


def _settings(args) -> int:
    svc = open_services(args, must_exist=args.value is None)
    if args.key is None:
        values = svc.settings.all()
        emit(args, values, "\n".join(f"{k}: {v}" for k, v in values.items()))
    elif args.value is None:
        value = svc.settings.get(args.key)
        emit(args, {args.key: value}, value)
    else:
        value = svc.settings.set(args.key, args.value)
        if args.key == "language":
            set_language(value)  # said in the language just chosen
        emit(args, {args.key: value}, _("{key}: {value} (saved)").format(key=args.key, value=value))
    return 0
