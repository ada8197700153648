//! Shared by the native tests of "Review my settings" (`sweep.rs`, `sweep_limits.rs`): reports
//! from a tab on a setting's page, a record with settings ticked, and the review's items.
#![allow(dead_code)]

use notrain::attributes::Attributes;
use notrain::engine::{decide, Context, Directive, Report};
use notrain::record::Record;
use notrain::rules::setting;
use notrain::snapshot::{Control, Snapshot};
use notrain::sweep;
use notrain::verdict::{Reason, Verdict};

pub const NOW: u64 = 1_764_000_000_000;
pub const TAB: u32 = 7;
pub const HOST: &str = "https://www.linkedin.com";

/// The first path and the hook of a setting in the rules.
pub fn page_of(id: &str) -> (String, String) {
    let s = setting(id).expect("known setting");
    (format!("{HOST}{}", s.paths[0]), s.hook.to_string())
}

/// A report from `tab` on the page of `id` with its toggle reading `on` (None: no toggle).
pub fn report(id: &str, on: Option<bool>, tab: u32) -> Report {
    let (url, hook) = page_of(id);
    at(&url, &hook, on, tab)
}

pub fn at(url: &str, hook: &str, on: Option<bool>, tab: u32) -> Report {
    let controls = on.map(|on| Control {
        index: 0,
        tag: "input".into(),
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
        sweep::include(&mut record, id, true);
    }
    record
}

pub fn run(report: &Report, record: &mut Record, now: u64) -> Directive {
    decide(report, record, &Context::at(now))
}

/// Runs the verified opt-out on `id`'s page (ON, click, OFF for 3.5 s); returns the last directive.
pub fn switch_off(id: &str, record: &mut Record, now: u64) -> Directive {
    let clicked = run(&report(id, Some(true), TAB), record, now);
    assert_eq!(clicked.click, Some(0), "{id}: clicked once");
    assert_eq!(clicked.banner.sweep, Some("running"));
    let off = with_flow(report(id, Some(false), TAB), &clicked);
    let settling = run(&off, record, now + 500);
    assert_eq!(settling.click, None);
    run(
        &with_flow(report(id, Some(false), TAB), &settling),
        record,
        now + 4_000,
    )
}

/// An item as (id, was, now, why).
pub type Row = (String, Option<Verdict>, Option<Verdict>, Option<Reason>);

pub fn items(record: &Record) -> Vec<Row> {
    let sweep = record.sweep.as_ref().expect("a review");
    let row = |i: &sweep::SweepItem| (i.id.clone(), i.was(), i.now(), i.reason);
    sweep.items.iter().map(row).collect()
}
