"""The symptom check: one plain yes/no question per warning sign, saved as one entry, then what it means."""
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from ...core.i18n import N_, _
from ..widgets import Body, Card, ChoiceGrid
from .base import BaseScreen

ANSWERS = [("yes", N_("Yes")), ("no", N_("No"))]
INTRO = {
    "": N_("A quick check for warning signs. Answer for how you are right now."),
    "episode": N_("Your spasm is logged. Now a quick check for warning signs: answer for how you are right now."),
    "daily": N_("Your daily check while the spasm goes on. Answer for how you are right now."),
}


class SymptomsScreen(BaseScreen):
    intro = StringProperty("")
    left = NumericProperty(0)          # questions still unanswered
    ready = BooleanProperty(False)     # every question answered: Save is enabled

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._after = ""
        self._grids: dict[str, ChoiceGrid] = {}

    def prepare(self, after: str = "") -> None:
        """after="episode": offered right after a spasm was logged; "daily": the once-a-day check."""
        self._after = after if after in INTRO else ""

    def on_pre_enter(self, *args):
        self.intro = _(INTRO[self._after])
        self._after = ""  # the next visit is an ordinary one unless asked again
        super().on_pre_enter(*args)

    def refresh(self) -> None:
        """Every visit starts with every question unanswered."""
        if not self._grids:
            self._build()
        self._clear()

    def _build(self) -> None:
        box = self.ids.questions
        for code, question in self.svc.flags.questions():
            card = Card(spacing=dp(8))
            card.add_widget(Body(text=question))
            grid = ChoiceGrid(options=[(code, _(words)) for code, words in ANSWERS], cols=2)
            grid.code = code
            grid.bind(on_choose=self._answer)
            card.add_widget(grid)
            box.add_widget(card)
            self._grids[code] = grid

    def _answer(self, grid, value: str) -> None:
        grid.value = value
        self._count()
        if value == "yes" and any(f.tier == "emergency" for f in self.svc.flags.would_raise(self._yes())):
            # A sign that needs care now: say so at once, not after the questions still left.
            self.save(now=True)

    def _yes(self) -> list[str]:
        return [code for code, value in self.answers().items() if value == "yes"]

    def _count(self) -> None:
        self.left = sum(1 for g in self._grids.values() if not g.value)
        self.ready = self.left == 0 and bool(self._grids)

    def answers(self) -> dict[str, str]:
        return {code: grid.value for code, grid in self._grids.items()}

    def all_no(self) -> None:
        for grid in self._grids.values():
            grid.value = "no"
        self._count()

    def save(self, now: bool = False) -> None:
        """Save the check (every question answered; or at once, now=True, with the yes answers so far)."""
        if not (self.ready or now):
            return
        yes = self._yes()
        check = self.attempt(self.svc.entries.log_symptoms, yes or "none")
        if check is None:
            return
        self._clear()  # saved: leaving the screen saves nothing again
        flags = self.svc.flags.for_check(check)
        if any(f.tier == "emergency" for f in flags):
            self.app.go("emergency", check=check)
            return
        self.app.go("today", show_advice=True)
        if flags:
            self.app.snack(_("Saved. The advice is at the top of Today."))
        elif self.svc.flags.open_flags() or self.svc.flags.care_advice():
            self.app.snack(_("Saved. Thank you."))  # never "no warning signs" beside advice still on Today
        else:
            self.app.snack(_("No warning signs. Thank you."))

    def not_now(self) -> None:
        self._keep_yes()
        self.app.go("today")

    def on_pre_leave(self, *args):
        """Leaving by a tab before Save: as Not now, a warning sign answered yes is kept."""
        if self._keep_yes():
            entering = self.manager.current_screen  # already shown from the journal as it was: show it again
            if entering is not self and hasattr(entering, "refresh"):
                entering.refresh()
        return super().on_pre_leave(*args)

    def _keep_yes(self) -> bool:
        """Save the yes answers given so far (a warning sign is never dropped); True if something was saved."""
        yes = self._yes()
        if not yes or self.attempt(self.svc.entries.log_symptoms, yes) is None:
            return False
        self._clear()
        self.app.snack(_("Your yes answers were saved. Please read the notes at the top of Today."))
        return True

    def _clear(self) -> None:
        for grid in self._grids.values():
            grid.value = ""
        self._count()
