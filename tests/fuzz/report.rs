//! Target `report`: sequences of content-script reports through `decide::decide`, the record
//! carried from call to call, the clock moving forwards, backwards and to its extremes, flows
//! echoed as the content script does or forged, intents at random, the region changing.
//!
//! After every call: no panic; the directive and record serialise; the record reloads equal;
//! `protected` (banner, record) only after some report of the sequence had exactly one located
//! toggle reading OFF unambiguously, and on the setting page only from this report's own OFF
//! reading; a click only on this report's located, enabled toggle reading ON, with no flow under
//! way, after an opt-out intent or a fresh guided request (and then always, unless the page is
//! being loaded again to confirm an earlier click: then never); `protected` stored
//! on the setting page only after an OFF reading held; `navigate` only to the setting page on
//! `https://www.linkedin.com/`, only for an opt-out intent on another LinkedIn page (and then
//! always), or to the setting page's own URL after NoTrain's click read OFF (to confirm it); nothing done on account-closing pages or off LinkedIn; the page kind
//! as constructed; a request left in the record is fresh; every number written stays one a JS
//! number holds while the clock is a JS clock; a link shown is LinkedIn's if the stored ones were.

use crate::inputs::{flipped, Kind};
use crate::oracle::{
    fresh, reads, setting_paths, the_toggle, JS_DATE_MAX_MS, MAX_SAFE_INTEGER, ORIGIN,
};
use crate::sequences::{sequence, Clock, FlowChoice, Page, Sequence};
use crate::{campaign, Tally};
use notrain::decide::{decide, Directive};
use notrain::model::flow::Flow;
use notrain::model::report::{Context, Intent, Report};
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::service::page::{classify, PageKind};
use notrain::state::confirm::CONFIRM_TTL_MS;
use notrain::state::record::{Observation, Record};
use notrain::state::stored::{load, Loaded};

use notrain::view::badge::badge;
use proptest::prelude::*;
use serde_json::Value;

#[test]
fn report_sequences() {
    let labels = ["clicks", "verified opt-outs", "guided navigations"];
    campaign("report", 64, labels, sequence(), run);
}

fn is_protected(record: &Record) -> bool {
    ai_of(record).is_some_and(|seen| seen.verdict == Verdict::Protected)
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

fn json<T: serde::Serialize>(value: &T) -> Result<Value, TestCaseError> {
    serde_json::to_value(value).map_err(|e| TestCaseError::fail(format!("does not serialise: {e}")))
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
    let mut js_range = js_safe(&json(&record)?) && sequence.start_ms <= JS_DATE_MAX_MS;
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
            dismissed: false,
            tab: None,
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
        let (written, shown) = (json(&record)?, json(&directive)?);
        if js_range {
            prop_assert!(
                js_safe(&written) && js_safe(&shown),
                "not JS-safe: {written} {shown}"
            );
        }
        prop_assert_eq!(load(Some(written)), Loaded::Valid(record.clone()));
        tally.hits[0] += u64::from(directive.click.is_some());
        let verified = ai_of(&record).filter(|s| s.reason == Reason::Verified);
        tally.hits[1] += u64::from(verified.is_some() && ai_of(&before) != ai_of(&record));
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
        Kind::Setting => Some(PageKind::PrimarySetting),
        Kind::SignIn => Some(PageKind::SignIn),
        Kind::NeverAct => Some(PageKind::NeverAct),
        Kind::Other => Some(PageKind::Other),
        Kind::NotLinkedIn => Some(PageKind::NotListed),
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
        prop_assert_eq!(
            badge(record, &[main_service()]).text == "OFF",
            is_protected(record)
        );
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

    // Clicks: never while the page is loaded again to confirm an earlier click.
    let confirming = before.confirming.as_ref().is_some_and(|c| {
        c.tab == report.tab
            && now
                .checked_sub(c.requested_at_ms)
                .is_some_and(|age| age < CONFIRM_TTL_MS)
    });
    if confirming {
        prop_assert_eq!(directive.click, None, "click while a confirmation waits");
    }
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
    let asked = opt_out || pending;
    if kind == Kind::Setting && can_click && report.flow.is_none() && asked && !confirming {
        prop_assert_eq!(
            directive.click,
            toggle.map(|t| t.index),
            "asked to opt out, no click"
        );
    }

    // Protected is stored only once an OFF reading held on the page.
    let newly_protected = is_protected(record) && ai_of(record) != ai_of(before);
    if newly_protected && kind == Kind::Setting {
        let held = match report.flow {
            Some(Flow::Holding { off_since_ms, .. }) => {
                now.saturating_sub(off_since_ms) >= settle_ms()
            }
            _ => false,
        };
        prop_assert!(held, "protected stored without a held OFF reading");
    }

    // Navigation: the page loaded again to confirm NoTrain's click (its own URL).
    let after_click = matches!(
        report.flow,
        Some(Flow::Clicked { .. } | Flow::Settling { .. })
    );
    if let Some(target) = directive
        .navigate
        .as_ref()
        .filter(|_| kind == Kind::Setting && after_click)
    {
        prop_assert_eq!(reading, Some(false), "reloaded without an OFF reading");
        prop_assert_eq!(target.as_str(), url.split('#').next().unwrap_or_default());
    } else if let Some(target) = &directive.navigate {
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
        if !confirming {
            expected.confirming = None; // an expired confirmation is forgotten anywhere
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

/// LinkedIn's `settleMs`, read from its rules file as plain JSON.
fn settle_ms() -> u64 {
    let timings = &crate::oracle::rules_json()["service"]["timings"];
    timings["settleMs"].as_u64().expect("settleMs")
}

/// The record's reading of LinkedIn's AI setting, found by its service and setting ids.
fn ai_of(record: &Record) -> Option<&Observation> {
    let reading = record.readings.iter();
    let mut found = reading.filter(|o| o.service == "linkedin" && o.setting == "ai-training");
    found.next().map(|o| &o.seen)
}
