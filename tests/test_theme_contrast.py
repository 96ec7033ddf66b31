"""WCAG 2 contrast of the text the app draws on filled colours (4.5:1 is the minimum for normal-size text)."""
import pytest

from app.ui import theme

NORMAL_TEXT = 4.5


def test_contrast_formula_matches_wcag_reference_values():
    assert theme.contrast((1, 1, 1), (0, 0, 0)) == pytest.approx(21)
    assert theme.contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1)
    # #777777 on white is the textbook 4.48:1, just under the line
    grey = [0x77 / 255] * 3
    assert theme.contrast(grey, (1, 1, 1)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("score", range(11))
def test_every_pain_digit_reads_on_its_colour(score):
    fill, text = theme.PAIN_COLORS[score], theme.on_pain(score)
    assert theme.contrast(fill, text) >= NORMAL_TEXT, (score, round(theme.contrast(fill, text), 2))


def test_light_pain_colours_get_dark_digits():
    # white on 3, 4 and 5 (#7CB342, #C0A000, #D48C00) was about 2.5:1
    for score in (3, 4, 5):
        assert theme.on_pain(score) == theme.ON_LIGHT
        assert theme.contrast(theme.PAIN_COLORS[score], (1, 1, 1)) < 3


def test_selected_chip_text_on_accent():
    assert theme.on_color(theme.ACCENT) == theme.ON_LIGHT
    assert theme.contrast(theme.ACCENT, theme.on_color(theme.ACCENT)) >= NORMAL_TEXT


@pytest.mark.parametrize("fill", ["ACCENT_DARK", "SURFACE_HI", "DANGER"])
def test_button_text_on_button_fills(fill):
    """FlatButton takes theme.on_color(bg): the primary (Save), plain and Delete buttons."""
    colour = getattr(theme, fill)
    assert theme.contrast(colour, theme.on_color(colour)) >= NORMAL_TEXT, fill


def test_see_through_fill_is_judged_over_the_background():
    assert theme.on_color((1, 1, 1, 0)) == theme.ON_DARK  # nothing drawn: the dark background shows
    assert theme.on_color((1, 1, 1, 1)) == theme.ON_LIGHT


def test_pain_buttons_are_at_least_48_dp_wide():
    from kivy.metrics import dp

    from app.ui.widgets import pain_columns
    spacing = dp(6)
    for width in range(int(dp(48)), 1200, 7):
        cols = pain_columns(width, spacing)
        assert 1 <= cols <= 6
        assert (width - spacing * (cols - 1)) / cols >= dp(48), (width, cols)
    assert pain_columns(dp(296), spacing) == 4  # 360 dp wide: 4-4-3, not 5-5-1
    assert pain_columns(dp(336), spacing) == 6  # 400 dp wide: 6-5
