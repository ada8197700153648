"""The banner away from the setting page (issue 5), in each browser: no region means no banner for an unread
setting; dismissal snoozes it for 7 days and survives reloads; a remembered reading shows (ON) or stays quiet (OFF),
with a "check again" line when it is over 30 days old; an unusable stored record is set aside and NoTrain recovers.
Time is injected through stored records, never the test's sleep.
"""
import time

import pytest

from guided_support import *  # noqa: F401,F403 (the shared helpers of the issue-5 tests)

def test_feed_without_region_shows_no_banner(driver, site, base_url):
    driver.get(base_url + FEED)
    seen = wait_banner_shows(driver, "feed, never read, no region", state="unknown", region="")
    assert seen["hidden"] and not seen["shown"], f"a banner without a region: {seen}"


def test_dismiss_hides_banner_and_survives_reload(driver, site, base_url):
    choose_region_saved(driver, "DE")
    feed_banner_probably_exposed(driver, base_url)
    with popup_tab(driver):
        badge = badge_text(driver)

    clicked_at = now_ms()
    click_banner_button(driver, "dismiss")
    seen = wait_banner_shows(driver, "after dismiss", hidden=True)
    assert not seen["shown"], seen
    stored = read_storage(driver)["record"]
    until = stored.get("snoozedUntilMs")
    assert until and clicked_at + SNOOZE_MS - 60_000 <= until <= now_ms() + SNOOZE_MS, \
        f"snooze is not 7 days: snoozedUntilMs={until}, clicked at {clicked_at}"

    driver.refresh()
    seen = wait_banner_shows(driver, "feed reloaded after dismiss", state="unknown")
    assert seen["hidden"] and not seen["shown"], f"the dismissed banner came back on reload: {seen}"
    driver.get(base_url + PRIVACY_HUB)
    seen = wait_banner_shows(driver, "another LinkedIn page after dismiss", state="unknown")
    assert seen["hidden"], f"the dismissed banner shows on another page: {seen}"
    with popup_tab(driver):
        assert badge_text(driver) == badge, "dismissing changed the badge"

    # Eight days later (the snooze moved into the past through the record): the banner is back.
    stored = read_storage(driver)["record"]
    stored["snoozedUntilMs"] = now_ms() - DAY_MS
    write_storage(driver, {"record": stored})
    driver.get(base_url + FEED)
    wait_banner_shows(driver, "feed after the snooze ran out", state="unknown", hidden=False)


@pytest.mark.parametrize("case", ["stale-31-days", "fresh-29-days", "exposed-remembered"])
def test_feed_banner_from_memory(driver, site, base_url, dist, case):
    """An old reading gets a quiet "check again"; a recent OFF gets no banner; a remembered ON gets the button."""
    verdict, days = {"stale-31-days": ("protected", 31), "fresh-29-days": ("protected", 29),
                     "exposed-remembered": ("exposed", 2)}[case]
    write_storage(driver, {"record": record(ai_training=reading(verdict, days * DAY_MS))})
    driver.get(base_url + FEED)
    seen = wait_banner_shows(driver, case, state=verdict)
    if case == "stale-31-days":
        assert not seen["hidden"] and seen["shown"], f"no reminder after 31 days: {seen}"
        assert "check" in seen["offered"] and "opt-out" not in seen["offered"], seen
        assert seen["text"] == message(dist, "bannerStale"), seen["text"]
    elif case == "fresh-29-days":
        assert seen["hidden"] and not seen["shown"], f"a banner while protected (29 days): {seen}"
    else:
        assert not seen["hidden"] and {"opt-out", "why"} <= set(seen["offered"]), seen
    with popup_tab(driver):
        wait_badge(driver, "OFF" if verdict == "protected" else "ON")
        action = driver.find_element(By.CSS_SELECTOR, "[data-notrain-popup-action]")
        expected = {"stale-31-days": "check", "fresh-29-days": None, "exposed-remembered": "opt-out"}[case]
        WebDriverWait(driver, TIMEOUT).until(
            lambda d: (action.get_attribute("data-notrain-popup-action") or None) == expected
            and action.is_displayed() == (expected is not None),
            message=f"popup primary action should be {expected!r}")

    if case == "stale-31-days":
        site.settings[AI_KEY] = True
        click_banner_button(driver, "check")
        wait_path(driver, AI_PATH)
        wait_banner_shows(driver, "setting page after 'check'", state="exposed", hidden=False)
        time.sleep(QUIET_S)
    assert saves(site) == [], f"a setting was switched: {saves(site)}"


CORRUPT = {
    "string": "garbage",
    "newer-version": {"version": 99, "aiTraining": None},
    "wrong-shape": {"version": 1, "aiTraining": {"verdict": "maybe", "atMs": "yesterday"}},
}


@pytest.mark.parametrize("case", list(CORRUPT))
def test_corrupt_storage_recovers(driver, site, base_url, case):
    site.settings[AI_KEY] = True
    choose_region_saved(driver, "DE")
    write_storage(driver, {"record": CORRUPT[case]})
    with popup_tab(driver):
        wait_badge(driver, "?")
        wait_popup(driver, "unknown")

    driver.get(base_url + FEED)
    wait_banner_shows(driver, "feed over a corrupt record", state="unknown", region="DE", hidden=False)
    items = read_storage(driver)
    aside = items.get("recordSetAside")
    assert aside and aside.get("value") == CORRUPT[case] and str(aside.get("why") or "").strip(), \
        f"the unusable record was not set aside: {aside}"
    assert items["record"].get("version") == 1 and items["record"].get("aiTraining") is None, items["record"]
    with popup_tab(driver):
        wait_badge(driver, "?")

    driver.get(base_url + AI_PATH)
    wait_banner_shows(driver, "setting page after recovery", state="exposed", hidden=False)
    with popup_tab(driver):
        wait_badge(driver, "ON")
        wait_popup(driver, "exposed")
    assert read_storage(driver)["recordSetAside"] == aside, "the set-aside record was overwritten"
    assert saves(site) == []
