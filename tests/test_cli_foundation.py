"""The foundation's command line, run as a person would: success paths, bad input, demo and status."""
from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store.journal import open_journal
from tests.conftest import row_counts, run_cli

AT = "2026-03-02T09:00:00+00:00"
T_AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
DESIGN_KEYS = {"at", "episode", "session", "ice", "heat", "flags", "reminders"}
REQUIRED_KEYS = {"at", "episode", "flags", "reminders"}


@pytest.fixture
def db(tmp_path):
    """A journal that exists already (so 'zero rows written' compares like with like)."""
    path = tmp_path / "j.db"
    open_journal(path).close()
    return path


def _at(minutes_before: int) -> str:
    return (T_AT - timedelta(minutes=minutes_before)).isoformat()


def _ok(*args, db):
    result = run_cli(*args, db=db)
    assert result.code == 0, (args, result.err)
    assert "Traceback" not in result.err
    return result


def _bad(*args, db, field: str):
    before = row_counts(db)
    result = run_cli(*args, db=db)
    assert result.code == 2, (args, result.code, result.out, result.err)
    assert field in result.err, (field, result.err)
    assert "Traceback" not in result.err and result.out == ""
    assert row_counts(db) == before, "bad input must write nothing"
    return result


def _check_status_object(status: dict) -> None:
    """The status object of DESIGN.md (top level); therapy keys are checked only if present."""
    assert REQUIRED_KEYS <= set(status) <= DESIGN_KEYS, set(status)
    assert datetime.fromisoformat(status["at"]).utcoffset() is not None
    if status["episode"] is not None:
        assert set(status["episode"]) == {"id", "started", "hours"}
        assert datetime.fromisoformat(status["episode"]["started"]).utcoffset() is not None
    if status.get("session") is not None:
        assert set(status["session"]) == {"kind", "started", "ends", "remaining_s"}
    for kind in ("ice", "heat"):
        if kind in status:
            assert set(status[kind]) == {"allowed", "next_allowed", "reason"}
            assert isinstance(status[kind]["allowed"], bool)
    for flag in status["flags"]:
        assert {"code", "tier", "message"} <= set(flag)
        assert flag["tier"] in ("emergency", "urgent", "review")
    for reminder in status["reminders"]:
        assert {"at", "kind", "message"} <= set(reminder)


# -- success paths ------------------------------------------------------------------------------

def test_log_episode_start_with_regions_and_trigger_then_end(db):
    out = _ok("log", "episode-start", "--region", "lower_back_left", "--region", "buttock_left",
              "--trigger", "lifting", "--note", "moving boxes", "--json", "--at", _at(180), db=db).json()
    assert out["regions"] == ["lower_back_left", "buttock_left"] and out["trigger"] == "lifting"
    assert datetime.fromisoformat(out["started"]) == T_AT - timedelta(minutes=180)
    ended = _ok("log", "episode-end", "--json", "--at", _at(0), db=db).json()
    assert ended["id"] == out["id"] and ended["hours"] == 3.0
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT regions, trigger, note, ended IS NOT NULL FROM episodes").fetchall() == [
            ("lower_back_left,buttock_left", "lifting", "moving boxes", 1)]


def test_log_episode_start_and_end_in_plain_words(db):
    ten_min_ago = (datetime.now(timezone.utc) - timedelta(minutes=10)).isoformat()
    assert "started" in _ok("log", "episode-start", "--at", ten_min_ago, db=db).out
    assert "lasted" in _ok("log", "episode-end", db=db).out


def test_log_pain_links_to_the_open_episode(db):
    episode = _ok("log", "episode-start", "--json", "--at", _at(60), db=db).json()
    pain = _ok("log", "pain", "7", "--note", "stiff", "--json", "--at", _at(30), db=db).json()
    assert pain["score"] == 7 and pain["episode_id"] == episode["id"]
    assert "3/10" in _ok("log", "pain", "3", db=db).out
    assert row_counts(db)["pain_scores"] == 2


def test_log_med(db):
    out = _ok("log", "med", "Ibuprofen", "--class", "nsaid", "--dose", "400 mg", "--json", db=db).json()
    assert (out["name"], out["class"], out["dose"]) == ("Ibuprofen", "nsaid", "400 mg")
    assert "Ibuprofen 400 mg" in _ok("log", "med", "Ibuprofen", "--class", "nsaid", "--dose", "400 mg", db=db).out
    assert row_counts(db)["doses"] == 2


def test_log_symptoms_none(db):
    out = _ok("log", "symptoms", "none", "--json", db=db).json()
    assert out["codes"] == ["none"] and out["flags"] == []
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT codes FROM symptom_checks").fetchall() == [("",)]


def test_log_activity_with_minutes(db):
    out = _ok("log", "activity", "walk", "--minutes", "30", "--json", db=db).json()
    assert (out["activity"], out["minutes"]) == ("walk", 30)
    assert "10 min" in _ok("log", "activity", "stretching", "--minutes", "10", db=db).out


def test_status_json_on_an_empty_journal(db):
    status = _ok("status", "--json", "--at", AT, db=db).json()
    _check_status_object(status)
    assert status["episode"] is None and status["flags"] == []
    assert datetime.fromisoformat(status["at"]) == T_AT


def test_status_json_shows_the_open_episode(db):
    episode = _ok("log", "episode-start", "--json", "--at", _at(90), db=db).json()
    status = _ok("status", "--json", "--at", AT, db=db).json()
    _check_status_object(status)
    assert status["episode"]["id"] == episode["id"] and status["episode"]["hours"] == 1.5
    assert "Spasm episode" in _ok("status", "--at", AT, db=db).out


def test_profile_set_and_show(db):
    saved = _ok("profile", "--osteoporosis", "yes", "--age-band", "60_74", "--json", db=db).json()
    assert saved["osteoporosis"] == "yes" and saved["age_band"] == "60_74"
    shown = _ok("profile", "--json", db=db).json()
    assert shown == {"osteoporosis": "yes", "steroids": "unknown", "cancer_history": "unknown", "age_band": "60_74",
                     "name": "", "born": ""}
    assert "osteoporosis: yes" in _ok("profile", db=db).out


def test_profile_name_and_birth_date_are_optional_and_checked(db):
    saved = _ok("profile", "--name", "Anna Example", "--born", "1971-04-09", "--json", db=db).json()
    assert saved["name"] == "Anna Example" and saved["born"] == "1971-04-09"
    assert saved["osteoporosis"] == "unknown"
    for value, words in (("2999-01-01", "born: 2999-01-01 is out of range"), ("9.4.71", "born: '9.4.71' is not a date")):
        r = run_cli("profile", "--born", value, db=db)
        assert r.code == 2 and words in r.err
    assert _ok("profile", "--name", "", "--json", db=db).json()["name"] == ""


@pytest.mark.parametrize("command", [("therapy", "start", "heat"), ("log", "med", "Ibuprofen", "--class", "nsaid")])
def test_pain_before_is_stored_with_the_start_or_the_dose(db, command):
    _ok(*command, "--pain-before", "6", db=db)
    r = run_cli(*command[:2], "--pain-before", "11", *command[2:], db=db)
    assert r.code == 2 and "--pain-before: 11 is out of range; allowed: 0 to 10." in r.err
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT score, context FROM pain_scores").fetchall()
    assert rows == [(6, "before_heat" if command[0] == "therapy" else "before_dose")]


def test_ack_of_an_open_flag_removes_it_from_status(db):
    check = _ok("log", "symptoms", "fever", "--json", db=db).json()
    assert "fever" in [f["code"] for f in check["flags"]]
    assert "fever" in [f["code"] for f in _ok("status", "--json", db=db).json()["flags"]]
    out = _ok("ack", "fever", "--json", db=db).json()
    assert out["code"] == "fever" and out["acknowledged"] >= 1
    assert "fever" not in [f["code"] for f in _ok("status", "--json", db=db).json()["flags"]]
    assert row_counts(db)["flag_acks"] >= 1


# -- bad input: exit 2, the field named on stderr, nothing written ---------------------------------------

BAD = [
    (("log", "episode-start", "--region", "knee"), "region"),
    (("log", "episode-start", "--region", "neck", "--trigger", "stress"), "trigger"),
    (("log", "episode-start", "--note", "x" * 2001), "note"),
    (("log", "episode-start", "--at", "yesterday"), "--at"),
    (("log", "episode-end",), "episode"),
    (("log", "pain", "11"), "score"),
    (("log", "pain", "seven"), "score"),
    (("log", "pain", "6.5"), "score"),
    (("log", "pain", "5", "--at", "2999-01-01T10:00+00:00"), "--at"),
    (("log", "med", "Ibuprofen", "--class", "opioid"), "class"),
    (("log", "med", "", "--class", "nsaid"), "name"),
    (("log", "med", "Ibuprofen"), "--class"),
    (("log", "symptoms", "headache"), "symptom"),
    (("log", "symptoms", "none", "fever"), "symptom"),
    (("log", "activity", "swimming"), "kind"),
    (("log", "activity", "walk", "--minutes", "lots"), "minutes"),
    (("log", "activity", "walk", "--minutes", "0"), "minutes"),
    (("status", "--at", "not-a-time"), "--at"),
    (("profile", "--osteoporosis", "maybe"), "osteoporosis"),
    (("profile", "--age-band", "ancient"), "age_band"),
    (("ack", "nonsense"), "code"),
    (("ack", "fever"), "code"),  # a known code with no open flag
    (("demo", "--days", "0"), "days"),
    (("demo", "--days", "many"), "days"),
    (("demo", "--days", "30", "--seed", "x"), "seed"),
    (("log", "teleport"), "teleport"),
]


@pytest.mark.parametrize("args, field", BAD, ids=[" ".join(a)[:40] + f"->{f}" for a, f in BAD])
def test_bad_input_exits_2_names_the_field_and_writes_nothing(db, args, field):
    _bad(*args, db=db, field=field)


def test_second_episode_start_is_refused_and_writes_nothing(db):
    _ok("log", "episode-start", db=db)
    _bad("log", "episode-start", db=db, field="episode")


def test_demo_into_a_journal_with_entries_is_refused(db):
    _ok("log", "pain", "2", db=db)
    _bad("demo", "--days", "30", db=db, field="db")


# -- demo, then status ----------------------------------------------------------------------------------

def _dump(path) -> dict[str, list]:
    with sqlite3.connect(path) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                          "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]
        dump = {t: c.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    # The journal's own random id (migration 0004) differs between any two journals by design.
    dump["profile"] = [row for row in dump.get("profile", []) if row[0] != "journal_id"]
    return dump


def test_demo_then_status_json_in_wal_mode_with_mode_0600(tmp_path):
    path = tmp_path / "j.db"
    out = run_cli("demo", "--days", "30", "--seed", "5", "--json", db=path)
    assert out.code == 0, out.err
    assert sum(out.json()["counts"].values()) > 30
    status = run_cli("status", "--json", db=path)
    assert status.code == 0, status.err
    _check_status_object(status.json())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    counts = row_counts(path)
    assert counts["episodes"] >= 1 and counts["pain_scores"] >= 30


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    for path, seed in ((a, "11"), (b, "11"), (c, "12")):
        assert run_cli("demo", "--days", "30", "--seed", seed, "--at", AT, db=path).code == 0
    assert _dump(a) == _dump(b)
    assert _dump(a) != _dump(c)


def _check_history(repo, now: datetime) -> None:
    """The generated history keeps the therapy timing rules and episode rules, and nothing is in the future."""
    sessions = repo.between("therapy")
    for kind in ("ice", "heat"):
        mine = [s for s in sessions if s.kind == kind]
        for s in mine:
            length = s.ended - s.started
            assert s.ended is not None and s.ended <= now
            if kind == "ice":
                assert length <= timedelta(minutes=10)
            else:
                assert timedelta(minutes=15) <= length <= timedelta(minutes=20)
        for prev, nxt in zip(mine, mine[1:]):
            off = nxt.started - prev.ended
            if kind == "ice":
                assert off >= timedelta(minutes=60), (prev, nxt)
            else:
                assert off >= max(prev.ended - prev.started, timedelta(minutes=15)), (prev, nxt)
    for prev, nxt in zip(sessions, sessions[1:]):
        assert nxt.started >= prev.ended, "two sessions at once"
    episodes = repo.between("episode")
    for prev, nxt in zip(episodes, episodes[1:]):
        assert prev.ended is not None and nxt.started > prev.ended, "episodes overlap"
    for ep in episodes:
        assert ep.started <= now and (ep.ended is None or ep.started < ep.ended <= now)
    for kind in ("pain", "dose", "symptoms", "activity"):
        assert all(e.at <= now for e in repo.between(kind)), kind


def test_demo_history_from_the_cli_keeps_the_rules(tmp_path):
    path = tmp_path / "j.db"
    assert run_cli("demo", "--days", "120", "--seed", "3", "--at", AT, db=path).code == 0
    from app.store.repository import Repository
    db = open_journal(path)
    try:
        repo = Repository(db)
        assert repo.count("therapy") > 0
        _check_history(repo, T_AT)
    finally:
        db.close()


@given(seed=st.integers(0, 10 ** 6), minutes=st.integers(0, 60 * 24 * 60))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_demo_history_keeps_the_rules_for_any_seed_and_moment(seed, minutes):
    from app.services import open_spasmlog
    from app.services.demo import generate

    now = T_AT + timedelta(minutes=minutes)
    svc = open_spasmlog(None, lambda: now)
    try:
        generate(svc._repo, now, 60, seed)
        _check_history(svc._repo, now)
    finally:
        svc.close()


def test_demo_never_writes_a_session_that_ends_after_now():
    """Regression: a completed ice session started minutes before `now` was written with its end in the future."""
    from app.services import open_spasmlog
    from app.services.demo import generate

    now = T_AT + timedelta(minutes=357)
    svc = open_spasmlog(None, lambda: now)
    try:
        generate(svc._repo, now, 20, 2)
        assert all(s.ended is None or s.ended <= now for s in svc._repo.between("therapy"))
    finally:
        svc.close()


# -- export to a folder that cannot be written ---------------------------------------------------

def test_export_to_a_folder_that_cannot_be_made_exits_2_and_says_why(db):
    """QA: '--out /proc/nope' was 'Something went wrong inside SpasmLog (FileNotFoundError)', exit 1."""
    result = run_cli("export", "--out", "/proc/nope", db=db)
    assert result.code == 2, (result.code, result.err)
    assert result.err.strip() == ("--out: cannot write to /proc/nope (no such file or directory); "
                                  "allowed: a folder you can write to.")
    assert "Traceback" not in result.err and result.out == ""
    assert not os.path.exists("/proc/nope")


def test_export_that_fails_while_writing_leaves_no_files_and_no_new_folders(db, tmp_path, monkeypatch, capsys):
    import errno

    from app.cli.main import main
    from app.services import export as export_service

    def disk_full(svc, start, end, path):
        assert any(path.parent.glob("*.csv"))  # the CSV files are written by now: they must go too
        with export_service.private_file(path) as fh:
            fh.write(b"half a bundle")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_service, "write_fhir", disk_full)
    out = tmp_path / "new" / "reports"
    assert main(["export", "--db", str(db), "--out", str(out), "--format", "csv,fhir"]) == 2
    err = capsys.readouterr().err
    assert f"--out: cannot write to {out} (no space left on device); allowed: a folder you can write to." in err
    assert not (tmp_path / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.db"]
