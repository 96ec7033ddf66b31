"""The doctor report: SQL aggregates by local day, the PDF's pages and text, the PNG charts, no pyplot state."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from app.core.entities import Dose, PainScore, TherapySession
from app.core.guidance import guidance
from app.store import aggregates as agg
from tests.conftest import ROOT, T0

PERIOD = (date(2025, 12, 3), date(2026, 3, 2))  # the default 90 days ending on T0's day


CLOCK_ZONE = timezone.utc  # the days and times expected below are UTC wall-clock ones: demo_journal's clock says so


def png_size(path) -> tuple[int, int]:
    from PIL import Image
    with Image.open(path) as img:
        return img.size


@pytest.fixture(scope="module")
def exported(demo_journal, tmp_path_factory):
    """The report and charts of the demo journal, written once for the module."""
    from app.services.export import export
    return export(demo_journal, tmp_path_factory.mktemp("out") / "report", formats="pdf,png")


@pytest.fixture(scope="module")
def pdf(exported):
    return PdfReader([p for p in exported if p.suffix == ".pdf"][0])


# -- aggregates ---------------------------------------------------------------------------

def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.utc)


def test_daily_pain_groups_by_day_and_skips_deleted_and_outside_rows(mem):
    mem._repo.add_many([PainScore(_at(1, 8), 2), PainScore(_at(1, 20), 6), PainScore(_at(2, 8), 5),
                       PainScore(_at(3, 8), 9)])
    mem._repo.set_deleted("pain", mem.entries.log_pain(10, at=_at(1, 9)).id, T0)
    rows = agg.daily_pain(mem._db, _at(1, 0), _at(3, 0), CLOCK_ZONE)
    assert [(r["day"], r["low"], r["avg"], r["high"], r["n"]) for r in rows] == [
        ("2026-03-01", 2, 4.0, 6, 2), ("2026-03-02", 5, 5.0, 5, 1)]
    summary = agg.pain_summary(mem._db, _at(1, 0), _at(4, 0), CLOCK_ZONE)
    assert (summary["n"], summary["high"], summary["days"], summary["severe_days"]) == (4, 9, 3, 1)


def test_local_day_follows_the_machines_timezone(tmp_path):
    """23:30 UTC is the next day in Berlin: the SQL groups by the local calendar day (a bare function clock: the
    machine's zone, as zone_of() documents)."""
    code = ("from datetime import datetime, timezone\n"
            "from app.services import open_spasmlog\nfrom app.core.entities import PainScore\n"
            "from app.store import aggregates as agg\n"
            "s = open_spasmlog(None, lambda: datetime(2026, 3, 5, tzinfo=timezone.utc))\n"
            "s._repo.add(PainScore(datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc), 3))\n"
            "print(agg.daily_pain(s._db, datetime(2026, 2, 1, tzinfo=timezone.utc), datetime(2026, 4, 1, tzinfo=timezone.utc), s.zone)[0]['day'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.stdout.strip() == "2026-03-02", out.stderr


def test_therapy_and_doses_per_day_count_rule_breaks_and_classes(mem):
    mem._repo.add_many([
        TherapySession("ice", _at(1, 8), _at(1, 8) + timedelta(minutes=10), ended=_at(1, 8) + timedelta(minutes=10)),
        TherapySession("ice", _at(1, 9), _at(1, 9) + timedelta(minutes=10), ended=_at(1, 9) + timedelta(minutes=10),
                       rule_breaks=("ice_off",)),
        TherapySession("heat", _at(2, 9), _at(2, 9) + timedelta(minutes=20), ended=_at(2, 9) + timedelta(minutes=20))])
    mem._repo.add_many([Dose(_at(1, 8), "Ibuprofen", "nsaid"), Dose(_at(1, 14), "Ibuprofen", "nsaid"),
                       Dose(_at(2, 21), "Cyclobenzaprine", "relaxant")])
    start, end = _at(1, 0), _at(3, 0)
    assert [(r["day"], r["kind"], r["n"], r["broke"]) for r in agg.therapy_per_day(mem._db, start, end, CLOCK_ZONE)] == [
        ("2026-03-01", "ice", 2, 1), ("2026-03-02", "heat", 1, 0)]
    assert [(r["kind"], r["n"], r["broke"], round(r["minutes"])) for r in agg.therapy_totals(mem._db, start, end)] == [
        ("ice", 2, 1, 20), ("heat", 1, 0, 20)]
    assert [(r["day"], r["med_class"], r["n"]) for r in agg.doses_per_day(mem._db, start, end, CLOCK_ZONE)] == [
        ("2026-03-01", "nsaid", 2), ("2026-03-02", "relaxant", 1)]
    assert agg.counts(mem._db, start, end) == {"episode": 0, "pain": 0, "therapy": 3, "dose": 3,
                                              "symptoms": 0, "activity": 0}


def test_aggregates_read_through_the_time_indexes(demo_journal):
    """Only the chosen period is read: every time filter is an index search, never a table scan."""
    plans = []
    real_query = demo_journal._db.query

    def explain(sql, params=()):
        plans.append(" ".join(str(r["detail"]) for r in real_query("EXPLAIN QUERY PLAN " + sql, params)))
        return real_query(sql, params)

    demo_journal._db.query = explain
    try:
        from app.services.report import collect
        collect(demo_journal, *PERIOD)
    finally:
        del demo_journal._db.query
    mine = [p for p in plans if "SEARCH" in p or "SCAN" in p]
    assert mine and not [p for p in mine if "SCAN" in p.replace("SCAN CONSTANT ROW", "")
                         and "USING INDEX" not in p and "USING COVERING INDEX" not in p
                         and not any(t in p for t in ("profile", "flag_acks", "settings"))], plans


# -- the PDF --------------------------------------------------------------------------------

def test_pdf_has_a_summary_then_the_charts_with_metadata(pdf):
    assert 2 <= len(pdf.pages) <= 4
    meta = pdf.metadata
    assert meta.title == "SpasmLog report 2025-12-03 to 2026-03-02"
    assert meta.author == "SpasmLog"
    assert meta.creation_date.date() == T0.date()


def test_first_page_states_period_counts_flags_and_rule_breaks(pdf, demo_journal):
    text = " ".join(pdf.pages[0].extract_text().split())
    start, end = [datetime.combine(d, datetime.min.time(), tzinfo=CLOCK_ZONE) for d in (PERIOD[0], PERIOD[1] + timedelta(days=1))]
    pain = agg.pain_summary(demo_journal._db, start, end, CLOCK_ZONE)
    episodes = agg.episodes(demo_journal._db, start, end, T0)
    assert "Period 3 Dec 2025 to 2 Mar 2026 (90 days)" in text
    assert f"{len(episodes)} episodes;" in text
    assert f"{pain['n']} scores on {pain['days']} days" in text
    assert f"highest {pain['high']}" in text
    # Flags in words with the tier's words, including the one already acknowledged.
    assert "Reported pain radiating into a leg." in text and "seen Sat 28 Feb 09:00" in text
    assert "radiating_pain" not in text and "REVIEW" not in text
    # The past ice session that broke a rule, and relief per treatment.
    assert "Ice: 1 of" in text and "outside the timing rules" in text
    assert "judged" in text and "Method:" in text
    assert "Ibuprofen" in text


def test_every_page_has_the_source_and_says_self_reported(pdf, demo_journal):
    disclaimer_start = " ".join(guidance()["report"]["disclaimer"].split()[:8])
    for number, page in enumerate(pdf.pages, 1):
        text = " ".join(page.extract_text().split())
        assert f"Data: {demo_journal.path.name} " in text and str(demo_journal.path.parent) not in text
        assert "exported 2 Mar 2026 09:00" in text
        assert f"page {number} of {len(pdf.pages)}" in text
        assert "Self-reported by the patient" in text
        assert disclaimer_start in text


def test_charts_follow_the_summary(exported, pdf):
    # The charts are pictures: their titles are not text; they are there as images after page 1.
    images = sum(len(page.images) for page in pdf.pages)
    assert images >= 5


def test_empty_period_gives_a_one_page_report_that_says_so(demo_journal, tmp_path):
    from app.services.export import export
    [path] = export(demo_journal, tmp_path, date(2020, 1, 1), date(2020, 1, 31), "pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "No data" in text and "Nothing was logged in this period" in text
    assert "Period 1 Jan 2020 to 31 Jan 2020 (31 days)" in text


# -- PNG charts -------------------------------------------------------------------------------

def test_each_chart_is_also_a_png_of_at_least_1200_by_600(exported):
    from app.services.charts import CHARTS
    pngs = [p for p in exported if p.suffix == ".png"]
    assert sorted(p.stem.rsplit("_chart_", 1)[1] for p in pngs) == sorted(CHARTS)
    for path in pngs:
        width, height = png_size(path)
        assert width >= 1200 and height >= 600, path


@pytest.mark.parametrize("size", [(1200, 600), (800, 500)])
def test_trend_png_has_the_asked_size(demo_journal, tmp_path, size):
    from app.services.report_pdf import render_trend_png
    path = render_trend_png(demo_journal, 30, tmp_path / "trend.png", size)
    assert png_size(path) == size


def test_trend_png_refuses_a_bad_number_of_days(demo_journal, tmp_path):
    from app.core.errors import JournalError
    from app.services.report_pdf import render_trend_png
    with pytest.raises(JournalError) as err:
        render_trend_png(demo_journal, 0, tmp_path / "trend.png")
    assert err.value.field == "days"
    assert not (tmp_path / "trend.png").exists()


def test_matplotlib_is_loaded_only_when_drawing_and_pyplot_never(tmp_path):
    code = ("import sys\nimport app.services.report, app.services.export, app.services.charts, app.services.report_pdf\n"
            "assert 'matplotlib' not in sys.modules, 'imported at module level'\n"
            "assert 'reportlab' not in sys.modules, 'imported at module level'\n"
            "from datetime import datetime, timezone\nfrom app.services import open_spasmlog\n"
            "from app.services.export import export\n"
            "s = open_spasmlog(None, lambda: datetime(2026, 3, 2, 9, tzinfo=timezone.utc))\n"
            f"export(s, {str(tmp_path)!r}, formats='pdf')\n"
            "assert 'matplotlib' in sys.modules and 'matplotlib.pyplot' not in sys.modules\n"
            "assert 'reportlab' in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("days, span", [(1, 1), (90, 1), (180, 1), (181, 7), (3 * 366, 7), (3 * 366 + 1, 30), (3650, 30)])
def test_long_periods_are_drawn_per_week_then_per_month(days, span):
    from types import SimpleNamespace

    from app.services.charts import bin_days
    end = date(2026, 3, 2)
    assert bin_days(SimpleNamespace(start_date=end - timedelta(days=days - 1), end_date=end)) == span


def test_counts_of_one_are_singular_and_the_footer_names_only_the_file(svc, tmp_path):
    """QA: '1 scores on 1 days', '1 symptom checks', 'walk 1 times'; the footer showed the full journal path."""
    from app.core.entities import Activity, SymptomCheck
    from app.services.export import export
    from app.services.report import collect
    from app.services.report_text import summary
    day = T0 - timedelta(hours=2)
    for entry in (PainScore(day, 5), SymptomCheck(day), Activity(day, "walk", 20)):
        svc._repo.add(entry)
    lines = " ".join(b.text for b in summary(collect(svc, day.date(), day.date())))
    assert "1 score on 1 day;" in lines
    assert "1 check with every answer no" in lines
    assert "walk 1 time, 20 min" in lines
    assert "1 scores" not in lines and "1 days" not in lines and "1 times" not in lines

    [path] = export(svc, tmp_path / "out", day.date(), day.date(), "pdf")
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Data: journal.db" in text
    assert str(svc.path.parent) not in text
