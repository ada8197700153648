//! Shared by the native tests of the guided opt-out (`guided_optout.rs`, `guided_way_back.rs`): a
//! report from a LinkedIn page (with or without the AI toggle), Berlin's context, a record that
//! remembers a reading, the setting page read OFF through its hold.
#![allow(dead_code)]

use notrain::decide::{decide, Directive};
use notrain::model::attributes::Attributes;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::{Control, Snapshot};
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::record::{Observation, Observed, Record};

pub const NOW: u64 = 1_795_953_600_000; // 2026-11-29 12:00 UTC
pub const DAY: u64 = 24 * 60 * 60 * 1000;
pub const FEED: &str = "https://www.linkedin.com/feed/";
pub const SETTING: &str =
    "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";

pub fn berlin(now_ms: u64) -> Context {
    Context {
        now_ms,
        time_zone: Some("Europe/Berlin".to_owned()),
        region_choice: None,
        tell_members: false,
    }
}

pub fn page(url: &str, toggle_on: Option<bool>, intent: Option<Intent>) -> Report {
    let controls = toggle_on.into_iter().map(|on| Control {
        attributes: Attributes::from([
            (
                "aria-labelledby".to_owned(),
                "allowDataForGenerativeAI".to_owned(),
            ),
            ("aria-checked".to_owned(), on.to_string()),
        ]),
        checked: Some(on),
        visible: true,
        ..Control::default()
    });
    Report {
        snapshot: Snapshot {
            url: url.to_owned(),
            heading: String::new(),
            controls: controls.collect(),
        },
        intent,
        loaded_at_ms: FIRST_LOAD,
        ..Report::default()
    }
}

/// Which load of the page a report comes from (`performance.timeOrigin`).
pub const FIRST_LOAD: u64 = NOW - 60_000;
pub const FRESH_LOAD: u64 = NOW + 4_700;

/// The setting page reads OFF now, and again (with the echoed flow) once the hold is over.
pub fn off_and_held(record: &mut Record, at_ms: u64) -> (Directive, Directive) {
    let first = decide(&page(SETTING, Some(false), None), record, &berlin(at_ms));
    assert_eq!(
        first.banner.state,
        Verdict::Working,
        "not protected before the hold"
    );
    let again = Report {
        flow: first.flow,
        ..page(SETTING, Some(false), None)
    };
    let held = decide(&again, record, &berlin(at_ms + settle_ms()));
    (first, held)
}

pub fn remembering(verdict: Verdict, at_ms: u64) -> Record {
    Record {
        readings: vec![ai_reading(Observation {
            verdict,
            reason: Reason::Read,
            at_ms,
            url: SETTING.to_owned(),
        })],
        ..Record::default()
    }
}

pub fn feed(record: &mut Record, context: &Context) -> Directive {
    decide(&page(FEED, None, None), record, context)
}

/// LinkedIn's `settleMs`, from its rules.
pub fn settle_ms() -> u64 {
    main_service().service.timings.settle_ms
}

/// The reading of LinkedIn's AI setting, as the record keeps it.
pub fn ai_reading(seen: Observation) -> Observed {
    Observed {
        service: "linkedin".into(),
        setting: "ai-training".into(),
        seen,
    }
}
