"""Firefox for Android, as far as desktop Firefox can stand in for it (no device was used): a phone-sized window
(as narrow as desktop Firefox goes, 500 px; the extension's pages in a frame of 360) with Firefox for Android's user agent. LinkedIn's mobile-web setting page
(`/mypreferences/m/...`) is read, switched off with one click and verified; the banner fits the screen; the popup
(which Firefox for Android opens as a page of its own) and the options page fit 360 px without scrolling sideways,
and every control is a target of at least 24 x 24 CSS px (WCAG 2.2, 2.5.8), the label counted with its box.
"""
import pytest

import browsers
from notrain import AI_KEY, AI_PATH, BANNER, click_banner_button, popup_tab, wait_banner, wait_until

MOBILE_AI_PATH = AI_PATH.replace("/d/", "/m/")
PHONE = (360, 740)  # CSS px, a common Android phone's viewport
# Desktop Firefox keeps a window at least 500 px wide (headless too), so the extension's pages are also laid out
# in a frame of the phone's size, inside another page of the extension (the same origin: the frame's document is
# read as the page's).
ANDROID_UA = "Mozilla/5.0 (Android 14; Mobile; rv:142.0) Gecko/142.0 Firefox/142.0"
MIN_TARGET = 24

# Each visible control's target: its own box, or for a box inside a <label>, the label's; and the page's widths.
_LAYOUT_JS = """
const frame = document.querySelector('iframe');
const doc = frame.contentDocument;
if (!doc || doc.readyState !== 'complete' || !doc.scrollingElement) return { count: 0 };
const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
const controls = [...doc.querySelectorAll('button, a[href], input, select, summary')].filter(visible);
return {
  scrollWidth: doc.scrollingElement.scrollWidth, clientWidth: doc.scrollingElement.clientWidth,
  innerWidth: frame.contentWindow.innerWidth,
  viewport: doc.querySelector('meta[name="viewport"]')?.content ?? null,
  small: controls.map((e) => {
    const r = (e.closest('label') || e).getBoundingClientRect();
    return { what: e.outerHTML.slice(0, 80), width: Math.round(r.width), height: Math.round(r.height) };
  }).filter((t) => t.width < arguments[0] || t.height < arguments[0]),
  count: controls.length,
};"""

_FRAME_JS = """document.body.replaceChildren();
const frame = document.createElement('iframe');
frame.src = arguments[0];
frame.style.cssText = `width:${arguments[1]}px;height:${arguments[2]}px;border:0;display:block`;
document.body.append(frame);"""

_BANNER_BOX_JS = """const host = document.querySelector(arguments[0]);
const boxes = [...host.shadowRoot.querySelectorAll('*')].map((e) => e.getBoundingClientRect()).filter((r) => r.width);
return { left: Math.min(...boxes.map((r) => r.left)), right: Math.max(...boxes.map((r) => r.right)),
         width: window.innerWidth };"""


@pytest.fixture
def phone(request, browser_name, paths, site, dist, tmp_path):
    if browser_name != "firefox":
        pytest.skip("Firefox for Android is stood in for by desktop Firefox")
    driver = browsers.start_firefox(paths, site, dist / "firefox", tmp_path,
                                    extra_prefs={"general.useragent.override": ANDROID_UA})
    request.addfinalizer(lambda: browsers.stop(driver))
    driver.set_window_size(*PHONE)  # as narrow as Firefox goes
    return driver


def test_the_mobile_setting_page_is_read_and_switched_off(phone, site, base_url):
    site.settings[AI_KEY] = True
    phone.get(base_url + MOBILE_AI_PATH)
    assert "Android" in phone.execute_script("return navigator.userAgent")
    wait_banner(phone, "exposed")
    box = phone.execute_script(_BANNER_BOX_JS, BANNER)
    assert box["left"] >= 0 and box["right"] <= box["width"], f"the banner goes off the phone's screen: {box}"

    click_banner_button(phone, "opt-out")
    wait_banner(phone, "protected", timeout=30)
    assert site.settings[AI_KEY] is False, "LinkedIn did not store OFF"
    assert [p["key"] for p in site.puts] == [AI_KEY], site.puts


@pytest.mark.parametrize("page", ["popup.html", "options.html"])
def test_the_extension_pages_fit_a_phone_and_a_finger(phone, page):
    with popup_tab(phone):
        phone.execute_script(_FRAME_JS, page, *PHONE)
        layout = wait_until(lambda: (lambda l: l if l["count"] else None)(
            phone.execute_script(_LAYOUT_JS, MIN_TARGET)), message=f"{page}'s controls")
        assert layout["innerWidth"] == PHONE[0], f"not laid out at the phone's width: {layout}"
        # A phone lays a page without it out 980 px wide and shrinks it (desktop Firefox ignores the tag).
        assert "width=device-width" in (layout["viewport"] or ""), f"{page} has no mobile viewport: {layout}"
        assert layout["scrollWidth"] <= layout["clientWidth"], f"{page} scrolls sideways at {PHONE[0]} px: {layout}"
        assert layout["small"] == [], f"{page}: targets under {MIN_TARGET} px: {layout['small']}"
