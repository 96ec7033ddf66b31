"""Medication & activity: choosing when, with real touches on the real app."""
import pytest

pytestmark = pytest.mark.ui

AT = "2026-03-02T09:00:00+00:00"


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_a_dose_and_an_activity_can_be_logged_for_earlier(ui, journal_path, size):
    ui("meds_choose_when", journal_path, at=AT, size=size)


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_messages_never_cover_what_is_read_or_tapped(ui, journal_path, size):
    ui("messages_never_cover", journal_path, at=AT, size=size)


def test_a_message_does_not_go_while_a_finger_is_down(ui, journal_path):
    ui("message_waits_for_the_finger", journal_path, at=AT, size="360x640")


@pytest.mark.parametrize("size", ["360x640"])
def test_text_fields_stop_at_their_limit(ui, journal_path, size):
    ui("text_fields_stop_at_their_limit", journal_path, at=AT, size=size)
