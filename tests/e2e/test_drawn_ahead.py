"""What ordinary pages draw before NoTrain's core answers (`ahead`, stored by the background with the record): on
the feed, the banner the core then draws, drawn first (the page's own instrument, `?bench`, records each state of
the banner host with whether it was drawn ahead and its text); never on the setting page; nothing drawn ahead once
the setting reads OFF; and in Chromium, with the background's service worker stopped, still drawn at once.
"""
import pytest

from guided_support import FEED  # noqa: F401
from notrain import AI_KEY, AI_PATH, popup_tab, storage_items, wait_banner, wait_until

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


def test_the_feed_draws_the_remembered_banner_first_and_the_core_agrees(browser, site, base_url):
    on_setting_page = read_on_setting_page(browser, site, base_url, True)
    assert on_setting_page and not any(e["ahead"] for e in on_setting_page), \
        f"the setting page drew something ahead: {on_setting_page}"
    with popup_tab(browser):
        stored = storage_items(browser)
    assert stored["ahead"]["made"]["revision"] == stored["record"]["revision"], stored["ahead"]["made"]
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


def test_a_stopped_service_worker_does_not_delay_the_feed(browser, browser_name, site, base_url):
    if browser_name != "chromium":
        pytest.skip("only Chromium's service worker can be stopped from a test (CDP); Firefox's event page cannot")
    read_on_setting_page(browser, site, base_url, True)
    browser.execute_cdp_cmd("ServiceWorker.enable", {})
    browser.execute_cdp_cmd("ServiceWorker.stopAllWorkers", {})
    browser.execute_cdp_cmd("ServiceWorker.disable", {})
    browser.get(base_url + FEED + "?bench")
    states = states_until_answered(browser)
    assert states[0]["ahead"] and states[0]["state"] == "exposed", f"not drawn ahead with the worker stopped: {states}"
