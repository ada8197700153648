//! The record NoTrain keeps in `chrome.storage.local` (version 3): the last reading of each setting,
//! keyed by service and setting (what it read, why, when and on which page), for the member it was
//! read for, and the other members' readings kept aside; the settings the user ticked for the
//! review, the review under way or the last one, the guided opt-out's request and way back, the
//! banner's snooze, the fresh load an opt-out waits for, and a count of writes. Storage is input
//! like any other: [`load`] and [`check`] set aside a record that does not parse, holds an array
//! where an object belongs, or that a newer NoTrain wrote, and NoTrain starts again from "unknown".
//! A record of version 1 or 2 is read into version 3's places ([`crate::state::upgrade`]) and
//! written back as version 3.

use crate::model::verdict::{Reason, Verdict};
use crate::rules::ServiceRules;
use crate::state::confirm::Confirmation;
use crate::state::review::Review;
use crate::state::upgrade::{take_earlier, upgrade, Earlier};
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

/// The user's request to opt out, made on another page or in the popup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingOptOut {
    pub requested_at_ms: u64,
    /// Where the user was when they asked, if on LinkedIn.
    pub return_url: Option<String>,
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

/// A stored value after checking it.
// Short-lived (one per read of the record): boxing the record would buy nothing.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// Nothing was stored yet.
    Empty,
    Valid(Record),
    /// The stored value was unusable; it should be kept aside for diagnosis. Carries why.
    SetAside(String),
}

impl Loaded {
    /// The record to work with (the stored one when valid, else a fresh one) and, when the
    /// stored value was unusable, why.
    pub fn into_record(self) -> (Record, Option<String>) {
        match self {
            Loaded::Valid(record) => (record, None),
            Loaded::Empty => (Record::default(), None),
            Loaded::SetAside(why) => (Record::default(), Some(why)),
        }
    }
}

/// Checks a stored value given as JSON (`None` when the key was absent).
pub fn load(stored: Option<serde_json::Value>) -> Loaded {
    let Some(mut value) = stored else {
        return Loaded::Empty;
    };
    let version = value.get("version").and_then(serde_json::Value::as_f64);
    check(version, || {
        let earlier = version.is_some_and(|v| v < f64::from(RECORD_VERSION));
        let (own, members) = match earlier {
            true => take_earlier(&mut value)?,
            false => (Earlier::default(), Vec::new()),
        };
        let mut record: Record = parse_shaped(&value)?;
        upgrade(&mut record, own, members);
        Ok(record)
    })
}

/// Parses `value`, refusing an array where an object belongs: serde also reads a struct from an
/// array of its fields, but a stored record is made of objects, as the wasm boundary reads it.
/// Writing the value back shows where they are.
pub(crate) fn parse_shaped<T: Serialize + serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> Result<T, String> {
    let parsed: T = serde_json::from_value(value.clone()).map_err(|error| error.to_string())?;
    let written = serde_json::to_value(&parsed).map_err(|error| error.to_string())?;
    match misshapen(value, &written, "the record") {
        Some(at) => Err(format!("{at} holds no object where one belongs")),
        None => Ok(parsed),
    }
}

/// Where `stored` holds something other than an object while `written` (the same record as serde
/// writes it) has one: the field's name. Fields `stored` leaves out or sets to `null` are skipped.
fn misshapen<'a>(
    stored: &serde_json::Value,
    written: &'a serde_json::Value,
    at: &'a str,
) -> Option<&'a str> {
    use serde_json::Value;
    match (stored, written) {
        (Value::Object(stored), Value::Object(written)) => {
            written.iter().find_map(|(key, inner)| {
                let kept = stored.get(key).filter(|value| !value.is_null())?;
                misshapen(kept, inner, key)
            })
        }
        (_, Value::Object(_)) => Some(at),
        (Value::Array(stored), Value::Array(written)) => stored
            .iter()
            .zip(written)
            .find_map(|(kept, inner)| misshapen(kept, inner, at)),
        _ => None,
    }
}

/// Checks a stored value, given its `version` field (if it is a number) and a way to parse it.
/// Only a record of [`RECORD_VERSION`] or one of [`EARLIER_RECORD_VERSIONS`] is parsed (the latter
/// come out upgraded); anything else is set aside.
pub fn check(version: Option<f64>, parse: impl FnOnce() -> Result<Record, String>) -> Loaded {
    let known = [
        RECORD_VERSION,
        EARLIER_RECORD_VERSIONS[0],
        EARLIER_RECORD_VERSIONS[1],
    ];
    match version {
        Some(v) if known.iter().any(|known| v == f64::from(*known)) => match parse() {
            Ok(record) => Loaded::Valid(Record {
                version: RECORD_VERSION,
                ..record
            }),
            Err(error) => Loaded::SetAside(format!("unreadable record: {error}")),
        },
        Some(_) => Loaded::SetAside(format!("record version is not {RECORD_VERSION}")),
        None => Loaded::SetAside("record without a version".to_owned()),
    }
}
