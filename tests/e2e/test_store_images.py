"""The store's images, made from the fake sites by the real extension in Chromium: per UI language and colour
scheme, 1280x800 PNGs in target/store/screenshots/<locale>/<scene>-<light|dark>.png of the scenes

    setting-on   the banner on LinkedIn's AI setting page while the toggle reads ON
    feed         the banner on LinkedIn's feed (the ON reading remembered)
    verified     the verified result after the one click on the setting page
    popup        the popup (LinkedIn, ChatGPT, X and Claude read), at its natural size, centred on a neutral canvas
    options      the options page

and the Chrome Web Store's small promotional tile, target/store/promo-tile.png (440x280), rendered from
tests/e2e/store/promo-tile.html with the built extension's icon, name and description. `cargo xtask package` runs
this file and copies the images.

NOTRAIN_STORE_LOCALES: unset, the regular suite's `de` (one language other than the default, so that `--lang` is
exercised); `all`, every language of extension/_locales; or a comma-separated list of them. With `all`, the two README pictures (docs/screenshots/) are written from the English
run too. The UI language is Chromium's `--lang` at start (`browsers.start_chromium`); each scene's text is checked
against that language's messages.json, so a language that falls back to English fails. Every image's state is
checked before it is taken, and its size after.
"""

import base64
import json
import os
import shutil
import struct

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import look
from guided_support import FEED, SETTING_URL, wait_banner_shows
from notrain import AI_KEY, POLL, TIMEOUT, click_banner_button, grant_service, popup_tab, wait_popup, wait_until
from service_support import PAGE, press_row_action, wait_row, wait_shown

HERE = look.ROOT / "tests" / "e2e"
STORE = look.ROOT / "target" / "store"
DOCS = look.ROOT / "docs" / "screenshots"
THEMES = ("light", "dark")
SCREEN = (1280, 800)
TILE = (440, 280)
# Chromium draws an action's popup at its page's preferred size, at most 800x600 (longer pages scroll in it).
POPUP_MAX = (800, 600)
LOCALES = sorted(p.name for p in (look.ROOT / "extension" / "_locales").iterdir() if p.is_dir())
DEFAULT_LOCALES = ("de",)
# The fake LinkedIn in the same language (its scenario); English is the default one.
SCENARIO = {"en": "en-hook", "pt_BR": "lang-pt-BR"}
# The popup's rows as the flow leaves them: LinkedIn switched off and verified, ChatGPT and X read ON, Claude OFF.
ROWS = {"linkedin": "protected", "chatgpt": "exposed", "x": "exposed", "claude": "protected"}

_PREFERRED_WIDTH_JS = """
const body = document.body;
body.style.width = 'max-content';  // its min-width and max-width still apply: the width a popup would get
const width = Math.ceil(body.getBoundingClientRect().width);
body.style.width = '';
return width;
"""


def store_locales():
    chosen = os.environ.get("NOTRAIN_STORE_LOCALES", "").strip()
    if not chosen:
        return list(DEFAULT_LOCALES)
    if chosen == "all":
        return LOCALES
    wanted = [name.strip() for name in chosen.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(LOCALES))
    if unknown:
        raise ValueError(f"NOTRAIN_STORE_LOCALES: no locale {unknown} in extension/_locales (known: {LOCALES})")
    return wanted


def docs_too():
    """The README's pictures come from the package run (`all`)."""
    return os.environ.get("NOTRAIN_STORE_LOCALES", "").strip() == "all"


def png_size(path):
    """(width, height) from the PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def messages(dist, locale):
    return json.loads((dist / "chrome" / "_locales" / locale / "messages.json").read_text(encoding="utf-8"))


class Words:
    """A locale's sentences as NoTrain shows them on LinkedIn, each checked to be that locale's own (an English
    fallback in another locale then fails the comparison with the page)."""

    def __init__(self, dist, locale):
        self.locale, self.own, self.english = locale, messages(dist, locale), messages(dist, "en")

    def __call__(self, key):
        text = self.own[key]["message"].replace("$SERVICE$", "LinkedIn")
        if self.locale != "en":
            assert text != self.english[key]["message"].replace("$SERVICE$", "LinkedIn"), \
                f"{self.locale}: {key} is not translated, so the page could not prove the locale"
        return text


@pytest.fixture
def chromium(browser_name):
    if browser_name != "chromium":
        pytest.skip("the store images use Chromium's CDP (colour scheme, viewport) and its --lang")


def assert_size(path, size):
    assert png_size(path) == size, f"{path}: {png_size(path)}, not {size}"
    return path


def emulate_viewport(driver, theme, size):
    """This tab in `theme`, its viewport exactly `size` (so a screenshot is that many pixels), motion reduced."""
    look.emulate(driver, theme)
    look.zoom(driver, *size, 1)
    WebDriverWait(driver, 10, poll_frequency=POLL).until(lambda d: d.execute_script(
        "return innerWidth === arguments[0] && innerHeight === arguments[1]"
        " && matchMedia('(prefers-color-scheme: ' + arguments[2] + ')').matches", *size, theme))


def shoot(driver, folder, scene):
    """The page as it is now, light and dark, 1280x800: `folder/<scene>-<theme>.png`; returns the paths."""
    paths = []
    for theme in THEMES:
        emulate_viewport(driver, theme, SCREEN)
        paths.append(assert_size(look.save_page(driver, folder, f"{scene}-{theme}"), SCREEN))
    look.emulate_reset(driver)
    return paths


def banner_scene(driver, what, text, offered, **expect):
    """Wait for the page drawn (its nav bar and, on the feed, its posts: the banner may come before them) and the
    banner showing `text` with the buttons `offered` (and `expect`); return what it shows."""
    drawn = "#global-nav" + (" ~ * .feed-shared-update-v2" if "feed" in what else "")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, drawn), message=f"{what}: the page drawn ({drawn})")
    seen = wait_banner_shows(driver, what, hidden=False, **expect)
    assert seen["shown"] and seen["text"] == text, f"{what}: not the banner meant ({text!r}): {seen}"
    assert set(offered) <= set(seen["offered"]), f"{what}: buttons {seen['offered']}, wanted {offered}"
    return seen


def read_services(driver, site, request, service_urls):
    """ChatGPT, X and Claude turned on in the options page as a user does, and each read on its fake: X ON,
    Claude OFF (its fake set so), ChatGPT ON after the popup row's "Check now" (it is read only on request)."""
    for service in ("chatgpt", "x", "claude"):
        grant_service(driver, "chromium", service)
    site.fakes["claude"].on = False
    for service, state in (("x", "exposed"), ("claude", "protected")):
        driver.get(service_urls[service] + PAGE[service])
        wait_shown(driver, service, state)
    press_row_action(driver, "chromium", site, request, "chatgpt", "unknown", None)
    wait_shown(driver, "chatgpt", "exposed")


def popup_pictures(driver, say):
    """In a popup tab showing every service's reading: the page at the size Chromium gives an action's popup, per
    theme, as {theme: (png_bytes, (width, height))}."""
    pictures = {}
    with popup_tab(driver):
        wait_popup(driver, "protected")
        for service, state in ROWS.items():
            wait_row(driver, service, state)
        heading = driver.find_element(By.ID, "services-heading").text
        assert heading == say("popupServicesHeading"), f"popup heading {heading!r}"
        for theme in THEMES:
            look.emulate(driver, theme)
            width = min(driver.execute_script(_PREFERRED_WIDTH_JS), POPUP_MAX[0])
            emulate_viewport(driver, theme, (width, POPUP_MAX[1]))
            height = min(driver.execute_script("return document.documentElement.scrollHeight"), POPUP_MAX[1])
            emulate_viewport(driver, theme, (width, height))
            pictures[theme] = (base64.b64decode(driver.get_screenshot_as_base64()), (width, height))
        look.emulate_reset(driver)
    return pictures


def compose_popup(driver, folder, pictures):
    """Each popup picture centred, unscaled, on tests/e2e/store/canvas.html: `folder/popup-<theme>.png`."""
    driver.get((HERE / "store" / "canvas.html").as_uri())
    paths = []
    for theme, (png, size) in pictures.items():
        emulate_viewport(driver, theme, SCREEN)
        driver.execute_script("document.getElementById('shot').src = arguments[0]",
                              "data:image/png;base64," + base64.b64encode(png).decode())
        drawn = wait_until(lambda: driver.execute_script(
            "const i = document.getElementById('shot'); const r = i.getBoundingClientRect();"
            "return i.complete && i.naturalWidth && [i.naturalWidth, i.naturalHeight, r.width, r.height];"),
            message="the popup picture on the canvas")
        assert drawn[:2] == list(size), f"popup picture {drawn[:2]}, taken at {size}"
        # Unscaled (the border's 2 px aside) and whole on the canvas.
        assert drawn[2:] == [size[0] + 2, size[1] + 2] and size[1] + 2 <= SCREEN[1], f"drawn {drawn}, taken {size}"
        paths.append(assert_size(look.save_page(driver, folder, f"popup-{theme}"), SCREEN))
    look.emulate_reset(driver)
    return paths


def options_scene(driver, folder, say):
    with popup_tab(driver):
        driver.get(driver.notrain_base + "options.html")
        WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(
            lambda d: len(Select(d.find_element(By.CSS_SELECTOR, "select[data-notrain-region]")).options) > 1)
        title = driver.find_element(By.TAG_NAME, "h1").text
        assert title == say("optionsTitle"), f"options page title {title!r}"
        for service in ("chatgpt", "x", "claude"):
            box = driver.find_element(By.CSS_SELECTOR, f'input[type="checkbox"][data-notrain-service="{service}"]')
            assert box.is_selected(), f"{service} is on, yet the options page shows it off"
        return shoot(driver, folder, "options")


@pytest.mark.parametrize("ui_lang", [locale.replace("_", "-") for locale in store_locales()])
def test_store_screenshots(chromium, driver, site, dist, service_urls, request, ui_lang):
    locale = ui_lang.replace("-", "_")
    say, folder = Words(dist, locale), STORE / "screenshots" / locale
    shutil.rmtree(folder, ignore_errors=True)
    site.scenario = SCENARIO.get(locale, f"lang-{locale}")
    site.settings[AI_KEY] = True

    driver.get(SETTING_URL)
    banner_scene(driver, "setting page, ON", say("bannerExposed"), ["opt-out"], state="exposed")
    shots = shoot(driver, folder, "setting-on")

    driver.get("https://www.linkedin.com" + FEED)
    banner_scene(driver, "feed, ON remembered", say("bannerElsewhereExposed"), ["opt-out"], state="exposed")
    shots += shoot(driver, folder, "feed")

    driver.get(SETTING_URL)
    banner_scene(driver, "setting page, ON again", say("bannerExposed"), ["opt-out"], state="exposed")
    click_banner_button(driver, "opt-out")
    banner_scene(driver, "verified opt-out", say("bannerVerified"), [], state="protected")
    assert site.settings[AI_KEY] is False, "the fake LinkedIn still has the setting ON"
    shots += shoot(driver, folder, "verified")

    read_services(driver, site, request, service_urls)
    pictures = popup_pictures(driver, say)
    shots += compose_popup(driver, folder, pictures)
    shots += options_scene(driver, folder, say)

    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in shots)
    if locale == "en" and docs_too():
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "setting-on-light.png", DOCS / "banner-on-light.png")
        (DOCS / "popup-dark.png").write_bytes(pictures["dark"][0])
        assert png_size(DOCS / "popup-dark.png") == pictures["dark"][1]


def test_promo_tile(chromium, plain_browser, dist):
    """440x280: the built extension's icon, its name and its English description, nothing cut off."""
    english = messages(dist, "en")
    name, tagline = english["extensionName"]["message"], english["extensionDescription"]["message"]
    icon = base64.b64encode((dist / "chrome" / "icons" / "icon-128.png").read_bytes()).decode()
    browser = plain_browser
    browser.get((HERE / "store" / "promo-tile.html").as_uri())
    try:
        emulate_viewport(browser, "light", TILE)
        browser.execute_script(
            "document.getElementById('name').textContent = arguments[0];"
            "document.getElementById('tagline').textContent = arguments[1];"
            "document.getElementById('icon').src = arguments[2];", name, tagline, "data:image/png;base64," + icon)
        laid_out = wait_until(lambda: browser.execute_script("""
            const icon = document.getElementById('icon');
            if (!icon.complete || !icon.naturalWidth) return null;
            const inside = (e) => { const r = e.getBoundingClientRect();
              return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; };
            return {whole: ['icon', 'name', 'tagline'].every((id) => inside(document.getElementById(id))),
                    overflow: [document.body.scrollWidth - innerWidth, document.body.scrollHeight - innerHeight],
                    text: [document.getElementById('name').innerText, document.getElementById('tagline').innerText]};
            """), message="the tile's icon loaded")
        assert laid_out["whole"] and laid_out["overflow"] == [0, 0], f"the tile cuts something off: {laid_out}"
        assert laid_out["text"] == [name, tagline], laid_out
        assert_size(look.save_page(browser, STORE, "promo-tile"), TILE)
    finally:
        look.emulate_reset(browser)
