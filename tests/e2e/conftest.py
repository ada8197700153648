"""pytest wiring for NoTrain's end-to-end tests: the --browser option (tests run once per browser, one browser
at a time), the in-process fake LinkedIn (`site`), `base_url`, and a fresh browser per test (`driver` with the
built extension, `plain_driver` without). Env: NOTRAIN_DIST, CHROMEDRIVER, GECKODRIVER, CHROMIUM, FIREFOX.
"""

import os
from pathlib import Path

import pytest

import browsers
from server import FixtureSite

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser):
    parser.addoption("--browser", action="append", default=[], choices=("chromium", "firefox", "both"),
                     help="browser to run the tests in (repeatable; default: both, one after the other)")


def selected_browsers(config):
    chosen = []
    for name in config.getoption("--browser") or ["both"]:
        for browser in browsers.BROWSERS if name == "both" else (name,):
            if browser not in chosen:
                chosen.append(browser)
    return chosen


def pytest_generate_tests(metafunc):
    # Session scope: pytest then runs every test of one browser before starting the next one.
    if "browser_name" in metafunc.fixturenames:
        metafunc.parametrize("browser_name", selected_browsers(metafunc.config), scope="session")


def pytest_report_header(config):
    paths = browsers.Paths.from_env()
    lines = [f"{k}: {v}" for k, v in browsers.versions(paths).items()]
    return lines + [f"NOTRAIN_DIST: {dist_dir()}"]


def dist_dir():
    return Path(os.environ.get("NOTRAIN_DIST") or ROOT / "dist").resolve()


@pytest.fixture(scope="session")
def paths():
    return browsers.Paths.from_env()


@pytest.fixture(scope="session")
def dist():
    path = dist_dir()
    for sub in ("chrome", "firefox"):
        if not (path / sub / "manifest.json").is_file():
            pytest.fail(f"no built extension at {path / sub} (build it, or set NOTRAIN_DIST)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def site():
    fixture_site = FixtureSite().start()
    yield fixture_site
    fixture_site.stop()


@pytest.fixture(autouse=True)
def _fresh_site(request):
    """Every test starts from the default scenario and settings (only if it uses the site at all)."""
    if "site" in request.fixturenames:
        request.getfixturevalue("site").reset()
    yield


@pytest.fixture
def base_url(browser_name, site):
    """Origin of the fake LinkedIn as this browser reaches it (Chromium maps :443, Firefox needs the port)."""
    if browser_name == "chromium":
        return "https://www.linkedin.com"
    return f"https://www.linkedin.com:{site.port}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.notrain_failed = report.failed
    return report


def _launch(request, browser_name, paths, site, tmp_path, dist=None, time_zone=None):
    needed = ("chromium", "chromedriver") if browser_name == "chromium" else ("firefox", "geckodriver")
    for name in needed:
        exe = getattr(paths, name)
        if not exe or not os.access(exe, os.X_OK):
            pytest.fail(f"{name} not found (set {name.upper()}=<absolute path>); got {exe!r}", pytrace=False)
    driver = browsers.start(browser_name, paths, site.port, dist, tmp_path, with_extension=dist is not None,
                            time_zone=time_zone)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(20)
    yield driver
    if getattr(request.node, "notrain_failed", False):
        _save_diagnostics(driver, site, tmp_path)
    browsers.stop(driver)


@pytest.fixture
def time_zone():
    """IANA time zone the `driver` browser runs in (env TZ); None: this process's own.

    A test picks one with `@pytest.mark.parametrize("time_zone", ["Europe/Berlin"])`.
    """
    return None


@pytest.fixture
def driver(request, browser_name, paths, dist, site, tmp_path, time_zone):
    """A fresh browser with the built extension, for one test (in `time_zone`, if set)."""
    yield from _launch(request, browser_name, paths, site, tmp_path, dist, time_zone)


@pytest.fixture
def plain_driver(request, browser_name, paths, site, tmp_path):
    """A fresh browser without the extension (to check the fixture site itself)."""
    yield from _launch(request, browser_name, paths, site, tmp_path)


def _save_diagnostics(driver, site, tmp_path):
    """On failure: screenshot, page HTML, server log and browser log next to the driver log."""
    try:
        driver.save_screenshot(str(tmp_path / "failure.png"))
        (tmp_path / "failure.html").write_text(driver.page_source)
    except Exception as err:  # the browser may be gone; the server log is still useful
        (tmp_path / "failure.html").write_text(f"no page: {err}")
    lines = [f"scenario: {site.scenario}", f"settings: {site.settings}", "puts:"]
    lines += [f"  {p['key']} = {p['value']} -> {p['status']}" for p in site.puts]
    lines += ["requests:"] + [f"  {m} {p} -> {s}" for m, p, s in site.requests]
    (tmp_path / "failure-site.txt").write_text("\n".join(lines) + "\n")
    print(f"\n[diagnostics in {tmp_path}]")
