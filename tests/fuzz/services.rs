//! The oracle's view of every service, written apart from the core: each `rules/services/*.json`
//! read as plain JSON (not through `notrain::rules`), and the judgements re-derived from the
//! README and `docs/rules.md`: which service a URL belongs to, whether it is the primary setting's
//! page (a path, or a hash route on any path), which control is the toggle (the locators in
//! order), what the content script is asked to look for and when the switch may be read.

use notrain::model::snapshot::{Control, Snapshot};
use notrain::read::text::says;
use serde_json::Value;
use std::sync::OnceLock;

/// One step before `switchOff` that the content script looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prerequisite {
    /// A `click` step (pressed); otherwise a `waitFor` gate.
    pub click: bool,
    pub attribute: String,
    pub value: String,
}

/// What the oracle knows of one service and its primary setting.
#[derive(Debug)]
pub struct Facts {
    pub id: String,
    pub hosts: Vec<String>,
    pub sign_in: Vec<String>,
    pub never_act: Vec<String>,
    pub setting: String,
    /// The setting's `paths` (an entry starting with `#` is a hash route).
    pub paths: Vec<String>,
    /// The `open` step's path (or hash route).
    pub open: String,
    pub locators: Vec<Value>,
    pub prerequisites: Vec<Prerequisite>,
    pub settle_ms: u64,
}

/// Every service, in file-name order (the first is the main one).
pub fn services() -> &'static [Facts] {
    static ALL: OnceLock<Vec<Facts>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir("rules/services")
            .expect("rules/services")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files.iter().map(|path| facts(&read(path))).collect()
    })
}

/// A service by id.
pub fn service(id: &str) -> &'static Facts {
    let found = services().iter().find(|s| s.id == id);
    found.unwrap_or_else(|| panic!("no service {id}"))
}

fn read(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("rules file");
    serde_json::from_str(&text).expect("rules file parses")
}

pub fn strings(value: &Value) -> Vec<String> {
    let items = value.as_array().into_iter().flatten();
    let texts = items.filter_map(|v| v.as_str().map(str::to_owned));
    texts.collect()
}

fn facts(file: &Value) -> Facts {
    let site = &file["service"];
    let primary = &site["primarySetting"];
    let settings = file["settings"].as_array().expect("settings");
    let setting = settings
        .iter()
        .find(|s| s["id"] == *primary)
        .expect("primary");
    let steps = setting["steps"].as_array().expect("steps");
    let open = steps.iter().find_map(|s| s["open"].as_str()).expect("open");
    let prerequisites = steps.iter().filter_map(|step| {
        let (click, target) = match (step.get("click"), step.get("waitFor")) {
            (Some(target), _) => (true, target),
            (None, Some(target)) => (false, target),
            (None, None) => return None,
        };
        let text = |key: &str| target[key].as_str().expect("attribute, value").to_owned();
        Some(Prerequisite {
            click,
            attribute: text("attribute"),
            value: text("value"),
        })
    });
    Facts {
        id: site["id"].as_str().expect("id").to_owned(),
        hosts: strings(&site["hosts"]),
        sign_in: strings(&site["signInPaths"]),
        never_act: strings(&site["neverActPaths"]),
        setting: primary.as_str().expect("primary").to_owned(),
        paths: strings(&setting["paths"]),
        open: open.to_owned(),
        locators: setting["locators"].as_array().expect("locators").clone(),
        prerequisites: prerequisites.collect(),
        settle_ms: site["timings"]["settleMs"].as_u64().expect("settleMs"),
    }
}

impl Facts {
    /// The setting page's URL: the `open` step on the first host.
    pub fn setting_url(&self) -> String {
        format!("https://{}{}", self.hosts[0], self.open)
    }

    /// Whether the setting is on a hash route (so reached by its prerequisites).
    pub fn hash_route(&self) -> Option<&str> {
        self.paths.iter().find_map(|p| p.strip_prefix('#'))
    }

    /// The CSS selectors the content script must be asked to count (`Directive::look`).
    pub fn look(&self) -> Vec<String> {
        let each = self.prerequisites.iter();
        let css = each.map(|p| format!("[{}=\"{}\"]", p.attribute, p.value));
        css.collect()
    }

    /// Whether the switch may be read: no prerequisites, or the report counted exactly them and
    /// no `waitFor` element is counted 0.
    pub fn gate_open(&self, found: &[u32]) -> bool {
        let steps = &self.prerequisites;
        steps.is_empty() || (found.len() == steps.len() && self.gate(found).is_none())
    }

    /// The first `waitFor` step counted 0 (with `found` of the right length).
    pub fn gate(&self, found: &[u32]) -> Option<usize> {
        let mut steps = self.prerequisites.iter().zip(found);
        steps.position(|(step, n)| !step.click && *n == 0)
    }

    /// Whether `path` (its `fragment`) is this setting's page: a path equal to one of `paths`
    /// (ASCII case, trailing slashes ignored), or a fragment that is a hash route or lies below
    /// one (`settings/General` below `settings`, segment-wise), on any path.
    pub fn is_setting_page(&self, path: &str, fragment: Option<&str>) -> bool {
        let path = path.trim_end_matches('/');
        self.paths.iter().any(|p| match p.strip_prefix('#') {
            Some(route) => fragment.is_some_and(|f| {
                let lower = f.to_ascii_lowercase();
                let route = route.to_ascii_lowercase();
                lower == route || lower.starts_with(&format!("{route}/"))
            }),
            None => path.eq_ignore_ascii_case(p.trim_end_matches('/')),
        })
    }

    /// The toggle, if exactly one control is it at the first locator that matches any: `None`
    /// when missing or ambiguous.
    pub fn the_toggle<'a>(&self, snapshot: &'a Snapshot) -> Option<&'a Control> {
        for locator in &self.locators {
            let matching = matching(snapshot, locator);
            match matching.len() {
                0 => continue,
                1 => return Some(matching[0]),
                _ => return None,
            }
        }
        None
    }
}

/// The controls a locator (`labelledBy`, `selector`, `name`, `onlySwitchUnderHeading`) matches.
fn matching<'a>(snapshot: &'a Snapshot, locator: &Value) -> Vec<&'a Control> {
    let controls = snapshot.controls.iter();
    if let Some(id) = locator["labelledBy"].as_str() {
        let blank = [' ', '\t', '\n', '\r', '\x0c'];
        let hooked = |c: &&Control| {
            let ids = c.attributes.get("aria-labelledby").unwrap_or_default();
            ids.split(blank).any(|token| token == id)
        };
        return controls.filter(hooked).collect();
    }
    if let Some(wanted) = locator.get("selector") {
        let (key, value) = (wanted["attribute"].as_str(), wanted["value"].as_str());
        let has = |c: &&Control| key.is_some_and(|k| c.attributes.get(k) == value);
        return controls.filter(has).collect();
    }
    if let Some(phrases) = locator.get("name") {
        let phrases = all_languages(phrases);
        let named = |c: &&Control| phrases.iter().any(|p| says(&c.name, p));
        return controls.filter(named).collect();
    }
    let names = all_languages(&locator["onlySwitchUnderHeading"]);
    let visible: Vec<&Control> = controls.filter(|c| c.visible).collect();
    let heading = names.iter().any(|n| says(&snapshot.heading, n));
    if heading && visible.len() == 1 {
        visible
    } else {
        Vec::new()
    }
}

/// Every text of a `{"en": [...], ...}` object.
pub fn all_languages(value: &Value) -> Vec<String> {
    let languages = value.as_object().into_iter().flat_map(|map| map.values());
    languages.flat_map(strings).collect()
}

/// The service whose host an `https://host[:port]/...` URL names (ASCII case ignored, no
/// user info), with the URL's path and fragment; `None` for anything else. Paths a browser may
/// read as another host (`//`, a backslash or control character, a dot segment) are no page.
pub fn page_of(url: &str) -> Option<(&'static Facts, &str, Option<&str>)> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(end)?;
    let host = authority.split(':').next().unwrap_or_default();
    let listed = |s: &&Facts| s.hosts.iter().any(|h| h.eq_ignore_ascii_case(host));
    let facts = services()
        .iter()
        .find(listed)
        .filter(|_| !authority.contains('@'))?;
    let path = after.split(['?', '#']).next().unwrap_or_default();
    let dots = |seg: &str| {
        let seg = seg.to_ascii_lowercase().replace("%2e", ".");
        !seg.is_empty() && seg.chars().all(|c| c == '.')
    };
    let odd = path.starts_with("//")
        || path.chars().any(|c| c == '\\' || c.is_ascii_control())
        || path.split('/').any(dots);
    (!odd).then_some((facts, path, url.split_once('#').map(|(_, f)| f)))
}

/// The origin of an `https://` URL, lower case (`https://host[:port]`), if it has one.
pub fn origin_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    (!authority.contains('@')).then(|| format!("https://{}", authority.to_ascii_lowercase()))
}

/// A page's kind as the oracle reads it (the README's order: an account page never acted on,
/// the setting's page, a sign-in page, any other page of the service; or no service's page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Setting,
    SignIn,
    NeverAct,
    Other,
    NotListed,
    /// Random text after `https://` (the generators' only: the oracle gives every URL a kind).
    Unknown,
}

/// The kind of `url` and its service.
pub fn kind_of(url: &str) -> (Kind, Option<&'static Facts>) {
    let Some((facts, path, fragment)) = page_of(url) else {
        return (Kind::NotListed, None);
    };
    let path = path.trim_end_matches('/');
    let under = |prefix: &String| {
        let prefix = prefix.trim_end_matches('/');
        let head = path.get(..prefix.len());
        head.is_some_and(|h| h.eq_ignore_ascii_case(prefix))
            && matches!(path.as_bytes().get(prefix.len()), None | Some(b'/'))
    };
    // A sign-in page is one whatever its fragment says (a hash route on it is no setting page).
    let kind = if facts.never_act.iter().any(under) {
        Kind::NeverAct
    } else if facts.sign_in.iter().any(under) {
        Kind::SignIn
    } else if facts.is_setting_page(path, fragment) {
        Kind::Setting
    } else {
        Kind::Other
    };
    (kind, Some(facts))
}

impl Facts {
    /// Whether any locator matches any control (then the core locates something: found or
    /// ambiguous, once the gate is open).
    pub fn matches_any(&self, snapshot: &Snapshot) -> bool {
        let each = self.locators.iter();
        each.clone().any(|l| !matching(snapshot, l).is_empty())
    }
}
