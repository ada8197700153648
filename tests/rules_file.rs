//! The rules file is valid and the core refuses a format it does not know.

use notrain::rules::{ai_setting, parse, rules, RULES_JSON, SUPPORTED_FORMAT};

#[test]
fn the_compiled_rules_parse_and_name_the_ai_setting() {
    let rules = rules();
    assert!(rules.format <= SUPPORTED_FORMAT);
    assert_eq!(ai_setting().hook, "allowDataForGenerativeAI");
    for setting in rules.settings.iter() {
        assert!(!setting.sources.is_empty(), "{} has no source", setting.id);
        assert!(setting
            .paths
            .iter()
            .all(|p| p.starts_with("/mypreferences/")));
    }
}

#[test]
fn a_newer_format_is_refused_not_misread() {
    let newer = format!(
        r#"{{"format": {}, "anything": "else"}}"#,
        SUPPORTED_FORMAT + 1
    );
    let refused = parse(&newer).expect_err("newer format must be refused");
    assert!(refused.contains("newer"), "{refused}");
}

#[test]
fn the_rules_compiled_by_build_rs_equal_the_parsed_file() {
    let parsed = parse(RULES_JSON).expect("the rules file parses");
    assert_eq!(rules(), &parsed);
}
