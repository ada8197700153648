"""Bounded page input: a setting page that floods NoTrain (the fixture's `hostile.js`, mode `flood`: 10,000
switches of 1,000 attributes each after the toggle, one of them flipped again 100 ms after each of NoTrain's
answers, so NoTrain reads the page again and again). The content script sends at most 200 controls of at most 65
attributes and the core keeps 64, so each of the flooded page's reports is answered quickly, the page keeps its
verdict, and the background still answers another tab in time. Before the caps one answer took 2 to 5 s here.
"""
import statistics
import time

from notrain import AI_KEY, AI_PATH, wait_banner, wait_until

ANSWER_MS = 1000  # the flooded page: flip -> NoTrain's answer, median (about 100 ms on this 2-core machine)
OTHER_TAB_S = 5  # another tab's setting page, navigation -> banner, beside the flood (well under a second)

_ANSWERS_JS = "return window.__flood ? window.__flood.answerMs.slice() : [];"


def answers(driver):
    return driver.execute_script(_ANSWERS_JS)


def flood_and_other_tab(driver, base_url, flips=5):
    """Opens the flooded setting page, waits for `flips` answers, then opens the setting page in another window
    (the flooded one stays visible, its timers unthrottled); returns (the flood's answer times in ms, the other
    tab's navigation -> banner time in s). Leaves the flooded window current."""
    driver.get(f"{base_url}{AI_PATH}?hostile=flood")
    wait_banner(driver, "exposed")  # the flooded page's own toggle, read among the first 200 controls
    wait_until(lambda: len(answers(driver)) >= flips, message=f"NoTrain to answer {flips} flips of the flood")
    flooded = driver.current_window_handle
    before = len(answers(driver))
    driver.switch_to.new_window("window")
    started = time.monotonic()
    driver.get(f"{base_url}{AI_PATH}")
    wait_banner(driver, "exposed", timeout=OTHER_TAB_S)
    took = time.monotonic() - started
    driver.close()
    driver.switch_to.window(flooded)
    wait_until(lambda: len(answers(driver)) > before, message="the flood to go on")
    return answers(driver), took


def test_a_flooded_page_is_answered_quickly_and_so_is_another_tab(browser, site, base_url):
    site.settings[AI_KEY] = True
    answered, took = flood_and_other_tab(browser, base_url)
    median = statistics.median(answered)
    print(f"flood answers (ms): {[round(a) for a in answered]}; another tab's banner {took:.2f} s after navigation")
    assert median < ANSWER_MS, f"the flooded page's reports took {median:.0f} ms (median) to answer: {answered}"
    wait_banner(browser, "exposed")
