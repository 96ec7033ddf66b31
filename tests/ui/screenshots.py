"""Takes a screenshot of every screen of the real app on a demo journal: python tests/ui/screenshots.py OUT_DIR [WxH]."""
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").absolute()
    size = sys.argv[2] if len(sys.argv) > 2 else "400x800"
    out.mkdir(parents=True, exist_ok=True)
    from app.launch import _configure_kivy
    _configure_kivy(size)
    from app.services import open_spasmlog
    from app.services.demo import generate
    db = Path(tempfile.mkdtemp()) / "demo.db"
    svc = open_spasmlog(db)
    generate(svc.repo, svc.now(), 200, seed=11)
    if not svc.entries.open_episode():
        svc.entries.start_episode(regions=["lower_back_left", "buttock_left"], trigger="lifting")
        svc.entries.log_pain(6)
    svc.settings.set("welcome_seen", "yes")  # start on Today; the welcome screen is still shot below

    from kivy.clock import Clock
    from kivy.core.window import Window
    from app.ui.app import SpasmLogApp
    from app.ui.screens import available

    names = [s.name for s in available()]
    app = SpasmLogApp(svc=svc, journal_path=db)

    def shoot(i, dt=None):
        if i > 0 and app.root_widget.ids.sm.transition.is_active:
            Clock.schedule_once(lambda dt: shoot(i), 0.1)  # still changing screens: a picture now shows two
            return
        if i > 0:
            Window.dispatch("on_draw")  # the back buffer holds an older frame after a flip: draw the current one
            Window.screenshot(str(out / f"{names[i - 1]}_{size}.png"))
        if i == len(names):
            app.stop()
            return
        app.go(names[i])
        # Trends draws its charts after it is shown: give them time before the picture.
        Clock.schedule_once(lambda dt: shoot(i + 1), 2.5 if names[i] == "trends" else 0.5)

    app.bind(on_start=lambda *_: Clock.schedule_once(lambda dt: shoot(0), 0.5))
    app.run()
    for name in names:
        produced = sorted(out.glob(f"{name}_{size}*.png"))
        if produced and produced[-1].name != f"{name}_{size}.png":
            produced[-1].rename(out / f"{name}_{size}.png")
    print("\n".join(str(p) for p in sorted(out.glob(f"*_{size}.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
