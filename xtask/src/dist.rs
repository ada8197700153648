//! `cargo xtask build`: the release wasm core, `dist/chrome`, `dist/firefox`, their zips, and the
//! source archive a store reviewer rebuilds them from.

use crate::archive;
use crate::hosts;
use crate::icons;
use crate::run::{cmd, output, root, run};
use crate::tools;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The scripts the manifest injects into the pages of the services it holds from install.
const CONTENT_SCRIPTS: [&str; 3] = ["ahead.js", "banner.js", "content.js"];
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
    let bindgen_out = root().join("target/wasm-bindgen");
    core_wasm(&root(), None, &[], &bindgen_out)?;
    let dist = root().join("dist");
    assemble(&bindgen_out, &dist, true)?;
    source_archive(&dist.join("notrain-source.zip"))?;
    print_sizes(&dist)?;
    Ok(dist)
}

/// Builds the test copy of the extension, whose core panics on purpose on pages with
/// `notrain-panic-probe` in their URL (cargo feature `panic-probe`), into `target/probe/dist`.
/// It has its own target folder, so it never touches the shipped build.
pub fn build_probe() -> Result<PathBuf, String> {
    let target = root().join("target/probe");
    let bindgen_out = target.join("wasm-bindgen");
    core_wasm(
        &root(),
        Some(&target),
        &["--features", "panic-probe"],
        &bindgen_out,
    )?;
    let dist = target.join("dist");
    assemble(&bindgen_out, &dist, false)?;
    Ok(dist)
}

/// Writes `chrome/` and `firefox/` (and, with `zips`, their store zips) into `dist`, with the core
/// from `bindgen_out` and the icons rendered from `brand/`.
fn assemble(bindgen_out: &Path, dist: &Path, zips: bool) -> Result<(), String> {
    let mut manifest = read_manifest()?;
    hosts::fill(&mut manifest, &hosts::from_rules(&root())?)?;
    let icons = icons::render_all()?;
    for browser in ["chrome", "firefox"] {
        let folder = dist.join(browser);
        if folder.exists() {
            fs::remove_dir_all(&folder)
                .map_err(|e| format!("cannot clear {}: {e}", folder.display()))?;
        }
        copy_dir(&root().join("extension"), &folder)?;
        icons::write(&icons, &folder)?;
        fs::create_dir_all(folder.join("core")).map_err(|e| e.to_string())?;
        for file in ["notrain.js", "notrain_bg.wasm"] {
            copy(&bindgen_out.join(file), &folder.join("core").join(file))?;
        }
        let text = serde_json::to_string_pretty(&manifest_for(browser, &manifest))
            .map_err(|e| e.to_string())?;
        write(&folder.join("manifest.json"), text.as_bytes())?;
        slim_content_scripts(&folder)?;
        if zips {
            archive::write_folder(&folder, &dist.join(format!("notrain-{browser}.zip")))?;
        }
    }
    Ok(())
}

/// The release core from the checkout at `source`: cargo (in `target_dir`, else cargo's own
/// choice, with `cargo_args` such as features), wasm-bindgen into `out`, then wasm-opt. Returns
/// `out/notrain_bg.wasm`.
///
/// Paths that panic messages would carry are remapped (the cargo registry to `/cargo`, the
/// checkout to `/notrain`), so checkouts in different folders build the same bytes.
pub fn core_wasm(
    source: &Path,
    target_dir: Option<&Path>,
    cargo_args: &[&str],
    out: &Path,
) -> Result<PathBuf, String> {
    tools::wasm_target()?;
    let wasm_bindgen = tools::wasm_bindgen()?;
    let mut cargo = cmd("cargo", ["build", "--release", "--locked", "--lib"]);
    cargo
        .args(["--package", "notrain", "--target", WASM_TARGET])
        .args(cargo_args)
        .current_dir(source)
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", remap_flags(source));
    if let Some(dir) = target_dir {
        cargo.env("CARGO_TARGET_DIR", dir);
    }
    run(&mut cargo)?;
    let target = target_dir.map_or_else(|| cargo_target_dir(source), Path::to_path_buf);
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
    .arg(out)
    .arg(&wasm))?;
    let core_wasm = out.join("notrain_bg.wasm");
    match tools::wasm_opt() {
        Ok(wasm_opt) => run(
            // The target-features section only tells tools which features the code uses; the
            // browsers do not read it.
            cmd(
                &wasm_opt,
                [
                    "-Oz",
                    "--strip-debug",
                    "--strip-producers",
                    "--strip-target-features",
                ],
            )
            .args(RUSTC_WASM_FEATURES)
            .arg(&core_wasm)
            .arg("-o")
            .arg(&core_wasm),
        )?,
        Err(why) => eprintln!("note: no wasm-opt ({why}); shipping wasm-bindgen's output as is"),
    }
    Ok(core_wasm)
}

/// `--remap-path-prefix` for cargo's home and the checkout, as `CARGO_ENCODED_RUSTFLAGS`.
fn remap_flags(source: &Path) -> String {
    let mut flags = Vec::new();
    if let Some(home) = tools::cargo_home() {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    flags.push(format!("--remap-path-prefix={}=/notrain", source.display()));
    flags.join("\x1f")
}

/// Where cargo puts its output for the checkout at `source` when not told: `$CARGO_TARGET_DIR`
/// (relative to `source` if relative), else `source/target`.
fn cargo_target_dir(source: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| source.join("target"), |d| source.join(d))
}

/// `dist/notrain-source.zip`: the git-tracked files of this checkout, as they are on disk, in
/// git's order, with fixed timestamps. Skipped, with a note, outside a git checkout (for example
/// when building from the source archive itself).
fn source_archive(out: &Path) -> Result<(), String> {
    let Some(listing) = output(&mut cmd("git", ["ls-files", "-z"])) else {
        eprintln!("note: not a git checkout; no {}", out.display());
        return Ok(());
    };
    let names: Vec<String> = listing
        .split('\0')
        .filter(|name| !name.is_empty() && root().join(name).is_file())
        .map(str::to_owned)
        .collect();
    archive::write_files(&root(), &names, out)
}

/// The scripts every LinkedIn page loads go out without comments and whitespace (terser, with
/// neither compression nor renaming: the same code, names and structure as in `extension/`), so
/// they cost pages less. Without npm they ship as written, with a note.
fn slim_content_scripts(folder: &Path) -> Result<(), String> {
    let terser = match tools::terser() {
        Ok(terser) => terser,
        Err(why) => {
            eprintln!("note: no terser ({why}); content scripts ship as written");
            return Ok(());
        }
    };
    for script in CONTENT_SCRIPTS {
        let path = folder.join(script);
        run(
            cmd(&terser, ["--ecma", "2022", "--format", "comments=false"])
                .arg(&path)
                .arg("--output")
                .arg(&path),
        )?;
    }
    Ok(())
}

/// `manifest.json`, as written: without the host lists the build fills from the rules.
pub fn read_manifest() -> Result<Value, String> {
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
    archive::collect_files(dist, &mut files)?;
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
    let core = dist.join("chrome/core/notrain_bg.wasm");
    let bytes = fs::read(&core).map_err(|e| format!("cannot read {}: {e}", core.display()))?;
    eprintln!(
        "SHA-256 of the core: {}  notrain_bg.wasm",
        sha256_hex(&bytes)
    );
    Ok(())
}

/// The SHA-256 digest of `data` as 64 lower-case hex digits.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn sha256_as_hex() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(sha256_hex(b"abc"), abc);
    }
}
