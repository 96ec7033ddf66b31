"""How long the demo generator takes for 10 years of history."""
import tempfile
import time
from pathlib import Path

from common import report


def main() -> None:
    from app.services import open_spasmlog
    from app.services.demo import generate
    times = []
    for seed in (1, 2, 3):
        path = Path(tempfile.mkdtemp()) / "demo.db"
        svc = open_spasmlog(path)
        t = time.perf_counter()
        generate(svc._repo, svc.now(), 3650, seed)
        times.append(time.perf_counter() - t)
        svc.close()
    best = sorted(times)[1]
    report("demo generator, 10 years (s, median of 3)", best, "< 30", best < 30)


if __name__ == "__main__":
    main()
