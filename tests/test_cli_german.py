"""The command line speaks the person's language: `settings language de` (or a German system) makes refusals,
errors and results German, with the same exit codes; English journals read exactly as before."""
from datetime import datetime, timedelta

import pytest

from app.core import i18n


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture
def german(cli, journal_path):
    assert cli("settings", "language", "de", db=journal_path).code == 0
    return journal_path


_BASE = {}


@pytest.fixture(autouse=True)
def one_base_per_test():
    """Every time in one test counts from the same base (a test that spans a minute's turn must not see two)."""
    _BASE["at"] = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    yield
    _BASE.clear()


def _past(minutes: int) -> str:
    """A local wall time `minutes` after this test's base, two hours ago (whole minutes, so times read back exactly)."""
    return (_BASE["at"] + timedelta(minutes=minutes)).isoformat(timespec="minutes")


def test_choosing_german_is_confirmed_in_german(cli, journal_path):
    done = cli("settings", "language", "de", db=journal_path)
    assert (done.code, done.out.strip()) == (0, "language: de (gespeichert)")


def test_bad_input_under_german_is_a_german_line_and_exit_2(cli, german):
    refused = cli("log", "pain", "11", db=german)
    assert refused.code == 2
    assert refused.err.strip() == "score: 11 liegt außerhalb des Bereichs; erlaubt: 0 bis 10."
    assert "Traceback" not in refused.err and refused.out == ""


def test_the_same_bad_input_in_english_is_unchanged(cli, journal_path):
    refused = cli("log", "pain", "11", db=journal_path)
    assert (refused.code, refused.err.strip()) == (2, "score: 11 is out of range; allowed: 0 to 10.")


def test_a_rule_refusal_under_german_says_the_rule_and_the_time_in_german_and_exits_3(cli, german):
    assert cli("therapy", "start", "ice", "--barrier", "--at", _past(0), db=german).code == 0
    refused = cli("therapy", "start", "ice", "--barrier", "--at", _past(20), db=german)
    assert refused.code == 3
    again = (datetime.fromisoformat(_past(70))).strftime("%H:%M")
    assert refused.err.strip().startswith(f"Eis wieder ab {again}, in 50 min.")
    assert "Nach jeder Eisanwendung braucht es eine Stunde Pause." in refused.err


def test_the_same_refusal_in_english_is_unchanged(cli, journal_path):
    assert cli("therapy", "start", "ice", "--barrier", "--at", _past(0), db=journal_path).code == 0
    refused = cli("therapy", "start", "ice", "--barrier", "--at", _past(20), db=journal_path)
    again = (datetime.fromisoformat(_past(70))).strftime("%H:%M")
    assert refused.code == 3
    assert refused.err.strip().startswith(f"Ice again from {again}, in 50 min. Ice needs an hour off")


def test_results_and_status_are_german(cli, german):
    logged = cli("log", "pain", "4", "--at", _past(0), db=german)
    assert logged.code == 0 and logged.out.strip().startswith("Schmerz 4/10 um ")
    status = cli("status", db=german)
    assert status.code == 0
    lines = status.out.splitlines()
    assert lines[0].startswith("Stand um ") and "Kein Krampf offen." in lines
    assert any(line.startswith("Eis: jetzt erlaubt.") for line in lines)


def test_json_keeps_its_codes_and_keys_under_german(cli, german):
    status = cli("status", "--json", db=german).json()
    assert set(status) >= {"at", "episode", "ice", "heat", "flags", "reminders"}
    assert status["ice"]["allowed"] is True


def test_a_command_line_mistake_is_followed_by_a_german_hint(cli, german):
    refused = cli("log", "pain", db=german)  # argparse's own sentence stays English; the hint follows the language
    assert refused.code == 2
    assert "Siehe 'python -m app log pain --help'." in refused.err


def test_a_new_journal_follows_a_german_system(cli, journal_path):
    refused = cli("log", "pain", "eleven", db=journal_path, env={"LANG": "de_DE.UTF-8"})
    assert refused.code == 2
    assert refused.err.strip() == "score: 'eleven' ist keine gültige Angabe (eine ganze Zahl erwartet); erlaubt: 0 bis 10."


def test_english_chosen_in_the_journal_wins_over_a_german_system(cli, journal_path):
    assert cli("settings", "language", "en", db=journal_path).code == 0
    refused = cli("log", "pain", "11", db=journal_path, env={"LANG": "de_DE.UTF-8"})
    assert refused.err.strip() == "score: 11 is out of range; allowed: 0 to 10."


def test_a_damaged_journal_is_reported_in_the_systems_language(cli, tmp_path):
    bad = tmp_path / "journal.db"
    bad.write_bytes(b"not a database at all, just some bytes" * 10)
    refused = cli("status", db=bad, env={"LANG": "de_DE.UTF-8"})
    assert refused.code == 2
    assert refused.err.startswith("Diese Datei ist kein SpasmLog-Tagebuch (keine SQLite-Datenbank). Ihr Tagebuch unter ")


def test_in_process_commands_leave_the_language_as_it_was(german, capsys):
    from app.cli.main import main
    assert main(["log", "pain", "11", "--db", str(german)]) == 2
    assert "außerhalb" in capsys.readouterr().err
    assert i18n.language() == "en"


def test_the_app_takes_the_journals_language_before_it_opens_the_journal(german):
    from app.launch import _open_services, parse_args
    svc, error, _path = _open_services(parse_args(["--db", str(german)]))
    try:
        assert error is None and i18n.language() == "de"
    finally:
        svc.close()


def test_a_locked_journal_is_announced_in_the_systems_language(tmp_path, monkeypatch):
    from app.core.errors import PassphraseNeeded
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("SPASMLOG_PASSPHRASE", raising=False)
    from app.launch import _open_services, parse_args
    from app.services import open_spasmlog
    from app.services.privacy import encrypt
    path = tmp_path / "journal.db"
    open_spasmlog(path).close()
    encrypt(path, "correct horse battery")
    svc, error, _path = _open_services(parse_args(["--db", str(path)]))
    assert svc is None and isinstance(error, PassphraseNeeded)
    assert error.message.startswith("Das Tagebuch unter ") and "mit einer Passphrase geschützt" in error.message


def test_the_agent_tells_in_the_language_chosen_in_the_app_meanwhile(journal_path, clock):
    from datetime import timezone

    from app.services import open_spasmlog
    from app.services.agent import ReminderAgent
    from tests.test_reminder_delivery import FakeNotifier
    svc = open_spasmlog(journal_path, clock)
    svc.reminders.tz = timezone.utc
    agent = ReminderAgent(svc, FakeNotifier())
    svc.therapy.start("ice", barrier=True)
    agent.tick()
    other = open_spasmlog(journal_path, clock)  # the app, switched to German while the agent runs
    other.settings.set("language", "de")
    other.close()
    clock.advance(minutes=10)
    agent.tick()
    svc.close()
    [(title, message)] = agent.notifier.sent
    assert title == "Eis fertig" and "Eis" in message


def test_an_encrypted_journals_agent_takes_the_language_from_the_schedule_file(tmp_path, clock):
    from app.services import open_spasmlog
    from app.services.agent_schedule import ScheduleFile, read_schedule, write_schedule
    path = tmp_path / "journal.db"
    svc = open_spasmlog(path, clock)
    svc.settings.set("language", "de")
    write_schedule(svc)
    svc.close()
    assert ScheduleFile(path).language() == "de"
    i18n.set_language("de")
    due = read_schedule(path, clock() - timedelta(days=1), clock() + timedelta(days=1))
    assert due and {d["message"] for d in due} == {"SpasmLog-Erinnerung"}


def test_an_export_refusal_under_german_is_german_and_writes_nothing(cli, german, tmp_path):
    out = tmp_path / "out"
    refused = cli("export", "--out", out, "--format", "docx", db=german)
    assert refused.code == 2
    assert refused.err.strip() == ("--format: 'docx' ist nicht erlaubt; erlaubt: pdf, png, csv, fhir "
                                   "(eines oder mehrere, durch Kommas getrennt).")
    assert not out.exists()
