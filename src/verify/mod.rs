//! The one verified opt-out of one toggle, from NoTrain's click to the reading on a fresh load,
//! used by the setting page ([`crate::decide::setting_page`]), the guided opt-out that ends there, and
//! each setting of the review ([`crate::decide::review_tab`]).
//!
//! Given where the flow stands (the echoed [`Flow`], or a fresh load that a stored confirmation
//! waits for) and the page's fresh reading, it says what comes next: keep reading, load the page
//! again, or the outcome to remember. The callers turn that into their banners and storage.

pub mod flow;

use crate::model::flow::Flow;
use crate::model::verdict::{Reason, Verdict};
use crate::read::locate::Located;
use crate::read::reading::{read, Reading};
use crate::rules::Timings;
use crate::verify::flow::{advance, hold, Hold, Step, POLL_MS};

/// What comes next in a verified opt-out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Keep reading: re-read within `recheck_ms`, echo `flow`; `phase` is what the banner says
    /// (`verifying` on the page that clicked, `confirming` on the fresh load).
    Wait {
        flow: Option<Flow>,
        recheck_ms: u64,
        phase: Reason,
    },
    /// The fresh load began holding its OFF reading: its confirmation is answered (take it),
    /// and the flow carries on from here.
    Holding(Flow),
    /// The page read OFF long enough after the click: load it again to see what LinkedIn kept.
    Reload,
    /// The outcome to remember. A fresh load reading ON is `exposed` for `not-kept` (shown as
    /// failed: see [`shown`]).
    Done(Verdict, Reason),
}

/// The next step of a flow that began with NoTrain's click (`Clicked`, `Settling`, or the fresh
/// load's `Holding` for `verified`), given what the page shows now.
pub fn after_click(flow: Flow, located: &Located, now_ms: u64, timings: &Timings) -> Next {
    let reading = reading_of(located);
    match flow {
        Flow::Holding { off_since_ms, .. } => match hold(off_since_ms, reading, now_ms, timings) {
            Hold::Waiting(recheck_ms) => Next::Wait {
                flow: Some(flow),
                recheck_ms,
                phase: Reason::Confirming,
            },
            Hold::Held => Next::Done(Verdict::Protected, Reason::Verified),
            Hold::Broken => not_confirmed(reading),
        },
        Flow::Clicked { .. } | Flow::Settling { .. } | Flow::Saving { .. } => {
            match advance(flow, reading, now_ms, timings) {
                Step::Wait(flow, recheck_ms) => Next::Wait {
                    flow: Some(flow),
                    recheck_ms,
                    phase: Reason::Verifying,
                },
                Step::Reload => Next::Reload,
                Step::Failed(reason) => Next::Done(Verdict::Failed, reason),
            }
        }
    }
}

/// The fresh load a stored confirmation waits for, `elapsed_ms` after its content script began
/// watching: only an OFF reading that then holds is `protected`; ON is not kept; anything that
/// cannot be read is what this load shows.
pub fn on_fresh_load(located: &Located, elapsed_ms: u64, now_ms: u64, timings: &Timings) -> Next {
    let settling = elapsed_ms < timings.give_up_ms;
    let control = match located {
        Located::Found(control) => control,
        Located::Ambiguous(_) => return Next::Done(Verdict::Unknown, Reason::Ambiguous),
        Located::Missing if settling => {
            return Next::Wait {
                flow: None,
                recheck_ms: timings.give_up_ms - elapsed_ms,
                phase: Reason::Confirming,
            }
        }
        Located::Missing => return Next::Done(Verdict::Unknown, Reason::NotFound),
    };
    match read(control) {
        Reading::On if control.disabled => Next::Done(Verdict::Exposed, Reason::Disabled),
        Reading::Off if control.disabled => Next::Done(Verdict::Unknown, Reason::Disabled),
        Reading::Off => Next::Holding(Flow::Holding {
            off_since_ms: now_ms,
            outcome: Reason::Verified,
        }),
        Reading::On => Next::Done(Verdict::Exposed, Reason::NotKept),
        Reading::Disagreeing | Reading::Unreadable if settling => Next::Wait {
            flow: None,
            recheck_ms: POLL_MS,
            phase: Reason::Confirming,
        },
        Reading::Disagreeing => Next::Done(Verdict::Unknown, Reason::Disagreeing),
        Reading::Unreadable => Next::Done(Verdict::Unknown, Reason::Unreadable),
    }
}

/// What a fresh load's hold ends on when its OFF reading did not hold.
fn not_confirmed(reading: Option<Reading>) -> Next {
    match reading {
        Some(Reading::On) => Next::Done(Verdict::Exposed, Reason::NotKept),
        Some(Reading::Disagreeing) => Next::Done(Verdict::Unknown, Reason::Disagreeing),
        Some(Reading::Unreadable) => Next::Done(Verdict::Unknown, Reason::Unreadable),
        Some(Reading::Off) | None => Next::Done(Verdict::Failed, Reason::Lost),
    }
}

/// The located toggle's reading (`None`: missing or ambiguous).
pub fn reading_of(located: &Located) -> Option<Reading> {
    match located {
        Located::Found(control) => Some(read(control)),
        Located::Ambiguous(_) | Located::Missing => None,
    }
}

/// How a remembered verdict is shown on the setting page right after it was reached: a change
/// LinkedIn did not keep is stored as `exposed` (that is what LinkedIn has) and shown as failed.
pub fn shown(verdict: Verdict, reason: Reason) -> (Verdict, Reason) {
    match (verdict, reason) {
        (Verdict::Exposed, Reason::NotKept) => (Verdict::Failed, Reason::NotKept),
        other => other,
    }
}
