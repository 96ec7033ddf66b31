"""Export: the doctor report and data files for a chosen period, with a preview and a privacy warning."""
from __future__ import annotations

import io
import os
import threading
from datetime import date, timedelta
from pathlib import Path

from kivy.clock import Clock
from kivy.logger import Logger
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.image import Image

from ...core.errors import SpasmLogError
from ...core.timeutil import to_local
from ...core.i18n import N_, _, format_datetime_pattern, ngettext
from .base import SOMETHING_WRONG, BaseScreen, friendly
from ..chart_worker import DRAWING  # matplotlib's settings are global: one drawing at a time, app-wide
from ..kvfiles import load_kv
from ..pickers import TextField  # noqa: F401  (the PDF password field in kv/export.kv)

load_kv("pickers")

EXPORT_FAILED = N_("Something went wrong while exporting. No files were kept; please try again.")

PERIODS = [("30", N_("30 days")), ("90", N_("90 days")), ("365", N_("1 year")), ("all", N_("All"))]
FORMATS = [("pdf", N_("PDF report")), ("png", N_("PNG charts")), ("csv", N_("CSV tables")),
           ("fhir", N_("FHIR (health records)"))]
PREVIEW_PX = 900
PREVIEWS_KEPT = 4


def default_export_root() -> Path:
    """~/SpasmLog exports when the home folder can be written, else exports/ in the app's data folder."""
    home = Path.home()
    if home.is_dir() and os.access(home, os.W_OK):
        return home / "SpasmLog exports"
    from ...adapters.locations import user_data_dir
    return user_data_dir() / "exports"


class PreviewImage(ButtonBehavior, Image):
    """The report's first page, small; a tap shows it at full size."""


class ExportScreen(BaseScreen):
    period = StringProperty("90")
    period_words = StringProperty("")
    folder = StringProperty("")
    status = StringProperty("")             # "Writing…", "Saved 3 files in …"
    written = StringProperty("")            # the file names, one a line
    busy = BooleanProperty(False)
    preview_status = StringProperty("Drawing the preview…")
    preview = ObjectProperty(None, allownone=True)   # a Kivy texture of the report's first page
    base_dir = ObjectProperty(None, allownone=True)  # where dated folders go (tests point it elsewhere)

    def __init__(self, **kwargs):
        # Set before super(): the kv rule (on_kv_post) already reads them.
        self.formats = {"pdf"}
        self._previews: dict[tuple, object] = {}  # (start, end, journal version) -> texture
        self._wanted = None
        self._pending: set[tuple] = set()
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget):
        from .. import theme
        self.pdf_lock_card = self.ids.pdf_lock_card.__self__  # held here: ids are weak, it leaves the tree when unused
        theme.THEME.bind(name=lambda *_: self._mark())
        from ..widgets import Chip, FlatButton
        for code, words in PERIODS:
            chip = Chip(text=_(words), code=code)
            chip.bind(on_release=lambda c: self.pick_period(c.code))
            self.ids.periods.add_widget(chip)
        for code, words in FORMATS:
            btn = FlatButton(text=_(words))
            btn.code = code
            btn.bind(on_release=lambda b: self.toggle_format(b.code))
            self.ids.formats.add_widget(btn)
        self._mark()

    # -- choices -------------------------------------------------------------------------
    def pick_period(self, code: str) -> None:
        self.period = code
        self.refresh()

    def toggle_format(self, code: str) -> None:
        self.formats ^= {code}
        self._mark()

    def _mark(self) -> None:
        from .. import theme
        for chip in self.ids.periods.children:
            chip.selected = chip.code == self.period
        for btn in self.ids.formats.children:
            on = btn.code in self.formats
            btn.bg = theme.ACCENT_DARK if on else theme.SURFACE_HI
            btn.text = (f"[font={theme.ICON_FONT}]\u2713[/font] " if on else "") + _(dict(FORMATS)[btn.code])
        self.ids.export_button.disabled = self.busy or not self.formats

    def span(self) -> tuple[date, date]:
        today = to_local(self.svc.now(), self.svc.zone).date()
        if self.period == "all":
            return (self.svc.entries.first_day() or today), today
        return today - timedelta(days=int(self.period) - 1), today

    def out_dir(self) -> Path:
        today = to_local(self.svc.now(), self.svc.zone).date().isoformat()
        return Path(self.base_dir or default_export_root()) / today

    # -- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._offer_pdf_lock()
        start, end = self.span()
        self.period_words = _("{start} to {end}").format(
            start=format_datetime_pattern(start, "d MMM y", "%-d %b %Y"), end=format_datetime_pattern(end, "d MMM y", "%-d %b %Y"))
        self.folder = str(self.out_dir())
        self._mark()
        if self.manager is not None and self.manager.current == self.name:
            self._draw_preview(start, end)

    def on_enter(self, *args):
        self.refresh()  # on_pre_enter ran before the screen was current: now the preview may be drawn

    def _draw_preview(self, start: date, end: date) -> None:
        """The report's first page, drawn off the UI thread; kept per period and journal version."""
        from ...services.report import collect
        from ...services.trends import journal_version
        key = (start, end, journal_version(self.svc))
        self._wanted = key
        if key in self._previews:
            self.preview, self.preview_status = self._previews[key], ""
            return
        self.preview_status = _("Drawing the preview…")
        if key in self._pending:
            return  # already being drawn
        try:
            data = collect(self.svc, start, end)  # SQL on this thread; the worker only draws
        except Exception as exc:  # noqa: BLE001  (a refusal or a database error: a line, never a crash)
            self.preview_status = friendly(exc, self.svc.path)
            return
        self._pending.add(key)
        # Not a daemon: a drawing under way finishes before the process exits (no half-torn-down Agg).
        threading.Thread(target=self._render, args=(key, data), daemon=False).start()

    def _render(self, key, data) -> None:
        from ...services.report_pdf import write_summary_png
        buf = io.BytesIO()
        try:
            with DRAWING:
                write_summary_png(data, buf, PREVIEW_PX)
        except Exception:  # a preview is a nicety: say so, never crash
            Logger.exception("SpasmLog: preview not drawn")
            Clock.schedule_once(lambda dt: self._preview_failed(key))
            return
        Clock.schedule_once(lambda dt: self._show_preview(key, buf.getvalue()))

    def _preview_failed(self, key) -> None:
        self._pending.discard(key)
        self.preview_status = _("The preview could not be drawn.")

    def _show_preview(self, key, png: bytes) -> None:
        self._pending.discard(key)
        from kivy.core.image import Image as CoreImage
        texture = CoreImage(io.BytesIO(png), ext="png").texture
        self._previews[key] = texture
        while len(self._previews) > PREVIEWS_KEPT:  # about 4.5 MB each: keep only the latest few
            self._previews.pop(next(iter(self._previews)))
        if key == self._wanted:  # the person may have picked another period meanwhile
            self.preview, self.preview_status = texture, ""

    def enlarge(self) -> None:
        """The first page at its drawn size, to scroll around in; closed by its button or a tap outside."""
        if self.preview is None or self.preview_status:
            return
        view = Factory.PreviewView()
        view.texture = self.preview  # a kv-declared property: set after construction
        view.open()

    # -- exporting -----------------------------------------------------------------------
    def _offer_pdf_lock(self) -> None:
        """A password for the PDF, offered when the journal is encrypted (not merely hidden: it would take touches)."""
        card, protected = self.pdf_lock_card, self.svc.passphrase is not None
        if protected and card.parent is None:
            banner = self.ids.export_button.parent
            banner.parent.add_widget(card, index=banner.parent.children.index(banner) + 1)
        elif not protected and card.parent is not None:
            card.parent.remove_widget(card)

    def export(self) -> None:
        if self.busy or not self.formats:
            return
        start, end = self.span()
        folder = self.out_dir()
        formats = [code for code, _words in FORMATS if code in self.formats]
        password = self.ids.pdf_password.text if self.pdf_lock_card.parent is not None else ""
        self.busy, self.error, self.written = True, "", ""
        self.status = _("Writing the files…")
        self._mark()
        # Not a daemon: closing the app waits for the files rather than leaving some half-written.
        threading.Thread(target=self._write, args=(folder, start, end, formats, password or None), daemon=False).start()

    def _write(self, folder: Path, start: date, end: date, formats: list[str], pdf_password: str | None = None) -> None:
        """Runs on a worker thread: writes the files, then hands the outcome to the UI thread."""
        from ...services.export import export
        worker = None
        try:
            worker = self.svc.for_worker()  # this thread reads through its own connection
            with DRAWING:
                paths = export(worker, folder, start, end, formats, pdf_password)
        except SpasmLogError as exc:
            outcome = ("error", exc.plain)
        except OSError as exc:
            outcome = ("error", f"The files could not be written to {folder}: {exc.strerror or exc}. "
                                "Check there is free space and that this folder may be written to. No files were kept.")
        except Exception as exc:  # noqa: BLE001  (a database error reading the journal, or a bug: never a crash)
            outcome = ("error", friendly(exc, self.svc.path).replace(_(SOMETHING_WRONG), _(EXPORT_FAILED)))
        else:
            outcome = ("done", paths)
        finally:
            if worker is not None:
                self.svc.close_worker(worker)
        Clock.schedule_once(lambda dt: self._finished(folder, *outcome))

    def _finished(self, folder: Path, kind: str, value) -> None:
        self.busy = False
        if kind == "error":
            self.status, self.error = "", value
        else:
            n = len(value)
            self.status = ngettext("Saved {n} file in:\n{folder}", "Saved {n} files in:\n{folder}", n).format(
                n=n, folder=folder)
            self.written = "\n".join(p.name for p in value)
            self.app.snack(ngettext("Exported {n} file.", "Exported {n} files.", n).format(n=n))
        self._mark()
        # Bring the outcome into view once the lines above have their new heights.
        target = self.ids.written if self.written else self.ids.error_line
        Clock.schedule_once(lambda dt: self.ids.scroller.scroll_to(target, padding=80, animate=False), 0.1)
