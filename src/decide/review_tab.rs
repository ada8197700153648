//! The review of settings in its own tab: on each setting's page, read the toggle, switch it OFF
//! when the user chose so (ON→OFF only, verified like the AI toggle), then go to the next page;
//! at the end, show the summary. Everything else the tab reports is answered without acting.

use crate::decide::Directive;
use crate::model::flow::Flow;
use crate::model::report::{Context, Intent, Report};
use crate::model::verdict::{Reason, Verdict};
use crate::read::locate::{locate, Located};
use crate::read::reading::{read, Reading};
use crate::rules::Timings;
use crate::service::main_service;
use crate::service::page::{is_page_of, service_path};
use crate::state::confirm::{self, Seen};
use crate::state::record::{Observation, Record, ReviewItem};
use crate::state::review::{self, allowed_path, may_switch, page_url, MAX_VISITS};
use crate::verify::flow::{hold, Hold, POLL_MS};
use crate::verify::{after_click, on_fresh_load, reading_of, Next};
use crate::view::banner::{describe, Action, Arg};
use crate::view::review::{name_key, summary};

/// How long the summary stays on the review's tab (the page may report again, e.g. after an
/// in-app navigation) unless the user presses a button.
pub const SUMMARY_SHOWN_MS: u64 = 60_000;

/// Whether `report` comes from the tab of a review under way, and whether from the tab of one that
/// ended less than [`SUMMARY_SHOWN_MS`] ago (without a button pressed: its summary stays).
pub fn in_its_tab(record: &Record, report: &Report, now_ms: u64) -> (bool, bool) {
    let Some(review) = record.review.as_ref().filter(|s| Some(s.tab) == report.tab) else {
        return (false, false);
    };
    match review.ended_at_ms {
        None => (true, false),
        Some(ended) => {
            let recent = now_ms >= ended && now_ms - ended < SUMMARY_SHOWN_MS;
            (false, recent && report.intent.is_none())
        }
    }
}

/// Decides on a report from the review's own tab (the review has not ended).
pub fn decide(report: &Report, record: &mut Record, context: &Context) -> Directive {
    let now_ms = context.now_ms;
    if report.intent == Some(Intent::Cancel) {
        review::cancel(record, now_ms);
    }
    let Some(review) = record.review.as_ref().filter(|s| s.ended_at_ms.is_none()) else {
        return summary_directive(record);
    };
    let Some(index) = review.current() else {
        return finish(record, now_ms);
    };
    let item = &review.items[index];
    let (clicked_at_ms, cancelled) = (item.clicked_at_ms, review.cancelled);
    let target = main_service()
        .setting(&item.id)
        .filter(|s| may_switch(record, s));
    let (Some(target), Some(url)) = (target, target.and_then(page_url)) else {
        // Unticked meanwhile (or no longer allowed): not visited, left as it was.
        done(record, index, None, Reason::Skipped, now_ms);
        return next(record, now_ms);
    };
    let path = service_path(&report.snapshot.url).map_or("", |(_, path)| path);
    let on_its_page = is_page_of(&main_service().service.id, target, &report.snapshot.url);
    if !on_its_page {
        return elsewhere(record, index, path, url, now_ms);
    }
    let located = locate(&report.snapshot, target);
    // A report whose flow is that of a click, or a load that confirms one, verifies it (even if
    // the record lost its `clickedAtMs`): it never starts one.
    let click_flow = report.flow.filter(|flow| {
        matches!(
            flow,
            Flow::Clicked { .. }
                | Flow::Settling { .. }
                | Flow::Holding {
                    outcome: Reason::Verified,
                    ..
                }
        )
    });
    let seen = confirm::seen(
        record,
        report,
        &main_service().service.id,
        &target.id,
        now_ms,
    );
    let confirming = (seen != Seen::None).then_some(now_ms);
    let clicked_at_ms = clicked_at_ms.or(click_flow.map(|_| now_ms)).or(confirming);
    if let Some(clicked_at_ms) = clicked_at_ms {
        // Verifying NoTrain's one click (also after a cancel: that verification may finish),
        // through the fresh load that confirms it. A report without the flow continues from the
        // click; the toggle is never clicked twice.
        let step = match seen {
            Seen::Before => return running(record, index, None, None),
            Seen::Fresh => on_fresh_load(&located, report.elapsed_ms, now_ms, timings()),
            Seen::None => {
                let flow = click_flow.unwrap_or(Flow::Clicked { clicked_at_ms });
                after_click(flow, &located, now_ms, timings())
            }
        };
        return match step {
            Next::Wait {
                flow, recheck_ms, ..
            } => running(record, index, Some(recheck_ms), flow),
            Next::Holding(flow) => {
                confirm::take(record);
                running(record, index, Some(POLL_MS), Some(flow))
            }
            Next::Reload => {
                confirm::request(
                    record,
                    report,
                    &main_service().service.id,
                    &target.id,
                    now_ms,
                );
                let mut directive = running(record, index, None, None);
                directive.observe = false;
                directive.navigate = Some(url);
                directive
            }
            Next::Done(verdict, why) => {
                confirm::take(record);
                done(record, index, Some(verdict), why, now_ms);
                next(record, now_ms)
            }
        };
    }
    if cancelled {
        return finish(record, now_ms);
    }
    if let Some(Flow::Holding { off_since_ms, .. }) = report.flow {
        // An OFF reading is `already off` only once it held; it is never clicked from here.
        return match hold(off_since_ms, reading_of(&located), now_ms, timings()) {
            Hold::Waiting(recheck_ms) => running(record, index, Some(recheck_ms), report.flow),
            Hold::Held => {
                let now = Some(Verdict::Protected);
                done(record, index, now, Reason::AlreadyOff, now_ms);
                next(record, now_ms)
            }
            Hold::Broken => {
                done(record, index, Some(Verdict::Unknown), Reason::Lost, now_ms);
                next(record, now_ms)
            }
        };
    }
    let control = match located {
        Located::Found(control) => control,
        Located::Ambiguous(_) => {
            done(
                record,
                index,
                Some(Verdict::Unknown),
                Reason::Ambiguous,
                now_ms,
            );
            return next(record, now_ms);
        }
        Located::Missing if report.elapsed_ms < timings().give_up_ms => {
            return running(
                record,
                index,
                Some(timings().give_up_ms - report.elapsed_ms),
                None,
            );
        }
        Located::Missing => {
            done(
                record,
                index,
                Some(Verdict::Unknown),
                Reason::NotFound,
                now_ms,
            );
            return next(record, now_ms);
        }
    };
    let (now, why) = match read(control) {
        Reading::Disagreeing => (Verdict::Unknown, Reason::Disagreeing),
        Reading::Unreadable => (Verdict::Unknown, Reason::Unreadable),
        Reading::Off => {
            let flow = Flow::Holding {
                off_since_ms: now_ms,
                outcome: Reason::AlreadyOff,
            };
            return running(record, index, Some(POLL_MS), Some(flow));
        }
        Reading::On if control.disabled => (Verdict::Exposed, Reason::Disabled),
        Reading::On => {
            if let Some(item) = item_mut(record, index) {
                item.clicked_at_ms = Some(now_ms);
            }
            let flow = Flow::Clicked {
                clicked_at_ms: now_ms,
            };
            let mut directive = running(record, index, Some(POLL_MS), Some(flow));
            directive.click = Some(control.index);
            return directive;
        }
    };
    done(record, index, Some(now), why, now_ms);
    next(record, now_ms)
}

/// The tab is not on the current setting's page: send it there (at most [`MAX_VISITS`] times),
/// unless it left `/mypreferences/`, which stops the review.
fn elsewhere(record: &mut Record, index: usize, path: &str, url: String, now: u64) -> Directive {
    let Some(review) = record.review.as_mut() else {
        return summary_directive(record);
    };
    if review.cancelled {
        return finish(record, now);
    }
    if review.items[index].clicked_at_ms.is_some() {
        // The page went away while NoTrain verified its click.
        done(record, index, Some(Verdict::Unknown), Reason::Lost, now);
        return next(record, now);
    }
    if !allowed_path(path) {
        review::end(review, Reason::Left, now);
        return summary_directive(record);
    }
    let item = &mut review.items[index];
    if item.visits >= MAX_VISITS {
        done(record, index, Some(Verdict::Unknown), Reason::NotFound, now);
        return next(record, now);
    }
    item.visits += 1;
    let mut directive = running(record, index, None, None);
    directive.observe = false;
    directive.navigate = Some(url);
    directive
}

/// After an item: go to the next one, or end on the summary.
fn next(record: &mut Record, now_ms: u64) -> Directive {
    let Some(review) = record.review.as_mut() else {
        return summary_directive(record);
    };
    let Some(index) = review.current().filter(|_| !review.cancelled) else {
        return finish(record, now_ms);
    };
    let target = main_service()
        .setting(&review.items[index].id)
        .filter(|s| may_switch(record, s));
    match target.and_then(page_url) {
        Some(url) => {
            if let Some(review) = record.review.as_mut() {
                review.items[index].visits += 1;
            }
            let mut directive = running(record, index, None, None);
            directive.observe = false;
            directive.navigate = Some(url);
            directive
        }
        None => {
            done(record, index, None, Reason::Skipped, now_ms);
            next(record, now_ms)
        }
    }
}

/// Ends the review (cancelled, when the user asked) and shows the summary.
fn finish(record: &mut Record, now_ms: u64) -> Directive {
    if let Some(review) = record.review.as_mut().filter(|s| s.ended_at_ms.is_none()) {
        let why = if review.cancelled {
            Reason::Cancelled
        } else {
            Reason::Read
        };
        review::end(review, why, now_ms);
    }
    summary_directive(record)
}

/// Marks item `index` done, and remembers what it read (the AI toggle's reading is the one the
/// badge and banner show).
fn done(record: &mut Record, index: usize, now: Option<Verdict>, why: Reason, now_ms: u64) {
    let Some(item) = item_mut(record, index) else {
        return;
    };
    item.reason = Some(why);
    let id = item.id.clone();
    let Some(verdict) = now else { return };
    let url = main_service()
        .setting(&id)
        .and_then(page_url)
        .unwrap_or_default();
    let seen = Observation {
        verdict,
        reason: why,
        at_ms: now_ms,
        url,
    };
    record.remember(&main_service().service.id, &id, seen);
}

fn item_mut(record: &mut Record, index: usize) -> Option<&mut ReviewItem> {
    record.review.as_mut()?.items.get_mut(index)
}

/// The banner while the review works on item `index`: "Reviewing 2 of 3: …", with Cancel.
fn running(record: &Record, index: usize, recheck: Option<u64>, flow: Option<Flow>) -> Directive {
    let total = record.review.as_ref().map_or(0, |s| s.items.len());
    let name = record
        .review
        .as_ref()
        .and_then(|s| s.items.get(index))
        .and_then(|item| main_service().setting(&item.id))
        .map(name_key)
        .unwrap_or_default();
    let mut banner = describe(Verdict::Working, Reason::Verifying);
    banner.message = "bannerReviewRunning";
    banner.args = vec![
        Arg::Text((index + 1).to_string()),
        Arg::Text(total.to_string()),
        Arg::Message(name),
    ];
    banner.actions = vec![Action::Cancel];
    banner.review = Some("running");
    Directive {
        observe: true,
        recheck_ms: recheck,
        flow,
        ..Directive::showing(banner)
    }
}

/// The summary of the last review, or the plain "unknown" banner when there is none.
pub fn summary_directive(record: &Record) -> Directive {
    match record.review.as_ref() {
        Some(review) => Directive::showing(summary(review)),
        None => Directive::showing(describe(Verdict::Unknown, Reason::NeverRead)),
    }
}

/// The main service's timings.
fn timings() -> &'static Timings {
    &main_service().service.timings
}
