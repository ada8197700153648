//! Property: whatever the region, date and observation, the evaluation says `protected` if and
//! only if the toggle was observed OFF, says `unavailable` only for a missing toggle, and without
//! an observation always says `unknown`. It never panics, whatever the strings.
#![cfg(not(target_arch = "wasm32"))]

use notrain::model::date::Date;
use notrain::model::verdict::Verdict;
use notrain::region::{evaluate, Assessment, Observation, Observed};
/// LinkedIn's AI-training setting, as its rules file names it.
const AI_SETTING_ID: &str = "ai-training";
use proptest::prelude::*;

/// 2023-01-01 to 2028-12-31 in milliseconds, so every boundary of the rules is crossed.
const FROM_MS: u64 = 1_672_531_200_000;
const TO_MS: u64 = 1_861_919_999_999;

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        (FROM_MS..TO_MS).prop_map(Date::from_unix_ms),
        prop::sample::select(vec![
            "2024-09-17",
            "2024-09-18",
            "2024-09-19",
            "2024-09-20",
            "2024-10-10",
            "2024-10-11",
            "2024-12-09",
            "2024-12-10",
            "2025-11-02",
            "2025-11-03",
        ])
        .prop_map(|text| Date::parse(text).unwrap_or(Date::MAX)),
    ]
}

fn country() -> impl Strategy<Value = Option<String>> {
    let known = prop::sample::select(vec![
        "DE", "fr", "IS", "LI", "NO", "CH", "GB", "uk", "CA", "HK", "CN", "US", "BR", "RE", "ZZ",
        "EU", "", "DEU", " gb ",
    ]);
    prop_oneof![
        Just(None),
        known.prop_map(|c| Some(c.to_owned())),
        "[A-Za-z]{2}".prop_map(Some),
        ".{0,4}".prop_map(Some),
    ]
}

fn observation(
    state: impl Strategy<Value = Observed>,
) -> impl Strategy<Value = Option<Observation>> {
    prop::option::of((state, date()).prop_map(|(state, at)| Observation { state, at }))
}

fn assessment(state: impl Strategy<Value = Observed>) -> impl Strategy<Value = Assessment> {
    let setting = prop_oneof![4 => Just(AI_SETTING_ID.to_owned()), 1 => ".{0,12}"];
    (
        setting,
        country(),
        any::<bool>(),
        date(),
        observation(state),
    )
        .prop_map(
            |(setting_id, country, country_inferred, today, observed)| Assessment {
                service_id: "linkedin".to_owned(),
                setting_id,
                country,
                country_inferred,
                today,
                observed,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn nothing_but_an_observed_off_is_protected(
        input in assessment(prop::sample::select(vec![Observed::On, Observed::Missing]))
    ) {
        let evaluation = evaluate(&input);
        prop_assert_ne!(evaluation.verdict, Verdict::Protected);
        match input.observed.map(|o| o.state) {
            None => prop_assert_eq!(evaluation.verdict, Verdict::Unknown),
            Some(Observed::On) => prop_assert_eq!(evaluation.verdict, Verdict::Exposed),
            Some(_) => prop_assert!(matches!(
                evaluation.verdict,
                Verdict::Unknown | Verdict::Unavailable
            )),
        }
    }

    #[test]
    fn an_observed_off_is_always_protected(input in assessment(Just(Observed::Off))) {
        let verdict = evaluate(&input).verdict;
        if input.observed.is_some() {
            prop_assert_eq!(verdict, Verdict::Protected);
        } else {
            prop_assert_eq!(verdict, Verdict::Unknown);
        }
    }
}
