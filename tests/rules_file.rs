//! The rules files are valid and complete, the core refuses a format it does not read, and what
//! `build.rs` compiles in equals what the files say.
// Native only: it reads the rules files on disk and their documentation fields, which the wasm build leaves out.
#![cfg(not(target_arch = "wasm32"))]

use notrain::rules::{parse_files, parse_service, rules, Access, Locator, Step, SUPPORTED_FORMAT};
use notrain::service::services;
use std::fs;

/// `rules/regions.json` and every `rules/services/*.json`, as text, in file-name order.
fn files() -> (String, Vec<String>) {
    let regions = fs::read_to_string("rules/regions.json").expect("rules/regions.json");
    let mut paths: Vec<_> = fs::read_dir("rules/services")
        .expect("rules/services")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(|p| fs::read_to_string(p).expect("a rules file"));
    (regions, texts.collect())
}

#[test]
fn every_service_names_a_primary_setting_and_every_setting_can_be_found_and_reached() {
    assert!(!services().is_empty());
    for rules in services() {
        assert_eq!(rules.format, SUPPORTED_FORMAT);
        let service = &rules.service;
        assert!(!service.hosts.is_empty(), "{} has no host", service.id);
        assert!(
            rules.setting(&service.primary_setting).is_some(),
            "{}",
            service.id
        );
        for setting in rules.settings.iter() {
            let name = format!("{}/{}", service.id, setting.id);
            assert!(!setting.sources.is_empty(), "{name} has no source");
            assert!(!setting.locators.is_empty(), "{name} has no locator");
            assert!(!setting.paths.is_empty(), "{name} has no page");
            assert_eq!(setting.steps.last(), Some(&Step::SwitchOff), "{name}");
            // A hash route names no path: it is the service's page at that fragment.
            assert!(
                setting
                    .paths
                    .iter()
                    .all(|p| p.starts_with('#') || p.starts_with(service.review_prefix.as_ref())),
                "{name} lies outside the service's settings"
            );
        }
    }
}

#[test]
fn every_fact_a_primary_setting_relies_on_says_how_sure_it_is() {
    for rules in services()
        .iter()
        .filter(|r| r.service.access == Access::Optional)
    {
        let setting = rules.primary();
        let name = format!("{}/{}", rules.service.id, setting.id);
        let about: Vec<&str> = setting.evidence.iter().map(|e| e.about.as_ref()).collect();
        let mut expected: Vec<String> = (1..=setting.locators.len())
            .map(|n| format!("locator {n}"))
            .collect();
        expected.extend(["steps".to_owned(), "default".to_owned()]);
        assert_eq!(
            about, expected,
            "{name}: one evidence entry per fact, in order"
        );
        assert!(
            setting.evidence.iter().all(|e| !e.by.trim().is_empty()),
            "{name}: every fact names its source"
        );
        assert!(
            setting.certainty_key.is_some(),
            "{name}: the options page says how sure"
        );
    }
}

#[test]
fn linkedins_ai_setting_is_found_by_its_hook_first() {
    let linkedin = notrain::service::service("linkedin").expect("LinkedIn's rules");
    let primary = linkedin.primary();
    assert_eq!(primary.id, "ai-training");
    assert_eq!(
        primary.locators.first(),
        Some(&Locator::LabelledBy("allowDataForGenerativeAI".into()))
    );
}

#[test]
fn another_format_is_refused_not_misread() {
    for format in [SUPPORTED_FORMAT - 1, SUPPORTED_FORMAT + 1] {
        let other = format!(r#"{{"format": {format}, "anything": "else"}}"#);
        let refused = parse_service(&other).expect_err("another format must be refused");
        assert!(refused.contains("not the one"), "{refused}");
    }
}

#[test]
fn an_unknown_field_or_locator_is_refused_not_ignored() {
    let linkedin = fs::read_to_string("rules/services/linkedin.json").expect("LinkedIn's rules");
    let typo = linkedin.replacen("\"locators\"", "\"locator\"", 1);
    assert!(parse_service(&typo).is_err());
    let unknown = linkedin.replacen("\"labelledBy\"", "\"labeledBy\"", 1);
    assert!(parse_service(&unknown).is_err());
}

#[test]
fn the_rules_compiled_by_build_rs_equal_the_parsed_files() {
    let (regions, services) = files();
    let services: Vec<&str> = services.iter().map(String::as_str).collect();
    let parsed = parse_files(&regions, &services).expect("the rules files parse");
    assert_eq!(rules(), &parsed);
}
