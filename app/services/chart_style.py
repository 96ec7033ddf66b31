"""What the charts share: greys and hatches readable in black and white, how a chart is dressed (Look), the
words shown when a chart has nothing to draw, and a drawn figure's pixels."""
from __future__ import annotations

from dataclasses import dataclass

# Greys and hatches instead of colour alone, so a photocopy or a black-and-white printer keeps them apart.
INK, DARK, MID, LIGHT = "black", "0.35", "0.6", "0.88"
KIND_STYLE = {"ice": {"facecolor": "white", "hatch": None, "edgecolor": INK},
              "heat": {"facecolor": DARK, "hatch": None, "edgecolor": INK}}
CLASS_STYLE = {"nsaid": {"facecolor": DARK, "hatch": None, "edgecolor": INK},
               "relaxant": {"facecolor": "white", "hatch": "\\\\\\\\", "edgecolor": INK},
               "other": {"facecolor": LIGHT, "hatch": "..", "edgecolor": INK}}


@dataclass(frozen=True)
class Look:
    """How a chart is dressed: for the report's pages (the default), or for a phone screen (`screen`).

    On a screen the card around the chart already carries its title and says what the marks mean, so the chart
    has neither title nor legend; its type is large, so it gets fewer dates and fewer labelled rows.
    """
    title: float = 11      # type sizes in points
    small: float = 8       # legends, notes, labels beside bars
    empty: float = 11      # "No … in this period"
    max_rows: int = 25     # most episodes drawn (and labelled) one per row; more share one line
    screen: bool = False
    dates_fit: float = 10  # screen: how many dates fit side by side along the time axis, with room between


REPORT = Look()


def empty_note(ax, text: str, look: Look = REPORT) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=look.empty, color=DARK,
            **({"wrap": True, "bbox": {"facecolor": "white", "edgecolor": "none"}} if look.screen else {}))


def figure_rgba(fig) -> tuple[int, int, bytes]:
    """A figure drawn by its Agg canvas: (width, height, RGBA bytes, top row first), for a texture or an image."""
    fig.canvas.draw()
    pixels = fig.canvas.buffer_rgba()  # a memoryview of shape (height, width, 4)
    height, width = pixels.shape[:2]
    return width, height, bytes(pixels)


def fit_legends(fig, smallest: float = 6) -> None:
    """A legend that would run off the figure's right edge (a longer language, a narrow drawing) gets smaller type
    until it fits; the layout is final when this is called."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        texts = legend.get_texts() if legend is not None else []
        while texts and legend.get_window_extent(renderer).x1 > fig.bbox.width - 2 and texts[0].get_fontsize() > smallest:
            for text in texts:
                text.set_fontsize(text.get_fontsize() - 0.5)
