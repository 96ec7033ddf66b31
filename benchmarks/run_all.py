"""Runs every benchmark and prints each figure with its target: python benchmarks/run_all.py"""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["bench_demo", "bench_startup", "bench_encrypted", "bench_cli", "bench_journal", "bench_trends", "bench_therapy_tick",
         "bench_export", "bench_agent"]


def main() -> int:
    sys.path.insert(0, str(HERE))
    print(f"{'figure':<44} {'value':>8}  target")
    for name in ORDER:
        if (HERE / f"{name}.py").exists():
            runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
