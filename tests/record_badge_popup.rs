//! What is remembered, and what the badge and popup then say: stored values are input, so a
//! corrupt or newer record is set aside and NoTrain says "?" rather than guessing.

use notrain::model::report::Context;
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::record::{Observation, Observed, Record, RECORD_VERSION};
use notrain::state::stored::{load, Loaded};
use notrain::view::badge;
use notrain::view::popup::view;

fn remembering(verdict: Verdict) -> Record {
    Record {
        version: RECORD_VERSION,
        readings: vec![ai_reading(Observation {
            verdict,
            reason: Reason::Read,
            at_ms: 1_764_000_000_000,
            url: "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement".into(),
        })],
        ..Record::default()
    }
}

#[test]
fn badge_texts_follow_the_verdict() {
    assert_eq!(main_badge(&remembering(Verdict::Exposed)).text, "ON");
    assert_eq!(main_badge(&remembering(Verdict::Protected)).text, "OFF");
    assert_eq!(main_badge(&remembering(Verdict::Failed)).text, "?");
    assert_eq!(main_badge(&remembering(Verdict::Unknown)).text, "?");
    assert_eq!(main_badge(&Record::default()).text, "?");
}

#[test]
fn a_stored_record_round_trips() {
    let record = remembering(Verdict::Protected);
    let stored = serde_json::to_value(&record).expect("serializes");
    assert_eq!(load(Some(stored)), Loaded::Valid(record));
    assert_eq!(load(None), Loaded::Empty);
}

/// The stored values that must be set aside; `tests/wasm_boundary.rs` runs the same cases through
/// the reader the extension uses (`src/wasm/from_js.rs`).
const CORRUPT_RECORDS: &str = include_str!("cases/corrupt_records.json");

#[test]
fn corrupt_or_newer_records_are_set_aside_and_read_as_unknown() {
    let cases: Vec<serde_json::Value> = serde_json::from_str(CORRUPT_RECORDS).expect("cases parse");
    for case in cases {
        let value = case["stored"].clone();
        let loaded = load(Some(value.clone()));
        assert!(
            matches!(loaded, Loaded::SetAside(_)),
            "{}: {value} should be set aside",
            case["case"]
        );
        assert_eq!(main_badge(&loaded.clone().into_record().0).text, "?");
        assert_eq!(
            view(&loaded.clone().into_record().0, &Context::at(0)).state,
            Verdict::Unknown
        );
    }
}

#[test]
fn popup_says_where_you_stand_and_when_it_was_read() {
    let seen = view(&remembering(Verdict::Protected), &Context::at(0));
    assert_eq!(seen.state, Verdict::Protected);
    assert_eq!(seen.headline, "popupProtected");
    assert_eq!(seen.read_at_ms, Some(1_764_000_000_000));
    assert_eq!(
        seen.setting_url,
        "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
    );
    assert_eq!(
        view(&Record::default(), &Context::at(0)).headline,
        "popupNeverRead"
    );
}

/// The reading of LinkedIn's AI setting, as the record keeps it.
fn ai_reading(seen: Observation) -> Observed {
    Observed {
        service: "linkedin".into(),
        setting: "ai-training".into(),
        seen,
    }
}

/// The badge when only the main service is turned on.
fn main_badge(record: &Record) -> badge::Badge {
    badge::badge(record, &[main_service()])
}
