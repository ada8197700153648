"""The banner on every LinkedIn page and the guided one-click opt-out, in each browser.

Away from the setting page the banner follows what NoTrain remembers and the region's rule; its button (or the
popup's "Opt out now") records a short-lived request that the setting page carries out once, without a second
click, and the result offers the way back. Page scripts cannot press NoTrain's buttons or talk to its background.
Dismissing snoozes the banner; an unusable stored record is set aside; an old reading asks to check again.

Time is injected through the core's input, never the test's sleep: records written into `chrome.storage.local`
with `atMs` / `requestedAtMs` / `snoozedUntilMs` in the past. The machine runs in UTC (no region), so the tests
that need a region where the setting is ON by default choose Germany on the options page, as a person would.
Fixed sleeps (QUIET_S) only prove that something does NOT happen.
"""

from notrain import ai_reading
import time
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from guided_support import *  # noqa: F401,F403 (the shared helpers of the banner tests)
from guided_support import _PAGE_ATTACK_JS, _PAGE_RELAY_JS

# -- the guided flow -------------------------------------------------------------------------------------------

def test_guided_opt_out_from_feed_banner(browser, site, base_url, dist):
    site.settings[AI_KEY] = True
    choose_region_saved(browser, "DE")
    seen = feed_banner_probably_exposed(browser, base_url)
    assert not seen["whyShown"], "the explanation is open before anyone asked"

    click_banner_button(browser, "why")
    seen = wait_banner_shows(browser, "after Why?", whyShown=True)
    assert seen["why"] and all(line.strip() for line in seen["why"]), f"empty explanation: {seen['why']}"
    click_banner_button(browser, "why")
    wait_banner_shows(browser, "after Why? again", whyShown=False)

    click_banner_button(browser, "opt-out")

    wait_path(browser, AI_PATH)
    assert browser.current_url.startswith(base_url + "/"), f"left the page's origin: {browser.current_url}"
    seen = wait_banner_shows(browser, "guided opt-out on the setting page", state="protected", hidden=False)
    assert "back" in seen["offered"], f"no way back offered: {seen}"
    assert seen["text"] == message(dist, "bannerVerified"), seen["text"]
    assert "opt-out" not in seen["offered"], seen
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert ai_toggles(browser) == [{"checked": False, "aria": "false", "word": "Off"}], "page toggle not shown off"
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        wait_popup(browser, "protected")
        stored = storage_items(browser)["record"]
    assert stored["pendingOptOut"] is None, f"the request was not consumed: {stored}"
    assert (ai_reading(stored)["verdict"], ai_reading(stored)["reason"]) == ("protected", "verified"), stored
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save of the AI setting, got {saves(site)}"
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False}, "another setting was changed"

    click_banner_button(browser, "back")
    wait_path(browser, FEED)
    assert browser.current_url == base_url + FEED, f"'back' went to {browser.current_url}"
    seen = wait_banner_shows(browser, "feed after the opt-out", state="protected")
    assert seen["hidden"] and not seen["shown"], f"a banner on the feed while protected: {seen}"


def test_guided_opt_out_from_popup_without_linkedin_tab(browser, site, browser_name, request):
    if browser_name == "firefox":
        serve_443(site, request, "the popup")
    site.settings[AI_KEY] = True
    choose_region_saved(browser, "DE")

    browser.get(browser.notrain_base + "popup.html")
    assert len(browser.window_handles) == 1, "a LinkedIn tab (or another tab) is open"
    popup = browser.current_window_handle
    wait_popup(browser, "unknown")
    button = WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(
        lambda d: (lambda b: b if b.is_displayed() else False)(
            d.find_element(By.CSS_SELECTOR, "[data-notrain-popup-action]")))
    assert button.get_attribute("data-notrain-popup-action") == "opt-out", "popup offers no opt-out in Germany"
    # (Not `site.requests == []`: in Firefox, the browser's own update checks reach the :443 listener too.)
    assert setting_page_requests(site) == [], "the setting page was opened before the click"

    button.click()

    new = WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(
        lambda d: [h for h in d.window_handles if h != popup])
    assert len(new) == 1, f"expected one new tab, got {len(new)}"
    browser.switch_to.window(new[0])
    wait_path(browser, AI_PATH)
    assert browser.current_url == SETTING_URL, browser.current_url
    seen = wait_banner_shows(browser, "guided opt-out from the popup", state="protected", hidden=False)
    assert "back" not in seen["offered"], f"'back' offered, yet the request came from the popup: {seen}"
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert ai_toggles(browser) == [{"checked": False, "aria": "false", "word": "Off"}]

    browser.switch_to.window(popup)
    wait_popup(browser, "protected")  # the open popup follows the stored record
    wait_badge(browser, "OFF")
    assert not browser.find_element(By.CSS_SELECTOR, "[data-notrain-popup-action]").is_displayed(), \
        "protected, yet the popup still offers a primary action"
    stored = storage_items(browser)["record"]  # this tab shows the popup page
    assert stored["pendingOptOut"] is None, f"the request was not consumed: {stored}"
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save of the AI setting, got {saves(site)}"


def test_request_is_consumed_once(browser, site, base_url):
    """A request 90 s old (within its expiry) is carried out once; loading the page again does nothing."""
    site.settings[AI_KEY] = True
    write_storage(browser, {"record": record(pending={"requestedAtMs": now_ms() - 90_000,
                                                      "returnUrl": base_url + FEED})})
    browser.get(base_url + AI_PATH)
    seen = wait_banner_shows(browser, "pending request on the setting page", state="protected", hidden=False)
    assert "back" in seen["offered"], seen
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert saves(site) == [(AI_KEY, False, 200)]
    assert read_storage(browser)["record"]["pendingOptOut"] is None

    site.settings[AI_KEY] = True  # the member (or LinkedIn) switches it back on
    browser.refresh()
    seen = wait_banner_shows(browser, "reload after the request was used", state="exposed", hidden=False)
    time.sleep(QUIET_S)
    assert banner(browser)["state"] == "exposed", f"the reload acted on a used request: {banner(browser)}"
    assert site.settings[AI_KEY] is True and saves(site) == [(AI_KEY, False, 200)], \
        f"the request was replayed: saves {saves(site)}"
    assert ai_toggles(browser) == [{"checked": True, "aria": "true", "word": "On"}]
    assert "back" not in seen["offered"], f"'back' offered without an opt-out: {seen}"


@pytest.mark.parametrize("age_ms", [180_000, REQUEST_TTL_MS + 5_000, -60_000],
                         ids=["3-minutes-old", "just-expired", "from-the-future"])
def test_expired_request_does_nothing(browser, site, base_url, age_ms):
    site.settings[AI_KEY] = True
    write_storage(browser, {"record": record(pending={"requestedAtMs": now_ms() - age_ms,
                                                      "returnUrl": base_url + FEED})})
    browser.get(base_url + AI_PATH)
    seen = wait_banner_shows(browser, "setting page with a stale request", state="exposed", hidden=False)
    assert "opt-out" in seen["offered"] and "back" not in seen["offered"], seen
    time.sleep(QUIET_S)
    assert banner(browser)["state"] == "exposed", f"acted on an expired request: {banner(browser)}"
    assert saves(site) == [], f"an expired request switched the setting: {saves(site)}"
    assert ai_toggles(browser) == [{"checked": True, "aria": "true", "word": "On"}]
    with popup_tab(browser):
        wait_badge(browser, "ON")


@pytest.mark.parametrize("case", ["already-off", "save-fails"])
def test_guided_result_says_what_happened(browser, site, base_url, dist, case):
    """The result banner of a guided request: already off (nothing clicked), or failed and why; both offer the
    way back, and the request is used up either way."""
    if case == "already-off":
        site.settings[AI_KEY] = False
    else:
        site.settings[AI_KEY] = True
        site.scenario = "save-fails"
    write_storage(browser, {"record": record(pending={"requestedAtMs": now_ms() - 30_000,
                                                      "returnUrl": base_url + FEED})})
    browser.get(base_url + AI_PATH)
    state, key = {"already-off": ("protected", "bannerAlreadyOff"),
                  "save-fails": ("failed", "bannerFailedFlippedBack")}[case]
    seen = wait_banner_shows(browser, f"guided request, {case}", state=state, hidden=False)
    assert seen["text"] == message(dist, key), seen["text"]
    assert "back" in seen["offered"], f"no way back offered: {seen}"
    if case == "save-fails":
        assert "opt-out" in seen["offered"], f"no retry offered after a failure: {seen}"
        assert saves(site) == [(AI_KEY, False, 500)], saves(site)
    else:
        assert "opt-out" not in seen["offered"], seen
        assert saves(site) == [], f"the toggle was clicked although it was off: {saves(site)}"
    with popup_tab(browser):
        assert storage_items(browser)["record"]["pendingOptOut"] is None, "the request was not used up"
        wait_badge(browser, "OFF" if case == "already-off" else "?")
        wait_popup(browser, state)

    puts = len(site.puts)
    browser.refresh()
    wait_banner_shows(browser, f"reload after {case}", state=state)
    time.sleep(QUIET_S)
    assert len(site.puts) == puts, f"the reload clicked again: {saves(site)}"
    assert banner(browser)["state"] == state, banner(browser)


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example"])
def test_back_never_leaves_linkedin(browser, site, base_url, path):
    """A LinkedIn URL whose path a browser reads as another host (`new URL("//evil.example/x", origin)`): NoTrain
    treats it as no LinkedIn page (nothing offered there), and a guided opt-out whose way back is that page (as an
    older NoTrain stored it from that page's banner) ends on the setting page with no "Back" that leaves
    www.linkedin.com."""
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)  # a reading of ON: any LinkedIn page would show the banner
    wait_banner_shows(browser, "setting page, toggle ON", state="exposed", hidden=False)
    browser.get(base_url + path)
    wait_until(lambda: "//evil.example" in browser.current_url, message="the off-site-looking page")
    evil = browser.current_url
    time.sleep(QUIET_S)
    seen = banner(browser)
    assert seen.get("count") == 0 or seen["hidden"], f"NoTrain offered something on {evil}: {seen}"

    write_storage(browser, {"record": record(pending={"requestedAtMs": now_ms() - 1_000, "returnUrl": evil})})
    browser.get(base_url + AI_PATH)
    seen = wait_banner_shows(browser, "guided request from that page", state="protected", hidden=False)
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    if "back" in seen["offered"]:
        click_banner_button(browser, "back")
        wait_until(lambda: urlsplit(browser.current_url).path != AI_PATH, message="'back' to go somewhere")
        assert urlsplit(browser.current_url).hostname == "www.linkedin.com", f"'back' left LinkedIn: " \
            f"{browser.current_url}"


@pytest.mark.parametrize("signed_in_after", ["within-expiry", "after-expiry"])
def test_signed_out_request_waits_for_sign_in(browser, site, base_url, dist, signed_in_after):
    site.settings[AI_KEY] = True
    choose_region_saved(browser, "DE")
    feed_banner_probably_exposed(browser, base_url)
    site.scenario = "signed-out-login"  # the session ends while the feed is open

    click_banner_button(browser, "opt-out")

    wait_path(browser, "/login")
    seen = wait_banner_shows(browser, "login page with a request waiting", state="signed-out", hidden=False)
    assert seen["shown"], f"the sign-in-first banner is not visible: {seen}"
    assert seen["text"] == message(dist, "bannerSignInFirst"), seen["text"]
    assert "opt-out" not in seen["offered"], seen
    with popup_tab(browser):
        stored = storage_items(browser)["record"]
        assert stored["pendingOptOut"], f"no request waiting for the sign-in: {stored}"
        if signed_in_after == "after-expiry":
            stored["pendingOptOut"]["requestedAtMs"] = now_ms() - REQUEST_TTL_MS - 60_000
            set_storage_items(browser, {"record": stored})
    if signed_in_after == "after-expiry":
        browser.refresh()
        # Nothing to show: the banner is hidden, so nothing of NoTrain's is on the page.
        wait_banner_shows(browser, "login page after the request expired (still says it waits?)", hidden=True)

    sign_in(browser)

    wait_path(browser, AI_PATH)
    if signed_in_after == "within-expiry":
        seen = wait_banner_shows(browser, "setting page after signing in", state="protected", hidden=False)
        assert "back" in seen["offered"], seen
        wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
        with popup_tab(browser):
            wait_badge(browser, "OFF")
        assert saves(site) == [(AI_KEY, False, 200)], saves(site)
        click_banner_button(browser, "back")
        wait_path(browser, FEED)
    else:
        wait_banner_shows(browser, "setting page after a late sign-in", state="exposed", hidden=False)
        time.sleep(QUIET_S)
        assert banner(browser)["state"] == "exposed", banner(browser)
        assert saves(site) == [], f"an expired request switched the setting after sign-in: {saves(site)}"


# -- page scripts ----------------------------------------------------------------------------------------------

def test_page_scripts_cannot_trigger_anything(browser, site, base_url):
    site.settings[AI_KEY] = True
    choose_region_saved(browser, "DE")
    before = feed_banner_probably_exposed(browser, base_url)
    feed_url = browser.current_url
    visits = len(setting_page_requests(site))

    attack = browser.execute_script(_PAGE_ATTACK_JS)
    assert {"opt-out", "dismiss"} <= set(attack["tried"]), attack
    assert attack["runtime"] == "absent", f"the page reaches an extension API: {attack}"
    # A person's real clicks and keys on the page's own element, relayed by the page to NoTrain's buttons.
    mine = browser.execute_script(_PAGE_RELAY_JS)
    ActionChains(browser).click(mine).send_keys(Keys.ENTER).send_keys(Keys.SPACE).perform()
    assert browser.execute_script("return window.__relayed") >= 3, "the page relayed no real event"
    time.sleep(QUIET_S)

    assert browser.current_url == feed_url, f"a page script navigated NoTrain: {browser.current_url}"
    after = banner(browser)
    assert {k: after.get(k) for k in ("state", "hidden", "offered")} == \
        {k: before[k] for k in ("state", "hidden", "offered")}, f"the banner changed: {before} -> {after}"
    assert len(setting_page_requests(site)) == visits, "the setting page was opened"
    stored = read_storage(browser).get("record") or {}
    assert not stored.get("pendingOptOut"), f"a page script recorded an opt-out request: {stored}"
    assert not stored.get("snoozedUntilMs"), f"a page script dismissed the banner: {stored}"

    # On the setting page itself, where a click would switch the setting at once.
    browser.get(base_url + AI_PATH)
    wait_banner_shows(browser, "setting page, toggle ON", state="exposed", hidden=False)
    attack = browser.execute_script(_PAGE_ATTACK_JS)
    assert "opt-out" in attack["tried"], attack
    time.sleep(QUIET_S)
    assert banner(browser)["state"] == "exposed", f"a page script started the opt-out: {banner(browser)}"
    assert saves(site) == [], f"a page script switched the setting: {saves(site)}"
    assert ai_toggles(browser) == [{"checked": True, "aria": "true", "word": "On"}]

    # Control: the same button pressed by a person works (so the synthetic events hit a live button).
    click_banner_button(browser, "opt-out")
    wait_banner_shows(browser, "real click after the synthetic ones", state="protected", hidden=False)
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert saves(site) == [(AI_KEY, False, 200)], saves(site)


# -- dismissal, memory, corrupt storage ------------------------------------------------------------------------
