//! Reads the plain JS values the core receives (a content script's report, the record from
//! `chrome.storage`) into its types, field by field.
//!
//! Written out by hand rather than through serde: serde's generic deserialisers cost the `.wasm`
//! about 40 KB, more than the decision engine itself, for the fourteen small types read here: a
//! report (its snapshot, controls, attributes and flow) and a record (its readings, their
//! observations, the ticked settings' keys, the pending opt-out, the confirmation, the review and
//! its items, the other members' readings), plus an earlier version's fields, read into version
//! 3's places through [`crate::state::upgrade`]. The field names are the ones serde writes (camelCase; enum values through [`crate::model::named`]), and the wasm boundary
//! tests read back what the core wrote.
//!
//! A report is read leniently, like the page it comes from: an absent or `null` field is its
//! default. A record is read strictly: a required field that is absent, or any field of the wrong
//! type, makes it unreadable (and the caller sets it aside). Nothing here panics. Nor does a report
//! make the core work harder than its caps allow: a URL is cut to [`MAX_URL`] bytes, and a
//! control's attributes are read up to one more than [`MAX_ATTRIBUTES`] (enough to know it has too
//! many), whatever the page put there.

use crate::decide::ahead::Made;
use crate::model::attributes::{Attributes, MAX_ATTRIBUTES};
use crate::model::flow::Flow;
use crate::model::report::{Intent, Report};
use crate::model::snapshot::{Control, Snapshot, MAX_URL};
use crate::model::verdict::{Reason, Verdict};
use crate::state::record::Confirmation;
use crate::state::record::{
    MemberReadings, Observation, Observed, PendingOptOut, Record, SettingKey, RECORD_VERSION,
};
use crate::state::record::{Review, ReviewItem};
use crate::state::upgrade;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// What went wrong, naming the field.
pub type Read<T> = Result<T, String>;

/// A field reader: the value, and the field's name for the error.
type Reader<T> = fn(JsValue, &str) -> Read<T>;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads a content script's report.
pub fn report(value: JsValue) -> Read<Report> {
    let value = object(value, "report")?;
    Ok(Report {
        snapshot: or_default(&value, "snapshot", snapshot)?,
        elapsed_ms: or_default(&value, "elapsedMs", whole)?,
        intent: optional(&value, "intent", |v, key| named(v, key, Intent::from_name))?,
        flow: optional(&value, "flow", flow)?,
        dismissed: or_default(&value, "dismissed", flag)?,
        tab: optional(&value, "tab", small)?,
        loaded_at_ms: or_default(&value, "loadedAtMs", whole)?,
        member: optional(&value, "member", text)?,
        found: or_default(&value, "found", |v, key| list(v, key, small))?,
        pressed: or_default(&value, "pressed", |v, key| list(v, key, small))?,
    })
}

/// Reads a list of texts (the origins the browser granted); anything else reads as none.
pub fn texts(value: JsValue) -> Vec<String> {
    list(value, "origins", text).unwrap_or_default()
}

/// Reads a stored record (its version already checked by the caller); an earlier version's
/// readings and ticks are read into their version 3 places ([`crate::state::upgrade`]).
pub fn record(value: JsValue) -> Read<Record> {
    let value = object(value, "record")?;
    let version: u32 = required(&value, "version", small)?;
    let earlier = version < RECORD_VERSION;
    Ok(Record {
        version,
        readings: match earlier {
            true => earlier_readings(&value)?,
            false => or_default(&value, "readings", |v, key| list(v, key, observed))?,
        },
        pending_opt_out: optional(&value, "pendingOptOut", pending_opt_out)?,
        return_to: optional(&value, "returnTo", text)?,
        snoozed_until_ms: optional(&value, "snoozedUntilMs", whole)?,
        included: match earlier {
            true => or_default(&value, "included", |v, key| list(v, key, text))?
                .into_iter()
                .map(upgrade::tick)
                .collect(),
            false => or_default(&value, "included", |v, key| list(v, key, setting_key))?,
        },
        // Version 2 and earlier called it `sweep`.
        review: match optional(&value, "review", review)? {
            Some(review) => Some(review),
            None => optional(&value, "sweep", review)?,
        },
        revision: or_default(&value, "revision", whole)?,
        // A confirmation lasts a minute; one from before version 3 names no service: left out.
        confirming: match earlier {
            true => None,
            false => optional(&value, "confirming", confirmation)?,
        },
        member: optional(&value, "member", text)?,
        member_untold: or_default(&value, "memberUntold", flag)?,
        members: match earlier {
            true => or_default(&value, "members", |v, key| list(v, key, earlier_member))?,
            false => or_default(&value, "members", |v, key| list(v, key, member_readings))?,
        },
    })
}

/// Reads what a stored `ahead` was made from (`made`).
pub fn made(value: JsValue) -> Read<Made> {
    let value = object(value, "made")?;
    Ok(Made {
        revision: required(&value, "revision", whole)?,
        time_zone: optional(&value, "timeZone", text)?,
        region_choice: optional(&value, "regionChoice", text)?,
        until_ms: required(&value, "untilMs", whole)?,
    })
}

/// An earlier record's (or member's) `others` and `aiTraining`, as version 3 readings.
fn earlier_readings(value: &JsValue) -> Read<Vec<Observed>> {
    let mut readings = or_default(value, "others", |v, key| list(v, key, earlier_reading))?;
    readings.extend(optional(value, "aiTraining", observation)?.map(upgrade::primary));
    Ok(readings)
}

fn earlier_reading(value: JsValue, key: &str) -> Read<Observed> {
    let value = object(value, key)?;
    let id = required(&value, "id", text)?;
    Ok(upgrade::reading(id, required(&value, "seen", observation)?))
}

fn earlier_member(value: JsValue, key: &str) -> Read<MemberReadings> {
    let value = object(value, key)?;
    Ok(MemberReadings {
        member: required(&value, "member", text)?,
        readings: earlier_readings(&value)?,
        snoozed_until_ms: optional(&value, "snoozedUntilMs", whole)?,
    })
}

fn setting_key(value: JsValue, key: &str) -> Read<SettingKey> {
    let value = object(value, key)?;
    Ok(SettingKey {
        service: required(&value, "service", text)?,
        setting: required(&value, "setting", text)?,
    })
}

fn confirmation(value: JsValue, key: &str) -> Read<Confirmation> {
    let value = object(value, key)?;
    Ok(Confirmation {
        service: required(&value, "service", text)?,
        setting: required(&value, "setting", text)?,
        tab: optional(&value, "tab", small)?,
        clicked_on_load: required(&value, "clickedOnLoad", whole)?,
        requested_at_ms: required(&value, "requestedAtMs", whole)?,
    })
}

fn member_readings(value: JsValue, key: &str) -> Read<MemberReadings> {
    let value = object(value, key)?;
    Ok(MemberReadings {
        member: required(&value, "member", text)?,
        readings: or_default(&value, "readings", |v, key| list(v, key, observed))?,
        snoozed_until_ms: optional(&value, "snoozedUntilMs", whole)?,
    })
}

fn snapshot(value: JsValue, key: &str) -> Read<Snapshot> {
    let value = object(value, key)?;
    Ok(Snapshot {
        url: cut(or_default(&value, "url", text)?, MAX_URL),
        heading: or_default(&value, "heading", text)?,
        controls: or_default(&value, "controls", |v, key| list(v, key, control))?,
    })
}

fn control(value: JsValue, key: &str) -> Read<Control> {
    let value = object(value, key)?;
    Ok(Control {
        index: or_default(&value, "index", small)?,
        attributes: or_default(&value, "attributes", attributes)?,
        checked: optional(&value, "checked", flag)?,
        disabled: or_default(&value, "disabled", flag)?,
        name: or_default(&value, "name", text)?,
        visible: or_default(&value, "visible", flag)?,
    })
}

fn attributes(value: JsValue, key: &str) -> Read<Attributes> {
    let value = object(value, key)?;
    let mut attributes = Attributes::default();
    let names = Object::keys(value.unchecked_ref::<Object>());
    for name in names.iter().take(MAX_ATTRIBUTES + 1) {
        let name = text(name, key)?;
        let text = text(get(&value, &name), &name)?;
        attributes.insert(name, text);
    }
    Ok(attributes)
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn cut(mut text: String, max: usize) -> String {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The opt-out flow, as serde writes it: `{"clicked": {...}}` or `{"settling": {...}}`.
fn flow(value: JsValue, key: &str) -> Read<Flow> {
    let value = object(value, key)?;
    if let Some(step) = optional(&value, "clicked", object)? {
        Ok(Flow::Clicked {
            clicked_at_ms: required(&step, "clickedAtMs", whole)?,
        })
    } else if let Some(step) = optional(&value, "settling", object)? {
        Ok(Flow::Settling {
            clicked_at_ms: required(&step, "clickedAtMs", whole)?,
            off_since_ms: required(&step, "offSinceMs", whole)?,
        })
    } else if let Some(step) = optional(&value, "holding", object)? {
        Ok(Flow::Holding {
            off_since_ms: required(&step, "offSinceMs", whole)?,
            outcome: required(&step, "outcome", reason)?,
        })
    } else if let Some(step) = optional(&value, "saving", object)? {
        Ok(Flow::Saving {
            since_ms: required(&step, "sinceMs", whole)?,
        })
    } else {
        Err(format!("{key} is no known step"))
    }
}

fn observation(value: JsValue, key: &str) -> Read<Observation> {
    let value = object(value, key)?;
    Ok(Observation {
        verdict: required(&value, "verdict", |v, key| {
            named(v, key, Verdict::from_name)
        })?,
        reason: required(&value, "reason", reason)?,
        at_ms: required(&value, "atMs", whole)?,
        url: required(&value, "url", text)?,
    })
}

fn observed(value: JsValue, key: &str) -> Read<Observed> {
    let value = object(value, key)?;
    Ok(Observed {
        service: required(&value, "service", text)?,
        setting: required(&value, "setting", text)?,
        seen: required(&value, "seen", observation)?,
    })
}

fn review(value: JsValue, key: &str) -> Read<Review> {
    let value = object(value, key)?;
    Ok(Review {
        started_at_ms: required(&value, "startedAtMs", whole)?,
        tab: required(&value, "tab", small)?,
        items: required(&value, "items", |v, key| list(v, key, review_item))?,
        cancelled: or_default(&value, "cancelled", flag)?,
        ended_at_ms: optional(&value, "endedAtMs", whole)?,
        stopped: optional(&value, "stopped", reason)?,
    })
}

fn review_item(value: JsValue, key: &str) -> Read<ReviewItem> {
    let value = object(value, key)?;
    Ok(ReviewItem {
        id: required(&value, "id", text)?,
        reason: optional(&value, "reason", reason)?,
        visits: or_default(&value, "visits", small)?,
        clicked_at_ms: optional(&value, "clickedAtMs", whole)?,
    })
}

fn reason(value: JsValue, key: &str) -> Read<Reason> {
    named(value, key, Reason::from_name)
}

fn pending_opt_out(value: JsValue, key: &str) -> Read<PendingOptOut> {
    let value = object(value, key)?;
    Ok(PendingOptOut {
        requested_at_ms: required(&value, "requestedAtMs", whole)?,
        return_url: optional(&value, "returnUrl", text)?,
        service: optional(&value, "service", text)?,
        read_only: or_default(&value, "readOnly", flag)?,
    })
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `None` when the field is absent or `null`; else what `read` makes of it.
fn optional<T>(object: &JsValue, key: &str, read: Reader<T>) -> Read<Option<T>> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        read(value, key).map(Some)
    }
}

fn required<T>(object: &JsValue, key: &str, read: Reader<T>) -> Read<T> {
    optional(object, key, read)?.ok_or_else(|| format!("{key} is missing"))
}

fn or_default<T: Default>(object: &JsValue, key: &str, read: Reader<T>) -> Read<T> {
    Ok(optional(object, key, read)?.unwrap_or_default())
}

fn object(value: JsValue, key: &str) -> Read<JsValue> {
    if value.is_object() && !value.is_function() && !Array::is_array(&value) {
        Ok(value)
    } else {
        Err(format!("{key} is not an object"))
    }
}

fn list<T>(value: JsValue, key: &str, read: Reader<T>) -> Read<Vec<T>> {
    if !Array::is_array(&value) {
        return Err(format!("{key} is not a list"));
    }
    Array::from(&value)
        .iter()
        .map(|item| read(item, key))
        .collect()
}

fn text(value: JsValue, key: &str) -> Read<String> {
    value
        .as_string()
        .ok_or_else(|| format!("{key} is not text"))
}

fn flag(value: JsValue, key: &str) -> Read<bool> {
    value
        .as_bool()
        .ok_or_else(|| format!("{key} is not true or false"))
}

/// A whole number from 0 to `Number.MAX_SAFE_INTEGER`.
fn whole(value: JsValue, key: &str) -> Read<u64> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n) => Ok(n as u64),
        _ => Err(format!("{key} is not a whole number")),
    }
}

fn small(value: JsValue, key: &str) -> Read<u32> {
    u32::try_from(whole(value, key)?).map_err(|_| format!("{key} is too large"))
}

fn named<T>(value: JsValue, key: &str, from_name: fn(&str) -> Option<T>) -> Read<T> {
    let name = text(value, key)?;
    from_name(&name).ok_or_else(|| format!("{key} has an unknown value"))
}
