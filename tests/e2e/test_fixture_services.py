"""The fakes of ChatGPT, X and Claude (tests/fixtures/site/fake_*.py) on their own: over HTTPS (the strict CSP on
every response, redirects) and in a browser without the extension (each under its real host name with no CSP
violation, ChatGPT's pointerdown / mousedown controls, its hash route and late portals, saves that the controls
follow). Guards the fixtures, not the extension.
"""

import http.client
import json
import re
import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from fake_x import TRAINING
from notrain import POLL
from test_fixture_site import CSP, TLS

PROFILE = '[data-testid="accounts-profile-button"]'
SETTINGS_ITEM = '[data-testid="settings-menu-item"]'
DATA_TAB = '[data-testid="data-controls-tab"]'
OPEN_MODAL = 'button[data-testid="improve-model-open-modal-button"]'
CHATGPT_SWITCH = 'button[role="switch"][data-testid="improve-model-toggle"]'
DIALOG = '[role="dialog"]'
X_PAGE, CLAUDE_PAGE = "/settings/grok_settings", "/settings/data-privacy-controls"
BOXES_JS = """return Array.from(document.querySelectorAll('input[type="checkbox"]'), (i) => ({
  label: document.getElementById(i.getAttribute('aria-describedby')).textContent, name: i.name, checked: i.checked}));"""
SWITCH_JS = """return Array.from(document.querySelectorAll('button[role="switch"]'), (b) => ({
  name: document.getElementById(b.getAttribute('aria-labelledby')).textContent, checked: b.getAttribute('aria-checked')}));"""


def call(site, host, method, path, body=None):
    conn = http.client.HTTPSConnection(site.address, site.port, context=TLS, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Host": host})
        res = conn.getresponse()
        return res.status, res.headers, res.read().decode()
    finally:
        conn.close()


def wait_for(driver, css, count=1, timeout=10):
    """The elements matching `css` once there are at least `count`."""
    return WebDriverWait(driver, timeout, poll_frequency=POLL).until(
        lambda d: (lambda found: found if len(found) >= count else False)(d.find_elements(By.CSS_SELECTOR, css)))


def load(driver, url):
    """A fresh page load even when only the fragment differs from the current URL's."""
    driver.get("about:blank")
    driver.get(url)


def saves(fake):
    return [(s.get("key"), s["value"], s["status"]) for s in fake.saves]


REQUESTS = [("chatgpt.com", "GET", "/"), ("chatgpt.com", "GET", "/static/chatgpt.js"),
            ("chatgpt.com", "GET", "/backend-api/settings/user"), ("chatgpt.com", "GET", "/auth/login"),
            ("chatgpt.com", "PATCH", "/backend-api/settings/account_user_setting?feature=training_allowed&value=true"),
            ("x.com", "GET", X_PAGE), ("x.com", "GET", "/i/api/graphql/GrokSettingsScreenQuery"),
            ("x.com", "POST", "/i/api/graphql/UpdateGrokSettings"), ("x.com", "GET", "/i/flow/login"),
            ("claude.ai", "GET", CLAUDE_PAGE), ("claude.ai", "PATCH", "/api/account/settings"),
            ("claude.ai", "GET", "/login"), ("claude.ai", "GET", "/nothing/here")]


@pytest.mark.parametrize("signed_in", [True, False])
def test_every_fake_response_has_the_strict_csp_with_a_fresh_nonce(site, signed_in):
    for fake in site.fakes.values():
        fake.scenario = None if signed_in else "signed-out"
    nonces = []
    for host, method, path in REQUESTS:
        status, headers, body = call(site, host, method, path, body=None if method == "GET" else "{}")
        policy = headers.get_all("Content-Security-Policy") or []
        assert len(policy) == 1 and CSP.fullmatch(policy[0]), f"{method} {host}{path} -> {status}: {policy}"
        nonce = CSP.fullmatch(policy[0]).group(1)
        nonces.append(nonce)
        scripts = re.findall(r"<script\b[^>]*>", body)
        assert all(f'nonce="{nonce}"' in tag for tag in scripts), f"{host}{path}: {scripts}"
        assert "role=\"switch\"" not in body and "checkbox" not in body, "the controls come from the app's script"
    assert len(set(nonces)) == len(nonces), "a nonce was reused"
    assert call(site, "www.linkedin.com", "GET", "/feed/")[0] in (200, 303), "LinkedIn still answers its host"


def test_signed_out_redirects_and_unknown_scenarios(site):
    for fake in site.fakes.values():
        fake.scenario = "signed-out"
    assert call(site, "x.com", "GET", X_PAGE)[1]["Location"] == "/i/flow/login?redirect_after_login=%2Fsettings%2Fgrok_settings"
    assert call(site, "claude.ai", "GET", CLAUDE_PAGE)[1]["Location"].startswith("/login?returnTo=")
    assert call(site, "chatgpt.com", "GET", "/backend-api/settings/user")[0] == 401
    for fake in site.fakes.values():
        with pytest.raises(ValueError):
            fake.scenario = "lang-de"
    site.reset()
    assert all(fake.scenario is None and fake.on and fake.saves == [] for fake in site.fakes.values())


def test_fakes_load_under_their_hosts_without_csp_violations(plain_browser, service_urls):
    d = plain_browser
    for service, path, ready in (("chatgpt", "/", PROFILE), ("x", X_PAGE, 'input[type="checkbox"]'),
                                 ("claude", CLAUDE_PAGE, 'button[role="switch"]')):
        d.get(service_urls[service] + path)
        wait_for(d, ready)
        assert d.current_url == service_urls[service] + path
        assert d.execute_script("return window.__fakeKit.cspViolations;") == [], service
    # The page's CSP is enforced, and the kit records what it blocks: an inline script without the nonce.
    d.execute_script("const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                     "document.head.append(s);")
    WebDriverWait(d, 5, POLL).until(lambda d: d.execute_script("return window.__fakeKit.cspViolations.length;"))
    assert d.execute_script("return window.__ran;") is None


def test_chatgpt_menu_route_to_the_switch_and_its_save(plain_browser, site, service_urls):
    d, chatgpt = plain_browser, site.fakes["chatgpt"]
    d.get(service_urls["chatgpt"] + "/")
    (profile,) = wait_for(d, PROFILE)
    assert profile.find_element(By.CSS_SELECTOR, "div.flex.min-w-0.items-center.gap-2 .truncate").text == "Alex Rivera"
    d.execute_script("arguments[0].click();", profile)  # a click event alone: no pointerdown
    time.sleep(0.5)
    assert not d.find_elements(By.CSS_SELECTOR, SETTINGS_ITEM), "the menu opened on a bare click"
    profile.click()  # WebDriver's click sends pointerdown and mousedown too
    wait_for(d, SETTINGS_ITEM)[0].click()
    (tab,) = wait_for(d, DATA_TAB)
    assert d.execute_script("return location.hash;") == "#settings/General"
    d.execute_script("arguments[0].click();", tab)
    assert tab.get_attribute("aria-selected") == "false", "the tab opened on a bare click"
    tab.click()
    wait_for(d, OPEN_MODAL)[0].click()
    assert d.execute_script("return location.hash;") == "#settings/DataControls"
    assert not d.find_elements(By.CSS_SELECTOR, CHATGPT_SWITCH), "the switch's dialog should render late"
    (switch,) = wait_for(d, CHATGPT_SWITCH)
    assert d.execute_script(SWITCH_JS) == [{"name": "Improve the model for everyone", "checked": "true"}]
    assert d.execute_script(  # both dialogs are portals at the end of body, the switch's last
        "const last = document.body.lastElementChild, prev = last.previousElementSibling;"
        "return [last.hasAttribute('data-portal') && !!last.querySelector(arguments[0]),"
        "prev.hasAttribute('data-portal') && !!prev.querySelector(arguments[1])];", CHATGPT_SWITCH, DATA_TAB) == [True, True]
    switch.click()
    WebDriverWait(d, 5, POLL).until(lambda d: d.execute_script(SWITCH_JS)[0]["checked"] == "false")
    assert saves(chatgpt) == [(None, False, 200)] and chatgpt.on is False
    with pytest.raises(StaleElementReferenceException):
        switch.get_attribute("aria-checked")  # a re-render replaced the node
    assert d.find_element(By.CSS_SELECTOR, OPEN_MODAL).text == "Off"


def test_chatgpt_hash_route_and_scenarios(plain_browser, site, service_urls):
    d, chatgpt = plain_browser, site.fakes["chatgpt"]
    base = service_urls["chatgpt"]
    load(d, base + "/#settings/DataControls")
    (tab,) = wait_for(d, DATA_TAB)
    assert tab.get_attribute("aria-selected") == "true"
    wait_for(d, OPEN_MODAL)

    chatgpt.scenario = "save-fails"
    load(d, base + "/#settings/DataControls")
    wait_for(d, OPEN_MODAL)[0].click()
    wait_for(d, CHATGPT_SWITCH)[0].click()
    WebDriverWait(d, 5, POLL).until(lambda d: saves(chatgpt) == [(None, False, 500)])
    WebDriverWait(d, 5, POLL).until(lambda d: d.execute_script(SWITCH_JS)[0]["checked"] == "true")
    assert chatgpt.on is True and d.find_element(By.CSS_SELECTOR, "[role=alert]").is_displayed()

    for scenario, count in (("missing", 0), ("two-switches", 2)):
        chatgpt.scenario = scenario
        load(d, base + "/#settings/DataControls")
        wait_for(d, OPEN_MODAL)[0].click()
        wait_for(d, f"[data-portal] {DIALOG} h2", count=2)  # Settings, then the switch's dialog
        assert len(d.find_elements(By.CSS_SELECTOR, CHATGPT_SWITCH)) == count, scenario

    chatgpt.scenario = "no-hash-route"
    load(d, base + "/#settings/DataControls")
    wait_for(d, PROFILE)
    time.sleep(1)
    assert not d.find_elements(By.CSS_SELECTOR, DIALOG), "the hash opened Settings"

    chatgpt.scenario = "signed-out"
    d.get(base + "/")
    wait_for(d, '[data-testid="login-button"]')[0].click()
    WebDriverWait(d, 5, POLL).until(lambda d: d.current_url == base + "/auth/login")
    assert not d.find_elements(By.CSS_SELECTOR, PROFILE)
    d.find_element(By.ID, "email").send_keys("alex@example.com")
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(d, PROFILE)
    assert saves(chatgpt) == [(None, False, 500)], "only the one refused save"


def test_x_boxes_save_independently(plain_browser, site, service_urls):
    d, x = plain_browser, site.fakes["x"]
    d.get(service_urls["x"] + X_PAGE)
    wait_for(d, 'input[type="checkbox"]', count=3)
    boxes = d.execute_script(BOXES_JS)
    assert [b["label"] for b in boxes][0] == TRAINING["2025"] and all(b["checked"] for b in boxes)
    assert [b["name"] for b in boxes] == ["allowXaiDataSharingCustomization", "", ""]
    d.find_elements(By.CSS_SELECTOR, 'input[type="checkbox"]')[2].click()
    WebDriverWait(d, 5, POLL).until(lambda d: x.saves)
    d.find_elements(By.CSS_SELECTOR, 'input[type="checkbox"]')[0].click()
    WebDriverWait(d, 5, POLL).until(lambda d: len(x.saves) == 2)
    assert saves(x) == [("allow_grok_memory", False, 200), ("allow_xai_data_sharing", False, 200)]
    assert x.settings == {"allow_xai_data_sharing": False, "allow_xai_personalization": True,
                          "allow_grok_memory": False} and x.on is False
    d.refresh()
    wait_for(d, 'input[type="checkbox"]', count=3)
    assert [b["checked"] for b in d.execute_script(BOXES_JS)] == [False, True, False]

    x.wording, x.scenario = "2024", "two-switches"
    d.get(service_urls["x"] + X_PAGE)
    wait_for(d, 'input[type="checkbox"]', count=4)
    labels = [b["label"] for b in d.execute_script(BOXES_JS)]
    assert labels.count(TRAINING["2024"]) == 2 and len(labels) == 4
    x.scenario = "missing"
    d.get(service_urls["x"] + X_PAGE)
    wait_for(d, 'input[type="checkbox"]', count=2)
    assert TRAINING["2024"] not in [b["label"] for b in d.execute_script(BOXES_JS)]
    x.scenario = "signed-out"
    d.get(service_urls["x"] + X_PAGE)
    assert d.current_url.startswith(service_urls["x"] + "/i/flow/login?redirect_after_login=")


def test_claude_switch_saves_and_follows_the_server(plain_browser, site, service_urls):
    d, claude = plain_browser, site.fakes["claude"]
    page = service_urls["claude"] + CLAUDE_PAGE
    d.get(page)
    wait_for(d, 'button[role="switch"]')[0].click()
    WebDriverWait(d, 5, POLL).until(lambda d: d.execute_script(SWITCH_JS) == [
        {"name": "Help improve Claude", "checked": "false"}])
    assert saves(claude) == [(None, False, 200)] and claude.on is False
    assert re.fullmatch(r":r[0-9a-v]+:", d.find_element(By.CSS_SELECTOR, 'button[role="switch"]')
                        .get_attribute("aria-labelledby"))
    claude.scenario = "save-fails"
    d.get(page)
    wait_for(d, 'button[role="switch"]')[0].click()
    WebDriverWait(d, 5, POLL).until(lambda d: len(claude.saves) == 2)
    WebDriverWait(d, 5, POLL).until(lambda d: d.execute_script(SWITCH_JS)[0]["checked"] == "false")
    assert saves(claude)[1] == (None, True, 500) and claude.on is False
    claude.scenario = "two-switches"
    d.get(page)
    assert len(wait_for(d, 'button[role="switch"]', count=2)) == 2
    claude.scenario = "signed-out"
    d.get(page)
    assert d.current_url.startswith(service_urls["claude"] + "/login?returnTo=")
    assert json.loads(call(site, "claude.ai", "GET", "/api/account/settings")[2])["error"]["type"] == \
        "authentication_error"
