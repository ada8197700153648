"""What a test may touch of the extension, per the contract: the banner host and its open shadow root while it is
shown, the popup page opened in a tab, and the badge text. Plus readers for the fixture page's own toggle.

While its banner is hidden NoTrain leaves nothing in a page (no element, attribute or style), so there is no hook to
wait for: a hidden banner is a page with no banner host, held for `HIDDEN_SETTLE_S` after the page loaded, and its
state is what the popup says (`wait_banner`, and `guided_support.wait_banner_shows`).
"""

import contextlib
import time

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

AI_KEY = "allowDataForGenerativeAI"
AI_PATH = "/mypreferences/d/settings/data-for-ai-improvement"
STATES = ("exposed", "protected", "unknown", "working", "failed", "unavailable", "signed-out")
BANNER = "[data-notrain-banner]"
POPUP = "[data-notrain-popup]"

# Generous: Firefox needs a few seconds to start a temporary add-on's background and content scripts.
TIMEOUT = 30
# NoTrain answers a page's report within a fraction of a second: a page loaded this long ago without a banner host
# shows none.
HIDDEN_SETTLE_S = 1.0
# How often the waits look again (one WebDriver round trip each): short, so a test goes on soon after its condition.
POLL = 0.1

_BANNER_STATES_JS = (
    "return Array.from(document.querySelectorAll('[data-notrain-banner]'),"
    " e => [e.getAttribute('data-state'), e.getAttribute('data-region')]);")

_BADGE_JS = """
const done = arguments[arguments.length - 1];
try {
  const api = (globalThis.browser && globalThis.browser.action) ? globalThis.browser : globalThis.chrome;
  Promise.resolve(api.action.getBadgeText({})).then(
    (text) => done({ text }), (err) => done({ error: String(err) }));
} catch (err) { done({ error: String(err) }); }
"""


_STORAGE_GET_JS = """
const done = arguments[arguments.length - 1];
chrome.storage.local.get(null).then((items) => done({ items }), (err) => done({ error: String(err) }));
"""


def wait_until(condition, timeout=TIMEOUT, message="condition", poll=POLL, error=AssertionError):
    """Poll a plain Python callable (e.g. on the fixture server's state) until it returns something truthy; raise
    `error` if it does not within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise error(f"timed out after {timeout}s waiting for {message}")
        time.sleep(poll)


def banner_states(driver):
    """[(data-state, data-region)] of every banner host on the current page."""
    # None while the page is being replaced (NoTrain loads the setting page again to confirm an opt-out).
    return [tuple(x) for x in driver.execute_script(_BANNER_STATES_JS) or []]


def page_settled_without_banner(driver, since):
    """Whether the page (loaded, no banner host) has shown none since `since[0]` for HIDDEN_SETTLE_S; `since` is a
    one-item list the caller keeps between polls."""
    try:
        empty = driver.execute_script(
            "return document.readyState === 'complete' && !document.querySelector('[data-notrain-banner]');")
    except WebDriverException:  # the page is navigating
        empty = False
    if not empty:
        since[0] = None
        return False
    since[0] = since[0] or time.monotonic()
    return time.monotonic() - since[0] >= HIDDEN_SETTLE_S


def popup_state(driver):
    """The state the popup shows (opened in a tab for the purpose)."""
    with popup_tab(driver):
        return WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(lambda d: d.execute_script(
            "const e = document.querySelector('[data-notrain-popup]'); return e && e.getAttribute('data-state');"))


def wait_banner(driver, state, timeout=TIMEOUT):
    """Wait until NoTrain shows `state`: the page's one banner host says so, or, while the banner is hidden (no host),
    the popup does. Returns the host, or None when hidden."""
    assert state in STATES, state
    last, since, popup = [], [None], None
    deadline = time.monotonic() + timeout
    while True:
        try:
            last[:] = banner_states(driver)
        except WebDriverException:
            last[:] = []
        if len(last) == 1 and last[0][0] == state:
            return driver.find_element(By.CSS_SELECTOR, BANNER)
        if not last and page_settled_without_banner(driver, since):
            popup = popup_state(driver)
            if popup == state:
                return None
        if time.monotonic() > deadline:
            raise AssertionError(f"banner never showed data-state={state!r} within {timeout}s; "
                                 f"banners seen (state, region): {last}; popup while hidden: {popup}; url {driver.current_url}")
        time.sleep(POLL)


def banner_button(host, action):
    """The button `[data-action=<action>]` inside the banner's open shadow root."""
    return host.shadow_root.find_element(By.CSS_SELECTOR, f'[data-action="{action}"]')


def click_banner_button(driver, action, timeout=10):
    """Click a banner button the way a person would (it must be displayed and enabled)."""
    def ready(d):
        try:
            button = banner_button(d.find_element(By.CSS_SELECTOR, BANNER), action)
            return button if button.is_displayed() and button.is_enabled() else False
        except (StaleElementReferenceException, WebDriverException):
            return False

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(ready).click()
    except TimeoutException:
        raise AssertionError(f"banner button {action!r} never became visible and enabled; "
                             f"banners: {banner_states(driver)}") from None


@contextlib.contextmanager
def popup_tab(driver):
    """Open the extension's popup.html in a new tab for the duration of the block, then go back."""
    assert driver.notrain_base, "no extension loaded in this browser"
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(driver.notrain_base + "popup.html")
        yield
    finally:
        driver.close()
        driver.switch_to.window(page)


def wait_popup(driver, state, timeout=TIMEOUT):
    """In the popup tab: wait for `[data-notrain-popup]` to show `state` with a human sentence in it."""
    last = {}

    def check(d):
        found = d.execute_script(
            "const e = document.querySelector('[data-notrain-popup]');"
            "return e && {state: e.getAttribute('data-state'), text: e.innerText};")
        last.update(found or {})
        return bool(found) and found["state"] == state and len(found["text"].split()) >= 2

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"popup never showed data-state={state!r} with a sentence; last seen {last}") from None
    return last["text"]


def storage_items(driver):
    """Everything in the extension's storage, read from the extension page this tab shows (popup or options)."""
    result = driver.execute_async_script(_STORAGE_GET_JS)
    assert "error" not in result, result
    return result["items"]


def ai_reading(record):
    """The stored record's reading of LinkedIn's AI setting (`readings` keyed by service and setting), or None."""
    readings = (record or {}).get("readings") or []
    return next((r["seen"] for r in readings if (r.get("service"), r.get("setting")) == ("linkedin", "ai-training")),
                None)


def ticked(record):
    """The ids of LinkedIn's settings ticked for the review in the stored record."""
    return [key["setting"] for key in (record or {}).get("included") or [] if key.get("service") == "linkedin"]


def badge_text(driver):
    """In the popup tab: the global badge text, via action.getBadgeText({})."""
    result = driver.execute_async_script(_BADGE_JS)
    if "error" in result:
        raise AssertionError(f"getBadgeText failed: {result['error']}")
    return result["text"]


def wait_badge(driver, text, timeout=TIMEOUT):
    last = []

    def check(d):
        last[:] = [badge_text(d)]
        return last[0] == text

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"badge never showed {text!r}; last {last}") from None


def ai_toggles(driver):
    """What the fixture page's AI switches show: [{checked, aria, word}] for every hooked switch."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll(
            'input[role="switch"][aria-labelledby="allowDataForGenerativeAI"]'), (i) => ({
            checked: i.checked, aria: i.getAttribute('aria-checked'),
            word: i.closest('.artdeco-toggle').querySelector('.artdeco-toggle__text').textContent}));""")


def choose_region(driver, value):
    """On the options page (in a tab of its own): choose `value` ("" = automatic) and wait for the confirmation.

    Returns what the extension's storage holds afterwards (read on that page, to spare a popup tab)."""
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(driver.notrain_base + "options.html")
        select = WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(
            lambda d: (lambda s: s if len(Select(s[0]).options) > 1 else False)(
                d.find_elements(By.CSS_SELECTOR, "select[data-notrain-region]")))[0]
        options = set(driver.execute_script("return Array.from(arguments[0].options, (o) => o.value);", select))
        assert "" in options and value in options, f"no option {value!r} among {len(options)} options"
        saved = driver.find_element(By.CSS_SELECTOR, "[data-notrain-region-saved]")
        assert not saved.text.strip(), f"confirmation shown before choosing: {saved.text!r}"
        Select(select).select_by_value(value)
        WebDriverWait(driver, 10, poll_frequency=POLL).until(lambda d: saved.text.strip())
        # The choice is kept: a fresh options page shows it (it fills the list first, then reads storage).
        driver.refresh()
        kept = []

        def shows_choice(d):
            kept[:] = d.execute_script(
                "const s = document.querySelector('select[data-notrain-region]');"
                "return s ? [s.options.length, s.value] : [0, null];")
            return kept[0] > 1 and kept[1] == value

        try:
            WebDriverWait(driver, 10, poll_frequency=POLL).until(shows_choice)
        except TimeoutException:
            raise AssertionError(f"the options page forgot the choice: (options, value) {kept}, "
                                 f"chosen {value!r}") from None
        return storage_items(driver)
    finally:
        driver.close()
        driver.switch_to.window(page)
