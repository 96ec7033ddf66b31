"""Translation for kv files: `tr._("Text")` in kv is re-evaluated when the language changes at runtime."""
from kivy.event import Observable

from ..core import i18n


class Translator(Observable):
    """Kivy's documented pattern for live translation: kv binds to `tr._`, switch() calls every binding again."""

    def __init__(self):
        super().__init__()
        self._observers = []

    def _(self, message: str) -> str:
        return i18n._(message)

    def fbind(self, name, func, *args, **kwargs):
        if name == "_":
            self._observers.append((func, args, kwargs))
            return len(self._observers)
        return super().fbind(name, func, *args, **kwargs)

    def funbind(self, name, func, *args, **kwargs):
        if name == "_":
            key = (func, args, kwargs)
            if key in self._observers:
                self._observers.remove(key)
            return
        return super().funbind(name, func, *args, **kwargs)

    def unbind_uid(self, name, uid):
        if name != "_":
            return super().unbind_uid(name, uid)

    def switch(self, code: str) -> None:
        """Change the language and redraw every kv text that asked for a translation."""
        i18n.set_language(code)
        for entry in list(self._observers):
            func, args, _kwargs = entry
            try:
                func(*args, None, None)
            except ReferenceError:  # the widget is gone (a closed panel): forget it
                self._observers.remove(entry)


tr = Translator()
