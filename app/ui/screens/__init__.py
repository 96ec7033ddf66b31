"""The screen registry: name, title, icon, tab or not; screens are built on first visit."""
from dataclasses import dataclass

from ...core.i18n import N_
from .. import theme


@dataclass(frozen=True)
class ScreenSpec:
    name: str          # also the module name in app/ui/screens and the kv file in kv/
    title: str
    cls: str
    icon: str
    nav: bool = False  # a tab of the bottom navigation bar


# Tabs first, in bar order; the rest are reached from Today or More.
SCREENS = [
    ScreenSpec("today", N_("Today"), "TodayScreen", theme.ICONS["today"], nav=True),
    ScreenSpec("therapy", N_("Ice & heat"), "TherapyScreen", theme.ICONS["therapy"], nav=True),
    ScreenSpec("journal", N_("Journal"), "JournalScreen", theme.ICONS["journal"], nav=True),
    ScreenSpec("trends", N_("Trends"), "TrendsScreen", theme.ICONS["trends"], nav=True),
    ScreenSpec("more", N_("More"), "MoreScreen", theme.ICONS["more"], nav=True),
    ScreenSpec("episode", N_("Log a spasm"), "EpisodeScreen", theme.ICONS["episode"]),
    ScreenSpec("meds", N_("Medication & activity"), "MedsScreen", theme.ICONS["meds"]),
    ScreenSpec("symptoms", N_("Symptom check"), "SymptomsScreen", theme.ICONS["flag"]),
    ScreenSpec("emergency", N_("Seek care now"), "EmergencyScreen", theme.ICONS["warning"]),
    ScreenSpec("export", N_("Report for your doctor"), "ExportScreen", theme.ICONS["export"]),
    ScreenSpec("settings", N_("Settings"), "SettingsScreen", theme.ICONS["settings"]),
    ScreenSpec("welcome", N_("Welcome"), "WelcomeScreen", theme.ICONS["today"]),
]


def spec(name: str) -> ScreenSpec:
    for s in SCREENS:
        if s.name == name:
            return s
    raise KeyError(name)
