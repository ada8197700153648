//! The manifest's host lists, from the rules: each service of `rules/services/*.json` with
//! `access: "required"` gives `https://<host>/*` for each of its hosts in `host_permissions` and
//! in every content script's `matches`; one with `access: "optional"` gives its origins in
//! `optional_host_permissions` only (asked for when the user turns the service on).
//!
//! `manifest.json` leaves those three lists out: `cargo xtask build` fills them (`fill`), and
//! refuses a source manifest that lists them by hand, so the rules are their one source.
//! `cargo xtask tidy` checks the same (`check`), from the files alone.

use serde_json::{json, Value};
use std::fs;
use std::path::Path;

/// The manifest fields the build fills from the rules.
const FILLED: [&str; 2] = ["host_permissions", "optional_host_permissions"];

/// The match patterns the rules give.
#[derive(Debug, Default, PartialEq)]
pub struct HostLists {
    /// Held from install, and where the content scripts run.
    pub required: Vec<String>,
    /// Asked for at run time.
    pub optional: Vec<String>,
}

/// The host lists of the service files under `root/rules/services`, in file-name order.
pub fn from_rules(root: &Path) -> Result<HostLists, String> {
    let dir = root.join("rules/services");
    let entries = fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut services = Vec::new();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = format!("rules/services/{}", name.unwrap_or_default());
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let rules: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        services.push((name, rules));
    }
    from_services(&services)
}

/// The host lists of `services` (`(file name, parsed file)` pairs): a host that is not a plain
/// lower-case host name, an `access` other than `required` or `optional`, or a host two services
/// claim is refused, naming the file.
pub fn from_services(services: &[(String, Value)]) -> Result<HostLists, String> {
    let mut lists = HostLists::default();
    for (name, rules) in services {
        let service = &rules["service"];
        let hosts = service["hosts"]
            .as_array()
            .ok_or_else(|| format!("{name}: service.hosts is not a list"))?;
        let list = match service["access"].as_str() {
            Some("required") => &mut lists.required,
            Some("optional") => &mut lists.optional,
            _ => {
                return Err(format!(
                    "{name}: service.access is not \"required\" or \"optional\""
                ))
            }
        };
        for host in hosts {
            let host = host.as_str().filter(|host| plain_host(host));
            let host = host.ok_or_else(|| format!("{name}: {host:?} is not a plain host name"))?;
            list.push(format!("https://{host}/*"));
        }
    }
    let mut all: Vec<&String> = lists.required.iter().chain(&lists.optional).collect();
    all.sort();
    if let Some(twice) = all.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!("two services name {}", twice[0]));
    }
    Ok(lists)
}

/// A host name a match pattern can carry as is: lower-case letters, digits, `-` and inner dots.
fn plain_host(host: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    !host.is_empty() && host.chars().all(allowed) && host.split('.').all(|label| !label.is_empty())
}

/// What in the source manifest the build would have to overwrite: the filled lists, by hand.
pub fn check(manifest: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for field in FILLED {
        if manifest.get(field).is_some() {
            problems.push(format!(
                "manifest.json: lists `{field}`; `cargo xtask build` writes it from rules/services"
            ));
        }
    }
    let scripts = manifest["content_scripts"].as_array().into_iter().flatten();
    for (at, script) in scripts.enumerate() {
        if script.get("matches").is_some() {
            problems.push(format!(
                "manifest.json: content_scripts[{at}] lists `matches`; `cargo xtask build` writes it from rules/services"
            ));
        }
    }
    problems
}

/// Writes `lists` into `manifest` (the source manifest, which must leave them out): the required
/// patterns as `host_permissions` and each content script's `matches`, the optional ones as
/// `optional_host_permissions`. A list with nothing in it is left out; with no required host, the
/// content scripts are left out too (a content script must match something; an optional
/// service's are registered at run time).
pub fn fill(manifest: &mut Value, lists: &HostLists) -> Result<(), String> {
    if let Some(problem) = check(manifest).into_iter().next() {
        return Err(problem);
    }
    let fields = manifest
        .as_object_mut()
        .ok_or("manifest.json is not an object")?;
    if !lists.required.is_empty() {
        fields.insert("host_permissions".into(), json!(lists.required));
    }
    if !lists.optional.is_empty() {
        fields.insert("optional_host_permissions".into(), json!(lists.optional));
    }
    if lists.required.is_empty() {
        fields.remove("content_scripts");
    } else if let Some(scripts) = fields
        .get_mut("content_scripts")
        .and_then(Value::as_array_mut)
    {
        for script in scripts.iter_mut().filter_map(Value::as_object_mut) {
            script.insert("matches".into(), json!(lists.required));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check, fill, from_rules, from_services, HostLists};
    use crate::run::root;
    use serde_json::{json, Value};

    fn service(hosts: Value, access: &str) -> Value {
        json!({"service": {"id": "x", "hosts": hosts, "access": access}})
    }

    fn source() -> Value {
        json!({
            "permissions": ["storage"],
            "content_scripts": [{"js": ["banner.js", "content.js"], "run_at": "document_idle"}]
        })
    }

    #[test]
    fn required_hosts_are_held_and_matched_optional_ones_only_asked_for() {
        let services = [
            (
                "a.json".to_owned(),
                service(json!(["www.a.com", "a.com"]), "required"),
            ),
            (
                "b.json".to_owned(),
                service(json!(["www.b.example"]), "optional"),
            ),
        ];
        let lists = from_services(&services).unwrap();
        let required = ["https://www.a.com/*", "https://a.com/*"];
        assert_eq!(lists.required, required);
        assert_eq!(lists.optional, ["https://www.b.example/*"]);
        let mut manifest = source();
        fill(&mut manifest, &lists).unwrap();
        assert_eq!(manifest["host_permissions"], json!(required));
        assert_eq!(manifest["content_scripts"][0]["matches"], json!(required));
        let optional = json!(["https://www.b.example/*"]);
        assert_eq!(manifest["optional_host_permissions"], optional);
        assert_eq!(manifest["permissions"], json!(["storage"]));
    }

    #[test]
    fn with_no_required_service_nothing_is_held_and_no_script_is_declared() {
        let services = [(
            "b.json".to_owned(),
            service(json!(["b.example"]), "optional"),
        )];
        let mut manifest = source();
        fill(&mut manifest, &from_services(&services).unwrap()).unwrap();
        assert!(manifest.get("host_permissions").is_none());
        assert!(manifest.get("content_scripts").is_none());
    }

    #[test]
    fn bad_hosts_access_and_a_host_twice_are_refused() {
        for (hosts, access) in [
            (json!(["https://www.a.com"]), "required"),
            (json!(["*.a.com"]), "required"),
            (json!(["www.A.com"]), "required"),
            (json!(["www..a.com"]), "required"),
            (json!([""]), "optional"),
            (json!("www.a.com"), "required"),
            (json!(["www.a.com"]), "always"),
        ] {
            let services = [("a.json".to_owned(), service(hosts.clone(), access))];
            assert!(from_services(&services).is_err(), "{hosts} {access}");
        }
        let twice = [
            ("a.json".to_owned(), service(json!(["a.com"]), "required")),
            ("b.json".to_owned(), service(json!(["a.com"]), "optional")),
        ];
        assert!(from_services(&twice).is_err());
    }

    #[test]
    fn a_source_manifest_listing_what_the_build_writes_is_refused() {
        let lists = HostLists {
            required: vec!["https://a.com/*".into()],
            optional: vec![],
        };
        let mut by_hand = source();
        by_hand["content_scripts"][0]["matches"] = json!(["https://a.com/*"]);
        assert_eq!(check(&by_hand).len(), 1);
        assert!(fill(&mut by_hand, &lists).is_err());
        let mut by_hand = source();
        by_hand["host_permissions"] = json!(["https://a.com/*"]);
        by_hand["optional_host_permissions"] = json!([]);
        assert_eq!(check(&by_hand).len(), 2);
        assert!(check(&source()).is_empty());
    }

    /// The checkout's own files: LinkedIn, required, is all there is today.
    #[test]
    fn the_checkouts_rules_give_linkedin_and_its_manifest_leaves_the_lists_out() {
        let lists = from_rules(&root()).unwrap();
        assert!(lists
            .required
            .contains(&"https://www.linkedin.com/*".to_owned()));
        let text = std::fs::read_to_string(root().join("manifest.json")).unwrap();
        let manifest: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(check(&manifest), Vec::<String>::new());
    }
}
