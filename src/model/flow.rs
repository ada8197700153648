//! Where a verified opt-out stands, as the content script echoes it back with each report: the
//! data of [`crate::verify`]'s steps.

use crate::model::verdict::Reason;
use serde::{Deserialize, Serialize};

/// Where a verified opt-out, or the hold of an OFF reading, stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Externally tagged (`{"clicked": {"clickedAtMs": 1}}`): the content script only echoes it, and
// this form needs no buffering when read, which keeps the `.wasm` smaller than a `step` tag did.
#[serde(rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Flow {
    /// NoTrain clicked the toggle at `clicked_at_ms` and waits for the page to read OFF.
    Clicked { clicked_at_ms: u64 },
    /// The page has read OFF since `off_since_ms` after the click; once that holds, the page is
    /// loaded again.
    Settling {
        clicked_at_ms: u64,
        off_since_ms: u64,
    },
    /// A fresh load of the page has read OFF since `off_since_ms`; once that holds for
    /// the service's settle time, it is `protected` with reason `outcome` (`verified` after NoTrain's click
    /// and reload, `already-off` when the user asked and it was OFF, `read` on a plain visit).
    Holding { off_since_ms: u64, outcome: Reason },
    /// Without NoTrain's click (the user's own, say), `checked` and `aria-checked` have disagreed
    /// since `since_ms`: the page is saving; it must agree within the service's save window.
    Saving { since_ms: u64 },
}
