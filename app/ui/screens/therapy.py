"""Ice & heat: start a timer (ice after one barrier tap), see it count down, stop it, rate pain after."""
from datetime import timedelta

from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from ...core import therapy as rules
from ...core.errors import RuleRefusal, SpasmLogError
from ...core.i18n import _
from ...core.timeutil import hhmm
from .. import theme
from ..countdown import CountdownRing, clock_text, next_text  # noqa: F401  (CountdownRing is used in kv)
from .base import BaseScreen, friendly, journal_path_of

TICK_SECONDS = 0.5
# A session that ended longer ago than this no longer asks how the pain is.
ASK_PAIN_WITHIN = timedelta(minutes=30)
MODES = ("idle", "confirm", "running", "ended")


class TherapyScreen(BaseScreen):
    """Every figure comes from svc.therapy each tick; Kivy's Clock only redraws."""
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
    stop_asking = BooleanProperty(False)  # heat stopped before 15 min: "15–20 min works best; stop now?"
    pain_now_offer = BooleanProperty(False)  # "pain now?" under a session just started without a recent score
    # ended
    ended_kind = StringProperty("ice")
    ended_title = StringProperty("")
    ended_detail = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._event = None
        self._running_id = None
        self._may_stop = None
        self._refused_kind = None
        self._ended_id = None
        self._skipped: set = set()
        self._heat_chosen = False
        self._stop_question = None
        self._pain_now_for = None

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
        self._start_ticking()

    def on_leave(self, *args):
        if self.mode == "confirm":
            self.mode = "idle"  # the towel question is asked afresh each time
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
        visible = self.manager is not None and self.manager.current == self.name
        self.refresh()
        if not visible and self.mode != "running":
            self._stop_ticking()

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            cur = self.svc.therapy.current()
            if cur:
                self._show_running(cur)
            else:
                if self._running_id is not None:
                    self._running_id = None
                    self._reminders_check()  # it just ended: the alarm now, not at the next poll
                if self.mode != "confirm":
                    ended = self._pending_pain()
                    if ended is not None:
                        self._show_ended(ended)
                    else:
                        self.mode = "idle"
                self._show_choices()
        except Exception as exc:  # noqa: BLE001  (runs on a clock tick: must never take the app down)
            self.error = friendly(exc, journal_path_of(self.app))

    def _show_running(self, cur: dict) -> None:
        kind = cur["kind"]
        label = self.svc.therapy.kind_label(kind)
        total = max(1, (cur["ends"] - cur["started"]).total_seconds())
        self.run_kind = kind
        self.run_title = _("{kind} on").format(kind=label)
        self.remaining_text = clock_text(cur["remaining_s"])
        self.fraction = min(1.0, cur["remaining_s"] / total)
        self.ends_text = _("left · ends {time}").format(time=hhmm(cur["ends"]))
        self._stop_question = cur["stop_question"]
        if not self._stop_question:
            self.stop_asking = False
        if self.stop_asking:
            self.stop_note = self._stop_question
        elif kind == "heat":
            self.stop_note = cur["message"]
        else:
            self.stop_note = self.svc.therapy.hint("ice")
        if self._running_id is not None and self._may_stop is False and cur["may_stop"]:
            self._reminders_check()  # heat reached 15 minutes
        self._running_id, self._may_stop = cur["id"], cur["may_stop"]
        self.refusal, self._refused_kind = "", None
        self.mode = "running"
        self._start_ticking()

    def _pending_pain(self):
        """The session that just ended and still waits for a pain score, if any."""
        now = self.svc.now()
        done = [s for s in self.svc.therapy.recent(now)
                if s.ended is not None and not s.retroactive and not rules.is_cancelled(s) and s.ended <= now
                and now - s.ended <= ASK_PAIN_WITHIN and s.id not in self._skipped]
        if not done:
            return None
        last = max(done, key=lambda s: s.ended)
        latest = self.svc.entries.latest_pain()
        if latest is not None and latest.at >= last.ended:
            return None  # already answered
        return last

    def _show_ended(self, s) -> None:
        label = self.svc.therapy.kind_label(s.kind)
        minutes = int((s.ended - s.started).total_seconds() // 60)
        how = (_("Stopped at {time} after {minutes} min.") if s.end_reason == "stopped" else
               _("Ended at {time} after {minutes} min."))
        self.ended_kind, self._ended_id = s.kind, s.id
        self.ended_title = _("{kind} done").format(kind=label)
        self.ended_detail = how.format(time=hhmm(s.ended), minutes=minutes)
        self.mode = "ended"

    def _show_choices(self) -> None:
        svc = self.svc
        if not self._heat_chosen:
            self.heat_minutes = int(svc.settings.get("heat_default_minutes"))
        for kind in rules.KINDS:
            avail = svc.therapy.availability(kind)
            setattr(self, f"{kind}_allowed", bool(avail["allowed"]))
            setattr(self, f"{kind}_status", (_("Allowed now") if avail["allowed"] else
                                             _("Again {when}").format(when=next_text(svc, kind))))
        self.ice_hint = svc.therapy.hint("ice")
        self.heat_hint = svc.therapy.hint("heat")
        self.heat_early = svc.therapy.heat_is_early()
        if self._refused_kind:
            avail = svc.therapy.availability(self._refused_kind)
            if avail["allowed"]:
                self.refusal, self._refused_kind = "", None
            else:
                self.refusal = avail["reason"]  # recomputed each tick: the wait counts down live

    # -- actions ------------------------------------------------------------------------
    def ask_ice(self) -> None:
        """Ice: refused at once if not allowed, else one tap to confirm the towel."""
        avail = self.svc.therapy.availability("ice")
        if not avail["allowed"]:
            self._refused("ice")
            return
        self.refusal, self._refused_kind, self.error = "", None, ""
        self.mode = "confirm"

    def cancel_confirm(self) -> None:
        self.mode = "idle"
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
        self._start("ice", barrier=True)

    def start_heat(self) -> None:
        self._start("heat", minutes=int(self.heat_minutes))

    def step_heat(self, delta: int) -> None:
        self._heat_chosen = True
        self.heat_minutes = min(self.heat_max, max(self.heat_min, int(self.heat_minutes) + delta))

    def _start(self, kind: str, **kwargs) -> None:
        wanted = self.svc.entries.pain_now_wanted()
        try:
            session = self.svc.therapy.start(kind, **kwargs)
        except RuleRefusal as exc:
            if exc.allowed_from is None:
                self.error = exc.plain
            else:
                self._refused(kind)
            return
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: a line on screen, never a crash)
            self.error = friendly(exc, journal_path_of(self.app))
            return
        self.error = ""
        self._pain_now_for = session if wanted else None
        self.pain_now_offer = wanted
        self.app.journal_changed()
        self.refresh()
        self._reminders_check()

    def log_pain_now(self, score: int) -> None:
        """The one-tap "pain now" under a session just started: stored at its start, so relief can be judged."""
        s, self.pain_now_offer = self._pain_now_for, False
        self.ids.pain_now.ids.picker.selected = -1
        if s is not None:  # the row closing is the answer: no message to cover the buttons
            self.attempt(self.svc.entries.log_pain_before, score, s.started, s.kind)

    def skip_pain_now(self) -> None:
        self.pain_now_offer = False

    def _refused(self, kind: str) -> None:
        self._refused_kind = kind
        self.mode = "idle"
        self.refresh()
        # The reason is at the top: scroll there once the banner has its height and the tap has let go
        # (a scroll set during the touch is undone by the ScrollView when the finger lifts).
        Clock.schedule_once(lambda dt: self.ids.scroller.scroll_to(self.ids.refusal, padding=8, animate=False), 0.3)

    def stop(self) -> None:
        """Stop now; heat before 15 min first asks the plain question (the second tap stops)."""
        if self._stop_question and not self.stop_asking:
            self.stop_asking = True
            self.stop_note = self._stop_question
            return
        self.stop_asking = False
        stopped = self.attempt(self.svc.therapy.stop)
        if stopped:
            self.pain_now_offer = False
            self._running_id = None
            self.refresh()
            self._reminders_check()
            self.app.journal_changed()
            if rules.is_cancelled(stopped):
                self.app.snack(rules.message("cancelled", Kind=self.svc.therapy.kind_label(stopped.kind)),
                               _("Undo"), lambda: self._undo_cancel(stopped.id))

    def keep_on(self) -> None:
        """The answer 'keep it on' to the heat question."""
        self.stop_asking = False
        self.refresh()

    def _undo_cancel(self, session_id: int) -> None:
        if self.attempt(self.svc.therapy.undo_cancel, session_id):
            self.app.journal_changed()
            self.refresh()

    def log_pain_after(self, score: int) -> None:
        kind = self.ended_kind
        entry = self.attempt(self.svc.entries.log_pain, score, context=f"after_{kind}")
        self.ids.pain_after.selected = -1
        if entry:
            token = ("pain", entry.id)
            self.app.snack(_("Pain {score}/10 logged after {kind}.").format(score=entry.score, kind=_(kind)),
                           _("Undo"), lambda: self._undo(token))
            self.refresh()

    def _undo(self, token) -> None:
        self.attempt(self.svc.entries.delete, *token)
        self.refresh()

    def skip_pain(self) -> None:
        self._skipped.add(self._ended_id)
        self.mode = "idle"
        self.refresh()

    def _reminders_check(self) -> None:
        delivery = getattr(self.app, "reminders", None)
        if delivery is not None:
            delivery.check_now()
