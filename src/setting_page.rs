//! On the AI setting page: find the toggle, read it, and run the verified opt-out when the user
//! asked for it (here, or earlier elsewhere through a pending guided request).

use crate::assess::evaluate_ai;
use crate::banner::{describe, Action};
use crate::engine::{Context, Directive, Intent, Report};
use crate::guided;
use crate::locate::{locate, Located};
use crate::optout::{advance, Flow, Step, POLL_MS};
use crate::reading::{read, Reading};
use crate::record::{Observation, Record};
use crate::region::{self, Date, Observed};
use crate::rules::ai_setting;
use crate::snapshot::{Control, Snapshot};
use crate::verdict::{Reason, Verdict};

/// How long the setting page may take to show its toggle before NoTrain gives up looking.
pub const SETTLE_WAIT_MS: u64 = 15_000;
/// How long the result of an opt-out stays on the banner while the toggle still agrees with it.
pub const RESULT_SHOWN_MS: u64 = 60_000;

/// Decides on the setting page.
pub fn decide(report: &Report, record: &mut Record, context: &Context) -> Directive {
    let now_ms = context.now_ms;
    let snapshot = &report.snapshot;
    let located = locate(snapshot, ai_setting());
    if let Some(flow) = report.flow {
        let reading = match &located {
            Located::Found(control, _) => Some(read(control)),
            Located::Ambiguous(_) | Located::Missing => None,
        };
        return verify(flow, reading, record, snapshot, now_ms);
    }
    let guided = guided::is_pending(record, now_ms);
    let wants_out = guided || report.intent == Some(Intent::OptOut);
    let (verdict, reason) = match located {
        Located::Found(control, _) => {
            if wants_out {
                guided::consume(record, now_ms);
            }
            return on_toggle(control, wants_out, record, snapshot, now_ms);
        }
        Located::Ambiguous(_) => (Verdict::Unknown, Reason::Ambiguous),
        Located::Missing if report.elapsed_ms < SETTLE_WAIT_MS => {
            let mut directive = watching(
                Verdict::Working,
                Reason::Looking,
                Some(SETTLE_WAIT_MS - report.elapsed_ms),
                None,
            );
            directive.banner.visible = guided;
            return directive;
        }
        Located::Missing => missing(context),
    };
    if wants_out {
        guided::consume(record, now_ms);
    }
    remember(record, verdict, reason, snapshot, now_ms);
    result(record, verdict, reason)
}

/// The page settled without the toggle: `unavailable` where the rules say the setting is not
/// offered in the assumed region today, else `unknown`.
fn missing(context: &Context) -> (Verdict, Reason) {
    let observation = region::Observation {
        state: Observed::Missing,
        at: Date::from_unix_ms(context.now_ms),
    };
    let evaluation = evaluate_ai(context, Some(observation));
    match evaluation.verdict {
        Verdict::Unavailable => (Verdict::Unavailable, Reason::NotOffered),
        _ => (Verdict::Unknown, Reason::NotFound),
    }
}

/// The toggle is found and no opt-out is under way.
fn on_toggle(
    control: &Control,
    wants_out: bool,
    record: &mut Record,
    snapshot: &Snapshot,
    now_ms: u64,
) -> Directive {
    let (verdict, reason) = match read(control) {
        Reading::Disagreeing => (Verdict::Unknown, Reason::Disagreeing),
        Reading::Unreadable => (Verdict::Unknown, Reason::Unreadable),
        Reading::Off if wants_out => (Verdict::Protected, Reason::AlreadyOff),
        Reading::Off => match recent_result(record, Verdict::Protected, now_ms) {
            Some((verdict, reason)) => return result(record, verdict, reason),
            None => (Verdict::Protected, Reason::Read),
        },
        Reading::On if control.disabled => (Verdict::Exposed, Reason::Disabled),
        Reading::On if wants_out => {
            let flow = Flow::Clicked {
                clicked_at_ms: now_ms,
            };
            let mut directive = watching(
                Verdict::Working,
                Reason::Verifying,
                Some(POLL_MS),
                Some(flow),
            );
            directive.click = Some(control.index);
            return directive;
        }
        Reading::On => match recent_result(record, Verdict::Exposed, now_ms) {
            Some((verdict, reason)) => return result(record, verdict, reason),
            None => (Verdict::Exposed, Reason::Read),
        },
    };
    remember(record, verdict, reason, snapshot, now_ms);
    result(record, verdict, reason)
}

/// A fresh opt-out result to keep on screen (without storing it again) while the toggle agrees
/// with it: a verified OFF stays "verified", a failed opt-out whose toggle reads ON stays "failed".
fn recent_result(record: &Record, reading: Verdict, now_ms: u64) -> Option<(Verdict, Reason)> {
    let recent = record.ai_training.as_ref().filter(|seen| {
        now_ms.saturating_sub(seen.at_ms) < RESULT_SHOWN_MS
            && matches!(
                (reading, seen.verdict, seen.reason),
                (
                    Verdict::Protected,
                    Verdict::Protected,
                    Reason::Verified | Reason::AlreadyOff
                ) | (Verdict::Exposed, Verdict::Failed, _)
            )
    });
    recent.map(|seen| (seen.verdict, seen.reason))
}

/// An opt-out is under way: advance it with the fresh reading.
fn verify(
    flow: Flow,
    reading: Option<Reading>,
    record: &mut Record,
    snapshot: &Snapshot,
    now_ms: u64,
) -> Directive {
    let (verdict, reason) = match advance(flow, reading, now_ms) {
        Step::Wait(flow, recheck_ms) => {
            return watching(
                Verdict::Working,
                Reason::Verifying,
                Some(recheck_ms),
                Some(flow),
            )
        }
        Step::Verified => (Verdict::Protected, Reason::Verified),
        Step::Failed(reason) => (Verdict::Failed, reason),
    };
    remember(record, verdict, reason, snapshot, now_ms);
    result(record, verdict, reason)
}

/// A settled verdict on the setting page, offering the way back after a guided opt-out.
fn result(record: &Record, verdict: Verdict, reason: Reason) -> Directive {
    let mut directive = watching(verdict, reason, None, None);
    let is_outcome = matches!(
        (verdict, reason),
        (Verdict::Protected, Reason::Verified | Reason::AlreadyOff) | (Verdict::Failed, _)
    );
    // Storage is input: only a LinkedIn page (as `guided::request` keeps) is offered as the way back.
    let back = record.return_to.as_ref().filter(|url| {
        is_outcome
            && matches!(
                crate::page::classify(url),
                crate::page::PageKind::OtherLinkedIn
            )
    });
    if let Some(back) = back {
        directive.banner.actions.push(Action::Back);
        directive.banner.link = Some(back.clone());
    }
    directive
}

fn watching(
    verdict: Verdict,
    reason: Reason,
    recheck_ms: Option<u64>,
    flow: Option<Flow>,
) -> Directive {
    Directive {
        observe: true,
        recheck_ms,
        flow,
        ..Directive::showing(describe(verdict, reason))
    }
}

fn remember(record: &mut Record, verdict: Verdict, reason: Reason, snapshot: &Snapshot, now: u64) {
    record.ai_training = Some(Observation {
        verdict,
        reason,
        at_ms: now,
        url: snapshot.url.clone(),
    });
}
