//! `cargo xtask new-service NAME`: the skeleton of a new service, for its author to fill in.
//!
//! - `rules/services/NAME.json`: a complete rules file that parses: `access: "optional"`, one
//!   primary setting (`ai-training`) with a `selector` and a `name` locator whose values are
//!   `TODO` placeholders, steps `open` then `switchOff`, LinkedIn's timings, a `TODO` source.
//! - The two messages the setting names (`setting<Name>AiName`, `setting<Name>AiMeaning`) in all
//!   seven locales: an English `TODO` text; in the other six the English text too, with a
//!   description beginning `TRANSLATE:`, which `tests/locales.rs` refuses (so a service cannot
//!   land untranslated).
//! - `tests/fixtures/site/services/NAME/`: a static setting page with a `role=switch` toggle
//!   carrying the locators' placeholder values, and its script.
//!
//! It refuses a NAME that is not `[a-z][a-z0-9-]*`, or whose file, messages or fixture exist,
//! before writing anything.

use crate::run::root;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// What a locale's description begins with until the message is translated.
pub const TRANSLATE: &str = "TRANSLATE:";
/// The locales, English first: every one must have every message.
const LOCALES: [&str; 7] = ["en", "de", "es", "fr", "it", "nl", "pt_BR"];
/// The timings a new service starts from, in the order the rules file lists them.
const TIMINGS: [&str; 5] = [
    "clickTimeoutMs",
    "saveWindowMs",
    "pageHoldMs",
    "settleMs",
    "giveUpMs",
];
/// The path of the skeleton's setting page (its `open` step and its one path).
const SETTING_PATH: &str = "/settings/ai-training";

/// `cargo xtask new-service NAME`, in this checkout.
pub fn new_service(args: &[String]) -> Result<(), String> {
    let [name] = args else {
        return Err("usage: cargo xtask new-service NAME (lower case: [a-z][a-z0-9-]*)".into());
    };
    let written = scaffold(&root(), name)?;
    eprintln!("new-service: wrote");
    for path in &written {
        eprintln!("  {}", path.strip_prefix(root()).unwrap_or(path).display());
    }
    eprintln!(
        "Fill in every TODO (rules file, English messages, fixture page), translate the six other\n\
         locales (and drop their `{TRANSLATE}` marker), then follow docs/rules.md, \"Adding a service\"."
    );
    Ok(())
}

/// Writes the skeleton of the service `name` under `root`; returns the files written or changed.
pub fn scaffold(root: &Path, name: &str) -> Result<Vec<PathBuf>, String> {
    if !valid_id(name) {
        return Err(format!("`{name}` is not a service id: [a-z][a-z0-9-]*"));
    }
    let display = display_name(name);
    let keys = [
        format!("setting{}AiName", camel(name)),
        format!("setting{}AiMeaning", camel(name)),
    ];
    let rules_path = root.join(format!("rules/services/{name}.json"));
    let fixture = root.join(format!("tests/fixtures/site/services/{name}"));
    for exists in [&rules_path, &fixture] {
        if exists.exists() {
            return Err(format!("{} exists already", exists.display()));
        }
    }
    let mut locales = Vec::new();
    for locale in LOCALES {
        let path = root.join(format!("extension/_locales/{locale}/messages.json"));
        let text = read(&path)?;
        let messages: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(key) = keys.iter().find(|key| messages.get(key.as_str()).is_some()) {
            return Err(format!("{}: {key} exists already", path.display()));
        }
        locales.push((locale, path, text));
    }
    let rules = rules_file(name, &display, &keys, &linkedin_timings(root)?);
    write(&rules_path, &rules)?;
    let mut written = vec![rules_path];
    let english = [
        (
            format!("TODO: {display}'s AI-training setting, as {display} names it"),
            format!(
                "Name of {display}'s AI-training setting, as {display} words it in this language."
            ),
        ),
        (
            format!("TODO: When ON, {display} may use your data to train AI models."),
            format!("One sentence: what {display}'s AI-training setting allows when ON."),
        ),
    ];
    for (locale, path, text) in locales {
        let mut entries = Vec::new();
        for (key, (message, description)) in keys.iter().zip(&english) {
            let description = if locale == "en" {
                description.clone()
            } else {
                format!("{TRANSLATE} {description}")
            };
            entries.push(entry(key, message, &description));
        }
        write(&path, &appended(&text, &entries, &path)?)?;
        written.push(path);
    }
    let page = fixture.join("index.html");
    write(&page, &fixture_page(name, &display))?;
    let script = fixture.join("toggle.js");
    write(&script, &fixture_script(&display))?;
    written.extend([page, script]);
    Ok(written)
}

fn valid_id(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `my-site` -> `MySite`: the id's part of a message key.
fn camel(name: &str) -> String {
    let capital = |part: &str| {
        let mut chars = part.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        })
    };
    name.split('-').map(capital).collect()
}

/// `my-site` -> `My Site`: a first guess at the service's own name, for its author to correct.
fn display_name(name: &str) -> String {
    let words: Vec<String> = name.split('-').map(camel).collect();
    words.join(" ")
}

/// LinkedIn's `service.timings`, the values a new service starts from.
fn linkedin_timings(root: &Path) -> Result<Vec<(&'static str, u64)>, String> {
    let path = root.join("rules/services/linkedin.json");
    let rules: Value =
        serde_json::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let timings = &rules["service"]["timings"];
    let value = |key: &'static str| {
        let value = timings[key].as_u64();
        value
            .map(|ms| (key, ms))
            .ok_or_else(|| format!("{}: no service.timings.{key}", path.display()))
    };
    TIMINGS.into_iter().map(value).collect()
}

fn rules_file(name: &str, display: &str, keys: &[String; 2], timings: &[(&str, u64)]) -> String {
    let timings: Vec<String> = timings
        .iter()
        .map(|(key, ms)| format!("      \"{key}\": {ms}"))
        .collect();
    let timings = timings.join(",\n");
    let [name_key, meaning_key] = keys;
    format!(
        r#"{{
  "format": 4,
  "revision": "TODO",
  "service": {{
    "id": "{name}",
    "name": "{display}",
    "hosts": ["www.{name}.example"],
    "access": "optional",
    "primarySetting": "ai-training",
    "signInPaths": ["/login"],
    "neverActPaths": ["/settings/delete-account"],
    "reviewPrefix": "/settings/",
    "timings": {{
{timings}
    }}
  }},
  "settings": [
    {{
      "id": "ai-training",
      "paths": ["{SETTING_PATH}"],
      "locators": [
        {{"selector": {{"attribute": "data-testid", "value": "TODO-ai-training-toggle"}}}},
        {{"name": {{"en": ["TODO: the toggle's label as {display} words it"]}}}}
      ],
      "steps": [{{"open": "{SETTING_PATH}"}}, "switchOff"],
      "nameKey": "{name_key}",
      "meaningKey": "{meaning_key}",
      "meaning": "TODO: When ON, {display} may use your data to train AI models.",
      "recommended": "off",
      "sources": ["TODO: where these facts come from (a URL of {display}'s own help or policy)"]
    }}
  ]
}}
"#
    )
}

/// One `"key": {"message": ..., "description": ...}` member, indented as in the locale files.
fn entry(key: &str, message: &str, description: &str) -> String {
    let quoted = |text: &str| Value::from(text).to_string();
    format!(
        "  {}: {{\n    \"message\": {},\n    \"description\": {}\n  }}",
        quoted(key),
        quoted(message),
        quoted(description)
    )
}

/// `text` (a locale file: one JSON object) with `entries` appended as its last members.
fn appended(text: &str, entries: &[String], path: &Path) -> Result<String, String> {
    let body = text.trim_end().strip_suffix('}');
    let body = body.ok_or_else(|| format!("{}: does not end with `}}`", path.display()))?;
    let body = body.trim_end();
    let separator = if body.ends_with('{') { "\n" } else { ",\n" };
    Ok(format!("{body}{separator}{}\n}}\n", entries.join(",\n")))
}

fn fixture_page(name: &str, display: &str) -> String {
    format!(
        r#"<!doctype html>
<!-- The fake {display}'s AI-training setting page, a skeleton from `cargo xtask new-service`: the page
     rules/services/{name}.json opens ({SETTING_PATH}), with one role=switch toggle that carries the
     locators' placeholder values. Shape it after what is publicly known of {display}'s markup. -->
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>TODO: {display} settings</title>
  <script src="/services/{name}/toggle.js" defer></script>
</head>
<body>
  <h1>TODO: the setting page's heading</h1>
  <button type="button" role="switch" aria-checked="true" data-testid="TODO-ai-training-toggle"
          aria-label="TODO: the toggle's label as {display} words it"></button>
</body>
</html>
"#
    )
}

fn fixture_script(display: &str) -> String {
    format!(
        r#"// The fake {display}'s toggle, a skeleton from `cargo xtask new-service`: a click flips its aria-checked,
// as a service's own switch would once saved. Make it as slow or as odd as {display}'s is.
const toggle = document.querySelector('[role="switch"]');
toggle.addEventListener("click", () => {{
  toggle.setAttribute("aria-checked", String(toggle.getAttribute("aria-checked") !== "true"));
}});
"#
    )
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{scaffold, LOCALES, SETTING_PATH, TRANSLATE};
    use crate::run::root;
    use serde_json::{json, Value};
    use std::fs;
    use std::path::Path;

    fn parsed(path: &Path) -> Value {
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
    }

    /// A temp folder with the files the scaffold reads: LinkedIn's rules and the seven locales.
    fn checkout(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-scaffold-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut files = vec!["rules/services/linkedin.json".to_owned()];
        files.extend(LOCALES.map(|l| format!("extension/_locales/{l}/messages.json")));
        for file in files {
            fs::create_dir_all(dir.join(&file).parent().unwrap()).unwrap();
            fs::copy(root().join(&file), dir.join(&file)).unwrap();
        }
        dir
    }

    #[test]
    fn the_skeleton_parses_and_names_messages_marked_for_translation() {
        let dir = checkout("ok");
        let written = scaffold(&dir, "my-site").unwrap();
        assert_eq!(written.len(), 10);
        let rules = parsed(&dir.join("rules/services/my-site.json"));
        let linkedin = parsed(&dir.join("rules/services/linkedin.json"));
        let service = &rules["service"];
        assert_eq!(rules["format"], 4);
        assert_eq!(service["id"], "my-site");
        assert_eq!(service["access"], "optional");
        assert_eq!(service["hosts"], json!(["www.my-site.example"]));
        assert_eq!(service["timings"], linkedin["service"]["timings"]);
        let settings = rules["settings"].as_array().unwrap();
        assert_eq!(settings.len(), 1);
        let setting = &settings[0];
        assert_eq!(service["primarySetting"], setting["id"]);
        let locators = setting["locators"].as_array().unwrap();
        assert_eq!(locators[0]["selector"]["value"], "TODO-ai-training-toggle");
        assert!(locators[1]["name"]["en"][0]
            .as_str()
            .unwrap()
            .starts_with("TODO"));
        let steps = json!([{"open": SETTING_PATH}, "switchOff"]);
        assert_eq!(setting["steps"], steps);
        assert_eq!(setting["paths"], json!([SETTING_PATH]));
        assert!(SETTING_PATH.starts_with(service["reviewPrefix"].as_str().unwrap()));
        assert!(setting["sources"][0].as_str().unwrap().starts_with("TODO"));
        for locale in LOCALES {
            let messages = parsed(&dir.join(format!("extension/_locales/{locale}/messages.json")));
            for field in ["nameKey", "meaningKey"] {
                let key = setting[field].as_str().unwrap();
                assert!(key.starts_with("settingMySiteAi"), "{key}");
                let description = messages[key]["description"].as_str().unwrap();
                assert_eq!(
                    description.starts_with(TRANSLATE),
                    locale != "en",
                    "{locale}"
                );
                assert!(messages[key]["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("TODO"));
            }
            assert!(
                messages["extensionName"].is_object(),
                "{locale} kept its messages"
            );
        }
        let page = fs::read_to_string(dir.join("tests/fixtures/site/services/my-site/index.html"));
        let page = page.unwrap();
        assert!(page.contains(r#"role="switch""#) && page.contains("TODO-ai-training-toggle"));
        let again = scaffold(&dir, "my-site").unwrap_err();
        assert!(again.contains("exists already"), "{again}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_name_or_an_existing_service_is_refused_before_anything_is_written() {
        let dir = checkout("bad");
        for name in [
            "", "Example", "1site", "-site", "my_site", "my site", "linkedin",
        ] {
            assert!(scaffold(&dir, name).is_err(), "{name:?}");
        }
        let en = dir.join("extension/_locales/en/messages.json");
        let de = dir.join("extension/_locales/de/messages.json");
        let before = fs::read_to_string(&de).unwrap();
        let mut messages = parsed(&en);
        messages["settingTakenAiMeaning"] = json!({"message": "x", "description": "y"});
        fs::write(&en, messages.to_string()).unwrap();
        assert!(scaffold(&dir, "taken")
            .unwrap_err()
            .contains("exists already"));
        assert!(!dir.join("rules/services/taken.json").exists());
        assert!(!dir.join("tests/fixtures/site/services/taken").exists());
        assert_eq!(before, fs::read_to_string(&de).unwrap(), "de untouched");
        fs::remove_dir_all(&dir).unwrap();
    }
}
