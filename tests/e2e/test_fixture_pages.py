"""The fake LinkedIn pages in a real browser without the extension: late hydration, saving and failed saves,
in-app navigation, every scenario's rendering, sign-in redirects. Guards the fixture, not the extension.
"""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from content import AI_PAGE, DECOY
from notrain import AI_KEY, AI_PATH, ai_toggles, wait_until

SWITCHES_JS = """
return Array.from(document.querySelectorAll('input[role="switch"]'), (i) => ({
  labelledby: i.getAttribute('aria-labelledby'), checked: i.checked, aria: i.getAttribute('aria-checked'),
  disabled: i.disabled, id: i.id, wrapper: i.closest('.artdeco-toggle').id,
  a11y: (document.querySelector('label[for="' + i.id + '"] .a11y-text') || {}).textContent,
  word: i.closest('.artdeco-toggle').querySelector('.artdeco-toggle__text').textContent}));
"""


def switches(driver):
    return driver.execute_script(SWITCHES_JS)


def wait_switches(driver, count=1, timeout=15):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        lambda d: (lambda s: s if len(s) >= count else False)(switches(d)))


def test_late_hydration_then_click_saves_and_survives_reload(plain_browser, site, base_url):
    d = plain_browser
    d.get(base_url + AI_PATH)
    (sw,) = wait_switches(d)
    assert sw["labelledby"] == AI_KEY and sw["id"] == "adToggle_" + sw["wrapper"]  # as artdeco names it
    assert sw["wrapper"].startswith("ember") and (sw["checked"], sw["aria"], sw["word"]) == (True, "true", "On")
    assert d.find_element(By.ID, AI_KEY).text == AI_PAGE["en"][3]
    assert d.find_element(By.TAG_NAME, "h1").text == AI_PAGE["en"][0]

    d.find_element(By.CSS_SELECTOR, f'input[aria-labelledby="{AI_KEY}"]').click()
    assert ai_toggles(d) == [{"checked": False, "aria": "false", "word": "Off"}]
    wait_until(lambda: site.settings[AI_KEY] is False, 10, "the save")
    (saved,) = site.puts
    assert (saved["key"], saved["value"], saved["status"]) == (AI_KEY, False, 200)
    assert saved["headers"]["csrf-token"].startswith("ajax:")

    d.refresh()
    (sw,) = wait_switches(d)
    assert (sw["checked"], sw["aria"], sw["word"]) == (False, "false", "Off")


def test_failed_save_flips_back(plain_browser, site, base_url):
    site.scenario = "save-fails"
    plain_browser.get(base_url + AI_PATH)
    wait_switches(plain_browser)
    plain_browser.find_element(By.CSS_SELECTOR, f'input[aria-labelledby="{AI_KEY}"]').click()
    assert ai_toggles(plain_browser)[0]["checked"] is False
    clicked = time.monotonic()
    WebDriverWait(plain_browser, 10, 0.05).until(lambda d: ai_toggles(d)[0]["checked"] is True)
    assert time.monotonic() - clicked > 0.7, "should stay flipped for about a second"
    assert ai_toggles(plain_browser) == [{"checked": True, "aria": "true", "word": "On"}]
    assert plain_browser.find_element(By.CSS_SELECTOR, ".artdeco-toast-item[role=alert]").is_displayed()
    assert [(p["key"], p["status"]) for p in site.puts] == [(AI_KEY, 500)] and site.settings[AI_KEY] is True


def test_in_app_navigation_from_feed(plain_browser, site, base_url):
    d = plain_browser
    d.get(base_url + "/feed/")
    cta = WebDriverWait(d, 15, 0.1).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".feed-ai-settings__cta"))[0]
    assert d.find_elements(By.CSS_SELECTOR, ".feed-shared-update-v2")
    d.execute_script("window.__sameDocument = true;")
    cta.click()
    wait_switches(d)
    assert d.current_url == base_url + AI_PATH
    assert d.execute_script("return window.__sameDocument === true;"), "navigation reloaded the page"
    d.back()
    WebDriverWait(d, 15, 0.1).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".feed-shared-update-v2"))
    assert d.execute_script("return window.__sameDocument === true;")
    # the plain link is a full page load
    d.find_element(By.CSS_SELECTOR, "a.feed-ai-settings__link").click()
    wait_switches(d)
    assert d.execute_script("return window.__sameDocument;") is None


@pytest.mark.parametrize("lang", ["de", "pt-BR"])
def test_language_scenario_has_no_hook(plain_browser, site, base_url, lang):
    site.scenario = f"lang-{lang}"
    plain_browser.get(base_url + AI_PATH)
    (sw,) = wait_switches(plain_browser)
    title, _, _, label, on, _ = AI_PAGE[lang]
    assert plain_browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert sw["labelledby"] is None and sw["a11y"] == label and sw["word"] == on
    assert plain_browser.find_element(By.TAG_NAME, "h1").text == title
    assert not plain_browser.find_elements(By.ID, AI_KEY)


def test_other_scenarios_and_urls(plain_browser, site, base_url):
    d = plain_browser

    def load(scenario, path=AI_PATH, count=1):
        site.scenario = scenario
        d.get(base_url + path)
        return wait_switches(d, count)

    first, second = load("decoy", count=2)
    assert (first["labelledby"], first["checked"]) == (DECOY[0], True) and second["labelledby"] == AI_KEY
    assert [s["labelledby"] for s in load("two-hooks", count=2)] == [AI_KEY, AI_KEY]
    (sw,) = load("attrs-disagree")
    assert (sw["checked"], sw["aria"]) == (True, "false")
    (sw,) = load("disabled")
    assert sw["disabled"] and sw["labelledby"] == AI_KEY
    for path in (AI_PATH + "/", AI_PATH + "?trk=settings", AI_PATH.replace("/d/", "/m/")):
        (sw,) = load("en-hook", path)
        assert sw["labelledby"] == AI_KEY, path
    (sw,) = load("en-hook", "/mypreferences/d/settings/share-data-with-select-partners")
    assert sw["labelledby"] == "shareDataWithTrustedPartners"
    # the hub links to the AI page in-app
    site.scenario = "en-hook"
    d.get(base_url + "/mypreferences/d/categories/privacy")
    WebDriverWait(d, 15, 0.1).until(lambda d: d.find_elements(By.PARTIAL_LINK_TEXT, AI_PAGE["en"][0]))[0].click()
    assert wait_switches(d)[0]["labelledby"] == AI_KEY
    assert site.puts == []


def test_late_and_never(plain_browser, site, base_url):
    d = plain_browser
    site.scenario, site.late_ms = "late", 2500
    d.get(base_url + AI_PATH)
    WebDriverWait(d, 15, 0.1).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".settings-card__question"))
    assert switches(d) == [] and d.find_elements(By.CSS_SELECTOR, ".artdeco-loader")
    wait_switches(d, timeout=15)
    site.scenario = "never"
    d.get(base_url + AI_PATH)
    WebDriverWait(d, 15, 0.1).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".settings-card__question"))
    time.sleep(2)
    assert switches(d) == [] and d.find_elements(By.CSS_SELECTOR, ".artdeco-loader")


def test_signed_out_lands_on_sign_in_pages(plain_browser, site, base_url):
    d = plain_browser
    site.scenario = "signed-out"
    d.get(base_url + AI_PATH)
    assert "/authwall?" in d.current_url and "sessionRedirect=" in d.current_url
    assert d.find_elements(By.CSS_SELECTOR, "[data-test-id=authwall]") and switches(d) == []
    site.scenario = "signed-out-login"
    d.get(base_url + AI_PATH)
    assert "/login?session_redirect=" in d.current_url
    d.find_element(By.ID, "username").send_keys("alex@example.com")
    d.find_element(By.ID, "password").send_keys("hunter2")
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_switches(d)[0]["labelledby"] == AI_KEY, "signing in should lead back to the setting"
    assert d.current_url.startswith(base_url + AI_PATH)
