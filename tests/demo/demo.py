"""`cargo xtask demo`'s driver: the fake LinkedIn served on loopback and Chromium with the built extension.

Headed (a window, on a machine with a display): opens the AI setting page with the setting ON and waits until the
window is closed. Headless: runs the flow by itself and writes its screenshots to --out: the banner on the setting
page, the one click, the verified result, and the popup. Reuses the end-to-end tests' browser start
(tests/e2e/browsers.py), extension helpers (notrain.py, look.py) and fixture server (tests/fixtures/site/).

    python tests/demo/demo.py --out target/demo [--headless]      (NOTRAIN_DIST: the built dist/ folder)
"""

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests/e2e"), str(ROOT / "tests/fixtures/site")]

import browsers  # noqa: E402
import look  # noqa: E402
from notrain import (AI_KEY, AI_PATH, TIMEOUT, banner_states, click_banner_button, popup_tab, wait_banner,  # noqa: E402
                     wait_popup, wait_until)
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from server import FixtureSite  # noqa: E402

SETTING_PAGE = "https://www.linkedin.com" + AI_PATH


def headless_flow(driver, site, out):
    """The one-click opt-out, a screenshot at each step; returns the files written."""
    shots = []
    driver.get(SETTING_PAGE)
    wait_banner(driver, "exposed")
    look.emulate(driver, "light")  # and reduced motion: no half-drawn banner
    shots.append(look.save_page(driver, out, "1-setting-page-banner-on"))

    click_banner_button(driver, "opt-out")
    wait_until(lambda: [state for state, _ in banner_states(driver)] != ["exposed"],
               message="the banner to react to the click")
    shots.append(look.save_page(driver, out, "2-one-click-checking"))

    wait_banner(driver, "protected")
    wait_until(lambda: site.settings[AI_KEY] is False, message="the fake LinkedIn to store the setting as off")
    shots.append(look.save_page(driver, out, "3-verified-protected"))

    with popup_tab(driver):
        driver.set_window_size(420, 900)
        wait_popup(driver, "protected")
        look.emulate(driver, "light")
        shots.append(look.save_element(driver.find_element(By.CSS_SELECTOR, "main"), out, "4-popup-protected"))
    return shots


def headed(driver):
    driver.get(SETTING_PAGE)
    print(f"Chromium shows {SETTING_PAGE} (served by the fake LinkedIn on loopback) with NoTrain loaded.\n"
          "Press 'Switch it off' in the banner, open NoTrain's popup from the toolbar, or browse the fake site.\n"
          "Close the browser window (or press Ctrl-C here) to end the demo.", flush=True)
    while True:
        time.sleep(1)
        try:
            if not driver.window_handles:
                return
        except WebDriverException:  # the window (and so the session) is gone
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "target/demo")
    parser.add_argument("--headless", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` ends it as cleanly as Ctrl-C
    dist = Path(os.environ.get("NOTRAIN_DIST") or ROOT / "dist")
    if not (dist / "chrome/manifest.json").is_file():
        sys.exit(f"no built extension in {dist}: run `cargo xtask build` (or `cargo xtask demo`)")

    site = FixtureSite().start()
    site.settings[AI_KEY] = True
    log_dir = tempfile.mkdtemp(prefix="notrain-demo-")
    driver = browsers.start_chromium(browsers.Paths.from_env(), site, dist / "chrome", log_dir,
                                     headless=args.headless)
    driver.set_page_load_timeout(TIMEOUT)
    try:
        if args.headless:
            shots = headless_flow(driver, site, args.out.resolve())
            print("Demo screenshots (the fake LinkedIn, NoTrain in headless Chromium):")
            for shot in shots:
                print(f"  {shot}")
        else:
            headed(driver)
    except KeyboardInterrupt:
        pass
    finally:
        try:
            browsers.stop(driver)
        except WebDriverException:
            pass
        site.stop()


if __name__ == "__main__":
    main()
