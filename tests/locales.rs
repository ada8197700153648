//! The `_locales` files agree with English and with the core. Every language folder parses, has
//! exactly the English keys, a message and a description for each, the English placeholders (by
//! name and `$1`-style content) and uses every declared `$NAME$` and no other; the name stays
//! NoTrain and the store description fits in 132 characters. Every message key the Rust core
//! names (`"banner…"`-style literals in `src/**/*.rs`, and the `legalBasis_*` keys it builds from
//! `rules/services/*.json`) exists in English. No description still carries the `TRANSLATE:`
//! marker `cargo xtask new-service` leaves for translators.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const REQUIRED: [&str; 7] = ["en", "de", "fr", "nl", "pt_BR", "es", "it"];
const KEY_PREFIXES: [&str; 5] = ["banner", "popup", "badgeTitle", "why", "legalBasis_"];

fn languages() -> Vec<String> {
    let dir = Path::new(ROOT).join("extension/_locales");
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let paths = entries.map(|entry| entry.expect("readable _locales entry").path());
    let name = |dir: PathBuf| dir.file_name().unwrap().to_string_lossy().into_owned();
    paths.filter(|path| path.is_dir()).map(name).collect()
}

fn messages(lang: &str) -> Map<String, Value> {
    let path = Path::new(ROOT).join(format!("extension/_locales/{lang}/messages.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{lang}: {e}"));
    json.as_object().cloned().expect("an object")
}

/// Declared placeholders, lower-cased name -> `content` (Chrome ignores the names' case).
fn declared(at: &str, entry: &Value) -> BTreeMap<String, String> {
    let Some(placeholders) = entry.get("placeholders") else {
        return BTreeMap::new();
    };
    let placeholders = placeholders.as_object().expect(at);
    let content = |p: &Value| p["content"].as_str().expect(at).to_string();
    let lower = |(name, p): (&String, &Value)| (name.to_lowercase(), content(p));
    placeholders.iter().map(lower).collect()
}

/// The keys of `a` that `b` lacks.
fn lacking<'a>(a: &'a Map<String, Value>, b: &Map<String, Value>) -> Vec<&'a String> {
    a.keys().filter(|key| !b.contains_key(*key)).collect()
}

fn identifier(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The `$NAME$` placeholders a message uses, lower-cased (`$$` and `$1` are not names).
fn used(message: &str) -> BTreeSet<String> {
    let pieces: Vec<&str> = message.split('$').collect();
    let (mut names, mut i) = (BTreeSet::new(), 1);
    while i + 1 < pieces.len() {
        let name = pieces[i];
        if identifier(name) && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            names.insert(name.to_lowercase());
            i += 2;
        } else {
            i += 1;
        }
    }
    names
}

#[test]
fn every_language_matches_english() {
    let languages = languages();
    for lang in REQUIRED {
        assert!(languages.contains(&lang.to_string()), "no _locales/{lang}");
    }
    let english = messages("en");
    for lang in &languages {
        let messages = messages(lang);
        let (missing, extra) = (lacking(&english, &messages), lacking(&messages, &english));
        let same = missing.is_empty() && extra.is_empty();
        assert!(same, "{lang}: lacks {missing:?}; extra {extra:?}");
        for (key, entry) in &messages {
            let text = |field: &str| entry.get(field).and_then(Value::as_str).unwrap_or("");
            let at = format!("{lang}/{key}");
            let filled = |field: &str| !text(field).trim().is_empty();
            assert!(filled("message"), "{at}: empty message");
            assert!(filled("description"), "{at}: empty description");
            let names = declared(&at, entry);
            assert_eq!(names, declared(&at, &english[key]), "{at}: placeholders");
            let declared_names: BTreeSet<_> = names.into_keys().collect();
            assert_eq!(used(text("message")), declared_names, "{at}: $NAME$ used");
        }
        let description = messages["extensionDescription"]["message"].as_str();
        let length = description.map_or(0, |text| text.chars().count());
        assert!(length <= 132, "{lang}: description has {length} chars");
        let name = &messages["extensionName"]["message"];
        assert_eq!(name, "NoTrain", "{lang}: extensionName");
        // The manifest's name: Edge Add-ons takes 45 characters at most (AMO 50, Chrome 75).
        let full = messages["manifestName"]["message"].as_str().unwrap_or("");
        let length = full.chars().count();
        assert!(
            full.starts_with("NoTrain – "),
            "{lang}: manifestName {full:?}"
        );
        assert!(length <= 45, "{lang}: manifestName has {length} chars");
    }
}

/// A string literal that looks like a message key: a known prefix, then a capital (anything after
/// `legalBasis_`), identifier characters only.
fn looks_like_key(literal: &str) -> bool {
    let shaped = |prefix: &&str| match literal.strip_prefix(prefix) {
        Some(tail) if prefix.ends_with('_') => !tail.is_empty(),
        Some(tail) => tail.starts_with(|c: char| c.is_ascii_uppercase()),
        None => false,
    };
    identifier(literal) && KEY_PREFIXES.iter().any(shaped)
}

/// Every `"…"` on a non-comment line of `src/**/*.rs` that looks like a message key.
fn core_keys() -> BTreeSet<String> {
    let (mut dirs, mut keys) = (vec![Path::new(ROOT).join("src")], BTreeSet::new());
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("readable src/") {
            let path = entry.expect("readable src/ entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let source = fs::read_to_string(&path).expect("readable source");
                let lines = source.lines().filter(|l| !l.trim_start().starts_with("//"));
                let quoted = lines.flat_map(|l| l.match_indices('"').map(|(at, _)| &l[at + 1..]));
                let literals = quoted.map(|rest| &rest[..rest.find('"').unwrap_or(0)]);
                keys.extend(literals.filter(|l| looks_like_key(l)).map(str::to_string));
            }
        }
    }
    keys
}

fn legal_bases(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(basis)) = map.get("legalBasis") {
                out.insert(basis.clone());
            }
            map.values().for_each(|value| legal_bases(value, out));
        }
        Value::Array(items) => items.iter().for_each(|item| legal_bases(item, out)),
        _ => {}
    }
}

#[test]
fn every_key_the_core_can_emit_exists_in_english() {
    let english = messages("en");
    let keys = core_keys();
    assert!(keys.len() >= 20, "the scan of src/ found only {keys:?}");
    for key in &keys {
        assert!(english.contains_key(key), "src/ uses {key}; en lacks it");
    }
}

/// Every message key a rules file names (a setting's `nameKey` and `meaningKey`, a period's
/// `legalBasis` as `legalBasis_...`) exists in every required language.
#[test]
fn every_key_a_rules_file_names_exists_in_every_language() {
    let mut files = 0;
    for entry in fs::read_dir(Path::new(ROOT).join("rules/services")).expect("rules/services") {
        let path = entry.expect("an entry").path();
        let text = fs::read_to_string(&path).expect("a rules file");
        let rules: Value = serde_json::from_str(&text).expect("rules JSON");
        let mut keys = BTreeSet::new();
        legal_bases(&rules, &mut keys);
        let mut keys: BTreeSet<String> = keys
            .iter()
            .map(|basis| format!("legalBasis_{}", basis.replace('-', "_")))
            .collect();
        for setting in rules["settings"].as_array().into_iter().flatten() {
            for field in ["nameKey", "meaningKey"] {
                let key = setting[field].as_str();
                keys.insert(
                    key.unwrap_or_else(|| panic!("{path:?}: a setting lacks {field}"))
                        .to_owned(),
                );
            }
        }
        for lang in REQUIRED {
            let messages = messages(lang);
            for key in &keys {
                assert!(
                    messages.contains_key(key),
                    "{path:?} names {key}; {lang} lacks it"
                );
            }
        }
        files += 1;
    }
    assert!(files >= 1, "no rules file was checked");
}

/// What `cargo xtask new-service` puts at the start of a description in every language but
/// English: the message is still the English placeholder, to translate.
const AWAITS_TRANSLATION: &str = "TRANSLATE:";

/// No locale still carries a message marked for translation, so a new service cannot land with
/// English text in the other languages.
#[test]
fn no_message_awaits_translation() {
    let mut marked = Vec::new();
    for lang in languages() {
        for (key, entry) in messages(&lang) {
            let description = entry.get("description").and_then(Value::as_str);
            if description.is_some_and(|text| text.contains(AWAITS_TRANSLATION)) {
                marked.push(format!("{lang}/{key}"));
            }
        }
    }
    assert!(
        marked.is_empty(),
        "awaiting translation ({AWAITS_TRANSLATION}): {marked:?}"
    );
}
