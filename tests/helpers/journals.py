"""Journal folders for the encrypted-journal tests: generated history and a backup, plain and encrypted."""
from __future__ import annotations

from pathlib import Path


def plain_and_encrypted(tmp_path_factory, days: int, seed: int, passphrase: str) -> dict[str, Path]:
    """Two folders, each a journal with `days` of history and one manual backup: 'plain', and 'encrypted'
    (the same, protected with `passphrase`). Built once per module; tests copy them."""
    from app.services import open_spasmlog
    from app.services.backups import Backups
    from app.services.demo import generate
    from app.services.privacy import encrypt
    from tests.conftest import T0, FakeClock

    made = {}
    for kind in ("plain", "encrypted"):
        path = tmp_path_factory.mktemp(kind) / "journal.db"
        svc = open_spasmlog(path, FakeClock(T0))
        generate(svc._repo, T0, days, seed=seed)
        Backups(svc._db, path, svc.clock).make("manual")
        svc.close()
        if kind == "encrypted":
            encrypt(path, passphrase)
        made[kind] = path.parent
    return made
