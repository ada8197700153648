"""Detection and the verified opt-out on every fixture scenario, in each browser.

What a user would see (banner host, its shadow-root buttons and sentence, badge, popup) and what LinkedIn's server
got (`site.settings`, `site.puts`). The tests use the shared `browser` (conftest.py): before every test it is brought
back to one blank tab and an empty extension storage (so the badge reads "?"); after a failing test it is thrown
away so the next test starts in a fresh one.

Scenarios: each language without the hook; the toggle appearing late; a decoy switch before the AI one; two
hooked controls; attributes that disagree; a disabled toggle; a save that flips back; a toggle that never comes;
both sign-in redirects; in-app (pushState) navigation from the feed and away again. `data-observing` on the banner
host tells whether NoTrain's MutationObserver runs: "true" only on the setting page.
"""

import json
import time

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from content import AI_PAGE, DECOY, DEFAULT_SETTINGS
from notrain import (AI_KEY, AI_PATH, POLL, TIMEOUT, ai_toggles, click_banner_button, page_settled_without_banner,
                     popup_tab, wait_badge, wait_banner, wait_popup, wait_until)

DECOY_KEY = DECOY[0]
LANGS = [lang for lang in AI_PAGE if lang != "en"]  # de fr nl pt-BR es it: none of their pages has the hook
PRIVACY_HUB = "/mypreferences/d/categories/privacy"

# Short on purpose: only used to show that something does NOT happen (no PUT, no second click).
QUIET_S = 1.5


@pytest.fixture(scope="module")
def messages(dist):
    """The extension's English sentences by message key (the browsers here run in English), as the banner says them
    on LinkedIn's pages: a sentence that names its service names LinkedIn."""
    data = json.loads((dist / "chrome" / "_locales" / "en" / "messages.json").read_text())
    return {key: value["message"].replace("$SERVICE$", "LinkedIn") for key, value in data.items()}


# -- what the page shows -------------------------------------------------------------------------------------

_VIEW_JS = """
const button = (root, action) => {
  const b = root && root.querySelector(`[data-action="${action}"]`);
  return !!b && !b.hidden && b.getClientRects().length > 0;
};
const banners = Array.from(document.querySelectorAll('[data-notrain-banner]'), (h) => ({
  state: h.getAttribute('data-state'),
  shown: !h.hidden && !!h.shadowRoot && Array.from(h.shadowRoot.children).some((e) => e.getClientRects().length > 0),
  observing: h.getAttribute('data-observing'),
  region: h.getAttribute('data-region'),
  message: h.shadowRoot ? (h.shadowRoot.querySelector('p') || {}).textContent : null,
  optOut: button(h.shadowRoot, 'opt-out'),
  dismiss: button(h.shadowRoot, 'dismiss'),
}));
const toggles = Array.from(document.querySelectorAll('input[role="switch"]'), (i) => ({
  key: i.getAttribute('aria-labelledby'), checked: i.checked, aria: i.getAttribute('aria-checked'),
  disabled: i.disabled}));
return {banners, toggles, path: location.pathname, marker: window.__notrainTestMarker || null};
"""


def view(driver):
    """Everything a test looks at on the page, read at one instant: banner hosts, the page's switches, path."""
    return driver.execute_script(_VIEW_JS)


def banner(driver):
    """The one banner host's view (fails if there is not exactly one)."""
    seen = view(driver)["banners"]
    assert len(seen) == 1, f"expected exactly one banner host, found {seen}"
    return seen[0]


def wait_view(driver, check, message, timeout=TIMEOUT):
    """Wait until check(view) is truthy; return that view. On timeout, say what was seen last."""
    last = {}

    def ok(d):
        last.clear()
        last.update(view(d))
        return check(last)

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(ok)
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout}s waiting for {message}; last seen {last}") from None
    return dict(last)


def one_banner(check):
    """A view check on the only banner host."""
    return lambda v: len(v["banners"]) == 1 and check(v["banners"][0])


def saves(site):
    return [(p["key"], p["value"], p["status"]) for p in site.puts]


def assert_no_put_for(site, seconds=QUIET_S):
    time.sleep(seconds)  # proving a negative: nothing is saved meanwhile
    assert site.puts == [], f"NoTrain (or the page) saved something: {saves(site)}"


def expect_popup(driver, badge, state):
    with popup_tab(driver):
        wait_badge(driver, badge)
        wait_popup(driver, state)


def see_exposed_first(driver, site, base_url):
    """Read the English page with the toggle ON, so the badge shows ON before the scenario under test."""
    site.scenario, site.settings[AI_KEY] = "en-hook", True
    driver.get(base_url + AI_PATH)
    wait_banner(driver, "exposed")
    with popup_tab(driver):
        wait_badge(driver, "ON")


def opt_out_and_verify(driver, site):
    """Click the banner's opt-out; the banner, the server and the badge must all end up OFF, with one save."""
    click_banner_button(driver, "opt-out")
    wait_banner(driver, "protected")
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    expect_popup(driver, "OFF", "protected")
    # Checked last, so a late second click would have had time to show up.
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save of the AI setting, got {saves(site)}"


# -- the tests -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_language_without_hook_opt_out(browser, site, base_url, messages, lang):
    site.scenario = f"lang-{lang}"
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)

    v = wait_view(browser, one_banner(lambda b: b["state"] == "exposed"), "the banner to show exposed")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert v["toggles"] == [{"key": None, "checked": True, "aria": "true", "disabled": False}], \
        f"fixture: expected one unhooked AI switch, ON; got {v['toggles']}"
    b = v["banners"][0]
    assert b["shown"] and b["optOut"] and not b["dismiss"], f"ON here: opt-out, and no dismiss: {b}"
    assert b["observing"] == "true", b
    assert b["message"] == messages["bannerExposed"], b

    opt_out_and_verify(browser, site)
    toggle = wait_view(browser, lambda v: v["toggles"] and not v["toggles"][0]["checked"], "the page's toggle off")
    assert toggle["toggles"][0]["aria"] == "false"
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False}, "another setting was changed"


def test_toggle_appears_late(browser, site, base_url):
    site.scenario = "late"
    site.settings[AI_KEY] = True
    started = time.monotonic()
    browser.get(base_url + AI_PATH)

    # While NoTrain looks for the toggle its "working" banner is hidden, and a hidden banner leaves nothing in the
    # page: no host at all until the verdict. (Its observer meanwhile is counted over CDP in test_footprint.py.)
    seen = []  # (seconds since load, states of the banner hosts, number of switches on the page)
    while True:
        v = view(browser)
        elapsed = time.monotonic() - started
        seen.append((round(elapsed, 1), [b["state"] for b in v["banners"]], len(v["toggles"])))
        if any(b["state"] == "exposed" for b in v["banners"]) or elapsed > TIMEOUT:
            break
        time.sleep(0.2)

    assert seen and seen[-1][1] == ["exposed"], f"never reached exposed: {seen}"
    before = seen[:-1]
    assert len(before) >= 3, f"the banner was exposed at once, though the toggle comes {site.late_ms} ms late: {seen}"
    assert all(s[1] == [] for s in before), f"before the toggle NoTrain must show nothing: {before}"
    assert any(s[2] == 0 for s in before), f"never saw the page before its toggle came: {seen}"
    assert seen[-1][2] == 1, f"exposed without the toggle on the page: {seen}"
    toggle_seen = next(s[0] for s in seen if s[2])
    assert seen[-1][0] - toggle_seen < 2, f"the banner lagged the toggle by more than 2 s: {seen}"
    assert seen[-1][0] >= site.late_ms / 1000 - 0.5, f"exposed before the toggle could have rendered: {seen}"
    final = banner(browser)
    assert final["shown"] and final["optOut"] and final["observing"] == "true", final
    expect_popup(browser, "ON", "exposed")
    assert site.puts == []


def test_decoy_switch_stays_on(browser, site, base_url):
    site.scenario = "decoy"
    site.settings[AI_KEY] = True
    site.settings[DECOY_KEY] = True
    browser.get(base_url + AI_PATH)

    v = wait_view(browser, one_banner(lambda b: b["state"] == "exposed"), "the banner to show exposed")
    assert [t["key"] for t in v["toggles"]] == [DECOY_KEY, AI_KEY], f"fixture: decoy first, then AI: {v['toggles']}"
    assert all(t["checked"] for t in v["toggles"]), v["toggles"]

    opt_out_and_verify(browser, site)
    v = view(browser)
    assert [(t["key"], t["checked"]) for t in v["toggles"]] == [(DECOY_KEY, True), (AI_KEY, False)], v["toggles"]
    assert site.settings[DECOY_KEY] is True, "the decoy setting was switched off"
    assert all(p["key"] != DECOY_KEY for p in site.puts), f"the decoy setting was saved: {saves(site)}"
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False}


@pytest.mark.parametrize("scenario, message", [("two-hooks", "bannerUnknownAmbiguous"),
                                               ("attrs-disagree", "bannerUnknownUnreadable")])
def test_unclear_toggle_is_unknown(browser, site, base_url, messages, scenario, message):
    see_exposed_first(browser, site, base_url)
    site.scenario = scenario
    browser.get(base_url + AI_PATH)

    v = wait_view(browser, one_banner(lambda b: b["state"] == "unknown"), "the banner to show unknown")
    hooked = [t for t in v["toggles"] if t["key"] == AI_KEY]
    assert len(hooked) == (2 if scenario == "two-hooks" else 1), f"fixture: {v['toggles']}"
    if scenario == "attrs-disagree":
        assert hooked[0]["checked"] != (hooked[0]["aria"] == "true"), f"fixture: {hooked}"
    b = v["banners"][0]
    assert b["shown"], f"unknown must be visible: {b}"
    assert not b["optOut"], f"no opt-out may be offered when the toggle is unclear: {b}"
    assert b["dismiss"] and b["message"] == messages[message], b
    assert b["observing"] == "true", b
    assert_no_put_for(site)
    assert banner(browser)["state"] == "unknown"
    expect_popup(browser, "?", "unknown")
    assert site.puts == [] and site.settings[AI_KEY] is True


def test_disabled_toggle_offers_no_opt_out(browser, site, base_url, messages):
    site.scenario = "disabled"
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)

    v = wait_view(browser, one_banner(lambda b: b["state"] == "exposed"), "the banner to show exposed")
    assert v["toggles"] == [{"key": AI_KEY, "checked": True, "aria": "true", "disabled": True}], v["toggles"]
    b = v["banners"][0]
    assert b["shown"] and not b["optOut"] and not b["dismiss"], f"disabled ON: no opt-out, no dismiss: {b}"
    assert b["message"] == messages["bannerExposedDisabled"], b
    assert_no_put_for(site)
    expect_popup(browser, "ON", "exposed")
    assert site.puts == [] and site.settings[AI_KEY] is True


def test_save_that_flips_back_fails_once(browser, site, base_url, messages):
    site.scenario = "save-fails"
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")
    v = wait_view(browser, one_banner(lambda b: b["state"] == "failed"), "the banner to show failed")
    b = v["banners"][0]
    assert b["shown"] and b["message"] == messages["bannerFailedFlippedBack"], b
    assert "back" in b["message"].lower(), b  # says that LinkedIn flipped it back
    assert [t["checked"] for t in v["toggles"]] == [True], f"the page's toggle is back ON: {v['toggles']}"
    assert saves(site) == [(AI_KEY, False, 500)], saves(site)

    time.sleep(QUIET_S + 1)  # no second click by itself, and the failure stays on screen
    assert saves(site) == [(AI_KEY, False, 500)], f"NoTrain clicked again by itself: {saves(site)}"
    assert banner(browser)["state"] == "failed"
    assert site.settings[AI_KEY] is True
    expect_popup(browser, "?", "failed")


def test_toggle_never_comes(browser, site, base_url, messages):
    see_exposed_first(browser, site, base_url)
    site.scenario = "never"
    started = time.monotonic()
    browser.get(base_url + AI_PATH)

    states = []
    while True:
        b = view(browser)["banners"]
        states += [x["state"] for x in b]
        if any(x["state"] == "unknown" for x in b) or time.monotonic() - started > TIMEOUT:
            break
        time.sleep(0.25)
    waited = time.monotonic() - started
    assert states and states[-1] == "unknown", f"never gave up: {sorted(set(states))}"
    assert set(states) <= {"working", "unknown"}, f"states seen: {sorted(set(states))}"
    assert waited > 12, f"gave up after {waited:.1f}s; the page should get about 15 s"
    b = banner(browser)
    not_found = messages["bannerUnknownNotFound"].replace("$SETTING$", messages["settingAiName"])
    assert b["shown"] and not b["optOut"] and b["message"] == not_found, b
    expect_popup(browser, "?", "unknown")
    assert banner(browser)["state"] == "unknown"
    assert site.puts == []


@pytest.mark.parametrize("scenario, landing", [("signed-out", "/authwall"), ("signed-out-login", "/login")])
def test_signed_out(browser, site, base_url, scenario, landing):
    site.scenario = scenario
    for start in (AI_PATH, "/feed/"):
        browser.get(base_url + start)
        expected = landing if start == AI_PATH else "/login"  # the fixture sends /feed/ to the login page
        wait_until(lambda: view(browser)["path"] == expected, message=f"{expected} after opening {start}")
        # Signed out with no request waiting: nothing to show, so nothing of NoTrain's in the page.
        since = [None]
        wait_until(lambda: page_settled_without_banner(browser, since), message=f"{expected} without a banner")
    assert site.puts == []


def test_in_app_navigation_from_feed(browser, site, base_url):
    site.settings[AI_KEY] = True
    browser.get(base_url + "/feed/")
    since = [None]  # never read, no region: nothing to show on the feed, so nothing of NoTrain's there
    wait_until(lambda: page_settled_without_banner(browser, since), message="the feed without a banner")
    cta = WebDriverWait(browser, 15, poll_frequency=POLL).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".feed-ai-settings__cta"))[0]
    browser.execute_script("window.__notrainTestMarker = 'same-document';")
    pages = sum(1 for m, p, _ in site.requests if m == "GET" and not p.startswith(("/static/", "/mysettings-api/", "/favicon")))

    cta.click()  # the app's own pushState navigation
    v = wait_view(browser, one_banner(lambda b: b["state"] == "exposed"), "exposed after pushState to the setting")
    assert v["path"] == AI_PATH and v["marker"] == "same-document", f"the page was reloaded: {v}"
    b = v["banners"][0]
    assert b["shown"] and b["optOut"] and b["observing"] == "true", b

    browser.find_element(By.CSS_SELECTOR, "a.settings-card__back").click()  # in-app, to the privacy hub
    v = wait_view(browser, lambda v: v["path"] == PRIVACY_HUB and one_banner(lambda b: b["observing"] == "false")(v),
                  "NoTrain to stop observing after navigating away in-app")
    assert v["marker"] == "same-document", v
    assert v["banners"][0]["state"] == "exposed", f"the hub shows the remembered verdict: {v['banners']}"

    link = WebDriverWait(browser, 15, poll_frequency=POLL).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'a.settings-hub__link[href="{AI_PATH}"]'))[0]
    link.click()  # and back to the setting, in-app again
    v = wait_view(browser, one_banner(lambda b: b["state"] == "exposed" and b["observing"] == "true"),
                  "exposed again after the second pushState")
    assert v["path"] == AI_PATH and v["marker"] == "same-document", v

    opt_out_and_verify(browser, site)
    assert banner(browser)["observing"] == "true"
    documents = [(m, p) for m, p, _ in site.requests if m == "PUT" or (
        m == "GET" and not p.startswith(("/static/", "/mysettings-api/", "/favicon")))]
    # Only NoTrain's own load of the setting page, after the save, to confirm what LinkedIn kept.
    assert documents[pages:] == [("PUT", "/mysettings-api/settingsApiSettings/" + AI_KEY), ("GET", AI_PATH)], \
        f"a document was loaded during in-app navigation: {site.requests}"
