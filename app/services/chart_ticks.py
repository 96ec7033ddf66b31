"""Tick labels that never meet: measured on the laid-out figure, a label that would touch its neighbour is dropped."""
from __future__ import annotations

GAP_EM = (0.6, 0.15)  # room kept between two labels side by side (x) and one above another (y), in type sizes
ROUNDS = 4    # a layout that moves once labels go (constrained layout) is measured again


def spread_ticks(fig) -> None:
    """Drop tick labels (x and y, every axes) until no two come closer than GAP_EM, at the figure's final layout.

    Kept: the last label (the latest day; on the y axis the top row), then going back every label, else every
    other one, every third … the first spacing at which none meets its neighbour: ticks a day apart become two
    days apart, and where "31 Oct" met "1 Nov" the dates go every four days.
    """
    for _ in range(ROUNDS):
        fig.draw_without_rendering()  # lays the figure out and places the labels, as the real drawing will
        renderer = fig.canvas.get_renderer()
        changed = False
        for ax in fig.axes:
            for axis, along in ((ax.xaxis, 0), (ax.yaxis, 1)):
                changed |= _thin(axis, renderer, along)
        if not changed:
            return


def _thin(axis, renderer, along: int) -> bool:
    """Thin one axis's labels; True when some went (the ticks are then pinned to the ones kept)."""
    lo, hi = sorted(axis.get_view_interval())
    shown = [(t, t.label1.get_window_extent(renderer)) for t in axis.get_major_ticks()
             if lo <= t.get_loc() <= hi and t.label1.get_visible() and t.label1.get_text()]
    if len(shown) < 2:
        return False
    spans = [(((box.x0, box.x1) if along == 0 else (box.y0, box.y1)), t) for t, box in shown]
    spans.sort(key=lambda span: span[0])  # by position along the axis
    size = shown[0][0].label1.get_fontsize()
    gap = GAP_EM[along] * size * axis.figure.dpi / 72
    spans.reverse()  # from the far end (the latest day, the top row) back
    for every in range(1, len(spans) + 1):  # every label, every other one, every third …: evenly spaced
        picked = spans[::every]
        if _apart([span for span, _tick in picked], gap):
            break
    if every == 1:
        return False
    kept = sorted((t for _span, t in picked), key=lambda t: t.get_loc())
    axis.set_ticks([t.get_loc() for t in kept], [t.label1.get_text() for t in kept], fontsize=size)
    return True


def _apart(spans: list[tuple[float, float]], gap: float) -> bool:
    """Each (near, far) pixel span, from the far end back, ends at least `gap` before the one after it begins."""
    return all(span[1] + gap <= after[0] for after, span in zip(spans, spans[1:]))
