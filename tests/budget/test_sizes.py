"""Size budgets of the built extension, checked on `$NOTRAIN_DIST` (default `<repo>/dist`) for both
browsers: the core's .wasm raw and gzipped, and the scripts every LinkedIn page loads."""

import os
from pathlib import Path

import pytest

import budgets

DIST = Path(os.environ.get("NOTRAIN_DIST") or Path(__file__).resolve().parents[2] / "dist")
FOLDERS = ["chrome", "firefox"]


@pytest.fixture(params=FOLDERS)
def folder(request):
    path = DIST / request.param
    if not (path / "manifest.json").is_file():
        pytest.fail(f"no built extension at {path} (run cargo xtask build, or set NOTRAIN_DIST)", pytrace=False)
    return path


def test_wasm_raw_within_budget(folder):
    size = (folder / budgets.WASM).stat().st_size
    assert size <= budgets.WASM_RAW, f"{folder / budgets.WASM}: {size} bytes, budget {budgets.WASM_RAW}"


def test_wasm_gzip_within_budget(folder):
    size = budgets.gzip_size(folder / budgets.WASM)
    assert size <= budgets.WASM_GZIP, f"{folder / budgets.WASM} gzip -9: {size} bytes, budget {budgets.WASM_GZIP}"


def test_content_scripts_within_budget(folder):
    scripts = budgets.content_scripts(folder)
    assert [p.name for p in scripts] == ["ahead.js", "banner.js", "content.js"], f"the manifest injects {scripts}"
    size = budgets.content_scripts_size(folder)
    sizes = ", ".join(f"{p.name} {p.stat().st_size}" for p in scripts)
    assert size <= budgets.CONTENT_SCRIPTS, f"content scripts: {size} bytes ({sizes}), budget {budgets.CONTENT_SCRIPTS}"
