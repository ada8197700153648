"""Hostile and broken pages, in each browser. The fixture's `hostile.js` (active with `?hostile=<mode>`)
plays a page script that works against NoTrain through the DOM, or a page built in an awkward way. Whatever it
does, NoTrain must never say "protected" without reading OFF, never click anything but the toggle it chose, never
render page text as HTML, and bring its banner back when it is removed. (Look-alike messages and synthetic events on
the banner are tried in test_guided.py.)
"""
import time
import uuid

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from guided_support import FEED, banner, message, read_storage, saves, wait_banner_shows
from notrain import ai_reading, AI_KEY, AI_PATH, ai_toggles, click_banner_button, popup_tab, wait_badge, wait_banner, wait_popup, wait_until

QUIET_S = 1.5  # proving a negative: nothing is clicked or saved meanwhile

_PAGE_JS = """
const d = document.documentElement.dataset;
const hosts = document.querySelectorAll('[data-notrain-banner]');
const host = hosts[0];
return {hosts: hosts.length, state: host ? host.dataset.state : null,
        visible: !!host && host.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        images: host && host.shadowRoot ? host.shadowRoot.querySelectorAll('img').length : 0,
        text: host && host.shadowRoot ? host.shadowRoot.textContent : '',
        removed: d.hostileRemoved || null, restyled: d.hostileRestyled || null, faked: d.hostileFaked || null,
        framed: d.hostileFramed || null, replaced: d.hostileReplaced || null, pwned: d.hostilePwned || null,
        reloads: d.hostileReloads || null, flipped: d.hostileFlipped || null, moved: d.hostileMoved || null,
        faded: d.hostileFaded || null, relabelled: d.hostileRelabelled || null,
        buttons: host && host.shadowRoot ? Array.from(host.shadowRoot.querySelectorAll('button'),
          (b) => b.hidden ? null : [b.dataset.action, b.textContent]).filter(Boolean) : []};
"""


def page(driver):
    return driver.execute_script(_PAGE_JS)


def wait_page(driver, check, message, timeout=15):
    return wait_until(lambda: (seen := page(driver)) and check(seen) and seen, timeout=timeout,
                      message=f"{message} (last seen {page(driver)})")


def read_on(driver, site, base_url, modes, state="exposed"):
    site.settings[AI_KEY] = True
    driver.get(f"{base_url}{AI_PATH}?hostile={modes}&token={uuid.uuid4().hex}")
    if state:
        wait_banner(driver, state)


def opted_out_once(driver, site, before_the_reload=None):
    """One click on "opt-out", the result verified on the page loaded again; `before_the_reload` is waited for
    on the page that clicked (NoTrain loads the page again once it read OFF there)."""
    click_banner_button(driver, "opt-out")
    if before_the_reload:
        before_the_reload()
    wait_banner(driver, "protected")
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    with popup_tab(driver):
        wait_badge(driver, "OFF")
        wait_popup(driver, "protected")
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save, got {saves(site)}"


def test_removed_banner_comes_back_on_the_setting_page(browser, site, base_url):
    read_on(browser, site, base_url, "remove-banner")
    seen = wait_page(browser, lambda p: p["removed"] and p["hosts"] == 1 and p["visible"],
                     "the removed banner to come back by itself (NoTrain watches the setting page)")
    assert seen["state"] == "exposed", seen


def test_removed_banner_comes_back_elsewhere_at_the_users_next_move(browser, site, base_url):
    read_on(browser, site, base_url, "")  # a reading of ON, so the feed shows the banner
    browser.get(f"{base_url}{FEED}?hostile=remove-banner")
    wait_page(browser, lambda p: p["removed"] and p["hosts"] == 0, "the page to remove the banner")
    ActionChains(browser).scroll_by_amount(0, 200).send_keys(Keys.SHIFT).perform()
    seen = wait_page(browser, lambda p: p["hosts"] == 1 and p["visible"], "the banner back after the user's move",
                     timeout=5)
    assert seen["state"] == "exposed", seen


@pytest.mark.parametrize("where", ["setting", "feed"])
def test_restyled_banner_stays_visible(browser, site, base_url, where):
    read_on(browser, site, base_url, "restyle-banner")
    if where == "feed":
        browser.get(f"{base_url}{FEED}?hostile=restyle-banner")
        wait_banner_shows(browser, "feed with a remembered ON", state="exposed", hidden=False)
    seen = wait_page(browser, lambda p: p["restyled"], "the page to restyle the banner")
    time.sleep(0.3)
    seen = page(browser)
    assert seen["visible"], f"the page's styles hid NoTrain's banner: {seen}"


def test_a_fake_toggle_added_after_the_reading_is_never_clicked(browser, site, base_url):
    read_on(browser, site, base_url, "fake-toggle", state=None)  # the fake comes as soon as NoTrain says ON
    seen = wait_page(browser, lambda p: p["faked"] and p["state"] != "exposed", "NoTrain to see a second toggle")
    assert seen["state"] == "unknown", f"two toggles with the hook must read as unknown: {seen}"
    wait_banner(browser, "unknown")
    assert not browser.find_element(By.ID, "hostile-fake-toggle").is_selected()
    time.sleep(QUIET_S)
    assert saves(site) == [], f"something was saved: {saves(site)}"
    assert browser.find_element(By.CSS_SELECTOR, f'input[aria-labelledby="{AI_KEY}"]:not(#hostile-fake-toggle)') \
        .is_selected(), "the real toggle was changed"
    with popup_tab(browser):
        wait_popup(browser, "unknown")


_POISONED_JS = """
return [document.getElementById(arguments[0]), document.querySelector('h1')].map((e) => e && e.textContent);
"""


def test_html_in_labels_is_never_rendered(browser, site, base_url, dist):
    """The page's label and heading carry HTML with an onerror handler while NoTrain reads them (it reads both: the
    heading is one way it finds the toggle). What the banner shows is NoTrain's own sentence and nothing else: page
    text rendered as markup sets `hostilePwned` or adds an image, rendered as text shows "<img" or changes the
    sentence. (Checked to fail with a banner that appends the page's heading to its sentence.)"""
    read_on(browser, site, base_url, "html-labels")
    poisoned = browser.execute_script(_POISONED_JS, AI_KEY)
    assert all(text and text.startswith("<img") for text in poisoned), f"the fixture did not poison: {poisoned}"
    opted_out_once(browser, site)
    seen = page(browser)
    assert seen["images"] == 0 and not seen["pwned"], f"page text became markup: {seen}"
    assert "<img" not in seen["text"], f"page text reached the banner: {seen['text']!r}"
    shown = banner(browser)
    assert shown["text"] == message(dist, "bannerVerified"), f"the banner says more than NoTrain's words: {shown}"


def test_toggle_in_a_same_origin_iframe_is_read_and_switched_off(browser, site, base_url):
    read_on(browser, site, base_url, "iframe")
    assert page(browser)["framed"], "the fixture did not move the toggle into an iframe"
    opted_out_once(browser, site)


def test_toggle_replaced_after_the_click_is_verified_on_the_new_node(browser, site, base_url):
    read_on(browser, site, base_url, "replace-on-click")
    opted_out_once(browser, site, lambda: wait_page(browser, lambda p: p["replaced"], "the fixture to replace the toggle"))


def test_a_page_that_reloads_after_the_save_ends_protected_only_by_reading_off(browser, site, base_url):
    read_on(browser, site, base_url, "reload-after-save")
    click_banner_button(browser, "opt-out")
    wait_page(browser, lambda p: p["reloads"] == "1", "the page to reload itself")
    wait_banner(browser, "protected")
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        wait_popup(browser, "protected")
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save, got {saves(site)}"


def test_a_toggle_turned_off_before_the_click_is_not_clicked_back_on(browser, site, base_url):
    """The page shows the toggle OFF after NoTrain's snapshot and before its click (a stale ON hydrated, the user's
    own click): NoTrain must not click it back ON, so nothing is saved and it ends OFF."""
    read_on(browser, site, base_url, "flip-off-on-click")
    click_banner_button(browser, "opt-out")
    wait_page(browser, lambda p: p["flipped"], "the page to show the toggle OFF on the banner click")
    time.sleep(QUIET_S)
    assert saves(site) == [], f"NoTrain clicked a toggle that was no longer ON: {saves(site)}"
    assert [(t["checked"], t["aria"]) for t in ai_toggles(browser)] == [(False, "false")], ai_toggles(browser)
    wait_banner(browser, "protected")
    assert saves(site) == [] and site.settings[AI_KEY] is True, saves(site)


@pytest.mark.parametrize("change", ["location.hash = 'top'", "history.replaceState(null, '', location.pathname + '?x=1')"])
def test_a_url_change_on_the_same_path_keeps_the_verification(browser, site, base_url, change):
    """A hash or a query written by the page mid-verification is no new page: the opt-out is still verified (not
    dropped and then merely read as OFF)."""
    read_on(browser, site, base_url, "")
    click_banner_button(browser, "opt-out")
    wait_banner(browser, "working", timeout=5)
    browser.execute_script(change)
    wait_banner(browser, "protected")
    stored = ai_reading(read_storage(browser)["record"])
    assert (stored["verdict"], stored["reason"]) == ("protected", "verified"), f"the verification was dropped: {stored}"
    assert saves(site) == [(AI_KEY, False, 200)], saves(site)


# -- the banner holds against the page ----------------------------------------------------------------------------

def remembered_on_feed(driver, site, base_url, mode):
    """A reading of ON, then the feed with the hostile `mode`: the banner shows there (until the page interferes)."""
    read_on(driver, site, base_url, "")
    driver.get(f"{base_url}{FEED}?hostile={mode}")


def snoozed(driver):
    return (read_storage(driver).get("record") or {}).get("snoozedUntilMs")


@pytest.mark.parametrize("mode,flag", [("move-banner", "moved"), ("fade-banner", "faded")])
def test_a_moved_or_faded_banner_comes_back_on_the_setting_page(browser, site, base_url, mode, flag):
    read_on(browser, site, base_url, mode)
    seen = wait_page(browser, lambda p: p[flag] and p["hosts"] == 1 and p["visible"],
                     f"the banner back in sight by itself after the page's {mode}")
    assert seen["state"] == "exposed", seen


@pytest.mark.parametrize("mode,flag", [("move-banner", "moved"), ("fade-banner", "faded")])
def test_a_moved_or_faded_banner_comes_back_elsewhere_and_a_click_on_it_unseen_does_nothing(
        browser, site, base_url, mode, flag):
    remembered_on_feed(browser, site, base_url, mode)
    wait_page(browser, lambda p: p[flag] and p["hosts"] == 1 and not p["visible"], f"the page's {mode}")
    if mode == "fade-banner":  # invisible yet on top: a person clicking there did not see NoTrain's Dismiss
        host = browser.find_element(By.CSS_SELECTOR, "[data-notrain-banner]")
        ActionChains(browser).move_to_element(host.shadow_root.find_element(
            By.CSS_SELECTOR, '[data-action="dismiss"]')).click().perform()
    else:
        ActionChains(browser).scroll_by_amount(0, 200).send_keys(Keys.SHIFT).perform()
    seen = wait_page(browser, lambda p: p["hosts"] == 1 and p["visible"], "the banner back after the user's move",
                     timeout=5)
    assert seen["state"] == "exposed", seen
    time.sleep(QUIET_S)
    assert page(browser)["visible"], page(browser)
    assert not snoozed(browser), "a click on the invisible banner dismissed it for 7 days"


def test_a_relabelled_dismiss_does_nothing_and_the_banner_is_drawn_again(browser, site, base_url, dist):
    remembered_on_feed(browser, site, base_url, "relabel-banner")
    seen = wait_page(browser, lambda p: p["relabelled"] and p["hosts"] == 1, "the page to rewrite the banner")
    opt_out = message(dist, "buttonOptOut")
    assert ["dismiss", opt_out] in seen["buttons"], f"the fixture did not relabel: {seen}"
    click_banner_button(browser, "dismiss")  # a person's click on what says "Switch it off"
    time.sleep(QUIET_S)
    assert not snoozed(browser), "a relabelled Dismiss snoozed the banner for 7 days"
    seen = wait_page(browser, lambda p: ["opt-out", opt_out] in p["buttons"], "the banner drawn afresh", timeout=5)
    assert ["dismiss", message(dist, "buttonDismiss")] in seen["buttons"] and seen["visible"], seen
    assert banner(browser)["state"] == "exposed"


def test_dismiss_never_hides_a_fresh_on_reading_on_the_setting_page(browser, site, base_url):
    read_on(browser, site, base_url, "")
    seen = wait_banner_shows(browser, "setting page, ON", state="exposed", hidden=False)
    assert "dismiss" not in seen["offered"], f"an ON reading here can be dismissed: {seen}"
    opted_out_once(browser, site)
    click_banner_button(browser, "dismiss")
    wait_banner_shows(browser, "the verified banner dismissed", hidden=True)
    browser.execute_script(  # LinkedIn (or the member elsewhere) switches it back on
        "const t = document.querySelector('input[role=\"switch\"]'); t.checked = true;"
        " t.setAttribute('aria-checked', 'true');")
    seen = wait_banner_shows(browser, "the fresh ON reading after a dismissal", state="exposed", hidden=False,
                             timeout=5)
    assert seen["shown"] and "opt-out" in seen["offered"], seen
