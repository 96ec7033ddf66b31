"""Settings: reminders, heat length, the profile, where the journal lives, notifications, and the about box."""
from __future__ import annotations

import re
import threading

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from ...core.guidance import GUIDANCE_PATH, guidance
from ...core.i18n import N_, _, language
from .base import BaseScreen

YES_NO = [("yes", N_("Yes")), ("no", N_("No")), ("unknown", N_("Not sure"))]
AGES = [("under_20", N_("Under 20")), ("20_39", "20–39"), ("40_59", "40–59"),
        ("60_74", "60–74"), ("75_plus", "75+"), ("unknown", N_("Rather not say"))]
# The profile questions, worded for a person; the answers are the Profile codes (entities.PROFILE_ANSWERS).
PROFILE_QUESTIONS = [
    ("osteoporosis", N_("Have you been told you have osteoporosis (thin, weak bones)?"), YES_NO),
    ("steroids", N_("Do you take steroid medicine (such as prednisolone) for months at a time?"), YES_NO),
    ("cancer_history", N_("Have you ever had cancer?"), YES_NO),
    ("age_band", N_("How old are you?"), AGES),
]
PROTECTED = N_("Protected with a passphrase: the journal and its backups are encrypted on this device.")
UNPROTECTED = N_("Not protected: anyone who gets this file (or a copy of the disk or a backup) can read it. "
                 "A passphrase encrypts the journal and its backups.")
CHECKING = N_("Checking whether system notifications work here…")
_notifier_status: tuple[bool, str] | None = None  # asked once per run: the check can take seconds


def guidance_sources() -> list[str]:
    """The sources listed in the header of data/guidance.toml, one line each, without file paths."""
    lines, inside = [], False
    for line in GUIDANCE_PATH.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text.lower().startswith("sources"):
            inside = True
        elif inside and text:
            # "000 = SpineNation, …, shared/seeds/…": the title only, without the file's short code or path
            lines.extend(re.sub(r"^\w+\s*=\s*|,\s*shared/\S+$", "", part.strip()) for part in text.split(";"))
    return lines


def shift_time(hhmm: str, minutes: int) -> str:
    """HH:MM moved by some minutes, round the clock."""
    h, m = (int(x) for x in hhmm.split(":"))
    total = (h * 60 + m + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


class SettingStepper(BoxLayout):
    """A value with − and + buttons either side (a time of day, minutes); on_step(delta) when tapped."""
    title = StringProperty("")
    value = StringProperty("")
    steps = ListProperty([])  # [(delta, words), ...]: negative ones go left of the value, positive right
    __events__ = ("on_step",)

    def on_kv_post(self, base_widget):
        self.on_steps()

    def on_steps(self, *_):
        from ..widgets import FlatButton
        if "row" not in self.ids:
            return  # before the kv rule: on_kv_post builds the buttons
        row = self.ids.row
        row.clear_widgets()
        for delta, words in sorted(self.steps):
            btn = FlatButton(text=words, size_hint_x=None, width=dp(48), font_size=dp(15))
            btn.bind(on_release=lambda b, d=delta: self.dispatch("on_step", d))
            if delta > 0 and self.ids.value.parent is None:
                row.add_widget(self.ids.value)
            row.add_widget(btn)
        if self.ids.value.parent is None:
            row.add_widget(self.ids.value)

    def on_step(self, delta):
        pass


class SettingToggle(BoxLayout):
    """A line of text with an On/Off button."""
    text = StringProperty("")
    active = BooleanProperty(False)
    __events__ = ("on_toggle",)

    def on_toggle(self):
        pass


class ProfileForm(BoxLayout):
    """The profile questions with big answer buttons; on_answer(key, code) when one is tapped."""
    __events__ = ("on_answer",)

    def __init__(self, **kwargs):
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(8), **kwargs)
        from ..widgets import Body, ChoiceGrid
        self.bind(minimum_height=self.setter("height"))
        self.grids = {}
        for i, (key, question, options) in enumerate(PROFILE_QUESTIONS):
            # room above each question after the first, so a question reads with its own answers
            self.add_widget(Body(text=_(question), padding=[0, dp(12) if i else 0, 0, 0]))
            grid = ChoiceGrid(options=[(code, _(words)) for code, words in options])
            grid.key = key
            grid.bind(on_choose=lambda g, code: self.dispatch("on_answer", g.key, code))
            self.grids[key] = grid
            self.add_widget(grid)

    def load(self, profile) -> None:
        """Mark the saved answers (none marked before the person first answers)."""
        for key, grid in self.grids.items():
            grid.value = getattr(profile, key) if profile.answered else ""

    def on_answer(self, key, code):
        pass


class SettingsScreen(BaseScreen):
    daily_checkin = StringProperty("")
    waking_start = StringProperty("")
    waking_end = StringProperty("")
    move_reminder = BooleanProperty(False)
    sounds = BooleanProperty(True)
    heat_minutes = StringProperty("")
    heat_range = StringProperty("")
    error_card = StringProperty("")  # the card whose change was refused: its error line shows it
    journal_path = StringProperty("")
    notify_text = StringProperty("")
    notify_ok = BooleanProperty(False)
    when_closed = BooleanProperty(False)  # the login agent is installed and turned on
    when_closed_note = StringProperty("")
    discreet = BooleanProperty(False)
    about_does = StringProperty("")
    about_does_not = StringProperty("")
    disclaimer = StringProperty("")
    sources_text = StringProperty("")
    keys_text = StringProperty("")
    theme_name = StringProperty("dark")
    text_size = StringProperty("100")
    protected = BooleanProperty(False)
    privacy_text = StringProperty("")
    lock_after = StringProperty("5")

    language = StringProperty("en")

    def on_kv_post(self, base_widget):
        self.protected_box = self.ids.protected_box.__self__  # held here: ids are weak, and it leaves the tree when unused
        self._words_in = None
        self._words()

    def _words(self) -> None:
        """The texts set from Python, in the current language (built again after a switch)."""
        if self._words_in == language():
            return
        self._words_in = language()
        self.ids.profile_box.clear_widgets()
        self.profile_form = ProfileForm()
        self.profile_form.bind(on_answer=lambda f, key, code: self.answer(key, code))
        self.ids.profile_box.add_widget(self.profile_form)
        about = guidance()["about"]
        self.about_does, self.about_does_not, self.disclaimer = about["does"], about["does_not"], about["disclaimer"]
        self.sources_text = "\n".join(f"• {s}" for s in guidance_sources())
        from ..keys import NOTE, SHORTCUTS
        self.keys_text = "\n".join(f"[b]{_(keys)}[/b]  {_(what)}" for keys, what in SHORTCUTS) + f"\n{_(NOTE)}"
        heat = guidance()["therapy"]["heat"]
        self.heat_range = _("Heat sessions can last {low} to {high} minutes.").format(
            low=heat["min_minutes"], high=heat["max_minutes"])

    def refresh(self) -> None:
        self._words()
        s = self.svc.settings.all()
        self.daily_checkin, self.waking_start, self.waking_end = s["daily_checkin"], s["waking_start"], s["waking_end"]
        self.move_reminder, self.sounds = s["move_reminder"] == "on", s["sounds"] == "on"
        self.heat_minutes = s["heat_default_minutes"]
        self.theme_name, self.text_size, self.language = s["theme"], s["text_size"], s["language"]
        self.profile_form.load(self.svc.settings.profile())
        path = getattr(self.app, "journal_path", None) or self.svc.path
        self.journal_path = str(path) if path else _("In memory only: nothing is saved.")
        self.protected = self.svc.passphrase is not None
        self.lock_after = s["lock_after_minutes"]
        self.privacy_text = _(PROTECTED) if self.protected else _(UNPROTECTED)
        box = self.protected_box  # not merely hidden: an invisible disabled widget would still take touches
        if self.protected and box.parent is None:
            self.ids.privacy_card.add_widget(box, index=1)  # above the error line
        elif not self.protected and box.parent is not None:
            box.parent.remove_widget(box)
        self.discreet = s["discreet_notifications"] == "on"
        self.refresh_when_closed(s["remind_when_closed"] == "on")
        self.check_notifications()

    # -- privacy: the passphrase and the idle lock ---------------------------------------
    def open_protect(self, mode: str) -> None:
        """The passphrase dialog: "protect" (turn it on), "change" or "remove" it (app/ui/protect.py)."""
        from ..protect import open_dialog
        dialog = open_dialog(mode, self.app)
        dialog.bind(on_dismiss=lambda *_: self.request_refresh())

    def step_lock(self, delta: int) -> None:
        wanted = int(self.lock_after) + delta
        self.change("lock_after_minutes", str(min(60, max(1, wanted))), card="privacy")

    # -- reminders while SpasmLog is closed (the login agent, `reminders watch`) ----------------
    def refresh_when_closed(self, setting_on: bool) -> None:
        from ...adapters import presence
        from ...adapters.desktop import LoginEntry
        if self.svc.path is None:
            self.when_closed, self.when_closed_note = False, _("Not for a journal kept in memory.")
            return
        self.when_closed = setting_on and LoginEntry().exists()
        running = presence.is_running(self.svc.path, "agent")
        self.when_closed_note = (
            (_("Runs now and starts each time you log in.") if running else _("Starts each time you log in."))
            if self.when_closed else _("Off: reminders show only while SpasmLog is open."))

    def toggle_when_closed(self) -> None:
        """On: the login entry, the setting, and the agent started now; off: all three undone."""
        from ...adapters import desktop, presence
        from ...services.agent import set_remind_when_closed
        if self.svc.path is None:
            return
        self.error_card = "notifications"
        on = not self.when_closed
        try:
            if self.attempt(set_remind_when_closed, self.svc, on, desktop.LoginEntry()) is None:
                return
            if on and not presence.is_running(self.svc.path, "agent"):
                desktop.start_agent_now(self.svc.path)
                self._note_when_started(tries=20)
        except OSError as exc:  # a read-only home folder, say: told, not a crash
            self.error = f"Could not set this up: {exc.strerror or exc}."
            return
        self.refresh()

    def _note_when_started(self, tries: int) -> None:
        """The agent takes a moment to start: look again each second until the note can say it runs."""
        from ...adapters import presence

        def look(dt):
            if presence.is_running(self.svc.path, "agent") or tries <= 1:
                self.refresh()
            else:
                self._note_when_started(tries - 1)
        Clock.schedule_once(look, 1)

    # -- changes, each saved at once ----------------------------------------------------
    def change(self, key: str, value: str, card: str = "reminders") -> bool:
        """Save one setting now; a refusal shows as a friendly line in that card."""
        self.error_card = card
        saved = self.attempt(self.svc.settings.set, key, value)
        if saved is None:
            # The service names the setting first ("waking_end: …"): the line on screen needs only the why.
            self.error = re.sub(r"^\w+:\s*", "", self.error)
            self.error = self.error[:1].upper() + self.error[1:]
            return False
        self.refresh()
        return True

    def change_look(self, key: str, value: str) -> None:
        """Theme, text size or language: saved and applied to every screen at once."""
        self.app.change_setting(key, value)
        self.refresh()

    def step_time(self, key: str, minutes: int) -> None:
        self.change(key, shift_time(getattr(self, key), minutes))

    def toggle(self, key: str) -> None:
        self.change(key, "off" if getattr(self, key) else "on")

    def step_heat(self, delta: int) -> None:
        heat = guidance()["therapy"]["heat"]
        wanted = int(self.heat_minutes) + delta
        if not heat["min_minutes"] <= wanted <= heat["max_minutes"]:
            self.error_card, self.error = "heat", self.heat_range
            return
        self.change("heat_default_minutes", str(wanted), card="heat")

    def answer(self, key: str, code: str) -> None:
        self.error_card = "profile"
        if self.attempt(self.svc.settings.update_profile, **{key: code}) is not None:
            self.profile_form.load(self.svc.settings.profile())

    # -- system notifications: asked once, off the main thread --------------------------
    def check_notifications(self) -> None:
        global _notifier_status
        if _notifier_status is not None:
            self.notify_ok, self.notify_text = _notifier_status
            return
        if self.notify_text == _(CHECKING):
            return
        self.notify_text = _(CHECKING)

        def ask():
            global _notifier_status
            try:
                from ...adapters.notify import SystemNotifier
                _notifier_status = SystemNotifier().status()
            except Exception:  # noqa: BLE001  (a missing or broken adapter must not take Settings down)
                _notifier_status = (False, _("System notifications could not be checked here. "
                                             "Reminders still show inside SpasmLog."))
            Clock.schedule_once(lambda dt: self.check_notifications())

        threading.Thread(target=ask, name="notifier-status", daemon=True).start()
