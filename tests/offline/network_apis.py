"""A static look at a built extension folder for anything that could reach the network: in scripts, the network
APIs (fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, WebTransport, RTCPeerConnection, importScripts),
dynamic import() and any import not of a file of the package; in HTML and CSS, prefetch/preconnect-like links,
remote URLs in attributes, `url()` and `@import`. The allowances are the core's loaders: wasm-bindgen's glue
(`core/notrain.js`) fetches the module it is given, once, and every call of its `init` passes the packaged
`core/notrain_bg.wasm` (an extension URL); `common.js` fetches that packaged file, once, and passes `init` the
module compiled from it. Anything else is a finding, naming the file and line.
"""

import re
from pathlib import Path

GLUE = "core/notrain.js"
# wasm-bindgen's loader: exactly these, once each, in the glue (a new wasm-bindgen that words them otherwise makes
# the check fail, to be looked at again).
GLUE_ALLOWED = ("module_or_path = fetch(module_or_path);", "failed to fetch Wasm")
INIT_CALL = re.compile(r"\binit\s*\(")
PACKAGED_INIT = 'init({ module_or_path: chrome.runtime.getURL("core/notrain_bg.wasm") })'
LOADER = "common.js"
# The background's loader, in steps the benchmark times: exactly these, once each, in common.js.
LOADER_ALLOWED = ('fetch(chrome.runtime.getURL("core/notrain_bg.wasm"))', "init({ module_or_path: module })")

JS_APIS = re.compile(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|WebTransport|RTCPeerConnection"
                     r"|importScripts)\b|\bimport\s*\(")
JS_SPECIFIERS = re.compile(r"""(?:\bimport\b[^;'"()]*?\bfrom|\bexport\b[^;'"()]*?\bfrom|\bimport)\s*["']([^"']*)["']""")
LOCAL = re.compile(r"^\.{1,2}/")
HTML_LINK = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?[^\"'>]*\b(prefetch|preconnect|dns-prefetch|preload|prerender"
                       r"|modulepreload)\b", re.I)
REMOTE = r"""\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)"""  # any scheme, or protocol-relative
HTML_REMOTE = re.compile(r"\b(src|href|action|formaction|srcset|poster|data|ping|background)\s*=" + REMOTE, re.I)
CSS_REMOTE = re.compile(r"url\(" + REMOTE + r"|@import\b", re.I)
META_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh", re.I)


def _lines(text, pattern):
    for match in pattern.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(0).strip()


def _script(path, text, name):
    found = []
    for loader, allowances in ((GLUE, GLUE_ALLOWED), (LOADER, LOADER_ALLOWED)):
        if name != loader:
            continue
        for allowed in allowances:
            if text.count(allowed) != 1:
                found.append(f"{name}: the core's loader no longer reads {allowed!r} exactly once; look again")
            text = text.replace(allowed, "")
    found += [f"{name}:{line}: {what}" for line, what in _lines(text, JS_APIS)]
    for match in JS_SPECIFIERS.finditer(text):
        if not LOCAL.match(match.group(1)):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{name}:{line}: import of {match.group(1)!r}, not a file of the package")
    if name != GLUE:
        for line, _ in _lines(text, INIT_CALL):
            call = text.splitlines()[line - 1]
            if PACKAGED_INIT not in call:
                found.append(f"{name}:{line}: the core's init called with something else than the packaged wasm: "
                             f"{call.strip()}")
    return found


def findings(folder):
    """Every reach for the network in the built extension `folder`, as 'file:line: what' strings."""
    folder = Path(folder)
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if path.suffix in (".js", ".mjs"):
            found += _script(path, path.read_text(), name)
        elif path.suffix in (".html", ".htm"):
            text = path.read_text()
            for pattern in (HTML_LINK, HTML_REMOTE, CSS_REMOTE, META_REFRESH):
                found += [f"{name}:{line}: {what}" for line, what in _lines(text, pattern)]
            for match in re.finditer(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I):
                found += _script(path, match.group(1), name)
        elif path.suffix == ".css":
            found += [f"{name}:{line}: {what}" for line, what in _lines(path.read_text(), CSS_REMOTE)]
    return found
