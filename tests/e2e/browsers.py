"""Start Chromium or Firefox under Selenium with the built extension loaded and the fixture server's hosts
(www.linkedin.com, chatgpt.com, x.com, claude.ai) mapped to it, or only www.linkedin.com through a recording proxy;
know each browser's extension page URLs. Driver and browser paths are always explicit, so Selenium Manager never
downloads anything.
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.firefox.service import Service as FirefoxService

from server import HOSTS

os.environ.setdefault("SE_OFFLINE", "true")  # belt and braces: Selenium Manager must stay offline

GECKO_ID = "notrain@notrain.org"
FIREFOX_UUID = "6f6e7472-6169-4e00-8e6f-747261696e21"  # fixed, so popup URLs are known before install
BROWSERS = ("chromium", "firefox")


def _first_existing(*candidates):
    for c in candidates:
        if c and Path(c).is_file():
            return str(c)
    return next((str(c) for c in candidates if c), None)


@dataclass
class Paths:
    """Executables, from env (CHROMIUM, CHROMEDRIVER, FIREFOX, GECKODRIVER) or the defaults of this machine."""
    chromium: str
    chromedriver: str
    firefox: str
    geckodriver: str

    @classmethod
    def from_env(cls):
        env = os.environ.get
        return cls(
            chromium=env("CHROMIUM") or _first_existing("/usr/bin/chromium", shutil.which("chromium")),
            chromedriver=env("CHROMEDRIVER") or _first_existing("/usr/bin/chromedriver", shutil.which("chromedriver")),
            firefox=env("FIREFOX") or _first_existing("/usr/bin/firefox-esr", shutil.which("firefox-esr"),
                                                      shutil.which("firefox")),
            geckodriver=env("GECKODRIVER") or _first_existing(shutil.which("geckodriver"),
                                                              Path.home() / ".cargo/bin/geckodriver"),
        )


CHROMIUM_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900", "--ignore-certificate-errors")

# With a recording proxy (the no-network test): also off, three sources of the browser's own traffic that
# --disable-background-networking leaves on (network time, autofill server, optimization guide), so that less of
# what the proxy records is the browser's. Still left on (no flag found): update.googleapis.com, accounts.google.com
# and the default search engine's host at start-up.
QUIET_CHROMIUM_ARGS = ("--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,OptimizationHints,"
                       "OptimizationHintsFetching,OptimizationGuideModelDownloading",)


def browser_env(time_zone):
    """Environment for the driver (and so the browser) process: this one's, with TZ set if a zone is given."""
    return {**os.environ, "TZ": time_zone} if time_zone else None


def start_chromium(paths, site, extension_dir, log_dir, time_zone=None, proxy_port=None, headless=True,
                   lang=None):
    """Chromium with the unpacked extension (if given); returns the driver with .notrain_base set.

    `time_zone` (IANA name) becomes the browser's TZ: chromedriver passes its environment on to Chromium.
    `proxy_port`: every request goes through the HTTP proxy on 127.0.0.1:<port>, loopback included, and
    www.linkedin.com is not mapped to the site (the proxy routes it), so nothing can reach it around the proxy.
    `headless=False` opens a window (the demo, on a machine with a display).
    `lang` (a Chromium locale, e.g. "de", "pt-BR"): the browser's UI language, which extensions' `_locales` follow
    (`--lang`; measured headless on Chromium 156: `chrome.i18n.getMessage` then answers in it, while
    `chrome.i18n.getUILanguage()` still says en-US, and neither LANGUAGE nor LANG changes that), and the pages'
    `navigator.language` (the `intl.accept_languages` pref).
    """
    profile = tempfile.mkdtemp(prefix="notrain-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = paths.chromium
    for arg in CHROMIUM_ARGS:
        if headless or arg != "--headless=new":
            opts.add_argument(arg)
    opts.add_argument(f"--user-data-dir={profile}")
    if lang:
        opts.add_argument(f"--lang={lang}")
        opts.add_experimental_option("prefs", {"intl.accept_languages": lang})
    if proxy_port:
        opts.add_argument(f"--proxy-server=http://127.0.0.1:{proxy_port}")
        opts.add_argument("--proxy-bypass-list=<-loopback>")  # loopback too goes through the proxy
        for arg in QUIET_CHROMIUM_ARGS:
            opts.add_argument(arg)
    else:
        opts.add_argument(host_resolver_rules(site))
    if extension_dir:
        ext = os.path.realpath(extension_dir)
        opts.add_argument(f"--load-extension={ext}")
        opts.add_argument(f"--disable-extensions-except={ext}")
    opts.accept_insecure_certs = True
    service = ChromeService(executable_path=paths.chromedriver, env=browser_env(time_zone),
                            log_output=str(Path(log_dir) / "chromedriver.log"))
    try:
        driver = webdriver.Chrome(options=opts, service=service)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.notrain_cleanup = lambda: shutil.rmtree(profile, ignore_errors=True)
    driver.notrain_base = f"chrome-extension://{chromium_extension_id(driver, ext)}/" if extension_dir else None
    return driver


def host_resolver_rules(site):
    """Chromium's flag sending each fixture host's port 443 to the site (other ports and hosts stay unmapped)."""
    to = f"{site.address}:{site.port}"
    return "--host-resolver-rules=" + ", ".join(f"MAP {host}:443 {to}" for host in HOSTS.values())


def chromium_extension_id(driver, ext_dir, timeout=15):
    """The id Chromium gave the unpacked extension.

    Read from the extension's service worker (or background page) target over CDP `Target.getTargets`.
    Also computed the way Chromium does it (sha256 of the manifest "key", else of the absolute real path; first
    32 hex digits mapped 0-f -> a-p): that settles ambiguity and is the answer if no worker shows up in time.
    """
    manifest = json.loads((Path(ext_dir) / "manifest.json").read_text())
    if manifest.get("key"):
        digest = hashlib.sha256(base64.b64decode(manifest["key"])).hexdigest()
    else:
        digest = hashlib.sha256(os.path.realpath(ext_dir).encode()).hexdigest()
    computed = "".join(chr(ord("a") + int(c, 16)) for c in digest[:32])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        targets = driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"]
        ids = {t["url"].split("/")[2] for t in targets
               if t["type"] in ("service_worker", "background_page") and t["url"].startswith("chrome-extension://")}
        if computed in ids:
            return computed
        if len(ids) == 1:
            return ids.pop()
        time.sleep(0.25)
    return computed  # worker not started (yet): trust the computation


class FirefoxOptions(webdriver.FirefoxOptions):
    """FirefoxOptions with `env` for `moz:firefoxOptions.env` (Selenium has no setter for it)."""

    def __init__(self):
        super().__init__()
        self.env = {}

    def to_capabilities(self):
        caps = super().to_capabilities()
        if self.env:
            caps.setdefault("moz:firefoxOptions", {})["env"] = dict(self.env)
        return caps


def start_firefox(paths, site, extension_dir, log_dir, time_zone=None, proxy_port=None, extra_prefs=None):
    """Firefox with the extension installed as a temporary add-on; returns the driver with .notrain_base set
    (NoTrain's page URLs: another extension's are not known).

    `time_zone` (IANA name) becomes the browser's TZ, both through geckodriver's environment and
    `moz:firefoxOptions.env`. `proxy_port`: every request (loopback included) goes through the HTTP proxy on
    127.0.0.1:<port>. `extra_prefs`: more preferences for this profile, e.g. the benchmark's short
    `extensions.background.idle.timeout`.
    """
    opts = FirefoxOptions()
    if time_zone:
        opts.env["TZ"] = time_zone
    opts.binary_location = paths.firefox
    opts.add_argument("-headless")
    opts.accept_insecure_certs = True
    prefs = {
        "network.dns.forceResolve": site.address,  # every host name, so each fixture host's :<port> hits the site
        "network.trr.mode": 5,  # no DNS over HTTPS
        "network.proxy.type": 0,
        "extensions.webextensions.uuids": json.dumps({GECKO_ID: FIREFOX_UUID}),
        "extensions.autoDisableScopes": 0,
        "browser.shell.checkDefaultBrowser": False,
        "datareporting.policy.dataSubmissionEnabled": False,
        "toolkit.telemetry.reportingpolicy.firstRun": False,
        "app.update.disabledForTesting": True,
        "browser.safebrowsing.update.enabled": False,
        "extensions.update.enabled": False,
        # permissions.request() from a user's click grants without the doorhanger a person would confirm
        # (test_permission.py, notrain.grant_service); without this pref the request never answers headless.
        "extensions.webextOptionalPermissionPrompts": False,
    }
    if proxy_port:
        prefs.update({
            "network.proxy.type": 1,  # manual
            "network.proxy.http": "127.0.0.1", "network.proxy.http_port": proxy_port,
            "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": proxy_port,
            "network.proxy.no_proxies_on": "",
            "network.proxy.allow_hijacking_localhost": True,  # loopback too goes through the proxy
        })
    for name, value in {**prefs, **(extra_prefs or {})}.items():
        opts.set_preference(name, value)
    # Marionette refuses to navigate to moz-extension:// (the popup page) without system access; geckodriver
    # passes -remote-allow-system-access to Firefox for us (it rejects it as a capability argument).
    service = FirefoxService(executable_path=paths.geckodriver, service_args=["--allow-system-access"],
                             env=browser_env(time_zone), log_output=str(Path(log_dir) / "geckodriver.log"))
    driver = webdriver.Firefox(options=opts, service=service)
    driver.set_window_size(1280, 900)
    driver.notrain_cleanup = lambda: None
    driver.notrain_base = None
    if extension_dir:
        try:
            driver.install_addon(os.path.realpath(extension_dir), temporary=True)
        except Exception:
            driver.quit()
            raise
        driver.notrain_base = f"moz-extension://{FIREFOX_UUID}/"
    return driver


def start(browser, paths, site, dist, log_dir, with_extension=True, time_zone=None, proxy_port=None, lang=None):
    """Start `browser` ("chromium" or "firefox"); the extension comes from dist/chrome or dist/firefox; every
    fixture host reaches `site` (its `address` and `port`).

    `time_zone`: IANA name to run the browser in (env TZ); None keeps this process's environment.
    `proxy_port`: send every request through the HTTP proxy on 127.0.0.1:<port> (see recording_proxy.py), which
    must route www.linkedin.com:443 to the site; None (default): no proxy, the fixture hosts mapped to the site.
    `lang`: Chromium's UI language (see `start_chromium`); Firefox's would need a language pack, so it has none.
    """
    if browser == "chromium":
        ext = Path(dist) / "chrome" if with_extension else None
        return start_chromium(paths, site, ext, log_dir, time_zone, proxy_port, lang=lang)
    if lang:
        raise ValueError(f"no UI language {lang!r} for {browser}: only Chromium's is set at start")
    if browser == "firefox":
        ext = Path(dist) / "firefox" if with_extension else None
        return start_firefox(paths, site, ext, log_dir, time_zone, proxy_port)
    raise ValueError(browser)


def stop(driver):
    try:
        driver.quit()
    finally:
        driver.notrain_cleanup()


def versions(paths):
    """Human-readable versions of the browsers and drivers, for the test report header."""
    out = {}
    for name in ("chromium", "chromedriver", "firefox", "geckodriver"):
        exe = getattr(paths, name)
        try:
            res = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
            out[name] = (res.stdout.strip().splitlines() or ["?"])[0]
        except (OSError, subprocess.SubprocessError, TypeError):
            out[name] = "missing"
    return out
