//! Finds or installs the tools the build and tests need, at pinned versions, from the registries
//! only (rustup, crates.io, npm, PyPI, Debian). Installs are cached outside the checkout so a
//! second run on the same machine skips them.

use crate::run::{cmd, output, root, run};
use std::path::{Path, PathBuf};

/// geckodriver, from crates.io (no npm or PyPI package ships it without a download elsewhere).
const GECKODRIVER_VERSION: &str = "0.37.1";
/// binaryen from npm: Debian's is too old for what rustc and wasm-bindgen emit.
const BINARYEN_VERSION: &str = "132.0.0";
/// Mozilla's web-ext (addons-linter inside), from npm.
const WEB_EXT_VERSION: &str = "10.7.0";
/// Deque's axe-core, the accessibility rules engine the e2e accessibility test injects, from npm.
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// terser, from npm: takes comments and whitespace out of the shipped content scripts.
const TERSER_VERSION: &str = "5.39.0";
const DEBIAN_BROWSERS: [(&str, &str); 3] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("firefox-esr", "/usr/bin/firefox-esr"),
];

/// Where installs are cached: `$NOTRAIN_TOOLS`, else `~/.cache/notrain-tools`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NOTRAIN_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map_or_else(|| root().join("target"), PathBuf::from);
    home.join(".cache/notrain-tools")
}

/// Cargo's home: `$CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

fn cargo_bin(name: &str) -> PathBuf {
    cargo_home().unwrap_or_default().join("bin").join(name)
}

/// Adds the wasm32 target to the pinned toolchain if it is missing.
pub fn wasm_target() -> Result<(), String> {
    let installed =
        output(&mut cmd("rustup", ["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(&mut cmd(
        "rustup",
        ["target", "add", "wasm32-unknown-unknown"],
    ))
}

/// The exact wasm-bindgen version in Cargo.lock (the CLI must match the library).
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|error| format!("cannot read Cargo.lock: {error}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".to_owned())
}

/// The `wasm-bindgen` CLI at the locked version, installed with cargo if missing.
pub fn wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_wasm_bindgen_version()?;
    let binary = cargo_bin("wasm-bindgen");
    let current = output(&mut cmd(&binary, ["--version"])).unwrap_or_default();
    if current.split_whitespace().nth(1) != Some(version.as_str()) {
        // Not --locked: the crates mirror lags one of the CLI's locked dependencies.
        run(&mut cmd(
            "cargo",
            ["install", "wasm-bindgen-cli", "--version", &version],
        ))?;
    }
    Ok(binary)
}

/// `wasm-opt` from npm's binaryen at the pinned major version.
pub fn wasm_opt() -> Result<PathBuf, String> {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    npm_tool("binaryen", BINARYEN_VERSION, "wasm-opt", |reported| {
        reported.split_whitespace().nth(2) == Some(major)
    })
}

/// `web-ext` from npm at the pinned version.
pub fn web_ext() -> Result<PathBuf, String> {
    npm_tool("web-ext", WEB_EXT_VERSION, "web-ext", |reported| {
        reported.trim() == WEB_EXT_VERSION
    })
}

/// `axe.min.js` from npm's axe-core at the pinned version (a library: no executable to ask, so
/// its installed `package.json` says which version is there).
pub fn axe_core() -> Result<PathBuf, String> {
    let dir = npm_package("axe-core", AXE_CORE_VERSION, |module| {
        let manifest = std::fs::read_to_string(module.join("package.json")).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&manifest)
            .ok()
            .and_then(|json| json.get("version")?.as_str().map(str::to_owned))
            .as_deref()
            == Some(AXE_CORE_VERSION)
    })?;
    Ok(dir.join("axe.min.js"))
}

/// `terser` from npm at the pinned version.
pub fn terser() -> Result<PathBuf, String> {
    npm_tool("terser", TERSER_VERSION, "terser", |reported| {
        reported.trim() == format!("terser {TERSER_VERSION}")
    })
}

/// The `executable` of npm `package`@`version`, installed into the cache unless its
/// `--version` output already satisfies `is_wanted`.
fn npm_tool(
    package: &str,
    version: &str,
    executable: &str,
    is_wanted: impl Fn(&str) -> bool,
) -> Result<PathBuf, String> {
    let bin = cache_dir()
        .join(package)
        .join("node_modules/.bin")
        .join(executable);
    npm_package(package, version, |_| {
        is_wanted(&output(&mut cmd(&bin, ["--version"])).unwrap_or_default())
    })?;
    Ok(bin)
}

/// npm `package`@`version` installed into the cache unless `is_installed` (given the package's
/// folder under `node_modules`) says it already is; returns that folder.
fn npm_package(
    package: &str,
    version: &str,
    is_installed: impl Fn(&Path) -> bool,
) -> Result<PathBuf, String> {
    let dir = cache_dir().join(package);
    let module = dir.join("node_modules").join(package);
    if !is_installed(&module) {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let prefix = dir.to_string_lossy().into_owned();
        let spec = format!("{package}@{version}");
        run(&mut cmd(
            "npm",
            ["install", "--no-save", "--prefix", &prefix, &spec],
        ))?;
        if !is_installed(&module) {
            return Err(format!("npm installed {spec}, yet it is not usable"));
        }
    }
    Ok(module)
}

/// Chromium, ChromeDriver and Firefox ESR, installed with apt on Debian when missing.
pub fn browsers() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_BROWSERS
        .iter()
        .filter(|(_, path)| !Path::new(path).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !Path::new("/usr/bin/apt-get").exists() {
        return Err(format!(
            "missing browsers and no apt-get to install them: install {} (they must be at {})",
            missing.join(", "),
            DEBIAN_BROWSERS.map(|(_, path)| path).join(", ")
        ));
    }
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut command = cmd(all[0], &all[1..]);
        command.env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}

fn is_root() -> bool {
    output(&mut cmd("id", ["-u"])).is_some_and(|uid| uid.trim() == "0")
}

/// geckodriver at the pinned version, installed with cargo if missing.
pub fn geckodriver() -> Result<PathBuf, String> {
    let binary = cargo_bin("geckodriver");
    let current = output(&mut cmd(&binary, ["--version"])).unwrap_or_default();
    if current.split_whitespace().nth(1) != Some(GECKODRIVER_VERSION) {
        run(&mut cmd(
            "cargo",
            [
                "install",
                "geckodriver",
                "--version",
                GECKODRIVER_VERSION,
                "--locked",
            ],
        ))?;
    }
    Ok(binary)
}

/// A Python virtual environment with the end-to-end tests' requirements, refreshed when the
/// requirements file changes. Returns its `python`.
pub fn python_venv() -> Result<PathBuf, String> {
    let requirements = root().join("tests/e2e/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|error| format!("cannot read {}: {error}", requirements.display()))?;
    let venv = cache_dir().join("venv");
    let python = venv.join("bin/python");
    let stamp = venv.join("notrain-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        return Ok(python);
    }
    let venv_arg = venv.to_string_lossy().into_owned();
    run(&mut cmd("python3", ["-m", "venv", "--clear", &venv_arg]))?;
    let requirements_arg = requirements.to_string_lossy().into_owned();
    run(&mut cmd(
        &python,
        ["-m", "pip", "install", "--quiet", "-r", &requirements_arg],
    ))?;
    std::fs::write(&stamp, wanted)
        .map_err(|error| format!("cannot write {}: {error}", stamp.display()))?;
    Ok(python)
}
