"""The banner away from the setting page, in each browser: no region means no banner for an unread
setting; dismissal snoozes it for 7 days and survives reloads; a remembered reading shows (ON) or stays quiet (OFF),
with a "check again" line when it is over 30 days old; an unusable stored record is set aside and NoTrain recovers.
Time is injected through stored records, never the test's sleep.
"""
from notrain import ai_reading
import time

import pytest

from guided_support import *  # noqa: F401,F403 (the shared helpers of the banner tests)

def test_feed_without_region_shows_no_banner(browser, site, base_url):
    browser.get(base_url + FEED)
    seen = wait_banner_shows(browser, "feed, never read, no region", state="unknown", hidden=True)
    assert seen["hidden"] and not seen["shown"], f"a banner without a region: {seen}"


def test_dismiss_hides_banner_and_survives_reload(browser, site, base_url):
    choose_region_saved(browser, "DE")
    feed_banner_probably_exposed(browser, base_url)
    with popup_tab(browser):
        badge = badge_text(browser)

    clicked_at = now_ms()
    click_banner_button(browser, "dismiss")
    seen = wait_banner_shows(browser, "after dismiss", hidden=True)
    assert not seen["shown"], seen
    stored = read_storage(browser)["record"]
    until = stored.get("snoozedUntilMs")
    assert until and clicked_at + SNOOZE_MS - 60_000 <= until <= now_ms() + SNOOZE_MS, \
        f"snooze is not 7 days: snoozedUntilMs={until}, clicked at {clicked_at}"

    browser.refresh()
    seen = wait_banner_shows(browser, "feed reloaded after dismiss", state="unknown")
    assert seen["hidden"] and not seen["shown"], f"the dismissed banner came back on reload: {seen}"
    browser.get(base_url + PRIVACY_HUB)
    seen = wait_banner_shows(browser, "another LinkedIn page after dismiss", state="unknown")
    assert seen["hidden"], f"the dismissed banner shows on another page: {seen}"
    with popup_tab(browser):
        assert badge_text(browser) == badge, "dismissing changed the badge"
        # Eight days later (the snooze moved into the past through the record): the banner is back.
        stored = storage_items(browser)["record"]
        stored["snoozedUntilMs"] = now_ms() - DAY_MS
        set_storage_items(browser, {"record": stored})
    browser.get(base_url + FEED)
    wait_banner_shows(browser, "feed after the snooze ran out", state="unknown", hidden=False)


@pytest.mark.parametrize("case", ["stale-31-days", "fresh-29-days", "exposed-remembered"])
def test_feed_banner_from_memory(browser, site, base_url, dist, case):
    """An old reading gets a quiet "check again"; a recent OFF gets no banner; a remembered ON gets the button."""
    verdict, days = {"stale-31-days": ("protected", 31), "fresh-29-days": ("protected", 29),
                     "exposed-remembered": ("exposed", 2)}[case]
    write_storage(browser, {"record": record(ai_training=reading(verdict, days * DAY_MS))})
    browser.get(base_url + FEED)
    seen = wait_banner_shows(browser, case, state=verdict)
    if case == "stale-31-days":
        assert not seen["hidden"] and seen["shown"], f"no reminder after 31 days: {seen}"
        assert "check" in seen["offered"] and "opt-out" not in seen["offered"], seen
        assert seen["text"] == message(dist, "bannerStale"), seen["text"]
    elif case == "fresh-29-days":
        assert seen["hidden"] and not seen["shown"], f"a banner while protected (29 days): {seen}"
    else:
        assert not seen["hidden"] and {"opt-out", "why"} <= set(seen["offered"]), seen
    with popup_tab(browser):
        wait_badge(browser, "OFF" if verdict == "protected" else "ON")
        action = browser.find_element(By.CSS_SELECTOR, "[data-notrain-popup-action]")
        expected = {"stale-31-days": "check", "fresh-29-days": None, "exposed-remembered": "opt-out"}[case]
        WebDriverWait(browser, TIMEOUT, poll_frequency=POLL).until(
            lambda d: (action.get_attribute("data-notrain-popup-action") or None) == expected
            and action.is_displayed() == (expected is not None),
            message=f"popup primary action should be {expected!r}")

    if case == "stale-31-days":
        site.settings[AI_KEY] = True
        click_banner_button(browser, "check")
        wait_path(browser, AI_PATH)
        wait_banner_shows(browser, "setting page after 'check'", state="exposed", hidden=False)
        time.sleep(QUIET_S)
    assert saves(site) == [], f"a setting was switched: {saves(site)}"


CORRUPT = {
    "string": "garbage",
    "newer-version": {"version": 99, "aiTraining": None},
    "wrong-shape": {"version": 1, "aiTraining": {"verdict": "maybe", "atMs": "yesterday"}},
}


@pytest.mark.parametrize("case", list(CORRUPT))
def test_corrupt_storage_recovers(browser, site, base_url, case):
    site.settings[AI_KEY] = True
    choose_region_saved(browser, "DE")
    write_storage(browser, {"record": CORRUPT[case]})
    with popup_tab(browser):
        wait_badge(browser, "?")
        wait_popup(browser, "unknown")

    browser.get(base_url + FEED)
    wait_banner_shows(browser, "feed over a corrupt record", state="unknown", region="DE", hidden=False)
    with popup_tab(browser):
        items = storage_items(browser)
        aside = items.get("recordSetAside")
        assert aside and aside.get("value") == CORRUPT[case] and str(aside.get("why") or "").strip(), \
            f"the unusable record was not set aside: {aside}"
        assert items["record"].get("version") == 3 and ai_reading(items["record"]) is None, items["record"]
        wait_badge(browser, "?")

    browser.get(base_url + AI_PATH)
    wait_banner_shows(browser, "setting page after recovery", state="exposed", hidden=False)
    with popup_tab(browser):
        wait_badge(browser, "ON")
        wait_popup(browser, "exposed")
        assert storage_items(browser)["recordSetAside"] == aside, "the set-aside record was overwritten"
    assert saves(site) == []
