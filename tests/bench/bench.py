"""NoTrain's benchmark (`cargo xtask bench` runs it after building dist/): what the built extension costs LinkedIn
pages, measured on the fixture site in headless Chromium and Firefox, printed beside the performance budgets (README, "Performance") and written
as JSON. Timing is printed, never asserted. Runs with and without the extension alternate A/B/A/B.

    python tests/bench/bench.py --out target/bench/report.json [--pairs 5] [--browser chromium|firefox|both]

Env as for the e2e tests: NOTRAIN_DIST, CHROMEDRIVER, GECKODRIVER, CHROMIUM, FIREFOX.
"""

import argparse
import datetime
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests/e2e"), str(ROOT / "tests/fixtures/site"), str(ROOT / "tests/budget")]

import browsers  # noqa: E402
import budgets  # noqa: E402
import measure  # noqa: E402
import services  # noqa: E402
from server import FixtureSite  # noqa: E402

COLD_HOW = ("Chromium: once the page had rendered all but its toggle and NoTrain had answered, CDP "
            "ServiceWorker.stopAllWorkers; the extension's service worker target was seen gone, and still gone when "
            "the toggle came (2.5 s after load; a run where something woke it first is skipped)")


def p95(values):
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(values):
    return {"runs": len(values), "median": statistics.median(values), "p95": p95(values),
            "min": min(values), "max": max(values)} if values else {"runs": 0}


def stands(value, budget):
    if value is None:
        return "not measured"
    return "met" if value <= budget else "missed"


class Bench:
    def __init__(self, args):
        self.args = args
        self.dist = Path(args.dist).resolve()
        self.paths = browsers.Paths.from_env()
        self.site = FixtureSite().start()
        self.report = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                       "versions": browsers.versions(self.paths), "pairs": args.pairs, "churn_s": args.churn,
                       "skipped": []}
        self.logs = Path(tempfile.mkdtemp(prefix="notrain-bench-"))

    def start(self, browser, with_extension):
        driver = browsers.start(browser, self.paths, self.site.port, self.dist, self.logs, with_extension)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(20)
        return driver

    def base_url(self, browser):
        return "https://www.linkedin.com" if browser == "chromium" else f"https://www.linkedin.com:{self.site.port}"

    def runs(self, what, count, run):
        """`count` runs of `run()`; skipped runs are counted and said, not averaged."""
        values = []
        for _ in range(count):
            try:
                values.append(run())
            except measure.Skip as why:
                self.report["skipped"].append(f"{what}: {why}")
                print(f"  skipped a run of {what}: {why}", flush=True)
        return values

    # -- sections ------------------------------------------------------------------------------------------------
    def chromium(self):
        print("Chromium: starting a browser with NoTrain (A) and one without (B)", flush=True)
        with_ext, without = self.start("chromium", True), self.start("chromium", False)
        try:
            self.feed(with_ext, without)
            self.setting_page("chromium", with_ext, cold=True)
            self.flood("chromium", with_ext)
            self.services("chromium", with_ext)
        finally:
            for driver in (with_ext, without):
                browsers.stop(driver)

    def feed(self, with_ext, without):
        base = self.base_url("chromium")
        pairs = []
        print(f"(a, e) feed under churn, {self.args.pairs} pairs A/B, {self.args.churn} s each", flush=True)
        for number in range(1, self.args.pairs + 1):
            try:
                a = measure.feed_run(with_ext, base, self.args.churn)
                b = measure.feed_run(without, base, self.args.churn)
            except measure.Skip as why:
                self.report["skipped"].append(f"feed pair {number}: {why}")
                continue
            pair = {"with": a, "without": b, "task_ratio": a["task_ms"] / b["task_ms"],
                    "script_ratio": a["script_ms"] / b["script_ms"], "heap_ratio": a["heap_bytes"] / b["heap_bytes"]}
            pairs.append(pair)
            print(f"  pair {number}: task {a['task_ms']:.0f} / {b['task_ms']:.0f} ms = {pair['task_ratio']:.3f}; "
                  f"script {a['script_ms']:.0f} / {b['script_ms']:.0f} ms = {pair['script_ratio']:.3f}; "
                  f"heap {a['heap_bytes'] / 1e6:.2f} / {b['heap_bytes'] / 1e6:.2f} MB = {pair['heap_ratio']:.3f}",
                  flush=True)
        median = (lambda key: statistics.median(p[key] for p in pairs) if pairs else None)
        self.report["feed"] = {"pairs": pairs, "task_ratio": median("task_ratio"),
                               "script_ratio": median("script_ratio"), "heap_ratio": median("heap_ratio")}
        self.report["worker_heap_bytes"] = measure.worker_heap(with_ext)

    def setting_page(self, browser, driver, cold):
        base = self.base_url(browser)
        print(f"(b, c) {browser}: setting page verdict and opt-out", flush=True)
        warm = self.runs(f"{browser} verdict warm", self.args.verdict_runs,
                         lambda: measure.verdict_run(driver, self.site, base))
        section = {"warm": summary(warm), "warm_ms": warm}
        if cold:
            cold_ms = self.runs(f"{browser} verdict cold", self.args.verdict_runs,
                                lambda: measure.verdict_run(driver, self.site, base, cold=True))
            section.update(cold=summary(cold_ms), cold_ms=cold_ms, cold_how=COLD_HOW)
        else:
            section["cold_how"] = ("not measured: a test cannot stop Firefox's event page (no WebDriver or protocol "
                                   "command for it)")
        optouts = self.runs(f"{browser} opt-out", self.args.optout_runs,
                            lambda: measure.optout_run(driver, self.site, base))
        section["optout"] = {"runs": optouts, "total": summary([o["total_ms"] for o in optouts]),
                             "save": summary([o["save_ms"] for o in optouts]),
                             "minus_save": summary([o["total_ms"] - o["save_ms"] for o in optouts]),
                             "beyond_hold": summary([o["total_ms"] - measure.HOLDS_MS for o in optouts])}
        self.report.setdefault("setting_page", {})[browser] = section

    def flood(self, browser, driver):
        print(f"(f) {browser}: a setting page flooded with 10,000 switches of 1,000 attributes, and another tab",
              flush=True)
        runs = self.runs(f"{browser} flood", 1, lambda: measure.flood_run(driver, self.site, self.base_url(browser)))
        answers = [ms for run in runs for ms in run["answer_ms"]]
        self.report.setdefault("flood", {})[browser] = {
            "answer": summary(answers), "other_tab": summary([run["other_tab_ms"] for run in runs])}

    def services(self, browser, driver):
        print(f"(g) {browser}: each service's one-click opt-out, click -> protected", flush=True)
        services.grant_all(driver, browser)
        for service in services.START:
            runs = self.runs(f"{browser} {service} opt-out", self.args.optout_runs,
                             lambda: services.optout_run(driver, self.site, browser, service))
            self.report.setdefault("services", {}).setdefault(browser, {})[service] = summary(runs)

    def firefox(self):
        print("Firefox: starting a browser with NoTrain", flush=True)
        driver = self.start("firefox", True)
        try:
            self.setting_page("firefox", driver, cold=False)
            self.flood("firefox", driver)
            self.services("firefox", driver)
        finally:
            browsers.stop(driver)

    def run(self):
        started = time.monotonic()
        try:
            self.report["sizes"] = measure.sizes(self.dist)
            if self.args.browser in ("chromium", "both"):
                self.chromium()
            if self.args.browser in ("firefox", "both"):
                self.firefox()
        finally:
            self.site.stop()
        self.report["seconds"] = round(time.monotonic() - started)
        self.report["budgets"] = self.budgets()
        out = Path(self.args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(self.report, indent=2) + "\n")
        print_table(self.report)
        print(f"written to {out} ({self.report['seconds']} s)")

    def budgets(self):
        r = self.report
        chromium = r.get("setting_page", {}).get("chromium", {})
        sizes = r["sizes"]
        rows = [("feed main-thread time, with / without (median of pairs)", (r.get("feed") or {}).get("task_ratio"),
                 budgets.FEED_RATIO, ""),
                ("setting page verdict, warm, median ms (Chromium)", chromium.get("warm", {}).get("median"),
                 budgets.VERDICT_WARM_MS, " ms"),
                ("setting page verdict, cold, median ms (Chromium)", chromium.get("cold", {}).get("median"),
                 budgets.VERDICT_COLD_MS, " ms"),
                (".wasm raw bytes", sizes["wasm_raw"], budgets.WASM_RAW, " B"),
                (".wasm gzip -9 bytes", sizes["wasm_gzip"], budgets.WASM_GZIP, " B"),
                ("content scripts (banner.js + content.js) bytes", sizes["content_scripts"], budgets.CONTENT_SCRIPTS,
                 " B")]
        return [{"what": what, "figure": value, "budget": budget, "unit": unit.strip(),
                 "stands": stands(value, budget)} for what, value, budget, unit in rows]


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_table(r):
    print()
    print(f"NoTrain bench, {r['date']}; " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()))
    feed = r.get("feed")
    if feed:
        print(f"(a) feed /feed/?churn={r['churn_s']} (250 posts inserted + 250 removed per s), main thread from load "
              f"to churn end, CDP Performance.getMetrics; A = with NoTrain, B = without")
        print("    pair   task A ms  task B ms  ratio   script A ms  script B ms  ratio   heap A MB  heap B MB  ratio")
        for n, p in enumerate(feed["pairs"], 1):
            a, b = p["with"], p["without"]
            print(f"    {n:>4}  {a['task_ms']:>10.0f} {b['task_ms']:>10.0f}  {p['task_ratio']:.3f}  "
                  f"{a['script_ms']:>12.0f} {b['script_ms']:>12.0f}  {p['script_ratio']:.3f}  "
                  f"{a['heap_bytes'] / 1e6:>9.2f} {b['heap_bytes'] / 1e6:>10.2f}  {p['heap_ratio']:.3f}")
        print(f"    median ratio: task {fmt(feed['task_ratio'], 3)}, script {fmt(feed['script_ratio'], 3)}, "
              f"page JS heap {fmt(feed['heap_ratio'], 3)}")
    for browser, s in r.get("setting_page", {}).items():
        print(f"(b) {browser}: setting page, toggle inserted -> verdict on the banner (ms)")
        for kind in ("warm", "cold"):
            got = s.get(kind)
            if got and got["runs"]:
                print(f"    {kind}: median {got['median']:.1f}, p95 {got['p95']:.1f} (nearest rank), "
                      f"min {got['min']:.1f}, max {got['max']:.1f}, {got['runs']} runs")
        print(f"    cold: {s['cold_how']}")
        o = s["optout"]
        if o["total"]["runs"]:
            print(f"(c) {browser}: one-click opt-out, click -> protected confirmed on the reloaded page (ms, median of "
                  f"{o['total']['runs']}): {o['total']['median']:.0f}; the fixture's save {o['save']['median']:.0f}; "
                  f"minus the save {o['minus_save']['median']:.0f}; beyond the core's {measure.PAGE_HOLD_MS} + "
                  f"{measure.SETTLE_MS} ms holds (page, then fresh load) {o['beyond_hold']['median']:.0f}")
    for browser, f in r.get("flood", {}).items():
        a, o = f["answer"], f["other_tab"]
        if a["runs"] and o["runs"]:
            print(f"(f) {browser}: setting page with 10,000 switches of 1,000 attributes, one flipped after each answer: "
                  f"flip -> NoTrain's answer median {a['median']:.0f} ms, p95 {a['p95']:.0f} ms ({a['runs']} flips); "
                  f"meanwhile another tab's setting page, navigation -> banner {o['median']:.0f} ms")
    for browser, by_service in r.get("services", {}).items():
        shown = ", ".join(f"{service} {fmt(got.get('median'), 0)} ms ({got['runs']} runs)"
                          for service, got in by_service.items())
        print(f"(g) {browser}: each service's one-click opt-out, click -> protected, median: {shown}")
    sizes = r["sizes"]
    print(f"(d) sizes: .wasm {sizes['wasm_raw']} B raw, {sizes['wasm_gzip']} B gzip -9; wasm-bindgen JS "
          f"{sizes['glue_js']} B; content scripts {sizes['content_scripts']} B "
          f"({', '.join(f'{k} {v}' for k, v in sizes['content_script_files'].items())})")
    chrome, firefox = sizes["files"]["chrome"], sizes["files"]["firefox"]
    for name in sorted(set(chrome) | set(firefox)):
        both = chrome.get(name) == firefox.get(name)
        shown = f"{chrome.get(name)}" if both else f"chrome {chrome.get(name)}, firefox {firefox.get(name)}"
        print(f"      {name:<34} {shown}")
    heap = r.get("worker_heap_bytes")
    print(f"(e) memory: page JS heap with / without (median) {fmt((feed or {}).get('heap_ratio'), 3)}; background "
          f"service worker JS heap {fmt(heap / 1e6 if heap else None, 2)} MB (Chromium; Firefox: not readable)")
    print("budgets:")
    for b in r["budgets"]:
        figure = "n/a" if b["figure"] is None else (f"{b['figure']:.3f}" if b["unit"] == "" else
                                                    f"{b['figure']:.1f}" if b["unit"] == "ms" else f"{b['figure']}")
        print(f"    {b['what']:<52} {figure:>9} {b['unit']:<2} budget {b['budget']:>7} {b['unit']:<2} {b['stands']}")
    if r["skipped"]:
        print(f"skipped runs: {len(r['skipped'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "target/bench/report.json"))
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs of feed runs (default 5)")
    parser.add_argument("--churn", type=int, default=10, help="seconds of feed churn per run (default 10)")
    parser.add_argument("--verdict-runs", type=int, default=8)
    parser.add_argument("--optout-runs", type=int, default=5)
    parser.add_argument("--browser", choices=("chromium", "firefox", "both"), default="both")
    args = parser.parse_args()
    if os.environ.get("NOTRAIN_DIST"):
        args.dist = os.environ["NOTRAIN_DIST"]
    Bench(args).run()


if __name__ == "__main__":
    main()
