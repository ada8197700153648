"""The built manifests hold exactly the hosts the rules give: every `rules/services/*.json` service with
`access: "required"` has `https://<host>/*` for each of its hosts in `host_permissions` and in every content
script's `matches`, one with `access: "optional"` in `optional_host_permissions` only, and nothing else is
there. Read from `$NOTRAIN_DIST` (default `<repo>/dist`, both browsers), independently of the build's own code
(`xtask/src/hosts.rs`), so a manifest and rules that disagree (a hand edit, a stale build) fail here."""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("NOTRAIN_DIST") or ROOT / "dist")


def patterns(access):
    """The match patterns of the services with this `access`, in file-name order."""
    found = []
    for path in sorted((ROOT / "rules" / "services").glob("*.json")):
        service = json.loads(path.read_text(encoding="utf-8"))["service"]
        if service["access"] == access:
            found += [f"https://{host}/*" for host in service["hosts"]]
    return found


@pytest.fixture(params=["chrome", "firefox"])
def manifest(request):
    path = DIST / request.param / "manifest.json"
    if not path.is_file():
        pytest.fail(f"no built extension at {path.parent} (run cargo xtask build, or set NOTRAIN_DIST)",
                    pytrace=False)
    return json.loads(path.read_text(encoding="utf-8"))


def test_required_hosts_are_held_and_where_the_content_scripts_run(manifest):
    required = patterns("required")
    assert manifest.get("host_permissions", []) == required
    scripts = manifest.get("content_scripts", [])
    # With no service held from install, no script is declared (a content script must match something).
    assert bool(scripts) == bool(required)
    for script in scripts:
        assert script.get("matches") == required


def test_optional_hosts_are_only_asked_for(manifest):
    optional = patterns("optional")
    assert manifest.get("optional_host_permissions", []) == optional
    held = set(manifest.get("host_permissions", []))
    assert not held & set(optional)


def test_no_page_can_load_the_extensions_files(manifest):
    assert manifest.get("web_accessible_resources", []) == []
