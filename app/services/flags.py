"""Flags for medical attention: which are open now, and acknowledging them."""
from __future__ import annotations

from ..core.entities import FlagAck
from ..core.errors import JournalError
from ..core.guidance import guidance


class Flags:
    """Open flags and their acknowledgements (the rules themselves live in app.core)."""

    def __init__(self, repo, clock):
        self.repo = repo
        self.clock = clock

    def open_flags(self) -> list[dict]:
        # The flag rules arrive with the flags issue; until then nothing is raised.
        return []

    def acknowledge(self, code: str) -> list[FlagAck]:
        """Record that the person has seen flag `code`."""
        allowed = list(guidance()["flags"])
        if code not in allowed:
            raise JournalError("code", f"code: unknown flag '{code}'; allowed: {', '.join(allowed)}.")
        return [self.repo.add_ack(FlagAck(code=code, at=self.clock()))]
