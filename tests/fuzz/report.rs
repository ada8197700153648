//! Target `report`: sequences of content-script reports through `engine::decide`, the record
//! carried from call to call, the clock moving forwards, backwards and to its extremes, flows
//! echoed as the content script does or forged, intents at random, the region changing.
//!
//! After every call: no panic; the directive and record serialise; the record reloads equal;
//! `protected` (banner, record) only after some report of the sequence had exactly one located
//! toggle reading OFF unambiguously, and on the setting page only from this report's own OFF
//! reading; a click only on this report's located, enabled toggle reading ON, with no flow under
//! way, after an opt-out intent or a fresh guided request (and then always); `navigate` only to
//! the setting page on `https://www.linkedin.com/`, only for an opt-out intent on another LinkedIn
//! page; nothing done on account-closing pages or off LinkedIn; the page kind as constructed.

use crate::inputs::{flipped, snapshot, url, Kind};
use crate::oracle::{
    fresh, reads, setting_paths, the_toggle, JS_DATE_MAX_MS, MAX_SAFE_INTEGER, ORIGIN,
};
use crate::{campaign, Tally};
use notrain::badge::badge;
use notrain::engine::{decide, Context, Directive, Intent, Report};
use notrain::optout::Flow;
use notrain::page::{classify, PageKind};
use notrain::record::{load, Loaded, Observation, PendingOptOut, Record, RECORD_VERSION};
use notrain::snapshot::Snapshot;
use notrain::verdict::{Reason, Verdict};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

/// 2025-11-29, around when the rules change most.
const START_MS: u64 = 1_764_374_400_000;

#[derive(Clone, Debug)]
enum Clock {
    Forward(u64),
    Backward(u64),
    At(u64),
}

#[derive(Clone, Debug)]
enum FlowChoice {
    /// Echo the previous directive's flow, as the content script does.
    Echo,
    Drop,
    Forged(Flow),
}

/// Which page a step reports.
#[derive(Clone, Debug)]
enum Page {
    New(Snapshot, Kind),
    /// The previous step's page again (as after a DOM change), every control switched or not.
    Again {
        flipped: bool,
    },
}

#[derive(Clone, Debug)]
struct Step {
    page: Page,
    clock: Clock,
    elapsed_ms: u64,
    intent: Option<Intent>,
    flow: FlowChoice,
    time_zone: Option<String>,
    region_choice: Option<String>,
}

#[derive(Clone, Debug)]
struct Sequence {
    start_ms: u64,
    record: Record,
    steps: Vec<Step>,
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
    let seen = (select(Verdict::ALL), select(Reason::ALL), moment(), url()).prop_map(
        |(verdict, reason, at_ms, (url, _))| Observation {
            verdict,
            reason,
            at_ms,
            url,
        },
    );
    let pending = (
        prop_oneof![START_MS - 200_000..START_MS + 200_000, moment()],
        link.clone(),
    )
        .prop_map(|(requested_at_ms, return_url)| PendingOptOut {
            requested_at_ms,
            return_url,
        });
    let snoozed = prop::option::of(moment());
    (
        prop::option::of(seen),
        prop::option::of(pending),
        link,
        snoozed,
    )
        .prop_map(
            |(ai_training, pending_opt_out, return_to, snoozed_until_ms)| Record {
                version: RECORD_VERSION,
                ai_training,
                pending_opt_out,
                return_to,
                snoozed_until_ms,
            },
        )
}

fn sequence() -> impl Strategy<Value = Sequence> {
    let start = prop_oneof![6 => Just(START_MS), 3 => moment()];
    let record = prop_oneof![1 => Just(Record::default()), 1 => record()];
    let steps = prop::collection::vec(step(), 1..20);
    (start, record, steps).prop_map(|(start_ms, record, steps)| Sequence {
        start_ms,
        record,
        steps,
    })
}

#[test]
fn report_sequences() {
    let labels = ["clicks", "verified opt-outs", "guided navigations"];
    campaign("report", 256, labels, sequence(), run);
}

fn is_protected(record: &Record) -> bool {
    record
        .ai_training
        .as_ref()
        .is_some_and(|seen| seen.verdict == Verdict::Protected)
}

/// An `https://www.linkedin.com[:port]` URL, ASCII case ignored (what the core may link to).
fn is_linkedin(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.split(':').next().unwrap_or_default();
    !authority.contains('@') && host.eq_ignore_ascii_case("www.linkedin.com")
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

fn run(sequence: Sequence) -> Result<Tally, TestCaseError> {
    let mut record = sequence.record.clone();
    let mut seen_off = is_protected(&record);
    let links = [
        record.return_to.as_deref(),
        record
            .pending_opt_out
            .as_ref()
            .and_then(|p| p.return_url.as_deref()),
    ];
    let links_clean = links.into_iter().flatten().all(is_linkedin);
    let numbers = serde_json::to_value(&record).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut js_range = js_safe(&numbers) && sequence.start_ms <= JS_DATE_MAX_MS;
    let mut now = sequence.start_ms;
    let mut flow: Option<Flow> = None;
    let (mut page, mut kind) = (Snapshot::default(), Kind::NotLinkedIn);
    let mut tally = Tally::default();
    for step in &sequence.steps {
        now = match step.clock {
            Clock::Forward(by) => now.saturating_add(by),
            Clock::Backward(by) => now.saturating_sub(by),
            Clock::At(at) => at,
        };
        match &step.page {
            Page::New(snapshot, new_kind) => (page, kind) = (snapshot.clone(), *new_kind),
            Page::Again { flipped: true } => page = flipped(&page),
            Page::Again { flipped: false } => {}
        }
        let report = Report {
            snapshot: page.clone(),
            elapsed_ms: step.elapsed_ms,
            intent: step.intent,
            flow: match step.flow {
                FlowChoice::Echo => flow,
                FlowChoice::Drop => None,
                FlowChoice::Forged(forged) => Some(forged),
            },
        };
        let context = Context {
            now_ms: now,
            time_zone: step.time_zone.clone(),
            region_choice: step.region_choice.clone(),
        };
        let sent = serde_json::to_value(&report).map_err(|e| TestCaseError::fail(e.to_string()))?;
        js_range &= now <= JS_DATE_MAX_MS && js_safe(&sent);
        let before = record.clone();
        let directive = decide(&report, &mut record, &context);
        tally.calls += 1;
        let toggle = the_toggle(&report.snapshot);
        let reading = toggle.and_then(reads);
        if reading == Some(false) && matches!(kind, Kind::Setting | Kind::Unknown) {
            seen_off = true;
        }
        check_step(kind, &report, &before, &record, &directive, now, seen_off)?;
        if links_clean {
            prop_assert!(record.return_to.as_deref().is_none_or(is_linkedin));
            prop_assert!(
                directive.banner.link.as_deref().is_none_or(is_linkedin),
                "link {:?}",
                directive.banner.link
            );
        }
        let written =
            serde_json::to_value(&record).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let shown =
            serde_json::to_value(&directive).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if js_range {
            prop_assert!(
                js_safe(&written) && js_safe(&shown),
                "not JS-safe: {written} {shown}"
            );
        }
        prop_assert_eq!(load(Some(written)), Loaded::Valid(record.clone()));
        tally.hits[0] += u64::from(directive.click.is_some());
        tally.hits[1] += u64::from(
            directive.banner.state == Verdict::Protected
                && before.ai_training != record.ai_training
                && record
                    .ai_training
                    .as_ref()
                    .is_some_and(|s| s.reason == Reason::Verified),
        );
        tally.hits[2] += u64::from(directive.navigate.is_some());
        flow = directive.flow;
    }
    Ok(tally)
}

fn check_step(
    kind: Kind,
    report: &Report,
    before: &Record,
    record: &Record,
    directive: &Directive,
    now: u64,
    seen_off: bool,
) -> Result<(), TestCaseError> {
    let url = &report.snapshot.url;
    let expected = match kind {
        Kind::Setting => Some(PageKind::AiSetting),
        Kind::SignIn => Some(PageKind::SignIn),
        Kind::NeverAct => Some(PageKind::NeverAct),
        Kind::Other => Some(PageKind::OtherLinkedIn),
        Kind::NotLinkedIn => Some(PageKind::NotLinkedIn),
        Kind::Unknown => None,
    };
    if let Some(expected) = expected {
        prop_assert_eq!(classify(url), expected, "kind of {:?}", url);
    }
    let toggle = the_toggle(&report.snapshot);
    let reading = toggle.and_then(reads);
    let pending = before
        .pending_opt_out
        .as_ref()
        .is_some_and(|p| fresh(p.requested_at_ms, now));
    let opt_out = report.intent == Some(Intent::OptOut);

    // Protected only from an unambiguous OFF reading.
    let protected = directive.banner.state == Verdict::Protected;
    if protected || is_protected(record) {
        prop_assert!(seen_off, "protected without any OFF reading");
        prop_assert_eq!(badge(record).text == "OFF", is_protected(record));
    }
    if protected && kind == Kind::Setting {
        prop_assert_eq!(
            reading,
            Some(false),
            "protected on the setting page without an OFF reading"
        );
    }
    if protected && !matches!(kind, Kind::Setting | Kind::Unknown) {
        prop_assert!(
            is_protected(before),
            "protected away from the setting page without a record"
        );
    }

    // Clicks.
    if let Some(index) = directive.click {
        prop_assert!(
            matches!(kind, Kind::Setting | Kind::Unknown),
            "click on a {:?} page",
            kind
        );
        let Some(toggle) = toggle else {
            return Err(TestCaseError::fail("click without one located toggle"));
        };
        prop_assert_eq!(toggle.index, index);
        prop_assert!(
            !toggle.disabled && reading == Some(true),
            "click on {:?}",
            toggle
        );
        prop_assert!(
            report.flow.is_none() && (opt_out || pending),
            "click not asked for"
        );
    }
    let can_click = toggle.is_some_and(|t| !t.disabled) && reading == Some(true);
    if kind == Kind::Setting && can_click && report.flow.is_none() && (opt_out || pending) {
        prop_assert_eq!(
            directive.click,
            toggle.map(|t| t.index),
            "asked to opt out, no click"
        );
    }

    // Navigation.
    if let Some(target) = &directive.navigate {
        let path = target.strip_prefix(ORIGIN).map(|p| format!("/{p}"));
        prop_assert!(
            path.is_some_and(|p| setting_paths().contains(&p)),
            "navigate to {}",
            target
        );
        prop_assert!(
            opt_out && matches!(kind, Kind::Other | Kind::Unknown),
            "navigate unasked"
        );
    }
    if kind == Kind::Other && opt_out {
        prop_assert!(
            directive.navigate.is_some(),
            "opt-out elsewhere did not go to the setting"
        );
    }

    // Pages NoTrain never acts on.
    if !matches!(kind, Kind::Setting | Kind::Other | Kind::Unknown) {
        prop_assert!(directive.click.is_none() && directive.navigate.is_none());
        prop_assert!(directive.flow.is_none());
    }
    if matches!(kind, Kind::NeverAct | Kind::NotLinkedIn) {
        prop_assert!(
            !directive.observe && !directive.banner.visible && directive.recheck_ms.is_none()
        );
        let mut expected = before.clone();
        if !pending {
            expected.pending_opt_out = None;
        }
        prop_assert_eq!(record, &expected, "record changed on a {:?} page", kind);
    }

    // A request left in the record is always a fresh one.
    let left = record.pending_opt_out.as_ref();
    prop_assert!(
        left.is_none_or(|p| fresh(p.requested_at_ms, now)),
        "stale request kept"
    );
    Ok(())
}
