"""Reads a journal's write-ahead log (-wal) without SQLite: which pages its committed frames hold, and what it ignores.

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
    """What a WAL holds: the committed pages SQLite will read (up to the first bad checksum)."""
    page_size: int = 0
    db_pages: int = 0  # the database's size in pages after the last valid commit (0: no valid commit)
    pages: set[int] = field(default_factory=set)  # page numbers in the valid committed frames


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
            break  # where SQLite stops reading
        pending.add(page)
        if commit:
            state.pages |= pending
            state.db_pages, pending = commit, set()
    return state


def makes_whole(wal: WalState | None, file_size: int, page_size: int) -> bool:
    """Whether the WAL's committed frames hold every page missing from a main file of `file_size` bytes."""
    if wal is None or not wal.db_pages or wal.page_size != page_size:
        return False
    missing = range(file_size // page_size + 1, wal.db_pages + 1)
    return all(p in wal.pages for p in missing)


def ignored_commits(path) -> tuple[int, int]:
    """After a connection has read the journal at `path`: (the first WAL frame SQLite stopped at, how many
    committed transactions of this log lie after it), or (0, 0) if SQLite reads every committed frame.

    Cheap (frame headers only): SQLite's wal-index (-shm) says how many frames it accepted (mxFrame) and the
    log's salts; a later frame with the same salts that ends a transaction was saved and is now ignored,
    which happens only when a frame before it has a bad checksum (a torn last transaction has no commit).
    """
    try:
        with open(f"{path}-shm", "rb") as fh:
            index = fh.read(48)
        wal = open(f"{path}-wal", "rb")
    except OSError:
        return 0, 0
    with wal:
        if len(index) < 48:
            return 0, 0
        max_frame, = struct.unpack("=I", index[16:20])  # the index is in the machine's own byte order
        salts = index[32:40]  # copied byte for byte from the log's header
        header = wal.read(HEADER)
        if len(header) < HEADER:
            return 0, 0
        page_size = struct.unpack(">I", header[8:12])[0]
        if header[16:24] != salts or not 512 <= page_size <= 65536:
            return 0, 0  # the index is of another generation of the log: nothing to compare
        size, frame, commits = FRAME_HEADER + page_size, max_frame, 0
        while True:
            wal.seek(HEADER + frame * size)
            head = wal.read(16)
            if len(head) < 16:
                break
            if head[8:16] != salts:
                break
            commit, = struct.unpack(">I", head[4:8])
            commits += commit != 0
            frame += 1
    return (max_frame + 1, commits) if commits else (0, 0)
