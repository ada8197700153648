//! The README's `## Module map` against the tree: its list items name, each in a leading code span,
//! every entry directly under `src/` (files as `src/x.rs`, folders as `src/x/`) and nothing else;
//! nested items (`  - `src/x/y.rs`: ...`) are optional, but each must exist inside its folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The heading the section must have, exactly.
pub const HEADING: &str = "## Module map";

/// One list item of the section: its path, and whether it is nested under another item.
#[derive(Debug, PartialEq)]
pub struct Item {
    pub path: String,
    pub nested: bool,
}

/// The list items of the `## Module map` section of `readme`, or why they cannot be read.
pub fn parse(readme: &str) -> Result<Vec<Item>, String> {
    let mut lines = readme.lines().skip_while(|line| line.trim_end() != HEADING);
    if lines.next().is_none() {
        return Err(format!(
            "README.md has no `{HEADING}` section (a list of every entry directly under src/)"
        ));
    }
    let mut items = Vec::new();
    for line in lines.take_while(|line| !line.starts_with("# ") && !line.starts_with("## ")) {
        let text = line.trim_start();
        let Some(rest) = text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")) else {
            continue;
        };
        let path = rest
            .strip_prefix('`')
            .and_then(|rest| rest.split_once('`'))
            .map(|(path, _)| path.to_owned())
            .filter(|path| !path.is_empty())
            .ok_or_else(|| {
                format!("README.md {HEADING}: an item that does not start with a `path`: {line}")
            })?;
        let nested = text.len() < line.len();
        items.push(Item { path, nested });
    }
    if items.iter().all(|item| item.nested) {
        return Err(format!("README.md {HEADING}: the section lists no path"));
    }
    Ok(items)
}

/// Every disagreement between the items and the tree at `root` (empty when they agree).
pub fn check(items: &[Item], root: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let mut listed = BTreeSet::new();
    let mut folder: Option<&str> = None;
    for item in items {
        if !item.nested {
            if !listed.insert(item.path.as_str()) {
                problems.push(format!("{HEADING}: {} is listed twice", item.path));
            }
            folder = Some(item.path.as_str()).filter(|path| path.ends_with('/'));
            continue;
        }
        let Some(parent) = folder else {
            problems.push(format!(
                "{HEADING}: {} is nested under an item that is not a folder",
                item.path
            ));
            continue;
        };
        if !item.path.starts_with(parent) || item.path == parent {
            problems.push(format!("{HEADING}: {} is not inside {parent}", item.path));
        } else if !exists(root, &item.path) {
            problems.push(format!("{HEADING}: {} does not exist", item.path));
        }
    }
    let actual = entries(root)?;
    for path in listed.iter().filter(|path| !actual.contains(**path)) {
        problems.push(format!("{HEADING}: lists {path}, which is not in src/"));
    }
    for path in actual.iter().filter(|path| !listed.contains(path.as_str())) {
        problems.push(format!("{HEADING}: does not list {path}"));
    }
    Ok(problems)
}

/// The entries directly under `root/src`: `src/x.rs` for a file, `src/x/` for a folder.
fn entries(root: &Path) -> Result<BTreeSet<String>, String> {
    let src = root.join("src");
    let listing = fs::read_dir(&src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    let mut entries = BTreeSet::new();
    for entry in listing {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let slash = if entry.path().is_dir() { "/" } else { "" };
        entries.insert(format!("src/{name}{slash}"));
    }
    Ok(entries)
}

/// Whether `path` (relative to `root`; a folder when it ends with `/`) exists as that kind.
fn exists(root: &Path, path: &str) -> bool {
    let full = root.join(path.trim_end_matches('/'));
    if path.ends_with('/') {
        full.is_dir()
    } else {
        full.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::{check, parse, Item};
    use std::fs;
    use std::path::PathBuf;

    const README: &str = "# Project\n\n## Module map\n\nThe core:\n\n\
        - `src/lib.rs`: the crate root\n\
        - `src/model/`: the data\n  \
          - `src/model/snapshot.rs`: a page as reported\n\
        - `src/wasm/`: the boundary\n\n## Next\n\n- `src/not_in_the_map.rs`: after the section\n";

    /// A scratch tree with `src/lib.rs`, `src/model/snapshot.rs` and `src/wasm/mod.rs`.
    fn tree(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-map-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for file in ["src/lib.rs", "src/model/snapshot.rs", "src/wasm/mod.rs"] {
            fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            fs::write(root.join(file), "//! x\n").unwrap();
        }
        root
    }

    fn problems(name: &str, readme: &str, change: impl Fn(&PathBuf)) -> Vec<String> {
        let root = tree(name);
        change(&root);
        let found = check(&parse(readme).unwrap(), &root).unwrap();
        fs::remove_dir_all(&root).unwrap();
        found
    }

    #[test]
    fn reads_the_items_of_the_section_only() {
        let items = parse(README).unwrap();
        let item = |path: &str, nested| Item {
            path: path.to_owned(),
            nested,
        };
        assert_eq!(
            items,
            [
                item("src/lib.rs", false),
                item("src/model/", false),
                item("src/model/snapshot.rs", true),
                item("src/wasm/", false),
            ]
        );
    }

    #[test]
    fn a_map_that_matches_the_tree_passes() {
        assert_eq!(problems("match", README, |_| ()), Vec::<String>::new());
    }

    #[test]
    fn a_new_entry_under_src_is_missing_from_the_map() {
        let found = problems("new", README, |root| {
            fs::write(root.join("src/extra.rs"), "").unwrap();
            fs::create_dir(root.join("src/more")).unwrap();
        });
        assert_eq!(
            found,
            [
                "## Module map: does not list src/extra.rs",
                "## Module map: does not list src/more/"
            ]
        );
    }

    #[test]
    fn a_removed_entry_or_nested_file_is_reported() {
        let found = problems("gone", README, |root| {
            fs::remove_dir_all(root.join("src/model")).unwrap();
            fs::write(root.join("src/model"), "").unwrap();
        });
        assert_eq!(
            found,
            [
                "## Module map: src/model/snapshot.rs does not exist",
                "## Module map: lists src/model/, which is not in src/",
                "## Module map: does not list src/model",
            ]
        );
    }

    #[test]
    fn nested_items_must_lie_in_their_folder() {
        let readme = README.replace("src/model/snapshot.rs", "src/wasm/mod.rs");
        let found = problems("inside", &readme, |_| ());
        assert_eq!(
            found,
            ["## Module map: src/wasm/mod.rs is not inside src/model/"]
        );
        let readme = README.replace("- `src/model/`", "- `src/lib.rs`");
        let found = problems("twice", &readme, |_| ());
        assert!(found.contains(&"## Module map: src/lib.rs is listed twice".to_owned()));
        assert!(found.contains(
            &"## Module map: src/model/snapshot.rs is nested under an item that is not a folder"
                .to_owned()
        ));
    }

    #[test]
    fn a_missing_or_malformed_section_is_an_error() {
        let missing = parse("# Project\n\n## Modules\n\n- `src/lib.rs`: x\n").unwrap_err();
        assert!(missing.contains("no `## Module map` section"), "{missing}");
        let empty = parse("## Module map\n\nNothing yet.\n\n## Next\n").unwrap_err();
        assert!(empty.contains("lists no path"), "{empty}");
        let no_path = parse("## Module map\n\n- lib.rs: the root\n").unwrap_err();
        assert!(
            no_path.contains("does not start with a `path`"),
            "{no_path}"
        );
    }
}
