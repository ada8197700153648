//! `cargo xtask test --only reproducible`: the shipped wasm core can be rebuilt, byte for byte,
//! from the source archive.
//!
//! The source archive (`dist/notrain-source.zip`) is unpacked into a fresh folder at another path
//! and depth than the checkout; it is built from scratch exactly as `cargo xtask build` builds (its
//! own cargo target folder, wasm-bindgen, wasm-opt), and the core must have the SHA-256 of the one
//! in `dist/chrome` (built from the checkout: in CI, itself a clean clone). Neither the checkout's
//! path nor cargo's home may appear in the bytes. One cold release build: 1 to 3 minutes on 2 cores.

use crate::archive;
use crate::run::root;
use crate::{dist, tools};
use std::fs;
use std::path::Path;
use std::time::Instant;

/// A folder of another name and depth than the checkout, so a leaked path would show as different
/// bytes.
const TREES: [&str; 1] = ["target/reproducible/second-tree/notrain-src"];

/// Rebuilds the core from `dist/notrain-source.zip` and compares it with `dist`'s.
pub fn check(dist: &Path) -> Result<(), String> {
    let shipped = read(&dist.join("chrome/core/notrain_bg.wasm"))?;
    let expected = dist::sha256_hex(&shipped);
    let source_zip = dist.join("notrain-source.zip");
    let scratch = root().join("target/reproducible");
    clear(&scratch)?;
    let mut built = Vec::new();
    for tree in TREES {
        let started = Instant::now();
        let source = root().join(tree);
        let files = archive::extract(&source_zip, &source)?;
        eprintln!("unpacked {files} files into {}", source.display());
        let wasm = dist::core_wasm(
            &source,
            Some(&source.join("target")),
            &[],
            &source.join("out"),
        )?;
        let bytes = read(&wasm)?;
        let hash = dist::sha256_hex(&bytes);
        eprintln!(
            "{hash}  {} ({} bytes, {:.0} s)",
            shown(&wasm),
            bytes.len(),
            started.elapsed().as_secs_f64()
        );
        leaked_paths(&bytes, &source)?;
        built.push(hash);
    }
    eprintln!(
        "{expected}  {} (shipped)",
        shown(&dist.join("chrome/core/notrain_bg.wasm"))
    );
    if built.iter().any(|hash| *hash != expected) {
        return Err(format!(
            "the core is not reproducible: shipped {expected}, rebuilt {built:?} (trees kept in {})",
            scratch.display()
        ));
    }
    leaked_paths(&shipped, &root())?;
    clear(&scratch)
}

/// Fails if `wasm` names `source` or cargo's home (a path that differs between machines).
fn leaked_paths(wasm: &[u8], source: &Path) -> Result<(), String> {
    for path in [Some(source.to_path_buf()), tools::cargo_home()]
        .into_iter()
        .flatten()
    {
        let needle = path.to_string_lossy().into_owned();
        if needle.len() > 1 && wasm.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            return Err(format!("the core names the path {needle}"));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn clear(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    Ok(())
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}
