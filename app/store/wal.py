"""Reads a journal's write-ahead log (-wal) without SQLite: which pages its committed frames hold, and where it breaks.

SQLite reads a WAL up to the first frame whose checksum is wrong and ignores everything after it, by design:
a torn last write after a crash is normal, but a bad frame with committed transactions after it means those
transactions are silently dropped. This module finds both facts so the journal can tell the person.
Format: https://www.sqlite.org/fileformat2.html#the_write_ahead_log
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- / big-endian words
HEADER, FRAME_HEADER = 32, 24


@dataclass
class WalState:
    """What a WAL holds: the committed pages SQLite will read, and any committed frames it will not."""
    page_size: int = 0
    db_pages: int = 0  # the database's size in pages after the last valid commit (0: no valid commit)
    pages: set[int] = field(default_factory=set)  # page numbers in the valid committed frames
    bad_frame: int | None = None  # the first frame (1-based) SQLite stops at, if any frame after it is committed
    lost_commits: int = 0  # committed transactions after that frame, which SQLite ignores


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def read_wal(path) -> WalState | None:
    """The state of the WAL at `path`, or None if there is none, it is empty or its header is not valid
    (SQLite then ignores the whole file, which holds nothing committed)."""
    try:
        data = Path(path).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if len(data) < HEADER:
        return None
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:HEADER])
    if magic not in WAL_MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return None
    big = magic & 1 == 1
    s0, s1 = _checksum(data[:24], big, 0, 0)
    if (s0, s1) != (c0, c1):
        return None
    state, pending = WalState(page_size=page_size), set()
    size = FRAME_HEADER + page_size
    frames = (len(data) - HEADER) // size
    for n in range(frames):
        at = HEADER + n * size
        page, commit, f1, f2, k0, k1 = struct.unpack(">6I", data[at:at + FRAME_HEADER])
        if (f1, f2) != (salt1, salt2):
            break  # a frame from an earlier generation of the log: the end of this one
        s0, s1 = _checksum(data[at:at + 8] + data[at + FRAME_HEADER:at + size], big, s0, s1)
        if (s0, s1) != (k0, k1):
            later = [_commit_of(data, HEADER + m * size, salt1, salt2) for m in range(n + 1, frames)]
            state.lost_commits = sum(1 for c in later if c)
            state.bad_frame = n + 1 if state.lost_commits else None
            break
        pending.add(page)
        if commit:
            state.pages |= pending
            state.db_pages, pending = commit, set()
    return state


def _commit_of(data: bytes, at: int, salt1: int, salt2: int) -> bool:
    """Whether the frame at `at` belongs to this log and ends a transaction (its checksum cannot be checked)."""
    _page, commit, f1, f2 = struct.unpack(">4I", data[at:at + 16])
    return (f1, f2) == (salt1, salt2) and commit != 0


def makes_whole(wal: WalState | None, file_size: int, page_size: int) -> bool:
    """Whether the WAL's committed frames hold every page missing from a main file of `file_size` bytes."""
    if wal is None or not wal.db_pages or wal.page_size != page_size:
        return False
    missing = range(file_size // page_size + 1, wal.db_pages + 1)
    return all(p in wal.pages for p in missing)
