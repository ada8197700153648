"""The fake LinkedIn server on its own, over plain HTTPS (no browser): CSP on every response, redirects, and
the settings API the page's JavaScript saves through. Guards the fixture, not the extension.
"""

import http.client
import json
import re
import ssl

import pytest

from notrain import AI_KEY, AI_PATH
from server import SCENARIOS

CSP = re.compile(r"default-src 'self'; script-src 'self' 'nonce-([^']+)'; style-src 'self' 'nonce-\1'; "
                 r"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'")
API = "/mysettings-api/settingsApiSettings/"


TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
TLS.check_hostname, TLS.verify_mode = False, ssl.CERT_NONE  # the fixture's certificate is self-signed


def call(site, method, path, body=None, headers=None):
    conn = http.client.HTTPSConnection(site.address, site.port, context=TLS, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Host": "www.linkedin.com", **(headers or {})})
        res = conn.getresponse()
        return res.status, res.headers, res.read().decode()
    finally:
        conn.close()


def put(site, key, value, csrf="ajax:1", cookie='JSESSIONID="ajax:1"'):
    body = json.dumps({"value": value}) if not isinstance(value, str) else value
    return call(site, "PUT", API + key, body,
                {"csrf-token": csrf, "Cookie": cookie, "Content-Type": "application/json"})


SIGNED_IN = [("GET", AI_PATH), ("GET", AI_PATH + "/"), ("GET", AI_PATH + "?trk=nav"),
             ("GET", AI_PATH.replace("/d/", "/m/")), ("GET", "/feed/"), ("GET", "/mypreferences/d/categories/privacy"),
             ("GET", "/mypreferences/d/settings/ads-beyond-linkedin"), ("GET", "/static/app.js"),
             ("GET", "/static/settings.js"), ("GET", "/static/app.css"), ("GET", API + AI_KEY),
             ("GET", "/"), ("GET", "/mypreferences/d/"), ("GET", "/login"), ("GET", "/no/such/page"),
             ("GET", "/static/missing.js"), ("GET", "/help/linkedin/answer/a6278444"),
             ("PUT", API + AI_KEY), ("POST", "/checkpoint/lg/login-submit")]


@pytest.mark.parametrize("scenario", ["en-hook", "signed-out"])
def test_every_response_has_strict_csp_with_fresh_nonce(site, scenario):
    site.scenario = scenario
    nonces = []
    for method, path in SIGNED_IN:
        status, headers, _ = call(site, method, path, body="" if method != "GET" else None)
        policy = headers.get_all("Content-Security-Policy") or []
        assert len(policy) == 1, f"{method} {path} -> {status}: CSP headers {policy}"
        m = CSP.fullmatch(policy[0])
        assert m, f"{method} {path}: {policy[0]}"
        nonces.append(m.group(1))
    assert len(set(nonces)) == len(nonces), "a nonce was reused"


def test_setting_pages_render_the_shell_with_nonced_scripts(site):
    status, headers, body = call(site, "GET", AI_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    nonce = CSP.fullmatch(headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts)
    assert 'class="initial-load-animation"' in body, "the shell should show a loading skeleton"
    assert 'role="switch"' not in body, "the toggle must come from the app's JS, not the server"


def test_redirects(site):
    assert call(site, "GET", "/mypreferences/d/")[1]["Location"] == "/mypreferences/d/categories/account"
    assert call(site, "GET", "/login")[1]["Location"] == "/feed/"
    site.scenario = "signed-out"
    status, headers, _ = call(site, "GET", AI_PATH)
    assert status == 303
    assert headers["Location"].startswith("/authwall?")
    assert "sessionRedirect=https%3A%2F%2Fwww.linkedin.com%2Fmypreferences%2Fd%2Fsettings" in headers["Location"]
    status, headers, _ = call(site, "GET", AI_PATH.replace("/d/", "/m/"))
    assert status == 302 and headers["Location"].startswith("/login?session_redirect=https%3A%2F%2F")
    site.scenario = "signed-out-login"
    assert call(site, "GET", AI_PATH)[1]["Location"].startswith("/login?session_redirect=")
    assert call(site, "GET", "/authwall?sessionRedirect=x")[0] == 200
    assert call(site, "GET", API + AI_KEY)[0] == 401


def test_settings_api(site):
    assert json.loads(call(site, "GET", API + AI_KEY)[2]) == {"key": AI_KEY, "value": True}
    assert put(site, AI_KEY, False, csrf="ajax:2")[0] == 403
    assert put(site, AI_KEY, "not json")[0] == 400
    assert put(site, "noSuchSetting", False)[0] == 404
    assert site.settings[AI_KEY] is True
    assert put(site, AI_KEY, False)[0] == 200
    assert site.settings[AI_KEY] is False
    site.scenario = "save-fails"
    assert put(site, AI_KEY, True)[0] == 500
    assert site.settings[AI_KEY] is False
    site.scenario = "signed-out"
    assert put(site, AI_KEY, True)[0] == 401
    assert [(p["key"], p["value"], p["status"]) for p in site.puts] == [
        (AI_KEY, False, 403), (AI_KEY, None, 400), ("noSuchSetting", False, 404), (AI_KEY, False, 200),
        (AI_KEY, True, 500), (AI_KEY, True, 401)]
    site.reset()
    assert site.puts == [] and site.settings[AI_KEY] is True and site.scenario == "en-hook"


def test_unknown_scenario_is_refused(site):
    with pytest.raises(ValueError):
        site.scenario = "lang-xx"
    assert "lang-pt-BR" in SCENARIOS and "never" in SCENARIOS
