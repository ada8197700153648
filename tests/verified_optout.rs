//! The verified opt-out, step by step, with the clock injected: NoTrain calls it protected only
//! when the toggle read OFF on the page, then OFF on a fresh load of it for the hold, and says
//! "failed" when LinkedIn flips it back. (The fresh load's other outcomes: `confirmed_optout.rs`.)

use notrain::decide::{decide, Directive};
use notrain::model::attributes::Attributes;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::Verdict;
use notrain::service::main_service;
use notrain::state::record::Record;

const PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

fn page(on: bool) -> Snapshot {
    let attributes = Attributes::from([
        ("type".to_owned(), "checkbox".to_owned()),
        ("role".to_owned(), "switch".to_owned()),
        (
            "aria-labelledby".to_owned(),
            "allowDataForGenerativeAI".to_owned(),
        ),
        ("aria-checked".to_owned(), on.to_string()),
    ]);
    let toggle = Control {
        index: 0,
        attributes,
        checked: Some(on),
        visible: true,
        ..Control::default()
    };
    Snapshot {
        url: PAGE.to_owned(),
        heading: "Data for Generative AI Improvement".to_owned(),
        controls: vec![toggle],
    }
}

/// Sends `snapshot` with the previous directive's flow, as the content script does.
fn next(previous: &Directive, snapshot: Snapshot, record: &mut Record, now: u64) -> Directive {
    let report = Report {
        snapshot,
        elapsed_ms: 0,
        intent: None,
        flow: previous.flow,
        dismissed: false,
        tab: None,
        loaded_at_ms: FIRST_LOAD,
        ..Default::default()
    };
    decide(&report, record, &Context::at(now))
}

/// The load of the page that clicked, and the fresh load that confirms.
const FIRST_LOAD: u64 = 1;
const FRESH_LOAD: u64 = 2;

fn click_at(record: &mut Record, now: u64) -> Directive {
    let report = Report {
        snapshot: page(true),
        elapsed_ms: 0,
        intent: Some(Intent::OptOut),
        flow: None,
        dismissed: false,
        tab: None,
        loaded_at_ms: FIRST_LOAD,
        ..Default::default()
    };
    let directive = decide(&report, record, &Context::at(now));
    assert_eq!(directive.click, Some(0));
    assert_eq!(directive.banner.state, Verdict::Working);
    directive
}

#[test]
fn off_that_stays_off_is_verified_protected_and_remembered() {
    let mut record = Record::default();
    let clicked = click_at(&mut record, 1_000);
    let first_off = next(&clicked, page(false), &mut record, 1_200);
    assert_eq!(
        first_off.banner.state,
        Verdict::Working,
        "one OFF reading is not enough"
    );
    assert_eq!(first_off.click, None, "never clicks twice");
    let early = next(
        &first_off,
        page(false),
        &mut record,
        1_200 + page_hold_ms() - 1,
    );
    assert_eq!(early.navigate, None);
    let reload = next(&early, page(false), &mut record, 1_200 + page_hold_ms());
    assert_eq!(
        reload.navigate.as_deref(),
        Some(PAGE),
        "the page is loaded again"
    );
    assert_eq!(reload.banner.message, "bannerConfirming");
    assert_eq!(
        record.primary_reading(main_service()).cloned(),
        None,
        "nothing stored from the page that clicked"
    );

    let fresh_at = 1_200 + page_hold_ms() + 400;
    let fresh = Report {
        snapshot: page(false),
        loaded_at_ms: FRESH_LOAD,
        ..Report::default()
    };
    let holding = decide(&fresh, &mut record, &Context::at(fresh_at));
    assert_eq!(
        holding.banner.state,
        Verdict::Working,
        "not before the hold"
    );
    let early = next(
        &holding,
        page(false),
        &mut record,
        fresh_at + settle_ms() - 1,
    );
    assert_eq!(early.banner.state, Verdict::Working);
    assert_eq!(record.primary_reading(main_service()).cloned(), None);
    let settled = next(&early, page(false), &mut record, fresh_at + settle_ms());
    assert_eq!(settled.banner.state, Verdict::Protected);
    assert_eq!(settled.banner.message, "bannerVerified");
    assert!(settled.banner.visible, "the user sees the confirmation");
    assert_eq!(settled.flow, None);
    let remembered = record
        .primary_reading(main_service())
        .cloned()
        .expect("verdict stored");
    assert_eq!(remembered.verdict, Verdict::Protected);
    assert_eq!(remembered.at_ms, fresh_at + settle_ms());
    assert_eq!(record.confirming, None, "the confirmation is taken once");
}

#[test]
fn a_flip_back_after_a_failed_save_is_failed_not_protected() {
    let mut record = Record::default();
    let clicked = click_at(&mut record, 0);
    let off = next(&clicked, page(false), &mut record, 100);
    let flipped = next(&off, page(true), &mut record, 1_100);
    assert_eq!(flipped.banner.state, Verdict::Failed);
    assert_eq!(flipped.click, None);
    assert_eq!(
        record
            .primary_reading(main_service())
            .cloned()
            .map(|seen| seen.verdict),
        Some(Verdict::Failed)
    );
}

#[test]
fn no_change_after_the_click_fails_at_the_timeout() {
    let mut record = Record::default();
    let clicked = click_at(&mut record, 0);
    let waiting = next(&clicked, page(true), &mut record, click_timeout_ms() - 1);
    assert_eq!(waiting.banner.state, Verdict::Working);
    assert_eq!(waiting.click, None, "never clicks again without the user");
    let timed_out = next(&waiting, page(true), &mut record, click_timeout_ms());
    assert_eq!(timed_out.banner.state, Verdict::Failed);
}

#[test]
fn a_toggle_that_vanishes_while_settling_is_failed() {
    let mut record = Record::default();
    let clicked = click_at(&mut record, 0);
    let off = next(&clicked, page(false), &mut record, 100);
    let mut gone = page(false);
    gone.controls.clear();
    let lost = next(&off, gone, &mut record, 100 + settle_ms());
    assert_eq!(lost.banner.state, Verdict::Failed);
}

/// LinkedIn's `clickTimeoutMs`, from its rules.
fn click_timeout_ms() -> u64 {
    main_service().service.timings.click_timeout_ms
}

/// LinkedIn's `pageHoldMs`, from its rules.
fn page_hold_ms() -> u64 {
    main_service().service.timings.page_hold_ms
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
