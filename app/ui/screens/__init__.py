"""The screen registry: name, title, module, icon; screens are built on first visit."""
from dataclasses import dataclass

from .. import theme


@dataclass(frozen=True)
class ScreenSpec:
    name: str          # also the module name in app/ui/screens and the kv file in kv/
    title: str
    cls: str
    icon: str
    nav: bool = True   # shown in the bottom navigation bar


SCREENS = [
    ScreenSpec("today", "Today", "TodayScreen", theme.ICONS["today"]),
]


def spec(name: str) -> ScreenSpec:
    for s in SCREENS:
        if s.name == name:
            return s
    raise KeyError(name)
