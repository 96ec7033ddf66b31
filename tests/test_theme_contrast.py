"""WCAG 2 contrast of every colour pair the app draws, in both themes (4.5:1 text, 3:1 large text and controls)."""
import pytest
from kivy.utils import get_color_from_hex as hexc

from app.ui import theme

NORMAL_TEXT = 4.5


@pytest.fixture(autouse=True)
def dark_theme():
    """Every test starts and ends on the dark theme at 100 % (the theme is one live object)."""
    theme.THEME.apply("dark", 100)
    yield
    theme.THEME.apply("dark", 100)


@pytest.mark.parametrize("name", theme.THEMES)
@pytest.mark.parametrize("fg, bg, least", theme.PAIRS, ids=[f"{f}-on-{b}" for f, b, _ in theme.PAIRS])
def test_every_text_and_control_pair_meets_wcag_aa(name, fg, bg, least):
    palette = theme.PALETTES[name]
    ratio = theme.contrast(hexc(palette[fg]), hexc(palette[bg]))
    assert ratio >= least, (name, fg, bg, round(ratio, 2))


@pytest.mark.parametrize("name", theme.THEMES)
@pytest.mark.parametrize("fill", theme.FILLS)
def test_text_on_every_fill_meets_wcag_aa(name, fill):
    """Buttons (primary, plain, the ice and heat buttons), selected chips, tier banners, the disclaimer card."""
    theme.THEME.apply(name)
    colour = getattr(theme.THEME, fill)
    assert theme.contrast(colour, theme.on_color(colour)) >= NORMAL_TEXT, (name, fill)


@pytest.mark.parametrize("name", theme.THEMES)
def test_banner_text_reads_on_every_tier_colour(name):
    theme.THEME.apply(name)
    for tier, colour in theme.THEME.TIER_COLORS.items():
        assert theme.contrast(colour, theme.on_color(colour)) >= NORMAL_TEXT, (name, tier)


@pytest.mark.parametrize("name", theme.THEMES)
def test_pain_digits_read_in_both_themes(name):
    theme.THEME.apply(name)
    for score in range(11):
        fill = theme.PAIN_COLORS[score]
        assert theme.contrast(fill, theme.on_pain(score)) >= NORMAL_TEXT, (name, score)


def test_emergency_screen_white_on_red():
    """kv/emergency.kv draws white text on its own red, the same in both themes."""
    red = hexc("#A51C1C")
    assert theme.contrast(red, (1, 1, 1)) >= NORMAL_TEXT


def test_switching_changes_the_live_values_and_back():
    theme.THEME.apply("light", 150)
    assert theme.BG == hexc(theme.PALETTES["light"]["BG"])
    light_font = theme.THEME.FONT_M
    theme.THEME.apply("dark", 100)
    assert theme.BG == hexc(theme.PALETTES["dark"]["BG"])
    assert light_font == pytest.approx(1.5 * theme.THEME.FONT_M)
    assert theme.THEME.TOUCH >= theme.dp(48)


def test_unknown_theme_or_size_is_refused():
    with pytest.raises(ValueError):
        theme.THEME.apply("sepia")
    with pytest.raises(ValueError):
        theme.THEME.apply(text_size=175)


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
