"""The user takes away NoTrain's access to www.linkedin.com (both browsers let them). The popup says so
and offers to ask for it again from the user's click; nothing else breaks: the popup still shows the last reading,
and NoTrain is simply absent from LinkedIn's pages until access comes back.

How access is taken away and given back, per browser:
- Chromium: the extensions page's own API (`chrome.developerPrivate`, as its "Site access" menu does): "on click",
  then "on all sites". The popup's button opens Chromium's confirmation, which a headless test cannot answer, so
  Chromium checks that pressing it breaks nothing and that the popup follows the grant made on the extensions page.
- Firefox: `permissions.remove` from the extension's page (as about:addons' switch does); the popup's button then
  grants it again (the test profile turns off the confirmation doorhanger).
"""
import time

from guided_support import FEED, wait_banner_shows
from notrain import AI_KEY, AI_PATH, TIMEOUT, popup_tab, wait_banner, wait_popup, wait_until

LINKEDIN = "{origins: ['https://www.linkedin.com/*']}"
_ACCESS_JS = ("const e = document.querySelector('[data-notrain-popup]'); const a = document.getElementById('access');"
              "return e && a && {access: e.dataset.access, shown: !a.hidden && a.getClientRects().length > 0};")


def banner_hosts(driver):
    return driver.execute_script("return document.querySelectorAll('[data-notrain-banner]').length")


def access(driver):
    return driver.execute_script(_ACCESS_JS) or {}


def wait_access(driver, expected):
    return wait_until(lambda: access(driver).get("access") == expected and access(driver), timeout=TIMEOUT,
                      message=f"the popup to say access is {expected} (last {access(driver)})")


def set_chromium_access(driver, host_access):
    extension_id = driver.notrain_base.split("/")[2]
    page = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.get(f"chrome://extensions/?id={extension_id}")
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "chrome.developerPrivate.updateExtensionConfiguration({extensionId: arguments[0], hostAccess: arguments[1]})"
        ".then(() => done('ok'), (e) => done(String(e)));", extension_id, host_access)
    assert result == "ok", result
    driver.close()
    driver.switch_to.window(page)


def remove_firefox_access(driver):
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"browser.permissions.remove({LINKEDIN}).then((r) => done(String(r)), (e) => done(String(e)));")
    assert result == "true", result


def test_access_taken_away_is_said_and_can_be_asked_for_again(driver, browser_name, site, base_url):
    site.settings[AI_KEY] = True
    driver.get(base_url + AI_PATH)
    wait_banner(driver, "exposed")

    with popup_tab(driver):
        # the popup checks access once its core has started (the core names the origins)
        assert wait_access(driver, "granted") == {"access": "granted", "shown": False}
        if browser_name == "chromium":
            set_chromium_access(driver, "ON_CLICK")
        else:
            remove_firefox_access(driver)
        assert wait_access(driver, "missing")["shown"], "the popup must say NoTrain has no access"
        wait_popup(driver, "exposed")  # the last reading still shows

    driver.get(base_url + FEED)  # without access: NoTrain must not run here (checked below, once access is back)
    without_access = driver.current_window_handle

    with popup_tab(driver):
        wait_access(driver, "missing")
        driver.find_element("id", "grant").click()  # a real, trusted click
        if browser_name == "chromium":
            time.sleep(1)  # Chromium now asks the user; headless, nobody answers
            assert access(driver)["access"] == "missing"
            wait_popup(driver, "exposed")
            set_chromium_access(driver, "ON_ALL_SITES")
        assert wait_access(driver, "granted") == {"access": "granted", "shown": False}
        wait_popup(driver, "exposed")

    # With access back, the feed in a new tab gets its banner: NoTrain's content script ran there and the background
    # answered. The feed opened without access, which would have reported long before (at its load, before access
    # came back), still has no banner host: its content script never ran. (A fixed wait instead would pass whenever
    # the background answers later than the wait.)
    driver.switch_to.new_window("tab")
    driver.get(base_url + FEED)
    wait_banner_shows(driver, "the feed with access back", state="exposed", hidden=False)
    driver.switch_to.window(without_access)
    assert banner_hosts(driver) == 0, "NoTrain ran on a LinkedIn page while it had no access"
