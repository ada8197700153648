"""Bounded page input: a setting page that floods NoTrain (the fixture's `hostile.js`, mode `flood`: 10,000
switches of 1,000 attributes each after the toggle, one of them flipped again 100 ms after each of NoTrain's
answers, so NoTrain reads the page again and again). The content script sends at most 200 controls of at most 65
attributes and the core keeps 64, so each of the flooded page's reports is answered quickly, the page keeps its
verdict, and the background still answers another tab in time. Before the caps one answer took 2 to 5 s here.
"""
import statistics

from flood import flood_and_other_tab
from notrain import AI_KEY, wait_banner

ANSWER_MS = 1000  # the flooded page: flip -> NoTrain's answer, median (about 100 ms on this 2-core machine)


def test_a_flooded_page_is_answered_quickly_and_so_is_another_tab(browser, site, base_url):
    site.settings[AI_KEY] = True
    answered, took = flood_and_other_tab(browser, base_url)
    median = statistics.median(answered)
    print(f"flood answers (ms): {[round(a) for a in answered]}; another tab's banner {took:.2f} s after navigation")
    assert median < ANSWER_MS, f"the flooded page's reports took {median:.0f} ms (median) to answer: {answered}"
    wait_banner(browser, "exposed")
