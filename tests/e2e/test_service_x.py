"""X end to end, in each browser, against the fake x.com (tests/fixtures/site/fake_x.py): the service turned on as a
user does (`grant_service`), the Grok training checkbox on /settings/grok_settings read in both of its wordings,
switched off with one click (the banner's, or the popup row's "Opt out now" in a new tab) and verified with
exactly one save, while the neighbouring personalization and memory checkboxes keep their values and are never
saved; OFF read as protected; a missing or doubled box is unknown and nothing is clicked; signed out, the sign-in
page says so; a service not turned on gets nothing of NoTrain's, and turning it off removes its popup row.
"""

import time

import pytest
from selenium.webdriver.common.by import By

from fake_x import TRAINING
from notrain import click_banner_button, grant_service, popup_tab, wait_banner, wait_until
from service_support import (PAGE, QUIET_S, SIGN_IN, assert_exposed, assert_nothing_of_notrain,
                             assert_protected_after_one_save, popup_rows, press_row_action, saves, stored_reading,
                             wait_reading, wait_row, wait_shown)

BOXES_JS = """return Array.from(document.querySelectorAll('input[type="checkbox"]'), (i) =>
  [document.getElementById(i.getAttribute('aria-describedby')).textContent, i.checked]);"""
NEIGHBOURS = {"allow_xai_personalization": True, "allow_grok_memory": True}


def boxes(browser):
    return browser.execute_script(BOXES_JS)


def open_page(browser, service_urls, count=3):
    browser.get(service_urls["x"] + PAGE["x"])
    wait_until(lambda: len(boxes(browser)) == count, message=f"{count} checkboxes on the Grok settings page")


@pytest.mark.parametrize("wording", ["2025", "2024"])
def test_on_reads_exposed_in_both_wordings(browser, browser_name, site, service_urls, wording):
    x = site.fakes["x"]
    x.wording = wording
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    assert boxes(browser)[0] == [TRAINING[wording], True]
    assert_exposed(browser, "x", x)


def test_opt_out_from_the_banner_leaves_the_neighbours_alone(browser, browser_name, site, service_urls):
    x = site.fakes["x"]
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")

    assert_protected_after_one_save(browser, "x", x, [("allow_xai_data_sharing", False, 200)])
    assert {k: x.settings[k] for k in NEIGHBOURS} == NEIGHBOURS, x.settings
    assert [checked for _, checked in boxes(browser)] == [False, True, True], "the page shows other values"


def test_opt_out_now_from_the_popup_in_a_new_tab(browser, browser_name, site, service_urls, request):
    x = site.fakes["x"]
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")

    press_row_action(browser, browser_name, site, request, "x", "exposed", "Opt out now")

    assert_protected_after_one_save(browser, "x", x, [("allow_xai_data_sharing", False, 200)])
    assert {k: x.settings[k] for k in NEIGHBOURS} == NEIGHBOURS, x.settings


def test_off_reads_protected_and_saves_nothing(browser, browser_name, site, service_urls):
    x = site.fakes["x"]
    x.on = False
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    assert wait_shown(browser, "x", "protected") is None, "a plain OFF reading shows a banner"
    assert wait_reading(browser, "x", "protected")["reason"] != "verified", "a plain read claims a verification"
    with popup_tab(browser):
        wait_row(browser, "x", "protected")
    assert saves(x) == []


@pytest.mark.parametrize("scenario, count, reason", [("missing", 2, "not-found"), ("two-switches", 4, "ambiguous")])
def test_missing_or_doubled_box_is_unknown_and_nothing_is_clicked(browser, browser_name, site, service_urls,
                                                                  scenario, count, reason):
    x = site.fakes["x"]
    x.scenario = scenario
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls, count)
    wait_banner(browser, "unknown")
    wait_reading(browser, "x", "unknown", reason)
    time.sleep(QUIET_S)
    assert all(checked for _, checked in boxes(browser)), "a checkbox was clicked"
    assert saves(x) == [] and all(x.settings.values())


def test_signed_out_waits_on_the_sign_in_page(browser, browser_name, site, service_urls, request):
    x = site.fakes["x"]
    x.scenario = "signed-out"
    grant_service(browser, browser_name, "x")
    press_row_action(browser, browser_name, site, request, "x", "unknown", "Check now")
    wait_until(lambda: SIGN_IN["x"] in browser.current_url, message="X's sign-in page")
    wait_banner(browser, "signed-out")
    assert saves(x) == [] and all(x.settings.values())


def test_not_turned_on_leaves_nothing_in_its_pages(browser, browser_name, site, service_urls):
    open_page(browser, service_urls)
    assert_nothing_of_notrain(browser)
    assert stored_reading(browser, "x") is None
    with popup_tab(browser):
        assert "x" not in popup_rows(browser)
    # Control: the same page, once the service is on, gets NoTrain's banner.
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    wait_banner(browser, "exposed")
    assert saves(site.fakes["x"]) == []


def test_the_banner_names_x(browser, browser_name, site, service_urls):
    grant_service(browser, browser_name, "x")
    open_page(browser, service_urls)
    host = wait_banner(browser, "exposed")
    sentence = host.shadow_root.find_element(By.CSS_SELECTOR, "p").text
    assert "LinkedIn" not in sentence, sentence
