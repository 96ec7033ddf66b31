"""The symptom check: one plain yes/no question per warning sign, saved as one entry, then what it means."""
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from ..widgets import Body, Card, ChoiceGrid
from .base import BaseScreen

ANSWERS = [("yes", "Yes"), ("no", "No")]
INTRO = {
    "": "A quick check for warning signs. Answer for how you are right now.",
    "episode": "Your spasm is logged. Now a quick check for warning signs: answer for how you are right now.",
    "daily": "Your daily check while the spasm goes on. Answer for how you are right now.",
}


class SymptomsScreen(BaseScreen):
    intro = StringProperty(INTRO[""])
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
        self.intro = INTRO[self._after]
        self._after = ""  # the next visit is an ordinary one unless asked again
        super().on_pre_enter(*args)

    def refresh(self) -> None:
        """Every visit starts with every question unanswered."""
        if not self._grids:
            self._build()
        for grid in self._grids.values():
            grid.value = ""
        self._count()

    def _build(self) -> None:
        box = self.ids.questions
        for code, question in self.svc.flags.questions():
            card = Card(spacing=dp(8))
            card.add_widget(Body(text=question))
            grid = ChoiceGrid(options=ANSWERS, cols=2)
            grid.code = code
            grid.bind(on_choose=self._answer)
            card.add_widget(grid)
            box.add_widget(card)
            self._grids[code] = grid

    def _answer(self, grid, value: str) -> None:
        grid.value = value
        self._count()

    def _count(self) -> None:
        self.left = sum(1 for g in self._grids.values() if not g.value)
        self.ready = self.left == 0 and bool(self._grids)

    def answers(self) -> dict[str, str]:
        return {code: grid.value for code, grid in self._grids.items()}

    def all_no(self) -> None:
        for grid in self._grids.values():
            grid.value = "no"
        self._count()

    def save(self) -> None:
        if not self.ready:
            return
        yes = [code for code, value in self.answers().items() if value == "yes"]
        check = self.attempt(self.svc.entries.log_symptoms, yes or "none")
        if check is None:
            return
        flags = self.svc.flags.for_check(check)
        if any(f["tier"] == "emergency" for f in flags):
            self.app.go("emergency", check=check)
        elif flags:
            self.app.go("today")
            self.app.snack("Saved. Please read the notes at the top of Today.")
        else:
            self.app.go("today")
            self.app.snack("No warning signs. Thank you.")

    def not_now(self) -> None:
        self.app.go("today")
