//! The verified opt-out: click once, watch the page until the toggle reads OFF, then load the
//! page again and hold an OFF reading there before calling it `protected`.
//!
//! LinkedIn's settings are an Ember app: the browser flips the input's `checked` at the click, and
//! the toggle component writes its own state back (`aria-checked`, the On/Off word, and `checked`
//! as a property) only when the save answers. So right after the click `checked` and
//! `aria-checked` may disagree for a second or two: that is "saving", not a failure, for up to
//! the service's save window ([`Timings`]). A save can also fail without the page flipping back, so what the page shows
//! after the click is not what LinkedIn stored: only a fresh load of the page shows that. Once the
//! page has read OFF for its page hold, the core asks for that fresh load ([`Step::Reload`]);
//! there the toggle must read OFF for the service's settle time ([`hold`]). The times are the
//! service's, from its rules. The state travels with the page's
//! reports (and, across the reload, in the stored record: [`crate::state::confirm`]), so a restarted
//! background loses nothing.

use crate::model::flow::Flow;
use crate::model::verdict::Reason;
use crate::read::reading::Reading;
use crate::rules::Timings;

/// How often to re-read while verifying, even without DOM changes (a property written by the
/// page's script, such as `checked`, changes no attribute that an observer could see).
pub const POLL_MS: u64 = 250;

/// The next step after the click, given a fresh reading (`None`: the toggle is missing or
/// ambiguous).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Keep watching; re-read within the given time.
    Wait(Flow, u64),
    /// The page has read OFF long enough: load it again to see what LinkedIn kept.
    Reload,
    /// The click did not take.
    Failed(Reason),
}

/// Advances a flow that began with NoTrain's click ([`Flow::Clicked`] or [`Flow::Settling`])
/// with the reading taken at `now_ms`. A [`Flow::Holding`] is advanced by [`hold`].
pub fn advance(flow: Flow, reading: Option<Reading>, now_ms: u64, timings: &Timings) -> Step {
    match flow {
        Flow::Clicked { clicked_at_ms } => {
            let waited = now_ms.saturating_sub(clicked_at_ms);
            match reading {
                Some(Reading::Off) => Step::Wait(
                    Flow::Settling {
                        clicked_at_ms,
                        off_since_ms: now_ms,
                    },
                    POLL_MS,
                ),
                Some(Reading::Disagreeing) if waited < timings.save_window_ms => {
                    Step::Wait(flow, POLL_MS)
                }
                _ if waited < timings.click_timeout_ms => Step::Wait(flow, POLL_MS),
                Some(Reading::On | Reading::Disagreeing) => Step::Failed(Reason::NoChange),
                _ => Step::Failed(Reason::Lost),
            }
        }
        Flow::Settling {
            clicked_at_ms,
            off_since_ms,
        } => {
            let off_for = now_ms.saturating_sub(off_since_ms);
            let saving = now_ms.saturating_sub(clicked_at_ms) < timings.save_window_ms;
            match reading {
                Some(Reading::On) => Step::Failed(Reason::FlippedBack),
                Some(Reading::Off) if off_for >= timings.page_hold_ms => Step::Reload,
                // The component is writing its state back: saving again, not yet OFF.
                Some(Reading::Disagreeing) if saving => {
                    Step::Wait(Flow::Clicked { clicked_at_ms }, POLL_MS)
                }
                _ if off_for < timings.page_hold_ms => Step::Wait(flow, POLL_MS),
                _ => Step::Failed(Reason::Lost),
            }
        }
        // Not flows of a click: the setting page holds and waits for them itself.
        Flow::Holding { .. } | Flow::Saving { .. } => Step::Failed(Reason::Lost),
    }
}

/// Where the hold of an OFF reading stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Still OFF, not long enough yet: re-read within the given time.
    Waiting(u64),
    /// OFF for the service's settle time.
    Held,
    /// The toggle no longer reads OFF (or went missing for longer than the hold).
    Broken,
}

/// Holds an OFF reading that began at `off_since_ms`, given the reading at `now_ms`.
pub fn hold(off_since_ms: u64, reading: Option<Reading>, now_ms: u64, timings: &Timings) -> Hold {
    let off_for = now_ms.saturating_sub(off_since_ms);
    match reading {
        Some(Reading::Off) if off_for >= timings.settle_ms => Hold::Held,
        Some(Reading::Off) | None if off_for < timings.settle_ms => Hold::Waiting(POLL_MS),
        _ => Hold::Broken,
    }
}
