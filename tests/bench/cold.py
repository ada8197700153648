"""(b) The setting page's verdict, warm and with the background stopped first (cold), broken down into its parts,
and the floor:
the same cold answer from an empty extension (`empty_extension/`: a content script that sends one message when the
toggle is inserted, a background that answers it), measured the same way in pairs, NoTrain's run then the empty
one's, so that both share the machine's load of the moment.

How the background is stopped, and how a run is known to be cold:
- Chromium: once the page rendered all but its toggle and the extension answered for it, CDP
  ServiceWorker.stopAllWorkers; the extension's service worker target was seen gone, and still gone when the
  toggle came (a run where something woke it first is skipped).
- Firefox: no protocol command stops an event page; the bench's Firefox profiles idle it out after
  `extensions.background.idle.timeout` = FIREFOX_IDLE_MS (milliseconds; Firefox clamps it to 100 ms .. 5 min) and
  the toggle comes later than that. A run counts as cold only if the background that answered started after the
  toggle came (its performance.timeOrigin, read afterwards); any other run is skipped.

The parts come from NoTrain's background (its test hook, message "timings" from an extension page: the core's load
marks and each report's steps, ms since the epoch, compared with the page's performance.timeOrigin + now())."""

import statistics
import time
from pathlib import Path

import browsers
from measure import STATE_JS, Skip, bench_state, verdict_run, wait_for

FIREFOX_IDLE_MS = 1000
LATE_MS = {"chromium": 2500, "firefox": 3000}  # the toggle comes that long after the page's start
EMPTY_EXTENSION = Path(__file__).resolve().parent / "empty_extension"
_TIMINGS_JS = """const done = arguments[0];
chrome.runtime.sendMessage({ type: "timings" }).then(done, (error) => done({ error: String(error) }));"""
COLD_PARTS = ("background start", "script load", "wasm fetch", "compile", "instantiate", "report taken")
WARM_PARTS = ("report to the background", "queue")
COMMON_PARTS = ("storage read", "member digest", "decide", "storage write", "answer to the banner")
HOW = {"chromium": "CDP ServiceWorker.stopAllWorkers after the page's first answer; the worker still stopped when "
                   "the toggle came",
       "firefox": f"extensions.background.idle.timeout = {FIREFOX_IDLE_MS} ms, the toggle {LATE_MS['firefox']} ms "
                  "after the page's start; cold only if the background that answered started after the toggle"}


def start(bench, browser, extension_dir):
    """A browser for cold runs: Chromium as usual, Firefox with the short idle timeout."""
    prefs = {"extensions.background.idle.timeout": FIREFOX_IDLE_MS}
    if browser == "chromium":
        driver = browsers.start_chromium(bench.paths, bench.site, extension_dir, bench.logs)
    else:
        driver = browsers.start_firefox(bench.paths, bench.site, extension_dir, bench.logs, extra_prefs=prefs)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(20)
    return driver


def worker_running(driver):
    targets = driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"]
    return any(t["type"] == "service_worker" and t["url"].startswith(driver.notrain_base) for t in targets)


def _stop_worker_before_toggle(driver):
    """Chromium: once the page has rendered all but the toggle and the extension has answered for it, stop every
    service worker; then make sure the extension's stays stopped until the toggle comes."""
    # While it looks for the toggle NoTrain shows nothing (no banner host in the page, or a "working" one).
    wait_for(lambda: driver.execute_script(STATE_JS) in (None, "working") and driver.execute_script(
        "return !!document.querySelector('h1.settings-card__title')"), 10, "the page without its toggle")
    time.sleep(0.3)  # the extension's answers for that page
    driver.execute_cdp_cmd("ServiceWorker.enable", {})
    driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
    driver.execute_cdp_cmd("ServiceWorker.disable", {})
    wait_for(lambda: not worker_running(driver), 5, "the extension's service worker to stop")
    while bench_state(driver).get("toggleAt") is None:
        if worker_running(driver):
            raise Skip("something woke the service worker before the toggle came")
        time.sleep(0.05)


def cold_verdict(driver, site, base_url, browser):
    """One cold verdict run (see the module's docstring for the stop); the run's ends, for `parts`."""
    stop = _stop_worker_before_toggle if browser == "chromium" else None
    return verdict_run(driver, site, base_url, LATE_MS[browser], stop)


def timings(driver):
    """NoTrain's background's test hook, asked from its options page (in the tab the run used)."""
    driver.get(driver.notrain_base + "options.html")
    got = driver.execute_async_script(_TIMINGS_JS)
    if got is None:  # nothing listens for "timings": the hook is gone, and the benchmark with it
        raise RuntimeError("NoTrain's background does not answer the benchmark's timings message")
    if "error" in got:
        raise Skip(f"no timings from the background: {got['error']}")
    return got


def parts(run, hook):
    """The run's verdict time cut at each step NoTrain's background marked, in order: {part: ms}; they add up to
    the total. Cold (the background started after the toggle): its start, its script's load, the core's fetch,
    compile and instantiation, then the report's storage read, decision, write and the way back to the banner."""
    toggle, banner = run["toggle_at"], run["banner_at"]
    report = next((r for r in hook["reports"] if r["received"] >= toggle and r.get("answered", banner + 1) <= banner),
                  None)
    if report is None:
        raise Skip("the background's timings hold no report of the toggle answered before the banner showed")
    marks = hook["marks"]
    if hook["origin"] > toggle:
        steps = zip(COLD_PARTS, (hook["origin"], marks["core:start"], marks["core:fetched"], marks["core:compiled"],
                                 marks["core:ready"], report["started"]))
    else:
        steps = zip(WARM_PARTS, (report["received"], report["started"]))
    steps = [*steps, *zip(COMMON_PARTS, (report["read"], report["digested"], report["decided"], report["stored"],
                                              banner))]
    out, last = {}, toggle
    for name, at in steps:
        out[name] = at - last
        last = at
    return {"cold": hook["origin"] > toggle, "ms": run["ms"], "parts": out,
            "report_received_ms": report["received"] - toggle}


def warm_run(driver, site, base_url):
    """One verdict run with the background running, broken down."""
    broken_down = parts(verdict_run(driver, site, base_url), timings(driver))
    if broken_down["cold"]:
        raise Skip("the background had stopped before the toggle came")
    return broken_down


def notrain_cold_run(driver, site, base_url, browser):
    run = cold_verdict(driver, site, base_url, browser)
    broken_down = parts(run, timings(driver))
    if not broken_down["cold"]:
        raise Skip("NoTrain's background had not stopped: it started before the toggle came")
    return broken_down


def empty_cold_run(driver, site, base_url, browser):
    run = cold_verdict(driver, site, base_url, browser)
    if run["background_origin"] is None or run["background_origin"] <= run["toggle_at"]:
        raise Skip("the empty extension's background had not stopped: it started before the toggle came")
    return run["ms"]


def part_medians(runs):
    names = [name for name in (*COLD_PARTS, *WARM_PARTS, *COMMON_PARTS) if any(name in r["parts"] for r in runs)]
    return {name: statistics.median(r["parts"][name] for r in runs if name in r["parts"]) for name in names}


def floor_pairs(bench, browser, notrain_driver, count):
    """`count` pairs (NoTrain's cold run, the empty extension's), in an empty extension's browser of its own."""
    base = bench.base_url(browser)
    empty = start(bench, browser, EMPTY_EXTENSION)
    pairs, notrain_runs, empty_runs = [], [], []
    try:
        for number in range(1, count + 1):
            try:
                a = notrain_cold_run(notrain_driver, bench.site, base, browser)
                notrain_runs.append(a)
                b = empty_cold_run(empty, bench.site, base, browser)
                empty_runs.append(b)
            except Skip as why:
                bench.skip(f"{browser} cold pair {number}", why)
                continue
            pairs.append({"notrain_ms": a["ms"], "empty_ms": b, "ratio": a["ms"] / b})
            shown = ", ".join(f"{name} {ms:.1f}" for name, ms in a["parts"].items())
            print(f"  pair {number}: NoTrain {a['ms']:.1f} ms ({shown}) / empty {b:.1f} ms = {a['ms'] / b:.2f}",
                  flush=True)
    finally:
        browsers.stop(empty)
    totals = [r["ms"] for r in notrain_runs]
    return {"how": HOW[browser], "pairs": pairs, "runs": notrain_runs,
            "notrain_median": statistics.median(totals) if totals else None,
            "empty_median": statistics.median(empty_runs) if empty_runs else None,
            "ratio_median": statistics.median(p["ratio"] for p in pairs) if pairs else None,
            "parts_median": part_medians(notrain_runs) if notrain_runs else {}}
