//! Table-driven evaluation at fixed dates around every boundary of the compiled-in rules: EU, EEA,
//! CH on 2025-11-02 / 2025-11-03; the UK, Hong Kong and Canada before, during and after their
//! pauses; the US and the rest; uncertain groups; unknown regions. Then the explanation itself.

use notrain::model::date::Date;
use notrain::model::verdict::Verdict;
use notrain::region::{
    evaluate, group_of, rule_at, Assessment, Basis, Evaluation, Observation, Observed,
};
/// LinkedIn's AI-training setting, as its rules file names it.
const AI_SETTING_ID: &str = "ai-training";
use Basis::{NoRegion, NoRule};
use Observed::Off;
use Verdict::Unknown;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is a date"))
}

fn run(country: Option<&str>, today: &str, observed: Option<(Observed, &str)>) -> Evaluation {
    evaluate(&Assessment {
        service_id: "linkedin".to_owned(),
        setting_id: AI_SETTING_ID.to_owned(),
        country: country.map(str::to_owned),
        country_inferred: false,
        today: day(today),
        observed: observed.map(|(state, at)| Observation { state, at: day(at) }),
    })
}

/// Checks rows of whitespace-separated columns: country (`-`: none), today, observation (`-`, or
/// `on@DATE`, `off@DATE`, `missing@DATE`), then the expected verdict and basis (as serialized) and
/// default-on-since date (`-`: none). `CC` in a row stands for each of `countries`.
fn check(countries: &[&str], rows: &[&str]) {
    for country in countries {
        for row in rows {
            let row = row.replace("CC", country);
            let cols: Vec<&str> = row.split_whitespace().collect();
            let [country, today, observed, verdict, basis, since] = cols[..] else {
                panic!("malformed row {row:?}");
            };
            let observed = observed.split_once('@').map(|(state, at)| {
                let state = serde_json::from_value(serde_json::json!(state));
                (state.unwrap_or_else(|e| panic!("{row}: {e}")), at)
            });
            let got = run((country != "-").then_some(country), today, observed);
            let json = serde_json::to_value(&got).unwrap_or_default();
            assert_eq!(
                (&json["verdict"], &json["basis"]),
                (&verdict.into(), &basis.into()),
                "{row}"
            );
            let since = (since != "-").then(|| day(since));
            assert_eq!(
                got.explanation.default_on_since, since,
                "{row}: default on since"
            );
        }
    }
}

#[test]
fn eu_eea_and_switzerland_switch_on_2025_11_03() {
    check(
        &["DE", "FR", "IE", "PL", "IS", "LI", "NO", "CH", "de"],
        &[
            "CC 2024-09-18 -                  unknown     probably-not-offered  -",
            "CC 2025-11-02 -                  unknown     probably-not-offered  -",
            "CC 2025-11-03 -                  unknown     default-on            2025-11-03",
            "CC 2026-11-29 -                  unknown     default-on            2025-11-03",
            "CC 2025-11-02 missing@2025-11-02 unavailable not-offered           -",
            "CC 2025-11-03 missing@2025-11-03 unknown     missing-where-offered 2025-11-03",
            // A missing toggle seen before the change says nothing about today.
            "CC 2025-11-03 missing@2025-11-02 unknown     default-on            2025-11-03",
            "CC 2025-10-01 on@2025-10-01      exposed     observed-on           -",
            "CC 2025-11-03 off@2025-10-01     protected   observed-off          2025-11-03",
            "CC 2026-11-29 on@2026-11-28      exposed     observed-on           2025-11-03",
        ],
    );
}

#[test]
fn the_uk_was_on_then_paused_then_on_again() {
    check(
        &["GB", "uk"],
        &[
            "CC 2024-09-17 -                  unknown     no-rule               -",
            "CC 2024-09-18 -                  unknown     default-on            2024-09-18",
            "CC 2024-09-19 -                  unknown     default-on            2024-09-18",
            "CC 2024-09-20 -                  unknown     probably-not-offered  -",
            "CC 2024-09-21 -                  unknown     probably-not-offered  -",
            "CC 2024-09-21 missing@2024-09-21 unavailable not-offered           -",
            "CC 2024-09-21 missing@2024-09-19 unknown     probably-not-offered  -",
            "CC 2024-09-19 missing@2024-09-19 unknown     missing-where-offered 2024-09-18",
            "CC 2025-11-02 -                  unknown     probably-not-offered  -",
            "CC 2025-11-03 -                  unknown     default-on            2025-11-03",
            "CC 2025-11-03 missing@2025-11-03 unknown     missing-where-offered 2025-11-03",
            "CC 2025-11-03 off@2024-09-19     protected   observed-off          2025-11-03",
        ],
    );
}

#[test]
fn hong_kong_and_canada_were_on_then_paused_then_on_again() {
    check(
        &["HK"],
        &[
            "CC 2024-10-10 -                  unknown     default-on            2024-09-18",
            "CC 2024-10-11 -                  unknown     probably-not-offered  -",
            "CC 2025-11-02 -                  unknown     probably-not-offered  -",
            "CC 2025-11-02 missing@2025-11-01 unavailable not-offered           -",
            "CC 2025-11-03 -                  unknown     default-on            2025-11-03",
        ],
    );
    check(
        &["CA"],
        &[
            "CC 2024-12-09 -                  unknown     default-on            2024-09-18",
            "CC 2024-12-10 -                  unknown     probably-not-offered  -",
            "CC 2025-11-02 -                  unknown     probably-not-offered  -",
            "CC 2025-11-03 -                  unknown     default-on            2025-11-03",
            "CC 2025-11-03 on@2025-11-03      exposed     observed-on           2025-11-03",
        ],
    );
}

#[test]
fn the_us_and_the_rest_have_been_on_since_2024_09_18() {
    check(
        &["US", "BR", "JP", "IN", "AU", "XK", "GI", "JE"],
        &[
            "CC 2024-09-17 -                  unknown     no-rule               -",
            "CC 2024-09-18 -                  unknown     default-on            2024-09-18",
            "CC 2025-11-03 -                  unknown     default-on            2024-09-18",
            "CC 2026-11-29 -                  unknown     default-on            2024-09-18",
            "CC 2026-11-29 missing@2026-11-29 unknown     missing-where-offered 2024-09-18",
            "CC 2026-11-29 off@2024-09-19     protected   observed-off          2024-09-18",
        ],
    );
}

#[test]
fn uncertain_groups_never_turn_a_missing_toggle_into_unavailable() {
    check(
        &["CN"],
        &[
            "CC 2026-11-29 -                  unknown     probably-not-offered  -",
            "CC 2026-11-29 missing@2026-11-29 unknown     missing-unconfirmed   -",
            "CC 2026-11-29 on@2026-11-29      exposed     observed-on           -",
        ],
    );
    check(
        &["RE", "AX"],
        &[
            "CC 2025-11-02 missing@2025-11-02 unknown     missing-unconfirmed   -",
            "CC 2026-11-29 -                  unknown     default-on            2025-11-03",
        ],
    );
    let uncertain = |code| {
        run(Some(code), "2026-11-29", None)
            .explanation
            .group_uncertain
    };
    assert!(uncertain("CN") && uncertain("RE") && !uncertain("DE"));
}

#[test]
fn without_a_valid_region_only_an_observation_decides() {
    check(
        &["-", "ZZ", "EU", "DEU", "1A", "ü"],
        &[
            "CC 2026-11-29 -                  unknown     no-region             -",
            "CC 2026-11-29 missing@2026-11-29 unknown     missing-unconfirmed   -",
            "CC 2026-11-29 on@2026-11-29      exposed     observed-on           -",
            "CC 2026-11-29 off@2026-11-29     protected   observed-off          -",
        ],
    );
    let empty = run(Some(""), "2026-11-29", None);
    assert_eq!((empty.verdict, empty.basis), (Unknown, NoRegion));
}

#[test]
fn the_explanation_for_an_eu_user_today() {
    let mut input = Assessment {
        service_id: "linkedin".to_owned(),
        setting_id: AI_SETTING_ID.to_owned(),
        country: Some("fr".to_owned()),
        country_inferred: true,
        today: day("2026-11-29"),
        observed: None,
    };
    let json = serde_json::to_value(evaluate(&input)).unwrap_or_default();
    let expected = serde_json::json!({
        "verdict": "unknown",
        "basis": "default-on",
        "explanation": {
            "settingId": "ai-training",
            "country": "FR",
            "countryInferred": true,
            "group": "eu",
            "groupUncertain": false,
            "periodFrom": "2025-11-03",
            "offered": true,
            "defaultOn": true,
            "paused": false,
            "defaultOnSince": "2025-11-03",
            "legalBasis": "gdpr-legitimate-interest",
            "excluded": ["private-messages", "inmail", "login-credentials", "payment-data",
                         "salary-data", "job-application-data", "under-18"],
            "stopsFutureUseOnly": true,
            "furtherOptions": [{"kind": "objection-form",
                                "url": "https://www.linkedin.com/help/linkedin/ask/TS-DPRO",
                                "right": "gdpr-art-21"}],
            "observed": null
        }
    });
    assert_eq!(json, expected);

    input.observed = Some(Observation {
        state: Off,
        at: day("2026-11-28"),
    });
    let json = serde_json::to_value(evaluate(&input)).unwrap_or_default();
    assert_eq!(json["verdict"], "protected");
    assert_eq!(json["basis"], "observed-off");
    assert_eq!(json["explanation"]["stopsFutureUseOnly"], true);
    assert_eq!(
        json["explanation"]["observed"],
        serde_json::json!({"state": "off", "at": "2026-11-28"})
    );
}

#[test]
fn the_uk_us_and_paused_explanations() {
    let uk = run(Some("GB"), "2025-11-03", None).explanation;
    assert_eq!(
        uk.legal_basis.as_deref(),
        Some("uk-gdpr-legitimate-interest")
    );
    assert_eq!(
        uk.further_options[0].right.as_deref(),
        Some("uk-gdpr-art-21")
    );

    let paused = run(Some("GB"), "2024-09-21", None).explanation;
    assert!(paused.paused);
    assert_eq!(
        (paused.offered, paused.default_on),
        (Some(false), Some(false))
    );
    let paused_rule = notrain::region::rule_at(
        "linkedin",
        "ai-training",
        Some("GB"),
        Date::parse("2024-09-21").expect("a date"),
    )
    .expect("a rule for the UK then");
    assert!(paused_rule.paused);
    #[cfg(not(target_arch = "wasm32"))] // the wasm's rules carry no sources
    assert!(paused_rule.sources.iter().any(|s| s.contains("ico.org.uk")));

    let us = run(Some("US"), "2026-11-29", None).explanation;
    assert_eq!(us.group.as_deref(), Some("rest"));
    assert_eq!(us.legal_basis, None);
    assert_eq!(us.further_options[0].kind, "objection-form");
    assert_eq!(us.further_options[0].right, None);
    assert!(us.excluded.iter().any(|k| k == "under-18"));

    let nowhere = run(None, "2026-11-29", None).explanation;
    assert_eq!((nowhere.offered, nowhere.group), (None, None));
    assert!(nowhere.stops_future_use_only, "setting-wide facts stay");
    assert!(nowhere.excluded.iter().any(|k| k == "private-messages"));
}

#[test]
fn an_unknown_setting_has_no_rule() {
    let got = evaluate(&Assessment {
        service_id: "linkedin".to_owned(),
        setting_id: "no-such-setting".to_owned(),
        country: Some("DE".to_owned()),
        country_inferred: false,
        today: day("2026-11-29"),
        observed: None,
    });
    assert_eq!((got.verdict, got.basis), (Unknown, NoRule));
    assert!(got.explanation.excluded.is_empty());
}

#[test]
fn groups_and_rules_by_country() {
    let group = |code: &str| group_of(code).map(|g| g.id.as_ref());
    assert_eq!(group("DE"), Some("eu"));
    assert_eq!(group(" de "), Some("eu"));
    assert_eq!(group("EL"), Some("eu"));
    assert_eq!(group("NO"), Some("eea"));
    assert_eq!(group("CH"), Some("ch"));
    assert_eq!(group("UK"), Some("gb"));
    assert_eq!(group("CN"), Some("cn"));
    assert_eq!(group("US"), Some("rest"));
    assert_eq!(group("XK"), Some("rest"));
    for invalid in [
        "", "D", "DEU", "ZZ", "XX", "QZ", "AA", "EU", "UN", "1A", "d3",
    ] {
        assert_eq!(group(invalid), None, "{invalid:?}");
    }
    let rule = |code: Option<&str>, date: &str| rule_at("linkedin", AI_SETTING_ID, code, day(date));
    assert_eq!(
        rule(Some("DE"), "2025-11-03").map(|p| p.from),
        Some(day("2025-11-03"))
    );
    assert_eq!(
        rule(Some("DE"), "2025-11-02").map(|p| p.offered),
        Some(false)
    );
    assert!(rule(None, "2025-11-03").is_none());
    assert!(rule(Some("US"), "2024-09-17").is_none());
}
