//! Strategies for report sequences: a stored record to start from, then steps that each report
//! a new page or the same page again (its controls switched or not), move the clock (forwards,
//! backwards, to any moment), echo, drop or forge the flow, and change intent and region.

use crate::inputs::{snapshot, url, Kind};
use crate::oracle::{JS_DATE_MAX_MS, MAX_SAFE_INTEGER};
use notrain::model::flow::Flow;
use notrain::model::report::Intent;
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{Observation, Observed, PendingOptOut, Record, RECORD_VERSION};
use proptest::prelude::*;
use proptest::sample::select;

/// 2025-11-29, around when the rules change most.
const START_MS: u64 = 1_764_374_400_000;

#[derive(Clone, Debug)]
pub enum Clock {
    Forward(u64),
    Backward(u64),
    At(u64),
}

#[derive(Clone, Debug)]
pub enum FlowChoice {
    /// Echo the previous directive's flow, as the content script does.
    Echo,
    Drop,
    Forged(Flow),
}

/// Which page a step reports.
#[derive(Clone, Debug)]
pub enum Page {
    New(Snapshot, Kind),
    /// The previous step's page again (as after a DOM change), every control switched or not.
    Again {
        flipped: bool,
    },
}

#[derive(Clone, Debug)]
pub struct Step {
    pub page: Page,
    pub clock: Clock,
    pub elapsed_ms: u64,
    pub intent: Option<Intent>,
    pub flow: FlowChoice,
    pub time_zone: Option<String>,
    pub region_choice: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Sequence {
    pub start_ms: u64,
    pub record: Record,
    pub steps: Vec<Step>,
}

fn moment() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => START_MS - 400 * 86_400_000..START_MS + 400 * 86_400_000,
        1 => select(vec![0, 1, JS_DATE_MAX_MS, MAX_SAFE_INTEGER, u64::MAX - 1, u64::MAX]),
        1 => any::<u64>(),
    ]
}

fn clock() -> impl Strategy<Value = Clock> {
    prop_oneof![
        12 => (0u64..6_000).prop_map(Clock::Forward),
        2 => (0u64..40 * 86_400_000).prop_map(Clock::Forward),
        2 => (0u64..200_000).prop_map(Clock::Backward),
        1 => moment().prop_map(Clock::At),
    ]
}

fn flow() -> impl Strategy<Value = Flow> {
    prop_oneof![
        moment().prop_map(|at| Flow::Clicked { clicked_at_ms: at }),
        (moment(), moment()).prop_map(|(c, o)| Flow::Settling {
            clicked_at_ms: c,
            off_since_ms: o
        }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let elapsed = prop_oneof![8 => 0u64..20_000, 1 => any::<u64>()];
    let intent = prop_oneof![6 => Just(None), 3 => Just(Some(Intent::OptOut)), 1 => Just(Some(Intent::Dismiss))];
    let flow = prop_oneof![
        10 => Just(FlowChoice::Echo),
        1 => Just(FlowChoice::Drop),
        1 => flow().prop_map(FlowChoice::Forged),
    ];
    let zone = select(vec![
        None,
        Some("Europe/Berlin"),
        Some("America/New_York"),
        Some("Asia/Shanghai"),
        Some("Etc/UTC"),
        Some("nowhere"),
    ]);
    let choice = select(vec![
        None,
        None,
        Some("DE"),
        Some("us"),
        Some(" gb "),
        Some("CN"),
        Some("ZZ"),
        Some(""),
    ]);
    let page = prop_oneof![
        1 => snapshot().prop_map(|(snapshot, kind)| Page::New(snapshot, kind)),
        3 => prop::bool::weighted(0.3).prop_map(|flipped| Page::Again { flipped }),
    ];
    (page, clock(), elapsed, intent, flow, zone, choice).prop_map(
        |(page, clock, elapsed_ms, intent, flow, zone, choice)| Step {
            page,
            clock,
            elapsed_ms,
            intent,
            flow,
            time_zone: zone.map(str::to_owned),
            region_choice: choice.map(str::to_owned),
        },
    )
}

/// A record as an earlier NoTrain could have stored it (any verdict, any times, any links).
pub fn record() -> impl Strategy<Value = Record> {
    let link = prop_oneof![
        Just(None),
        url().prop_map(|(url, _)| Some(url)),
        Just(Some("javascript:alert(1)".to_owned())),
    ];
    let seen = (select(Verdict::ALL), select(Reason::ALL), moment(), url())
        .prop_map(|(verdict, reason, at_ms, (url, _))| Observation {
            verdict,
            reason,
            at_ms,
            url,
        })
        .boxed();
    let service = prop_oneof![Just(None), Just(Some("linkedin".to_owned()))];
    let pending = (
        prop_oneof![START_MS - 200_000..START_MS + 200_000, moment()],
        link.clone(),
        service,
        any::<bool>(),
    )
        .prop_map(
            |(requested_at_ms, return_url, service, read_only)| PendingOptOut {
                requested_at_ms,
                return_url,
                service,
                read_only,
            },
        )
        .boxed();
    let snoozed = prop::option::of(moment());
    (
        prop::option::of(seen),
        prop::option::of(pending),
        link,
        snoozed,
    )
        .prop_map(
            |(ai, pending_opt_out, return_to, snoozed_until_ms)| Record {
                version: RECORD_VERSION,
                readings: ai.map(ai_reading).into_iter().collect(),
                pending_opt_out,
                return_to,
                snoozed_until_ms,
                ..Record::default()
            },
        )
}

pub fn sequence() -> impl Strategy<Value = Sequence> {
    let start = prop_oneof![6 => Just(START_MS), 3 => moment()];
    let record = prop_oneof![1 => Just(Record::default()), 1 => record()];
    let steps = prop::collection::vec(step(), 1..20);
    (start, record, steps).prop_map(|(start_ms, record, steps)| Sequence {
        start_ms,
        record,
        steps,
    })
}

/// The reading of LinkedIn's AI setting, as the record keeps it.
fn ai_reading(seen: Observation) -> Observed {
    Observed {
        service: "linkedin".into(),
        setting: "ai-training".into(),
        seen,
    }
}
