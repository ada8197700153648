//! On a service's primary setting page: find the toggle, read it, and run the verified opt-out
//! when the user asked for it (here, or earlier elsewhere through a pending guided request). A
//! setting behind a click (in a dialog) is opened by its prerequisite steps ([`reach`]) only when
//! the user asked NoTrain to opt out or to check, or to confirm its own click.
//!
//! An OFF reading is stored as `protected` only once it held for the hold time on a load of the
//! page; after NoTrain's own click that load is a fresh one, made to confirm what the service kept
//! ([`crate::verify`]).

use crate::decide::{elsewhere, reach, Directive};
use crate::model::date::Date;
use crate::model::flow::Flow;
use crate::model::report::{Context, Intent, Report};
use crate::model::snapshot::Control;
use crate::model::verdict::{Reason, Verdict};
use crate::read::locate::{locate, Located};
use crate::read::reading::{read, Reading};
use crate::region::{self, Observed};
use crate::rules::ServiceRules;
use crate::service::page::load_again;
use crate::state::confirm::{self, Seen};
use crate::state::guided::{self, Request};
use crate::state::record::{Observation, Record};
use crate::verify::flow::{hold, Hold, POLL_MS};
use crate::verify::{after_click, on_fresh_load, shown, Next};
use crate::view::assess::evaluate_primary;
use crate::view::banner::{describe, Action, Arg};

/// How long the result of an opt-out stays on the banner while the toggle still agrees with it.
pub const RESULT_SHOWN_MS: u64 = 60_000;

/// Decides on the setting page.
pub fn decide(
    rules: &ServiceRules,
    report: &Report,
    record: &mut Record,
    context: &Context,
) -> Directive {
    let now_ms = context.now_ms;
    let setting = rules.primary();
    let located = if reach::ready(setting, report) {
        locate(&report.snapshot, setting)
    } else {
        Located::Missing
    };
    match confirm::seen(record, report, &rules.service.id, &setting.id, now_ms) {
        // The page that clicked, reporting before the fresh load replaces it: nothing to decide.
        Seen::Before => return working(Reason::Confirming, None, None),
        Seen::Fresh => {
            let next = on_fresh_load(&located, report.elapsed_ms, now_ms, &rules.service.timings);
            let directive = verified_step(rules, next, report, record, now_ms);
            return reach::pressing(directive, rules.primary(), &located, report);
        }
        Seen::None => {}
    }
    match report.flow {
        // NoTrain's click, through the fresh load's hold.
        Some(
            flow @ (Flow::Clicked { .. }
            | Flow::Settling { .. }
            | Flow::Holding {
                outcome: Reason::Verified,
                ..
            }),
        ) => {
            let next = after_click(flow, &located, now_ms, &rules.service.timings);
            verified_step(rules, next, report, record, now_ms)
        }
        Some(Flow::Holding {
            off_since_ms,
            outcome,
        }) => held(
            rules,
            off_since_ms,
            outcome,
            &located,
            report,
            record,
            context,
        ),
        Some(Flow::Saving { since_ms }) => match &located {
            Located::Found(control) if read(control) == Reading::Disagreeing => {
                if now_ms.saturating_sub(since_ms) < rules.service.timings.save_window_ms {
                    return working(Reason::Saving, Some(POLL_MS), report.flow);
                }
                // It never agreed: what it says cannot be read.
                let (verdict, reason) = (Verdict::Unknown, Reason::Disagreeing);
                remember(rules, record, verdict, reason, &report.snapshot.url, now_ms);
                result(rules, record, verdict, reason, now_ms)
            }
            _ => plain(rules, &located, None, report, record, context),
        },
        None => {
            let asked = match guided::pending(record, &rules.service.id, now_ms) {
                _ if report.intent == Some(Intent::OptOut) => Some(Request::OptOut),
                asked => asked,
            };
            plain(rules, &located, asked, report, record, context)
        }
    }
}

/// One step of NoTrain's verified opt-out, as the banner and the record show it.
fn verified_step(
    rules: &ServiceRules,
    next: Next,
    report: &Report,
    record: &mut Record,
    now_ms: u64,
) -> Directive {
    match next {
        Next::Wait {
            flow,
            recheck_ms,
            phase,
        } => working(phase, Some(recheck_ms), flow),
        Next::Holding(flow) => {
            confirm::take(record);
            working(Reason::Confirming, Some(POLL_MS), Some(flow))
        }
        Next::Reload => {
            confirm::request(
                record,
                report,
                &rules.service.id,
                &rules.primary().id,
                now_ms,
            );
            Directive {
                navigate: Some(load_again(rules.primary(), &report.snapshot.url)),
                ..Directive::showing(describe(Verdict::Working, Reason::Confirming))
            }
        }
        Next::Done(verdict, reason) => {
            confirm::take(record);
            remember(rules, record, verdict, reason, &report.snapshot.url, now_ms);
            result(rules, record, verdict, reason, now_ms)
        }
    }
}

/// A plain reading (no opt-out under way): `asked` when the user asked to opt out or to check.
fn plain(
    rules: &ServiceRules,
    located: &Located,
    asked: Option<Request>,
    report: &Report,
    record: &mut Record,
    context: &Context,
) -> Directive {
    let now_ms = context.now_ms;
    let (verdict, reason) = match located {
        Located::Found(control) => return on_toggle(rules, control, asked, record, report, now_ms),
        Located::Ambiguous(_) => (Verdict::Unknown, Reason::Ambiguous),
        // A switch in a dialog nobody asked NoTrain to open: its absence is no reading; the page
        // shows what NoTrain remembers, and a reading once the user opens the dialog.
        Located::Missing if asked.is_none() && rules.primary().behind_a_click() => {
            let mut directive = elsewhere::decide(rules, report, record, context);
            directive.observe = true;
            return directive;
        }
        Located::Missing if report.elapsed_ms < rules.service.timings.give_up_ms => {
            let mut directive = watching(
                Verdict::Working,
                Reason::Looking,
                Some(rules.service.timings.give_up_ms - report.elapsed_ms),
                None,
            );
            directive.banner.visible = asked.is_some();
            return reach::pressing(directive, rules.primary(), located, report);
        }
        Located::Missing => missing(rules, context),
    };
    if asked.is_some() {
        guided::consume(record, &rules.service.id, now_ms);
    }
    remember(rules, record, verdict, reason, &report.snapshot.url, now_ms);
    result(rules, record, verdict, reason, now_ms)
}

/// The page settled without the toggle: `unavailable` where the rules say the setting is not
/// offered in the assumed region today, else `unknown`.
fn missing(rules: &ServiceRules, context: &Context) -> (Verdict, Reason) {
    let observation = region::Observation {
        state: Observed::Missing,
        at: Date::from_unix_ms(context.now_ms),
    };
    let evaluation = evaluate_primary(rules, context, Some(observation));
    match evaluation.verdict {
        Verdict::Unavailable => (Verdict::Unavailable, Reason::NotOffered),
        _ => (Verdict::Unknown, Reason::NotFound),
    }
}

/// The toggle is found and no opt-out is under way.
fn on_toggle(
    rules: &ServiceRules,
    control: &Control,
    asked: Option<Request>,
    record: &mut Record,
    report: &Report,
    now_ms: u64,
) -> Directive {
    let wants_out = asked == Some(Request::OptOut);
    let service = &rules.service.id;
    let (verdict, reason) = match read(control) {
        Reading::Disagreeing => {
            let flow = Flow::Saving { since_ms: now_ms };
            return working(Reason::Saving, Some(POLL_MS), Some(flow));
        }
        Reading::Unreadable => (Verdict::Unknown, Reason::Unreadable),
        Reading::Off => match recent_result(rules, record, Verdict::Protected, now_ms) {
            Some((verdict, reason)) if !wants_out => {
                return result(rules, record, verdict, reason, now_ms)
            }
            _ => {
                // Protected only once the OFF reading held.
                let outcome = if wants_out {
                    Reason::AlreadyOff
                } else {
                    Reason::Read
                };
                let flow = Flow::Holding {
                    off_since_ms: now_ms,
                    outcome,
                };
                let mut directive = working(Reason::Looking, Some(POLL_MS), Some(flow));
                directive.banner.visible = asked.is_some();
                return directive;
            }
        },
        Reading::On if control.disabled => (Verdict::Exposed, Reason::Disabled),
        Reading::On if wants_out => {
            guided::consume(record, service, now_ms);
            let flow = Flow::Clicked {
                clicked_at_ms: now_ms,
            };
            let mut directive = working(Reason::Verifying, Some(POLL_MS), Some(flow));
            directive.click = Some(control.index);
            return directive;
        }
        Reading::On => match recent_result(rules, record, Verdict::Exposed, now_ms) {
            Some((verdict, reason)) => return result(rules, record, verdict, reason, now_ms),
            None => (Verdict::Exposed, Reason::Read),
        },
    };
    if asked.is_some() {
        guided::consume(record, service, now_ms);
    }
    remember(rules, record, verdict, reason, &report.snapshot.url, now_ms);
    result(rules, record, verdict, reason, now_ms)
}

/// A plain OFF reading is holding (`read`, or `already-off` when the user asked to opt out).
fn held(
    rules: &ServiceRules,
    off_since_ms: u64,
    outcome: Reason,
    located: &Located,
    report: &Report,
    record: &mut Record,
    context: &Context,
) -> Directive {
    let now_ms = context.now_ms;
    let reading = crate::verify::reading_of(located);
    let asked = outcome == Reason::AlreadyOff;
    match hold(off_since_ms, reading, now_ms, &rules.service.timings) {
        Hold::Waiting(recheck_ms) => {
            let mut directive = working(Reason::Looking, Some(recheck_ms), report.flow);
            directive.banner.visible = asked;
            directive
        }
        Hold::Held => {
            // An opt-out found it OFF already, or a check read it: either request is done.
            guided::consume(record, &rules.service.id, now_ms);
            remember(
                rules,
                record,
                Verdict::Protected,
                outcome,
                &report.snapshot.url,
                now_ms,
            );
            result(rules, record, Verdict::Protected, outcome, now_ms)
        }
        // Read again from scratch, never clicking from a report that carries a flow: a pending
        // request is acted on at the next report, which carries none.
        Hold::Broken => {
            let mut directive = plain(rules, located, None, report, record, context);
            if guided::pending(record, &rules.service.id, now_ms).is_some() {
                directive.recheck_ms = Some(POLL_MS);
            }
            directive
        }
    }
}

/// A fresh opt-out result to keep on screen (without storing it again) while the toggle agrees
/// with it: a verified OFF stays "verified", a failed opt-out whose toggle reads ON stays "failed".
fn recent_result(
    rules: &ServiceRules,
    record: &Record,
    reading: Verdict,
    now_ms: u64,
) -> Option<(Verdict, Reason)> {
    let recent = record.primary_reading(rules).filter(|seen| {
        now_ms.saturating_sub(seen.at_ms) < RESULT_SHOWN_MS
            && matches!(
                (reading, seen.verdict, seen.reason),
                (
                    Verdict::Protected,
                    Verdict::Protected,
                    Reason::Verified | Reason::AlreadyOff
                ) | (Verdict::Exposed, Verdict::Failed, _)
                    | (Verdict::Exposed, Verdict::Exposed, Reason::NotKept)
            )
    });
    recent.map(|seen| (seen.verdict, seen.reason))
}

/// A settled verdict on the setting page, offering the way back after a guided opt-out. While an
/// opt-out's result is on screen, the page is read once more when that window ends (a `checked`
/// property written meanwhile changes nothing an observer sees).
fn result(
    rules: &ServiceRules,
    record: &Record,
    verdict: Verdict,
    reason: Reason,
    now_ms: u64,
) -> Directive {
    let (verdict, reason) = shown(verdict, reason);
    let is_outcome = matches!(
        (verdict, reason),
        (Verdict::Protected, Reason::Verified | Reason::AlreadyOff) | (Verdict::Failed, _)
    );
    let window_left = record
        .primary_reading(rules)
        .map(|seen| {
            seen.at_ms
                .saturating_add(RESULT_SHOWN_MS)
                .saturating_sub(now_ms)
        })
        .filter(|left| is_outcome && *left > 0);
    let mut directive = watching(verdict, reason, window_left, None);
    if reason == Reason::NotFound {
        // What to look for: the switch's name, in the banner's sentence.
        let name = rules.primary().name_key.as_deref().unwrap_or_default();
        directive.banner.args = vec![Arg::Message(name.to_owned())];
    }
    // Storage is input: only another page of this service is offered as the way back.
    let back = guided::way_back(record, &rules.service.id).filter(|_| is_outcome);
    if let Some(back) = back {
        directive.banner.actions.push(Action::Back);
        directive.banner.link = Some(back.clone());
    }
    directive
}

fn working(phase: Reason, recheck_ms: Option<u64>, flow: Option<Flow>) -> Directive {
    watching(Verdict::Working, phase, recheck_ms, flow)
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

fn remember(
    rules: &ServiceRules,
    record: &mut Record,
    verdict: Verdict,
    reason: Reason,
    url: &str,
    now: u64,
) {
    let service = &rules.service;
    let seen = Observation {
        verdict,
        reason,
        at_ms: now,
        url: url.to_owned(),
    };
    record.remember(&service.id, &service.primary_setting, seen);
}
