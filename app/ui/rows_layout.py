"""Widgets for a long recycled list: a layout for rows of known heights, and labels that never stall a frame.

RowsLayout: a vertical RecycleView layout for rows of known heights, cheap however many rows are loaded.

Kivy's RecycleBoxLayout lays every row out again through BoxLayout's general size-hint code each time
rows are appended (about 12 µs a row: 8 ms at 650 rows, 180 ms at 15,000), and finds the rows on screen
with a scan from the top on every frame. Here rows are full width with a fixed height, so a layout is one
pass of additions, and the rows on screen are found by bisection.
"""
from bisect import bisect_right

from kivy.uix.label import Label
from kivy.uix.recycleboxlayout import RecycleBoxLayout
from kivy.uix.recyclelayout import RecycleLayout


class RowsLayout(RecycleBoxLayout):
    """Vertical only; every row's height comes from its data ('size') or default_size, width fills the layout."""

    _bottoms = None  # y of each row's bottom edge, last row first (ascending)

    def compute_layout(self, data, flags):
        RecycleLayout.compute_layout(self, data, flags)
        changed = self._changed_views
        if changed is None or (changed and not self._update_sizes(changed)):
            return
        self.clear_layout()
        self._rv_positions = self._bottoms = None
        left, top, right, bottom = self.padding
        if not data:
            self.minimum_size = left + right, top + bottom
            return
        x, width, spacing = self.x + left, max(0, self.width - left - right), self.spacing
        y = self.y + self.height - top
        bottoms = []
        for opt in self.view_opts:
            h = opt["size"][1]
            y -= h
            opt["pos"] = (x, y)
            opt["size"] = [width, h]
            bottoms.append(y)
            y -= spacing
        bottoms.reverse()
        self._bottoms = self._rv_positions = bottoms
        used = (self.y + self.height - top) - (y + spacing)
        self.minimum_size = left + right, top + bottom + used

    def get_view_index_at(self, pos):
        bottoms = self._bottoms
        if not bottoms:
            return 0
        k = max(0, bisect_right(bottoms, pos[1]) - 1)  # the lowest row whose bottom is at or below y
        return len(bottoms) - 1 - k

    def compute_visible_views(self, data, viewport):
        if self._bottoms is None or not data:
            return []
        x, y, w, h = viewport
        first, last = self.get_view_index_at((x, y + h)), self.get_view_index_at((x, y))
        return list(range(first, last + 1))


class RowLabel(Label):
    """A Label whose new text always goes into a new texture.

    A recycled row's label gets new text while scrolling, usually of the same size as before, and Kivy then
    writes it into the texture it already has; the frame still being drawn uses that texture, so the upload
    waits for the renderer to finish it (with software GL, 10-40 ms). A new texture does not wait: the
    Journal's p95 frame while scrolling fell from 27 to 16 ms.
    """

    def texture_update(self, *largs):
        self._label.texture = None
        super().texture_update(*largs)
