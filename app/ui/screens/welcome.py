"""Welcome: shown once on a first start: what the app does and does not do, the disclaimer, the profile."""
from ...core.guidance import guidance
from .base import BaseScreen
from .settings import ProfileForm


class WelcomeScreen(BaseScreen):
    def on_kv_post(self, base_widget):
        about = guidance()["about"]
        self.ids.does.text = about["does"]
        self.ids.does_not.text = about["does_not"]
        self.ids.disclaimer.text = about["disclaimer"]
        self.profile_form = ProfileForm()
        self.profile_form.bind(on_answer=lambda f, key, code: self.answer(key, code))
        self.ids.profile_box.add_widget(self.profile_form)

    def refresh(self) -> None:
        self.profile_form.load(self.svc.settings.profile())

    def on_enter(self, *args):
        self.app.show_tabs(False)  # no way around the welcome but its Start button

    def on_leave(self, *args):
        self.app.show_tabs(True)

    def answer(self, key: str, code: str) -> None:
        """Each answer is saved at once, so leaving half-way keeps what was answered."""
        if self.attempt(self.svc.settings.update_profile, **{key: code}) is not None:
            self.refresh()

    def start(self) -> None:
        if self.attempt(self.svc.settings.set, "welcome_seen", "yes") is not None:
            self.app.go("today")
