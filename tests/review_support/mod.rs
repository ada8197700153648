//! Shared by the native tests of "Review my settings" (`review.rs`, `review_limits.rs`, `review_shared_page.rs`, `one_writer.rs`): reports
//! from a tab on a setting's page, a record with settings ticked, and the review's items.
#![allow(dead_code)]

use notrain::decide::{decide, Directive};
use notrain::model::attributes::Attributes;
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::rules::Locator;
use notrain::service::main_service;
use notrain::state::record::{Record, ReviewItem};
use notrain::state::review;

pub const NOW: u64 = 1_764_000_000_000;
pub const TAB: u32 = 7;
pub const HOST: &str = "https://www.linkedin.com";
/// The load (`performance.timeOrigin`) of every report, and of the page loaded again to confirm.
pub const FIRST_LOAD: u64 = NOW - 60_000;
pub const FRESH_LOAD: u64 = NOW + 1_700;

/// The first path and the hook of a setting in the rules.
pub fn page_of(id: &str) -> (String, String) {
    let s = main_service().setting(id).expect("known setting");
    let hook = s.locators.iter().find_map(|locator| match locator {
        Locator::LabelledBy(hook) => Some(hook.to_string()),
        _ => None,
    });
    (format!("{HOST}{}", s.paths[0]), hook.expect("a hook"))
}

/// A report from `tab` on the page of `id` with its toggle reading `on` (None: no toggle).
pub fn report(id: &str, on: Option<bool>, tab: u32) -> Report {
    let (url, hook) = page_of(id);
    at(&url, &hook, on, tab)
}

pub fn at(url: &str, hook: &str, on: Option<bool>, tab: u32) -> Report {
    let controls = on.map(|on| Control {
        index: 0,
        attributes: Attributes::from([
            ("aria-labelledby".into(), hook.to_owned()),
            ("aria-checked".into(), on.to_string()),
            ("role".into(), "switch".into()),
        ]),
        checked: Some(on),
        visible: true,
        ..Control::default()
    });
    Report {
        snapshot: Snapshot {
            url: url.to_owned(),
            heading: String::new(),
            controls: controls.into_iter().collect(),
        },
        elapsed_ms: 500,
        tab: Some(tab),
        loaded_at_ms: FIRST_LOAD,
        ..Report::default()
    }
}

pub fn with_flow(mut report: Report, previous: &Directive) -> Report {
    report.flow = previous.flow;
    report
}

pub fn ticked(ids: &[&str]) -> Record {
    let mut record = Record::default();
    for id in ids {
        review::include(&mut record, id, true);
    }
    record
}

pub fn run(report: &Report, record: &mut Record, now: u64) -> Directive {
    decide(report, record, &Context::at(now))
}

/// Runs the verified opt-out on `id`'s page (ON, click, OFF for 1.1 s, the page loaded again,
/// OFF there for the hold); returns the last directive (5.6 s after `now`).
pub fn switch_off(id: &str, record: &mut Record, now: u64) -> Directive {
    let clicked = run(&report(id, Some(true), TAB), record, now);
    assert_eq!(clicked.click, Some(0), "{id}: clicked once");
    assert_eq!(clicked.banner.review, Some("running"));
    let off = with_flow(report(id, Some(false), TAB), &clicked);
    let settling = run(&off, record, now + 500);
    assert_eq!(settling.click, None);
    let reload = run(
        &with_flow(report(id, Some(false), TAB), &settling),
        record,
        now + 1_600,
    );
    confirm_off(id, &reload, record, now + 2_600)
}

/// The page of `id` was asked to load again (`reload`); its fresh load reads OFF at `now` and
/// again after the hold. Returns the last directive.
pub fn confirm_off(id: &str, reload: &Directive, record: &mut Record, now: u64) -> Directive {
    assert_eq!(
        reload.navigate,
        Some(page_of(id).0),
        "{id}: loads its page again"
    );
    assert_eq!(reload.click, None);
    let fresh = Report {
        loaded_at_ms: FRESH_LOAD,
        ..report(id, Some(false), TAB)
    };
    let holding = run(&fresh, record, now);
    assert_eq!(holding.navigate, None, "{id}: holds the fresh OFF reading");
    run(&with_flow(fresh, &holding), record, now + settle_ms())
}

/// The toggle of `id` reads OFF at `now` and again after the hold (already OFF: not clicked).
pub fn off_held(id: &str, record: &mut Record, now: u64) -> Directive {
    let first = run(&report(id, Some(false), TAB), record, now);
    assert_eq!(first.click, None);
    run(
        &with_flow(report(id, Some(false), TAB), &first),
        record,
        now + settle_ms(),
    )
}

/// An item as (id, now, why).
pub type Row = (String, Option<Verdict>, Option<Reason>);

pub fn items(record: &Record) -> Vec<Row> {
    let review = record.review.as_ref().expect("a review");
    let row = |i: &ReviewItem| (i.id.clone(), i.now(), i.reason);
    review.items.iter().map(row).collect()
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
