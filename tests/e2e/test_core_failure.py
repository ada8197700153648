"""A panic in the WebAssembly core: the page shows a plain "unknown" banner saying NoTrain hit an
internal error, nothing is stored, and the core restarts, so the next page is read as usual. Runs the test copy of
the extension (`probe_driver`), whose core panics on purpose on any page with `notrain-panic-probe` in its URL.
"""
from notrain import ai_reading
from guided_support import *  # noqa: F401,F403 (the shared helpers of the banner tests)

PROBE = "?notrain-panic-probe"


def test_a_panic_in_the_core_is_shown_plainly_and_the_core_recovers(probe_driver, site, base_url, dist):
    driver = probe_driver
    error = message(dist, "bannerCoreError")
    for attempt in (1, 2):  # the core recovers more than once
        driver.get(base_url + AI_PATH + PROBE)
        seen = wait_banner_shows(driver, f"panic {attempt}", state="unknown", hidden=False, text=error)
        assert seen["shown"] and seen["offered"] == ["dismiss"], seen
        with popup_tab(driver):
            assert "record" not in read_storage(driver), "a failed decision stored something"
            assert badge_text(driver) == "?"

        driver.get(base_url + AI_PATH)
        wait_banner_shows(driver, f"after panic {attempt}", state="exposed", hidden=False)
        with popup_tab(driver):
            wait_badge(driver, "ON")
            wait_popup(driver, "exposed")
            assert ai_reading(read_storage(driver)["record"])["verdict"] == "exposed"
        clear_storage(driver)


def clear_storage(driver):
    """Forget the reading, so the next round starts from nothing stored."""
    with popup_tab(driver):
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; chrome.storage.local.clear().then(() => done());")


def test_the_shipped_core_has_no_panic_probe(dist):
    for browser in ("chrome", "firefox"):
        wasm = (dist / browser / "core" / "notrain_bg.wasm").read_bytes()
        assert b"notrain-panic-probe" not in wasm, f"the panic probe ships in dist/{browser}"
