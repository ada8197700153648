//! Oracles for the fuzz targets, written apart from the core: the facts come from
//! `rules/services/linkedin.json`, `rules/regions.json` and `rules/zones.tsv` read as plain JSON and text (not through
//! `notrain::rules` or `notrain::region`), and the judgements (what a control reads, whether a
//! pending request is fresh, which region rule is in force) are re-derived from the README's
//! description; every service's pages and toggles are judged in `services.rs`. Only label matching reuses `notrain::read::text::says`, which the
//! `text` target fuzzes on its own.

use notrain::model::snapshot::Control;
use serde_json::Value;
use std::sync::OnceLock;

/// The setting's `aria-labelledby` hook, as the README names it.
pub const HOOK: &str = "allowDataForGenerativeAI";
/// A guided request is good for two minutes (README: "good for 2 minutes, consumed once").
pub const REQUEST_TTL_MS: u64 = 2 * 60 * 1000;
/// The largest integer a JS number holds exactly; the wasm boundary refuses larger ones.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
/// The latest moment a JS `Date` can hold (`Date.now()` never exceeds it).
pub const JS_DATE_MAX_MS: u64 = 8_640_000_000_000_000;

/// LinkedIn's rules file, parsed as plain JSON.
pub fn rules_json() -> &'static Value {
    static RULES: OnceLock<Value> = OnceLock::new();
    RULES.get_or_init(|| read_json("rules/services/linkedin.json"))
}

/// The region groups' file, parsed as plain JSON.
fn regions_json() -> &'static Value {
    static REGIONS: OnceLock<Value> = OnceLock::new();
    REGIONS.get_or_init(|| read_json("rules/regions.json"))
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).expect("rules file");
    serde_json::from_str(&text).expect("rules file parses")
}

/// The phrases of the AI setting's locator `kind` (`name`, `onlySwitchUnderHeading`).
fn locator_phrases(kind: &str) -> Vec<String> {
    let locators = ai_setting_json()["locators"]
        .as_array()
        .into_iter()
        .flatten();
    locators.flat_map(|l| all_languages(&l[kind])).collect()
}

fn ai_setting_json() -> &'static Value {
    let settings = rules_json()["settings"].as_array().expect("settings");
    settings
        .iter()
        .find(|s| s["id"] == "ai-training")
        .expect("AI setting")
}

fn strings(value: &Value) -> Vec<String> {
    let items = value.as_array().into_iter().flatten();
    items
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Every text of a `{"en": [...], ...}` object.
fn all_languages(value: &Value) -> Vec<String> {
    let languages = value.as_object().into_iter().flat_map(|map| map.values());
    languages.flat_map(strings).collect()
}

/// The setting's names in every language (the page heading), from the rules file.
pub fn setting_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| locator_phrases("onlySwitchUnderHeading"))
}

/// The toggle's labels in every language, from the rules file.
pub fn toggle_labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| locator_phrases("name"))
}

/// What a control says when its signals agree: `Some(true)` ON, `Some(false)` OFF, `None` when
/// `checked` and `aria-checked` disagree, `aria-checked` is neither true nor false, or neither
/// signal is there.
pub fn reads(control: &Control) -> Option<bool> {
    let aria = match control.attributes.get("aria-checked") {
        None => None,
        Some(value) => match value.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => return None,
        },
    };
    match (control.checked, aria) {
        (Some(a), Some(b)) if a != b => None,
        (Some(state), _) | (None, Some(state)) => Some(state),
        (None, None) => None,
    }
}

/// Whether a request made at `requested_at_ms` is still fresh at `now_ms`.
pub fn fresh(requested_at_ms: u64, now_ms: u64) -> bool {
    requested_at_ms <= now_ms && now_ms - requested_at_ms < REQUEST_TTL_MS
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (any proleptic Gregorian date from year 1).
fn days_of(date: &str) -> i64 {
    let mut parts = date
        .split('-')
        .map(|p| p.parse::<i64>().expect("date part"));
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    let (y, m, d) = (y.expect("year"), m.expect("month"), d.expect("day"));
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let years: i64 = (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum();
    let month_lengths = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let months: i64 = month_lengths[..(m - 1) as usize].iter().sum();
    years + months + d - 1
}

/// A valid country code as the README describes it: two ASCII letters in any case, blanks
/// around ignored, `UK` read as `GB` and `EL` as `GR`, codes that name no country refused.
pub fn country_code(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    let letters: Vec<char> = code.chars().collect();
    if letters.len() != 2 || !letters.iter().all(char::is_ascii_uppercase) {
        return None;
    }
    let (a, b) = (letters[0], letters[1]);
    let reserved = ["AA", "ZZ", "EU", "EZ", "UN"].contains(&code.as_str())
        || (a == 'Q' && b >= 'M')
        || (a == 'X' && b != 'K');
    match code.as_str() {
        _ if reserved => None,
        "UK" => Some("GB".to_owned()),
        "EL" => Some("GR".to_owned()),
        _ => Some(code),
    }
}

/// The country of a time zone, from `rules/zones.tsv` (ASCII case and blanks around ignored).
pub fn zone_country(zone: &str) -> Option<String> {
    let zone = zone.trim();
    zones()
        .iter()
        .find(|(name, _)| !zone.is_empty() && name.eq_ignore_ascii_case(zone))
        .map(|(_, country)| country.clone())
}

/// Every `(zone, country)` row of `rules/zones.tsv`.
pub fn zones() -> &'static [(String, String)] {
    static ZONES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let text = std::fs::read_to_string("rules/zones.tsv").expect("zones file");
        let rows = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let pairs = rows.filter_map(|l| l.split_once('\t'));
        pairs.map(|(z, c)| (z.to_owned(), c.to_owned())).collect()
    })
}

/// The AI setting's period in force for `country` at `now_ms` (UTC date), as
/// `(offered, default_on)`; `None` without a valid country or before the first period.
pub fn rule_in_force(country: &str, now_ms: u64) -> Option<(bool, bool)> {
    let code = country_code(country)?;
    let groups = regions_json()["groups"].as_array().expect("groups");
    let listed = groups
        .iter()
        .find(|g| strings(&g["countries"]).contains(&code));
    let group = listed.or_else(|| groups.iter().find(|g| g["rest"] == true))?;
    let timelines = ai_setting_json()["timelines"]
        .as_array()
        .expect("timelines");
    let timeline = timelines.iter().find(|t| {
        t["groups"]
            .as_array()
            .is_some_and(|g| g.contains(&group["id"]))
    })?;
    let today = i64::try_from(now_ms / 86_400_000).unwrap_or(i64::MAX);
    let periods = timeline["periods"].as_array().expect("periods");
    let period = periods
        .iter()
        .rev()
        .find(|p| days_of(p["from"].as_str().expect("from")) <= today)?;
    Some((period["offered"] == true, period["defaultOn"] == true))
}

/// The first moment (UTC) of every period in the AI setting's timelines.
pub fn period_starts_ms() -> Vec<u64> {
    let timelines = ai_setting_json()["timelines"]
        .as_array()
        .expect("timelines");
    let periods = timelines
        .iter()
        .flat_map(|t| t["periods"].as_array().expect("periods"));
    let days = periods.map(|p| days_of(p["from"].as_str().expect("from")));
    days.map(|d| u64::try_from(d).expect("after 1970") * 86_400_000)
        .collect()
}
