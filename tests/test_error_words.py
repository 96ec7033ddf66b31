"""On a screen a refusal reads as a sentence; the command line keeps naming the field first."""
from app.core.errors import JournalError, RuleRefusal


def test_a_screen_gets_the_message_without_the_field_name_in_front():
    err = JournalError("start", "start: this overlaps the spasm episode that started Sun 29 Nov 15:53.")
    assert err.message.startswith("start: ")  # the CLI's contract: the field first
    assert err.plain == "This overlaps the spasm episode that started Sun 29 Nov 15:53."


def test_a_message_that_does_not_start_with_its_field_is_kept_whole():
    assert JournalError("episode", "No spasm episode is open.").plain == "No spasm episode is open."
    assert RuleRefusal("ice_rest", "Ice again from 11:10, in 42 min.").plain == "Ice again from 11:10, in 42 min."
