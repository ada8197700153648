"""ChatGPT end to end, in each browser, against the fake chatgpt.com (tests/fixtures/site/fake_chatgpt.py): the
service turned on as a user does (`grant_service`); asked from the popup ("Check now", which opens
`/#settings/DataControls` in a new tab), NoTrain opens the "Improve the model for everyone" dialog and reads its
switch; one click (the banner's, or the popup row's "Opt out now") switches it off, verified with exactly one save.
Without a request the route presses nothing and leaves no reading; OFF reads protected; a missing or doubled switch
is unknown with nothing clicked; without the hash route the profile menu still leads to the switch; a refused save
ends failed, never protected; signed out, the sign-in page says so; a service not turned on gets nothing of
NoTrain's, and turning it off removes its popup row.
"""

import time

import pytest
from selenium.webdriver.common.by import By

from notrain import click_banner_button, grant_service, popup_tab, wait_banner, wait_until
from service_support import (PAGE, QUIET_S, SIGN_IN, assert_exposed, assert_nothing_of_notrain,
                             assert_protected_after_one_save, popup_rows, press_row_action, saves, states_until,
                             stored_reading, wait_reading, wait_shown)

SWITCH = 'button[role="switch"][data-testid="improve-model-toggle"]'
SWITCHES_JS = "return Array.from(document.querySelectorAll(arguments[0]), (b) => b.getAttribute('aria-checked'));"
OPEN_MODAL = 'button[data-testid="improve-model-open-modal-button"]'


def switches(browser):
    return browser.execute_script(SWITCHES_JS, SWITCH)


def check_now(browser, browser_name, site, request):
    """Turn ChatGPT on and ask NoTrain to read it, as a user does: the popup row's "Check now", in a new tab."""
    grant_service(browser, browser_name, "chatgpt")
    press_row_action(browser, browser_name, site, request, "chatgpt", "unknown", "Check now")
    wait_until(lambda: browser.current_url.endswith(PAGE["chatgpt"]), message="the Data controls route")


def test_check_now_reads_on_as_exposed(browser, browser_name, site, request):
    check_now(browser, browser_name, site, request)
    assert_exposed(browser, "chatgpt", site.fakes["chatgpt"])
    assert switches(browser) == ["true"], "the switch's dialog is not open"


def test_opt_out_from_the_banner(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    check_now(browser, browser_name, site, request)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")

    assert_protected_after_one_save(browser, "chatgpt", chatgpt, [(None, False, 200)])


def test_opt_out_now_from_the_popup_in_a_new_tab(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    check_now(browser, browser_name, site, request)
    wait_banner(browser, "exposed")

    press_row_action(browser, browser_name, site, request, "chatgpt", "exposed", "Opt out now")

    assert_protected_after_one_save(browser, "chatgpt", chatgpt, [(None, False, 200)])


def test_off_reads_protected_and_saves_nothing(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    chatgpt.on = False
    check_now(browser, browser_name, site, request)
    wait_shown(browser, "chatgpt", "protected")
    assert wait_reading(browser, "chatgpt", "protected")["reason"] != "verified", "a plain read claims a verification"
    assert saves(chatgpt) == []


def test_the_route_without_a_request_presses_nothing(browser, browser_name, site, service_urls):
    chatgpt = site.fakes["chatgpt"]
    grant_service(browser, browser_name, "chatgpt")
    browser.get(service_urls["chatgpt"] + PAGE["chatgpt"])
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, OPEN_MODAL), message="Settings at Data controls")
    # Never read, ON by default everywhere: the banner says so and offers the opt-out; it opens nothing itself.
    wait_banner(browser, "unknown")
    time.sleep(QUIET_S)
    assert switches(browser) == [], "the switch's dialog was opened"
    assert stored_reading(browser, "chatgpt") is None
    assert saves(chatgpt) == []


@pytest.mark.parametrize("scenario, count, reason", [("missing", 0, "not-found"), ("two-switches", 2, "ambiguous")])
def test_missing_or_doubled_switch_is_unknown_and_nothing_is_clicked(browser, browser_name, site, request,
                                                                     scenario, count, reason):
    chatgpt = site.fakes["chatgpt"]
    chatgpt.scenario = scenario
    check_now(browser, browser_name, site, request)
    wait_banner(browser, "unknown")
    wait_reading(browser, "chatgpt", "unknown", reason)
    time.sleep(QUIET_S)
    assert switches(browser) == ["true"] * count, "a switch was clicked"
    assert saves(chatgpt) == [] and chatgpt.on is True


def test_without_the_hash_route_the_profile_menu_leads_to_the_switch(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    chatgpt.scenario = "no-hash-route"
    check_now(browser, browser_name, site, request)
    # Through the menu the switch shows within a second or two (each step renders at once, the dialog ~300 ms late).
    wait_until(lambda: switches(browser), timeout=10, message="the switch, reached through the profile menu")
    assert_exposed(browser, "chatgpt", chatgpt)

    click_banner_button(browser, "opt-out")

    assert_protected_after_one_save(browser, "chatgpt", chatgpt, [(None, False, 200)])


def test_a_refused_save_ends_failed_never_protected(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    chatgpt.scenario = "save-fails"
    check_now(browser, browser_name, site, request)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")

    seen = states_until(browser, "failed")
    assert "protected" not in seen, f"protected shown on the way: {seen}"
    wait_reading(browser, "chatgpt", "failed")
    time.sleep(QUIET_S)  # a late "protected", or a second click, would show now
    assert states_until(browser, "failed") == ["failed"]
    assert saves(chatgpt) == [(None, False, 500)], "expected exactly one (refused) save"
    assert chatgpt.on is True


def test_signed_out_waits_on_the_sign_in_page(browser, browser_name, site, request):
    chatgpt = site.fakes["chatgpt"]
    chatgpt.scenario = "signed-out"
    check_now(browser, browser_name, site, request)
    (login,) = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, '[data-testid="login-button"]'),
                          message="the Log in button")
    time.sleep(QUIET_S)
    assert browser.current_url.endswith(PAGE["chatgpt"]), "NoTrain pressed something: " + browser.current_url
    login.click()  # the user signs in
    wait_until(lambda: browser.current_url.endswith(SIGN_IN["chatgpt"]), message="ChatGPT's sign-in page")
    wait_banner(browser, "signed-out")
    assert saves(chatgpt) == []


def test_not_turned_on_leaves_nothing_in_its_pages(browser, browser_name, site, service_urls, request):
    browser.get(service_urls["chatgpt"] + PAGE["chatgpt"])
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, OPEN_MODAL), message="Settings at Data controls")
    assert_nothing_of_notrain(browser)
    assert stored_reading(browser, "chatgpt") is None
    with popup_tab(browser):
        assert "chatgpt" not in popup_rows(browser)
    # Control: once the service is on, the same page read on request gets NoTrain's banner.
    check_now(browser, browser_name, site, request)
    wait_banner(browser, "exposed")


def test_the_banner_names_chatgpt(browser, browser_name, site, request):
    check_now(browser, browser_name, site, request)
    host = wait_banner(browser, "exposed")
    sentence = host.shadow_root.find_element(By.CSS_SELECTOR, "p").text
    assert "LinkedIn" not in sentence, sentence
