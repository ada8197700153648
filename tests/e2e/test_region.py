"""The region NoTrain assumes, in each browser: inferred from the browser's time zone (the browser runs
with env TZ), shown as the banner's `data-region` and in the popup's `[data-notrain-region-info]`; a region chosen on
the options page wins over the time zone, and "automatic" gives the time zone back.
"""

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait

from notrain import AI_KEY, AI_PATH, POLL, TIMEOUT, banner_states, choose_region, popup_tab, wait_banner

REGION_INFO = "[data-notrain-region-info]"

_REGION_INFO_JS = """
const e = document.querySelector('[data-notrain-region-info]');
return e && {region: e.getAttribute('data-region'), source: e.getAttribute('data-source'), text: e.textContent};
"""


def open_setting_page(driver, base_url):
    """The AI setting page with the toggle ON; returns the banner's data-region once it shows exposed."""
    driver.get(base_url + AI_PATH)
    wait_banner(driver, "exposed")
    ((state, region),) = banner_states(driver)
    return region


def popup_region(driver):
    """In a popup tab: (data-region, data-source) of the region info, once the popup has rendered it."""
    last = {}

    def rendered(d):
        last.clear()
        last.update(d.execute_script(_REGION_INFO_JS) or {})
        return bool(last.get("text", "").strip())  # the popup writes a sentence when it shows the region

    with popup_tab(driver):
        try:
            WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(rendered)
        except TimeoutException:
            raise AssertionError(f"the popup never rendered {REGION_INFO}; last seen {last}") from None
        return last["region"], last["source"]


def wait_popup_region(driver, region, source):
    """In a popup tab: wait for the region info to say `region` from `source`."""
    last = {}

    def check(d):
        last.clear()
        last.update(d.execute_script(_REGION_INFO_JS) or {})
        return (last.get("text", "").strip() and last.get("region") == region and last.get("source") == source)

    with popup_tab(driver):
        try:
            WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(check)
        except TimeoutException:
            raise AssertionError(f"popup region info never showed {region!r} from {source!r}; last seen {last}") \
                from None


def browser_time_zone(driver):
    return driver.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone;")


# Tests of one time zone follow each other (Berlin last here, then the options test): the shared browser runs in one
# zone, and another one costs a browser start.
@pytest.mark.parametrize("time_zone, region", [("America/Toronto", "CA"), ("Europe/Berlin", "DE")])
def test_region_from_time_zone(browser, site, base_url, time_zone, region):
    site.settings[AI_KEY] = True
    shown = open_setting_page(browser, base_url)
    assert browser_time_zone(browser) == time_zone, "the browser did not get the time zone (env TZ)"
    assert shown == region, f"banner data-region {shown!r} in time zone {time_zone}"
    assert popup_region(browser) == (region, "time-zone")
    assert site.puts == []


@pytest.mark.parametrize("time_zone", ["Europe/Berlin"])
def test_options_choice_wins_over_time_zone(browser, site, base_url, time_zone):
    site.settings[AI_KEY] = True
    assert open_setting_page(browser, base_url) == "DE"

    choose_region(browser, "FR")
    assert open_setting_page(browser, base_url) == "FR", "the chosen region does not override the time zone"
    wait_popup_region(browser, "FR", "chosen")

    choose_region(browser, "")  # automatic again
    assert open_setting_page(browser, base_url) == "DE", "automatic did not return to the time zone's region"
    wait_popup_region(browser, "DE", "time-zone")
    assert site.puts == []


@pytest.mark.parametrize("time_zone", ["Etc/UTC"])
def test_no_region_from_utc(browser, site, base_url, time_zone):
    site.settings[AI_KEY] = True
    shown = open_setting_page(browser, base_url)
    assert browser_time_zone(browser) in ("Etc/UTC", "UTC")
    assert shown == "", f"UTC names no country, yet the banner says data-region={shown!r}"
    assert popup_region(browser) == ("", "none")
