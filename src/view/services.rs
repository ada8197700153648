//! Every service at a glance: which ones the user turned on (the required ones always, an optional
//! one once the browser granted all its origins), the popup's row for each (its state, when it
//! was last read, its one action), and the options page's list of every known service.

use crate::model::verdict::Verdict;
use crate::rules::{Access, ServiceRules};
use crate::service::services;
use crate::state::record::{Record, STALE_MS};
use serde::Serialize;

/// The services turned on, given the origins the browser granted (`permissions.getAll()`):
/// each required service, and each optional one whose every origin is granted. In the order of
/// [`listed`].
pub fn turned_on(granted: &[String]) -> Vec<&'static ServiceRules> {
    let has_all = |rules: &ServiceRules| origins(rules).iter().all(|o| granted.contains(o));
    listed()
        .filter(|rules| rules.service.access == Access::Required || has_all(rules))
        .collect()
}

/// Every service in the order the popup and the options page list them: the required ones
/// first, then the optional ones, each in the rules' order.
fn listed() -> impl Iterator<Item = &'static ServiceRules> {
    let required = |rules: &&ServiceRules| rules.service.access == Access::Required;
    let optional = |rules: &&ServiceRules| rules.service.access == Access::Optional;
    services()
        .iter()
        .filter(required)
        .chain(services().iter().filter(optional))
}

/// The match patterns of a service's hosts (`https://<host>/*`): what it asks the browser for.
pub fn origins(rules: &ServiceRules) -> Vec<String> {
    let hosts = rules.service.hosts.iter();
    hosts.map(|host| format!("https://{host}/*")).collect()
}

/// The popup's row of one service turned on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRow {
    pub id: String,
    /// The service's own name (not translated).
    pub name: String,
    pub state: Verdict,
    /// `_locales` key of the state in a word or two.
    pub state_key: &'static str,
    /// When its primary setting was last read (ms since the epoch), if ever.
    pub read_at_ms: Option<u64>,
    /// Its one action: `opt-out` when exposed or failed, `check` when never read or read over
    /// 30 days ago (or unknown), none while a fresh reading says OFF.
    pub action: Option<&'static str>,
    /// `_locales` key of the action's label.
    pub action_key: Option<&'static str>,
    /// The page that holds the setting (the action opens it).
    pub url: String,
}

/// The row of each service turned on, in the order given.
pub fn rows(record: &Record, on: &[&'static ServiceRules], now_ms: u64) -> Vec<ServiceRow> {
    on.iter().map(|rules| row(record, rules, now_ms)).collect()
}

fn row(record: &Record, rules: &ServiceRules, now_ms: u64) -> ServiceRow {
    let seen = record.primary_reading(rules);
    let state = seen.map_or(Verdict::Unknown, |seen| seen.verdict);
    let stale = seen.is_none_or(|seen| now_ms.saturating_sub(seen.at_ms) > STALE_MS);
    let (action, action_key) = match state {
        Verdict::Exposed | Verdict::Failed => (Some("opt-out"), Some("popupOptOutNow")),
        Verdict::Protected | Verdict::Unavailable if !stale => (None, None),
        _ => (Some("check"), Some("popupCheckNow")),
    };
    ServiceRow {
        id: rules.service.id.to_string(),
        name: rules.service.name.to_string(),
        state,
        state_key: state_key(state, seen.is_some()),
        read_at_ms: seen.map(|seen| seen.at_ms),
        action,
        action_key,
        url: rules.setting_url(rules.primary()),
    }
}

fn state_key(state: Verdict, read: bool) -> &'static str {
    match state {
        Verdict::Exposed => "popupSettingOn",
        Verdict::Protected => "popupSettingOff",
        Verdict::Failed => "popupSettingFailed",
        _ if !read => "popupSettingNeverRead",
        _ => "popupSettingUnknown",
    }
}

/// The options page's entry of one known service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownService {
    pub id: String,
    pub name: String,
    /// NoTrain holds its hosts from install: it cannot be turned off.
    pub required: bool,
    /// Turned on: required, or every origin granted (see [`turned_on`]).
    pub on: bool,
    /// What it asks the browser for when turned on.
    pub origins: Vec<String>,
    /// `_locales` keys of its primary setting's name, meaning and what NoTrain is sure of.
    pub name_key: Option<String>,
    pub meaning_key: Option<String>,
    pub certainty_key: Option<String>,
}

/// Every service NoTrain knows, in the order of [`listed`], given the origins the browser granted.
pub fn known(granted: &[String]) -> Vec<KnownService> {
    let on = turned_on(granted);
    let entry = |rules: &ServiceRules| {
        let setting = rules.primary();
        let key = |key: &Option<crate::rules::Text>| key.as_deref().map(str::to_owned);
        KnownService {
            id: rules.service.id.to_string(),
            name: rules.service.name.to_string(),
            required: rules.service.access == Access::Required,
            on: on
                .iter()
                .any(|turned| turned.service.id == rules.service.id),
            origins: origins(rules),
            name_key: key(&setting.name_key),
            meaning_key: key(&setting.meaning_key),
            certainty_key: key(&setting.certainty_key),
        }
    };
    listed().map(entry).collect()
}
