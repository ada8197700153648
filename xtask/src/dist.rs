//! `cargo xtask build`: the release wasm core, `dist/chrome`, `dist/firefox` and their zips.

use crate::run::{cmd, root, run};
use crate::tools;
use crate::zip;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The features rustc enables by default for wasm32 (wasm-bindgen drops the section that would
/// tell wasm-opt), so that wasm-opt accepts the module and keeps within them.
const RUSTC_WASM_FEATURES: [&str; 7] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// Builds everything and returns the `dist/` folder.
pub fn build() -> Result<PathBuf, String> {
    let bindgen_out = core(&root().join("target"), &[])?;
    let dist = root().join("dist");
    assemble(&bindgen_out, &dist, true)?;
    print_sizes(&dist)?;
    Ok(dist)
}

/// Builds the test copy of the extension, whose core panics on purpose on pages with
/// `notrain-panic-probe` in their URL (cargo feature `panic-probe`), into `target/probe/dist`.
/// It has its own target folder, so it never touches the shipped build.
pub fn build_probe() -> Result<PathBuf, String> {
    let target = root().join("target/probe");
    let bindgen_out = core(&target, &["--features", "panic-probe"])?;
    let dist = target.join("dist");
    assemble(&bindgen_out, &dist, false)?;
    Ok(dist)
}

/// The release wasm core with its wasm-bindgen JS, shrunk by wasm-opt; returns their folder.
fn core(target: &Path, cargo_args: &[&str]) -> Result<PathBuf, String> {
    tools::wasm_target()?;
    let wasm_bindgen = tools::wasm_bindgen()?;
    run(cmd(
        "cargo",
        [
            "build",
            "--release",
            "--lib",
            "--package",
            "notrain",
            "--target",
            WASM_TARGET,
        ],
    )
    .args(cargo_args)
    .arg("--target-dir")
    .arg(target))?;
    let bindgen_out = target.join("wasm-bindgen");
    let wasm = target.join(format!("{WASM_TARGET}/release/notrain.wasm"));
    // The reset function lets the background restart the core after a panic (see background.js).
    run(cmd(
        &wasm_bindgen,
        [
            "--target",
            "web",
            "--no-typescript",
            "--experimental-reset-state-function",
            "--out-dir",
        ],
    )
    .arg(&bindgen_out)
    .arg(&wasm))?;
    let core_wasm = bindgen_out.join("notrain_bg.wasm");
    match tools::wasm_opt() {
        Ok(wasm_opt) => run(
            cmd(&wasm_opt, ["-Oz", "--strip-debug", "--strip-producers"])
                .args(RUSTC_WASM_FEATURES)
                .arg(&core_wasm)
                .arg("-o")
                .arg(&core_wasm),
        )?,
        Err(why) => eprintln!("note: no wasm-opt ({why}); shipping wasm-bindgen's output as is"),
    }
    Ok(bindgen_out)
}

/// Writes `dist/chrome` and `dist/firefox` (and, with `zips`, their store zips) into `dist`.
fn assemble(bindgen_out: &Path, dist: &Path, zips: bool) -> Result<(), String> {
    let manifest = read_manifest()?;
    for browser in ["chrome", "firefox"] {
        let folder = dist.join(browser);
        if folder.exists() {
            fs::remove_dir_all(&folder)
                .map_err(|e| format!("cannot clear {}: {e}", folder.display()))?;
        }
        copy_dir(&root().join("extension"), &folder)?;
        fs::create_dir_all(folder.join("core")).map_err(|e| e.to_string())?;
        for file in ["notrain.js", "notrain_bg.wasm"] {
            copy(&bindgen_out.join(file), &folder.join("core").join(file))?;
        }
        let text = serde_json::to_string_pretty(&manifest_for(browser, &manifest))
            .map_err(|e| e.to_string())?;
        write(&folder.join("manifest.json"), text.as_bytes())?;
        if zips {
            zip::write_folder(&folder, &dist.join(format!("notrain-{browser}.zip")))?;
        }
    }
    Ok(())
}

fn read_manifest() -> Result<Value, String> {
    let text = fs::read_to_string(root().join("manifest.json"))
        .map_err(|e| format!("cannot read manifest.json: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("manifest.json: {e}"))
}

/// The one source manifest, narrowed to what `browser` understands, so neither warns.
fn manifest_for(browser: &str, source: &Value) -> Value {
    let mut manifest = source.clone();
    let Some(fields) = manifest.as_object_mut() else {
        return manifest;
    };
    if browser == "chrome" {
        fields.remove("browser_specific_settings");
        if let Some(background) = fields.get_mut("background").and_then(Value::as_object_mut) {
            background.remove("scripts");
        }
    } else if let Some(background) = fields.get_mut("background").and_then(Value::as_object_mut) {
        background.remove("service_worker");
    }
    manifest
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            copy(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn print_sizes(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    zip::collect_files(dist, &mut files)?;
    files.sort();
    eprintln!("shipped files (bytes):");
    for file in files {
        let size = fs::metadata(&file).map(|m| m.len()).unwrap_or_default();
        let shown = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        eprintln!("  {size:>9}  {shown}");
    }
    Ok(())
}
