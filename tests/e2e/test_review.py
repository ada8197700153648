"""'Review my settings' in each browser: the options page lists LinkedIn's other data-use settings (all of Brave
PSST's list) with a checkbox each; the review visits the AI page and each ticked page in one tab, switches ON settings
OFF (verified), leaves everything else alone (the other toggle of a page with two included), can be cancelled from its
banner, and ends on a summary in the banner, the options page and the popup. The fixture's PUT log is the proof of
what was (and was not) touched.
"""

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from content import DEFAULT_SETTINGS
from guided_support import message, saves, serve_443
from notrain import ticked, AI_KEY, POLL, TIMEOUT, click_banner_button, popup_tab, storage_items, wait_until

RULES = json.loads((Path(__file__).resolve().parents[2] / "rules" / "services" / "linkedin.json").read_text(encoding="utf-8"))
PATH = {s["id"]: s["paths"][0] for s in RULES["settings"]}
# The fixture's settings API keys a toggle by its aria-labelledby hook, or by its id (the cookie toggle's).
KEY = {s["id"]: s["locators"][0].get("labelledBy") or s["locators"][0]["selector"]["value"] for s in RULES["settings"]}
NAME = {s["id"]: s["nameKey"] for s in RULES["settings"]}
AI = "ai-training"
OTHERS = [s["id"] for s in RULES["settings"] if s["id"] != AI]
# A review settles, clicks and verifies (3 s) page after page, 13 of them; a missing toggle takes the 15 s settle time.
REVIEW_TIMEOUT = 240

_REVIEW_BANNER_JS = """
const host = document.querySelector('[data-notrain-banner]');
if (!host || !host.shadowRoot) return null;
const root = host.shadowRoot;
const why = root.querySelector('#why');
return {
  review: host.getAttribute('data-review'), state: host.getAttribute('data-state'), hidden: host.hidden,
  text: (root.querySelector('p') || {}).textContent || '',
  offered: Array.from(root.querySelectorAll('button[data-action]'), (b) => b.hidden ? null : b.dataset.action)
    .filter(Boolean),
  whyShown: !!why && !why.hidden,
  lines: why ? Array.from(why.querySelectorAll('p'), (p) => p.textContent) : [],
};
"""


@pytest.fixture(autouse=True)
def _serve_443(browser_name, site, request):
    """The review opens https://www.linkedin.com/... without a port: in Firefox the fixture must answer on
    its address's :443 too (Chromium maps :443 to the fixture's port); the test fails if it cannot."""
    if browser_name == "firefox":
        serve_443(site, request, "the review")


def line(dist, key, setting_id):
    """The English summary line for a setting, as the user reads it."""
    return message(dist, key).replace("$SETTING$", message(dist, NAME[setting_id]))


def open_options(driver):
    driver.switch_to.new_window("tab")
    driver.get(driver.notrain_base + "options.html")
    WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-notrain-review] [data-notrain-setting]"))
        == len(RULES["settings"]))
    listed = [e.get_attribute("data-notrain-setting")
              for e in driver.find_elements(By.CSS_SELECTOR, "[data-notrain-review] [data-notrain-setting]")]
    assert listed == [s["id"] for s in RULES["settings"]], f"the options page lists {listed}"
    return driver.current_window_handle


def tick(driver, ids):
    """Tick each setting's checkbox, as a person would, and wait until it is stored."""
    for setting_id in ids:
        box = driver.find_element(By.CSS_SELECTOR, f'input[data-notrain-include="{setting_id}"]')
        assert not box.is_selected(), f"{setting_id} was ticked before anyone did"
        box.click()
        wait_until(lambda: setting_id in ticked(storage_items(driver).get("record")),
                   message=f"{setting_id} to be stored as included")
    ai = driver.find_element(By.CSS_SELECTOR, f'input[data-notrain-include="{AI}"]')
    assert ai.is_selected() and not ai.is_enabled(), "the AI toggle is always included"


def start_review(driver):
    """Press 'Review my settings'; switch to the one tab it opens and return the options tab's handle."""
    options = driver.current_window_handle
    before = set(driver.window_handles)
    driver.find_element(By.CSS_SELECTOR, "[data-notrain-review-start]").click()
    new = WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(lambda d: set(d.window_handles) - before)
    assert len(new) == 1, f"the review opened {len(new)} tabs"
    driver.switch_to.window(new.pop())
    return options


def wait_review_banner(driver, review, timeout=REVIEW_TIMEOUT, path=None):
    last = {}

    def check(d):
        try:
            seen = d.execute_script(_REVIEW_BANNER_JS)
        except WebDriverException:  # navigating from one setting page to the next
            return False
        last.clear()
        last.update(seen or {}, url=d.current_url)
        return bool(seen) and seen["review"] == review and (path is None or urlsplit(d.current_url).path == path)

    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"the review banner never showed data-review={review!r}; last seen {last}") from None
    return dict(last)


def options_summary(driver, status):
    """On the options (or popup) page: the summary lines once it shows `status`, and each setting's data-state."""
    summary = {}

    def check(d):
        summary.update(d.execute_script("""
            const s = document.querySelector('[data-notrain-review-summary]');
            return {status: s.dataset.status, hidden: s.hidden,
                    lines: Array.from(s.querySelectorAll('li'), (li) => li.textContent),
                    states: Object.fromEntries(Array.from(document.querySelectorAll('[data-notrain-setting]'),
                      (e) => [e.dataset.notrainSetting, e.dataset.state]))};"""))
        return summary["status"] == status and not summary["hidden"]

    try:
        WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(check)
    except TimeoutException:
        raise AssertionError(f"the summary never showed status {status!r}; last {summary}") from None
    return summary


def loaded_twice(ids):
    """The pages of settings NoTrain switched off: each loaded, then loaded again to confirm the switch."""
    return [PATH[i] for i in ids for _ in range(2)]


def pages_visited(site):
    """The setting pages the browser loaded, in order (the fixture's request log)."""
    setting_paths = set(PATH.values())
    return [urlsplit(r[1]).path for r in site.requests
            if r[0] == "GET" and urlsplit(r[1]).path.rstrip("/") in setting_paths]


def assert_never_left_settings(site):
    for method, path, status in site.requests:
        p = urlsplit(path).path
        assert not p.startswith(("/mypreferences/d/close-accounts", "/mypreferences/d/hibernate-account", "/feed")), \
            f"the review loaded {p}"


def test_every_related_setting_page_is_read_and_switched_off(browser, site, dist):
    open_options(browser)
    tick(browser, OTHERS)
    start_review(browser)
    seen = wait_review_banner(browser, "finished", path=PATH[OTHERS[-1]])
    assert not seen["hidden"] and seen["whyShown"], f"the summary is not on screen: {seen}"
    assert seen["text"] == message(dist, "bannerReviewFinished"), seen["text"]
    assert seen["lines"] == [line(dist, "whyReviewVerified", i) for i in [AI, *OTHERS]], seen["lines"]
    assert seen["state"] == "protected", "the banner's state stays about the AI toggle"
    assert saves(site) == [(KEY[i], False, 200) for i in [AI, *OTHERS]], f"one save per setting: {saves(site)}"
    assert site.settings == {**DEFAULT_SETTINGS, **{KEY[i]: False for i in [AI, *OTHERS]}}
    assert pages_visited(site) == loaded_twice([AI, *OTHERS]), pages_visited(site)
    assert_never_left_settings(site)
    with popup_tab(browser):
        summary = options_summary(browser, "finished")
        assert summary["lines"] == seen["lines"], summary
        assert set(summary["states"].values()) == {"protected"}, summary["states"]


def test_on_off_missing_and_reverting_pages_each_end_as_they_read(browser, site, dist):
    research, partners, promotions, ads = OTHERS[:4]
    site.settings[AI_KEY] = False
    site.settings[KEY[partners]] = False
    site.modes[KEY[promotions]] = "missing"
    site.modes[KEY[ads]] = "reverting"
    options = open_options(browser)
    tick(browser, [research, partners, promotions, ads])
    start_review(browser)
    seen = wait_review_banner(browser, "finished", path=PATH[ads])
    expected = [line(dist, "whyReviewAlreadyOff", AI), line(dist, "whyReviewVerified", research),
                line(dist, "whyReviewAlreadyOff", partners), line(dist, "whyReviewNotFound", promotions),
                line(dist, "whyReviewFlippedBack", ads)]
    assert seen["lines"] == expected, seen["lines"]
    assert saves(site) == [(KEY[research], False, 200), (KEY[ads], False, 500)], saves(site)
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False, KEY[research]: False, KEY[partners]: False}
    browser.switch_to.window(options)
    summary = options_summary(browser, "finished")
    assert summary["lines"] == expected, summary
    assert summary["states"] == {AI: "protected", research: "protected", partners: "protected",
                                 promotions: "unknown", ads: "failed", **{i: "" for i in OTHERS[4:]}}, summary["states"]


def test_two_chosen_settings_are_switched_and_the_one_left_alone_stays_as_it_was(browser, site, dist):
    chosen, left_alone = [OTHERS[0], OTHERS[4]], OTHERS[2]
    open_options(browser)
    tick(browser, chosen)
    start_review(browser)
    seen = wait_review_banner(browser, "finished", path=PATH[chosen[-1]])
    assert seen["lines"] == [line(dist, "whyReviewVerified", i) for i in [AI, *chosen]], seen["lines"]
    assert saves(site) == [(KEY[i], False, 200) for i in [AI, *chosen]], saves(site)
    assert all(p["key"] != KEY[left_alone] for p in site.puts), "the setting left alone was saved"
    assert site.settings[KEY[left_alone]] is True, "the setting left alone changed"
    assert pages_visited(site) == loaded_twice([AI, *chosen]), pages_visited(site)
    assert_never_left_settings(site)


def test_cancel_mid_way_leaves_the_settings_not_yet_visited_untouched(browser, site, dist):
    waiting, later = OTHERS[0], OTHERS[1:3]
    site.modes[KEY[waiting]] = "missing"  # the review waits on this page: time to press Cancel there
    options = open_options(browser)
    tick(browser, [waiting, *later])
    start_review(browser)
    seen = wait_review_banner(browser, "running", path=PATH[waiting], timeout=TIMEOUT)
    assert "cancel" in seen["offered"], seen
    click_banner_button(browser, "cancel")
    seen = wait_review_banner(browser, "cancelled", timeout=TIMEOUT)
    assert seen["text"] == message(dist, "bannerReviewCancelled"), seen["text"]
    not_reached = [line(dist, "whyReviewNotReached", i) for i in [waiting, *later]]
    assert seen["lines"] == [line(dist, "whyReviewVerified", AI), *not_reached], seen["lines"]
    time.sleep(2)  # proves nothing else happens after the cancel
    assert saves(site) == [(AI_KEY, False, 200)], saves(site)
    assert pages_visited(site) == [*loaded_twice([AI]), PATH[waiting]], pages_visited(site)
    assert urlsplit(browser.current_url).path == PATH[waiting], "the tab moved on after the cancel"
    assert all(site.settings[KEY[i]] is True for i in later)
    browser.switch_to.window(options)
    summary = options_summary(browser, "cancelled")
    assert summary["lines"] == seen["lines"], summary
    assert not browser.find_element(By.CSS_SELECTOR, "[data-notrain-review-cancel]").is_displayed()


def test_one_toggle_of_a_page_with_two_is_switched_and_the_other_stays_as_it_was(browser, site, dist):
    """LinkedIn's promotions page holds two toggles (marketing LinkedIn to you, tips by email); the cookie page's
    toggle has an id and no aria-labelledby. Ticking the second toggle and the cookies switches exactly those."""
    tips, cookies, untouched = "tips-email", "cookies", "promotions"
    assert PATH[tips] == PATH[untouched], "the two toggles share a page"
    open_options(browser)
    tick(browser, [tips, cookies])
    start_review(browser)
    seen = wait_review_banner(browser, "finished", path=PATH[cookies])
    assert seen["lines"] == [line(dist, "whyReviewVerified", i) for i in [AI, tips, cookies]], seen["lines"]
    assert saves(site) == [(KEY[i], False, 200) for i in [AI, tips, cookies]], saves(site)
    assert site.settings == {**DEFAULT_SETTINGS, **{KEY[i]: False for i in [AI, tips, cookies]}}
    assert site.settings[KEY[untouched]] is True, "the other toggle of the page changed"
    assert pages_visited(site) == loaded_twice([AI, tips, cookies]), pages_visited(site)
    assert_never_left_settings(site)
