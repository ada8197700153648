"""Claude end to end, in each browser, against the fake claude.ai (tests/fixtures/site/fake_claude.py): the service
turned on as a user does (`grant_service`), the switch "Help improve Claude" on /settings/data-privacy-controls
(named through `aria-labelledby` with a generated id) read ON, switched off with one click (the banner's, or the
popup row's "Opt out now" in a new tab) and verified with exactly one save; OFF read as protected; a missing or
doubled switch is unknown and nothing is clicked; signed out, the sign-in page says so; a service not turned on
gets nothing of NoTrain's, and turning it off removes its popup row.
"""

import time

import pytest
from selenium.webdriver.common.by import By

from notrain import click_banner_button, grant_service, popup_tab, wait_banner, wait_until
from service_support import (PAGE, QUIET_S, SIGN_IN, assert_exposed, assert_nothing_of_notrain,
                             assert_protected_after_one_save, popup_rows, press_row_action, saves, stored_reading,
                             wait_reading, wait_shown)

SWITCHES_JS = """return Array.from(document.querySelectorAll('button[role="switch"]'), (b) =>
  [document.getElementById(b.getAttribute('aria-labelledby')).textContent, b.getAttribute('aria-checked')]);"""


def switches(browser):
    return browser.execute_script(SWITCHES_JS)


def open_page(browser, service_urls, count=1):
    browser.get(service_urls["claude"] + PAGE["claude"])
    wait_until(lambda: len(switches(browser)) == count, message=f"{count} switches on Claude's privacy page")


def test_on_reads_exposed(browser, browser_name, site, service_urls):
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    assert switches(browser) == [["Help improve Claude", "true"]]
    assert_exposed(browser, "claude", site.fakes["claude"])


def test_opt_out_from_the_banner(browser, browser_name, site, service_urls):
    claude = site.fakes["claude"]
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")

    assert_protected_after_one_save(browser, "claude", claude, [(None, False, 200)])
    assert switches(browser) == [["Help improve Claude", "false"]]


def test_opt_out_now_from_the_popup_in_a_new_tab(browser, browser_name, site, service_urls, request):
    claude = site.fakes["claude"]
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")

    press_row_action(browser, browser_name, site, request, "claude", "exposed", "Opt out now")

    assert_protected_after_one_save(browser, "claude", claude, [(None, False, 200)])


def test_off_reads_protected_and_saves_nothing(browser, browser_name, site, service_urls):
    claude = site.fakes["claude"]
    claude.on = False
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    assert wait_shown(browser, "claude", "protected") is None, "a plain OFF reading shows a banner"
    assert wait_reading(browser, "claude", "protected")["reason"] != "verified", "a plain read claims a verification"
    assert saves(claude) == []


@pytest.mark.parametrize("scenario, count, reason", [("missing", 0, "not-found"), ("two-switches", 2, "ambiguous")])
def test_missing_or_doubled_switch_is_unknown_and_nothing_is_clicked(browser, browser_name, site, service_urls,
                                                                     scenario, count, reason):
    claude = site.fakes["claude"]
    claude.scenario = scenario
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls, count)
    wait_banner(browser, "unknown")
    wait_reading(browser, "claude", "unknown", reason)
    time.sleep(QUIET_S)
    assert all(checked == "true" for _, checked in switches(browser)), "a switch was clicked"
    assert saves(claude) == [] and claude.on is True


def test_signed_out_waits_on_the_sign_in_page(browser, browser_name, site, request):
    claude = site.fakes["claude"]
    claude.scenario = "signed-out"
    grant_service(browser, browser_name, "claude")
    press_row_action(browser, browser_name, site, request, "claude", "unknown", "Check now")
    wait_until(lambda: SIGN_IN["claude"] + "?" in browser.current_url, message="Claude's sign-in page")
    wait_banner(browser, "signed-out")
    assert saves(claude) == [] and claude.on is True


def test_not_turned_on_leaves_nothing_in_its_pages(browser, browser_name, site, service_urls):
    open_page(browser, service_urls)
    assert_nothing_of_notrain(browser)
    assert stored_reading(browser, "claude") is None
    with popup_tab(browser):
        assert "claude" not in popup_rows(browser)
    # Control: the same page, once the service is on, gets NoTrain's banner.
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")
    assert saves(site.fakes["claude"]) == []


def test_the_banner_names_claude(browser, browser_name, service_urls):
    grant_service(browser, browser_name, "claude")
    open_page(browser, service_urls)
    host = wait_banner(browser, "exposed")
    sentence = host.shadow_root.find_element(By.CSS_SELECTOR, "p").text
    assert "LinkedIn" not in sentence, sentence
