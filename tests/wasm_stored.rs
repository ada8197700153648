//! The wasm-bindgen boundary in real browsers, for what the core keeps across decisions: a review
//! of settings through storage and its tab, the record's revision, a version 2 record's review, and
//! `ahead` (what ordinary pages draw before the core answers), made again only when it no longer
//! holds.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use notrain::wasm::{ahead, decide, review, review_change};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod wasm_support;
use wasm_support::{get, js, report, stored, NOW};

#[wasm_bindgen_test]
fn a_review_round_trips_through_storage_and_acts_only_in_its_own_tab() {
    let ticked = review_change(JsValue::UNDEFINED, NOW, "include", "research", 0).expect("ticks");
    let started =
        review_change(stored(&get(&ticked, &["record"])), NOW, "start", "", 7).expect("starts");
    assert_eq!(
        get(&started, &["url"]),
        "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
    );
    let record = stored(&get(&started, &["record"]));
    let elsewhere =
        decide(report(true), record.clone(), NOW + 1.0, None, None, false).expect("decides");
    assert!(get(&elsewhere, &["directive", "banner", "review"]).is_null());
    let in_its_tab = report(true);
    Reflect::set(&in_its_tab, &"tab".into(), &7.into()).expect("settable");
    let decision = decide(in_its_tab, record, NOW + 1.0, None, None, false).expect("decides");
    assert_eq!(get(&decision, &["directive", "click"]).as_f64(), Some(0.0));
    assert_eq!(
        get(&decision, &["directive", "banner", "review"]),
        "running"
    );
    let record = stored(&get(&decision, &["record"]));
    let view = review(record.clone(), NOW + 2.0).expect("view");
    assert_eq!(get(&view, &["review", "status"]), "running");
    assert_eq!(get(&view, &["settings", "1", "included"]), JsValue::TRUE);
    let cancelled = review_change(record, NOW + 3.0, "cancel", "", 0).expect("cancels");
    let cancelled = stored(&get(&cancelled, &["record"]));
    assert!(review_change(JsValue::UNDEFINED, NOW, "start-everything", "", 0).is_err());
    // The AI toggle's click is in flight: that one verification may finish; the review goes on.
    assert_eq!(get(&cancelled, &["review", "cancelled"]), JsValue::TRUE);
    assert!(get(&cancelled, &["review", "endedAtMs"]).is_null());
}

#[wasm_bindgen_test]
fn the_revision_is_read_and_kept_and_a_review_ends_when_its_tab_is_gone() {
    let ticked = review_change(
        js(r#"{"version": 1, "revision": 41}"#),
        NOW,
        "include",
        "research",
        0,
    )
    .expect("ticks");
    assert_eq!(
        get(&ticked, &["record", "revision"]),
        41,
        "bumped by the background, kept by the core"
    );
    let started =
        review_change(stored(&get(&ticked, &["record"])), NOW, "start", "", 7).expect("starts");
    let record = stored(&get(&started, &["record"]));
    let other = review_change(record.clone(), NOW + 1.0, "tab-closed", "", 8).expect("closes");
    assert!(get(&other, &["record", "review", "endedAtMs"]).is_null());
    for gone in [("tab-closed", 7), ("restarted", 0)] {
        let ended = review_change(record.clone(), NOW + 2.0, gone.0, "", gone.1).expect("ends");
        assert_eq!(get(&ended, &["record", "review", "stopped"]), "left");
        let view = review(stored(&get(&ended, &["record"])), NOW + 3.0).expect("view");
        assert_eq!(get(&view, &["review", "status"]), "left");
    }
}

/// A record stored before the review of settings had one name (version 2 called it `sweep`)
/// keeps its review under way when read and written back as version 3.
#[wasm_bindgen_test]
fn a_version_2_records_sweep_is_read_as_its_review() {
    let old = js(
        r#"{"version": 2, "sweep": {"startedAtMs": 1764000000000, "tab": 7,
        "items": [{"id": "ai-training", "visits": 1}]}}"#,
    );
    let view = review(old.clone(), NOW).expect("view");
    assert_eq!(get(&view, &["review", "status"]), "running");
    let changed = review_change(old, NOW, "include", "research", 0).expect("ticks");
    assert_eq!(get(&changed, &["record", "version"]), 3);
    assert_eq!(get(&changed, &["record", "review", "tab"]), 7);
    assert!(get(&changed, &["record", "sweep"]).is_undefined());
}

#[wasm_bindgen_test]
fn ahead_is_made_for_a_record_and_again_only_when_it_no_longer_holds() {
    let decision =
        decide(report(true), JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
    let record = stored(&get(&decision, &["record"]));
    let made = ahead(
        record.clone(),
        JsValue::UNDEFINED,
        NOW,
        Some("Europe/Berlin".into()),
        None,
    )
    .expect("makes");
    let pages = js_sys::Array::from(&get(&made, &["pages"]));
    let page = pages
        .iter()
        .find(|page| get(page, &["hosts", "0"]) == "www.linkedin.com");
    let page = page.expect("LinkedIn's ordinary pages");
    let banner = js(&get(&page, &["banner"])
        .as_string()
        .expect("the banner as JSON text"));
    assert_eq!(get(&banner, &["state"]), "exposed");
    assert_eq!(get(&banner, &["message"]), "bannerElsewhereExposed");
    assert!(get(&page, &["except"]).is_array());
    let kept = stored(&get(&made, &["made"]));
    let again = |now: f64, zone: &str| {
        ahead(record.clone(), kept.clone(), now, Some(zone.into()), None).expect("answers")
    };
    assert!(
        again(NOW + 1.0, "Europe/Berlin").is_undefined(),
        "it holds: kept"
    );
    assert!(
        again(NOW + 1.0, "America/New_York").is_object(),
        "another zone: made again"
    );
    let until = get(&kept, &["untilMs"]).as_f64().expect("a number");
    assert!(
        again(until, "Europe/Berlin").is_object(),
        "expired: made again"
    );
    let corrupt = js(r#"{"revision": "one"}"#);
    assert!(ahead(record, corrupt, NOW, None, None)
        .expect("answers")
        .is_object());
}
