"""Shared helpers of the end-to-end tests (first those of the banner and the guided opt-out, `test_guided.py` and
`test_banner_elsewhere.py`; most others import them too): the banner as the content script renders it, extension
storage read and written from an extension page (to inject time through the core's input), the options page's
region choice, and the fixture server's log.
"""
import json
import time
from urllib.parse import urlsplit

import pytest

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from content import DEFAULT_SETTINGS
from notrain import (AI_KEY, AI_PATH, POLL, TIMEOUT, ai_toggles, badge_text, choose_region, click_banner_button,
                     page_settled_without_banner, popup_state, popup_tab, storage_items, wait_badge, wait_popup,
                     wait_until)

FEED = "/feed/"
PRIVACY_HUB = "/mypreferences/d/categories/privacy"
SETTING_URL = "https://www.linkedin.com" + AI_PATH  # what the core names; the popup opens it as is
DAY_MS = 24 * 60 * 60 * 1000
SNOOZE_MS = 7 * DAY_MS
REQUEST_TTL_MS = 120_000
# Proves that something does NOT happen (no click, no save, no navigation). Each sleep starts once its trigger has
# happened (the reloaded page read, the synthetic clicks sent); NoTrain answers a report, click or navigation
# included, within a fraction of a second, and a click's save reaches the server at once. No sleep follows a click of
# NoTrain's own, so the 3 s of a verification need not fit in. 2 s is a wide margin (the detection tests use 1.5 s).
QUIET_S = 2

def serve_443(site, request, what, patience_s=240):
    """Also serve the fixture on its address's :443 for the test's duration: `what` (the popup, the review) opens
    https://www.linkedin.com/... without a port, and Firefox resolves every host to the site's address
    (forceResolve). Each xdist worker's site has an address of its own (conftest.worker_address); another run of
    the suite on this machine may hold it (its longest, a whole review in Firefox, about 100 s on a loaded
    machine): retry for `patience_s`, then FAIL (a test that cannot run is not a pass, nor a skip that a green run
    hides), saying what to free."""
    deadline = time.monotonic() + patience_s
    while True:
        try:
            request.addfinalizer(site.listen_also(443))
            return
        except OSError as err:
            if time.monotonic() > deadline:
                pytest.fail(f"cannot serve the fixture on {site.address}:443, which the URL {what} opens needs in Firefox: "
                            f"{err}. Free port 443 (another process holds it) or let this user bind it "
                            f"(root, or sysctl net.ipv4.ip_unprivileged_port_start=443).", pytrace=False)
            time.sleep(1)


# Everything a person could see of the banner, read from the page (the shadow root is open).
_BANNER_JS = """
const hosts = document.querySelectorAll('[data-notrain-banner]');
if (!hosts.length) return {count: 0, hidden: true, shown: false, state: null, offered: [], text: '', why: [],
                           whyShown: false};
if (hosts.length !== 1 || !hosts[0].hasAttribute('data-state')) return {count: hosts.length};
const host = hosts[0];
const root = host.shadowRoot;
const why = root.querySelector('#why');
return {
  count: 1,
  state: host.getAttribute('data-state'),
  region: host.getAttribute('data-region'),
  hidden: false,
  shown: host.getClientRects().length > 0,
  text: (root.querySelector('p') || {}).textContent || '',
  offered: Array.from(root.querySelectorAll('button[data-action]'), (b) => b.hidden ? null : b.dataset.action)
    .filter(Boolean).sort(),
  whyShown: !!why && !why.hidden,
  why: why ? Array.from(why.querySelectorAll('p'), (p) => p.textContent) : [],
};
"""

_STORAGE_SET_JS = """
const items = arguments[0];
const done = arguments[arguments.length - 1];
chrome.storage.local.set(items).then(() => done({}), (err) => done({ error: String(err) }));
"""

# Runs in the page's own world (as LinkedIn's scripts or an injected ad would): press NoTrain's buttons with
# synthetic events and post the messages NoTrain's own scripts exchange.
_PAGE_ATTACK_JS = """
const host = document.querySelector('[data-notrain-banner]');
const root = host.shadowRoot;
const tried = [];
for (const action of ['opt-out', 'dismiss', 'check', 'back']) {
  const button = root.querySelector(`[data-action="${action}"]`);
  if (!button) continue;
  button.click();
  button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
  button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
  button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  tried.push(action);
}
const report = { snapshot: { url: location.href, heading: '', controls: [] }, elapsedMs: 0, intent: 'opt-out',
                 flow: null };
window.postMessage({ type: 'report', report }, '*');
window.postMessage({ type: 'report', report: { intent: 'opt-out' } }, '*');
window.postMessage({ type: 'navigated' }, '*');
window.postMessage({ intent: 'opt-out' }, '*');
document.dispatchEvent(new CustomEvent('notrain', { detail: { intent: 'opt-out' } }));
let runtime = 'absent';
try {
  if (globalThis.chrome && chrome.runtime && chrome.runtime.sendMessage) {
    runtime = 'present';
    chrome.runtime.sendMessage({ type: 'report', report }).catch(() => {});
  }
} catch (err) { runtime = 'threw: ' + err; }
return { tried, runtime };
"""


# Runs in the page's own world: relays a person's real (trusted) clicks and keys on the page's own element to
# NoTrain's buttons (click(), a dispatched click, and the focus moved onto Dismiss). Returns the page's element.
_PAGE_RELAY_JS = """
const root = document.querySelector('[data-notrain-banner]').shadowRoot;
const mine = document.createElement('div');
mine.id = 'page-own-button';
mine.tabIndex = 0;
mine.textContent = 'Page button';
mine.style.cssText = 'position: fixed; top: 100px; left: 10px; width: 120px; height: 40px; z-index: 9; background: #eee';
document.body.append(mine);
window.__relayed = 0;
for (const type of ['pointerdown', 'click', 'keydown']) {
  mine.addEventListener(type, (event) => {
    if (!event.isTrusted) return;
    for (const action of ['opt-out', 'dismiss']) {
      const button = root.querySelector(`[data-action="${action}"]`);
      if (!button) continue;
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
    }
    window.__relayed++;
  });
}
return mine;
"""


# -- helpers ---------------------------------------------------------------------------------------------------

def now_ms():
    """The browser's clock is this machine's clock."""
    return int(time.time() * 1000)


def banner(driver):
    return driver.execute_script(_BANNER_JS) or {}


def wait_banner_shows(driver, message, timeout=TIMEOUT, **expect):
    """Wait until the page has one rendered banner whose fields (see _BANNER_JS) equal `expect`; return it. A hidden
    banner leaves nothing in the page: it is a page with no banner host for HIDDEN_SETTLE_S, whose `state` (if
    expected) is the popup's."""
    last, since = {}, [None]

    def check(d):
        try:
            last.clear()
            last.update(banner(d))
        except WebDriverException:  # the page is navigating
            return False
        if last.get("count") == 0:
            if not page_settled_without_banner(d, since):
                return False
            if "state" in expect:
                last["state"] = popup_state(d)
            return all(last.get(k) == v for k, v in expect.items())
        return last.get("count") == 1 and all(last.get(k) == v for k, v in expect.items())

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"{message}: banner never showed {expect} within {timeout}s; last seen {last}; "
                             f"url {driver.current_url}") from None
    return dict(last)


def wait_path(driver, path, timeout=TIMEOUT):
    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(lambda d: urlsplit(d.current_url).path == path)
    except TimeoutException:
        raise AssertionError(f"never reached {path}; at {driver.current_url}") from None


def read_storage(driver):
    """Everything in the extension's storage (from the popup page opened in a tab)."""
    with popup_tab(driver):
        return storage_items(driver)


def set_storage_items(driver, items):
    """Store `items` from the extension page this tab shows (inside `popup_tab`)."""
    result = driver.execute_async_script(_STORAGE_SET_JS, items)
    assert "error" not in result, result


def write_storage(driver, items):
    with popup_tab(driver):
        set_storage_items(driver, items)


def record(ai_training=None, pending=None, return_to=None, snoozed_until_ms=None):
    return {"version": 1, "aiTraining": ai_training, "pendingOptOut": pending, "returnTo": return_to,
            "snoozedUntilMs": snoozed_until_ms}


def reading(verdict, age_ms, reason="read"):
    return {"verdict": verdict, "reason": reason, "atMs": now_ms() - age_ms, "url": SETTING_URL}


def choose_region_saved(driver, code):
    """Choose the region on the options page, as a person would, and check that it is stored."""
    assert choose_region(driver, code).get("regionChoice") == code


def message(dist, key):
    """The English sentence the banner shows for a message key (the browsers run in English), on LinkedIn's pages:
    a sentence that names its service names LinkedIn."""
    messages = json.loads((dist / "chrome" / "_locales" / "en" / "messages.json").read_text(encoding="utf-8"))
    return messages[key]["message"].replace("$SERVICE$", "LinkedIn")


def saves(site):
    return [(p["key"], p["value"], p["status"]) for p in site.puts]


def setting_page_requests(site):
    return [r for r in site.requests if urlsplit(r[1]).path == AI_PATH]


def sign_in(driver):
    driver.find_element(By.ID, "username").send_keys("alex@example.com")
    driver.find_element(By.ID, "password").send_keys("correct horse")
    driver.find_element(By.CSS_SELECTOR, "form.login__form button[type=submit]").click()


def feed_banner_probably_exposed(driver, base_url):
    """The feed, never read, region Germany (default ON): the visible banner with the one-click button."""
    driver.get(base_url + FEED)
    seen = wait_banner_shows(driver, "feed, never read, Germany", state="unknown", region="DE", hidden=False)
    assert seen["shown"], f"banner host not hidden, yet not rendered: {seen}"
    assert {"opt-out", "why", "dismiss"} <= set(seen["offered"]), f"buttons offered: {seen['offered']}"
    assert seen["text"].strip(), "the banner says nothing"
    return seen
