"""The report, its charts and the data files say every time in the zone the clock carries, not the process's: the
PDF's words, the CSV and FHIR times (with that zone's offset) and the charts' days, for clocks far from the
process's zone."""
from __future__ import annotations

import csv
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from app.services import open_spasmlog
from app.services.export import export
from app.services.report import collect, period
from app.services.report_text import summary
from app.services.trends import chart_data
from tests.conftest import T0, FakeClock, zone

# T0 is Monday 2 March 2026 09:00 UTC. `turn` is an instant whose day on the clock's wall is not its day in UTC.
CASES = [  # process zone, clock zone, T0 on the clock's wall, offset, turn (after T0), its day on the clock's wall
    ("UTC", "Pacific/Chatham", "22:45", "+13:45", timedelta(minutes=90), "3 Mar"),
    ("UTC", "America/St_Johns", "05:30", "-03:30", timedelta(hours=15), "2 Mar"),
    ("Pacific/Chatham", "America/St_Johns", "05:30", "-03:30", timedelta(hours=15), "2 Mar"),
]


@pytest.fixture(params=CASES, ids=[f"{c[1]} clock in a {c[0]} process" for c in CASES])
def case(request, journal_path):
    """A journal with an episode an hour before T0 and a noted pain score half an hour before, in the case's zones."""
    process, person, wall, offset, turn, turn_day = request.param
    with zone(process):
        clock = FakeClock(T0, ZoneInfo(person))
        svc = open_spasmlog(journal_path, clock)
        svc.entries.start_episode(at=T0 - timedelta(hours=1))
        svc.entries.log_pain(6, note="stiff", at=T0 - timedelta(minutes=30))
        svc.wall, svc.offset, svc.turn, svc.turn_day = wall, offset, turn, turn_day
        yield svc
        svc.close()


def _wall(svc, minutes_before_t0: int) -> str:
    return (T0 - timedelta(minutes=minutes_before_t0)).astimezone(svc.zone).strftime("%H:%M")


def test_the_reports_words_say_the_clocks_wall_times(case):
    blocks = summary(collect(case, *period(T0.date(), days=7)))
    text = "\n".join([b.text for b in blocks] + [" | ".join(row) for b in blocks for row in b.rows])
    day = (T0 - timedelta(hours=1)).astimezone(case.zone).strftime("%a %-d %b")
    assert f"\n{day} {_wall(case, 60)} | 1 h so far" in text, text  # the episode's start
    assert f"{day} {_wall(case, 30)}, with a pain score 6: \u201cstiff\u201d" in text, text


def test_the_pdf_csv_and_fhir_say_the_clocks_times(case, tmp_path):
    files = export(case, tmp_path / "out", formats="pdf,csv,fhir")
    pdf = next(p for p in files if p.name.endswith("_report.pdf"))
    pdf_text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"Made by SpasmLog on 2 Mar 2026 {case.wall}." in " ".join(pdf_text.split()), pdf_text[:400]
    pain_csv = next(p for p in files if p.name.endswith("_pain_scores.csv"))
    rows = list(csv.DictReader(pain_csv.read_text(encoding="utf-8-sig").splitlines()))
    expected = f"2026-03-02T{_wall(case, 30)}:00{case.offset}"
    assert [r["at"] for r in rows] == [expected]
    bundle = json.loads(next(p for p in files if p.name.endswith("_fhir.json")).read_text(encoding="utf-8"))
    assert bundle["timestamp"] == f"2026-03-02T{case.wall}:00{case.offset}"
    assert [e["resource"]["effectiveDateTime"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation" and "valueInteger" in e["resource"]] == [expected]


def test_the_charts_date_a_score_on_the_clocks_day(case):
    from app.ui.screen_charts import screen_figure
    case.clock.at = T0 + case.turn
    case.entries.log_pain(3)
    data = chart_data(case, 7)
    assert data.end_date.strftime("%-d %b") == case.turn_day  # "today" is the clock's
    ax = screen_figure(data, "pain", (336, 228), 1.0).axes[0]
    dates = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert dates[-1] == case.turn_day, dates
    points = [x.strftime("%-d %b") for line in ax.get_lines() for x in line.get_xdata()
              if line.get_marker() == "o"]
    assert points[-1] == case.turn_day, points


def test_the_readable_copy_of_a_journal_says_the_clocks_times(case, tmp_path):
    from app.services.salvage import export_readable
    files, lost = export_readable(case, tmp_path / "readable")
    pain_csv = next(p for p in files if p.name.endswith("_pain_scores.csv"))
    rows = list(csv.DictReader(pain_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert ([r["at"] for r in rows], lost) == ([f"2026-03-02T{_wall(case, 30)}:00{case.offset}"], [])
