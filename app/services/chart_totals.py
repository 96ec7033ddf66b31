"""The report's charts of totals over the period (not along time): relief after each treatment, and activity."""
from __future__ import annotations

from ..core.guidance import label
from ..core.i18n import _, format_fixed, ngettext
from .chart_style import DARK, INK, LIGHT, empty_note


def draw_relief(ax, data) -> None:
    """For each treatment: how often pain was measured after it, and how often it dropped meaningfully."""
    ax.set_title(_("Relief after each treatment (pain down 2+ points or 30 %+)"), loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    rates = data.relief_rates
    if rates is None:
        ax.set_xticks([]), ax.set_yticks([])
        empty_note(ax, _("Relief is not measured by this version of SpasmLog"))
        return
    rates = [r for r in rates if r["measured"]]
    if not rates:
        ax.set_xticks([]), ax.set_yticks([])
        empty_note(ax, _("No pain scores after a treatment in this period"))
        return
    ys = list(range(len(rates)))[::-1]
    measured = [r["measured"] for r in rates]
    meaningful = [r["meaningful"] for r in rates]
    ax.barh(ys, measured, height=0.6, facecolor="white", edgecolor=INK, hatch="..", label=_("judged: a score before and after"))
    ax.barh(ys, meaningful, height=0.6, facecolor=DARK, edgecolor=INK, label=_("pain eased meaningfully"))
    for y, m, g in zip(ys, measured, meaningful):
        words = _("{eased} of {judged} ({percent} %)").format(eased=g, judged=m, percent=format_fixed(100 * g / m, 0))
        ax.text(m, y, f"  {words}", va="center", fontsize=9)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(treatment_label(r["treatment"])) for r in rates], fontsize=9)
    ax.set_xlim(0, max(measured) * 1.35)
    ax.set_ylim(-0.8, max(len(rates), 4) - 0.2)  # a few treatments keep slim bars
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(_("treatments whose relief could be judged"))
    # Below the axis, clear of the bars and their numbers.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, fontsize=8, frameon=False)


def draw_activity(ax, data) -> None:
    """Minutes of each kind of activity over the period."""
    ax.set_title(_("Activity over the period (minutes)"), loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    rows = data.activity
    if not rows:
        ax.set_xticks([]), ax.set_yticks([])
        empty_note(ax, _("No activity logged in this period"))
        return
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [r["minutes"] for r in rows], height=0.6, facecolor=LIGHT, edgecolor=INK, hatch="xx")
    for y, r in zip(ys, rows):
        words = ngettext("{minutes} min, {n} time", "{minutes} min, {n} times", r["n"]).format(
            minutes=format_fixed(r["minutes"], 0), n=r["n"])
        ax.text(r["minutes"], y, f"  {words}", va="center", fontsize=9)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(label("activities", r["kind"])) for r in rows], fontsize=9)
    ax.set_xlim(0, max(r["minutes"] for r in rows) * 1.4 + 1)
    ax.set_ylim(-0.8, max(len(rows), 4) - 0.2)
    ax.set_xlabel(_("minutes"))


def _wrap(text: str) -> str:
    """Axis labels on two lines at most, so long names (Anti-inflammatory (NSAID)) fit the margin."""
    import textwrap
    return "\n".join(textwrap.wrap(text, 18, max_lines=2, placeholder="…", break_on_hyphens=False))


def treatment_label(code: str) -> str:
    """A treatment code from the relief service in words (therapy kinds, medicine classes, else as given)."""
    for kind in ("therapy_kinds", "med_classes"):
        words = label(kind, code)
        if words != code:
            return words
    return code.replace("_", " ").capitalize()


# name -> drawing function, in the order of the report's pages (two charts a page).
