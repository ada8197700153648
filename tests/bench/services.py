"""(g) Each service's one-click opt-out in the benchmark: from a trusted click on the banner's opt-out button to
data-state "protected" on the page NoTrain confirmed it on, timed from the driver (polling every 50 ms, so a figure
is good to about 0.1 s), on the fake of each service (tests/fixtures/site/fake_*.py) under its real host.

ChatGPT starts on its home page, whose banner offers the opt-out where the rules say the switch is ON by default:
the click takes NoTrain to the Data controls route, where it opens the switch's dialog, switches it off, loads the
route again and opens the dialog again to confirm. X and Claude start on their setting pages."""

import time

from measure import STATE_JS, Skip, wait_for
from notrain import grant_service
from server import HOSTS

# Where each run starts, and how to set the fake's switch ON.
START = {"chatgpt": "/", "x": "/settings/grok_settings", "claude": "/settings/data-privacy-controls"}


def switch_on(site, service):
    fake = site.fakes[service]
    fake.reset()
    if service == "x":
        fake.settings["allow_xai_data_sharing"] = True
    else:
        fake.on = True


def saved_off(site, service):
    return [save for save in site.fakes[service].saves if save.get("value") is False]


def grant_all(driver, browser):
    """Turns every optional service on, as the user does from the options page."""
    for service in START:
        grant_service(driver, browser, service)


def forget(driver):
    """What NoTrain remembers, cleared from its own page (the last run's verdict would hide the banner)."""
    driver.get(driver.notrain_base + "options.html")
    driver.execute_async_script("const done = arguments[0]; chrome.storage.local.clear().then(() => done(true));")


def optout_run(driver, site, browser, service):
    forget(driver)
    switch_on(site, service)
    port = "" if browser == "chromium" else f":{site.port}"
    driver.get("about:blank")
    driver.get(f"https://{HOSTS[service]}{port}{START[service]}")
    wait_for(lambda: driver.execute_script(STATE_JS) in ("exposed", "unknown"), 20, "a banner offering the opt-out")
    host = driver.find_element("css selector", "[data-notrain-banner]")
    button = host.shadow_root.find_elements("css selector", '[data-action="opt-out"]')
    if not button:
        raise Skip(f"{service}: the banner offers no opt-out")
    clicked = time.monotonic()
    button[0].click()
    wait_for(lambda: driver.execute_script(STATE_JS) == "protected", 30, f"{service}: the banner to show protected")
    total_ms = (time.monotonic() - clicked) * 1000
    if len(saved_off(site, service)) != 1:
        raise Skip(f"{service}: not exactly one save: {site.fakes[service].saves}")
    return total_ms
