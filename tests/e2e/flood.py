"""The flooded setting page (the fixture's `hostile.js`, mode `flood`) and another tab beside it: shared by
`test_flood.py` and the benchmark (`tests/bench`)."""
import time

from notrain import AI_PATH, wait_banner, wait_until

OTHER_TAB_S = 5  # another tab's setting page, navigation -> banner, beside the flood (well under a second)

_ANSWERS_JS = "return window.__flood ? window.__flood.answerMs.slice() : [];"


def answers(driver):
    """The flooded page's flips so far: per flip, the ms until NoTrain answered (its banner host was rendered)."""
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
