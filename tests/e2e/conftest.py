"""pytest wiring for NoTrain's end-to-end tests: the --browser option (tests run once per browser, one browser
at a time), the in-process fake LinkedIn (`site`), `base_url`, and the browsers.

Starting a browser costs seconds (Firefox installs the extension as a temporary add-on each time), so tests share
browsers: `browser` (with the built extension) and `plain_browser` (without) hand out a kept browser, cleaned
before every test; see `BrowserPool` for what "clean" means. `driver` and `plain_driver` start a fresh one for a
test that needs a brand-new profile. Env: NOTRAIN_DIST, CHROMEDRIVER, GECKODRIVER, CHROMIUM, FIREFOX.
"""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import WebDriverException

import browsers
import notrain
from server import HOSTS, FixtureSite

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


# The two files that take longest (each test's time is in target/e2e/<browser>.xml after `cargo xtask test`), run
# first: the workers take files in collection order, so a long file left for last would run alone at the end.
LONGEST_FIRST = ("test_review.py", "test_no_network.py")


def pytest_collection_modifyitems(items):
    def rank(item):
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)  # stable: within a file, and among the others, the order stays


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


def worker_address():
    """This pytest worker's own loopback address for its fixture site: 127.0.0.2 for xdist's gw0, 127.0.0.3 for
    gw1, ...; 127.0.0.1 without xdist. A test that also serves :443 (`guided_support.serve_443`, Firefox) then binds
    its own worker's, so workers never wait on each other for it (each browser's suite runs in its own process,
    and only Firefox's binds :443)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"127.0.0.{2 + int(worker[2:])}" if worker[2:].isdigit() else "127.0.0.1"


@pytest.fixture(scope="session")
def site():
    fixture_site = FixtureSite(worker_address()).start()
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


@pytest.fixture
def service_urls(browser_name, site):
    """Origin of each fake service as this browser reaches it, by service id ("chatgpt", "x", "claude", and
    "linkedin", which is `base_url`): Chromium maps each host's :443, Firefox needs the port."""
    port = "" if browser_name == "chromium" else f":{site.port}"
    return {service: f"https://{host}{port}" for service, host in HOSTS.items()}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.notrain_failed = report.failed
    return report


@pytest.fixture
def time_zone():
    """IANA time zone the browser runs in (env TZ); None: this process's own.

    A test picks one with `@pytest.mark.parametrize("time_zone", ["Europe/Berlin"])`; browsers are shared only
    between tests of the same zone.
    """
    return None


@pytest.fixture
def ui_lang():
    """Chromium's UI language for a fresh `driver` (e.g. "de"); None: the browser's own. A test picks one with
    `@pytest.mark.parametrize("ui_lang", [...])` (`browsers.start_chromium` says what it changes)."""
    return None


def _check_executables(browser_name, paths):
    needed = ("chromium", "chromedriver") if browser_name == "chromium" else ("firefox", "geckodriver")
    for name in needed:
        exe = getattr(paths, name)
        if not exe or not os.access(exe, os.X_OK):
            pytest.fail(f"{name} not found (set {name.upper()}=<absolute path>); got {exe!r}", pytrace=False)


def _start(browser_name, paths, site, log_dir, dist=None, time_zone=None, ui_lang=None):
    _check_executables(browser_name, paths)
    driver = browsers.start(browser_name, paths, site, dist, log_dir, with_extension=dist is not None,
                            time_zone=time_zone, lang=ui_lang)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(20)
    return driver


# -- shared browsers -------------------------------------------------------------------------------------------

_CLEAR_STORAGE_JS = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser || globalThis.chrome;
Promise.resolve(api.storage.local.clear()).then(() => done('ok'), (e) => done(String(e)));
"""

_STORED_KEYS_JS = """
const done = arguments[arguments.length - 1];
const api = globalThis.browser || globalThis.chrome;
Promise.resolve(api.storage.local.get(null)).then((items) => done(Object.keys(items)), (e) => done([String(e)]));
"""

_BADGE_JS = """
const done = arguments[arguments.length - 1];
const api = (globalThis.browser && globalThis.browser.action) ? globalThis.browser : globalThis.chrome;
Promise.resolve(api.action.getBadgeText({})).then((text) => done(text), (e) => done('error: ' + e));
"""


def _one_blank_tab(driver):
    """Close every tab but one (deleting the fixture hosts' cookies on the way) and show about:blank there, so
    nothing of the last test is still running."""
    handles = driver.window_handles
    for handle in reversed(handles):
        driver.switch_to.window(handle)
        if urlsplit(driver.current_url).hostname in HOSTS.values():
            driver.delete_all_cookies()  # the site's session, as a fresh profile has none
        if handle != handles[0]:
            driver.close()
    driver.switch_to.window(handles[0])
    driver.get("about:blank")


def _clean_extension(driver, timeout=10):
    """From the popup page: empty the extension's storage (record, regionChoice, recordSetAside) and wait until the
    badge, which the background sets from storage changes, reads "?" again."""
    driver.get(driver.notrain_base + "popup.html")
    deadline = time.monotonic() + timeout
    badge, left = None, None
    while time.monotonic() < deadline:
        # Cleared again should a report of the last test's page still land meanwhile.
        assert driver.execute_async_script(_CLEAR_STORAGE_JS) == "ok", "clearing the extension's storage failed"
        while time.monotonic() < deadline:
            badge = driver.execute_async_script(_BADGE_JS)
            if badge == "?":
                break
            time.sleep(0.05)
        left = driver.execute_async_script(_STORED_KEYS_JS)
        if badge == "?" and not left:
            driver.get("about:blank")
            return
    raise AssertionError(f"extension not clean after {timeout}s: badge {badge!r}, stored keys {left}")


_DEFAULT = (True, None)  # the extension, this process's time zone: kept for the whole run of a browser


class BrowserPool:
    """Browsers kept between tests, one per (with extension?, time zone), started on first use. Alive at any time:
    the default one (extension, this process's time zone) and at most one other.

    `acquire` hands one out clean: a single tab on about:blank (the others closed, the fake LinkedIn's cookies
    deleted), and, with the extension, an empty `chrome.storage.local` and the badge back at "?". A browser that
    cannot be cleaned, or whose test failed, is thrown away; the next test of its kind starts a new one. Site access
    that `notrain.grant_service` gave is taken away again (`notrain.revoke_service`).
    """

    def __init__(self, browser_name, paths, site, tmp_path_factory):
        self.browser_name, self.paths, self.site = browser_name, paths, site
        self.tmp_path_factory = tmp_path_factory
        self.drivers = {}  # key -> driver
        self.log_dirs = {}  # key -> the driver log's directory
        self.tidy = set()  # keys whose browser shows one blank tab since its last test ended

    def _get(self, key, dist):
        if key not in self.drivers:
            self.discard_all(keep=(_DEFAULT,))  # at most one browser of another kind besides the default one
            with_extension, time_zone = key
            name = f"{self.browser_name}-{'notrain' if with_extension else 'plain'}-{time_zone or 'local'}"
            self.log_dirs[key] = self.tmp_path_factory.mktemp(name.replace("/", "_"))
            self.drivers[key] = _start(self.browser_name, self.paths, self.site, self.log_dirs[key],
                                       dist if with_extension else None, time_zone)
        return self.drivers[key]

    def acquire(self, key, dist=None):
        for attempt in (1, 2):
            driver = self._get(key, dist)
            try:
                if key not in self.tidy:
                    _one_blank_tab(driver)
                self.tidy.discard(key)
                if key[0]:
                    for service in sorted(getattr(driver, "notrain_granted", ())):  # grant_service's, the last test's
                        notrain.revoke_service(driver, self.browser_name, service)
                    _clean_extension(driver)
                return driver
            except (WebDriverException, AssertionError):
                self.discard(key)  # a broken browser: start afresh once
                if attempt == 2:
                    raise

    def release(self, key, failed):
        """After a test: a failed test's browser is thrown away, a passed test's is tidied for the next one."""
        driver = self.drivers.get(key)
        if driver is None:
            return
        if failed:
            self.discard(key)
            return
        try:
            _one_blank_tab(driver)
            self.tidy.add(key)
        except WebDriverException:
            self.discard(key)

    def discard(self, key):
        self.tidy.discard(key)
        driver = self.drivers.pop(key, None)
        if driver is not None:
            try:
                browsers.stop(driver)
            except Exception:  # already gone
                pass

    def discard_all(self, keep=()):
        for key in [k for k in self.drivers if k not in keep]:
            self.discard(key)


@pytest.fixture(scope="session")
def _browser_pool(browser_name, paths, site, tmp_path_factory):
    pool = BrowserPool(browser_name, paths, site, tmp_path_factory)
    yield pool
    pool.discard_all()


@pytest.fixture(scope="module")
def _module_browsers(_browser_pool):
    """Browsers of other kinds (a time zone, no extension) live at most as long as the module that asked for them."""
    yield _browser_pool
    _browser_pool.discard_all(keep=(_DEFAULT,))


def _lend(request, pool, key, site, tmp_path, dist=None):
    driver = pool.acquire(key, dist)
    site.reset()  # after the last page is gone, so nothing of the previous test lands in site.puts
    yield driver
    failed = getattr(request.node, "notrain_failed", False)
    if failed:
        _save_diagnostics(driver, site, tmp_path)
        print(f"[driver log in {pool.log_dirs.get(key)}]")
    pool.release(key, failed)


@pytest.fixture
def browser(request, _module_browsers, dist, site, tmp_path, time_zone):
    """A shared browser with the built extension (in `time_zone`, if set), clean: one blank tab, nothing stored,
    badge "?"."""
    yield from _lend(request, _module_browsers, (True, time_zone), site, tmp_path, dist)


@pytest.fixture
def plain_browser(request, _module_browsers, site, tmp_path):
    """A shared browser without the extension (to check the fixture site itself): one blank tab, no cookies."""
    yield from _lend(request, _module_browsers, (False, None), site, tmp_path)


# -- fresh browsers --------------------------------------------------------------------------------------------

def _launch(request, browser_name, paths, site, tmp_path, dist=None, time_zone=None, ui_lang=None):
    driver = _start(browser_name, paths, site, tmp_path, dist, time_zone, ui_lang)
    yield driver
    if getattr(request.node, "notrain_failed", False):
        _save_diagnostics(driver, site, tmp_path)
    browsers.stop(driver)


@pytest.fixture
def driver(request, browser_name, paths, dist, site, tmp_path, time_zone, ui_lang):
    """A fresh browser (new profile) with the built extension, for one test (in `time_zone` and Chromium's UI
    language `ui_lang`, if set)."""
    yield from _launch(request, browser_name, paths, site, tmp_path, dist, time_zone, ui_lang)


@pytest.fixture
def probe_driver(request, browser_name, paths, site, tmp_path):
    """A fresh browser with the test copy of the extension whose core panics on purpose on pages with
    `notrain-panic-probe` in their URL (`$NOTRAIN_PROBE_DIST`, built by `cargo xtask test`)."""
    probe = Path(os.environ.get("NOTRAIN_PROBE_DIST") or ROOT / "target" / "probe" / "dist").resolve()
    if not (probe / "chrome" / "manifest.json").is_file():
        pytest.fail(f"no panic-probe build at {probe} (run cargo xtask test, or set NOTRAIN_PROBE_DIST)",
                    pytrace=False)
    yield from _launch(request, browser_name, paths, site, tmp_path, probe)


@pytest.fixture
def plain_driver(request, browser_name, paths, site, tmp_path):
    """A fresh browser (new profile) without the extension, for one test."""
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
