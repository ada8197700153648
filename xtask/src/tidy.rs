//! `cargo xtask tidy` (also a step of `cargo xtask test`): the tree's housekeeping rules, read
//! from the files alone (no build), failing with every file that breaks one.
//!
//! - Every `.rs` under `src/`, `xtask/src/` and `tests/`, and `build.rs`, begins with `//!` lines
//!   (a file pulled in with `include!`, where an inner doc comment is not allowed, begins with a
//!   `//` comment instead); every `.js` under `extension/` and `tests/` begins with a `//` or `/*`
//!   comment; every `.py` under `tests/` begins with a docstring or a `#` comment.
//! - The README's `## Module map` names exactly the entries directly under `src/` (see
//!   `module_map`).
//! - No code file (`.rs`, `.js`, `.py`, `.css`, `.html`) in `src/` or `extension/` has more than
//!   400 lines; in `xtask/src/` and `tests/` a longer one is a warning.
//! - The core's layers: a folder of `src/` names `crate::<folder>` only for folders at or above
//!   its own in `src/lib.rs`'s list (see `layers`); each layer's files and lines are printed.
//! - `manifest.json` leaves out the host lists `cargo xtask build` writes from the rules, and the
//!   rules give valid ones (see `hosts`).

use crate::dist;
use crate::hosts;
use crate::layers;
use crate::module_map;
use crate::run::root;
use std::fs;
use std::path::{Path, PathBuf};

/// The most lines a code file should have.
const MAX_LINES: usize = 400;
/// The folders whose code files must stay within `MAX_LINES` (elsewhere it is a warning).
const LINES_ENFORCED: [&str; 2] = ["src", "extension"];
const LINES_WARNED: [&str; 2] = ["xtask/src", "tests"];
/// What counts as code for the line limit (translations, cases and other data do not).
const CODE: [&str; 5] = ["rs", "js", "py", "css", "html"];
/// Folders never looked into: hidden ones (`.pytest_cache`) and generated ones.
const SKIPPED_DIRS: [&str; 3] = ["__pycache__", "node_modules", "target"];

/// Runs every rule over the checkout; fails naming each file that breaks one.
pub fn run() -> Result<(), String> {
    let root = root();
    let mut problems = headers(&root)?;
    let readme = fs::read_to_string(root.join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    match module_map::parse(&readme) {
        Ok(items) => problems.extend(module_map::check(&items, &root)?),
        Err(why) => problems.push(why),
    }
    let (too_long, warnings) = lengths(&root)?;
    problems.extend(too_long);
    let (layering, figures) = layers::check(&root)?;
    problems.extend(layering);
    for layer in &figures {
        let (name, files, lines) = (&layer.layer, layer.files, layer.lines);
        eprintln!("tidy: layer {name:<8} {files:>3} files {lines:>6} lines");
    }
    problems.extend(hosts::check(&dist::read_manifest()?));
    if let Err(why) = hosts::from_rules(&root) {
        problems.push(why);
    }
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    if problems.is_empty() {
        eprintln!("tidy: all rules hold ({} warnings)", warnings.len());
        return Ok(());
    }
    for problem in &problems {
        eprintln!("tidy: {problem}");
    }
    let count = problems.len();
    let plural = if count == 1 { "" } else { "s" };
    Err(format!("tidy: {count} problem{plural} (listed above)"))
}

/// Files whose beginning is not the comment their kind must begin with.
fn headers(root: &Path) -> Result<Vec<String>, String> {
    let mut rust = files(root, &["src", "xtask/src", "tests"], &["rs"])?;
    rust.push(root.join("build.rs"));
    let included = included_files(&rust)?;
    let mut problems = Vec::new();
    for file in &rust {
        let text = read(file)?;
        let ok = if included.contains(file) {
            text.starts_with("//")
        } else {
            text.starts_with("//!")
        };
        if !ok {
            let wanted = if included.contains(file) {
                "a `//` comment (it is include!d)"
            } else {
                "`//!` doc lines"
            };
            problems.push(format!(
                "{}: does not begin with {wanted}",
                shown(root, file)
            ));
        }
    }
    for file in files(root, &["extension", "tests"], &["js"])? {
        if !starts_with_any(&read(&file)?, &["//", "/*"]) {
            let name = shown(root, &file);
            problems.push(format!(
                "{name}: does not begin with a `//` or `/*` comment"
            ));
        }
    }
    for file in files(root, &["tests"], &["py"])? {
        if !starts_with_any(&read(&file)?, &["\"\"\"", "r\"\"\"", "'''", "#"]) {
            let name = shown(root, &file);
            problems.push(format!(
                "{name}: does not begin with a docstring or `#` comment"
            ));
        }
    }
    Ok(problems)
}

/// The files that `include!("...")` pulls in from any of `rust` (paths relative to the includer).
fn included_files(rust: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    const INCLUDE: &str = "include!(\"";
    let mut included = Vec::new();
    for file in rust {
        let text = read(file)?;
        for (at, _) in text.match_indices(INCLUDE) {
            let rest = &text[at + INCLUDE.len()..];
            if let (Some((name, _)), Some(dir)) = (rest.split_once('"'), file.parent()) {
                included.push(dir.join(name));
            }
        }
    }
    Ok(included)
}

/// Code files over `MAX_LINES`: failures in `LINES_ENFORCED`, warnings in `LINES_WARNED`.
fn lengths(root: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let over = |folders: &[&str]| -> Result<Vec<String>, String> {
        let mut found = Vec::new();
        for file in files(root, folders, &CODE)? {
            let lines = read(&file)?.lines().count();
            if lines > MAX_LINES {
                let name = shown(root, &file);
                found.push(format!("{name}: {lines} lines (more than {MAX_LINES})"));
            }
        }
        Ok(found)
    };
    Ok((over(&LINES_ENFORCED)?, over(&LINES_WARNED)?))
}

/// The files under `folders` (relative to `root`; a missing one has none) whose extension is one
/// of `extensions`, sorted.
fn files(root: &Path, folders: &[&str], extensions: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for folder in folders.iter().map(|folder| root.join(folder)) {
        if folder.is_dir() {
            walk(&folder, extensions, &mut found)?;
        }
    }
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                walk(&path, extensions, found)?;
            }
        } else if path
            .extension()
            .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted))
        {
            found.push(path);
        }
    }
    Ok(())
}

fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| text.starts_with(prefix))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{headers, lengths};
    use std::fs;

    #[test]
    fn each_kind_of_file_needs_its_top_comment() {
        let root = std::env::temp_dir().join(format!("xtask-tidy-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let files = [
            ("build.rs", "//! Builds.\ninclude!(\"src/format.rs\");\n"),
            ("src/lib.rs", "//! The crate.\ninclude!(\"format.rs\");\n"),
            (
                "src/format.rs",
                "// Shared with build.rs.\npub const F: u32 = 1;\n",
            ),
            ("src/bare.rs", "pub fn f() {}\n"),
            ("src/wasm/mod.rs", "#![allow(x)]\n//! Too late.\n"),
            (
                "xtask/src/main.rs",
                "/// An outer doc comment.\nfn main() {}\n",
            ),
            ("tests/ok.rs", "//! A test.\n"),
            ("extension/a.js", "/* A script. */\n"),
            ("extension/b.js", "'use strict';\n"),
            ("extension/.hidden/c.js", "x\n"),
            ("tests/site/d.js", "// A fixture script.\n"),
            ("tests/e.py", "\"\"\"A test.\"\"\"\n"),
            ("tests/f.py", "#!/usr/bin/env python3\n"),
            ("tests/g.py", "import os\n"),
            ("tests/__pycache__/h.py", "x\n"),
        ];
        for (name, text) in files {
            fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
            fs::write(root.join(name), text).unwrap();
        }
        fs::write(root.join("src/long.rs"), "//! Long.\n".repeat(401)).unwrap();
        fs::write(root.join("tests/long.py"), "# Long.\n".repeat(401)).unwrap();
        fs::write(root.join("extension/data.json"), "{}\n".repeat(900)).unwrap();
        assert_eq!(
            headers(&root).unwrap(),
            [
                "src/bare.rs: does not begin with `//!` doc lines",
                "src/wasm/mod.rs: does not begin with `//!` doc lines",
                "xtask/src/main.rs: does not begin with `//!` doc lines",
                "extension/b.js: does not begin with a `//` or `/*` comment",
                "tests/g.py: does not begin with a docstring or `#` comment",
            ]
        );
        let (failures, warnings) = lengths(&root).unwrap();
        assert_eq!(failures, ["src/long.rs: 401 lines (more than 400)"]);
        assert_eq!(warnings, ["tests/long.py: 401 lines (more than 400)"]);
        fs::remove_dir_all(&root).unwrap();
    }
}
