"""Ice & heat: start a timer (ice after one barrier tap), see it count down, stop it, rate pain after."""
from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from ...core import therapy as rules
from ...core.i18n import _
from ..countdown import CountdownRing  # noqa: F401  (used in kv)
from ..presenters.therapy import MODES, TherapyPresenter
from .base import BaseScreen, friendly, journal_path_of

TICK_SECONDS = 0.5


class TherapyScreen(BaseScreen):
    """Shows a TherapyPresenter's state (app/ui/presenters/therapy.py); Kivy's Clock only redraws."""
    mode = StringProperty("idle")
    # choosing
    ice_status = StringProperty("")
    heat_status = StringProperty("")
    ice_allowed = BooleanProperty(True)
    heat_allowed = BooleanProperty(True)
    ice_hint = StringProperty("")
    heat_hint = StringProperty("")
    heat_early = BooleanProperty(False)
    heat_minutes = NumericProperty(20)
    heat_min = NumericProperty(rules.rules("heat")["min_minutes"])
    heat_max = NumericProperty(rules.rules("heat")["max_minutes"])
    ice_minutes = NumericProperty(rules.rules("ice")["max_minutes"])
    refusal = StringProperty("")
    # running
    run_kind = StringProperty("ice")
    run_title = StringProperty("")
    remaining_text = StringProperty("")
    ends_text = StringProperty("")
    fraction = NumericProperty(1.0)
    stop_note = StringProperty("")
    stop_asking = BooleanProperty(False)
    pain_now_offer = BooleanProperty(False)
    # ended
    ended_kind = StringProperty("ice")
    ended_title = StringProperty("")
    ended_detail = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._event = None
        self._presenter = None

    @property
    def presenter(self) -> TherapyPresenter:
        if self._presenter is None or self._presenter.svc is not self.svc:
            # the first time, or the journal was opened again (a new passphrase, encrypted elsewhere, restored):
            # a presenter holds the services it was made with, closed by now
            self._presenter = TherapyPresenter(self.svc)
        return self._presenter

    def on_kv_post(self, base_widget):
        self.ids.pain_now.ids.picker.bind(on_pick=lambda _w, score: self.log_pain_now(score))
        self.ids.pain_now.ids.skip.bind(on_release=lambda *_: self.skip_pain_now())
        # kv ids are weak and the row leaves the tree while hidden: the screen keeps it alive.
        self._pain_now_row = self.ids.pain_now.__self__
        # The four states are separate blocks; only the one for the current mode is in the tree.
        self._blocks = {m: self.ids[f"{m}_block"].__self__ for m in MODES}
        for block in self._blocks.values():
            block.parent.remove_widget(block)
        self._show_block()

    def on_mode(self, *_):
        self._show_block()

    def _show_block(self):
        if not hasattr(self, "_blocks"):
            return
        holder = self.ids.holder
        holder.clear_widgets()
        holder.add_widget(self._blocks[self.mode])
        self.ids.scroller.scroll_y = 1  # each state starts at its top

    # -- ticking ----------------------------------------------------------------------
    def on_enter(self, *args):
        if self.app.svc is None:  # the journal is being opened again (journal_swap.py): nothing to read now
            return
        try:
            self.presenter.enter()
        except Exception as exc:  # noqa: BLE001  (a read that fails says so on the screen)
            self.error = friendly(exc, journal_path_of(self.app))
        self._start_ticking()

    def on_leave(self, *args):
        self.presenter.leave()
        self.mode = self.presenter.mode
        if self.mode != "running":  # a running session keeps ticking so its end is caught at once
            self._stop_ticking()

    def _start_ticking(self):
        if self._event is None:
            self._event = Clock.schedule_interval(self._tick, TICK_SECONDS)

    def _stop_ticking(self):
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _tick(self, dt=None):
        if self.app.svc is None:  # the journal is being opened again (journal_swap.py): nothing to read now
            return
        visible = self.manager is not None and self.manager.current == self.name
        self.refresh()
        if not visible and self.mode != "running":
            self._stop_ticking()

    # -- showing ----------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self._show(self.presenter.refresh())
        except Exception as exc:  # noqa: BLE001  (runs on a clock tick: must never take the app down)
            self.error = friendly(exc, journal_path_of(self.app))

    def _show(self, state) -> None:
        for name in ("heat_early", "heat_minutes", "refusal", "run_kind", "run_title", "remaining_text", "ends_text",
                     "fraction", "stop_note", "stop_asking", "pain_now_offer", "ended_kind", "ended_title",
                     "ended_detail"):
            setattr(self, name, getattr(state, name))
        for kind in rules.KINDS:
            choice = getattr(state, kind)
            setattr(self, f"{kind}_allowed", choice.allowed)
            setattr(self, f"{kind}_status", choice.status)
            setattr(self, f"{kind}_hint", choice.hint)
        if state.error:
            self.error = state.error
        self.mode = state.mode
        if state.mode == "running":
            self._start_ticking()
        if state.tell_reminders:
            self._reminders_check()

    # -- actions ------------------------------------------------------------------------
    def ask_ice(self) -> None:
        """Ice: refused at once if not allowed, else one tap to confirm the towel."""
        try:
            asked = self.presenter.ask_ice()
        except Exception as exc:  # noqa: BLE001  (an unreadable journal: a line on screen, never a crash)
            self.error = friendly(exc, journal_path_of(self.app))
            return
        if asked:
            self.error = ""
            self.refresh()
        else:
            self._refused()

    def cancel_confirm(self) -> None:
        self.presenter.cancel_confirm()
        self.refresh()

    def confirm_key(self) -> bool:
        """Enter: start the ice that is waiting for its towel confirmation."""
        if self.mode == "confirm":
            self.start_ice()
            return True
        return False

    def escape_key(self) -> bool:
        """Esc: step back out of the ice confirmation."""
        if self.mode == "confirm":
            self.cancel_confirm()
            return True
        return False

    def start_ice(self) -> None:
        self._start("ice")

    def start_heat(self) -> None:
        self._start("heat")

    def step_heat(self, delta: int) -> None:
        self.presenter.step_heat(delta)
        self.heat_minutes = self.presenter.heat_minutes

    def _start(self, kind: str) -> None:
        try:
            session = self.presenter.start(kind)
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: a line on screen, never a crash)
            self.error = friendly(exc, journal_path_of(self.app))
            return
        if session is None:
            if self.presenter.refused_kind:
                self._refused()
            else:
                self.refresh()  # the rule's line (ice without its towel) is the state's error
            return
        self.error = ""
        self.app.journal_changed()
        self.refresh()
        self._reminders_check()

    def log_pain_now(self, score: int) -> None:
        """The one-tap "pain now" under a session just started: stored at its start, so relief can be judged."""
        self.ids.pain_now.ids.picker.selected = -1
        self.attempt(self.presenter.log_pain_now, score)  # the row closing is the answer: no message over the buttons
        self.pain_now_offer = self.presenter.pain_now_offer

    def skip_pain_now(self) -> None:
        self.presenter.skip_pain_now()
        self.pain_now_offer = False

    def _refused(self) -> None:
        self.refresh()
        # The reason is at the top: scroll there once the banner has its height and the tap has let go
        # (a scroll set during the touch is undone by the ScrollView when the finger lifts).
        Clock.schedule_once(lambda dt: self.ids.scroller.scroll_to(self.ids.refusal, padding=8, animate=False), 0.3)

    def stop(self) -> None:
        """Stop now; heat before 15 min first asks the plain question (the second tap stops)."""
        if self.presenter.asks_before_stopping():
            self.presenter.stop()
            self.refresh()
            return
        stopped = self.attempt(self.presenter.stop)
        self.refresh()
        if stopped:
            self._reminders_check()
            if rules.is_cancelled(stopped):
                self.app.snack(rules.message("cancelled", Kind=self.svc.therapy.kind_label(stopped.kind)),
                               _("Undo"), lambda: self._undo_cancel(stopped.id))

    def keep_on(self) -> None:
        """The answer 'keep it on' to the heat question."""
        self.presenter.keep_on()
        self.refresh()

    def _undo_cancel(self, session_id: int) -> None:
        if self.attempt(self.presenter.undo_cancel, session_id):
            self.refresh()

    def log_pain_after(self, score: int) -> None:
        entry = self.attempt(self.presenter.log_pain_after, score)
        self.ids.pain_after.selected = -1
        if entry:
            self.app.snack(_("Pain {score}/10 logged after {kind}.").format(score=entry.score, kind=_(self.ended_kind)),
                           _("Undo"), lambda: self._undo(entry.id))
            self.refresh()

    def _undo(self, entry_id) -> None:
        self.attempt(self.presenter.undo_pain, entry_id)
        self.refresh()

    def skip_pain(self) -> None:
        self.presenter.skip_pain()
        self.refresh()

    def _reminders_check(self) -> None:
        delivery = getattr(self.app, "reminders", None)
        if delivery is not None:
            delivery.check_now()
