"""NoTrain's benchmark (`cargo xtask bench` runs it after building dist/): what the built extension costs LinkedIn
pages, measured on the fixture site in headless Chromium and Firefox, printed beside the performance budgets (README,
"Performance") and written as JSON. Timing is printed, never asserted. The sections: the feeds A/B (feed.py), the
setting page's verdict warm and cold with its parts and an empty extension's floor (cold.py), the opt-out, a flooded
page, each service's opt-out (services.py), an ordinary page's banner drawn ahead with the background stopped
(ahead.py), the sizes (measure.py); printed by report.py.

    python tests/bench/bench.py --out target/bench/report.json [--pairs 5] [--max-pairs 40]
                                [--browser chromium|firefox|both]

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

import ahead  # noqa: E402
import browsers  # noqa: E402
import budgets  # noqa: E402
import cold  # noqa: E402
import feed  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import services  # noqa: E402
from server import FixtureSite  # noqa: E402


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


# What `--only` can name: the feeds A/B (a), the setting page warm and the opt-out (b, c), the cold verdict and
# the ordinary page cold (b, h), the flood (f), the other services (g).
SECTIONS = ("feed", "setting", "cold", "flood", "services")


class Bench:
    def __init__(self, args):
        self.args = args
        self.dist = Path(args.dist).resolve()
        self.paths = browsers.Paths.from_env()
        self.site = FixtureSite().start()
        self.report = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                       "versions": browsers.versions(self.paths), "pairs": args.pairs,
                       "max_pairs": args.max_pairs, "churn_s": args.churn,
                       "skipped": []}
        self.logs = Path(tempfile.mkdtemp(prefix="notrain-bench-"))

    def start(self, browser, with_extension):
        driver = browsers.start(browser, self.paths, self.site, self.dist, self.logs, with_extension)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(20)
        return driver

    def base_url(self, browser):
        return "https://www.linkedin.com" if browser == "chromium" else f"https://www.linkedin.com:{self.site.port}"

    def skip(self, what, why):
        self.report["skipped"].append(f"{what}: {why}")
        print(f"  skipped a run of {what}: {why}", flush=True)

    def runs(self, what, count, run):
        """`count` runs of `run()`; skipped runs are counted and said, not averaged."""
        values = []
        for _ in range(count):
            try:
                values.append(run())
            except measure.Skip as why:
                self.skip(what, why)
        return values

    # -- sections ------------------------------------------------------------------------------------------------
    def chromium(self):
        print("Chromium: starting a browser with NoTrain (A) and one without (B)", flush=True)
        with_ext, without = self.start("chromium", True), self.start("chromium", False)
        try:
            if self.wanted("feed"):
                self.report["feed"] = feed.ab(self, "churn", with_ext, without)
                self.report["heavy"] = feed.ab(self, "heavy", with_ext, without)
                self.report["worker_heap_bytes"] = feed.worker_heap(with_ext)
            browsers.stop(without)
            without = None
            self.setting_page("chromium", with_ext)
            self.cold("chromium", with_ext)
            self.flood("chromium", with_ext)
            self.services("chromium", with_ext)
        finally:
            for driver in (with_ext, without):
                if driver:
                    browsers.stop(driver)

    def wanted(self, section):
        return self.args.only is None or section in self.args.only

    def setting_page(self, browser, driver):
        if not self.wanted("setting"):
            return
        base = self.base_url(browser)
        print(f"(b, c) {browser}: setting page verdict and opt-out", flush=True)
        warm = self.runs(f"{browser} verdict warm", self.args.verdict_runs,
                         lambda: cold.warm_run(driver, self.site, base))
        section = {"warm": summary([run["ms"] for run in warm]), "warm_runs": warm,
                   "warm_parts_median": cold.part_medians(warm) if warm else {}}
        optouts = self.runs(f"{browser} opt-out", self.args.optout_runs,
                            lambda: measure.optout_run(driver, self.site, base))
        section["optout"] = {"runs": optouts, "total": summary([o["total_ms"] for o in optouts]),
                             "save": summary([o["save_ms"] for o in optouts]),
                             "minus_save": summary([o["total_ms"] - o["save_ms"] for o in optouts]),
                             "beyond_hold": summary([o["total_ms"] - measure.HOLDS_MS for o in optouts])}
        self.report.setdefault("setting_page", {})[browser] = section

    def cold(self, browser, driver):
        if not self.wanted("cold"):
            return
        print(f"(b) {browser}: cold verdict and the empty extension's cold answer, {self.args.verdict_runs} pairs "
              f"({cold.HOW[browser]})", flush=True)
        section = cold.floor_pairs(self, browser, driver, self.args.verdict_runs)
        section["cold"] = summary([run["ms"] for run in section["runs"]])
        self.report.setdefault("cold", {})[browser] = section
        print(f"(h) {browser}: the feed's banner, drawn ahead, with the background stopped ({ahead.HOW[browser]})",
              flush=True)
        self.report.setdefault("ordinary", {})[browser] = ahead.ordinary_runs(self, browser, driver,
                                                                               self.args.verdict_runs)

    def flood(self, browser, driver):
        if not self.wanted("flood"):
            return
        print(f"(f) {browser}: a setting page flooded with 10,000 switches of 1,000 attributes, and another tab",
              flush=True)
        runs = self.runs(f"{browser} flood", 1, lambda: measure.flood_run(driver, self.site, self.base_url(browser)))
        answers = [ms for run in runs for ms in run["answer_ms"]]
        self.report.setdefault("flood", {})[browser] = {
            "answer": summary(answers), "other_tab": summary([run["other_tab_ms"] for run in runs])}

    def services(self, browser, driver):
        if not self.wanted("services"):
            return
        print(f"(g) {browser}: each service's one-click opt-out, click -> protected", flush=True)
        services.grant_all(driver, browser)
        for service in services.START:
            runs = self.runs(f"{browser} {service} opt-out", self.args.optout_runs,
                             lambda: services.optout_run(driver, self.site, browser, service))
            self.report.setdefault("services", {}).setdefault(browser, {})[service] = summary(runs)

    def firefox(self):
        print("Firefox: starting a browser with NoTrain", flush=True)
        if any(self.wanted(section) for section in ("setting", "flood", "services")):
            driver = self.start("firefox", True)
            try:
                self.setting_page("firefox", driver)
                self.flood("firefox", driver)
                self.services("firefox", driver)
            finally:
                browsers.stop(driver)
        if not self.wanted("cold"):
            return
        print(f"Firefox: a browser with NoTrain whose event page idles out after {cold.FIREFOX_IDLE_MS} ms", flush=True)
        driver = cold.start(self, "firefox", self.dist / "firefox")
        try:
            self.cold("firefox", driver)
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
        report.print_table(self.report)
        print(f"written to {out} ({self.report['seconds']} s)")

    def budgets(self):
        r = self.report
        warm = r.get("setting_page", {}).get("chromium", {}).get("warm", {})
        by_browser = r.get("cold", {})
        sizes = r["sizes"]
        rows = [("feed under churn, main-thread time with / without (median of pairs)",
                 (r.get("feed") or {}).get("task_ratio"), budgets.FEED_RATIO, ""),
                ("setting page verdict, warm, median ms (Chromium)", warm.get("median"), budgets.VERDICT_WARM_MS,
                 " ms")]
        for browser in ("chromium", "firefox"):
            got = by_browser.get(browser, {})
            rows += [(f"setting page verdict, cold, median ms ({browser})", got.get("notrain_median"),
                      budgets.VERDICT_COLD_MS, " ms"),
                     (f"cold verdict / empty extension's, median of pairs ({browser})", got.get("ratio_median"),
                      budgets.COLD_FLOOR_RATIO, ""),
                     (f"feed banner drawn after document_idle, cold, median ms ({browser})",
                      r.get("ordinary", {}).get(browser, {}).get("drawn_median"), budgets.ORDINARY_DRAWN_MS, " ms")]
        rows += [(".wasm raw bytes", sizes["wasm_raw"], budgets.WASM_RAW, " B"),
                 (".wasm gzip -9 bytes", sizes["wasm_gzip"], budgets.WASM_GZIP, " B"),
                 ("content scripts (banner.js + content.js) bytes", sizes["content_scripts"], budgets.CONTENT_SCRIPTS,
                  " B")]
        return [{"what": what, "figure": value, "budget": budget, "unit": unit.strip(),
                 "stands": stands(value, budget)} for what, value, budget, unit in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "target/bench/report.json"))
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs of each feed page at least (default 5)")
    parser.add_argument("--max-pairs", type=int, default=40,
                        help="A/B pairs of each feed page at most, until its interval is within 2 %% (default 40)")
    parser.add_argument("--churn", type=int, default=10, help="seconds of feed churn per run (default 10)")
    parser.add_argument("--verdict-runs", type=int, default=8)
    parser.add_argument("--optout-runs", type=int, default=5)
    parser.add_argument("--browser", choices=("chromium", "firefox", "both"), default="both")
    parser.add_argument("--only", type=lambda text: text.split(","), default=None,
                        help="the sections to run, comma-separated: " + ", ".join(SECTIONS) + " (default all)")
    args = parser.parse_args()
    if args.only and not set(args.only) <= set(SECTIONS):
        parser.error(f"--only takes {', '.join(SECTIONS)}")
    args.max_pairs = max(args.max_pairs, args.pairs)
    if os.environ.get("NOTRAIN_DIST"):
        args.dist = os.environ["NOTRAIN_DIST"]
    Bench(args).run()


if __name__ == "__main__":
    main()
