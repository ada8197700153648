//! Strategies for report sequences: a stored record to start from (readings, requests and
//! confirmations of any service), then steps that each report
//! a new page or the same page again (its controls switched or not), move the clock (forwards,
//! backwards, to any moment), echo, drop or forge the flow, and change intent and region.

use crate::inputs::{snapshot, url};
use crate::oracle::{JS_DATE_MAX_MS, MAX_SAFE_INTEGER};
use crate::services::services;
use crate::services::Kind;
use notrain::model::flow::Flow;
use notrain::model::report::Intent;
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{
    Confirmation, Observation, Observed, PendingOptOut, Record, RECORD_VERSION,
};
use proptest::prelude::*;
use proptest::sample::select;

/// 2025-11-29, around when the rules change most.
pub const START_MS: u64 = 1_764_374_400_000;

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
    /// A fresh load of the previous step's page (another document: nothing pressed yet), at the
    /// URL the previous directive navigated to if it did, every control switched or not.
    Reload {
        flipped: bool,
    },
}

/// What the content script counts of the `look` list (`Report::found`).
#[derive(Clone, Debug)]
pub enum Found {
    /// As many counts as the page's service has prerequisites, taken from these in order.
    Right(Vec<u32>),
    /// Any list (wrong length, odd counts).
    Any(Vec<u32>),
}

/// What the content script says it pressed on this page (`Report::pressed`).
#[derive(Clone, Debug)]
pub enum Pressed {
    /// What the directives of this page load asked it to press, as the content script does.
    Echo,
    /// Any list (out of range, repeated, never asked).
    Any(Vec<u32>),
}

#[derive(Clone, Debug)]
pub struct Step {
    pub page: Page,
    pub clock: Clock,
    pub elapsed_ms: u64,
    pub intent: Option<Intent>,
    pub flow: FlowChoice,
    pub found: Found,
    pub pressed: Pressed,
    pub time_zone: Option<String>,
    pub region_choice: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Sequence {
    pub start_ms: u64,
    /// The browser tab every report comes from.
    pub tab: Option<u32>,
    pub record: Record,
    pub steps: Vec<Step>,
}

pub fn moment() -> impl Strategy<Value = u64> {
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
    let intent = prop_oneof![
        6 => Just(None),
        3 => Just(Some(Intent::OptOut)),
        1 => Just(Some(Intent::Dismiss)),
        1 => Just(Some(Intent::Back)),
    ];
    let count = prop_oneof![6 => 0u32..3, 1 => select(vec![3, 7, u32::MAX])];
    let found = prop_oneof![
        8 => prop::collection::vec(count.clone(), 8).prop_map(Found::Right),
        1 => prop::collection::vec(count, 0..8).prop_map(Found::Any),
    ];
    let index = prop_oneof![6 => 0u32..6, 1 => select(vec![7, u32::MAX])];
    let pressed = prop_oneof![
        6 => Just(Pressed::Echo),
        1 => prop::collection::vec(index, 0..5).prop_map(Pressed::Any),
    ];
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
        1 => prop::bool::weighted(0.3).prop_map(|flipped| Page::Reload { flipped }),
    ];
    let counts = (found, pressed);
    (page, clock(), elapsed, intent, flow, counts, (zone, choice)).prop_map(
        |(page, clock, elapsed_ms, intent, flow, (found, pressed), (zone, choice))| Step {
            page,
            clock,
            elapsed_ms,
            intent,
            flow,
            found,
            pressed,
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
    let reading =
        (setting_of_any_service(), seen).prop_map(|((service, setting), seen)| Observed {
            service,
            setting,
            seen,
        });
    let ids = || {
        let known = services().iter().map(|s| Some(s.id.clone()));
        let odd = [None, Some("nosuch".to_owned()), Some("LinkedIn".to_owned())];
        select(known.chain(odd).collect::<Vec<_>>())
    };
    let pending = (
        prop_oneof![START_MS - 200_000..START_MS + 200_000, moment()],
        link.clone(),
        ids(),
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
    let confirming = (
        setting_of_any_service(),
        select(vec![None, Some(7), Some(8)]),
        select(vec![0u64, 1, 2, 3]),
        prop_oneof![START_MS - 70_000..START_MS + 10_000, moment()],
    )
        .prop_map(
            |((service, setting), tab, clicked_on_load, requested_at_ms)| Confirmation {
                service,
                setting,
                tab,
                clicked_on_load,
                requested_at_ms,
            },
        );
    let snoozed = prop::option::of(moment());
    (
        prop::collection::vec(reading, 0..4),
        prop::option::of(pending),
        link,
        snoozed,
        prop::option::weighted(0.2, confirming),
    )
        .prop_map(
            |(mut readings, pending_opt_out, return_to, snoozed_until_ms, confirming)| Record {
                version: RECORD_VERSION,
                readings: {
                    // One reading per service and setting, as the record keeps them.
                    let mut seen = Vec::new();
                    readings.retain(|o| {
                        let key = (o.service.clone(), o.setting.clone());
                        let first = !seen.contains(&key);
                        seen.push(key);
                        first
                    });
                    readings
                },
                pending_opt_out,
                return_to,
                snoozed_until_ms,
                confirming,
                ..Record::default()
            },
        )
}

/// A service's primary setting (or another setting, or an unknown one), as the record names it.
fn setting_of_any_service() -> impl Strategy<Value = (String, String)> {
    let mut pairs: Vec<(String, String)> = services()
        .iter()
        .map(|s| (s.id.clone(), s.setting.clone()))
        .collect();
    pairs.push(("linkedin".to_owned(), "research".to_owned()));
    pairs.push(("chatgpt".to_owned(), "ai-training".to_owned()));
    pairs.push(("nosuch".to_owned(), "ai-training".to_owned()));
    select(pairs)
}

pub fn sequence() -> impl Strategy<Value = Sequence> {
    let start = prop_oneof![6 => Just(START_MS), 3 => moment()];
    let record = prop_oneof![1 => Just(Record::default()), 1 => record()];
    let steps = prop::collection::vec(step(), 1..20);
    let tab = select(vec![None, Some(7)]);
    (start, tab, record, steps).prop_map(|(start_ms, tab, record, steps)| Sequence {
        start_ms,
        tab,
        record,
        steps,
    })
}
