"""(h) An ordinary page's banner with the background stopped: the feed, after the setting page read ON (so the banner
shows and the background stored what ordinary pages draw ahead), loaded again run after run, each time with the
background stopped first (Chromium: CDP ServiceWorker.stopAllWorkers, the worker seen gone; Firefox: the bench's
short idle timeout waited out), and counted cold only if the background that answered started after the page did
(its test hook's performance.timeOrigin). Figures, from the content script's start (`document_idle`; the banner
host's `data-ahead` test hook says how long after it the banner was drawn ahead) and the page's own instrument
(`?bench` records each state of the banner host and when): the banner drawn ahead, and the core's answer drawn (what
the banner waited for before it was drawn ahead)."""

import statistics
import time

from cold import FIREFOX_IDLE_MS, timings, worker_running
from measure import STATE_JS, Skip, bench_state, wait_for
from notrain import AI_KEY, AI_PATH

HOW = {"chromium": "CDP ServiceWorker.stopAllWorkers before each load, the worker seen gone",
       "firefox": f"the event page idled out ({FIREFOX_IDLE_MS} ms timeout, waited out with a margin) before each load"}


def _read_on(driver, site, base_url):
    """The setting page read ON: the record, and what ordinary pages draw ahead, stored."""
    site.reset()
    site.settings[AI_KEY] = True
    driver.get("about:blank")
    driver.get(base_url + AI_PATH)
    wait_for(lambda: driver.execute_script(STATE_JS) == "exposed", 15, "the setting page read ON")


def _stop(driver, browser):
    if browser == "chromium":
        driver.execute_cdp_cmd("ServiceWorker.enable", {})
        driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
        driver.execute_cdp_cmd("ServiceWorker.disable", {})
        wait_for(lambda: not worker_running(driver), 5, "the extension's service worker to stop")
    else:
        time.sleep(FIREFOX_IDLE_MS / 1000 + 1.5)


def _answered(driver):
    states = bench_state(driver).get("states") or []
    return states if any(not state["ahead"] for state in states) else None


def ordinary_run(driver, base_url, browser):
    """One cold load of the feed: {"drawn_ms", "answered_ms"} after the content script's start."""
    driver.get("about:blank")
    _stop(driver, browser)
    driver.get(base_url + "/feed/?bench")
    states = wait_for(lambda: _answered(driver), 15, "the core's answer on the feed")
    started = driver.execute_script("return performance.timeOrigin;")
    first = states[0]
    if not first["ahead"]:
        raise Skip(f"not drawn ahead (states {states})")
    answered = next(state for state in states if not state["ahead"])
    if (answered["state"], answered["text"]) != (first["state"], first["text"]):
        raise Skip(f"the core answered another banner than the one drawn ahead: {states}")
    if timings(driver)["origin"] <= started:
        raise Skip("the background had not stopped: it started before the page")
    script_start = first["at"] - first["aheadMs"]
    return {"drawn_ms": first["aheadMs"], "answered_ms": answered["at"] - script_start}


def ordinary_runs(bench, browser, driver, count):
    """`count` cold loads of the feed, with their medians."""
    _read_on(driver, bench.site, bench.base_url(browser))
    runs = bench.runs(f"{browser} ordinary page cold", count,
                      lambda: ordinary_run(driver, bench.base_url(browser), browser))
    median = (lambda key: statistics.median(run[key] for run in runs) if runs else None)
    return {"how": HOW[browser], "runs": runs, "drawn_median": median("drawn_ms"),
            "answered_median": median("answered_ms")}
