//! What the content script reports about a page (a [`Report`]), what the extension knows besides
//! (a [`Context`]), and what the user asked for with NoTrain's own buttons (an [`Intent`]).

use crate::model::flow::Flow;
use crate::model::snapshot::Snapshot;
use serde::{Deserialize, Serialize};

crate::named_enum! {
    /// What the user asked for with a trusted click on NoTrain's own button.
    pub enum Intent {
        OptOut = "opt-out",
        Dismiss = "dismiss",
        /// Stop the review of settings ("Review my settings") under way.
        Cancel = "cancel",
        /// Go back to the page a guided opt-out came from (once: the way back is then forgotten).
        Back = "back",
    }
}

/// One report from the content script.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Report {
    pub snapshot: Snapshot,
    /// Milliseconds since the content script began watching this page.
    pub elapsed_ms: u64,
    pub intent: Option<Intent>,
    /// The flow from the previous directive, echoed back unchanged.
    pub flow: Option<Flow>,
    /// The user pressed "Dismiss" on this page (the content script keeps it until the path changes).
    pub dismissed: bool,
    /// The browser tab the report came from (set by the background from the sender, never by
    /// the page); the review of settings acts only in its own tab.
    pub tab: Option<u32>,
    /// Which load of the page this is (`performance.timeOrigin`, whole ms; 0 when unknown): a
    /// fresh load is another document than the one that clicked.
    pub loaded_at_ms: u64,
    /// The member signed in, as the [`Sense`] of an earlier directive found it: its one-way
    /// digest (made by the background from what the content script read), empty when the page
    /// showed none; `None` when the content script was not asked yet.
    pub member: Option<String>,
    /// For a directive's `look` list (the prerequisite steps' elements), how many visible
    /// elements match each, in order; empty when the content script was not asked.
    pub found: Vec<u32>,
    /// The `look` entries the content script pressed on this page since it loaded (or its path
    /// changed), in order: a prerequisite is pressed once per page.
    pub pressed: Vec<u32>,
}

/// What the extension knows besides the page: the time, the browser's time zone, and the region
/// the user chose in the options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Milliseconds since the Unix epoch.
    pub now_ms: u64,
    /// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
    pub time_zone: Option<String>,
    /// The user's choice (ISO 3166-1 alpha-2, as stored; checked before use).
    pub region_choice: Option<String>,
    /// Whether to tell members apart: the background hashes what the content script reads of
    /// the member (with this installation's random salt) before the core sees it.
    pub tell_members: bool,
}

impl Context {
    /// A context at `now_ms` with no time zone and no choice.
    pub fn at(now_ms: u64) -> Context {
        Context {
            now_ms,
            ..Context::default()
        }
    }
}
