"""What NoTrain leaves running in a LinkedIn page. Away from the setting page (the feed, the feed under
heavy infinite-scroll churn, a profile) it must run no MutationObserver and no timer while its banner is shown. On
the setting page it runs one observer for as long as the page is open (so a toggle that LinkedIn, or a hostile
script, flips back later is noticed), never more however much the page changes, no timer once the verdict has
settled, and nothing once the page is left in-app.

How each browser measures:
- Chromium, independently of NoTrain's own word, over the DevTools protocol (`cdp.py`): live MutationObservers are
  counted with `Runtime.queryObjects` on the `MutationObserver.prototype` of NoTrain's content-script world (the
  isolated world whose origin is the extension's), after a forced garbage collection; timers through instrumentation
  breakpoints on setTimeout, setInterval and requestAnimationFrame, which record the script that called them.
  A timer installed before the settled verdict and still pending would not show there; the hook covers that.
- Both browsers (Firefox only this way: it offers no such protocol to a test), the content script's test hooks on
  the banner host while it is shown: `data-observing` (its MutationObserver runs) and `data-timers` (its pending
  timers).

And what NoTrain leaves in a page while it has nothing to show: nothing at all. The page's DOM (every element, its
attribute names, shadow roots, inline styles), its style sheets and its globals are the same as in a browser without
the extension: on the feed while protected, and on the feed after "Dismiss".
"""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from cdp import Cdp
from guided_support import FEED, banner, reading, record, wait_banner_shows, write_storage
from notrain import AI_KEY, AI_PATH, HIDDEN_SETTLE_S, POLL, TIMEOUT, click_banner_button, wait_banner, wait_until

AWAY = ["/feed/", "/feed/?churn=3", "/in/alex-rivera/"]
QUIET_S = 1.5  # proving a negative: nothing is started meanwhile

_HOST_JS = """
const h = document.querySelector('[data-notrain-banner]');
return h && {state: h.getAttribute('data-state'), shown: !h.hidden, observing: h.getAttribute('data-observing'),
             timers: h.getAttribute('data-timers'), churnDone: document.documentElement.dataset.churnDone || null};
"""


class Probe:
    """The Chromium measurement of one tab: NoTrain's live MutationObservers and the timers its scripts set."""

    def __init__(self, driver):
        self.cdp = Cdp(driver)
        self.origin = driver.notrain_base.rstrip("/")
        self.session = self.cdp.attach(driver.current_window_handle)
        self.cdp.watch_contexts(self.session)
        self.cdp.record_timers(self.session)

    def observers(self):
        world = self.cdp.isolated_world(self.session, self.origin)
        assert world is not None, "NoTrain's content-script world is not in the page (the probe would be blind)"
        return self.cdp.count_instances(self.session, world, "MutationObserver")

    def timers(self, since=0.0, prefix=None):
        return self.cdp.timer_calls(prefix or self.origin, since)


@pytest.fixture
def probe(browser, browser_name):
    """A Probe on the test's tab in Chromium; None in Firefox."""
    if browser_name != "chromium":
        yield None
        return
    made = Probe(browser)
    yield made
    made.cdp.close()


def host(driver):
    return driver.execute_script(_HOST_JS) or {}


def wait_host(driver, check, message, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        seen = host(driver)
        if check(seen):
            return seen
        assert time.monotonic() < deadline, f"timed out waiting for {message}; banner host: {seen}"
        time.sleep(POLL)


@pytest.mark.parametrize("path", AWAY)
def test_nothing_runs_away_from_the_setting_page(browser, probe, site, base_url, path):
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)  # a reading of ON, so the banner shows elsewhere
    wait_banner(browser, "exposed")
    browser.get("about:blank")  # the setting page and everything it started are gone
    since = time.monotonic()

    browser.get(base_url + path)
    shown = wait_host(browser, lambda h: h.get("state") == "exposed" and h["shown"], "the exposed banner shown")
    if "churn" in path:
        wait_host(browser, lambda h: h.get("churnDone"), "the page's churn to end", timeout=15)
    else:
        time.sleep(QUIET_S)
    after = host(browser)
    assert after["shown"] and after["state"] == "exposed", f"the banner must stay shown: {after}"
    assert (shown["observing"], shown["timers"]) == ("false", "0"), f"hooks while shown: {shown}"
    assert (after["observing"], after["timers"]) == ("false", "0"), f"hooks later: {after}"
    if probe:
        assert probe.observers() == 0, "NoTrain has a live MutationObserver away from the setting page"
        assert probe.timers(since) == [], "NoTrain set a timer away from the setting page"
        assert probe.timers(since, prefix=base_url), "the probe saw none of the page's own timers: is it blind?"


def test_setting_page_runs_one_observer_and_no_timer_once_settled(browser, probe, site, base_url):
    site.scenario, site.late_ms = "late", 2000  # the toggle comes 2 s late: NoTrain must watch meanwhile
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)

    # While NoTrain looks for the toggle its banner is hidden, so nothing of it is in the page (no hooks either):
    # Chromium's probe counts its observers meanwhile; Firefox can only check that nothing shows.
    waiting = []  # live observers while NoTrain looks for the toggle (None in Firefox)
    while (seen := host(browser)).get("state") != "exposed":
        assert not seen, f"a banner host while NoTrain looks for the toggle: {seen}"
        waiting.append(probe.observers() if probe else None)
        assert len(waiting) < TIMEOUT / POLL, f"never exposed: {seen}"
        time.sleep(POLL)
    assert len(waiting) >= 5, f"the toggle came at once: NoTrain was never seen looking: {waiting}"
    if probe:
        # At most one; briefly none while the first report of a fresh load is answered.
        assert max(waiting) <= 1 and 1 in waiting, f"live observers while looking: at most 1, and seen: {waiting}"
        assert probe.timers(), "the probe saw none of NoTrain's timers while it looked: is it blind?"
    settled_quietly(browser, probe, "exposed")

    click_banner_button(browser, "opt-out")  # verifying: one recheck timer, then settled once more
    verifying = wait_host(browser, lambda h: h.get("state") == "working", "the opt-out being verified", timeout=5)
    assert verifying["observing"] == "true", verifying
    wait_banner(browser, "protected")
    settled_quietly(browser, probe, "protected", timers="1")


def settled_quietly(driver, probe, state, timers="0"):
    """The verdict `state` is settled: one observer still watching, `timers` pending (after an opt-out, the one
    read when its result window ends: a `checked` written as a property alone changes nothing an observer sees),
    nothing new for a while."""
    settled = host(driver)
    assert (settled["state"], settled["observing"], settled["timers"]) == (state, "true", timers), settled
    since = time.monotonic()
    time.sleep(QUIET_S)
    later = host(driver)
    assert (later["state"], later["observing"], later["timers"]) == (state, "true", timers), later
    if probe:
        assert probe.observers() == 1, f"{state}: not exactly one MutationObserver"
        assert probe.timers(since) == [], f"{state}: NoTrain set a timer after settling: {probe.timers(since)}"
    assert driver.find_elements(By.CSS_SELECTOR, "[data-notrain-banner]"), "the banner host is gone"


def test_a_page_that_never_settles_gets_one_observer_and_a_late_flip_is_seen(browser, probe, site, base_url):
    """The setting page with constant churn elsewhere in it: still one observer, and no timer once settled. After
    a verified opt-out, the page's own script flips the toggle back ON: NoTrain must say so, not stay "protected"."""
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH + "?churn=3")
    wait_banner(browser, "exposed")
    click_banner_button(browser, "opt-out")
    wait_banner(browser, "protected")
    # The churn is a fixed amount of work (`?churn=3`: 150 ticks 20 ms apart), longer than 3 s on a busy machine:
    # each change it makes is reported, and each answer sets the recheck timer again, until it ends.
    wait_until(lambda: browser.execute_script("return document.documentElement.hasAttribute('data-churn-done')"),
               message="the page's churn to end")
    settled_quietly(browser, probe, "protected", timers="1")

    browser.execute_script(  # LinkedIn's (or a hostile) script re-renders it ON, without any event
        "const t = document.querySelector('input[role=\"switch\"]'); t.checked = true;"
        " t.setAttribute('aria-checked', 'true');")
    back = wait_host(browser, lambda h: h.get("state") == "exposed", "the banner to see the flip back", timeout=5)
    assert back["shown"], back
    if probe:
        assert probe.observers() == 1


# What a page script can see of the page: the element tree with attribute names (values such as Ember ids change
# from load to load), shadow roots, inline styles, style sheets and the window's own properties.
_DOM_JS = """
const walk = (n) => [n.localName, Array.from(n.attributes, (a) => a.name).sort().join(' '), !!n.shadowRoot,
                     Array.from(n.children, walk)];
return {dom: walk(document.documentElement), globals: Object.getOwnPropertyNames(window).sort(),
        sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length,
        styles: Array.from(document.querySelectorAll('[style]'), (e) => e.localName + ' ' + e.getAttribute('style'))};
"""


WEBDRIVER_GLOBALS = ("se_", "$cdc_", "cdc_", "__webdriver", "__selenium")


def page_trace(driver, url):
    """The page's DOM signature once it has settled (loaded, NoTrain answered, a little more)."""
    driver.get(url) if url else None
    WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(
        lambda d: d.execute_script("return document.readyState === 'complete'"))
    time.sleep(HIDDEN_SETTLE_S + QUIET_S)
    return driver.execute_script(_DOM_JS)


@pytest.mark.parametrize("case", ["protected", "dismissed"])
def test_nothing_of_notrain_in_a_page_while_it_has_nothing_to_show(browser, plain_browser, site, base_url, case):
    if case == "protected":
        write_storage(browser, {"record": record(ai_training=reading("protected", 60_000))})
        with_extension = page_trace(browser, base_url + FEED)
        assert banner(browser)["count"] == 0
    else:
        write_storage(browser, {"record": record(ai_training=reading("exposed", 60_000))})
        browser.get(base_url + FEED)
        wait_banner_shows(browser, "feed, remembered ON", state="exposed", hidden=False)
        click_banner_button(browser, "dismiss")
        with_extension = page_trace(browser, None)
    without = page_trace(plain_browser, base_url + FEED)
    for trace in (with_extension, without):  # what WebDriver itself leaves in a page it clicked in
        trace["globals"] = [name for name in trace["globals"] if not name.startswith(WEBDRIVER_GLOBALS)]
    for part in ("globals", "sheets", "adopted", "styles", "dom"):
        assert with_extension[part] == without[part], f"{case}: the page's {part} differ with NoTrain installed"
