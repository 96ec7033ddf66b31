"""Text that does not fit its room on one line: cut after a whole word, with an ellipsis (…) that shows it was cut."""
from kivy.core.text import Label as CoreLabel

ELLIPSIS = "\u2026"
_measurers: dict[tuple, CoreLabel] = {}


def _width(text: str, font_size: float, font_name: str, bold: bool) -> float:
    key = (round(font_size, 2), font_name, bold)
    measurer = _measurers.get(key)
    if measurer is None:
        measurer = _measurers[key] = CoreLabel(font_size=font_size, font_name=font_name, bold=bold)
    return measurer.get_extents(text)[0]


def cut_words(text: str, most: int) -> str:
    """At most `most` characters, cut after a whole word with '…' (a long medicine name inside a message)."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    head = text[:most].rsplit(" ", 1)[0] if " " in text[:most] else text[:most - 1]
    return head.rstrip(" ,;:·-") + ELLIPSIS


def fit_lines(text: str, width: float, font_size: float, lines: int = 2, font_name: str = "Roboto",
              bold: bool = False) -> str:
    """`text` wrapped at whole words into at most `lines` lines of `width` pixels (joined by newlines); what does
    not fit ends the last line in '…' after a whole word."""
    text = " ".join(text.split())
    if width <= 0:
        return text
    done, rest = [], text
    while rest and len(done) < lines - 1 and _width(rest, font_size, font_name, bold) > width:
        words, line = rest.split(" "), ""
        for i, word in enumerate(words):
            longer = f"{line} {word}" if line else word
            if line and _width(longer, font_size, font_name, bold) > width:
                done.append(line)
                rest = " ".join(words[i:])
                break
            line = longer
        else:  # one word wider than the line: the last line's cut deals with it
            break
    done.append(fit_words(rest, width, font_size, font_name, bold))
    return "\n".join(done)


def fit_words(text: str, width: float, font_size: float, font_name: str = "Roboto", bold: bool = False) -> str:
    """`text` if it fits `width` pixels, else as many whole words as fit followed by '…' ('Symptom check: no…',
    never 'no warnin…'); a first word too long on its own is cut by characters, still ending in '…'."""
    text = " ".join(text.split())
    if not text or width <= 0 or _width(text, font_size, font_name, bold) <= width:
        return text

    def fits(candidate: str) -> bool:
        return _width(candidate.rstrip(" ,;:·-") + ELLIPSIS, font_size, font_name, bold) <= width

    words = text.split(" ")
    low, high = 0, len(words) - 1  # the most words that fit lies in [low, high]
    while low < high:
        mid = (low + high + 1) // 2
        if fits(" ".join(words[:mid])):
            low = mid
        else:
            high = mid - 1
    if low:
        return " ".join(words[:low]).rstrip(" ,;:·-") + ELLIPSIS
    low, high = 0, len(words[0])
    while low < high:
        mid = (low + high + 1) // 2
        if fits(words[0][:mid]):
            low = mid
        else:
            high = mid - 1
    return words[0][:low] + ELLIPSIS
