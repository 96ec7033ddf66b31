"""The doctor report in the person's language (issue 17 point 4): the 5-day lumbar case exported by the CLI after
`settings language de` gives a German PDF (headings, dates, decimal commas, clinical lines), the charts speak German,
and the same case in English reads as before."""
from __future__ import annotations

import contextlib
import io
import re

import pytest
from pypdf import PdfReader

from app.cli.main import main
from app.core import i18n
from tests.test_report_case import DAY, EXPORTED_AT, london, lumbar_case, page_text  # noqa: F401  (london: fixture)

GERMAN_HEADINGS = ("Rückenkrampf-Tagebuch: Bericht für die Praxis", "Krämpfe", "Abfragen von Warnzeichen (Red Flags)",
                   "Ausgelöste Hinweise (die ernstesten zuerst)", "Medikamente (wie selbst eingetragen)",
                   "Hat es geholfen?")
ENGLISH_HEADINGS = ("Back spasm diary: report for the clinician", "Spasm episodes", "Red-flag symptom checks",
                    "Flags raised (most serious first)", "Medicines (as the patient logged them)", "Did it help?",
                    "Pain (0 = none, 10 = worst imaginable)", "The patient's own notes")
# Lower-case English words the report's own sentences use; the patient's notes (their words) are taken out first.
ENGLISH_WORDS = {"the", "and", "with", "of", "day", "days", "logged", "patient", "episode", "episodes", "first",
                 "last", "peak", "none", "seen", "judged", "score", "scores", "lasted", "tried", "page", "exported",
                 "made", "checks", "treatment", "dose", "doses", "session", "sessions", "eased", "times", "once"}
NOTES = ("Much easier today, walked to the shop", "pain goes down the back of the left thigh",
         "Lifted a box of books from the car boot")


def _export(folder, language: str) -> PdfReader:
    db = folder / "journal.db"
    with contextlib.redirect_stdout(io.StringIO()):
        lumbar_case(db)
        assert main(["settings", "language", language, "--db", str(db)]) == 0
        assert main(["export", "--db", str(db), "--out", str(folder / "out"), "--from", DAY[1], "--to", DAY[5],
                     "--format", "pdf", "--at", EXPORTED_AT]) == 0
    [pdf] = (folder / "out").glob("*.pdf")
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def german_pdf(tmp_path_factory, london):  # noqa: F811
    pdf = _export(tmp_path_factory.mktemp("de"), "de")
    assert i18n.language() == "en"  # the export spoke German on its own; the process's language is untouched
    return pdf


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory, london):  # noqa: F811
    return _export(tmp_path_factory.mktemp("en"), "en")


def all_text(pdf) -> str:
    return " ".join(page_text(pdf, n) for n in range(len(pdf.pages)))


def test_the_german_report_has_german_headings_and_no_english_ones(german_pdf):
    text = all_text(german_pdf)
    for heading in GERMAN_HEADINGS + ("Schmerz (0 = keiner, 10 = schlimmster vorstellbarer)",
                                      "Eigene Notizen des Patienten bzw. der Patientin"):
        assert heading in text
    for heading in ENGLISH_HEADINGS:
        assert heading not in text


def test_the_german_report_formats_dates_and_numbers_for_germany(german_pdf):
    text = page_text(german_pdf)
    assert "Geburtsdatum 9. Apr. 1971" in text
    assert "Zeitraum 25. Nov. 2026 bis 29. Nov. 2026 (5 Tage)" in text
    assert "Mi., 25. Nov. 07:30" in text  # the episode's start, weekday first
    assert "Erstellt von SpasmLog am 29. Nov. 2026 20:00." in text
    assert "13 Einnahmen an 5 Tagen" in text and "im Mittel 2,6 am Tag, höchstens 3" in text
    assert "1200 mg" in text
    assert "Mittelwert 5,6" in page_text(german_pdf, 1) or "Mittelwert 5,6" in text
    assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d", all_text(german_pdf))


def test_the_german_report_keeps_the_clinical_lines_tier_and_order(german_pdf):
    """Same flags, same tier, same order as the English report; the three-day line as it stood when raised."""
    text = page_text(german_pdf)
    flags = text[text.index("Ausgelöste Hinweise"):text.index("Medikamente (wie")]
    assert flags.index("Angegeben: Schmerz, der in ein Bein ausstrahlt.") < flags.index("länger als 3 Tage (72 h)")
    assert flags.count("Arzttermin vereinbaren") == 2  # both are `review`, as in English ("Book a review")
    assert "Bis dahin eingetragen: NSAR 9-mal, Muskelrelaxans einmal, Eis 3-mal und Wärme einmal." in flags
    assert "Schmerz von 8 auf 5 (eine bedeutsame Besserung)." in flags
    assert "gesehen Sa., 28. Nov. 11:00" in flags and "noch nicht" in flags


def test_no_english_sentence_words_are_left_in_the_german_report(german_pdf):
    text = all_text(german_pdf)
    for note in NOTES:
        assert note in text  # the patient's own words stay as written
        text = text.replace(note, "")
    left = sorted({w for w in re.findall(r"[a-z]+", text) if w in ENGLISH_WORDS})
    assert not left, left


def test_every_page_of_the_german_report_says_the_data_are_self_reported(german_pdf):
    for n in range(len(german_pdf.pages)):
        page = page_text(german_pdf, n)
        assert "Selbstangaben des Patienten bzw. der Patientin in SpasmLog; nicht ärztlich überprüft." in page
        assert f"Seite {n + 1} von {len(german_pdf.pages)}" in page


def test_the_english_report_is_unchanged(english_pdf):
    text = all_text(english_pdf)
    for heading in ENGLISH_HEADINGS:
        assert heading in text
    for heading in GERMAN_HEADINGS:
        assert heading not in text
    assert "Period 25 Nov 2026 to 29 Nov 2026 (5 days)" in text
    assert "13 doses on 5 days" in text and "2.6 a day on average, at most 3" in text
    assert "ibuprofen ×13" in text and "Logged by then: NSAID 9 times, muscle relaxant once, ice 3 times and heat once." in text


def _chart_words(name: str, data) -> list[str]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from app.services.charts import CHARTS
    fig = Figure(figsize=(8, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    CHARTS[name](ax, data)
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


@pytest.fixture
def demo_data(mem):
    """120 days of generated history: every chart has something to draw."""
    from datetime import timedelta

    from app.services.demo import generate
    from app.services.report import collect
    generate(mem._repo, mem.clock(), 120, seed=3)
    today = mem.clock().date()
    return collect(mem, today - timedelta(days=119), today)


@pytest.mark.parametrize("name", ["pain", "episodes", "therapy", "doses", "relief", "activity"])
def test_every_chart_speaks_german(demo_data, name):
    """Titles, axis labels, legends, tick dates and the words beside bars: German, and no English chart words."""
    from app.services.charts import CHARTS  # noqa: F401
    english = " ".join(_chart_words(name, demo_data))
    with i18n.speaking("de"):
        german = _chart_words(name, demo_data)
    words = " ".join(german)
    assert words != english
    assert not re.search(r"\b(average|lowest|highest|per day|per week|sessions|doses|minutes|times?|date|"
                         r"month|episode|so far|judged|eased|severe|Mar|May|Jun|Jul|Oct|Dec)\b", words), german
    assert re.search(r"Schmerz|Krämpfe|Anwendungen|Medikamenten|Linderung|Aktivität", words), german


def test_with_german_set_csv_stays_english_and_fhir_texts_are_german(svc, tmp_path):
    """CSV is the machine-readable copy (English in every language); FHIR keeps its codes and their standard displays
    and writes its texts and notes in German, saying so in `language`."""
    import json
    from datetime import timedelta

    from app.core.entities import PainScore
    from app.services.export import export
    now = svc.clock()
    svc.entries.start_episode(regions=["lower_back_left"], trigger="lifting", at=now - timedelta(hours=2))
    svc._repo.add(PainScore(now - timedelta(hours=1), 6))
    svc.settings.set("language", "de")
    paths = export(svc, tmp_path, formats="csv,fhir")
    episodes = next(p for p in paths if p.name.endswith("_episodes.csv")).read_text(encoding="utf-8-sig")
    assert episodes.splitlines()[0].startswith("id,started,ended,regions,trigger")
    readme = next(p for p in paths if p.name.endswith("_README.txt")).read_text(encoding="utf-8")
    assert "lower_back_left = Left lower back" in readme and "in English in every language setting" in readme
    bundle = json.loads(next(p for p in paths if p.name.endswith("_fhir.json")).read_text(encoding="utf-8"))
    assert bundle["language"] == "de"
    resources = [e["resource"] for e in bundle["entry"]]
    condition = next(r for r in resources if r["resourceType"] == "Condition")
    assert condition["language"] == "de" and condition["code"]["text"] == "Krampf der Rückenmuskulatur"
    assert condition["note"][0]["text"] == "Auslöser: Heben."
    assert condition["bodySite"][0]["coding"][0] == {"system": "http://snomed.info/sct", "code": "37822005",
                                                     "display": "Lower back structure"}
    pain = next(r for r in resources if r["resourceType"] == "Observation")
    assert pain["code"]["coding"][0]["code"] == "72514-3" and pain["code"]["text"] == "Schmerzwert (0-10)"
    assert pain["code"]["coding"][0]["display"].startswith("Pain severity")
