"""Starts the Kivy app: reads main.py's command line, sets Kivy's environment, opens the journal."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="spasmlog", description="SpasmLog, the back-spasm tracker.")
    parser.add_argument("--db", metavar="PATH", help="the journal file (default: $SPASMLOG_DB or journal.db in the app's data folder)")
    parser.add_argument("--demo", action="store_true", help="open a throwaway journal filled with generated history")
    parser.add_argument("--exit-after-first-frame", action="store_true", help="quit once the first populated frame is drawn")
    parser.add_argument("--size", default="400x800", metavar="WxH", help="window size in pixels (default 400x800)")
    return parser.parse_args(argv)


def _configure_kivy(size: str) -> None:
    """Kivy reads its environment and config at import: set them before anything imports kivy."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError:
        sys.stderr.write(f"--size: '{size}' is not WIDTHxHEIGHT, e.g. 400x800.\n")
        raise SystemExit(2)
    from kivy.config import Config
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "resizable", "1")
    # No multisampling: with a software renderer (Mesa llvmpipe, no GPU) it doubles the cost of every frame
    # while scrolling; the shapes are large rounded panels whose edges look the same without it.
    Config.set("graphics", "multisamples", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    Config.set("kivy", "exit_on_escape", "0")


def _open_services(args):
    """The services on the chosen journal, or the error to show in the app (damaged, disk full, read-only, busy;
    a passphrase needed: the lock view)."""
    from .adapters.locations import default_journal_path
    from .core.errors import PassphraseNeeded, SpasmLogError, WrongPassphrase
    from .services import open_spasmlog

    if args.demo:
        folder = Path(tempfile.mkdtemp(prefix="spasmlog-demo-"))
        svc = open_spasmlog(folder / "demo.db")
        svc.fill_demo(120, seed=7)
        return svc, None, folder / "demo.db"
    path = Path(args.db).expanduser() if args.db else default_journal_path()
    # The journal's language (else the system's) before it is opened: a lock view or a problem is said in it too.
    from .core.i18n import set_language
    from .services.display_prefs import language_of
    set_language(language_of(path))
    try:
        # An encrypted journal opens at once only with SPASMLOG_PASSPHRASE set; else the app asks for it.
        svc = open_spasmlog(path, passphrase=os.environ.get("SPASMLOG_PASSPHRASE") or None, read_only_if_damaged=True)
    except SpasmLogError as exc:
        return None, (PassphraseNeeded(path) if isinstance(exc, WrongPassphrase) else exc), path
    return svc, None, path


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.db is not None:  # a path no file system takes is refused as `python -m app` refuses it (cli/paths.py)
        from .cli.paths import check_path
        from .core.errors import JournalError
        try:
            check_path(args.db, "--db", "file")
        except JournalError as exc:
            sys.stderr.write(exc.message + "\n")
            return 2
    _configure_kivy(args.size)
    svc, error, path = _open_services(args)
    from .ui.app import SpasmLogApp
    SpasmLogApp(svc=svc, journal_error=error, journal_path=path,
                exit_after_first_frame=args.exit_after_first_frame).run()
    if svc is not None:
        svc.close()
    return 0


if __name__ == "__main__":  # python -m spasmlog.launch (the desktop launcher)
    raise SystemExit(main())
