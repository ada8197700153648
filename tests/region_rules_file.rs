//! The region rules are valid (`rules/regions.json` and the settings' timelines): groups known and
//! disjoint, EU 27 and EEA exact, every group of LinkedIn's AI setting has a timeline, periods in
//! order without overlap, every period sourced, keys well formed. Also: a setting without
//! timelines has no region rules, and a newcomer's region or period needs nothing but the files
//! (and a test).
// Native only: it reads the rules files on disk and their documentation fields, which the wasm build leaves out.
#![cfg(not(target_arch = "wasm32"))]

use notrain::model::date::Date;
use notrain::model::verdict::Verdict;
use notrain::region::{evaluate_with, group_in, rule_in, Assessment, Basis};
use notrain::rules::{parse_files, rules, Rules, SUPPORTED_FORMAT};
use notrain::service::main_service;

const AI_SETTING_ID: &str = "ai-training";
use std::collections::BTreeSet;

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

#[test]
fn the_file_is_the_format_this_core_reads() {
    assert_eq!(SUPPORTED_FORMAT, 4);
    assert!(rules()
        .services
        .iter()
        .all(|s| s.format == SUPPORTED_FORMAT));
}

#[test]
fn groups_are_unique_disjoint_and_well_formed() {
    let groups = &rules().region_groups;
    let mut ids = BTreeSet::new();
    let mut countries = BTreeSet::new();
    for group in groups.iter() {
        assert!(is_key(&group.id), "group id {:?}", group.id);
        assert!(ids.insert(group.id.as_ref()), "group {} twice", group.id);
        for code in group.countries.iter() {
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{}: {code:?}",
                group.id
            );
            assert!(countries.insert(code.as_ref()), "{code} in two groups");
        }
        assert_eq!(group.rest, group.countries.is_empty(), "{}", group.id);
    }
    assert_eq!(
        groups.iter().filter(|g| g.rest).count(),
        1,
        "one rest group"
    );
}

#[test]
fn the_eu_27_and_the_eea_are_exactly_listed() {
    let members = |id: &str| -> Vec<&str> {
        let group = rules().region_groups.iter().find(|g| g.id == id);
        let group = group.unwrap_or_else(|| panic!("group {id}"));
        group.countries.iter().map(|c| c.as_ref()).collect()
    };
    let eu = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];
    assert_eq!(members("eu"), eu);
    assert_eq!(members("eea"), ["IS", "LI", "NO"]);
    assert_eq!(members("ch"), ["CH"]);
    assert_eq!(members("gb"), ["GB"]);
    assert_eq!(members("ca"), ["CA"]);
    assert_eq!(members("hk"), ["HK"]);
    let cn = rules().region_groups.iter().find(|g| g.id == "cn");
    assert!(cn.is_some_and(|g| g.uncertain), "CN is marked uncertain");
}

#[test]
fn every_timeline_names_known_groups_once_and_the_ai_setting_covers_all() {
    let ids: BTreeSet<&str> = rules()
        .region_groups
        .iter()
        .map(|g| g.id.as_ref())
        .collect();
    for setting in main_service().settings.iter() {
        let mut covered = BTreeSet::new();
        for timeline in setting.timelines.iter() {
            assert!(
                !timeline.groups.is_empty(),
                "{}: empty timeline",
                setting.id
            );
            for group in timeline.groups.iter() {
                assert!(
                    ids.contains(group.as_ref()),
                    "{}: unknown {group}",
                    setting.id
                );
                assert!(
                    covered.insert(group.as_ref()),
                    "{}: {group} twice",
                    setting.id
                );
            }
        }
        if setting.id == AI_SETTING_ID {
            assert_eq!(covered, ids, "every group has an AI-setting timeline");
        }
    }
}

#[test]
fn periods_are_ordered_consistent_and_sourced() {
    for setting in main_service().settings.iter() {
        assert!(setting.excluded.iter().all(|k| is_key(k)), "{}", setting.id);
        for timeline in setting.timelines.iter() {
            let name = format!("{} {:?}", setting.id, timeline.groups);
            assert!(!timeline.periods.is_empty(), "{name}: no periods");
            for pair in timeline.periods.windows(2) {
                assert!(
                    pair[0].from < pair[1].from,
                    "{name}: {} overlaps",
                    pair[1].from
                );
            }
            for period in timeline.periods.iter() {
                let at = format!("{name} from {}", period.from);
                assert!(!period.sources.is_empty(), "{at}: no source");
                assert!(period.sources.iter().all(|s| s.trim().len() > 10), "{at}");
                assert!(
                    !period.default_on || period.offered,
                    "{at}: on but not offered"
                );
                assert!(
                    !period.paused || !period.offered,
                    "{at}: paused but offered"
                );
                assert!(period.legal_basis.iter().all(|k| is_key(k)), "{at}");
                assert!(
                    period
                        .excluded
                        .iter()
                        .flat_map(|list| list.iter())
                        .all(|k| is_key(k)),
                    "{at}"
                );
                for option in period.further_options.iter() {
                    assert!(is_key(&option.kind), "{at}: {:?}", option.kind);
                    assert!(option.url.starts_with("https://"), "{at}: {}", option.url);
                    assert!(option.right.iter().all(|k| is_key(k)), "{at}");
                }
            }
        }
    }
}

#[test]
fn the_ai_setting_states_what_is_excluded_everywhere() {
    let setting = main_service()
        .settings
        .iter()
        .find(|s| s.id == AI_SETTING_ID);
    let setting = setting.unwrap_or_else(|| panic!("AI setting"));
    assert!(setting.stops_future_use_only);
    for key in [
        "private-messages",
        "inmail",
        "login-credentials",
        "payment-data",
        "salary-data",
        "job-application-data",
        "under-18",
    ] {
        assert!(setting.excluded.iter().any(|k| k == key), "{key}");
    }
}

const REGIONS: &str = r#"{"format": 4, "revision": "t", "groups": [{"id": "rest", "rest": true}]}"#;
const SERVICE: &str = r#"{"format": 4, "revision": "t",
  "service": {"id": "example", "name": "Example", "hosts": ["www.example.com"], "access": "optional",
              "primarySetting": "ai-training", "signInPaths": [], "neverActPaths": [], "reviewPrefix": "/settings/",
              "timings": {"clickTimeoutMs": 5000, "saveWindowMs": 10000, "pageHoldMs": 1000, "settleMs": 3000,
                          "giveUpMs": 15000}},
  "settings": [{"id": "ai-training", "paths": ["/settings/x"], "locators": [{"labelledBy": "h"}],
                "steps": [{"open": "/settings/x"}, "switchOff"], "sources": ["s"]}]}"#;

fn parse(regions: &str, service: &str) -> Result<Rules, String> {
    parse_files(regions, &[service])
}

#[test]
fn a_setting_without_timelines_has_no_region_rules() {
    let rules = parse(REGIONS, SERVICE).unwrap_or_else(|e| panic!("parses: {e}"));
    let today = Date::parse("2026-01-01");
    let today = today.unwrap_or_else(|| panic!("date"));
    assert!(rule_in(&rules, "example", AI_SETTING_ID, Some("DE"), today).is_none());
    let evaluation = evaluate_with(
        &rules,
        &Assessment {
            service_id: "example".to_owned(),
            setting_id: AI_SETTING_ID.to_owned(),
            country: Some("DE".to_owned()),
            country_inferred: false,
            today,
            observed: None,
        },
    );
    assert_eq!(evaluation.verdict, Verdict::Unknown);
    assert_eq!(evaluation.basis, Basis::NoRule);
}

#[test]
fn a_typo_in_a_period_is_refused_not_ignored() {
    let typo = SERVICE.replace(
        r#""sources": ["s"]}"#,
        r#""sources": ["s"], "timelines": [{"groups": ["rest"], "periods": [
            {"from": "2024-09-18", "offered": true, "defaultOn": true, "pasued": true, "sources": ["x"]}]}]}"#,
    );
    assert!(parse(REGIONS, &typo).is_err());
}

/// What a newcomer writes to add a region and a period: the file entry, and a test like this.
#[test]
fn a_new_group_and_period_need_nothing_but_the_file() {
    let regions = REGIONS.replace(
        r#""groups": ["#,
        r#""groups": [{"id": "br", "countries": ["BR"]}, "#,
    );
    let text = SERVICE.replace(
        r#""sources": ["s"]}"#,
        r#""sources": ["s"], "timelines": [
            {"groups": ["rest"], "periods": [{"from": "2024-09-18", "offered": true, "defaultOn": true, "sources": ["a"]}]},
            {"groups": ["br"], "periods": [
               {"from": "2024-09-18", "offered": true, "defaultOn": true, "sources": ["a"]},
               {"from": "2027-01-01", "offered": false, "defaultOn": false, "paused": true, "sources": ["ANPD"]}]}]}"#,
    );
    let rules: Rules = parse(&regions, &text).unwrap_or_else(|e| panic!("parses: {e}"));
    let day = |text: &str| Date::parse(text).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(group_in(&rules, "br").map(|g| g.id.as_ref()), Some("br"));
    assert_eq!(group_in(&rules, "US").map(|g| g.id.as_ref()), Some("rest"));
    let before = rule_in(
        &rules,
        "example",
        AI_SETTING_ID,
        Some("BR"),
        day("2026-12-31"),
    );
    let after = rule_in(
        &rules,
        "example",
        AI_SETTING_ID,
        Some("BR"),
        day("2027-01-01"),
    );
    assert_eq!(before.map(|p| p.default_on), Some(true));
    assert_eq!(after.map(|p| p.paused), Some(true));
}
