"""The Today screen, driven in the real app."""
import pytest

pytestmark = pytest.mark.ui


def test_log_pain_from_today_and_undo(ui, journal_path):
    ui("today_log_pain", journal_path)
    from tests.conftest import row_counts
    counts = row_counts(journal_path)
    assert counts["pain_scores"] == 1  # the undone score stays as a soft-deleted row
    import sqlite3
    conn = sqlite3.connect(journal_path)
    assert conn.execute("SELECT score, deleted_at IS NOT NULL FROM pain_scores").fetchone() == (7, 1)


def test_spasm_over_from_today_can_be_undone(ui, journal_path):
    ui("today_spasm_over_undo", journal_path)
    import sqlite3
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("SELECT ended FROM episodes").fetchall() == [(None,)]
