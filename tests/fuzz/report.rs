//! Target `report`: sequences of content-script reports through `decide::decide`, on the pages of
//! every service (LinkedIn, ChatGPT's hash route and its variants, X, Claude, their other pages
//! and near misses), the record carried from call to call, the clock moving forwards, backwards
//! and to its extremes, flows echoed as the content script does or forged, intents at random,
//! the prerequisites' counts (`found`) and presses (`pressed`) echoed or forged, pages loaded
//! again (a fresh document) at the URL NoTrain navigated to, the region changing.
//!
//! After every call: no panic; the directive and record serialise; the record reloads equal;
//! the page kind as constructed (and as the oracle reads it); a request left in the record is
//! fresh; every number written stays one a JS number holds while the clock is a JS clock; and the
//! promises of [`crate::promises`], judged with the page's own service's rules.

use crate::inputs::flipped;
use crate::oracle::{JS_DATE_MAX_MS, MAX_SAFE_INTEGER};
use crate::promises::{check_step, Call};
use crate::sequences::{sequence, Clock, FlowChoice, Found, Page, Pressed, Sequence};
use crate::services::{kind_of, Kind};
use crate::{campaign, Tally};
use notrain::decide::decide;
use notrain::model::flow::Flow;
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::page::{classify, PageKind};
use notrain::state::stored::{load, Loaded};
use proptest::prelude::*;
use serde_json::Value;

#[test]
fn report_sequences() {
    let labels = ["clicks", "verified opt-outs", "presses"];
    campaign("report", 64, labels, sequence(), run);
}

/// The page load the content script is on: its id (`loaded_at_ms`), what it pressed there, and
/// the load NoTrain last clicked on.
pub struct Load {
    pub id: u64,
    pub pressed: Vec<u32>,
    /// The load NoTrain last clicked on.
    pub clicked_on: Option<u64>,
}

impl Load {
    pub fn starting() -> Load {
        Load {
            id: 1_000,
            pressed: Vec::new(),
            clicked_on: None,
        }
    }

    /// Another document: nothing pressed on it yet.
    pub fn fresh(&mut self) {
        self.id += 1;
        self.pressed.clear();
    }
}

/// Every number in `value` is one a JS number holds exactly.
fn js_safe(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_u64().is_some_and(|n| n <= MAX_SAFE_INTEGER),
        Value::Array(items) => items.iter().all(js_safe),
        Value::Object(map) => map.values().all(js_safe),
        _ => true,
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<Value, TestCaseError> {
    serde_json::to_value(value).map_err(|e| TestCaseError::fail(format!("does not serialise: {e}")))
}

fn run(sequence: Sequence) -> Result<Tally, TestCaseError> {
    let mut record = sequence.record.clone();
    let mut this_load = Load::starting();
    let mut js_range = js_safe(&json(&record)?) && sequence.start_ms <= JS_DATE_MAX_MS;
    let mut now = sequence.start_ms;
    let mut flow: Option<Flow> = None;
    let mut navigated: Option<String> = None;
    let (mut page, mut kind) = (Snapshot::default(), Kind::NotListed);
    let mut tally = Tally::default();
    for step in &sequence.steps {
        now = match step.clock {
            Clock::Forward(by) => now.saturating_add(by),
            Clock::Backward(by) => now.saturating_sub(by),
            Clock::At(at) => at,
        };
        match &step.page {
            Page::New(snapshot, new_kind) => {
                (page, kind) = (snapshot.clone(), *new_kind);
                this_load.fresh();
            }
            Page::Again { flipped: true } => page = flipped(&page),
            Page::Again { flipped: false } => {}
            Page::Reload { flipped: again } => {
                if let Some(url) = navigated.take() {
                    (page.url, kind) = (url, Kind::Unknown);
                }
                if *again {
                    page = flipped(&page);
                }
                this_load.fresh();
            }
        }
        let facts = kind_of(&page.url).1;
        let prerequisites = facts.map_or(0, |f| f.prerequisites.len());
        let report = Report {
            snapshot: page.clone(),
            elapsed_ms: step.elapsed_ms,
            intent: step.intent,
            flow: match step.flow {
                FlowChoice::Echo => flow,
                FlowChoice::Drop => None,
                FlowChoice::Forged(forged) => Some(forged),
            },
            dismissed: false,
            tab: sequence.tab,
            loaded_at_ms: this_load.id,
            found: match &step.found {
                Found::Right(counts) => counts[..prerequisites.min(counts.len())].to_vec(),
                Found::Any(counts) => counts.clone(),
            },
            pressed: match &step.pressed {
                Pressed::Echo => this_load.pressed.clone(),
                Pressed::Any(pressed) => pressed.clone(),
            },
            ..Default::default()
        };
        let context = Context {
            now_ms: now,
            time_zone: step.time_zone.clone(),
            region_choice: step.region_choice.clone(),
            tell_members: false,
        };
        js_range &= now <= JS_DATE_MAX_MS && js_safe(&json(&report)?);
        let before = record.clone();
        let directive = decide(&report, &mut record, &context);
        tally.calls += 1;
        check_kind(kind, &report.snapshot.url)?;
        let call = Call {
            report: &report,
            before: &before,
            record: &record,
            directive: &directive,
            now,
        };
        check_step(&call, &mut this_load)?;
        let (written, shown) = (json(&record)?, json(&directive)?);
        if js_range {
            prop_assert!(
                js_safe(&written) && js_safe(&shown),
                "not JS-safe: {written} {shown}"
            );
        }
        prop_assert_eq!(load(Some(written)), Loaded::Valid(record.clone()));
        tally.hits[0] += u64::from(directive.click.is_some());
        let verified = |r: &notrain::state::record::Record| {
            let each = r.readings.iter();
            each.filter(|o| {
                o.seen.verdict == Verdict::Protected && o.seen.reason == Reason::Verified
            })
            .count()
        };
        tally.hits[1] += u64::from(verified(&record) > verified(&before));
        tally.hits[2] += u64::from(directive.press.is_some());
        if let Some(pressed) = directive.press {
            this_load.pressed.push(pressed);
        }
        flow = directive.flow;
        navigated = directive.navigate.clone().or(navigated);
    }
    Ok(tally)
}

/// The page kind as constructed is the core's and the oracle's.
fn check_kind(kind: Kind, url: &str) -> Result<(), TestCaseError> {
    let oracle = kind_of(url).0;
    let core = match classify(url) {
        PageKind::PrimarySetting => Kind::Setting,
        PageKind::SignIn => Kind::SignIn,
        PageKind::NeverAct => Kind::NeverAct,
        PageKind::Other => Kind::Other,
        PageKind::NotListed => Kind::NotListed,
    };
    if kind != Kind::Unknown {
        prop_assert_eq!(core, kind, "the core's kind of {:?}", url);
    }
    prop_assert_eq!(oracle, core, "the oracle's kind of {:?}", url);
    Ok(())
}
