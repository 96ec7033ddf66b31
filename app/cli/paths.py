"""Every path the command line takes, checked once before any command runs: one line naming it, exit 2, nothing written."""
from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import JournalError
from ..core.i18n import N_, _

# The parsed argument → (the name a person typed, what it must be). A command that adds a path option adds it here.
PATH_ARGUMENTS = {
    "db": ("--db", "file"),
    "out": ("--out", "folder"),
    "backup": ("BACKUP", "file"),
    "pdf_password_file": ("--pdf-password-file", "file"),
    "passphrase_file": ("--passphrase-file", "file"),
    "new_passphrase_file": ("--new-passphrase-file", "file"),
}
ALLOWED = {"file": N_("allowed: the path of a file (its folders are created when missing where a command writes one)"),
           "folder": N_("allowed: the path of a folder (created when missing)")}
NAME_MAX, PATH_MAX = 255, 4096  # bytes, as Linux and macOS file systems allow; pathconf() narrows them where it can


def check_path_arguments(args) -> None:
    """Refuse a path no file system takes (a NUL, an over-long name, empty) or one of the wrong kind (a folder
    given for a file, a file for a folder, a file where a folder must be), before anything is opened or made."""
    for attr, (field, kind) in PATH_ARGUMENTS.items():
        value = getattr(args, attr, None)
        if value is not None:
            check_path(value, field, kind)


def check_path(value: str, field: str, kind: str) -> Path:
    """The path `value` (argument `field`, a "file" or a "folder") made absolute, or JournalError saying why not."""
    def refuse(problem: str, **names) -> JournalError:
        return JournalError(field, "{field}: {problem}; {allowed}.".format(
                field=field, problem=_(problem).format(**names), allowed=_(ALLOWED[kind])))

    if value == "":
        raise refuse(N_("is empty"))
    if "\x00" in value:  # no file name holds one (the OS refuses it with a bare ValueError)
        raise refuse(N_("contains a NUL character"))
    path = Path(value).expanduser().absolute()
    existing = _nearest_existing(path)
    name_max, path_max = _limits(existing)
    if len(os.fsencode(path)) > path_max:
        raise refuse(N_("is too long: {size} bytes, more than the {limit} a path may have"),
                     size=len(os.fsencode(path)), limit=path_max)
    for part in path.parts:
        if len(os.fsencode(part)) > name_max:
            raise refuse(N_("the name '{name}…' is too long: {size} bytes, more than the {limit} a name may have"),
                         name=part[:24], size=len(os.fsencode(part)), limit=name_max)
    if existing != path and not existing.is_dir():
        raise refuse(N_("{existing} is a file, so nothing can be inside it"), existing=existing)
    if kind == "file" and path.is_dir():
        raise refuse(N_("{path} is a folder"), path=path)
    if kind == "folder" and path.exists() and not path.is_dir():
        raise refuse(N_("{path} is a file"), path=path)
    return path


def _nearest_existing(path: Path) -> Path:
    """The path itself if it exists, else its nearest ancestor that does (the root at last)."""
    probe = path
    while not os.path.lexists(probe) and probe != probe.parent:
        probe = probe.parent
    return probe


def _limits(existing: Path) -> tuple[int, int]:
    """(longest name, longest path) in bytes on the file system that would hold the path."""
    folder = existing if existing.is_dir() else existing.parent
    try:
        return (min(NAME_MAX, os.pathconf(folder, "PC_NAME_MAX")), min(PATH_MAX, os.pathconf(folder, "PC_PATH_MAX")))
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or it cannot say
        return NAME_MAX, PATH_MAX
