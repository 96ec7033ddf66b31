"""UI scenario for Today's banners in German at 150 % text on a small phone: no word split, no text cut off."""
from .harness import settled, wait_for as _wait_for
from .scenarios_comfort import too_big_labels

__all__ = ["banners_german_large_text"]


def _tokens(text: str) -> list[str]:
    import re
    return re.sub(r"\[/?[a-z]+[^\]]*\]", "", text).split()


def split_words(banner) -> list[str]:
    """Words of the banner's message that its lines break inside (a line holding a piece, not a whole word)."""
    msg = banner.ids.msg
    msg.texture_update()
    whole = set(_tokens(msg.text))
    pieces = []
    for line in msg._label._cached_lines:
        pieces += "".join(word.text for word in line.words).split()
    return [p for p in pieces if p not in whole]


def _check(d, theme: str) -> list[str]:
    from app.ui import theme as th
    from app.ui.widgets import Banner
    today = d.screen("today")
    banners = [b for b in today.ids.banners.children if isinstance(b, Banner)]
    assert len(banners) >= 3, [b.text for b in banners]
    problems = []
    for b in banners:
        msg, button = b.ids.msg, b.ids.action
        problems += [f"{theme}: {b.code}: split {p!r}" for p in split_words(b)]
        if msg.texture_size[0] > msg.width + 1:
            problems.append(f"{theme}: {b.code}: text {msg.texture_size[0]:.0f} wide in {msg.width:.0f}")
        # stacked: the button spans the banner under the text; beside it: the text keeps at least 9 x FONT_S
        if b.stacked:
            if not (button.y + button.height <= msg.y + 1 and button.width > 0.8 * b.width):
                problems.append(f"{theme}: {b.code}: the button is not under the text across the banner")
        elif msg.width < 9 * th.FONT_S - 1:
            problems.append(f"{theme}: {b.code}: text {msg.width:.0f} wide beside the button, under 9 x FONT_S")
    return problems + [f"{theme}: {p}" for p in too_big_labels(today)]


def banners_german_large_text(d):
    """Deutsch, 150 %, 360x640: Today's flag banners and the daily check wrap between words (the action button goes
    under the text when beside it the text would be too narrow), light and dark."""
    from datetime import timedelta
    d.svc.settings.update_profile(osteoporosis="yes")  # a fall then raises the X-ray advice too (long German words)
    d.svc.entries.start_episode(regions=["lower_back_left"], trigger="fall", at=d.svc.now() - timedelta(hours=1))
    d.app.change_setting("language", "de")
    d.app.change_setting("text_size", "150")
    problems = []
    for theme in ("light", "dark"):
        d.app.change_setting("theme", theme)
        d.app.journal_changed()
        yield from d.go("today")
        today = d.screen("today")
        yield from _wait_for(lambda: len(today.ids.banners.children) >= 3, what="the banners")
        yield from settled(d, "the banners laid out")
        try:  # banners just rebuilt may need a few frames to lay out
            yield from _wait_for(lambda: not _check(d, theme), 3, f"the {theme} banners to wrap between words")
        except AssertionError:
            problems += _check(d, theme)
        today.ids.scroller.scroll_y = 1
        yield from settled(d, "Today scrolled to the top")
        d.shot(f"banners_de_150_{theme}")
    assert not problems, "\n".join(problems)

