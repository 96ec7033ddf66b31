"""Draws the doctor report: the PDF (reportlab: page 1 in words and tables, then the charts drawn by matplotlib)
and the PNG charts; both libraries are imported only inside the functions that draw."""
from __future__ import annotations

import io
import os
import textwrap
from datetime import timezone

from ..core.errors import JournalError
from ..core.guidance import guidance
from ..core.i18n import _, language
from ..core.timeutil import to_local
from ..store.private import private_file
from .chart_style import fit_legends
from .chart_ticks import spread_ticks
from .report import ReportData, collect, period
from .report_text import Block, fmt_time, patient_lines, summary

A4_IN = (8.27, 11.69)  # inches, portrait
TIME_CHARTS = {"pain", "episodes", "therapy", "doses"}
PNG_SIZE = (1500, 750)  # pixels; at least 1200x600 for pasting into a message
CHART_DPI = 130
_RC = {"font.size": 9, "pdf.fonttype": 42, "hatch.linewidth": 0.6, "axes.titleweight": "bold"}
_FONTS = {"Body": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf"}


def title() -> str:
    return _("Back spasm diary: report for the clinician")


def _register_fonts() -> None:
    """DejaVu Sans (shipped with matplotlib) so notes in any script print, not as empty boxes."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "Body" in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    for name, file in _FONTS.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    base = ParagraphStyle("p", fontName="Body", fontSize=9, leading=11.5, spaceAfter=3)
    return {"title": ParagraphStyle("title", base, fontName="Bold", fontSize=16, leading=20, spaceAfter=2),
            "sub": ParagraphStyle("sub", base, fontSize=8.5, textColor="#444444", spaceAfter=6),
            "h": ParagraphStyle("h", base, fontName="Bold", fontSize=11, leading=14, spaceBefore=7, spaceAfter=3,
                                keepWithNext=True),
            "p": base, "li": ParagraphStyle("li", base, leftIndent=12, bulletIndent=2, spaceAfter=2),
            "cell": ParagraphStyle("cell", base, fontSize=8, leading=9.8, spaceAfter=0),
            "head": ParagraphStyle("head", base, fontName="Bold", fontSize=8, leading=9.8, spaceAfter=0)}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(block: Block, width: float, st):
    from reportlab.platypus import Paragraph, Table, TableStyle
    rows = [[Paragraph(_esc(h), st["head"]) for h in block.header]]
    rows += [[Paragraph(_esc(c), st["cell"]) for c in row] for row in block.rows]
    table = Table(rows, colWidths=[w * width for w in block.widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#000000"),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#999999"),
                               ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _story(data: ReportData, width: float):
    """Page 1's flowables: title, patient block, then the summary blocks."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    st = _styles()
    made = _("Made by SpasmLog on {when}.").format(when=fmt_time(data.now, data.zone))
    story = [Paragraph(_esc(title()), st["title"]),
             Paragraph(_esc(f"{made} {guidance()['report']['self_reported']}"), st["sub"])]
    who = Table([[Paragraph(_esc(k), st["head"]), Paragraph(_esc(v), st["cell"])] for k, v in patient_lines(data)],
                colWidths=[0.2 * width, 0.8 * width], hAlign="LEFT")
    who.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, "#000000"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story += [who, Spacer(1, 4)]
    for block in summary(data):
        if block.kind == "table":
            story += [_table(block, width, st), Spacer(1, 3)]
        elif block.kind == "li":
            story.append(Paragraph(_esc(block.text), st["li"], bulletText="•"))
        else:
            story.append(Paragraph(_esc(block.text), st[block.kind]))
    return story


def _chart_image(data: ReportData, name: str, size_in):
    """One chart drawn by charts.py, as a greyscale raster for the PDF (the charts use only greys): a third of
    the bytes of colour, and no PNG encoded only to be decoded again."""
    import matplotlib
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    with matplotlib.rc_context(_RC):
        canvas = page_chart_figure(data, name, size_in).canvas
        canvas.draw()
        rgba = canvas.buffer_rgba()
        picture = PILImage.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    return ImageReader(picture.convert("L"))


def page_chart_figure(data: ReportData, name: str, size_in):
    """One chart of the PDF's pages as a matplotlib Figure of size_in inches (call inside rc_context(_RC))."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .charts import CHARTS
    fig = Figure(figsize=size_in, dpi=CHART_DPI)
    FigureCanvasAgg(fig)
    time_chart = name in TIME_CHARTS  # totals name their rows on the left and keep a legend below
    fig.subplots_adjust(left=0.1 if time_chart else 0.23, right=0.97, top=0.9, bottom=0.16 if time_chart else 0.3)
    ax = fig.add_subplot(1, 1, 1)
    CHARTS[name](ax, data)
    _fit_title(ax)
    fit_legends(fig)
    spread_ticks(fig)
    return fig


def _fit_title(ax) -> None:
    """A title longer than the page is wide (a longer language) gets smaller type rather than running off the edge."""
    from matplotlib.text import Text
    wanted = ax.get_title("center") or ax.get_title("left")
    titles = [t for t in ax.findobj(Text) if wanted and t.get_text() == wanted]
    if not titles:
        return
    title = titles[0]
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width * 0.99 - ax.get_window_extent(renderer).x0
    while title.get_text() and title.get_window_extent(renderer).width > room and title.get_fontsize() > 7:
        title.set_fontsize(title.get_fontsize() - 0.5)


def _picture(reader, width: float, height: float):
    """A flowable that draws an already decoded picture at a given size."""
    from reportlab.platypus import Flowable

    class Picture(Flowable):
        def wrap(self, *_args):
            return width, height

        def draw(self):
            self.canv.drawImage(reader, 0, 0, width, height)
    return Picture()


def write_pdf(data: ReportData, fh) -> int:
    """The report into an open binary file: page 1 (and its continuation), then a page per pair of charts;
    every page's footer says the data are self-reported. Returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import inch
    from reportlab.platypus import SimpleDocTemplate

    from reportlab import rl_config
    rl_config.useA85 = 0  # binary streams: ASCII85 makes pictures a quarter bigger, and is slow in pure Python
    _register_fonts()
    margin = 0.6 * inch
    doc = SimpleDocTemplate(fh, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=1.15 * inch, author="SpasmLog", creator="SpasmLog", lang=language(),
                            title=_("SpasmLog report {first} to {last}").format(
                                first=data.start_date.isoformat(), last=data.end_date.isoformat()),
                            subject=_("Back spasm diary: summary and charts for the clinician"))
    story = _story(data, doc.width)
    if not data.empty:  # the charts follow the words, three to a page, each whole on its page
        size = ((doc.width - 12) / inch, (doc.height - 14) / inch / 3 - 0.05)
        from .charts import CHARTS, has_data
        for name in CHARTS:
            if has_data(name, data):
                story.append(_picture(_chart_image(data, name, size), size[0] * inch, size[1] * inch))
    pages = []
    doc.build(story, canvasmaker=_numbered_canvas(data, margin, pages))
    return pages[0]


def _numbered_canvas(data: ReportData, margin: float, pages: list):
    """A canvas that holds its pages until the end, so every footer can say 'page N of M'."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.lib.utils import simpleSplit
    # Wrapped by the printed width, not a count of letters: German runs about a fifth longer than English.
    disclaimer = simpleSplit(guidance()["report"]["disclaimer"], "Body", 7.5, A4_IN[0] * 72 - 2 * margin)
    source = data.source if len(data.source) <= 70 else "…" + data.source[-69:]

    class Numbered(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held = []
            # The export's own time (the injected clock), not the machine's: a report made --at T says T.
            stamp = data.now.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
            self._doc.setDateFormatter(lambda *_args: stamp)

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages.append(len(self._held))
            for state in self._held:
                self.__dict__.update(state)
                self._footer(len(self._held))
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setStrokeColorRGB(0.5, 0.5, 0.5)
            self.setLineWidth(0.6)
            self.line(margin, 68, width - margin, 68)
            self.setFont("Bold", 7.5)
            self.drawString(margin, 58, guidance()["report"]["self_reported"])
            self.setFont("Body", 7.5)
            self.drawRightString(width - margin, 58, _("page {page} of {pages}").format(page=self._pageNumber,
                                                                                           pages=total))
            self.drawString(margin, 48, _("Data: {source}  ·  exported {when}").format(source=source,
                                                                                    when=fmt_time(data.now, data.zone)))
            for i, line in enumerate(disclaimer):
                self.drawString(margin, 38 - 9 * i, line)
            self.restoreState()
    return Numbered


def write_summary_png(data: ReportData, fh, width_px: int = 900) -> None:
    """Page 1's words as a PNG (the Export screen's preview): the same blocks as the PDF, laid out plainly."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lines: list[tuple[str, str]] = [("title", title())]
    lines += [("p", f"{k}: {v}") for k, v in patient_lines(data)]
    for block in summary(data):
        if block.kind == "table":
            lines += [("b", " · ".join(block.header))] + [("li", " · ".join(row)) for row in block.rows]
        else:
            lines.append((block.kind, block.text))
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=A4_IN)
        FigureCanvasAgg(fig)
        y, step = 1 - 0.6 / A4_IN[1], 1 / (A4_IN[1] * 72)
        for kind, text in lines:
            size = {"title": 15, "h": 11}.get(kind, 8.5)
            for part in textwrap.wrap(text, 110 if size < 10 else 70) or [""]:
                if y < 0.9 / A4_IN[1]:
                    break
                fig.text(0.6 / A4_IN[0] + (0.02 if kind == "li" else 0), y, part, fontsize=size, va="top",
                         weight="bold" if kind in ("title", "h", "b") else "normal")
                y -= (size + 4) * step
            y -= (6 if kind == "h" else 1) * step
        fig.text(0.6 / A4_IN[0], 0.7 / A4_IN[1], guidance()["report"]["self_reported"], fontsize=7.5, color="0.3")
        fig.savefig(fh, format="png", dpi=width_px / A4_IN[0], facecolor="white")


def _trend_figure(data: ReportData, chart: str, size_px: tuple[int, int], width_in: float):
    """One chart alone on a figure of size_px, drawn by the same code as the report (call inside rc_context(_RC))."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .charts import CHARTS
    if chart not in CHARTS:
        raise JournalError("chart", _("chart: unknown '{chart}'; allowed: {allowed}.").format(chart=chart, allowed=', '.join(CHARTS)))
    dpi = max(size_px[0] / width_in, 50)  # a fixed width in inches keeps the type size the same at any pixel size
    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    CHARTS[chart](ax, data)
    for loc in ("left", "center"):
        if ax.get_title(loc):  # a long title wraps instead of running off a narrow drawing
            ax.set_title(ax.get_title(loc), loc=loc, wrap=True)
    narrow = 10 / width_in  # margins hold the axis labels: wider (as a fraction) on a narrower drawing
    fig.subplots_adjust(left=min(0.3, (0.08 if chart in TIME_CHARTS else 0.14) * narrow), right=0.97,
                        top=1 - min(0.24, 0.1 * narrow ** 1.3), bottom=min(0.3, 0.12 * narrow))
    fit_legends(fig)
    spread_ticks(fig)
    return fig


def write_png(data: ReportData, chart: str, fh, size_px: tuple[int, int] = PNG_SIZE, width_in: float = 10) -> None:
    """One chart alone as a PNG of size_px, drawn by the same code as the report.

    `width_in` is the drawing's width in inches: 10 for a message or a desk screen; about 5 for a phone-width
    screen, where the same pixels then carry twice the type size.
    """
    import matplotlib
    with matplotlib.rc_context(_RC):
        fig = _trend_figure(data, chart, size_px, width_in)
        fig.savefig(fh, format="png", dpi=fig.dpi)


def trend_rgba(data: ReportData, chart: str, size_px: tuple[int, int] = PNG_SIZE,
               width_in: float = 10) -> tuple[int, int, bytes]:
    """write_png()'s drawing as (width, height, RGBA bytes, top row first): for a texture, without a file."""
    import matplotlib

    from .chart_style import figure_rgba
    with matplotlib.rc_context(_RC):
        return figure_rgba(_trend_figure(data, chart, size_px, width_in))


def render_trend_png(svc, days: int, path, size_px: tuple[int, int] = (1200, 600), chart: str = "pain",
                     width_in: float = 10):
    """The last `days` days of one chart, written as a private PNG at `path`."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660 * 3:
        raise JournalError("days", _("days: '{days}' is not allowed; allowed: 1 to {most}.").format(days=days, most=3660 * 3))
    data = collect(svc, *period(to_local(svc.now(), svc.zone).date(), days=days))
    with private_file(path) as fh:
        write_png(data, chart, fh, size_px, width_in)
    return path
