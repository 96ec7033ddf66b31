"""UI scenarios for Settings, the first-start Welcome and Trends (run by tests/ui/harness.py)."""
from .harness import current as _current, screen_shown, settled, wait_for as _wait_for

__all__ = ["settings_change", "settings_kept_after_restart", "welcome_first_start", "welcome_not_again",
           "trends_on_demo_journal", "shoot_settings_trends_welcome", "settings_remind_when_closed"]




def _chart_views():
    from kivy.core.window import Window
    return [w for w in Window.children if type(w).__name__ == "ChartView"]


def _choice(d, grid, words):
    return d.find(grid, text=words, cls="FlatButton")


# -- Settings -----------------------------------------------------------------------------

def settings_change(d):
    """Change reminders, heat and the profile through the real Settings screen; a refusal is a friendly line."""
    yield from d.go("settings")
    s = d.screen("settings")
    assert s.daily_checkin == "20:00" and s.heat_minutes == "20"
    d.shot("settings_before")

    yield from d.tap_visible(d.find(s.ids.daily_checkin, text="+1 h"))
    yield from d.tap_visible(d.find(s.ids.daily_checkin, text="+15"))
    assert s.ids.daily_checkin.value == "21:15"
    assert d.svc.settings.get("daily_checkin") == "21:15"

    yield from d.tap_visible(d.find(s.ids.move_reminder, text="Off", cls="FlatButton"))
    assert d.svc.settings.get("move_reminder") == "on"
    yield from d.tap_visible(d.find(s.ids.sounds, text="On", cls="FlatButton"))
    assert d.svc.settings.get("sounds") == "off"

    # Heat: 20 is the longest allowed, so + is refused with a friendly line; − saves 19.
    yield from d.tap_visible(d.find(s.ids.heat_minutes, text="+1"))
    assert d.svc.settings.get("heat_default_minutes") == "20"
    heat_error = d.find(s.ids.heat_card, cls="ErrorLine")
    assert "15 to 20 minutes" in heat_error.text, heat_error.text
    yield from d.tap_visible(d.find(s.ids.heat_minutes, text="−1"))
    assert d.svc.settings.get("heat_default_minutes") == "19"
    assert s.ids.heat_minutes.value == "19 min" and heat_error.text == ""

    # Waking hours that end before they start are refused by the service: shown plainly, nothing saved.
    d.svc.settings.set("waking_end", "08:15")
    s.refresh()
    yield from _wait_for(lambda: s.ids.waking_end.value == "08:15", 10, "the waking hours' end to show 08:15")
    yield from d.tap_visible(d.find(s.ids.waking_end, text="−15"))
    assert d.svc.settings.get("waking_end") == "08:15"
    line = d.find(s.ids.reminders_card, cls="ErrorLine")
    assert line.text.startswith("Waking hours must start before they end"), line.text
    d.shot("settings_refused")
    yield from d.tap_visible(d.find(s.ids.waking_end, text="+1 h"))
    assert d.svc.settings.get("waking_end") == "09:15" and line.text == ""

    # Profile: each answer is saved at once.
    form = s.profile_form
    yield from d.tap_visible(_choice(d, form.grids["osteoporosis"], "Yes"))
    yield from d.tap_visible(_choice(d, form.grids["age_band"], "60–74"))
    p = d.svc.settings.profile()
    assert (p.osteoporosis, p.age_band, p.answered) == ("yes", "60_74", True)
    assert form.grids["osteoporosis"].value == "yes"

    # Where the journal lives, and the notification check (answered off the main thread).
    assert s.journal_path.endswith(".db"), s.journal_path
    yield from _wait_for(lambda: "Checking" not in s.notify_text, 15, "the notification check")
    assert "notifications" in s.notify_text, s.notify_text
    about = s.ids.about_card
    assert "not a doctor" in d.find(about, text="not a doctor").text
    assert d.find(about, text="SpineNation")
    s.ids.scroller.scroll_y = 0
    yield from settled(d, "Settings scrolled to the bottom")
    d.shot("settings_about")


def settings_kept_after_restart(d):
    """A second run on the same journal shows the changes made in the first."""
    assert _current(d) == "today"  # the welcome was seen: not shown again
    yield from d.go("settings")
    s = d.screen("settings")
    assert s.ids.daily_checkin.value == "21:15", s.ids.daily_checkin.value
    assert s.ids.heat_minutes.value == "19 min"
    assert s.ids.waking_end.value == "09:15"
    assert s.move_reminder and not s.sounds
    assert s.profile_form.grids["osteoporosis"].value == "yes"
    assert s.profile_form.grids["age_band"].value == "60_74"
    d.shot("settings_after_restart")


# -- Welcome ------------------------------------------------------------------------------

def welcome_first_start(d):
    """A fresh journal opens on the welcome; the answers are saved; Start goes to Today."""
    assert _current(d) == "welcome", _current(d)
    w = d.screen("welcome")
    assert "not a doctor" in w.ids.disclaimer.text
    assert d.svc.settings.profile().answered is False
    nav = d.app.root_widget.ids.nav
    assert nav.disabled and nav.height == 0, "the welcome must not be skipped through a tab"
    d.shot("welcome")
    form = w.profile_form
    yield from d.tap_visible(_choice(d, form.grids["osteoporosis"], "Yes"))
    yield from d.tap_visible(_choice(d, form.grids["steroids"], "No"))
    yield from d.tap_visible(_choice(d, form.grids["cancer_history"], "Not sure"))
    yield from d.tap_visible(_choice(d, form.grids["age_band"], "40–59"))
    p = d.svc.settings.profile()
    assert (p.osteoporosis, p.steroids, p.cancer_history, p.age_band) == ("yes", "no", "unknown", "40_59")
    d.shot("welcome_answered")
    yield from d.tap_visible(w.ids.start)
    yield from screen_shown(d, "today")
    assert not nav.disabled and nav.height > 0
    assert d.svc.settings.get("welcome_seen") == "yes"


def welcome_not_again(d):
    """After the welcome was seen, the next start opens on Today."""
    yield from screen_shown(d, "today")
    assert d.svc.settings.profile().osteoporosis == "yes"


# -- Trends -------------------------------------------------------------------------------

def trends_on_demo_journal(d):
    """Trends on a demo journal: the numbers from SQL, the charts drawn after the screen shows."""
    from app.services.demo import generate
    from app.services.trends import trend_numbers
    generate(d.svc._repo, d.svc.now(), 120, seed=3)
    d.app.go("trends")
    t = d.screen("trends")
    assert t.status["pain"] == "Drawing the chart…"  # drawn after the screen is shown, never before
    yield from _wait_for(lambda: t.drawn >= 2, 60, "both charts")
    yield from settled(d, "the charts on the screen")
    expected = trend_numbers(d.svc, 30)
    assert t.avg_pain == (f"{expected['avg_pain']:.1f}" if expected["avg_pain"] is not None else "–")
    assert t.spasm_days == str(expected["spasm_days"]) and t.sessions == str(expected["sessions"])
    images = [w for w in t.walk(restrict=True) if type(w).__name__ == "ChartImage"]
    for chart, image in zip(("pain", "episodes"), images):
        assert t.shown[chart].startswith("30d ") and t.status[chart] == "", (t.shown, t.status)
        assert image.texture is t.textures[chart] and image.texture.width > 100, (image.texture, chart)
        # Drawn at the image's own size in pixels, so shown unscaled: its 12 sp type is 12 sp on the screen.
        assert tuple(image.texture.size) == (round(image.width), round(image.height)), (image.texture.size, image.size)
        assert f" {round(image.width)}x{round(image.height)} " in t.shown[chart], t.shown[chart]
        assert image.width > d.app.root.width * 0.7, (image.width, d.app.root.width)  # the card's width
    d.shot("trends")

    # Another period: drawn anew; coming back to 30 days uses the kept picture.
    yield from d.tap(d.find(t.ids.periods, text="7 days"))
    yield from _wait_for(lambda: t.shown["pain"].startswith("7d ") and t.shown["episodes"].startswith("7d "), 60,
                         "7-day charts")
    drawn = t.drawn
    yield from d.tap(d.find(t.ids.periods, text="30 days"))
    yield from _wait_for(lambda: t.shown["pain"].startswith("30d ") and t.shown["episodes"].startswith("30d "), 30,
                         "the 30-day charts again")
    assert t.drawn == drawn  # kept
    # A new entry changes the journal: the chart is drawn again.
    d.svc.entries.log_pain(4)
    t.refresh()
    yield from _wait_for(lambda: t.drawn == drawn + 2, 60, "redraw after a change")

    # A narrower window (a resized one, a phone turned back): the charts are drawn again at the new size.
    from kivy.core.window import Window
    image = images[0]
    width, drawn = round(image.width), t.drawn
    Window.size = (Window.width - 40, Window.height)
    yield from _wait_for(lambda: t.drawn == drawn + 2, 60, "charts redrawn at the new width")
    yield from _wait_for(lambda: image.texture is not None and tuple(image.texture.size) == (
        round(image.width), round(image.height)), 30, "the redrawn chart shown at its new size")
    assert round(image.width) < width and tuple(image.texture.size) == (round(image.width), round(image.height)), \
        (image.size, image.texture.size, width)

    # Tapping a chart shows the report's wide drawing of it, title and legend included.
    yield from d.tap(image)
    yield from _wait_for(_chart_views, 10, "the larger chart to open")
    views = _chart_views()
    yield from _wait_for(lambda: views[0].texture is not None, 60, "the larger chart")
    yield from settled(d, "the larger chart on the screen")
    assert views[0].status == "" and tuple(views[0].texture.size) == (1200, 640)
    d.shot("trends_enlarged")
    yield from d.tap(d.find(views[0], text="Close"))
    yield from _wait_for(lambda: not _chart_views(), 10, "the larger chart to close")


# -- screenshots of these screens at the harness's --size (looked at by a person) --------

def shoot_settings_trends_welcome(d):
    from app.services.demo import generate
    generate(d.svc._repo, d.svc.now(), 120, seed=3)
    size = d.size
    yield from d.go("welcome")
    w = d.screen("welcome")
    for i, y in enumerate((1, 0.5, 0)):
        w.ids.scroller.scroll_y = y
        yield from settled(d, f"the welcome scrolled to {y}")
        d.shot(f"welcome_{size}_{i}")
    yield from d.go("settings")
    s = d.screen("settings")
    for i, y in enumerate((1, 0.75, 0.5, 0.25, 0)):
        s.ids.scroller.scroll_y = y
        yield from settled(d, f"Settings scrolled to {y}")
        d.shot(f"settings_{size}_{i}")
    d.app.go("trends")
    t = d.screen("trends")
    yield from _wait_for(lambda: t.drawn >= 2, 60, "both charts")
    yield from settled(d, "the charts on the screen")
    d.shot(f"trends_{size}_0")
    t.ids.scroller.scroll_y = 0
    yield from settled(d, "Trends scrolled to the bottom")
    d.shot(f"trends_{size}_1")
    t.enlarge("pain")
    views = _chart_views()
    yield from _wait_for(lambda: views[0].texture is not None, 60, "the larger chart")
    yield from settled(d, "the larger chart on the screen")
    d.shot(f"trends_{size}_big")



def settings_remind_when_closed(d):
    """'Remind me when SpasmLog is closed' writes the login entry and starts the agent; off undoes both."""
    from app.adapters import presence
    from app.adapters.desktop import autostart_path
    yield from d.go("settings")
    s = d.screen("settings")
    path = d.svc.path
    assert not s.when_closed and not autostart_path().exists()
    yield from d.tap_visible(d.find(s.ids.when_closed, text="Off", cls="FlatButton"))
    assert autostart_path().exists() and d.svc.settings.get("remind_when_closed") == "on"
    yield from _wait_for(lambda: presence.is_running(path, "agent"), 30, "the agent to start")
    yield from _wait_for(lambda: s.when_closed_note.startswith("Runs now"), 10, "the note to say it runs")
    assert s.when_closed
    yield from d.tap_visible(d.find(s.ids.discreet, text="Off", cls="FlatButton"))
    assert d.svc.settings.get("discreet_notifications") == "on" and s.discreet
    yield from d.show(s.ids.when_closed, padding=120)
    d.shot("settings_notifications_on")
    yield from d.tap_visible(d.find(s.ids.when_closed, text="On", cls="FlatButton"))
    assert not autostart_path().exists() and d.svc.settings.get("remind_when_closed") == "off"
    yield from _wait_for(lambda: not presence.is_running(path, "agent"), 30, "the agent to stop")
    assert not s.when_closed and s.when_closed_note.startswith("Off")
