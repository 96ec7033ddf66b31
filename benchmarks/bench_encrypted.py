"""Start-up on an encrypted 10-year journal next to the same journal plain: the key derivation is the difference.

Three starts, interleaved: the plain journal; the encrypted one with SPASMLOG_PASSPHRASE (opened at once,
to the first populated frame); the encrypted one without it (to the first frame of the lock view). The key
derivation (PBKDF2, 256,000 rounds) is timed alone, so what the encrypted start adds beyond it shows.
"""
import compileall
import shutil
import statistics
import sys
import time

from common import CACHE, ROOT, demo_journal, interleave, report

PASSPHRASE = "benchmark passphrase"


def encrypted_copy(plain):
    """The 10-year journal encrypted (made once, cached beside the plain one)."""
    sys.path.insert(0, str(ROOT))
    from app.services.privacy import encrypt
    path = CACHE / f"{plain.stem}_encrypted.db"
    if not path.exists():
        work = CACHE / "encrypting" / "journal.db"
        shutil.rmtree(work.parent, ignore_errors=True)
        work.parent.mkdir(parents=True)
        shutil.copyfile(plain, work)
        encrypt(work, PASSPHRASE)
        shutil.move(work, path)
        shutil.rmtree(work.parent, ignore_errors=True)
    return path


def key_derivation_s(path) -> float:
    """Median time to open the encrypted file with its passphrase (the key derivation and page 1)."""
    from app.store.connection import connect
    times = []
    for _ in range(5):
        start = time.perf_counter()
        connect(path, readonly=True, key=PASSPHRASE).close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    plain = demo_journal(3650)
    encrypted = encrypted_copy(plain)
    compileall.compile_dir(ROOT / "app", quiet=1)
    app = [sys.executable, "main.py", "--exit-after-first-frame", "--db"]
    res = interleave({
        "plain": [*app, str(plain)],
        "encrypted": ["env", f"SPASMLOG_PASSPHRASE={PASSPHRASE}", *app, str(encrypted)],
        "lock_view": ["env", "-u", "SPASMLOG_PASSPHRASE", *app, str(encrypted)],
    }, rounds=7)
    kdf = key_derivation_s(encrypted)
    p, e, lock = res["plain"]["median_s"], res["encrypted"]["median_s"], res["lock_view"]["median_s"]
    beyond = e - p - kdf
    report("start-up, encrypted / plain 10-year (x)", e / p, "key derivation only", beyond <= 0.1,
           f"{e:.2f}s vs {p:.2f}s: +{e - p:.2f}s, of which opening with the key {kdf:.2f}s; {beyond:+.2f}s beyond it")
    report("lock view's first frame / plain start (x)", lock / p, "<= 1.0", lock / p <= 1.0,
           f"{lock:.2f}s: an encrypted journal asks for its passphrase before reading anything")
    extra = res["encrypted"]["median_rss_mib"] - res["plain"]["median_rss_mib"]
    report("memory, encrypted above plain (MiB)", extra, "<= 10", extra <= 10,
           f"{res['encrypted']['median_rss_mib']:.0f} vs {res['plain']['median_rss_mib']:.0f} MiB peak RSS")


if __name__ == "__main__":
    main()
