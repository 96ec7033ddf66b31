"""Field checks shared by every entity: each refusal names the field and what is allowed."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

from .errors import JournalError
from .i18n import N_, _
from .guidance import codes, guidance
from .timeutil import ensure_aware, hhmm


def _limits() -> dict:
    return guidance()["limits"]


def check_time(value: datetime, field: str, now: datetime, zone: tzinfo) -> datetime:
    """An aware time, not more than a few minutes in the future; returned to the second. zone: the person's, for the
    "now" a refusal names."""
    value = ensure_aware(value, field)
    tolerance = timedelta(minutes=_limits()["future_tolerance_minutes"])
    if value > now + tolerance:
        raise JournalError(
            field,
            _("{field}: {value} is in the future; times may be at most {future_tolerance_minutes} "
              "minutes ahead of now ({now}).").format(
                      field=field, value=value.isoformat(), future_tolerance_minutes=_limits()['future_tolerance_minutes'], now=hhmm(now, zone)),
        )
    if value.year < 1970:
        raise JournalError(field, _("{field}: {value} is too far in the past; use a year from 1970 on.").format(
                field=field, value=value.isoformat()))
    return value.replace(microsecond=0)


def check_order(start: datetime, end: datetime | None, field: str = "end") -> None:
    """An end must come after its start."""
    if end is not None and end <= start:
        raise JournalError(field, _("{field}: must be after the start ({start}).").format(
                field=field, start=start.isoformat()))


def check_int(value, field: str, low: int, high: int, what: str = N_("a whole number")) -> int:
    """A whole number in [low, high]; booleans and fractions are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        # Only plain ASCII digits: str.isdigit() also passes '²' and '٣', which int() then rejects or misreads.
        elif isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,30}", value.strip()):
            value = int(value.strip())
        else:
            raise JournalError(field, _("{field}: '{value}' is not {what}; allowed: {low} to {high}.").format(
                    field=field, value=value, what=_(what), low=low, high=high))
    if not low <= value <= high:
        raise JournalError(field, _("{field}: {value} is out of range; allowed: {low} to {high}.").format(
                field=field, value=value, low=low, high=high))
    return value


def check_pain(value) -> int:
    """A pain score: an integer on the 0-10 scale."""
    pain = guidance()["pain"]
    return check_int(value, "score", pain["min"], pain["max"])


def text_limit(field: str) -> int:
    """The most characters a text field takes (guidance.toml [limits]); fields without their own limit are notes."""
    limits = _limits()
    return int(limits.get(f"{field}_max_chars", limits["note_max_chars"]))


def check_note(value, field: str = "note") -> str:
    """Free text, at most the field's limit (text_limit), refused past it, never cut; None becomes empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise JournalError(field, _("{field}: must be text.").format(field=field))
    limit = text_limit(field)
    if len(value) > limit:
        raise JournalError(field, _("{field}: {value} characters is too long; at most {limit} are allowed.").format(
                field=field, value=len(value), limit=limit))
    if "\x00" in value:
        raise JournalError(field, _("{field}: contains a NUL character, which is not allowed.").format(field=field))
    return value.strip()


def check_name(value, field: str = "name") -> str:
    """A short required name (medicine name), at most text_limit(field) characters."""
    text = check_note(value, field)
    if not text:
        raise JournalError(field, _("{field}: required; give a short name (1 to {limit} characters).").format(
                field=field, limit=text_limit(field)))
    return text


def check_code(kind: str, value, field: str) -> str:
    """One code from a list in CLINICAL.md (guidance.toml)."""
    allowed = list(codes(kind))
    if value not in allowed:
        raise JournalError(field, _("{field}: unknown code '{value}'; allowed: {allowed}.").format(
                field=field, value=value, allowed=', '.join(allowed)))
    return value


def check_codes(kind: str, values, field: str) -> tuple[str, ...]:
    """Several codes from one list, without duplicates, in the list's order."""
    if isinstance(values, str):
        values = [values]
    if values is None or not isinstance(values, (list, tuple, set, frozenset)):
        raise JournalError(field, _("{field}: give a list of codes; allowed: {allowed}.").format(
                field=field, allowed=', '.join(codes(kind))))
    chosen = {check_code(kind, v, field) for v in values}
    return tuple(c for c in codes(kind) if c in chosen)
