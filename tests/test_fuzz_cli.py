"""Bad input at every option of every CLI subcommand: exit 2, a message naming the field, nothing written."""
from __future__ import annotations

import re
import sqlite3
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.cli.main import main

LONG = "x" * 2001
TRIED = Counter()


def _future(minutes: int = 10) -> str:
    """A placeholder for a time this many minutes ahead, filled in when the case runs (see _resolve)."""
    return f"{{future+{minutes}}}"


def _resolve(arg: str, tmp_path) -> str:
    """The argument as the case runs it: the CLI checks --at against the real clock, so "the future" is
    computed from it at that moment, not when the cases were collected (a slow suite would make it past)."""
    match = re.fullmatch(r"\{future\+(\d+)\}", arg)
    if match:
        ahead = datetime.now().astimezone() + timedelta(minutes=int(match.group(1)))
        return ahead.replace(microsecond=0).isoformat()
    return arg.replace("{tmp}", str(tmp_path))


def _bad_times() -> list[tuple[str, str]]:
    """(value, why) pairs every --at refuses."""
    return [(_future(10), "future"), (_future(60 * 24 * 400), "far future"), ("garbage", "malformed"),
            ("2026-13-01T10:00", "month 13"), ("2026-02-30", "30 February"), ("", "empty"),
            ("1900-01-01T00:00", "before 1970"), ("2026-03-01T25:00", "hour 25"), ("2026-03-01T10:00+25:00", "offset")]


# (argv, the field the message must name). Every case must exit 2 and write nothing.
CASES: list[tuple[list[str], str]] = [
    # log pain
    *[(["log", "pain", v], "score") for v in ["11", "-1", "abc", "5.5", "", "²", "٣", "1e1", "+-5", "10000000000000000000000", "nan"]],
    (["log", "pain", "5", "--note", LONG], "note"),
    (["log", "pain", "5", "--note", "a\x00b"], "note"),
    # log episode-start / episode-end
    (["log", "episode-start", "--region", "lower_backk"], "region"),
    (["log", "episode-start", "--region", ""], "region"),
    (["log", "episode-start", "--region", "neck", "--region", "elbow"], "region"),
    (["log", "episode-start", "--trigger", "gardening"], "trigger"),
    (["log", "episode-start", "--note", LONG], "note"),
    (["log", "episode-end"], "episode"),  # none open
    # log med
    (["log", "med", "ibuprofen", "--class", "opioid"], "class"),
    (["log", "med", "ibuprofen", "--class", ""], "class"),
    (["log", "med", "", "--class", "nsaid"], "name"),
    (["log", "med", "   ", "--class", "nsaid"], "name"),
    (["log", "med", "n" * 101, "--class", "nsaid"], "name"),
    (["log", "med", "ibuprofen", "--class", "nsaid", "--dose", LONG], "dose"),
    (["log", "med", "ibuprofen"], "--class"),  # required option missing
    # log symptoms
    (["log", "symptoms", "headache"], "symptom"),
    (["log", "symptoms", "none", "fever"], "symptom"),
    (["log", "symptoms", "fever", ""], "symptom"),
    # log activity
    (["log", "activity", "swimming"], "kind"),
    *[(["log", "activity", "walk", "--minutes", v], "minutes") for v in ["0", "-5", "1441", "abc", "2.5", ""]],
    (["log", "activity", "walk", "--note", LONG], "note"),
    # profile
    (["profile", "--osteoporosis", "maybe"], "osteoporosis"),
    (["profile", "--steroids", ""], "steroids"),
    (["profile", "--cancer-history", "YES"], "cancer_history"),
    (["profile", "--age-band", "200"], "age_band"),
    # ack
    (["ack", "not_a_flag"], "code"),
    (["ack", ""], "code"),
    # demo
    *[(["demo", "--days", v], "days") for v in ["-1", "0", "abc", "", "100000000"]],
    (["demo", "--days", "3", "--seed", "abc"], "seed"),
    # therapy
    (["therapy", "start", "steam"], "kind"),
    (["therapy", "start", "heat", "--minutes", "abc"], "minutes"),
    (["therapy", "start", "heat", "--minutes", "0"], "minutes"),
    (["therapy", "start", "heat", "--minutes", "500"], "minutes"),
    (["therapy", "stop"], "session"),
    (["therapy", "add", "ice", "--start", "yesterday", "--end", "2026-03-01T10:00"], "--start"),
    (["therapy", "add", "heat", "--start", "2026-03-01T10:00", "--end", "soon"], "--end"),
    (["therapy", "add", "heat", "--start", "2026-03-01T10:20", "--end", "2026-03-01T10:00"], "end"),
    (["therapy", "add", "heat", "--start", "2026-03-01T10:00", "--end", _future(30)], "end"),
    (["therapy", "add", "steam", "--start", "2026-03-01T10:00", "--end", "2026-03-01T10:10"], "kind"),
    # export
    (["export", "--out", "{tmp}/out", "--from", "March"], "--from"),
    (["export", "--out", "{tmp}/out", "--to", "2026-02-30"], "--to"),
    (["export", "--out", "{tmp}/out", "--format", "docx"], "--format"),
    (["export", "--out", "{tmp}/out", "--from", "2026-03-10", "--to", "2026-03-01"], "--from"),
    # restore
    (["restore", "{tmp}/no-such-backup.db"], "no-such-backup.db"),
    (["restore", "{tmp}/journal.db"], "journal.db"),
]
# --at on every subcommand that takes it: malformed, impossible, and more than 5 minutes ahead.
AT_COMMANDS = [["log", "pain", "4"], ["log", "episode-start"], ["log", "med", "x", "--class", "other"],
               ["log", "symptoms", "none"], ["log", "activity", "walk"], ["status"], ["profile"],
               ["demo", "--days", "2"], ["therapy", "start", "heat"], ["therapy", "stop"], ["backup"]]
CASES += [([*cmd, "--at", value], "--at") for cmd in AT_COMMANDS for value, _ in _bad_times()]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A journal with some history (a closed episode, pain, doses) to be copied for each case."""
    path = tmp_path_factory.mktemp("base") / "journal.db"
    assert main(["log", "pain", "3", "--note", "seed", "--db", str(path), "--at", "2026-03-01T08:00"]) == 0
    assert main(["log", "med", "ibuprofen", "--class", "nsaid", "--db", str(path), "--at", "2026-03-01T08:05"]) == 0
    return path


def _copy(src, dest) -> None:
    """A consistent copy (the CLI's in-process connection may still hold rows in the WAL)."""
    a, b = sqlite3.connect(src), sqlite3.connect(dest)
    a.backup(b)
    a.close()
    b.close()


def _dump(path) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nfuzz-cli bad inputs tried: {sum(TRIED.values())} {dict(TRIED)}")


@pytest.mark.parametrize("argv,field", CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_bad_input_exits_2_names_the_field_writes_nothing(argv, field, base, tmp_path, capsys):
    journal = tmp_path / "journal.db"
    _copy(base, journal)
    before = _dump(journal)
    argv = [_resolve(a, tmp_path) for a in argv]
    code = main([*argv, "--db", str(journal)])
    out, err = capsys.readouterr()
    TRIED["table"] += 1
    assert code == 2, (out, err)
    assert field.replace("{tmp}", "") in err, err
    assert "Traceback" not in err and "Something went wrong" not in err
    assert out == ""
    assert _dump(journal) == before
    assert not (tmp_path / "out").exists()  # a refused export writes no files either


# -- random argv, in-process --------------------------------------------------------------------------
WORDS = ["log", "pain", "med", "symptoms", "activity", "episode-start", "episode-end", "status", "profile", "ack",
         "demo", "therapy", "start", "stop", "add", "backup", "restore", "ice", "heat", "none", "fever", "walk",
         "nsaid", "--note", "--at", "--class", "--dose", "--minutes", "--region", "--trigger", "--days", "--seed",
         "--osteoporosis", "--age-band", "--start", "--end", "--barrier", "--json", "--list", "--help", "-h",
         "0", "5", "11", "-1", "yes", "x", "", "2026-03-01T10:00", "neck", "lifting",
         # every path option but --db (given last, so the person's real journal is never used), with unusable paths
         "export", "--out", "--pdf-password-file", "--passphrase-file", "--new-passphrase-file", "encrypt", "decrypt",
         "passphrase", "reminders", "list", "uninstall", "/", ".", "a\x00b", "n" * 256, "d/" * 2100, "new/deeper/x.db"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=7))
def test_random_argv_never_crashes(argv, tmp_path, monkeypatch, capsys):
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh folder and journal for each example
    journal = here / "journal.db"
    monkeypatch.setenv("SPASMLOG_DB", str(journal))  # never the person's real journal
    monkeypatch.setenv("XDG_CONFIG_HOME", str(here / "config"))  # nor their login entries
    monkeypatch.setenv("XDG_DATA_HOME", str(here / "data"))
    monkeypatch.chdir(here)
    if "--db" in argv:
        return  # tried with every unusable path below (test_an_unusable_path_...)
    try:
        code = main([*argv, "--db", str(journal)])
    except SystemExit as exc:  # argparse's --help exits; main() turns errors into codes
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 2, 3), (argv, err)
    assert "Traceback" not in err and "Something went wrong" not in err, (argv, err)
    if code == 2:
        TRIED["random"] += 1


def test_a_backup_name_with_a_nul_is_bad_input(tmp_path, capsys):
    """Found by the random argv test: `restore "\\x00"` was a ValueError from the OS ("Something went wrong")."""
    journal = tmp_path / "journal.db"
    assert main(["restore", "\x00", "--db", str(journal)]) == 2
    assert "BACKUP: contains a NUL character" in capsys.readouterr().err
    assert not journal.exists()


# -- every path argument, in every command that takes one (app/cli/paths.py checks them all in one place) -----------
# (the command before the path, the argument, "file" or "folder"); BACKUP is positional. --db of each command.
PATH_USES = [
    *[(cmd, "--db", "file") for cmd in (["status"], ["log", "pain", "3"], ["backup"], ["backup", "--list"],
                                        ["export", "--out", "{tmp}/out"], ["settings", "theme", "light"], ["demo", "--days", "2"],
                                        ["reminders", "list"], ["reminders", "install"], ["reminders", "uninstall"],
                                        ["encrypt"], ["decrypt"], ["passphrase"], ["desktop", "install"], ["restore", "{tmp}/b.db"])],
    (["export"], "--out", "folder"),
    (["export", "--out", "{tmp}/out"], "--pdf-password-file", "file"),
    *[(cmd, "--passphrase-file", "file") for cmd in (["status"], ["log", "pain", "3"], ["encrypt"], ["restore", "{tmp}/b.db"])],
    (["passphrase"], "--new-passphrase-file", "file"),
    (["restore"], "BACKUP", "file"),
]
UNUSABLE = {  # what it is → (the path, what the line must say)
    "NUL": ("{tmp}/a\x00b.db", "NUL character"),
    "empty": ("", "is empty"),
    "a name over 255 bytes": ("{tmp}/" + "n" * 256, "a name may have"),
    "a name of 100 two-byte letters and more": ("{tmp}/" + "é" * 130, "a name may have"),
    "a path over 4096 bytes": ("{tmp}/" + "d/" * 2100 + "f", "a path may have"),
    "a missing folder inside a file": ("{tmp}/plain.txt/sub/x", "is a file, so nothing can be inside it"),
}


def _path_argv(cmd, option, value, journal) -> list[str]:
    value_args = [value] if option == "BACKUP" else [option, value]
    db = [] if option == "--db" else ["--db", str(journal)]
    return [*cmd, *value_args, *db]


def _files_under(folder) -> set:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def _journal_beside(base, tmp_path, monkeypatch):
    """A copy of the base journal in tmp_path, with a home of its own there (desktop/reminders install write into it,
    never into the real home) and passphrases set, so no command stops to ask."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", "not needed for a plain journal")
    monkeypatch.setenv("SPASMLOG_NEW_PASSPHRASE", "a new one, never used")
    journal = tmp_path / "journal.db"
    _copy(base, journal)
    return journal


def _run_path_case(cmd, option, value, expected, base, tmp_path, monkeypatch, capsys):
    journal = _journal_beside(base, tmp_path, monkeypatch)
    (tmp_path / "plain.txt").write_text("a file\n")
    before, files = _dump(journal), _files_under(tmp_path)
    argv = [_resolve(a, tmp_path) for a in _path_argv(cmd, option, value, journal)]
    code = main(argv)
    out, err = capsys.readouterr()
    TRIED["paths"] += 1
    assert code == 2, (argv[:4], out, err)
    assert err.startswith(f"{option}: "), err
    assert expected in err and "allowed:" in err, err
    assert err.count("\n") == 1 and out == "", (out, err)
    assert _dump(journal) == before
    assert _files_under(tmp_path) == files  # nothing written, no folder made


@pytest.mark.parametrize("what", list(UNUSABLE))
@pytest.mark.parametrize("cmd,option,kind", PATH_USES, ids=[f"{' '.join(c)} {o}" for c, o, _ in PATH_USES])
def test_an_unusable_path_exits_2_naming_the_argument(cmd, option, kind, what, base, tmp_path, monkeypatch, capsys):
    value, expected = UNUSABLE[what]
    _run_path_case(cmd, option, value, expected, base, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("cmd,option,kind", PATH_USES, ids=[f"{' '.join(c)} {o}" for c, o, _ in PATH_USES])
def test_a_path_of_the_wrong_kind_exits_2(cmd, option, kind, base, tmp_path, monkeypatch, capsys):
    """A folder given for a file, a file given for a folder."""
    value, expected = ("{tmp}", "is a folder") if kind == "file" else ("{tmp}/plain.txt", "is a file")
    _run_path_case(cmd, option, value, expected, base, tmp_path, monkeypatch, capsys)


@pytest.mark.parametrize("cmd,option,kind", PATH_USES, ids=[f"{' '.join(c)} {o}" for c, o, _ in PATH_USES])
def test_a_path_with_missing_folders_is_made_or_refused_cleanly(cmd, option, kind, base, tmp_path, monkeypatch, capsys):
    """Where a command writes (a new journal, the export folder) the folders are made; where it reads, exit 2 naming
    the argument, and no folder is left behind."""
    journal = _journal_beside(base, tmp_path, monkeypatch)
    _copy(base, tmp_path / "b.db")  # the backup `restore` puts back
    value = str(tmp_path / "new" / "deeper" / ("x.db" if kind == "file" else "out"))
    argv = [_resolve(a, tmp_path) for a in _path_argv(cmd, option, value, journal)]
    code = main(argv)
    out, err = capsys.readouterr()
    TRIED["paths"] += 1
    assert code in (0, 2), (argv, out, err)
    assert "Traceback" not in err and "Something went wrong" not in err, err
    if code == 2:
        assert option in err or "/new/deeper/" in err, err
        assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("what", list(UNUSABLE))
def test_the_app_launcher_refuses_an_unusable_db_before_any_window(what, tmp_path, capsys):
    """`python main.py --db …` takes the same check (a NUL can only come in-process: no argv can carry one)."""
    from app.launch import main as launch
    (tmp_path / "plain.txt").write_text("a file\n")
    value, expected = UNUSABLE[what]
    assert launch(["--db", _resolve(value, tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--db: ") and expected in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.txt"]
