"""The AI setting page end to end, in each browser: on the AI setting page the banner, badge and popup tell the
truth; one click on the banner opts out through the page's own toggle; and the page really runs under a strict
CSP (so everything above was proven under it).
"""

import re

from content import DEFAULT_SETTINGS
from notrain import (AI_KEY, AI_PATH, ai_toggles, banner_button, click_banner_button, popup_tab, wait_badge,
                     wait_banner, wait_popup, wait_until)


def test_toggle_on_shows_exposed(browser, site, base_url):
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)
    host = wait_banner(browser, "exposed")
    assert banner_button(host, "opt-out").is_displayed(), "exposed, yet the opt-out button is not visible"
    assert not banner_button(host, "dismiss").is_displayed(), "an ON reading on the setting page can be dismissed"
    with popup_tab(browser):
        wait_badge(browser, "ON")
        wait_popup(browser, "exposed")
    assert site.puts == [], "looking at the page must not change any setting"


def test_toggle_off_shows_protected(browser, site, base_url):
    site.settings[AI_KEY] = False
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "protected")
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        wait_popup(browser, "protected")
    assert site.puts == []
    assert site.settings[AI_KEY] is False


def test_opt_out_from_banner(browser, site, base_url):
    site.settings[AI_KEY] = True
    browser.get(base_url + AI_PATH)
    wait_banner(browser, "exposed")

    click_banner_button(browser, "opt-out")

    wait_banner(browser, "protected")
    wait_until(lambda: site.settings[AI_KEY] is False, message="the server to store the AI setting as off")
    assert ai_toggles(browser) == [{"checked": False, "aria": "false", "word": "Off"}], "page toggle not shown off"
    with popup_tab(browser):
        wait_badge(browser, "OFF")
        wait_popup(browser, "protected")
    # Checked last, so a late second click would have had time to show up.
    saves = [(p["key"], p["value"], p["status"]) for p in site.puts]
    assert saves == [(AI_KEY, False, 200)], f"expected exactly one save of the AI setting, got {saves}"
    assert site.settings == {**DEFAULT_SETTINGS, AI_KEY: False}, "another setting was changed"


CSP_DIRECTIVES = {
    "default-src": "'self'", "img-src": "'self' data:", "object-src": "'none'", "base-uri": "'none'",
    "frame-ancestors": "'self'",
}

# Runs in the page: read the CSP header of a fresh load of this URL, and probe what the CSP allows.
_PROBE_JS = """
const done = arguments[arguments.length - 1];
(async () => {
  const out = {};
  const headers = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(location.href, { cache: "no-store" });
    headers.push(res.headers.get("content-security-policy"));
  }
  out.headers = headers;
  const violations = [];
  document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
  const root = document.documentElement;
  const nonce = document.querySelector("script[nonce]").nonce;
  const run = (code, withNonce) => {
    const s = document.createElement("script");
    if (withNonce) s.nonce = nonce;
    s.textContent = code;
    document.head.append(s);
  };
  // 1. inline script without nonce, inserted from outside the page's code
  run("document.documentElement.dataset.probeBare = 'ran';", false);
  // 2. the page's own (nonce'd) code inserting an inline script without nonce, then trying eval and wasm
  run(`
    document.documentElement.dataset.probeNonce = 'ran';
    const s = document.createElement('script');
    s.textContent = "document.documentElement.dataset.probeInner = 'ran';";
    document.head.append(s);
    try { eval('1'); document.documentElement.dataset.probeEval = 'ran'; } catch (e) {}
    try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
          document.documentElement.dataset.probeWasm = 'ran'; } catch (e) {}
  `, true);
  await new Promise((r) => setTimeout(r, 500));
  for (const k of ["probeBare", "probeNonce", "probeInner", "probeEval", "probeWasm"]) out[k] = root.dataset[k] || null;
  out.violations = violations;
  return out;
})().then(done, (e) => done({ error: String(e) }));
"""


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            policy[name] = value.strip()
    return policy


def test_fixture_page_csp_is_strict(browser, site, base_url):
    browser.get(base_url + AI_PATH)
    wait_until(lambda: ai_toggles(browser), message="the page's own scripts to render the toggle (nonce + 'self')")
    result = browser.execute_async_script(_PROBE_JS)
    assert "error" not in result, result

    first, second = result["headers"]
    assert first and second, "page response has no Content-Security-Policy header"
    policy = parse_csp(first)
    for name, value in CSP_DIRECTIVES.items():
        assert policy.get(name) == value, f"{name}: {policy.get(name)!r}"
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9_+/=-]+)'", policy["script-src"])
    assert nonce, policy["script-src"]
    assert policy["style-src"] == policy["script-src"]
    assert "unsafe" not in first
    assert parse_csp(second)["script-src"] != policy["script-src"], "nonce must be fresh per response"

    assert result["probeNonce"] == "ran", "control: a script with the page's nonce should run"
    assert result["probeBare"] is None, "an inline script without nonce ran"
    assert result["probeInner"] is None, "page code could insert an inline script without nonce"
    assert result["probeEval"] is None, "eval ran (unsafe-eval allowed?)"
    assert result["probeWasm"] is None, "WebAssembly compiled (wasm-unsafe-eval allowed?)"
    assert any(v.startswith("script-src") for v in result["violations"]), result["violations"]
    assert site.puts == []
