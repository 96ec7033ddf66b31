"""Start-up time and memory: SpasmLog on a 10-year journal vs a bare Kivy app, interleaved.

The app's bytecode is compiled first, as an installed app has it (pip compiles at install) and as Kivy's
is: the runs set PYTHONDONTWRITEBYTECODE, so without this every start would compile app/ from source
(≈20 ms) or not, depending on whether something else happened to write __pycache__.
"""
import compileall
import sys

from common import ROOT, demo_journal, interleave, report


def main() -> None:
    j10 = demo_journal(3650)
    compileall.compile_dir(ROOT / "app", quiet=1)
    res = interleave({
        "bare": [sys.executable, "benchmarks/bare_kivy.py"],
        "bare_like_app": [sys.executable, "benchmarks/bare_kivy.py", "--no-multisampling"],
        "spasmlog": [sys.executable, "main.py", "--db", str(j10), "--exit-after-first-frame"],
    }, rounds=7)
    app, bare, like = res["spasmlog"], res["bare"], res["bare_like_app"]
    ratio = app["median_s"] / bare["median_s"]
    report("start-up, 10-year journal / bare Kivy (x)", ratio, "<= 1.5 (stretch 1.25)", ratio <= 1.5,
           f"{app['median_s']:.2f}s vs {bare['median_s']:.2f}s; {app['median_s'] / like['median_s']:.2f}x a bare "
           f"Kivy app without multisampling, as the app runs")
    extra = app["median_rss_mib"] - bare["median_rss_mib"]
    report("memory at start above bare Kivy (MiB)", extra, "<= 60 (stretch 40)", extra <= 60,
           f"{app['median_rss_mib']:.0f} vs {bare['median_rss_mib']:.0f} MiB peak RSS; "
           f"{app['median_rss_mib'] - like['median_rss_mib']:.0f} MiB above bare Kivy without multisampling")


if __name__ == "__main__":
    main()
