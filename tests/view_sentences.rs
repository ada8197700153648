//! The extension's pages only look up what the core finished: the popup's region and rule
//! sentences (`_locales` keys with their arguments, as JSON, the way the popup receives them),
//! the objection form, the origins the popup asks access to, and which banner buttons are
//! intents the content script reports (any other opens the banner's link).

use notrain::model::report::Context;
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::Record;
use notrain::view::banner::describe;
use notrain::view::popup::{origins, view};
use serde_json::{json, Value};

const NOON_2026_11_29: u64 = 1_795_953_600_000;
const NOON_2024_09_21: u64 = 1_726_920_000_000;

/// The popup as JSON, for a region choice or a time zone, at a time.
fn popup(choice: Option<&str>, time_zone: Option<&str>, now_ms: u64) -> Value {
    let context = Context {
        region_choice: choice.map(str::to_owned),
        time_zone: time_zone.map(str::to_owned),
        ..Context::at(now_ms)
    };
    serde_json::to_value(view(&Record::default(), &context)).unwrap_or_default()
}

#[test]
fn the_popup_gives_the_rule_as_sentences_with_their_date() {
    let germany = popup(Some("DE"), None, NOON_2026_11_29);
    assert_eq!(
        germany["rule"],
        json!([
            {"key": "popupRuleDefaultOn", "args": [{"date": "2025-11-03"}]},
            {"key": "legalBasis_gdpr_legitimate_interest", "args": []},
        ])
    );
    assert_eq!(germany["futureOnly"], true);
    assert_eq!(
        germany["objectionForm"],
        "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"
    );
    let paused = popup(Some("GB"), None, NOON_2024_09_21);
    assert_eq!(paused["rule"][0]["key"], "popupRulePaused");
    let uk = popup(Some("GB"), None, NOON_2026_11_29);
    assert_eq!(
        uk["rule"][1]["key"],
        "legalBasis_uk_gdpr_legitimate_interest"
    );
    let us = popup(Some("US"), None, NOON_2026_11_29);
    assert_eq!(
        us["rule"].as_array().map(Vec::len),
        Some(1),
        "no legal basis"
    );
    assert_eq!(
        popup(None, None, NOON_2026_11_29)["rule"],
        json!([{"key": "popupRuleNone", "args": []}])
    );
}

#[test]
fn the_popup_says_where_the_region_came_from() {
    let chosen = popup(Some("uk"), Some("Europe/Berlin"), NOON_2026_11_29);
    assert_eq!(
        chosen["region"],
        json!({"code": "GB", "source": "chosen",
               "line": {"key": "popupRegionChosen", "args": [{"country": "GB"}]}})
    );
    let zone = popup(None, Some("Europe/Berlin"), NOON_2026_11_29);
    assert_eq!(
        zone["region"]["line"],
        json!({"key": "popupRegionTimeZone", "args": [{"country": "DE"}, {"text": "Europe/Berlin"}]})
    );
    let none = popup(None, None, NOON_2026_11_29);
    assert_eq!(
        none["region"],
        json!({"code": "", "source": "none",
               "line": {"key": "popupRegionNone", "args": [{"text": "?"}]}})
    );
}

#[test]
fn the_popup_asks_access_to_the_rules_site() {
    assert_eq!(origins(), ["https://www.linkedin.com/*"]);
}

#[test]
fn every_banner_button_says_whether_it_is_an_intent() {
    let stale =
        serde_json::to_value(describe(Verdict::Protected, Reason::Stale)).unwrap_or_default();
    assert_eq!(
        stale["actions"],
        json!([{"name": "check", "intent": false}, {"name": "dismiss", "intent": true}])
    );
    let exposed =
        serde_json::to_value(describe(Verdict::Exposed, Reason::Read)).unwrap_or_default();
    assert_eq!(
        exposed["actions"][0],
        json!({"name": "opt-out", "intent": true})
    );
}
