//! A service whose default is the same in every region needs no region: without one, NoTrain
//! still says "probably exposed" where every region group's period agrees, and nothing where one
//! group has no rule or another rule (X's EU default is unknown; LinkedIn's differs per region).

use notrain::model::date::Date;
use notrain::region::{evaluate, Assessment, Basis};

fn basis(service: &str, setting: &str, country: Option<&str>) -> Basis {
    let input = Assessment {
        service_id: service.to_owned(),
        setting_id: setting.to_owned(),
        country: country.map(str::to_owned),
        country_inferred: false,
        today: Date::new(2026, 12, 1).expect("a date"),
        observed: None,
    };
    evaluate(&input).basis
}

#[test]
fn the_same_default_everywhere_needs_no_region() {
    assert_eq!(basis("chatgpt", "improve-model", None), Basis::DefaultOn);
    assert_eq!(basis("claude", "help-improve", None), Basis::DefaultOn);
    assert_eq!(
        basis("chatgpt", "improve-model", Some("DE")),
        Basis::DefaultOn
    );
}

#[test]
fn a_default_that_differs_or_is_unknown_somewhere_needs_the_region() {
    assert_eq!(basis("x", "grok-training", None), Basis::NoRegion);
    assert_eq!(basis("x", "grok-training", Some("US")), Basis::DefaultOn);
    assert_eq!(basis("x", "grok-training", Some("DE")), Basis::NoRule);
    assert_eq!(basis("linkedin", "ai-training", None), Basis::NoRegion);
}
