"""`desktop install|uninstall`: the app's launcher (.desktop entry) and icon in the desktop's application menu."""
from __future__ import annotations

from pathlib import Path

from ..core.i18n import _
from .common import emit


def add_parsers(sub) -> None:
    p = sub.add_parser("desktop", help="add or remove SpasmLog in the desktop's application menu")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    for name, handler, text in (("install", _install, "add the launcher and icon (freedesktop.org)"),
                                ("uninstall", _uninstall, "remove them")):
        a = actions.add_parser(name, help=text, description=text)
        a.add_argument("--db", metavar="PATH", help="open this journal from the launcher (default: the usual one)")
        a.add_argument("--json", action="store_true", help="print the result as JSON")
        a.set_defaults(handler=handler)


def _install(args) -> int:
    from ..adapters import desktop
    entry = desktop.install_launcher(Path(args.db).expanduser().absolute() if args.db else None)
    emit(args, {"launcher": str(entry), "icon": str(desktop.installed_icon_path())},
         _("SpasmLog is in your application menu ({entry}).").format(entry=entry))
    return 0


def _uninstall(args) -> int:
    from ..adapters import desktop
    removed = desktop.remove(desktop.launcher_path())
    emit(args, {"removed": removed},
         _("SpasmLog's launcher is removed.") if removed else _("There was no launcher to remove."))
    return 0
