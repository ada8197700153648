//! The store listings' texts: `store/listings/<locale>.json`, one per language of
//! `extension/_locales`, read and checked against each store's limits (the `store` step of
//! `cargo xtask test`, and `cargo xtask package` before it writes `dist/store/`).
//!
//! The name and the short summary are not in the listing files: Chrome Web Store and Edge Add-ons
//! show the package's own manifest `name` and `description`, so they come from the locale's
//! `messages.json` (`manifestName`, `extensionDescription`) and are checked here against every
//! store's limit. A listing file holds what only the stores' forms ask for: AMO's summary, the
//! description, the non-affiliation sentence, the single purpose, one justification per
//! permission the built manifest asks for, and the privacy practices.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Where the listing files live, relative to the repository root.
pub const LISTINGS: &str = "store/listings";

/// The stores' length limits, in characters (Unicode scalar values, as the stores count).
///
/// Names: Chrome Web Store 75, addons.mozilla.org 50, Microsoft Edge Add-ons 45 (MDN,
/// <https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/name>).
/// The manifest description, which Chrome's listing shows as its summary and Edge's as its short
/// description: 132 (<https://developer.chrome.com/docs/extensions/reference/manifest/description>;
/// MDN's `manifest.json/description`: "In Chromium browsers, this value can be up to 132
/// characters"). AMO's summary: 250 (the summary field of AMO's listing form, see
/// <https://extensionworkshop.com/documentation/develop/create-an-appealing-listing/>).
/// Descriptions: Edge asks for 250 to 10,000 characters
/// (<https://learn.microsoft.com/microsoft-edge/extensions/publish/publish-extension>); Chrome's
/// and AMO's are longer, so Edge's bounds are applied to all three.
pub mod limits {
    pub const NAME: [(&str, usize); 3] = [("Edge", 45), ("AMO", 50), ("Chrome", 75)];
    pub const MANIFEST_DESCRIPTION: usize = 132;
    pub const AMO_SUMMARY: usize = 250;
    pub const DESCRIPTION_MIN: usize = 250;
    pub const DESCRIPTION_MAX: usize = 10_000;
}

/// The text fields every listing file must fill (besides `permissions`).
const TEXT_FIELDS: [&str; 5] = [
    "summary",
    "description",
    "disclaimer",
    "singlePurpose",
    "privacy",
];
/// The owners of the services' names, each named in the non-affiliation sentence.
pub const OWNERS: [&str; 5] = ["LinkedIn", "Microsoft", "OpenAI", "X Corp", "Anthropic"];
/// "Official", in the seven languages: the services' names are used only to name them.
const OFFICIAL: [&str; 5] = ["official", "offiziell", "oficial", "officiel", "ufficial"];

/// One language's listing, with the name and description of its `messages.json`.
#[derive(Debug, Clone)]
pub struct Listing {
    pub locale: String,
    /// The manifest name (`manifestName`).
    pub name: String,
    /// The manifest description (`extensionDescription`).
    pub manifest_description: String,
    pub fields: BTreeMap<String, String>,
    /// Permission (or match pattern) → its justification.
    pub permissions: BTreeMap<String, String>,
}

impl Listing {
    /// A text field (empty if missing; `check` refuses that).
    pub fn text(&self, field: &str) -> &str {
        self.fields.get(field).map_or("", String::as_str)
    }
}

/// Reads `locale`'s listing file and messages under `root`.
pub fn read(root: &Path, locale: &str) -> Result<Listing, String> {
    let listing = read_json(&root.join(LISTINGS).join(format!("{locale}.json")))?;
    let messages = read_json(&root.join(format!("extension/_locales/{locale}/messages.json")))?;
    from_values(locale, &listing, &messages)
}

/// A listing from its parsed file and the locale's parsed `messages.json`.
pub fn from_values(locale: &str, listing: &Value, messages: &Value) -> Result<Listing, String> {
    let at = format!("{LISTINGS}/{locale}.json");
    let object = listing.as_object().ok_or(format!("{at}: not an object"))?;
    let known = |key: &String| TEXT_FIELDS.contains(&key.as_str()) || key == "permissions";
    if let Some(unknown) = object.keys().find(|key| !known(key)) {
        return Err(format!("{at}: unknown field {unknown}"));
    }
    let strings = |map: &Map<String, Value>| -> Result<BTreeMap<String, String>, String> {
        let mut out = BTreeMap::new();
        for (key, text) in map.iter().filter(|(key, _)| *key != "permissions") {
            let text = text.as_str().ok_or(format!("{at}: {key} is not text"))?;
            out.insert(key.clone(), text.to_owned());
        }
        Ok(out)
    };
    let fields = strings(object)?;
    let permissions = match object.get("permissions") {
        Some(Value::Object(map)) => strings(map)?,
        Some(_) => return Err(format!("{at}: permissions is not an object")),
        None => BTreeMap::new(),
    };
    let message = |key: &str| {
        messages[key]["message"]
            .as_str()
            .map(str::to_owned)
            .ok_or(format!("_locales/{locale}/messages.json: no {key}"))
    };
    Ok(Listing {
        locale: locale.to_owned(),
        name: message("manifestName")?,
        manifest_description: message("extensionDescription")?,
        fields,
        permissions,
    })
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The languages of `extension/_locales` and of `store/listings`, each sorted.
pub fn locales(root: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let names = |dir: &Path, suffix: &str| -> Result<Vec<String>, String> {
        let entries =
            fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut names = Vec::new();
        for entry in entries {
            let name = entry.map_err(|e| e.to_string())?.file_name();
            if let Some(name) = name.to_string_lossy().strip_suffix(suffix) {
                names.push(name.to_owned());
            }
        }
        names.sort();
        Ok(names)
    };
    Ok((
        names(&root.join("extension/_locales"), "")?,
        names(&root.join(LISTINGS), ".json")?,
    ))
}

/// Every language of the extension has a listing, and no listing lacks its language.
pub fn check_locales(extension: &[String], listings: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    for missing in extension.iter().filter(|l| !listings.contains(l)) {
        problems.push(format!("no listing {LISTINGS}/{missing}.json"));
    }
    for extra in listings.iter().filter(|l| !extension.contains(l)) {
        problems.push(format!(
            "{LISTINGS}/{extra}.json: no extension/_locales/{extra}"
        ));
    }
    problems
}

/// Everything wrong with `listing`, given the permissions and match patterns the built manifest
/// asks for (`requested`): empty fields, texts over a store's limit, a permission without its
/// justification (or a justification of one not asked for), a non-affiliation sentence that does
/// not name every owner or is not in the description, "official" anywhere.
pub fn check(listing: &Listing, requested: &[String]) -> Vec<String> {
    let at = format!("{LISTINGS}/{}.json", listing.locale);
    let messages = format!("_locales/{}/messages.json", listing.locale);
    let mut problems = Vec::new();
    let length = |text: &str| text.chars().count();
    for field in TEXT_FIELDS {
        if listing.text(field).trim().is_empty() {
            problems.push(format!("{at}: {field} is empty"));
        }
    }
    if !listing.name.starts_with("NoTrain") {
        problems.push(format!(
            "{messages}: manifestName does not begin with NoTrain"
        ));
    }
    for (store, limit) in limits::NAME {
        let chars = length(&listing.name);
        if chars > limit {
            problems.push(format!(
                "{messages}: manifestName has {chars} chars, {store} takes {limit}"
            ));
        }
    }
    let over = |what: String, text: &str, limit: usize, problems: &mut Vec<String>| {
        if length(text) > limit {
            problems.push(format!("{what} has {} chars, over {limit}", length(text)));
        }
    };
    over(
        format!("{messages}: extensionDescription (Chrome's summary, Edge's short description)"),
        &listing.manifest_description,
        limits::MANIFEST_DESCRIPTION,
        &mut problems,
    );
    over(
        format!("{at}: summary (AMO)"),
        listing.text("summary"),
        limits::AMO_SUMMARY,
        &mut problems,
    );
    let description = listing.text("description");
    over(
        format!("{at}: description"),
        description,
        limits::DESCRIPTION_MAX,
        &mut problems,
    );
    if length(description) < limits::DESCRIPTION_MIN {
        problems.push(format!(
            "{at}: description has {} chars, Edge asks for {} at least",
            length(description),
            limits::DESCRIPTION_MIN
        ));
    }
    let disclaimer = listing.text("disclaimer");
    for owner in OWNERS.iter().filter(|owner| !disclaimer.contains(*owner)) {
        problems.push(format!("{at}: disclaimer does not name {owner}"));
    }
    if !disclaimer.trim().is_empty() && !description.contains(disclaimer.trim()) {
        problems.push(format!("{at}: the description lacks the disclaimer"));
    }
    for permission in requested {
        let text = listing
            .permissions
            .get(permission)
            .map_or("", String::as_str);
        if text.trim().is_empty() {
            problems.push(format!("{at}: no justification for {permission}"));
        }
    }
    for extra in listing
        .permissions
        .keys()
        .filter(|p| !requested.contains(p))
    {
        problems.push(format!(
            "{at}: justifies {extra}, which the manifest does not ask"
        ));
    }
    let mut texts: Vec<&str> = listing.fields.values().map(String::as_str).collect();
    texts.extend(listing.permissions.values().map(String::as_str));
    texts.push(&listing.name);
    texts.push(&listing.manifest_description);
    if texts.iter().any(|text| {
        let lower = text.to_lowercase();
        OFFICIAL.iter().any(|word| lower.contains(word))
    }) {
        problems.push(format!(
            "{at}: says \"official\" (the services' names only name them)"
        ));
    }
    problems
}

/// The permissions and match patterns `manifest` (as built: host lists filled) asks for:
/// `permissions`, `host_permissions`, `optional_host_permissions`, in that order.
pub fn requested(manifest: &Value) -> Vec<String> {
    [
        "permissions",
        "host_permissions",
        "optional_host_permissions",
    ]
    .iter()
    .filter_map(|field| manifest[*field].as_array())
    .flatten()
    .filter_map(Value::as_str)
    .map(str::to_owned)
    .collect()
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
