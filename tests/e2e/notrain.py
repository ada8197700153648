"""What a test may touch of the extension, per the contract: the banner host and its open shadow root while it is
shown, the popup page opened in a tab, and the badge text. Plus readers for the fixture page's own toggle.

While its banner is hidden NoTrain leaves nothing in a page (no element, attribute or style), so there is no hook to
wait for: a hidden banner is a page with no banner host, held for `HIDDEN_SETTLE_S` after the page loaded, and its
state is what the popup says (`wait_banner`, and `guided_support.wait_banner_shows`).

The other services' site access is granted the way a user turns a service on: a real click on its checkbox on the
options page, whose handler asks with `permissions.request` (`grant_service`); `revoke_service` takes it away as
the browser's own extension settings do. Recipes per browser in tests/e2e/README.md.
"""

import contextlib
import time

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from server import HOSTS

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


def watched(driver, record="states"):
    """What the page's own watcher (the fixtures' static/watcher.js, asked by `?watch=<name>` in the current URL)
    recorded in this tab, across reloads: "states", every banner state shown; "ahead", those drawn ahead of the
    core's answer."""
    return driver.execute_script("""const name = new URLSearchParams(location.search).get('watch');
return JSON.parse(sessionStorage.getItem(`notrain-${arguments[0]}:${name}`) || '[]');""", record)


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


_HAS_ACCESS_JS = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser || globalThis.chrome;
Promise.resolve(api.permissions.contains({origins: [arguments[0]]})).then((r) => done(r), (e) => done(String(e)));
"""

_DEVELOPER_PRIVATE_JS = """
const done = arguments[arguments.length - 1];
chrome.developerPrivate[arguments[0]](arguments[1], arguments[2]).then(() => done('ok'), (e) => done(String(e)));
"""

_REMOVE_JS = """
const done = arguments[arguments.length - 1];
browser.permissions.remove({origins: [arguments[0]]}).then((r) => done(String(r)), (e) => done(String(e)));
"""


def service_origin(service_id):
    """The match pattern of a service's site access, e.g. "https://chatgpt.com/*"."""
    return f"https://{HOSTS[service_id]}/*"


def has_access(driver, service_id):
    """On an extension page: whether the extension holds the service's site access now."""
    return driver.execute_async_script(_HAS_ACCESS_JS, service_origin(service_id)) is True


def _extensions_page_call(driver, method, service_id):
    """Chromium: call `chrome.developerPrivate.<method>(extensionId, origin)` on chrome://extensions, as its
    "Site access" controls do."""
    extension_id = driver.notrain_base.split("/")[2]
    driver.get(f"chrome://extensions/?id={extension_id}")
    result = driver.execute_async_script(_DEVELOPER_PRIVATE_JS, method, extension_id, service_origin(service_id))
    assert result == "ok", f"developerPrivate.{method}({service_origin(service_id)}): {result}"


@contextlib.contextmanager
def _own_tab(driver):
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        yield
    finally:
        driver.close()
        driver.switch_to.window(page)


def grant_service(driver, browser_name, service_id, timeout=TIMEOUT):
    """Turn `service_id` on as a user does (in a tab of its own): a real click on its options checkbox, whose handler
    asks for the site's access with `permissions.request`, answered yes. Waits until the extension holds it.

    Firefox: the test profile turns the permission doorhanger off, so the click's request is granted at once.
    Chromium: its prompt cannot be answered headless; the extensions page's `developerPrivate.addHostPermission`
    first records the user's grant (it does not activate an optional host never held), after which the click's
    request is granted without a prompt, as for a site the user allowed before. For a host the extension held
    before in this profile (granted, then taken away with `removeHostPermission`), `addHostPermission` gives the
    access back by itself, as the extensions page's "Site access" does for a user: the options page then shows the
    service on, and there is nothing left to click.
    """
    box_css = f'input[type="checkbox"][data-notrain-service="{service_id}"]'
    with _own_tab(driver):
        if browser_name == "chromium":
            _extensions_page_call(driver, "addHostPermission", service_id)
        driver.get(driver.notrain_base + "options.html")
        box = WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, box_css))[0]
        driver.notrain_granted = {*getattr(driver, "notrain_granted", ()), service_id}
        if browser_name == "chromium" and has_access(driver, service_id):
            driver.refresh()  # the list drawn before the access came back may be stale
            shown = WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(lambda d: d.find_elements(
                By.CSS_SELECTOR, box_css))[0]
            assert shown.is_selected(), f"{service_id} has access, yet the options page shows it off"
            return
        assert not box.is_selected(), f"{service_id} is already on"
        box.click()  # a real, trusted click: permissions.request needs the user's gesture
        wait_until(lambda: has_access(driver, service_id), timeout, f"site access to {HOSTS[service_id]}")


def revoke_service(driver, browser_name, service_id, timeout=TIMEOUT):
    """Take the service's site access away as the browser's own extension settings do (in a tab of its own), and
    wait until the extension no longer holds it.

    Chromium: `developerPrivate.removeHostPermission` on chrome://extensions (the user's grant is forgotten too: a
    later request prompts again). Firefox: `permissions.remove` from the extension's page, as about:addons'
    permission switch does.
    """
    with _own_tab(driver):
        if browser_name == "chromium":
            _extensions_page_call(driver, "removeHostPermission", service_id)
        driver.get(driver.notrain_base + "options.html")
        if browser_name != "chromium":
            result = driver.execute_async_script(_REMOVE_JS, service_origin(service_id))
            assert result in ("true", "false"), f"permissions.remove({service_origin(service_id)}): {result}"
        wait_until(lambda: not has_access(driver, service_id), timeout, f"no site access to {HOSTS[service_id]}")
    driver.notrain_granted = set(getattr(driver, "notrain_granted", ())) - {service_id}


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
