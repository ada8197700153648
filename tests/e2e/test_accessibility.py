"""Accessibility and look: axe-core finds no violation in the banner in each of its states, in light and
dark, nor in the popup and options pages; the banner is operable by keyboard alone, shows where the focus is and
never takes it on load; at 200% zoom its buttons are whole and on screen, and at no zoom does it cover the page's
top navigation bar. Screenshots of every case land in target/screenshots/.

axe and the emulated colour scheme, reduced motion and zoom need Chromium (CDP); the keyboard test runs in both.
"""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import look
from guided_support import (AI_KEY, AI_PATH, DAY_MS, FEED, POLL, TIMEOUT, choose_region_saved, click_banner_button,
                            message, now_ms, popup_tab, reading, record, saves, wait_banner_shows, wait_popup,
                            write_storage)
from notrain import BANNER

THEMES = ("light", "dark")
NAV = "#global-nav"  # the fake LinkedIn's top bar (sticky, 52 px high)

_FOCUS_JS = """
const a = document.activeElement;
if (a && a.matches('[data-notrain-banner]')) {
  const inner = a.shadowRoot.activeElement;
  if (!inner) return {where: 'banner:host'};
  const style = getComputedStyle(inner);
  return {where: 'banner:' + (inner.dataset.action || inner.localName), outline: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth)};
}
return {where: 'page:' + (a ? a.localName : 'none')};
"""

_GEOMETRY_JS = """
const host = document.querySelector('[data-notrain-banner]');
const box = host.shadowRoot.querySelector('section');
const rect = (e) => { const r = e.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
const nav = document.querySelector(arguments[0]);
return {
  viewport: {width: innerWidth, height: innerHeight},
  box: rect(box), nav: nav ? rect(nav) : null,
  overflowX: box.scrollWidth - box.clientWidth, overflowY: box.scrollHeight - box.clientHeight,
  buttons: Array.from(host.shadowRoot.querySelectorAll('button'), (b) => b.hidden ? null :
    {action: b.dataset.action, ...rect(b), clipped: b.scrollWidth > b.clientWidth}).filter(Boolean),
};
"""


@pytest.fixture
def chromium(browser_name):
    if browser_name != "chromium":
        pytest.skip("axe, screenshots and the emulated colour scheme and zoom use Chromium's CDP")


@pytest.fixture(scope="session")
def axe():
    return look.axe_source()


@pytest.fixture
def emulation(chromium, browser):
    """CDP emulation on the test's tab, undone afterwards (the browser is shared)."""
    yield browser
    browser.switch_to.window(browser.window_handles[0])
    look.emulate_reset(browser)


# -- each banner state ---------------------------------------------------------------------------------------------

def _exposed(browser, site, base_url):
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)
    return wait_banner_shows(browser, "setting page, ON", state="exposed", hidden=False)


def _probably_exposed(browser, site, base_url, open_why=True):
    """Never read, region Germany (default ON): the one-click banner, with its explanation opened."""
    choose_region_saved(browser, "DE")
    browser.get(base_url + FEED)
    seen = wait_banner_shows(browser, "feed, never read, Germany", state="unknown", hidden=False)
    if not open_why:
        return seen
    click_banner_button(browser, "why")
    return wait_banner_shows(browser, "explanation opened", whyShown=True)


def _disabled(browser, site, base_url):
    site.scenario = "disabled"
    browser.get(base_url + AI_PATH)
    return wait_banner_shows(browser, "disabled toggle", state="exposed", hidden=False, offered=[])


def _failed(browser, site, base_url):
    site.scenario, site.settings[AI_KEY] = "save-fails", True
    _exposed(browser, site, base_url)
    click_banner_button(browser, "opt-out")
    return wait_banner_shows(browser, "save that flips back", state="failed", hidden=False)


def _verified(browser, site, base_url):
    _exposed(browser, site, base_url)
    click_banner_button(browser, "opt-out")
    return wait_banner_shows(browser, "verified opt-out", state="protected", hidden=False)


def _signed_out(browser, site, base_url):
    """A guided opt-out waits on the sign-in page."""
    site.settings[AI_KEY] = True
    write_storage(browser, {"record": record(pending={"requestedAtMs": now_ms(), "returnUrl": base_url + FEED})})
    site.scenario = "signed-out-login"
    browser.get(base_url + AI_PATH)
    return wait_banner_shows(browser, "sign-in page, request waiting", state="signed-out", hidden=False)


def _stale(browser, site, base_url):
    write_storage(browser, {"record": record(ai_training=reading("protected", 31 * DAY_MS))})
    browser.get(base_url + FEED)
    return wait_banner_shows(browser, "OFF read 31 days ago", state="protected", hidden=False)


STATES = {"exposed": (_exposed, "bannerExposed"), "probably-exposed": (_probably_exposed, "bannerProbablyExposed"),
          "disabled": (_disabled, "bannerExposedDisabled"), "failed": (_failed, "bannerFailedFlippedBack"),
          "verified": (_verified, "bannerVerified"), "signed-out": (_signed_out, "bannerSignInFirst"),
          "stale": (_stale, "bannerStale")}


def assert_no_violations(result, where):
    assert result["violations"] == [], f"axe, {where}:\n{look.describe_violations(result['violations'])}"


@pytest.mark.parametrize("case", STATES)
def test_banner_has_no_axe_violations(emulation, site, base_url, dist, axe, case):
    browser = emulation
    show, key = STATES[case]
    seen = show(browser, site, base_url)
    if "$" not in message(dist, key):
        assert seen["text"] == message(dist, key), f"{case}: not the state meant: {seen}"
    host = browser.find_element(By.CSS_SELECTOR, BANNER)
    for theme in THEMES:
        look.emulate(browser, theme)
        result = look.run_axe(browser, axe, host)
        assert_no_violations(result, f"banner {case}, {theme}")
        # axe looked inside the shadow root: it named every visible button and measured the text's contrast.
        named = [str(t) for t in result["checked"]["passes"].get("button-name", [])]
        assert len(named) == len(seen["offered"]) and all("data-action" in t for t in named), \
            f"{case}: axe did not check the banner's buttons {seen['offered']}: {named}"
        assert result["checked"]["passes"].get("color-contrast"), f"{case}, {theme}: no contrast measured"
        look.save_element(host, look.SCREENSHOTS, f"banner-{case}-{theme}")
        if case == "exposed":
            look.save_page(browser, look.SCREENSHOTS, f"page-setting-exposed-{theme}")


@pytest.mark.parametrize("page", ["popup", "options"])
def test_extension_pages_have_no_axe_violations(emulation, site, axe, page):
    browser = emulation
    write_storage(browser, {"record": record(ai_training=reading("exposed", 60 * 60 * 1000)),
                            "regionChoice": "DE"})
    with popup_tab(browser):
        if page == "popup":
            wait_popup(browser, "exposed")
            WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(
                lambda d: d.find_element(By.CSS_SELECTOR, "[data-notrain-popup-action]").is_displayed())
        else:
            browser.get(browser.notrain_base + "options.html")
            WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(
                lambda d: len(Select(d.find_element(By.CSS_SELECTOR, "select[data-notrain-region]")).options) > 1)
        assert browser.execute_script("return document.documentElement.lang"), f"{page}: no page language"
        for theme in THEMES:
            look.emulate(browser, theme)
            result = look.run_axe(browser, axe)
            assert_no_violations(result, f"{page}, {theme}")
            assert result["checked"]["passes"].get("color-contrast"), f"{page}, {theme}: no contrast measured"
            look.save_element(browser.find_element(By.CSS_SELECTOR, "main"), look.SCREENSHOTS, f"{page}-{theme}")
        look.emulate_reset(browser)


# -- keyboard ------------------------------------------------------------------------------------------------------

def focus(browser):
    return browser.execute_script(_FOCUS_JS)


def press(browser, key):
    ActionChains(browser).send_keys(key).perform()
    return focus(browser)


def test_banner_by_keyboard_alone(browser, site, base_url):
    """Tab reaches "Switch it off" (after the page's own controls: the banner comes last, as it sits at the
    bottom), its focus ring shows, Enter switches the setting off, the focus stays in the banner while the page
    verifies, and on the page loaded again to confirm, Tab + Enter dismiss the result. The banner never takes the
    focus when it appears."""
    _exposed(browser, site, base_url)
    assert focus(browser)["where"] == "page:body", f"the banner took the focus on load: {focus(browser)}"

    stops = []
    for _ in range(80):
        stops.append(press(browser, Keys.TAB))
        if stops[-1]["where"].startswith("banner:"):
            break
    reached = stops[-1]
    assert reached["where"] == "banner:opt-out", f"Tab never reached the banner's first button: {stops}"
    assert len(stops) > 3, f"the banner came before the page's own controls: {stops}"
    assert reached["outline"] == "solid" and reached["outlineWidth"] >= 2, f"no visible focus ring: {reached}"

    press(browser, Keys.ENTER)
    wait_banner_shows(browser, "after Enter on 'Switch it off'", state="working", hidden=False)
    assert focus(browser)["where"] == "banner:section", f"the focus left the banner: {focus(browser)}"
    wait_banner_shows(browser, "the result on the page loaded again", state="protected", hidden=False)
    assert site.settings[AI_KEY] is False and saves(site) == [(AI_KEY, False, 200)], saves(site)
    assert focus(browser)["where"] == "page:body", f"the banner took the focus on the fresh load: {focus(browser)}"

    for _ in range(80):
        if press(browser, Keys.TAB)["where"] == "banner:dismiss":
            break
    assert focus(browser)["where"] == "banner:dismiss", focus(browser)
    press(browser, Keys.ENTER)
    wait_banner_shows(browser, "after Enter on 'Dismiss'", hidden=True)


# -- zoom and the page's navigation --------------------------------------------------------------------------------

def geometry(browser):
    return browser.execute_script(_GEOMETRY_JS, NAV)


def zoomed(browser, width, height, factor):
    """The page laid out as a `width`x`height` window at `factor` zoom, once the page shows its nav bar."""
    WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(lambda d: d.find_elements(By.CSS_SELECTOR, NAV))
    look.emulate(browser, "light")
    look.zoom(browser, width, height, factor)
    WebDriverWait(browser, 10, poll_frequency=POLL).until(
        lambda d: geometry(d)["viewport"]["width"] == round(width / factor))
    return geometry(browser)


def inside(inner, outer, slack=0.5):
    return (inner["left"] >= outer["left"] - slack and inner["top"] >= outer["top"] - slack
            and inner["right"] <= outer["right"] + slack and inner["bottom"] <= outer["bottom"] + slack)


@pytest.mark.parametrize("case", ["exposed", "probably-exposed"])
def test_banner_at_200_percent_zoom(emulation, site, base_url, case):
    """1280x800 at 200%: the whole banner (explanation closed) on screen without scrolling, every button whole,
    the nav bar free."""
    browser = emulation
    if case == "exposed":
        _exposed(browser, site, base_url)
    else:
        _probably_exposed(browser, site, base_url, open_why=False)
    g = zoomed(browser, 1280, 800, 2)
    screen = {"left": 0, "top": 0, "right": g["viewport"]["width"], "bottom": g["viewport"]["height"]}
    assert inside(g["box"], screen), f"banner off screen at 200%: {g}"
    assert g["overflowX"] <= 0 and g["overflowY"] <= 0, f"banner needs scrolling at 200%: {g}"
    assert g["buttons"], g
    for button in g["buttons"]:
        assert inside(button, g["box"]) and not button["clipped"], f"button cut off at 200%: {button}; {g}"
    assert g["nav"] and g["box"]["top"] >= g["nav"]["bottom"], f"banner covers the nav bar: {g}"
    look.save_page(browser, look.SCREENSHOTS, f"zoom-200-{case}")


@pytest.mark.parametrize("size", [(1280, 800, 4), (1280, 400, 2), (360, 640, 1)], ids=["400pct", "short", "phone"])
def test_banner_never_covers_the_nav_bar(emulation, site, base_url, size):
    """Where the window is too small for the whole banner, it scrolls inside itself below the nav bar, and each
    of its buttons comes into view when it takes the focus."""
    browser = emulation
    _probably_exposed(browser, site, base_url)
    g = zoomed(browser, *size)
    screen = {"left": 0, "top": 0, "right": g["viewport"]["width"], "bottom": g["viewport"]["height"]}
    assert g["nav"] and g["box"]["top"] >= g["nav"]["bottom"], f"banner covers the nav bar: {g}"
    assert inside(g["box"], screen) and g["overflowX"] <= 0, f"banner off screen or too wide: {g}"
    host = browser.find_element(By.CSS_SELECTOR, BANNER)
    for action in [b["action"] for b in g["buttons"]]:
        browser.execute_script("arguments[0].shadowRoot.querySelector(`[data-action='${arguments[1]}']`).focus()",
                               host, action)
        shown = next(b for b in geometry(browser)["buttons"] if b["action"] == action)
        assert inside(shown, geometry(browser)["box"]), f"{action}: not brought into view when focused: {shown}"
    look.save_page(browser, look.SCREENSHOTS, f"zoom-{'x'.join(map(str, size))}")
