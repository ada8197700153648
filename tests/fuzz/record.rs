//! Target `record`: stored values through `state::stored::load`: arbitrary JSON, and valid records
//! mutated (fields removed, wrong types, huge, negative and fractional numbers, unknown or
//! mis-cased enum names, extra fields).
//!
//! Properties: no panic; a stored value is never `Empty`; it is `Valid` exactly when it is a
//! well-formed record by an independent reading of the format (version the integer 1, 2 or 3, each field
//! absent or null where optional, whole non-negative numbers, known names), and then it is written
//! back and loads equal; otherwise it is `SetAside` with a reason, and then the badge says `?`,
//! the popup does not say protected, and neither does the banner on a LinkedIn page.

use crate::sequences::record;
use crate::{campaign, Tally};
use notrain::decide::decide;
use notrain::model::report::{Context, Report};
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::record::Record;
use notrain::state::stored::{check, load, Loaded};
use notrain::view::badge::badge;
use notrain::view::popup::view;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Number, Value};

/// The verdict names the README lists for `data-state`.
const VERDICTS: [&str; 7] = [
    "exposed",
    "protected",
    "unknown",
    "working",
    "failed",
    "unavailable",
    "signed-out",
];

const FIELDS: [&str; 16] = [
    "version",
    "readings",
    "setting",
    "seen",
    "aiTraining",
    "verdict",
    "reason",
    "atMs",
    "url",
    "pendingOptOut",
    "requestedAtMs",
    "returnUrl",
    "returnTo",
    "snoozedUntilMs",
    "ai_training",
    "Version",
];

fn number(n: f64) -> Value {
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

/// Values that are nearly right: wrong types, edge numbers, near-miss names.
fn tricky() -> impl Strategy<Value = Value> {
    let fixed = select(vec![
        Value::Null,
        Value::Bool(true),
        Value::from(0),
        Value::from(1),
        Value::from(2),
        Value::from(-1),
        Value::from(u64::MAX),
        Value::from(i64::MIN),
        Value::from(1u64 << 53),
        Value::from((1u64 << 53) + 1),
        Value::from(1u64 << 32),
        number(1.0),
        number(1.5),
        number(-0.0),
        number(1e300),
        number(f64::MIN_POSITIVE),
        Value::from("1"),
        Value::from(""),
        Value::from("Protected"),
        Value::from("PROTECTED"),
        Value::from("protected "),
        Value::from("safe"),
        Value::from("signed_out"),
        Value::Array(vec![]),
        Value::Object(Map::new()),
    ]);
    let names = VERDICTS
        .iter()
        .copied()
        .chain(Reason::ALL.iter().map(|r| r.name()));
    let name = select(names.collect::<Vec<_>>()).prop_map(Value::from);
    prop_oneof![3 => fixed, 1 => name]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => tricky(),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(number),
        1 => "\\PC{0,16}".prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(FIELDS.to_vec()).prop_map(str::to_owned), 1 => "[a-zA-Z_]{0,10}"]
}

/// Any JSON value, biased towards the record's field names.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..7)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Remove(&'static [&'static str]),
    Set(&'static [&'static str], Value),
    Extra(&'static [&'static str], String, Value),
}

const PATHS: [&[&str]; 17] = [
    &[],
    &["version"],
    &["aiTraining"],
    &["aiTraining", "verdict"],
    &["aiTraining", "reason"],
    &["aiTraining", "atMs"],
    &["aiTraining", "url"],
    &["pendingOptOut"],
    &["pendingOptOut", "requestedAtMs"],
    &["pendingOptOut", "returnUrl"],
    &["returnTo"],
    &["snoozedUntilMs"],
    &["member"],
    &["memberUntold"],
    &["confirming"],
    &["confirming", "clickedOnLoad"],
    &["confirming", "setting"],
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let path = select(PATHS.to_vec());
    let value = prop_oneof![3 => tricky(), 1 => json()];
    prop_oneof![
        path.clone().prop_map(Mutation::Remove),
        (path.clone(), value.clone()).prop_map(|(p, v)| Mutation::Set(p, v)),
        (path, key(), value).prop_map(|(p, k, v)| Mutation::Extra(p, k, v)),
    ]
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let (path, last) = match mutation {
        Mutation::Remove(path) | Mutation::Set(path, _) => match path.split_last() {
            Some((last, parent)) => (parent, *last),
            None => return,
        },
        Mutation::Extra(path, _, _) => (*path, ""),
    };
    let mut at = value;
    for key in path {
        match at.get_mut(*key) {
            Some(next) => at = next,
            None => return,
        }
    }
    let Some(object) = at.as_object_mut() else {
        return;
    };
    match mutation {
        Mutation::Remove(_) => drop(object.remove(last)),
        Mutation::Set(_, v) => drop(object.insert(last.to_owned(), v.clone())),
        Mutation::Extra(_, k, v) => drop(object.insert(k.clone(), v.clone())),
    }
}

#[derive(Clone, Debug)]
enum Stored {
    Any(Value),
    Mutated(Box<Record>, Vec<Mutation>),
}

fn stored() -> impl Strategy<Value = Stored> {
    prop_oneof![
        1 => json().prop_map(Stored::Any),
        2 => (record(), prop::collection::vec(mutation(), 0..4))
            .prop_map(|(r, m)| Stored::Mutated(Box::new(r), m)),
    ]
}

/// Absent or null where the field is optional, else `check`ed.
fn optional(object: &Map<String, Value>, key: &str, check: impl Fn(&Value) -> bool) -> bool {
    object.get(key).is_none_or(|v| v.is_null() || check(v))
}

fn whole(value: &Value) -> bool {
    value.as_u64().is_some()
}

fn named(value: &Value, names: &[&str]) -> bool {
    value.as_str().is_some_and(|name| names.contains(&name))
}

/// A well-formed record, read from the format as the README and `record.rs` describe it.
fn well_formed(value: &Value) -> bool {
    let Some(record) = value.as_object() else {
        return false;
    };
    let reasons: Vec<&str> = Reason::ALL.iter().map(|r| r.name()).collect();
    let seen = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.get("verdict").is_some_and(|v| named(v, &VERDICTS))
                && o.get("reason").is_some_and(|v| named(v, &reasons))
                && o.get("atMs").is_some_and(whole)
                && o.get("url").is_some_and(Value::is_string)
        })
    };
    let pending = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.get("requestedAtMs").is_some_and(whole) && optional(o, "returnUrl", Value::is_string)
        })
    };
    let confirmation = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.get("service").is_some_and(Value::is_string)
                && o.get("setting").is_some_and(Value::is_string)
                && optional(o, "tab", |t| {
                    t.as_u64().is_some_and(|t| t <= u64::from(u32::MAX))
                })
                && o.get("clickedOnLoad").is_some_and(whole)
                && o.get("requestedAtMs").is_some_and(whole)
        })
    };
    let reading = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.get("service").is_some_and(Value::is_string)
                && o.get("setting").is_some_and(Value::is_string)
                && o.get("seen").is_some_and(seen)
        })
    };
    let readings = |v: &Value| v.as_array().is_some_and(|list| list.iter().all(reading));
    // Versions 1 (before members and confirmations) and 2 (one service's readings, unkeyed) are
    // read and upgraded; each version's own fields count, the other's are ignored.
    let version = record.get("version").and_then(Value::as_u64);
    // A version 3 record's own fields; an earlier one's `aiTraining` (its `confirming`, which
    // names no service, is left out).
    let own_ok = match version {
        Some(3) => {
            record.get("readings").is_none_or(readings)
                && optional(record, "confirming", confirmation)
        }
        _ => optional(record, "aiTraining", seen),
    };
    matches!(version, Some(1..=3))
        && own_ok
        && optional(record, "member", Value::is_string)
        && optional(record, "memberUntold", Value::is_boolean)
        && optional(record, "pendingOptOut", pending)
        && optional(record, "returnTo", Value::is_string)
        && optional(record, "snoozedUntilMs", whole)
}

#[test]
fn stored_records() {
    let labels = ["valid", "set aside", ""];
    let version = prop_oneof![
        Just(None),
        select(vec![
            1.0,
            -0.0,
            2.0,
            1.0 + f64::EPSILON,
            f64::NAN,
            f64::INFINITY
        ])
        .prop_map(Some),
        any::<f64>().prop_map(Some),
    ];
    let inputs = (stored(), version, any::<bool>());
    campaign(
        "record",
        256,
        labels,
        inputs,
        |(stored, version, parses)| {
            // `check`, which the wasm boundary calls with the version it read, on its own.
            let checked = check(version, || match parses {
                true => Ok(Record::default()),
                false => Err("unreadable".to_owned()),
            });
            let valid = [Some(1.0), Some(2.0), Some(3.0)].contains(&version) && parses;
            prop_assert_eq!(matches!(checked, Loaded::Valid(_)), valid);
            prop_assert!(valid || matches!(checked, Loaded::SetAside(ref why) if !why.is_empty()));

            let (value, untouched) = match stored {
                Stored::Any(value) => (value, None),
                Stored::Mutated(record, mutations) => {
                    let mut value = serde_json::to_value(&record).expect("a record serialises");
                    mutations.iter().for_each(|m| apply(&mut value, m));
                    (value, mutations.is_empty().then_some(*record))
                }
            };
            let loaded = load(Some(value.clone()));
            let mut tally = Tally {
                calls: 2,
                ..Tally::default()
            };
            prop_assert_eq!(
                matches!(loaded, Loaded::Valid(_)),
                well_formed(&value),
                "{}",
                value
            );
            match &loaded {
                Loaded::Empty => return Err(TestCaseError::fail("a stored value loaded as empty")),
                Loaded::Valid(record) => {
                    tally.hits[0] = 1;
                    if let Some(original) = untouched {
                        prop_assert_eq!(record, &original);
                    }
                    let written = serde_json::to_value(record).expect("a record serialises");
                    prop_assert_eq!(load(Some(written)), Loaded::Valid(record.clone()));
                }
                Loaded::SetAside(reason) => {
                    tally.hits[1] = 1;
                    prop_assert!(!reason.is_empty());
                    let mut record = loaded.clone().into_record().0;
                    prop_assert_eq!(&record, &Record::default());
                    prop_assert_eq!(badge(&record, &[main_service()]).text, "?");
                    let context = Context::at(1_764_374_400_000);
                    prop_assert_ne!(view(&record, &context).state, Verdict::Protected);
                    let mut report = Report::default();
                    report.snapshot.url = "https://www.linkedin.com/feed/".to_owned();
                    let directive = decide(&report, &mut record, &context);
                    prop_assert_ne!(directive.banner.state, Verdict::Protected);
                    tally.calls += 3;
                }
            }
            Ok(tally)
        },
    );
}
