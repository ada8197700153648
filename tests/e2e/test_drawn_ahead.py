"""What ordinary pages draw before NoTrain's core answers (`ahead`, stored by the background with the record): on
the feed, the banner the core then draws, drawn first (the page's own instrument, `?bench`, records each state of
the banner host with whether it was drawn ahead and its text); never on the setting page; nothing drawn ahead once
the setting reads OFF; with the background stopped (Chromium's service worker, Firefox's event page), still
drawn at once; and on an optional service's ordinary page (x.com/home: its content scripts are registered at run
time, not by the manifest), drawn ahead too.
"""
import json
import secrets
import time

import browsers
from fake_x import HOME
from guided_support import FEED  # noqa: F401
from notrain import AI_KEY, AI_PATH, grant_service, popup_tab, storage_items, wait_banner, wait_until, watched
from service_support import PAGE

_STATES_JS = "return window.__bench ? JSON.parse(JSON.stringify(window.__bench.states)) : null;"


def states_until_answered(driver):
    """The banner host's states on this page until the core's answer is drawn (the first state not drawn ahead)."""
    return wait_until(lambda: (lambda s: s if s and any(not e["ahead"] for e in s) else None)(
        driver.execute_script(_STATES_JS)), message="the core's answer on the page")


def read_on_setting_page(driver, site, base_url, on):
    site.settings[AI_KEY] = on
    driver.get(base_url + AI_PATH + "?bench")
    wait_banner(driver, "exposed" if on else "protected")
    return driver.execute_script(_STATES_JS)


def wait_ahead_made(browser):
    """What ordinary pages draw ahead, written once the page had its answer: made for the record as it now is."""
    with popup_tab(browser):
        wait_until(lambda: (lambda items: (items.get("ahead") or {}).get("made", {}).get("revision")
                            == items["record"]["revision"])(storage_items(browser)),
                   message="what ordinary pages draw ahead, made for the stored record")


def test_the_feed_draws_the_remembered_banner_first_and_the_core_agrees(browser, site, base_url):
    on_setting_page = read_on_setting_page(browser, site, base_url, True)
    assert on_setting_page and not any(e["ahead"] for e in on_setting_page), \
        f"the setting page drew something ahead: {on_setting_page}"
    wait_ahead_made(browser)
    browser.get(base_url + FEED + "?bench")
    states = states_until_answered(browser)
    first, answered = states[0], next(e for e in states if not e["ahead"])
    assert first["ahead"] and first["state"] == "exposed", f"not drawn ahead: {states}"
    assert (answered["state"], answered["text"]) == (first["state"], first["text"]), \
        f"the core drew another banner than the one drawn ahead: {states}"


def test_nothing_is_drawn_ahead_once_the_setting_reads_off(browser, site, base_url):
    read_on_setting_page(browser, site, base_url, False)
    browser.get(base_url + FEED + "?bench")
    wait_until(lambda: browser.execute_script("return document.readyState === 'complete'"))
    wait_banner(browser, "protected")  # the core's answer: hidden, nothing to show
    states = browser.execute_script(_STATES_JS)
    assert not any(e["ahead"] for e in states), f"drawn ahead while protected: {states}"


IDLE_MS = 1000  # Firefox's `extensions.background.idle.timeout` for the test's own profile (milliseconds)
_TIMINGS_JS = """const done = arguments[0];
chrome.runtime.sendMessage({ type: "timings" }).then(done, (error) => done({ error: String(error) }));"""


def test_a_stopped_background_does_not_delay_the_feed(request, browser_name, paths, site, base_url, dist, tmp_path):
    """Chromium: the service worker stopped over CDP; Firefox: a profile whose event page idles out after 1 s, waited
    out. The feed's banner is drawn ahead, and the background that answered started after the page did."""
    if browser_name == "chromium":
        driver = browsers.start_chromium(paths, site, dist / "chrome", tmp_path)
    else:
        driver = browsers.start_firefox(paths, site, dist / "firefox", tmp_path,
                                        extra_prefs={"extensions.background.idle.timeout": IDLE_MS})
    request.addfinalizer(lambda: browsers.stop(driver))
    read_on_setting_page(driver, site, base_url, True)
    driver.get("about:blank")
    if browser_name == "chromium":
        driver.execute_cdp_cmd("ServiceWorker.enable", {})
        driver.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
        driver.execute_cdp_cmd("ServiceWorker.disable", {})
    else:
        time.sleep(IDLE_MS / 1000 + 1.5)
    driver.get(base_url + FEED + "?bench")
    states = states_until_answered(driver)
    loaded = driver.execute_script("return performance.timeOrigin;")
    assert states[0]["ahead"] and states[0]["state"] == "exposed", f"not drawn ahead: {states}"
    driver.get(driver.notrain_base + "options.html")
    started = driver.execute_async_script(_TIMINGS_JS)["origin"]
    assert started > loaded, f"the background was not stopped: it started at {started}, the feed at {loaded}"


def test_an_optional_services_ordinary_page_draws_it_ahead_too(browser, browser_name, service_urls):
    """X turned on, its Grok setting read ON: x.com/home shows the exposed banner drawn ahead first (the page's own
    watcher, static/watcher.js, records each state and which were drawn ahead), then the core's, the same."""
    grant_service(browser, browser_name, "x")
    browser.get(service_urls["x"] + PAGE["x"])
    wait_banner(browser, "exposed")
    wait_ahead_made(browser)
    browser.get(service_urls["x"] + HOME + "?watch=" + secrets.token_hex(4))
    wait_banner(browser, "exposed")
    states, ahead = watched(browser, "states"), watched(browser, "ahead")
    assert ahead == ["exposed"] and states == ["exposed"], \
        f"x.com/home: drawn ahead {json.dumps(ahead)}, shown {json.dumps(states)}"
