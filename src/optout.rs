//! The verified opt-out: click once, then watch until the toggle reads OFF and stays OFF.
//!
//! LinkedIn saves through its API after the click and flips the toggle back when the save fails,
//! so one OFF reading is not enough: the toggle must stay OFF for [`SETTLE_MS`]. The state travels
//! with the page's reports (the core keeps none), so a restarted background loses nothing.

use crate::reading::Reading;
use crate::verdict::Reason;
use serde::{Deserialize, Serialize};

/// How long after the click the toggle may take to read OFF at all.
pub const CLICK_TIMEOUT_MS: u64 = 5_000;
/// How long the toggle must stay OFF before NoTrain calls it verified.
pub const SETTLE_MS: u64 = 3_000;
/// How often to re-read while verifying, even without DOM changes.
pub const POLL_MS: u64 = 250;

/// Where a verified opt-out stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Externally tagged (`{"clicked": {"clickedAtMs": 1}}`): the content script only echoes it, and
// this form needs no buffering when read, which keeps the `.wasm` smaller than a `step` tag did.
#[serde(rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Flow {
    /// NoTrain clicked the toggle at `clicked_at_ms` and waits for it to read OFF.
    Clicked { clicked_at_ms: u64 },
    /// The toggle has read OFF since `off_since_ms`; waiting for it to stay OFF.
    Settling {
        clicked_at_ms: u64,
        off_since_ms: u64,
    },
}

/// The next step of a flow given a fresh reading (`None`: the toggle is missing or ambiguous).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Keep watching; re-read within the given time.
    Wait(Flow, u64),
    /// Verified OFF.
    Verified,
    /// The opt-out did not hold.
    Failed(Reason),
}

/// Advances `flow` with the reading taken at `now_ms`.
pub fn advance(flow: Flow, reading: Option<Reading>, now_ms: u64) -> Step {
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
                _ if waited < CLICK_TIMEOUT_MS => Step::Wait(flow, POLL_MS),
                Some(Reading::On) => Step::Failed(Reason::NoChange),
                _ => Step::Failed(Reason::Lost),
            }
        }
        Flow::Settling { off_since_ms, .. } => {
            let off_for = now_ms.saturating_sub(off_since_ms);
            match reading {
                Some(Reading::On) => Step::Failed(Reason::FlippedBack),
                Some(Reading::Off) if off_for >= SETTLE_MS => Step::Verified,
                _ if off_for < SETTLE_MS => Step::Wait(flow, POLL_MS),
                _ => Step::Failed(Reason::Lost),
            }
        }
    }
}
