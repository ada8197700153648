//! The wasm-bindgen boundary in real browsers: JS objects in, JS objects out, and storage values
//! that are corrupt become a clean "unknown" with the bad value set aside, never an exception.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use notrain::wasm::{
    badge, check_region, countries, decide, origins, popup, request, review_change,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod wasm_support;
use wasm_support::{get, js, report, report_from, report_with, stored, text, NOW};

#[wasm_bindgen_test]
fn an_on_toggle_gives_an_exposed_banner_and_its_record_an_on_badge() {
    let decision =
        decide(report(true), JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
    assert_eq!(get(&decision, &["directive", "banner", "state"]), "exposed");
    assert_eq!(get(&decision, &["directive", "observe"]), JsValue::TRUE);
    let badge_for = badge(get(&decision, &["record"]), JsValue::UNDEFINED).expect("badge");
    assert_eq!(get(&badge_for, &["text"]), "ON");
    assert!(get(&decision, &["setAside"]).is_null());
}

#[wasm_bindgen_test]
fn the_stored_record_round_trips_through_js_with_its_timestamp() {
    // An OFF reading is stored once it held: the page reports again with the echoed flow.
    let first = decide(report(false), JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
    assert_eq!(get(&first, &["record", "readings", "length"]), 0);
    let flow = get(&first, &["directive", "flow"]);
    assert!(get(&flow, &["holding", "offSinceMs"]).is_truthy());
    let again = report_with(false, &text(&flow));
    let decision =
        decide(again, JsValue::UNDEFINED, NOW + 3_000.0, None, None, false).expect("decides");
    let record = get(&decision, &["record"]);
    assert_eq!(
        get(&record, &["readings", "0", "seen", "atMs"]).as_f64(),
        Some(1_764_000_003_123.0)
    );
    let stored = js(&JSON::stringify(&record)
        .expect("stringifies")
        .as_string()
        .expect("text"));
    assert_eq!(
        get(
            &badge(stored.clone(), JsValue::UNDEFINED).expect("badge"),
            &["text"]
        ),
        "OFF"
    );
    assert_eq!(
        get(&popup(stored, NOW, None, None).expect("popup"), &["state"]),
        "protected"
    );
}

#[wasm_bindgen_test]
fn the_region_comes_from_the_time_zone_unless_the_user_chose_one() {
    let berlin = || Some("Europe/Berlin".to_owned());
    let inferred =
        decide(report(true), JsValue::UNDEFINED, NOW, berlin(), None, false).expect("decides");
    assert_eq!(get(&inferred, &["directive", "banner", "region"]), "DE");
    let choice = check_region(" uk ").ok();
    assert_eq!(choice.as_deref(), Some("GB"));
    let chosen = decide(
        report(true),
        JsValue::UNDEFINED,
        NOW,
        berlin(),
        choice.clone(),
        false,
    );
    assert_eq!(
        get(
            &chosen.expect("decides"),
            &["directive", "banner", "region"]
        ),
        "GB"
    );
    let view = popup(JsValue::UNDEFINED, NOW, berlin(), choice).expect("popup");
    assert_eq!(get(&view, &["region", "source"]), "chosen");
    assert_eq!(
        get(&view, &["rule", "1", "key"]),
        "legalBasis_uk_gdpr_legitimate_interest"
    );
    assert!(check_region("not a country").is_err());
    let known = countries();
    assert!(known.iter().any(|c| c == "DE") && known.iter().any(|c| c == "HK"));
    assert_eq!(origins(), ["https://www.linkedin.com/*"]);
}

#[wasm_bindgen_test]
fn corrupt_storage_is_set_aside_and_reads_unknown() {
    for stored in [js(r#""garbage""#), js(r#"{"version": 7}"#), js("[1, 2]")] {
        let decision =
            decide(report(true), stored.clone(), NOW, None, None, false).expect("decides");
        assert!(get(&decision, &["setAside"]).is_string());
        assert_eq!(
            get(
                &badge(stored, JsValue::UNDEFINED).expect("badge"),
                &["text"]
            ),
            "?"
        );
    }
}

#[wasm_bindgen_test]
fn a_malformed_report_is_an_error_not_a_crash() {
    let malformed = js(r#"{"snapshot": {"controls": "not a list"}}"#);
    assert!(decide(malformed, JsValue::NULL, NOW, None, None, false).is_err());
}

#[wasm_bindgen_test]
fn a_stored_request_is_clicked_and_verified_through_the_echoed_flow() {
    let requested = request(JsValue::UNDEFINED, NOW, "linkedin", "opt-out").expect("requests");
    assert!(get(&requested, &["setAside"]).is_null());
    let record = stored(&get(&requested, &["record"]));
    assert_eq!(
        get(&record, &["pendingOptOut", "requestedAtMs"]),
        NOW.floor()
    );

    let clicked = decide(report(true), record, NOW + 1_000.0, None, None, false).expect("decides");
    assert_eq!(get(&clicked, &["directive", "click"]), 0);
    let flow = stored(&get(&clicked, &["directive", "flow"]));
    assert!(get(&flow, &["clicked", "clickedAtMs"]).is_truthy());

    let record = stored(&get(&clicked, &["record"]));
    let settling = decide(
        report_with(false, &text(&flow)),
        record.clone(),
        NOW + 1_500.0,
        None,
        None,
        false,
    )
    .expect("decides");
    assert_eq!(get(&settling, &["directive", "banner", "state"]), "working");
    let flow = stored(&get(&settling, &["directive", "flow"]));
    assert!(get(&flow, &["settling", "offSinceMs"]).is_truthy());

    let reload = decide(
        report_with(false, &text(&flow)),
        record,
        NOW + 5_000.0,
        None,
        None,
        false,
    )
    .expect("decides");
    let page = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
    assert_eq!(get(&reload, &["directive", "navigate"]), page);
    // The fresh load (another `loadedAtMs`) takes the stored confirmation and holds OFF.
    let record = stored(&get(&reload, &["record"]));
    assert!(get(&record, &["confirming", "clickedOnLoad"]).is_truthy());
    let holding = decide(
        report_from(false, "null", 2),
        record,
        NOW + 5_500.0,
        None,
        None,
        false,
    )
    .expect("decides");
    let flow = stored(&get(&holding, &["directive", "flow"]));
    assert_eq!(get(&flow, &["holding", "outcome"]), "verified");
    let record = stored(&get(&holding, &["record"]));
    let done = decide(
        report_from(false, &text(&flow), 2),
        record,
        NOW + 8_500.0,
        None,
        None,
        false,
    )
    .expect("decides");
    assert_eq!(get(&done, &["directive", "banner", "state"]), "protected");
    assert_eq!(
        get(&done, &["record", "readings", "0", "seen", "reason"]),
        "verified"
    );
    assert_eq!(
        get(&done, &["record", "readings", "0", "setting"]),
        "ai-training"
    );
    let badge_for = badge(get(&done, &["record"]), JsValue::UNDEFINED).expect("badge");
    assert_eq!(get(&badge_for, &["text"]), "OFF");
}

#[wasm_bindgen_test]
fn a_record_with_a_field_of_the_wrong_kind_is_set_aside_naming_it() {
    let observation = |fields: &str| {
        js(&format!(
            r#"{{"version": 1, "aiTraining": {{"verdict": "protected", "reason": "read", {fields}}}}}"#
        ))
    };
    for (stored, field) in [
        (observation(r#""atMs": "yesterday", "url": "u""#), "atMs"),
        (observation(r#""atMs": 1.5, "url": "u""#), "atMs"),
        (observation(r#""atMs": 1"#), "url"),
        (
            js(
                r#"{"version": 1, "aiTraining": {"verdict": "safe", "reason": "read", "atMs": 1, "url": "u"}}"#,
            ),
            "verdict",
        ),
        (js(r#"{"version": 1, "returnTo": 42}"#), "returnTo"),
    ] {
        let decision =
            decide(report(false), stored.clone(), NOW, None, None, false).expect("decides");
        let why = get(&decision, &["setAside"])
            .as_string()
            .expect("set aside");
        assert!(why.contains(field), "{why}");
        assert_eq!(
            get(
                &badge(stored, JsValue::UNDEFINED).expect("badge"),
                &["text"]
            ),
            "?"
        );
    }
}

#[wasm_bindgen_test]
fn a_report_reads_absent_and_null_fields_as_empty_but_refuses_wrong_kinds() {
    let sparse = js(r#"{"snapshot": {"url": "https://www.linkedin.com/feed/", "heading": null}}"#);
    let decision = decide(sparse, JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
    let badge_for = badge(get(&decision, &["record"]), JsValue::UNDEFINED).expect("badge");
    assert_eq!(get(&badge_for, &["text"]), "?");
    for wrong in [
        r#"{"intent": "turn-it-on"}"#,
        r#"{"elapsedMs": -5}"#,
        r#"{"flow": {"jumping": {}}}"#,
        r#"{"dismissed": "yes"}"#,
        r#"{"snapshot": {"controls": [{"attributes": {"id": 5}}]}}"#,
    ] {
        assert!(
            decide(js(wrong), JsValue::NULL, NOW, None, None, false).is_err(),
            "{wrong}"
        );
    }
}

#[wasm_bindgen_test]
fn a_dismissal_and_the_back_intent_cross_the_boundary() {
    let dismissed_off = report(false);
    Reflect::set(&dismissed_off, &"dismissed".into(), &JsValue::TRUE).expect("settable");
    let holding = decide(
        dismissed_off.clone(),
        JsValue::UNDEFINED,
        NOW,
        None,
        None,
        false,
    )
    .expect("decides");
    let flow = get(&holding, &["directive", "flow"]);
    Reflect::set(&dismissed_off, &"flow".into(), &flow).expect("settable");
    let decision = decide(
        dismissed_off,
        JsValue::UNDEFINED,
        NOW + 3_000.0,
        None,
        None,
        false,
    )
    .expect("decides");
    assert_eq!(
        get(&decision, &["directive", "banner", "state"]),
        "protected"
    );
    assert_eq!(
        get(&decision, &["directive", "banner", "visible"]),
        JsValue::FALSE
    );
    let dismissed_on = report(true);
    Reflect::set(&dismissed_on, &"dismissed".into(), &JsValue::TRUE).expect("settable");
    Reflect::set(&dismissed_on, &"intent".into(), &"back".into()).expect("settable");
    let decision =
        decide(dismissed_on, JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
    assert_eq!(
        get(&decision, &["directive", "banner", "visible"]),
        JsValue::TRUE
    );
    assert!(get(&decision, &["directive", "navigate"]).is_null());
}

/// The cases of `tests/record_badge_popup.rs`, through the reader the extension uses: every
/// entry point sets the unusable value aside (saying why) instead of overwriting it unseen.
#[wasm_bindgen_test]
fn every_corrupt_record_case_is_set_aside_by_the_extensions_reader() {
    let cases = js(include_str!("cases/corrupt_records.json"));
    let cases = js_sys::Array::from(&cases);
    assert!(cases.length() >= 10);
    for case in cases.iter() {
        let (name, value) = (get(&case, &["case"]), get(&case, &["stored"]));
        let decision =
            decide(report(false), value.clone(), NOW, None, None, false).expect("decides");
        assert!(get(&decision, &["setAside"]).is_string(), "{name:?}");
        assert_eq!(
            get(
                &badge(value.clone(), JsValue::UNDEFINED).expect("badge"),
                &["text"]
            ),
            "?"
        );
        let view = popup(value.clone(), NOW, None, None).expect("popup");
        assert_eq!(get(&view, &["state"]), "unknown", "{name:?}");
        let requested = request(value.clone(), NOW, "linkedin", "opt-out").expect("requests");
        assert!(get(&requested, &["setAside"]).is_string(), "{name:?}");
        let changed = review_change(value, NOW, "include", "research", 0).expect("ticks");
        assert!(get(&changed, &["setAside"]).is_string(), "{name:?}");
        assert_eq!(
            get(&changed, &["record", "included", "0", "setting"]),
            "research"
        );
    }
}

/// A page that piles attributes onto its controls, or a very long URL, is read within the core's
/// caps: the toggle with too many attributes reads unknown (one left out could be its state), and
/// only the first 2048 bytes of the URL are kept (and stored), its path intact.
#[wasm_bindgen_test]
fn a_report_over_the_caps_is_read_within_them() {
    let page = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
    let long_url = format!("{page}?{}", "q".repeat(100_000));
    let piled: Vec<String> = (0..1_000).map(|n| format!(r#""data-x{n}": """#)).collect();
    let control = |extra: &str| {
        format!(
            r#"{{"index": 0, "checked": true, "visible": true, "name": "",
            "attributes": {{"aria-labelledby": "allowDataForGenerativeAI"{extra}}}}}"#
        )
    };
    for (extra, state) in [
        (String::new(), "exposed"),
        (format!(", {}", piled.join(", ")), "unknown"),
    ] {
        let report = js(&format!(
            r#"{{"snapshot": {{"url": "{long_url}", "controls": [{}]}}, "elapsedMs": 100}}"#,
            control(&extra)
        ));
        let decision = decide(report, JsValue::UNDEFINED, NOW, None, None, false).expect("decides");
        assert_eq!(get(&decision, &["directive", "banner", "state"]), state);
        let stored = get(&decision, &["record", "readings", "0", "seen", "url"]).as_string();
        assert_eq!(stored.map(|url| url.len()), Some(2048));
    }
}

#[wasm_bindgen_test]
fn a_page_tells_its_member_and_the_record_keeps_only_the_digest() {
    let first = decide(report(true), JsValue::UNDEFINED, NOW, None, None, true).expect("decides");
    let sense = get(&first, &["directive", "sense"]);
    assert_eq!(get(&sense, &["pathPrefix"]), "/in/");
    assert!(
        get(&first, &["record", "readings", "length"]) == 0,
        "nothing decided before"
    );
    let digest = "0123456789abcdef0123456789abcdef";
    let told = js(&text(&report(true)).replacen('{', &format!(r#"{{"member": "{digest}", "#), 1));
    let decision = decide(told, JsValue::UNDEFINED, NOW, None, None, true).expect("decides");
    assert_eq!(get(&decision, &["record", "member"]), digest);
    assert_eq!(get(&decision, &["directive", "banner", "state"]), "exposed");
}
