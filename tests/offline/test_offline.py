"""No network, statically: the built extension (`$NOTRAIN_DIST`, default `<repo>/dist`, both browsers) holds no
network API, remote import or remote URL in its scripts, pages and styles beyond the core's loaders of the
packaged wasm (`network_apis.py` says what is looked for). And the check finds each kind of thing it looks for."""

import os
import shutil
from pathlib import Path

import pytest

from network_apis import findings

DIST = Path(os.environ.get("NOTRAIN_DIST") or Path(__file__).resolve().parents[2] / "dist")


@pytest.fixture(params=["chrome", "firefox"])
def folder(request):
    path = DIST / request.param
    if not (path / "manifest.json").is_file():
        pytest.fail(f"no built extension at {path} (run cargo xtask build, or set NOTRAIN_DIST)", pytrace=False)
    return path


def test_the_built_extension_reaches_for_no_network(folder):
    assert findings(folder) == []


PLANTED = [
    ("background.js", 'fetch("https://example.com/x");'),
    ("background.js", "globalThis.fetch(url);"),
    ("popup.js", "new XMLHttpRequest();"),
    ("options.js", 'new WebSocket("wss://example.com");'),
    ("review.js", 'new EventSource("/events");'),
    ("content.js", 'navigator.sendBeacon("https://example.com", data);'),
    ("background.js", 'importScripts("https://example.com/x.js");'),
    ("background.js", 'import("https://example.com/x.js");'),
    ("popup.js", 'import { x } from "https://example.com/x.js";'),
    ("background.js", 'init({ module_or_path: "https://example.com/notrain_bg.wasm" });'),
    ("common.js", 'fetch("https://example.com/notrain_bg.wasm");'),
    ("common.js", "init({ module_or_path: other });"),
    ("core/notrain.js", "const again = fetch(other);"),
    ("popup.html", '<link rel="preconnect" href="/x">'),
    ("options.html", '<link rel="prefetch" href="next.html">'),
    ("popup.html", '<img src="https://example.com/pixel.png">'),
    ("options.html", '<script src="//example.com/x.js"></script>'),
    ("popup.css", "body { background: url(https://example.com/x.png) }"),
    ("popup.css", '@import "https://example.com/x.css";'),
]


@pytest.mark.parametrize("file,planted", PLANTED)
def test_the_check_finds_what_it_looks_for(tmp_path, file, planted):
    source = DIST / "chrome"
    if not (source / "manifest.json").is_file():
        pytest.fail(f"no built extension at {source}", pytrace=False)
    copy = tmp_path / "chrome"
    shutil.copytree(source, copy)
    with open(copy / file, "a") as out:
        out.write("\n" + planted + "\n")
    found = findings(copy)
    assert any(f.startswith(file + ":") for f in found), f"{planted!r} in {file} went unseen: {found}"
