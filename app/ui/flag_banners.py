"""Today's banners: open flags (most serious first) and the daily symptom check while a spasm goes on."""
from kivy.utils import escape_markup

from ..core.guidance import guidance
from ..core.i18n import N_, _
from .screens.base import friendly
from .widgets import Banner

DAILY_CHECK = N_("[b]Daily symptom check.[/b] A few yes/no questions about warning signs.")
SHOWN = 2  # more than this many at once would push the pain logger off a small phone screen


def fill_banners(box, app, on_change) -> set[tuple[str, str]]:
    """Rebuild the banners in `box` from `app`'s services; on_change() runs after one was acknowledged or all were shown.

    Returns the (code, key) of every piece of advice shown, so Today can tell when one is new.
    """
    svc = app.svc
    tiers = svc.flags.tiers()
    banners = []
    care = svc.flags.care_advice()
    if care:
        banners.append(_care_banner(app, care[0], on_change))
    flags = svc.flags.open_flags()
    for flag in flags:
        words = f"[b]{escape_markup(tiers[flag.tier]['label'])}.[/b] {escape_markup(flag.message)}"
        if flag.tier == "emergency":
            # Seen only on the emergency screen itself, never with a quick tap here.
            banner = Banner(text=words, tier="emergency", action_text=_("Open"))
            banner.on_action = lambda: app.go("emergency")
        else:
            banner = Banner(text=words, tier=flag.tier, action_text=_("Seen"))
            banner.on_action = lambda code=flag.code: _seen(app, code, on_change)
        banner.code = flag.code
        banners.append(banner)
    if svc.flags.symptom_check_due():
        banner = Banner(text=_(DAILY_CHECK), tier="review", action_text=_("Check now"))
        banner.on_action = lambda: app.go("symptoms", after="daily")
        banner.code = "daily_check"
        banners.append(banner)
    if len(banners) > SHOWN + 1 and not getattr(box, "show_all", False):
        hidden = banners[SHOWN:]
        more = Banner(text=_("{n} more notes").format(n=len(hidden)), tier=hidden[0].tier, action_text=_("Show all"))
        more.code = "more"

        def show_all():
            box.show_all = True
            on_change()
        more.on_action = show_all
        banners = banners[:SHOWN] + [more]
    box.clear_widgets()
    for banner in banners:
        box.add_widget(banner)
    return {(f.code, f.key) for f in flags} | {("care:" + f.code, f.key) for f in care}


def _care_banner(app, flag, on_change) -> Banner:
    """Emergency advice already seen on the red screen, recalled calmly until care is recorded."""
    words = guidance()["care_reminder"]
    banner = Banner(text=f"[b]{escape_markup(words['heading'])}[/b] {escape_markup(flag.message)} "
                         f"{escape_markup(words['ask'])}", tier="care", action_text=words["action"])
    banner.code = "care"

    def got_care():
        try:
            app.svc.flags.record_care()
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: a line, never a crash)
            app.snack(friendly(exc, app.svc.path))
        else:
            app.journal_changed()
            app.snack(words["recorded"])
        on_change()
    banner.on_action = got_care
    return banner


def _seen(app, code: str, on_change) -> None:
    try:
        app.svc.flags.acknowledge(code)
    except Exception as exc:  # noqa: BLE001
        app.snack(friendly(exc, app.svc.path))
    else:
        app.journal_changed()
    on_change()
