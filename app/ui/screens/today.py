"""Today: the open episode, flags, the latest pain score and a one-tap pain logger."""
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from ...core.i18n import _, format_datetime_pattern, listed
from ...core.timeutil import hhmm, to_local
from .base import BaseScreen
from ..countdown import TherapySummary  # noqa: F401  (the ice & heat card in kv/today.kv)


def pain_band(score: int) -> str:
    from ...core.guidance import guidance
    for band in guidance()["pain"]["bands"]:
        if band["min"] <= score <= band["max"]:
            return band["label"]
    return ""


class TodayScreen(BaseScreen):
    episode_title = StringProperty("")
    episode_detail = StringProperty("")
    episode_open = BooleanProperty(False)
    pain_value = StringProperty("–")
    pain_detail = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._advice_shown: set = set()

    def prepare(self, show_advice: bool = False) -> None:
        """show_advice: come back at the top where the advice is (after a symptom check), new or not."""
        if show_advice:
            self._advice_shown = set()

    def refresh(self) -> None:
        from ..flag_banners import fill_banners
        shown = fill_banners(self.ids.banners, self.app, self.refresh)
        if shown - self._advice_shown:
            self.show_advice()  # new advice: where the person is looking, never above the window
        self._advice_shown = shown
        now, zone = self.svc.now(), self.svc.zone  # times on the wall clock of the person's zone (the clock's)
        episode = self.svc.entries.open_episode()
        self.episode_open = episode is not None
        if episode:
            info = self.svc.entries.episode_summary(episode, now)
            self.episode_title = _("Spasm episode · day {day}").format(day=info["day"])
            where = listed(self._region_label(r) for r in episode.regions)
            self.episode_detail = (_("Started {when} · {duration} so far").format(
                when=format_datetime_pattern(to_local(episode.started, zone), "EEE HH:mm", "%a %H:%M"), duration=info["duration"])
                                   + (f"\n{where}" if where else ""))
        else:
            self.episode_title = _("No spasm going on")
            self.episode_detail = _("Tap “Spasm started” when one begins.")
        latest = self.svc.entries.latest_pain()
        if latest:
            self.pain_value = str(latest.score)
            at = to_local(latest.at, zone)
            when = hhmm(at, zone) if at.date() == to_local(now, zone).date() else format_datetime_pattern(at, "d MMM HH:mm", "%d %b %H:%M")
            self.pain_detail = f"/10 · {pain_band(latest.score)} · {when}"
        else:
            self.pain_value, self.pain_detail = "–", _("No score yet")
        self.ids.therapy_card.refresh(self.svc)  # the running session, or when ice/heat are next allowed

    def bring_new_advice(self, keys: set) -> None:
        """Flags (code, key) found by the app's flag watch: the banners again, scrolled to them, unless already on
        show (rebuilding them would swap the banner under a finger or an eye for nothing)."""
        if keys - self._advice_shown:
            self.refresh()

    def show_advice(self) -> None:
        """Scroll to the top, where the banners are, once they have their height (and any finger has lifted)."""
        def scroll(dt):
            self.ids.scroller.scroll_y = 1
        Clock.schedule_once(scroll, 0)
        Clock.schedule_once(scroll, 0.3)  # a scroll set while a touch is down is undone when it lifts

    @staticmethod
    def _region_label(code: str) -> str:
        from ...core.guidance import label
        return label("regions", code)

    def log_pain(self, score: int) -> None:
        entry = self.attempt(self.svc.entries.log_pain, score)
        if entry:
            self.refresh()
            self.ids.picker.selected = -1
            token = ("pain", entry.id)
            self.app.snack(_("Pain {score}/10 logged at {time}.").format(score=entry.score, time=hhmm(entry.at, self.svc.zone)),
                           _("Undo"), lambda: self._undo(token))

    def _undo(self, token) -> None:
        self.attempt(self.svc.entries.delete, *token)
        self.refresh()
        self.app.snack(_("Pain score removed."))

    def _reopen(self, episode_id: int) -> None:
        if self.attempt(self.svc.entries.reopen_episode, episode_id) is not None:
            self.app.snack(_("The episode is open again."))
        self.refresh()

    def toggle_episode(self) -> None:
        if self.episode_open:
            episode = self.attempt(self.svc.entries.end_episode)
            if episode:
                self.app.snack(_("Episode over at {time}. Well done for getting through it.").format(
                    time=hhmm(episode.ended, self.svc.zone)), _("Undo"), lambda: self._reopen(episode.id))
        else:
            # Starting asks where and how bad on its own screen; ending stays one tap.
            self.app.go("episode")
            return
        self.refresh()
