"""The screen registry: name, title, icon, tab or not; screens are built on first visit."""
from dataclasses import dataclass

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
    ScreenSpec("today", "Today", "TodayScreen", theme.ICONS["today"], nav=True),
    ScreenSpec("therapy", "Ice & heat", "TherapyScreen", theme.ICONS["therapy"], nav=True),
    ScreenSpec("journal", "Journal", "JournalScreen", theme.ICONS["journal"], nav=True),
    ScreenSpec("trends", "Trends", "TrendsScreen", theme.ICONS["trends"], nav=True),
    ScreenSpec("more", "More", "MoreScreen", theme.ICONS["more"], nav=True),
    ScreenSpec("episode", "Log a spasm", "EpisodeScreen", theme.ICONS["episode"]),
    ScreenSpec("meds", "Medication & activity", "MedsScreen", theme.ICONS["meds"]),
    ScreenSpec("symptoms", "Symptom check", "SymptomsScreen", theme.ICONS["flag"]),
    ScreenSpec("emergency", "Seek care now", "EmergencyScreen", theme.ICONS["warning"]),
    ScreenSpec("export", "Report for your doctor", "ExportScreen", theme.ICONS["export"]),
    ScreenSpec("settings", "Settings", "SettingsScreen", theme.ICONS["settings"]),
    ScreenSpec("welcome", "Welcome", "WelcomeScreen", theme.ICONS["today"]),
]


def spec(name: str) -> ScreenSpec:
    for s in SCREENS:
        if s.name == name:
            return s
    raise KeyError(name)
