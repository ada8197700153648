"""No network: through the whole flow (feed banner, a person's click on "opt out", the setting switched
off and verified, popup and options pages opened), a review of settings ("Review my settings"), a failed opt-out
(the fixture's "save-fails") and a sign-in (from the authwall), NoTrain itself sends nothing anywhere.

Every request of a fresh browser goes through a recording proxy on loopback (`recording_proxy.py`) that routes only
www.linkedin.com:443 to the fake LinkedIn; the fake LinkedIn records every request it answers, with its headers.
"""

import re
import time
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import browsers
import pages
from guided_support import FEED, feed_banner_probably_exposed, saves, sign_in, wait_banner_shows, wait_path
from notrain import AI_KEY, AI_PATH, POLL, TIMEOUT, ai_toggles, click_banner_button, wait_badge, wait_banner, \
    page_settled_without_banner, wait_popup, wait_until
from recording_proxy import RecordingProxy
from test_review import KEY, OTHERS, PATH, open_options, start_review, tick, wait_review_banner

LINKEDIN = "www.linkedin.com"
BASE = "https://" + LINKEDIN  # port 443 in both browsers: the proxy routes it to the site
ZONE = "Europe/Berlin"  # a region where the setting is ON by default, so the feed shows the banner at once
API = "/mysettings-api/settingsApiSettings/"
# What the app shell links (its stylesheet and scripts), read from the shell the site serves, with the kind of
# request (Fetch Metadata `sec-fetch-dest`) each one is.
STATIC = {path: ("style" if tag == "link" else "script") for tag, path in
          re.findall(r'<(link|script)[^>]*(?:href|src)="(/static/[^"]+)"', pages.app_shell("n", {"lang": "en", "member": {}}))}
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://")
# After the popup and options pages: proves that nothing goes out later (a timer, a deferred report). NoTrain
# acts within a fraction of a second of a page's report; 3 s is a wide margin.
LINGER_S = 3


@pytest.fixture
def proxy(site):
    recorder = RecordingProxy({(LINKEDIN, 443): (site.address, site.port)}).start()
    yield recorder
    recorder.stop()


def _fresh_browser(request, browser_name, paths, site, proxy, tmp_path, dist, with_extension):
    driver = browsers.start(browser_name, paths, site, dist, tmp_path, with_extension=with_extension,
                            time_zone=ZONE, proxy_port=proxy.port)
    request.addfinalizer(lambda: browsers.stop(driver))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(20)
    return driver


def _open_tab(driver, url):
    driver.switch_to.new_window("tab")
    driver.get(url)


def _options_page_ready(driver):
    WebDriverWait(driver, TIMEOUT, poll_frequency=POLL).until(
        lambda d: d.execute_script("const s = document.querySelector('select[data-notrain-region]');"
                                   "return !!s && s.options.length > 1;"))


def _foreign(entries):
    return [e for e in entries if not (e["host"] == LINKEDIN and e["routed"])]


def _made_by_the_pages(method, path, headers, documents, keys):
    """Whether a request is one the fixture pages make, by what it is and what the browser says asked for it
    (Fetch Metadata): one of the `documents` visited (a path; a sign-in form's POST too); the stylesheet and scripts
    the app shell links, asked for by a LinkedIn page; the API read and save of a setting of `keys` (settings.js),
    made by the page's own script (its `x-li-page-instance` header); or the browser's own favicon request."""
    h = headers  # names in lower case
    dest, mode = h.get("sec-fetch-dest"), h.get("sec-fetch-mode")
    from_page = h.get("referer", "").startswith(BASE + "/")
    path = urlsplit(path).path
    if method in ("GET", "POST") and path in documents:
        return dest == "document" and mode == "navigate" and (method == "GET" or from_page)
    if method == "GET" and path in STATIC:
        return dest == STATIC[path] and from_page
    if method in ("GET", "PUT") and path.startswith(API) and path[len(API):] in keys:
        return dest == "empty" and mode == "cors" and from_page and bool(h.get("x-li-page-instance"))
    if method == "GET" and path == "/favicon.ico":
        return dest == "image" and from_page
    return False


def _from_an_extension_page(headers):
    return {k: v for k, v in headers.items() if k in ("origin", "referer") and v.startswith(EXTENSION_SCHEMES)}


def _control_hosts(request, browser_name, paths, site, tmp_path, dist, seconds):
    """The hosts the same browser asks for on its own: a fresh one WITHOUT the extension, through its own recording
    proxy, showing the feed and the setting page for as long as the run with the extension took."""
    control = RecordingProxy({(LINKEDIN, 443): (site.address, site.port)}).start()
    request.addfinalizer(control.stop)
    log_dir = tmp_path / "control"
    log_dir.mkdir()
    started = time.monotonic()
    driver = _fresh_browser(request, browser_name, paths, site, control, log_dir, dist, with_extension=False)
    driver.get(BASE + FEED)
    _open_tab(driver, BASE + AI_PATH)
    time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    return control.hosts(), control.seen


def test_the_whole_flow_sends_nothing_anywhere(request, browser_name, paths, site, proxy, tmp_path, dist):
    """The proxy sees no host but www.linkedin.com (port 443), and the fake LinkedIn sees only what its own pages
    ask for (by path and Fetch Metadata, see `_made_by_the_pages`), none of it from an extension page, the two
    documents once each, and exactly one save for the one opt-out.

    Should a browser ask for other hosts on its own despite its flags (updates, telemetry, captive-portal checks),
    a control run of the same browser WITHOUT the extension proves them the browser's own: what the run with the
    extension asked for must then lie within the control run's hosts plus www.linkedin.com.
    """
    started = time.monotonic()
    site.settings[AI_KEY] = True
    driver = _fresh_browser(request, browser_name, paths, site, proxy, tmp_path, dist, with_extension=True)

    # A LinkedIn page other than the setting page: the banner, with its one-click opt-out.
    feed_banner_probably_exposed(driver, BASE)
    click_banner_button(driver, "opt-out")  # a WebDriver click: trusted, as a person's

    wait_path(driver, AI_PATH)
    wait_banner_shows(driver, "the guided opt-out on the setting page", state="protected", hidden=False)
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert ai_toggles(driver) == [{"checked": False, "aria": "false", "word": "Off"}], "page toggle not shown off"

    _open_tab(driver, driver.notrain_base + "popup.html")
    wait_popup(driver, "protected")
    wait_badge(driver, "OFF")
    _open_tab(driver, driver.notrain_base + "options.html")
    _options_page_ready(driver)
    assert driver.find_elements(By.CSS_SELECTOR, "select[data-notrain-region]"), "no options page"
    _sent_nothing(request, browser_name, paths, site, proxy, tmp_path, dist, started, documents=[FEED, AI_PATH, AI_PATH],
                  writes=[("PUT", API + AI_KEY, 200)], keys={AI_KEY})
    assert saves(site) == [(AI_KEY, False, 200)], f"expected exactly one save of the AI setting, got {saves(site)}"


def _sent_nothing(request, browser_name, paths, site, proxy, tmp_path, dist, started, documents, writes, keys):
    """After LINGER_S more: the proxy saw no host but www.linkedin.com (or only hosts the same browser without
    NoTrain asks for too), and the fake LinkedIn only what its pages ask for (`_made_by_the_pages`), none of it from
    an extension page, exactly the `documents` (paths, in order) and exactly the `writes` (method, path, status)."""
    time.sleep(LINGER_S)
    elapsed = time.monotonic() - started
    seen = list(proxy.seen)
    with site.lock:  # before any control run, which visits the site too
        requests = [(*r, {k.lower(): v for k, v in h.items()}) for r, h in zip(site.requests, site.request_headers)]

    # (1) Nothing but the fake LinkedIn through the proxy.
    assert any(e["host"] == LINKEDIN and e["routed"] for e in seen), f"the proxy saw no LinkedIn request: {seen}"
    foreign = _foreign(seen)
    if foreign:
        control_hosts, control_seen = _control_hosts(request, browser_name, paths, site, tmp_path, dist, elapsed)
        unexplained = [e for e in foreign if e["host"] not in control_hosts or e["host"] == LINKEDIN]
        assert not unexplained, (
            f"requests the browser without NoTrain never made: {unexplained}\n"
            f"control run (no extension) asked for: {sorted(control_hosts)}\n"
            f"with the extension, everything: {seen}\ncontrol, everything: {control_seen}")

    # (2) The fake LinkedIn: only its own pages' requests, none from an extension page, one save.
    every = "\n".join(f"  {m} {p} -> {status} {h}" for m, p, status, h in requests)
    unexplained = [(m, p, h) for m, p, _, h in requests if not _made_by_the_pages(m, p, h, set(documents), keys)]
    assert not unexplained, f"requests the fixture pages do not make: {unexplained}\nall:\n{every}"
    marked = [(m, p, _from_an_extension_page(h)) for m, p, _, h in requests if _from_an_extension_page(h)]
    assert not marked, f"requests from an extension page: {marked}"
    loaded = [urlsplit(p).path for _, p, _, h in requests if h.get("sec-fetch-dest") == "document"]
    assert loaded == documents, f"documents loaded: {loaded}\nall:\n{every}"
    made = [(m, urlsplit(p).path, status) for m, p, status, _ in requests if m != "GET"]
    assert made == writes, f"expected exactly the writes {writes}; all:\n{every}"


# One related setting of each kind of page: an ordinary settings page; the page holding two toggles, each its
# own setting; a page outside settings/; the toggle found by its id. Every related page is visited in
# test_review.py; here each kind once, through the proxy.
REVIEWED = ["research", "promotions", "tips-email", "interest-categories", "cookies"]


def test_a_review_of_settings_sends_nothing_anywhere(request, browser_name, paths, site, proxy, tmp_path, dist):
    """"Review my settings" with a setting of each kind of page ticked: the AI page and each of those read, each
    switched off (all ON to begin with) and verified; nothing but those pages' own requests, one save per
    setting."""
    assert set(REVIEWED) <= set(OTHERS), REVIEWED
    started = time.monotonic()
    driver = _fresh_browser(request, browser_name, paths, site, proxy, tmp_path, dist, with_extension=True)
    open_options(driver)
    tick(driver, REVIEWED)
    start_review(driver)
    last = [i for i in OTHERS if i in REVIEWED][-1]  # the review visits them in the rules' order
    wait_review_banner(driver, "finished", path=PATH[last])
    ids = ["ai-training", *REVIEWED]
    _sent_nothing(request, browser_name, paths, site, proxy, tmp_path, dist, started,
                  documents=[PATH[i] for i in ids for _ in range(2)], writes=[("PUT", API + KEY[i], 200) for i in ids],
                  keys={KEY[i] for i in ids})


def test_a_failed_opt_out_sends_nothing_anywhere(request, browser_name, paths, site, proxy, tmp_path, dist):
    """The setting page whose save fails (fixture scenario "save-fails"): one click, one failed save, the banner
    says so, the popup too; nothing else is sent, and no retry."""
    started = time.monotonic()
    site.settings[AI_KEY] = True
    site.scenario = "save-fails"
    site.revert_ms = 200  # the page flips back before NoTrain would load it again: no second document load
    driver = _fresh_browser(request, browser_name, paths, site, proxy, tmp_path, dist, with_extension=True)
    driver.get(BASE + AI_PATH)
    wait_banner(driver, "exposed")
    click_banner_button(driver, "opt-out")
    wait_banner(driver, "failed")
    _open_tab(driver, driver.notrain_base + "popup.html")
    wait_popup(driver, "failed")
    _sent_nothing(request, browser_name, paths, site, proxy, tmp_path, dist, started, documents=[AI_PATH],
                  writes=[("PUT", API + AI_KEY, 500)], keys={AI_KEY})


def test_a_sign_in_sends_nothing_anywhere(request, browser_name, paths, site, proxy, tmp_path, dist):
    """Signed out (fixture scenario "signed-out"): the setting page sends to the authwall, where NoTrain has nothing
    to show (so nothing of it is in the page); the member signs in and is back on the setting page, read ON. Only
    the pages' own requests."""
    started = time.monotonic()
    site.settings[AI_KEY] = True
    site.scenario = "signed-out"
    driver = _fresh_browser(request, browser_name, paths, site, proxy, tmp_path, dist, with_extension=True)
    driver.get(BASE + AI_PATH)
    wait_path(driver, "/authwall")
    since = [None]
    wait_until(lambda: page_settled_without_banner(driver, since), message="the authwall without a banner")
    driver.find_element(By.CSS_SELECTOR, "a.btn__primary--large").click()  # "Sign in"
    wait_path(driver, "/login")
    sign_in(driver)
    wait_path(driver, AI_PATH)
    wait_banner(driver, "exposed")
    login = "/checkpoint/lg/login-submit"
    _sent_nothing(request, browser_name, paths, site, proxy, tmp_path, dist, started,
                  documents=[AI_PATH, "/authwall", "/login", login, AI_PATH], writes=[("POST", login, 303)],
                  keys={AI_KEY})
