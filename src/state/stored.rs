//! A stored value read natively and checked: its `version` first, then the whole record, typed,
//! refusing an array where an object belongs; a record of an earlier version comes out upgraded
//! ([`crate::state::upgrade`]). The wasm boundary reads the same value field by field
//! (`src/wasm/from_js.rs`) and checks its version with [`check`].

use crate::state::record::{Record, EARLIER_RECORD_VERSIONS, RECORD_VERSION};
use crate::state::upgrade::{upgrade, Earlier};
use serde::Serialize;

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
fn parse_shaped<T: Serialize + serde::de::DeserializeOwned>(
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

/// Takes out of an earlier record what version 3 keeps elsewhere: its own readings and ticks,
/// and each other member's readings (in the order of `members`).
fn take_earlier(value: &mut serde_json::Value) -> Result<(Earlier, Vec<Earlier>), String> {
    // Version 3's own names are not an earlier record's: left out, as the wasm boundary does.
    // A confirmation lasts a minute; one from before version 3 names no service: left out too.
    let own = take(
        value,
        &["aiTraining", "others", "included"],
        &["readings", "confirming"],
    )?;
    let members = value
        .get_mut("members")
        .and_then(serde_json::Value::as_array_mut);
    let members = members.into_iter().flatten();
    let members = members.map(|member| take(member, &["aiTraining", "others"], &["readings"]));
    Ok((own, members.collect::<Result<_, _>>()?))
}

/// Takes `keys` out of `value` as an [`Earlier`] and drops `ignored`.
fn take(value: &mut serde_json::Value, keys: &[&str], ignored: &[&str]) -> Result<Earlier, String> {
    let Some(object) = value.as_object_mut() else {
        return Ok(Earlier::default());
    };
    ignored.iter().for_each(|key| drop(object.remove(*key)));
    let taken = keys
        .iter()
        .filter_map(|key| Some((key.to_string(), object.remove(*key)?)));
    parse_shaped(&serde_json::Value::Object(taken.collect()))
}
