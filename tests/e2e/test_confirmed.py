"""`protected` means LinkedIn kept it, in each browser: after NoTrain's click the setting page is loaded again and
only an OFF reading there counts. The fake LinkedIn keeps each setting on the server and draws the page from it on
every load; it can answer saves late with the toggle's state following the answer (as LinkedIn's Ember toggle
component does), fail a save silently (the toggle stays OFF on screen), use LinkedIn's older toggle template, and
sign in another member. The page's own watcher (`static/watcher.js`, `?watch=banner`) records every state NoTrain's
banner showed, across the reload, so "never protected, not for a moment" is checked over the whole flow.
"""

import secrets
import time

import pytest
from selenium.webdriver.common.by import By

from content import DEFAULT_SETTINGS
from notrain import (AI_KEY, AI_PATH, banner_button, click_banner_button, popup_tab, storage_items, wait_badge,
                     wait_banner, wait_popup, wait_until, watched)



def page_loads(site):
    """How often the setting page itself was served (each load of it)."""
    return sum(1 for method, path, status in site.requests if method == "GET" and path.startswith(AI_PATH))


def message(host):
    return host.shadow_root.find_element(By.CSS_SELECTOR, "#message").text


def opt_out(browser, site, base_url):
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH + "?watch=" + secrets.token_hex(4))
    wait_banner(browser, "exposed")
    loads = page_loads(site)
    click_banner_button(browser, "opt-out")
    return loads


def test_a_kept_save_is_protected_after_the_fresh_load_with_one_save(browser, site, base_url):
    loads = opt_out(browser, site, base_url)
    host = wait_banner(browser, "protected")
    assert "confirmed after reloading" in message(host), message(host)
    assert page_loads(site) == loads + 1, "the setting page was not loaded again to confirm"
    assert "working" in watched(browser)
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        assert "confirmed it after reloading" in wait_popup(browser, "protected")
    saves = [(p["key"], p["value"], p["status"]) for p in site.puts]
    assert saves == [(AI_KEY, False, 200)], f"expected exactly one save, got {saves}"
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False}


def test_a_silent_save_failure_is_never_protected_and_ends_failed(browser, site, base_url):
    site.modes[AI_KEY] = "silent"  # 500, nothing shown, the toggle stays OFF on screen
    opt_out(browser, site, base_url)
    host = wait_banner(browser, "failed")
    assert "did not keep the change" in message(host), message(host)
    assert banner_button(host, "opt-out").is_displayed(), "no way to try again"
    time.sleep(2)  # a late "protected", or a second click, would show now
    seen = watched(browser)
    assert "protected" not in seen, f"protected shown for a moment: {seen}"
    assert watched(browser)[-1] == "failed"
    saves = [(p["key"], p["value"], p["status"]) for p in site.puts]
    assert saves == [(AI_KEY, False, 500)], f"expected exactly one (failed) save, got {saves}"
    assert site.settings[AI_KEY] is True, "the server still has ON"
    with popup_tab(browser):
        wait_badge(browser, "ON")  # the stored verdict is what LinkedIn has: exposed
        wait_popup(browser, "exposed")


def test_a_flip_back_after_the_hold_is_not_kept(browser, site, base_url):
    site.modes[AI_KEY] = "reverting"
    site.revert_ms = 4500  # later than the 3 s a page reading used to need to say "protected"
    opt_out(browser, site, base_url)
    wait_banner(browser, "failed")
    assert "protected" not in watched(browser)
    assert len(site.puts) == 1 and site.settings[AI_KEY] is True


def test_the_ember_saving_lag_never_shows_failed(browser, site, base_url):
    site.ember_lag_ms = 1500  # the save answers 1.5 s late; aria-checked and the word follow the answer
    opt_out(browser, site, base_url)
    wait_banner(browser, "protected")
    seen = watched(browser)
    assert "failed" not in seen and "unknown" not in seen, f"the lag showed {seen}; saves {site.puts}"
    assert [(p["key"], p["value"], p["status"]) for p in site.puts] == [(AI_KEY, False, 200)]


def test_the_older_template_is_read_and_switched(browser, site, base_url):
    site.template = "older"  # no role, no aria-checked, no aria-labelledby: label[for] and `checked` only
    opt_out(browser, site, base_url)
    wait_banner(browser, "protected")
    kinds = browser.execute_script(
        "return Array.from(document.querySelectorAll('input.artdeco-toggle__button'),"
        " (i) => [i.getAttribute('role'), i.getAttribute('aria-checked'), i.checked]);")
    assert kinds == [[None, None, False]], kinds
    assert [(p["key"], p["value"]) for p in site.puts] == [(AI_KEY, False)]


@pytest.mark.parametrize("time_zone", ["America/New_York"])
def test_member_b_never_inherits_member_as_protected(browser, site, base_url, time_zone):
    site.settings[AI_KEY] = False
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "protected")
    with popup_tab(browser):
        wait_badge(browser, "OFF")
    # Member A signs out and member B, whose setting is ON, signs in.
    site.member, site.settings[AI_KEY] = "sam-lee", True
    browser.get(base_url + "/feed/")
    host = wait_banner(browser, "unknown")  # never read for B; New York's rule: ON by default
    assert banner_button(host, "opt-out").is_displayed()
    with popup_tab(browser):
        wait_badge(browser, "?")
        assert "not read this LinkedIn account" in wait_popup(browser, "unknown")
        stored = str(storage_items(browser))
        assert "sam-lee" not in stored and "alex-rivera" not in stored, "an identifier was stored"
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "exposed")  # B's own setting page, read fresh
    # A signs in again: A's reading is back.
    site.member, site.settings[AI_KEY] = "alex-rivera", False
    browser.get(base_url + "/feed/")
    with popup_tab(browser):
        wait_badge(browser, "OFF")


def test_a_page_without_a_member_is_read_as_before_and_the_popup_says_so(browser, site, base_url):
    site.member = None  # the page shows no link to the member's own profile
    site.settings[AI_KEY] = False
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "protected")
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        wait_popup(browser, "protected")
        untold = browser.find_element(By.CSS_SELECTOR, "[data-notrain-member-untold]")
        wait_until(untold.is_displayed, message="the popup saying the account could not be told")


def test_a_checked_property_written_alone_is_seen_while_confirming(browser, site, base_url):
    """LinkedIn's component writes `checked` as a property (no attribute changes: a MutationObserver does not see
    it). Written during the fresh load's hold, NoTrain's ticks read it: never protected."""
    loads = opt_out(browser, site, base_url)
    wait_until(lambda: page_loads(site) == loads + 1, message="the fresh load")
    toggle = 'input[role="switch"][aria-labelledby="allowDataForGenerativeAI"]'
    # The property alone, on the fresh load's toggle (NoTrain loads the page again with location.reload(): the page
    # that clicked may still be there when the server has served the fresh load).
    wait_until(lambda: browser.execute_script(
        "const toggle = document.querySelector(arguments[0]);"
        "if (!toggle || performance.getEntriesByType('navigation')[0]?.type !== 'reload') return false;"
        "toggle.checked = true; return true;", toggle), message="the toggle on the fresh load")
    wait_until(lambda: watched(browser)[-1] not in ("working", "exposed"), message="NoTrain to read it")
    assert watched(browser)[-1] == "unknown", watched(browser)
    assert "protected" not in watched(browser)
