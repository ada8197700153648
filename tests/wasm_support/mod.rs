//! Shared by the wasm-bindgen boundary tests (`wasm_boundary.rs`, `wasm_stored.rs`): JS values
//! from JSON text and back, property paths, the setting page's report.
#![allow(dead_code)]

use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

pub const NOW: f64 = 1_764_000_000_123.0;

pub fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

pub fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).expect("property readable")
    })
}

pub fn report(on: bool) -> JsValue {
    report_with(on, "null")
}

/// A report from the setting page with the toggle reading `on` and `flow` (JSON) echoed back.
pub fn report_with(on: bool, flow: &str) -> JsValue {
    report_from(on, flow, 1)
}

/// The same from load `load` of the page (`performance.timeOrigin`).
pub fn report_from(on: bool, flow: &str, load: u64) -> JsValue {
    js(&format!(
        r#"{{"snapshot": {{"url": "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
            "heading": "", "controls": [{{"index": 0, "checked": {on}, "disabled": false,
            "name": "", "visible": true, "attributes": {{"aria-labelledby": "allowDataForGenerativeAI",
            "aria-checked": "{on}"}}}}]}}, "elapsedMs": 120, "intent": null, "flow": {flow},
            "loadedAtMs": {load}}}"#
    ))
}

/// JSON text of a value the core wrote (a flow, to echo it back).
pub fn text(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("stringifies")
        .as_string()
        .expect("text")
}

/// Through JSON, as `chrome.storage` and `runtime.sendMessage` pass values.
pub fn stored(value: &JsValue) -> JsValue {
    js(&JSON::stringify(value)
        .expect("stringifies")
        .as_string()
        .expect("text"))
}
