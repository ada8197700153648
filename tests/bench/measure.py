"""One run of each benchmark measurement on the setting page and of the sizes, in a browser the caller started
(tests/e2e/browsers.py) against the fixture site (tests/fixtures/site, whose `?bench` instruments are in
static/bench.js); the feeds are feed.py's, the cold start cold.py's. Each function returns
plain numbers (milliseconds, bytes) or raises `Skip` saying why a run could not be measured."""

import uuid
from pathlib import Path

import budgets
import flood
from notrain import AI_KEY, AI_PATH, wait_until

SETTLE_MS = 3000  # the rules' `timings.settleMs` (rules/services/linkedin.json): how long the fresh load must read OFF before NoTrain says protected
PAGE_HOLD_MS = 1000  # the rules' `timings.pageHoldMs`: how long the page that clicked must read OFF before the reload
HOLDS_MS = SETTLE_MS + PAGE_HOLD_MS  # the deliberate waits in a confirmed opt-out
VERDICTS = ("exposed", "protected", "unknown", "failed", "unavailable")

_BENCH_JS = "return window.__bench ? JSON.parse(JSON.stringify(window.__bench)) : null;"
STATE_JS = "const h = document.querySelector('[data-notrain-banner]'); return h && h.getAttribute('data-state');"


class Skip(Exception):
    """A run that could not be measured as intended (said why); it is left out, and counted."""


def wait_for(check, timeout, what):
    """notrain.wait_until, polling faster, for a run that is left out (Skip) rather than failed."""
    return wait_until(check, timeout, what, poll=0.05, error=Skip)


def bench_state(driver):
    return driver.execute_script(_BENCH_JS) or {}


# -- (b) the setting page: toggle inserted -> verdict on the banner ----------------------------------------------

def verdict_run(driver, site, base_url, late_ms=1500, before_toggle=None):
    """From the fixture's insertion of the toggle (`late_ms` after the page's start; performance.now() in the page)
    to the banner host's first settled data-state after it, seen by a page MutationObserver on that attribute.
    `before_toggle(driver)`, if given, runs once the page is loading (cold.py stops the background there). Returns
    the ms, both ends (ms since the epoch) and the host's `data-background-origin` (the empty extension's)."""
    site.reset()
    site.scenario, site.late_ms = "late", late_ms
    site.settings[AI_KEY] = True
    driver.get("about:blank")
    driver.get(base_url + AI_PATH + "?bench")
    if before_toggle:
        before_toggle(driver)
    bench = wait_for(lambda: _verdict_after_toggle(bench_state(driver)) and bench_state(driver), 15,
                     "a verdict after the toggle came")
    banner_at = _verdict_after_toggle(bench)
    origin = driver.execute_script("const h = document.querySelector('[data-notrain-banner]');"
                                   "return h && h.getAttribute('data-background-origin');")
    return {"ms": banner_at - bench["toggleAt"], "toggle_at": bench["toggleAt"], "banner_at": banner_at,
            "background_origin": float(origin) if origin else None}


def _verdict_after_toggle(bench):
    inserted = bench.get("toggleAt")
    if inserted is None:
        return None
    for seen in bench.get("states", []):
        if seen["at"] >= inserted and seen["state"] in VERDICTS:
            if seen["state"] != "exposed":
                raise Skip(f"the verdict was {seen['state']}, not exposed")
            return seen["at"]
    return None


# -- (c) the one-click opt-out -----------------------------------------------------------------------------------

def optout_run(driver, site, base_url):
    """From a trusted click on the banner's opt-out button (seen by the page) to data-state "protected" on the page
    NoTrain loads again to confirm it (the record kept across that load by `?bench=<name>`), and the fixture's save
    (its PUT, from the page's fetch to its answer)."""
    site.reset()
    site.settings[AI_KEY] = True
    driver.get("about:blank")
    driver.get(base_url + AI_PATH + "?bench=optout-" + uuid.uuid4().hex[:8])
    wait_for(lambda: driver.execute_script(STATE_JS) == "exposed", 15, "the banner to show exposed")
    host = driver.find_element("css selector", "[data-notrain-banner]")
    host.shadow_root.find_element("css selector", '[data-action="opt-out"]').click()
    wait_for(lambda: driver.execute_script(STATE_JS) == "protected", 15, "the banner to show protected")
    bench = bench_state(driver)
    if not bench.get("clicks") or not bench.get("saves") or bench["saves"][0]["end"] is None:
        raise Skip(f"the page saw no click or no finished save: {bench}")
    clicked = bench["clicks"][0]
    protected = next(s["at"] for s in bench["states"] if s["state"] == "protected" and s["at"] >= clicked)
    save = bench["saves"][0]
    return {"total_ms": protected - clicked, "save_ms": save["end"] - save["start"]}


# -- (f) a flooded page -----------------------------------------------------------------------------------------

def flood_run(driver, site, base_url):
    """The setting page flooded with 10,000 switches of 1,000 attributes (fixture `?hostile=flood`): per flip of
    one of them, the ms until NoTrain's answer rendered the banner; and another tab's setting page meanwhile,
    navigation -> banner (ms)."""
    site.reset()
    site.settings[AI_KEY] = True
    driver.get("about:blank")
    try:
        answers, other_s = flood.flood_and_other_tab(driver, base_url)
    except AssertionError as why:
        raise Skip(str(why)) from None
    finally:
        driver.get("about:blank")  # stop the flood
    return {"answer_ms": answers, "other_tab_ms": other_s * 1000}


# -- (d) sizes ---------------------------------------------------------------------------------------------------

def sizes(dist):
    """Every shipped file's size per browser folder, the .wasm gzipped, and the content scripts together."""
    out = {}
    for browser in ("chrome", "firefox"):
        folder = Path(dist) / browser
        out[browser] = {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}
    chrome = Path(dist) / "chrome"
    return {"files": out, "wasm_raw": (chrome / budgets.WASM).stat().st_size,
            "wasm_gzip": budgets.gzip_size(chrome / budgets.WASM),
            "glue_js": (chrome / "core/notrain.js").stat().st_size,
            "content_scripts": budgets.content_scripts_size(chrome),
            "content_script_files": {p.name: p.stat().st_size for p in budgets.content_scripts(chrome)}}
