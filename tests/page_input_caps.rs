//! A page that piles attributes onto its switches costs the core bounded work: a control keeps at
//! most `MAX_ATTRIBUTES` (setting one is no longer a scan of all those set before, which made n
//! attributes cost n²/2 comparisons), and a control that had more reads unknown, never OFF.
#![cfg(not(target_arch = "wasm32"))]

use notrain::decide::decide;
use notrain::model::attributes::{Attributes, MAX_ATTRIBUTES};
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::Verdict;
use notrain::service::main_service;
use notrain::state::record::Record;

use std::time::{Duration, Instant};

const PAGE: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

/// `count` distinct attribute names, then the toggle's hook and `aria-checked="false"` last.
/// The first [`MAX_ATTRIBUTES`] of [`piled`]'s attributes are kept, no more.
fn assert_kept_first(attributes: &Attributes) {
    let last = format!("data-x{}", MAX_ATTRIBUTES - 1);
    assert_eq!(
        attributes.get(&last),
        Some(""),
        "the {MAX_ATTRIBUTES}th is kept"
    );
    let next = format!("data-x{MAX_ATTRIBUTES}");
    assert_eq!(attributes.get(&next), None, "none after it");
}

fn piled(count: usize) -> Attributes {
    let mut attributes: Attributes = (0..count)
        .map(|n| (format!("data-x{n}"), String::new()))
        .collect();
    attributes.insert("aria-labelledby".into(), "allowDataForGenerativeAI".into());
    attributes.insert("aria-checked".into(), "false".into());
    attributes
}

fn toggle(index: u32, attributes: Attributes) -> Control {
    Control {
        index,
        attributes,
        checked: Some(false),
        visible: true,
        ..Control::default()
    }
}

fn verdict(controls: Vec<Control>) -> Verdict {
    let report = Report {
        snapshot: Snapshot {
            url: PAGE.into(),
            heading: String::new(),
            controls,
        },
        elapsed_ms: 100,
        intent: None,
        flow: None,
        tab: None,
        ..Report::default()
    };
    let mut record = Record::default();
    let first = decide(&report, &mut record, &Context::at(1_000_000));
    // An OFF reading counts once it held: the page reports again with the echoed flow.
    let again = Report {
        flow: first.flow,
        ..report
    };
    match first.flow {
        Some(_) => decide(&again, &mut record, &Context::at(1_000_000 + settle_ms())),
        None => first,
    }
    .banner
    .state
}

/// 200,000 attributes on one control: before the cap this took 2·10¹⁰ name comparisons (minutes
/// even optimised); now a fraction of a second. The bound is generous for a busy machine.
#[test]
fn setting_many_attributes_is_not_quadratic() {
    let started = Instant::now();
    let attributes = piled(200_000);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "200,000 attributes took {took:?}"
    );
    assert!(attributes.overflowed());
    assert_kept_first(&attributes);
}

#[test]
fn a_toggle_with_more_attributes_than_kept_reads_unknown_not_protected() {
    let fits = piled(MAX_ATTRIBUTES - 2);
    assert!(!fits.overflowed());
    assert_eq!(verdict(vec![toggle(0, fits)]), Verdict::Protected);
    assert_eq!(
        verdict(vec![toggle(0, piled(MAX_ATTRIBUTES - 1))]),
        Verdict::Unknown
    );
}

/// The content script's worst case: its 200 controls, each with 1,000 attributes (and the JSON
/// path the test cases use reads through the same cap).
#[test]
fn the_content_scripts_worst_page_is_decided_quickly() {
    let started = Instant::now();
    let controls = (0..200).map(|n| toggle(n, piled(1_000))).collect();
    // The hook came after the first 64 attributes and was left out: no toggle yet, still looking.
    assert_eq!(verdict(controls), Verdict::Working);
    let names: Vec<String> = (0..1_000).map(|n| format!(r#""data-x{n}": """#)).collect();
    let json = format!(r#"{{"attributes": {{{}}}}}"#, names.join(", "));
    let read: Control = serde_json::from_str(&json).expect("parses");
    assert_kept_first(&read.attributes);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// LinkedIn's `settleMs`, from its rules.
fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}
