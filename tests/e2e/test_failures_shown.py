"""A button of the popup or the options page never silently does nothing, in each browser: when the change it asks
the background for fails, the page says so in plain words (`[data-notrain-failure]`, an alert) and nothing is
written. The failure is made in the extension page itself (its `chrome.runtime.sendMessage` rejects, as it does when
the background cannot be reached): the browser offers no way to make its own messaging fail on demand.
"""

import pytest
from selenium.webdriver.common.by import By

from notrain import POLL, TIMEOUT, storage_items, wait_until

_BREAK_MESSAGING_JS = """
chrome.runtime.sendMessage = () => Promise.reject(new Error("the background cannot be reached"));
"""


@pytest.mark.parametrize("page, button", [("popup.html", "[data-notrain-review-start]"),
                                          ("options.html", "[data-notrain-review-start]")])
def test_a_failed_change_is_said_not_swallowed(browser, site, page, button):
    browser.get(browser.notrain_base + page)
    target = wait_until(lambda: (lambda found: found[0] if found and found[0].is_displayed() else None)(
        browser.find_elements(By.CSS_SELECTOR, button)), message=f"{button} on {page}")
    before = storage_items(browser)
    tabs = len(browser.window_handles)
    browser.execute_script(_BREAK_MESSAGING_JS)
    target.click()  # a person's click
    failure = browser.find_element(By.CSS_SELECTOR, "[data-notrain-failure]")
    wait_until(failure.is_displayed, timeout=TIMEOUT, poll=POLL, message="the page to say what failed")
    assert "the background cannot be reached" in failure.text, failure.text
    assert failure.get_attribute("role") == "alert"
    assert storage_items(browser) == before, "a failed change wrote something"
    assert len(browser.window_handles) == tabs, "a failed start left a tab behind"
