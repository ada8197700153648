"""How NoTrain looks and reads, for the accessibility test and the demo: axe-core injected into a page (the fake
LinkedIn with its strict CSP, or an extension page) and run on the banner's shadow host or the whole document;
Chromium's emulated colour scheme, reduced motion and zoom over CDP; screenshots of the banner and of the page.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"  # the one xtask/src/tools.rs installs
SCREENSHOTS = ROOT / "target" / "screenshots"
# WCAG 2.0-2.2 A and AA, plus Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_RUN_AXE_JS = """
const [context, tags, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
axe.run(context || document, { runOnly: { type: 'tag', values: tags } }).then(
  (r) => done({
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) })),
    checked: Object.fromEntries(['passes', 'incomplete'].map((kind) => [kind,
      Object.fromEntries(r[kind].map((rule) => [rule.id, rule.nodes.map((n) => n.target)]))])),
  }),
  (e) => done({ error: String(e) }));
"""


def axe_source():
    """axe.min.js: $NOTRAIN_AXE (set by `cargo xtask test`), else the tools cache's copy."""
    cache = Path(os.environ.get("NOTRAIN_TOOLS") or Path.home() / ".cache/notrain-tools")
    path = Path(os.environ.get("NOTRAIN_AXE") or cache / "axe-core/node_modules/axe-core/axe.min.js")
    if not path.is_file():
        raise FileNotFoundError(f"no axe-core at {path}: run `cargo xtask test --only e2e-chromium` once "
                                f"(it installs axe-core {AXE_VERSION} from npm), or set NOTRAIN_AXE")
    return path.read_text(encoding="utf-8")


def run_axe(driver, source, context=None):
    """axe on `context` (an element, its shadow tree included; None: the whole page), injected through WebDriver,
    which the page's CSP does not govern. Returns {violations, checked: {passes, incomplete}: rule -> targets}."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(source + "\n;window.axe = axe;")
    result = driver.execute_async_script(_RUN_AXE_JS, context, AXE_TAGS)
    assert "error" not in result, f"axe failed: {result['error']}"
    return result


def describe_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n['target']}: {n['summary']}" for n in v["nodes"]]
    return "\n".join(lines)


def emulate(driver, scheme="light", reduced_motion=True):
    """Chromium, this tab: prefers-color-scheme and prefers-reduced-motion as given (until `emulate_reset`)."""
    features = [{"name": "prefers-color-scheme", "value": scheme},
                {"name": "prefers-reduced-motion", "value": "reduce" if reduced_motion else "no-preference"}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": features})


def zoom(driver, width, height, factor):
    """Chromium, this tab: the layout of a `width`x`height` window at `factor` zoom (the CSS viewport shrinks by
    the factor, everything is drawn that much larger), as the browser's own zoom would lay it out."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": round(width / factor), "height": round(height / factor), "deviceScaleFactor": factor,
        "mobile": False})


def emulate_reset(driver):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def save_element(element, folder, name):
    """A PNG of `element` (e.g. the banner host) as `folder/name.png`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    element.screenshot(str(path))
    return path


def save_page(driver, folder, name):
    """A PNG of what the window shows as `folder/name.png`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
