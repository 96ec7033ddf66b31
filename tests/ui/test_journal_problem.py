"""A journal that cannot be opened: the real app explains and restores the latest backup."""
import pytest

from app.services import open_spasmlog

pytestmark = pytest.mark.ui


def test_damaged_journal_offers_and_restores_latest_backup(ui, journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    svc.entries.log_pain(5)
    svc.backups.make("daily")
    svc.close()
    for suffix in ("-wal", "-shm"):
        journal_path.with_name(journal_path.name + suffix).unlink(missing_ok=True)
    damaged = b"this is not a database" * 50
    journal_path.write_bytes(damaged)

    ui("damaged_journal_restore", journal_path)

    reopened = open_spasmlog(journal_path, clock)
    assert reopened.entries.latest_pain().score == 5
    kept = [p for p in (journal_path.parent / "backups").iterdir() if p.read_bytes() == damaged]
    assert kept, "the damaged file must be kept, byte for byte"
