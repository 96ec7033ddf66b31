"""A worker thread (the export) reads through a connection of its own, never the app's."""
import threading
from datetime import date

import pytest

from app.core.errors import JournalError
from app.services.export import export


def test_a_worker_gets_its_own_connection_on_the_same_journal(svc):
    svc.entries.log_pain(4)
    worker = svc.for_worker()
    try:
        assert worker is not svc and worker._db.conn is not svc._db.conn
        assert [p.score for p in worker._repo.between("pain")] == [4]
        assert worker.closed_while_away == []  # a worker never closes finished timers: the app does
    finally:
        svc.close_worker(worker)
    svc.entries.log_pain(5)  # the app's own connection is untouched
    assert len(svc._repo.between("pain")) == 2


def test_in_memory_there_is_only_the_one_connection(mem):
    worker = mem.for_worker()
    assert worker is mem
    mem.close_worker(worker)
    mem.entries.log_pain(2)  # not closed


def test_an_export_on_a_worker_never_commits_half_of_the_apps_transaction(svc, tmp_path):
    """While a worker exports, the app's all-or-nothing blocks stay all or nothing."""
    for score in range(8):
        svc.entries.log_pain(score)
    stop, failures = threading.Event(), []

    def exporting():
        worker = svc.for_worker()
        try:
            while not stop.is_set():
                export(worker, tmp_path / "out", date(2000, 1, 1), svc.now().date(), ["csv"])
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)
        finally:
            svc.close_worker(worker)

    thread = threading.Thread(target=exporting)
    thread.start()
    try:
        for i in range(60):
            with pytest.raises(JournalError):
                with svc._repo.transaction():
                    svc.entries.log_pain(9, note=f"half {i}")
                    raise JournalError("test", "refused half-way")
            svc.entries.log_pain(1, note=f"whole {i}")
    finally:
        stop.set()
        thread.join(30)
    assert failures == []
    notes = [p.note for p in svc._repo.between("pain")]
    assert not [n for n in notes if n.startswith("half")]
    assert len([n for n in notes if n.startswith("whole")]) == 60
