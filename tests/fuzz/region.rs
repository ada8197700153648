//! Target `region`: the user's region choice (any string), the browser's time zone (every zone
//! in `rules/zones.tsv`, mangled, and junk) and the clock (rule boundaries, far past and future,
//! `u64` extremes) through the region rules, `popup::view`, `badge` and the banner elsewhere.
//!
//! Properties: no panic; the region assumed and the rule in force (offered, default ON) agree
//! with the rules and zone files read independently; dates are valid, ordered like the clock and
//! round-trip as text; without a remembered OFF reading nothing looks protected (popup state and
//! headline, a popup without a button, the badge, the banner); where the default is ON and nothing
//! was read, the popup and the banner offer the opt-out.

use crate::oracle::{country_code, period_starts_ms, rule_in_force, zone_country, zones};
use crate::sequences::record;
use crate::{campaign, Tally};
use notrain::decide::decide;
use notrain::model::date::Date;
use notrain::model::report::{Context, Report};
use notrain::model::verdict::Verdict;
use notrain::service::main_service;
use notrain::state::record::{Observation, Record};
use notrain::view::badge::badge;
use notrain::view::banner::Action;
use notrain::view::popup::{view, RegionSource};
use proptest::prelude::*;
use proptest::sample::select;

const DAY_MS: u64 = 86_400_000;

fn country() -> impl Strategy<Value = Option<String>> {
    let known = select(vec![
        "DE",
        "fr",
        "IS",
        "LI",
        "NO",
        "CH",
        "GB",
        "uk",
        "el",
        "CA",
        "HK",
        "CN",
        "US",
        "BR",
        "RE",
        "XK",
        "XA",
        "QM",
        "ZZ",
        "AA",
        "EU",
        "UN",
        "",
        " gb ",
        "\u{3000}de",
        "ＤＥ",
        "dé",
        "DEU",
    ]);
    prop_oneof![
        2 => Just(None),
        3 => known.prop_map(|c| Some(c.to_owned())),
        2 => "[A-Za-z]{2}".prop_map(Some),
        1 => ".{0,6}".prop_map(Some),
        1 => "[a-z]{1,4}".prop_map(|w| Some(w.repeat(2_000))),
    ]
}

fn time_zone() -> impl Strategy<Value = Option<String>> {
    let names: Vec<String> = zones().iter().map(|(zone, _)| zone.clone()).collect();
    let zone = select(names);
    let mangled = (zone.clone(), any::<bool>()).prop_map(|(z, upper)| match upper {
        true => z.to_ascii_uppercase(),
        false => format!(" {} ", z.to_ascii_lowercase()),
    });
    let junk = select(vec![
        "",
        "UTC",
        "Etc/UTC",
        "Etc/GMT+5",
        "Europe/Nowhere",
        "Europe/",
    ]);
    prop_oneof![
        1 => Just(None),
        4 => zone.prop_map(Some),
        2 => mangled.prop_map(Some),
        1 => junk.prop_map(|j| Some(j.to_owned())),
        1 => "\\PC{0,30}".prop_map(Some),
    ]
}

/// Moments around every rule change, and anywhere from 0 to `u64::MAX`.
pub fn now() -> impl Strategy<Value = u64> {
    let starts = select(period_starts_ms());
    let near = (starts, -2 * DAY_MS as i64..2 * DAY_MS as i64)
        .prop_map(|(start, offset)| start.saturating_add_signed(offset));
    let extremes = select(vec![
        0,
        1,
        DAY_MS - 1,
        253_402_300_799_999, // 9999-12-31T23:59:59.999Z
        253_402_300_800_000, // 10000-01-01
        8_640_000_000_000_000,
        u64::MAX - 1,
        u64::MAX,
    ]);
    prop_oneof![3 => near, 1 => extremes, 2 => any::<u64>()]
}

fn is_protected(record: &Record) -> bool {
    ai_of(record).is_some_and(|seen| seen.verdict == Verdict::Protected)
}

/// Checks one region, time zone, clock and record; returns the calls into the core it made.
fn check(record: &Record, context: &Context) -> Result<u64, TestCaseError> {
    let popup = view(record, context);
    serde_json::to_string(&popup).map_err(|e| TestCaseError::fail(e.to_string()))?;

    // The region assumed and its rule, against the files.
    let chosen = context.region_choice.as_deref().and_then(country_code);
    let inferred = context.time_zone.as_deref().and_then(zone_country);
    let (code, source) = match (&chosen, &inferred) {
        (Some(code), _) => (code.clone(), RegionSource::Chosen),
        (None, Some(code)) => (code.clone(), RegionSource::TimeZone),
        (None, None) => (String::new(), RegionSource::None),
    };
    prop_assert_eq!(&popup.region.code, &code);
    prop_assert_eq!(popup.region.source, source);
    let rule = rule_in_force(&code, context.now_ms);
    // The rule's sentence says what the file says (a paused period has its own sentence).
    let sentences: &[&str] = match rule {
        None => &["popupRuleNone"],
        Some((false, _)) => &["popupRuleNotOffered", "popupRulePaused"],
        Some((true, true)) => &["popupRuleDefaultOn", "popupRulePaused"],
        Some((true, false)) => &["popupRuleDefaultOff", "popupRulePaused"],
    };
    let sentence = popup.rule.first().map(|line| line.key.as_str());
    prop_assert!(
        sentence.is_some_and(|key| sentences.contains(&key)),
        "rule sentence {:?} for {:?}",
        sentence,
        rule
    );

    // Nothing looks protected without a remembered OFF reading.
    let mut elsewhere = record.clone();
    let mut report = Report::default();
    report.snapshot.url = "https://www.linkedin.com/feed/".to_owned();
    let directive = decide(&report, &mut elsewhere, context);
    if !is_protected(record) {
        prop_assert_ne!(popup.state, Verdict::Protected);
        prop_assert_ne!(popup.headline, "popupProtected");
        prop_assert!(popup.primary.is_some(), "a popup with nothing to do");
        prop_assert_ne!(badge(record, &[main_service()]).text, "OFF");
        prop_assert_ne!(directive.banner.state, Verdict::Protected);
    }
    // Default ON and never read: the opt-out is offered.
    let default_on = rule.is_some_and(|(_, on)| on);
    if default_on && ai_of(record).is_none() {
        prop_assert_eq!(popup.primary, Some(Action::OptOut));
        prop_assert_eq!(directive.banner.message, "bannerProbablyExposed");
        prop_assert!(directive.banner.actions.contains(&Action::OptOut));
        let snoozed = record
            .snoozed_until_ms
            .is_some_and(|until| context.now_ms < until);
        prop_assert_eq!(directive.banner.visible, !snoozed);
    }
    Ok(3)
}

#[test]
fn regions_and_clocks() {
    let record = prop_oneof![1 => Just(Record::default()), 2 => record()];
    let inputs = (country(), time_zone(), now(), now(), record);
    let labels = ["default-on cases", "", ""];
    campaign(
        "region",
        256,
        labels,
        inputs,
        |(choice, zone, now_ms, other_ms, record)| {
            let (date, other) = (Date::from_unix_ms(now_ms), Date::from_unix_ms(other_ms));
            prop_assert!(date <= Date::MAX);
            if now_ms <= other_ms {
                prop_assert!(date <= other, "{} after {}", date, other);
            } else {
                prop_assert!(date >= other, "{} before {}", date, other);
            }
            prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
            let context = Context {
                now_ms,
                time_zone: zone,
                region_choice: choice,
                tell_members: false,
            };
            let calls = check(&record, &context)?;
            let code = notrain::region::assumed_country(&context)
                .map(|c| c.code)
                .unwrap_or_default();
            let default_on = rule_in_force(&code, now_ms).is_some_and(|(_, on)| on);
            Ok(Tally {
                calls: calls + 3,
                hits: [u64::from(default_on), 0, 0],
            })
        },
    );
}

/// Every zone of `rules/zones.tsv`, as written, shouted and padded; then every country those
/// zones give, chosen by the user, at every rule change and the millisecond before it.
#[test]
fn every_zone_and_every_rule_change() {
    let mut calls = 0;
    let mut run = |context: &Context| match check(&Record::default(), context) {
        Ok(n) => calls += n,
        Err(error) => panic!("{context:?}: {error}"),
    };
    for (zone, country) in zones() {
        for spelling in [
            zone.clone(),
            zone.to_ascii_uppercase(),
            format!("\t{zone} "),
        ] {
            assert_eq!(zone_country(&spelling).as_ref(), Some(country));
            let context = Context {
                now_ms: 1_764_374_400_000,
                time_zone: Some(spelling),
                region_choice: None,
                tell_members: false,
            };
            assert_eq!(
                notrain::region::assumed_country(&context)
                    .map(|c| c.code)
                    .as_ref(),
                Some(country)
            );
            run(&context);
        }
    }
    let mut countries: Vec<&String> = zones().iter().map(|(_, country)| country).collect();
    countries.sort();
    countries.dedup();
    let starts = period_starts_ms();
    for country in &countries {
        for start in &starts {
            for now_ms in [start - 1, *start] {
                run(&Context {
                    now_ms,
                    time_zone: None,
                    region_choice: Some((*country).clone()),
                    tell_members: false,
                });
            }
        }
    }
    println!(
        "fuzz region-zones: {} zones x 3 spellings, {} countries x {} moments, {calls} core calls",
        zones().len(),
        countries.len(),
        starts.len() * 2
    );
}

/// The record's reading of LinkedIn's AI setting, found by its service and setting ids.
fn ai_of(record: &Record) -> Option<&Observation> {
    let reading = record.readings.iter();
    let mut found = reading.filter(|o| o.service == "linkedin" && o.setting == "ai-training");
    found.next().map(|o| &o.seen)
}
