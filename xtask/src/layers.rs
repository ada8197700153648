//! The core's layers, a rule of `cargo xtask tidy`: the folders of `src/` come in the order of
//! `src/lib.rs`'s doc list (`//! - [`model`]: ...`, one line per layer, each using only those
//! above it), the one place that order is written. A file in a folder may name `crate::<folder>`
//! (in a `use` or a path) only for a folder at or above its own; `src/lib.rs` itself is exempt.
//! Comment lines are not read, so a doc link to a later layer is no dependency.

use std::fs;
use std::path::Path;

/// One layer's size: its files and their lines.
#[derive(Debug, PartialEq)]
pub struct Figures {
    pub layer: String,
    pub files: usize,
    pub lines: usize,
}

/// The layers, in order, from `lib.rs`'s text: each doc line `//! - [`name`]` or `//! - `name``.
pub fn order(lib: &str) -> Vec<String> {
    let items = lib.lines().filter_map(|line| line.strip_prefix("//! - "));
    let names = items.filter_map(|item| {
        let item = item.strip_prefix('[').unwrap_or(item);
        let name = item.strip_prefix('`')?.split('`').next()?;
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        plain.then(|| name.to_owned())
    });
    names.collect()
}

/// The `(line, folder)` of each `crate::<folder>` the code (not the comments) of `text` names,
/// including each member of a `crate::{a, b::c}` group, lines counted from 1.
pub fn named(text: &str) -> Vec<(usize, String)> {
    let mut code = String::new();
    let mut line_of = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let kept = if line.trim_start().starts_with("//") {
            ""
        } else {
            line
        };
        code.push_str(kept);
        code.push('\n');
        line_of.extend(std::iter::repeat_n(number + 1, kept.len() + 1));
    }
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let start = at + "crate::{".len();
            let mut depth = 0;
            let mut item_start = true;
            for (offset, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        item_start = false;
                        let name = identifier(&group[offset..]);
                        found.push((line_of[start + offset], name.to_owned()));
                    }
                    _ => {}
                }
            }
        } else {
            found.push((line_of[at], identifier(rest).to_owned()));
        }
    }
    found
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// Checks every `.rs` under `src/<layer>/` of `root` against the order of `src/lib.rs`: returns
/// each use of a later layer (`file:line: ...`) and each layer's figures.
pub fn check(root: &Path) -> Result<(Vec<String>, Vec<Figures>), String> {
    let src = root.join("src");
    let lib = read(&src.join("lib.rs"))?;
    let layers = order(&lib);
    if layers.is_empty() {
        return Err("src/lib.rs: no `//! - [`layer`]` list to read the layers' order from".into());
    }
    let (mut problems, mut figures) = (Vec::new(), Vec::new());
    for (rank, layer) in layers.iter().enumerate() {
        let mut files = Vec::new();
        let folder = src.join(layer);
        if folder.is_dir() {
            rust_files(&folder, &mut files)?;
        } else {
            problems.push(format!(
                "src/lib.rs lists the layer `{layer}`; src/{layer}/ is missing"
            ));
        }
        files.sort();
        let mut lines = 0;
        for file in &files {
            let text = read(file)?;
            lines += text.lines().count();
            let shown = file
                .strip_prefix(root)
                .unwrap_or(file)
                .display()
                .to_string();
            for (line, used) in named(&text) {
                let Some(used_rank) = layers.iter().position(|l| *l == used) else {
                    continue;
                };
                if used_rank > rank {
                    problems.push(format!(
                        "{shown}:{line}: the layer `{layer}` uses `crate::{used}`, a later layer (src/lib.rs's order)"
                    ));
                }
            }
        }
        figures.push(Figures {
            layer: layer.clone(),
            files: files.len(),
            lines,
        });
    }
    Ok((problems, figures))
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_files(&path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{check, named, order};
    use std::fs;

    #[test]
    fn the_order_is_lib_rs_doc_list() {
        let lib = "//! The core:\n//!\n//! - [`model`]: data.\n//! - [`read`]: reads.\n//! - `wasm`: the boundary.\n//! - Not a layer.\npub mod model;\n";
        assert_eq!(order(lib), ["model", "read", "wasm"]);
    }

    #[test]
    fn uses_paths_and_groups_are_named_comments_are_not() {
        let text = "//! See [`crate::view`].\nuse crate::model::x;\nuse crate::{\n    read::{a, b},\n    state,\n};\nfn f() { crate::verify::go(); } // crate::decide\n/// crate::view\n";
        let names = |found: Vec<(usize, String)>| {
            found
                .into_iter()
                .map(|(line, name)| format!("{line}:{name}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(named(text)),
            ["2:model", "4:read", "5:state", "7:verify", "7:decide"]
        );
    }

    #[test]
    fn a_later_layer_is_reported_with_file_and_line() {
        let root = std::env::temp_dir().join(format!("xtask-layers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let files = [
            ("src/lib.rs", "//! - [`model`]: a.\n//! - [`view`]: b.\n//! - [`decide`]: c.\nuse crate::decide;\n"),
            ("src/model/mod.rs", "//! Data.\nuse crate::model::x;\n"),
            ("src/view/mod.rs", "//! View.\nuse crate::model::x;\nuse crate::view::y;\n"),
            ("src/view/popup.rs", "//! Popup.\n\nuse crate::decide::elsewhere::STALE_MS;\n"),
            ("src/decide/mod.rs", "//! Decide.\nuse crate::{model, view};\n"),
        ];
        for (name, text) in files {
            fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
            fs::write(root.join(name), text).unwrap();
        }
        let (problems, figures) = check(&root).unwrap();
        assert_eq!(
            problems,
            ["src/view/popup.rs:3: the layer `view` uses `crate::decide`, a later layer (src/lib.rs's order)"]
        );
        let sizes: Vec<_> = figures
            .iter()
            .map(|f| (f.layer.as_str(), f.files, f.lines))
            .collect();
        assert_eq!(sizes, [("model", 1, 2), ("view", 2, 6), ("decide", 1, 2)]);
        fs::remove_dir_all(&root).unwrap();
    }
}
