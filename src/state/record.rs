//! The record NoTrain keeps in `chrome.storage.local` (version 3): the last reading of each setting,
//! keyed by service and setting (what it read, why, when and on which page), for the member it was
//! read for, and the other members' readings kept aside; the settings the user ticked for the
//! review, the review under way or the last one, the guided opt-out's request and way back, the
//! banner's snooze, the fresh load an opt-out waits for, and a count of writes. Storage is input
//! like any other: [`crate::state::stored`] sets aside a record that does not parse, holds an array
//! where an object belongs, or that a newer NoTrain wrote, and NoTrain starts again from "unknown".
//! A record of version 1 or 2 is read into version 3's places ([`crate::state::upgrade`]) and
//! written back as version 3.

use crate::model::verdict::{Reason, Verdict};
use crate::rules::ServiceRules;
use serde::{Deserialize, Serialize};

/// The record format this core writes.
pub const RECORD_VERSION: u32 = 3;
/// The earlier formats, which this core reads and upgrades: version 2 added the member, the other
/// members' readings and the stored confirmation, all optional, so a version 1 record reads as is;
/// version 3 keys every reading by service and setting (`readings`, where version 2 had
/// `aiTraining` for LinkedIn's AI setting and `others` for its other settings) and the ticked
/// settings likewise, and calls the review of settings `review` (it was `sweep`).
/// [`crate::state::upgrade`] moves an earlier record's fields to their version 3 places.
pub const EARLIER_RECORD_VERSIONS: [u32; 2] = [2, 1];

/// A reading older than this gets a quiet "check again" line: LinkedIn has changed settings before.
pub const STALE_MS: u64 = 30 * 24 * 60 * 60 * 1000;

/// What NoTrain remembers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub version: u32,
    /// The last reading of each setting NoTrain read: one per service and setting.
    #[serde(default)]
    pub readings: Vec<Observed>,
    /// An opt-out the user asked for away from the setting page, waiting for that page.
    #[serde(default)]
    pub pending_opt_out: Option<PendingOptOut>,
    /// The page to offer going back to after a guided opt-out.
    #[serde(default)]
    pub return_to: Option<String>,
    /// The banner on pages other than the setting page stays hidden until then (ms since epoch).
    #[serde(default)]
    pub snoozed_until_ms: Option<u64>,
    /// The settings besides each service's primary one that the user ticked for "Review my
    /// settings"; nothing else is ever switched.
    #[serde(default)]
    pub included: Vec<SettingKey>,
    /// The review under way, or the last one (its summary).
    #[serde(default, alias = "sweep")]
    pub review: Option<Review>,
    /// How many times the record was written: the background, its only writer, adds one on
    /// every write (one at a time), so a lost write shows as a revision missing.
    #[serde(default)]
    pub revision: u64,
    /// A fresh load of a setting page that NoTrain waits for, to confirm its opt-out there.
    #[serde(default)]
    pub confirming: Option<Confirmation>,
    /// The one-way digest of the member whose `readings` and `snoozed_until_ms` these are
    /// (`None`: no member told yet).
    #[serde(default)]
    pub member: Option<String>,
    /// Whether the last signed-in LinkedIn page NoTrain saw could not tell its member (`null`
    /// reads as false, as the extension's own reader takes it).
    #[serde(default, deserialize_with = "null_as_false")]
    pub member_untold: bool,
    /// The readings of other members seen in this browser (a few at most; digests only).
    #[serde(default)]
    pub members: Vec<MemberReadings>,
}

fn null_as_false<'de, D: serde::Deserializer<'de>>(value: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(value)?.unwrap_or_default())
}

/// What NoTrain remembers for one LinkedIn member while another one is signed in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberReadings {
    /// The member's one-way digest.
    pub member: String,
    #[serde(default)]
    pub readings: Vec<Observed>,
    #[serde(default)]
    pub snoozed_until_ms: Option<u64>,
}

/// The user's request to opt out (or only to check), made on another page or in the popup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingOptOut {
    pub requested_at_ms: u64,
    /// Where the user was when they asked, if on a page of the service.
    pub return_url: Option<String>,
    /// The service whose primary setting it is for (an earlier record's request, without one,
    /// is the main service's).
    #[serde(default)]
    pub service: Option<String>,
    /// Only read the setting (the popup's "Check"): open what holds it, never switch it.
    #[serde(default)]
    pub read_only: bool,
}

impl Default for Record {
    fn default() -> Self {
        Record {
            version: RECORD_VERSION,
            readings: Vec::new(),
            pending_opt_out: None,
            return_to: None,
            snoozed_until_ms: None,
            included: Vec::new(),
            review: None,
            revision: 0,
            confirming: None,
            member: None,
            member_untold: false,
            members: Vec::new(),
        }
    }
}

/// A verdict with the moment and page it was reached on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub verdict: Verdict,
    pub reason: Reason,
    /// Milliseconds since the Unix epoch.
    pub at_ms: u64,
    pub url: String,
}

/// A setting of a service, by the ids its rules file gives them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingKey {
    pub service: String,
    pub setting: String,
}

impl SettingKey {
    /// Whether this is `setting` of `service`.
    pub fn is(&self, service: &str, setting: &str) -> bool {
        self.service == service && self.setting == setting
    }
}

/// The last reading of one setting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observed {
    pub service: String,
    pub setting: String,
    pub seen: Observation,
}

impl Observed {
    /// Whether this is the reading of `setting` of `service`.
    pub fn is(&self, service: &str, setting: &str) -> bool {
        self.service == service && self.setting == setting
    }
}

impl Record {
    /// The last reading of `setting` of `service`, if any.
    pub fn reading(&self, service: &str, setting: &str) -> Option<&Observation> {
        let found = self.readings.iter().find(|o| o.is(service, setting));
        found.map(|o| &o.seen)
    }

    /// The last reading of the primary setting of `rules`' service, if any.
    pub fn primary_reading(&self, rules: &ServiceRules) -> Option<&Observation> {
        self.reading(&rules.service.id, &rules.service.primary_setting)
    }

    /// Remembers the reading of `setting` of `service`, replacing the one before.
    pub fn remember(&mut self, service: &str, setting: &str, seen: Observation) {
        self.readings.retain(|o| !o.is(service, setting));
        self.readings.push(Observed {
            service: service.to_owned(),
            setting: setting.to_owned(),
            seen,
        });
    }

    /// Whether the user ticked `setting` of `service` for the review.
    pub fn includes(&self, service: &str, setting: &str) -> bool {
        self.included.iter().any(|key| key.is(service, setting))
    }
}

/// A confirmation waiting for the fresh load of a setting's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Confirmation {
    /// The service's and the setting's ids in the rules.
    pub service: String,
    pub setting: String,
    /// The browser tab the page is loaded again in.
    pub tab: Option<u32>,
    /// The load (`performance.timeOrigin`) of the page that clicked: its own later reports are
    /// not the fresh load.
    pub clicked_on_load: u64,
    pub requested_at_ms: u64,
}

/// A review of settings, under way or finished.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub started_at_ms: u64,
    /// The browser tab the review runs in; reports from other tabs never advance it.
    pub tab: u32,
    /// The settings to visit, in order.
    pub items: Vec<ReviewItem>,
    /// The user cancelled; an in-flight verification may still finish.
    #[serde(default)]
    pub cancelled: bool,
    /// When the review ended, if it has.
    #[serde(default)]
    pub ended_at_ms: Option<u64>,
    /// Why it ended early (`cancelled`, `expired`, `left`); `None` when it ran to the end.
    #[serde(default)]
    pub stopped: Option<Reason>,
}

/// One setting in a review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    /// The setting's rule id.
    pub id: String,
    /// How it ended (what it reads now follows from it: [`ReviewItem::now`]); `None` while it
    /// is still to do.
    #[serde(default)]
    pub reason: Option<Reason>,
    /// How often the review sent the tab to its page.
    #[serde(default)]
    pub visits: u32,
    /// When NoTrain clicked its toggle (a verification is in flight until `reason` is set).
    #[serde(default)]
    pub clicked_at_ms: Option<u64>,
}

impl ReviewItem {
    /// What it reads after the review, as far as NoTrain knows (`None`: not reached, so as it
    /// was).
    pub fn now(&self) -> Option<Verdict> {
        match self.reason? {
            Reason::Verified | Reason::AlreadyOff => Some(Verdict::Protected),
            Reason::Disabled => Some(Verdict::Exposed),
            Reason::FlippedBack | Reason::NoChange | Reason::NotKept => Some(Verdict::Failed),
            Reason::Lost
            | Reason::NotFound
            | Reason::Ambiguous
            | Reason::Disagreeing
            | Reason::Unreadable => Some(Verdict::Unknown),
            _ => None,
        }
    }
}

impl Review {
    /// The index of the first item still to do.
    pub fn current(&self) -> Option<usize> {
        self.items.iter().position(|item| item.reason.is_none())
    }
}
