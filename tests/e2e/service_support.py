"""Helpers the per-service end-to-end tests share (test_service_chatgpt.py, test_service_x.py,
test_service_claude.py): each service's setting page and sign-in page on its fake, the popup's row of a service
(`[data-notrain-service-state=<id>]`, its action button, which opens the page in a new tab), the stored reading of
a service's setting, the fake's saves, and "nothing of NoTrain's in this page".

The popup's action opens the service's own URL, with no port: Firefox resolves every host to the site's address, so
there the fixture is also served on :443 for the test (`guided_support.serve_443`); Chromium maps each host's :443.
"""

import time

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from guided_support import serve_443
from notrain import (BANNER, POLL, TIMEOUT, banner_button, banner_states, page_settled_without_banner, popup_tab,
                     storage_items, wait_badge, wait_banner, wait_until)

SETTING = {"chatgpt": "improve-model", "x": "grok-training", "claude": "help-improve"}
PAGE = {"chatgpt": "/#settings/DataControls", "x": "/settings/grok_settings",
        "claude": "/settings/data-privacy-controls"}
SIGN_IN = {"chatgpt": "/auth/login", "x": "/i/flow/login", "claude": "/login"}
# Proves that nothing happens (no click, no save, no banner): NoTrain answers a page's report, a press or a click
# included, within a fraction of a second, and a click's save reaches the fake at once (as test_detection.py).
QUIET_S = 1.5

_ROWS_JS = """
const rows = document.querySelectorAll('[data-notrain-service-state]');
if (!document.querySelector('[data-notrain-service-state="linkedin"]')) return null;  // not rendered yet
return Object.fromEntries(Array.from(rows, (row) => {
  const button = row.querySelector('[data-notrain-service-action]');
  return [row.dataset.notrainServiceState, {state: row.dataset.state, text: row.innerText,
          action: button && button.textContent, actionFor: button && button.dataset.notrainServiceAction}];
}));
"""


def saves(fake):
    """The fake's saves as (key, value, status); key is None but for X, whose page saves several settings."""
    return [(s.get("key"), s["value"], s["status"]) for s in fake.saves]


def reading_of(record, service):
    """The stored record's reading of the service's primary setting (`seen`: verdict, reason, atMs, url), or None."""
    readings = (record or {}).get("readings") or []
    key = (service, SETTING[service])
    return next((r.get("seen") for r in readings if (r.get("service"), r.get("setting")) == key), None)


def stored_reading(browser, service):
    """The reading as stored now (read from a popup tab)."""
    with popup_tab(browser):
        return reading_of(storage_items(browser).get("record"), service)


def wait_reading(browser, service, verdict, reason=None):
    """Wait until the stored reading of the service says `verdict` (and `reason`, if given); return it."""
    last = []

    def check():
        with popup_tab(browser):
            last[:] = [reading_of(storage_items(browser).get("record"), service)]
        seen = last[0] or {}
        return seen.get("verdict") == verdict and reason in (None, seen.get("reason"))

    try:
        wait_until(check, message=f"{service}'s reading {verdict}/{reason}")
    except AssertionError:
        raise AssertionError(f"{service}'s stored reading never became {verdict}/{reason}; last {last}") from None
    return last[0]


def popup_rows(browser):
    """In a popup tab: the service rows, {id: {state, text, action, actionFor}}, once rendered."""
    return WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(lambda d: d.execute_script(_ROWS_JS))


def wait_row(browser, service, state, action=None):
    """In a popup tab: wait until the service's row shows `state` (and the action button `action`); return it."""
    last = {}

    def check(d):
        last.clear()
        last.update(d.execute_script(_ROWS_JS) or {})
        row = last.get(service) or {}
        return row.get("state") == state and action in (None, row.get("action")) and row

    try:
        return WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"popup row {service!r} never showed {state!r} / {action!r}; rows {last}") from None


def press_row_action(browser, browser_name, site, request, service, state, action):
    """In the popup, press the service row's action button (`action` its label) as a user does; switch to the tab
    it opens (the popup tab is closed). Firefox: serves the fixture on :443, which that URL needs."""
    if browser_name == "firefox" and not getattr(request.node, "notrain_443", False):
        serve_443(site, request, "the popup's row action")
        request.node.notrain_443 = True
    before = set(browser.window_handles)
    browser.switch_to.new_window("tab")
    popup = browser.current_window_handle
    browser.get(browser.notrain_base + "popup.html")
    wait_row(browser, service, state, action)
    browser.find_element(By.CSS_SELECTOR, f'[data-notrain-service-action="{service}"]').click()
    opened = wait_until(lambda: set(browser.window_handles) - before - {popup}, message="the tab the popup opens")
    browser.close()
    browser.switch_to.window(opened.pop())


def assert_exposed(browser, service, fake):
    """What a user sees of an ON reading: the banner exposed with its opt-out, the popup row exposed offering
    "Opt out now", the badge ON; the stored reading exposed; nothing saved."""
    host = wait_banner(browser, "exposed")
    assert host is not None, "no banner on the setting page read ON"
    assert banner_button(host, "opt-out").is_displayed(), "exposed, yet no opt-out button"
    with popup_tab(browser):
        wait_row(browser, service, "exposed", "Opt out now")
        wait_badge(browser, "ON")
        seen = reading_of(storage_items(browser).get("record"), service)
    assert (seen or {}).get("verdict") == "exposed", seen
    assert saves(fake) == [], "reading the page saved something"


def states_until(browser, final, timeout=TIMEOUT):
    """Every banner state the page shows (polled), until it shows `final`; the list in order without repeats."""
    seen = []
    deadline = time.monotonic() + timeout
    while not seen or seen[-1] != final:
        try:
            states = browser.execute_script(
                "return Array.from(document.querySelectorAll(arguments[0]), (e) => e.getAttribute('data-state'));",
                BANNER) or []
        except Exception:  # the page is being replaced
            states = []
        if len(states) == 1 and (not seen or seen[-1] != states[0]):
            seen.append(states[0])
        if time.monotonic() > deadline:
            raise AssertionError(f"banner never showed {final!r} within {timeout}s; states seen {seen}")
        time.sleep(POLL)
    return seen


def assert_protected_after_one_save(browser, service, fake, expected_saves):
    """After NoTrain's click: the banner verified protected, the stored reading protected/verified, the popup row
    protected, the fake OFF, and exactly `expected_saves` (checked last, so a late second save shows)."""
    wait_banner(browser, "protected")
    seen = wait_reading(browser, service, "protected", "verified")
    assert fake.on is False, "the fake still has the setting ON"
    with popup_tab(browser):
        wait_row(browser, service, "protected")
    assert saves(fake) == expected_saves, f"expected {expected_saves}, got {saves(fake)}"
    return seen


def wait_shown(browser, service, state, timeout=TIMEOUT):
    """Wait until NoTrain shows `state` for the service: the page's one banner host says so, or, while the banner
    is hidden (a plain OFF reading: no host), the service's popup row does. Returns the host, or None if hidden."""
    last, since, row = [], [None], None
    deadline = time.monotonic() + timeout
    while True:
        try:
            last[:] = banner_states(browser)
        except WebDriverException:
            last[:] = []
        if len(last) == 1 and last[0][0] == state:
            return browser.find_element(By.CSS_SELECTOR, BANNER)
        if not last and page_settled_without_banner(browser, since):
            with popup_tab(browser):
                row = (popup_rows(browser).get(service) or {}).get("state")
            if row == state:
                return None
        if time.monotonic() > deadline:
            raise AssertionError(f"{service}: neither banner nor popup row showed {state!r} within {timeout}s; "
                                 f"banners {last}; row while hidden {row}; url {browser.current_url}")
        time.sleep(POLL)


def assert_nothing_of_notrain(browser):
    """The page holds no banner host, held for QUIET_S after it loaded."""
    since = [None]
    wait_until(lambda: page_settled_without_banner(browser, since), message="a loaded page without a banner host")
    time.sleep(QUIET_S)
    assert not browser.find_elements(By.CSS_SELECTOR, BANNER), "NoTrain left a banner host in the page"
