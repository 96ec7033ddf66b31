"""Log a spasm: when it started, where it hurts (body map), what set it off, how bad, a note."""
from kivy.properties import BooleanProperty, StringProperty

from ...core.i18n import _
from ...core.guidance import codes, label
from ...core.timeutil import hhmm, human_duration
from ..bodymap import BodyMap  # noqa: F401  (used by kv/episode.kv)
from ..pickers import TimePicker, when_words  # noqa: F401
from ..widgets import Chip
from .base import BaseScreen


class EpisodeScreen(BaseScreen):
    episode_open = BooleanProperty(False)
    open_text = StringProperty("")
    where_text = StringProperty("")
    trigger = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._chips_built = False

    def on_pre_enter(self, *args):
        self.reset_form()
        super().on_pre_enter(*args)

    def refresh(self) -> None:
        episode = self.svc.entries.open_episode()
        self.episode_open = episode is not None
        if episode:
            now = self.svc.now()
            self.open_text = _("A spasm is already logged as going on, since {when} ({duration}). "
                               "End it before logging a new one.").format(when=when_words(episode.started, now, self.svc.zone),
                                                                          duration=human_duration(now - episode.started))

    def reset_form(self) -> None:
        """Every visit starts with an empty form: now, no regions, no trigger, no score, no note."""
        if not self._chips_built:
            for code in codes("triggers"):
                chip = Chip(text=label("triggers", code), code=code)
                chip.bind(on_release=lambda c: self.pick_trigger(c.code))
                self.ids.triggers.add_widget(chip)
            self._chips_built = True
        self.ids.when.set(None)
        self.ids.bodymap.selected = []
        self.on_regions([])
        self.pick_trigger("")
        self.ids.pain.selected = -1
        self.ids.note.text = ""
        self.error = ""

    def on_regions(self, selected) -> None:
        self.where_text = self.ids.bodymap.words() if selected else _("Tap every place that hurts.")

    def pick_trigger(self, code: str) -> None:
        """One trigger at most; tapping the chosen one again clears it."""
        self.trigger = "" if code == self.trigger else code
        for chip in self.ids.triggers.children:
            chip.selected = chip.code == self.trigger

    def save(self) -> None:
        pain = self.ids.pain.selected
        result = self.attempt(self.svc.entries.start_episode_with_pain,
                              regions=list(self.ids.bodymap.selected), trigger=self.trigger or None,
                              note=self.ids.note.text, at=self.ids.when.chosen(),
                              pain=None if pain < 0 else int(pain))
        if result:
            episode, score = result
            said = _(" · pain {score}/10").format(score=score.score) if score else ""
            # CLINICAL.md section 2: the warning-sign check is offered at the start of every episode.
            self.app.go("symptoms", after="episode")
            self.app.snack(_("Spasm logged from {time}{pain}.").format(time=hhmm(episode.started, self.svc.zone), pain=said))

    def end_open(self) -> None:
        episode = self.attempt(self.svc.entries.end_episode)
        if episode:
            self.refresh()
            self.app.snack(_("Episode over at {time}. You can log a new one now.").format(time=hhmm(episode.ended, self.svc.zone)))

    def cancel(self) -> None:
        self.app.go("today")
