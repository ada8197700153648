//! The region part of `rules/linkedin.json` is valid: groups known and disjoint, EU 27 and EEA
//! exact, every group of the AI setting has a timeline, periods in order without overlap, every
//! period sourced, keys well formed. Also: format 1 files still parse, and a newcomer's region or
//! period needs nothing but the file (and a test).

use notrain::model::date::Date;
use notrain::model::verdict::Verdict;
use notrain::region::{evaluate_with, group_in, rule_in, Assessment, Basis};
use notrain::rules::{parse, rules, Rules, AI_SETTING_ID, SUPPORTED_FORMAT};
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
    assert_eq!(SUPPORTED_FORMAT, 2);
    assert_eq!(rules().format, SUPPORTED_FORMAT);
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
    for setting in rules().settings.iter() {
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
    for setting in rules().settings.iter() {
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
    let setting = rules().settings.iter().find(|s| s.id == AI_SETTING_ID);
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

const FORMAT_1: &str = r#"{"format": 1, "revision": "old",
  "site": {"host": "www.linkedin.com", "signInPaths": [], "neverActPaths": []},
  "settings": [{"id": "ai-training", "paths": ["/mypreferences/d/x"], "hook": "h", "sources": ["s"]}]}"#;

#[test]
fn a_format_1_file_still_parses_and_has_no_region_rules() {
    let old = parse(FORMAT_1).unwrap_or_else(|e| panic!("format 1 parses: {e}"));
    assert!(old.region_groups.is_empty());
    let today = Date::parse("2026-01-01");
    let today = today.unwrap_or_else(|| panic!("date"));
    assert!(rule_in(&old, AI_SETTING_ID, Some("DE"), today).is_none());
    let evaluation = evaluate_with(
        &old,
        &Assessment {
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
    let typo = FORMAT_1.replace(r#""format": 1"#, r#""format": 2"#).replace(
        r#""sources": ["s"]}"#,
        r#""sources": ["s"], "timelines": [{"groups": ["rest"], "periods": [
            {"from": "2024-09-18", "offered": true, "defaultOn": true, "pasued": true, "sources": ["x"]}]}]}"#,
    );
    assert!(parse(&typo).is_err());
}

/// What a newcomer writes to add a region and a period: the file entry, and a test like this.
#[test]
fn a_new_group_and_period_need_nothing_but_the_file() {
    let text = FORMAT_1.replace(r#""format": 1"#, r#""format": 2"#).replace(
        r#""settings": ["#,
        r#""regionGroups": [{"id": "br", "countries": ["BR"]}, {"id": "rest", "rest": true}],
           "settings": ["#,
    ).replace(
        r#""sources": ["s"]}"#,
        r#""sources": ["s"], "timelines": [
            {"groups": ["rest"], "periods": [{"from": "2024-09-18", "offered": true, "defaultOn": true, "sources": ["a"]}]},
            {"groups": ["br"], "periods": [
               {"from": "2024-09-18", "offered": true, "defaultOn": true, "sources": ["a"]},
               {"from": "2027-01-01", "offered": false, "defaultOn": false, "paused": true, "sources": ["ANPD"]}]}]}"#,
    );
    let rules: Rules = parse(&text).unwrap_or_else(|e| panic!("parses: {e}"));
    let day = |text: &str| Date::parse(text).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(group_in(&rules, "br").map(|g| g.id.as_ref()), Some("br"));
    assert_eq!(group_in(&rules, "US").map(|g| g.id.as_ref()), Some("rest"));
    let before = rule_in(&rules, AI_SETTING_ID, Some("BR"), day("2026-12-31"));
    let after = rule_in(&rules, AI_SETTING_ID, Some("BR"), day("2027-01-01"));
    assert_eq!(before.map(|p| p.default_on), Some(true));
    assert_eq!(after.map(|p| p.paused), Some(true));
}
