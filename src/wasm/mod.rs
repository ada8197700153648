//! The wasm-bindgen boundary: converts JS values to the core's types and back, nothing more.
//!
//! Every input comes from a page or from storage, so conversion failures are returned as errors
//! (a rejected promise on the JS side), never unwrapped.

mod from_js;

/// The test build's deliberate panic (cargo feature `panic-probe`; never in `dist/`).
#[cfg(feature = "panic-probe")]
mod probe {
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Set just before the deliberate panic: stands for whatever state a real panic leaves half
    /// changed. Only a restarted core (fresh memory) starts without it.
    static LEFT_BEHIND: AtomicBool = AtomicBool::new(false);

    /// Panics on a page whose URL contains `notrain-panic-probe`, and on every call after such a
    /// panic until the core is restarted.
    pub fn panic_if_asked(url: &str) {
        if LEFT_BEHIND.load(Ordering::Relaxed) {
            panic!(
                "panic probe: state left behind by an earlier panic (the core was not restarted)"
            );
        }
        if url.contains("notrain-panic-probe") {
            LEFT_BEHIND.store(true, Ordering::Relaxed);
            panic!("panic probe: the test build of NoTrain panics on this page on purpose");
        }
    }
}

use crate::decide;
use crate::model::report::Context;
use crate::state::record::Record;
use crate::state::stored::{self, Loaded};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs a panic hook that logs the panic once to the console. A panic aborts: the call traps,
/// the background answers with an error (the page shows "unknown" and says why) and restarts the
/// core with fresh memory (`__wbg_reset_state`) before its next call; this runs again then.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| gloo::console::error!(info.to_string())));
}

/// The result of [`decide`]: what the page should do, and what to store.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Decision {
    directive: decide::Directive,
    record: Record,
    /// Why the stored value was unusable (the caller keeps it under another key), if it was.
    set_aside: Option<String>,
}

/// Decides what to do about a content-script report, given the stored record, the time, the
/// browser's time zone and the user's region choice.
#[wasm_bindgen]
pub fn decide(
    report: JsValue,
    stored: JsValue,
    now_ms: f64,
    time_zone: Option<String>,
    region_choice: Option<String>,
    tell_members: bool,
) -> Result<JsValue, JsError> {
    let report = from_js::report(report).map_err(|why| JsError::new(&why))?;
    #[cfg(feature = "panic-probe")]
    probe::panic_if_asked(&report.snapshot.url);
    let (mut record, set_aside) = load(&stored).into_record();
    let context = Context {
        tell_members,
        ..context(now_ms, time_zone, region_choice)
    };
    let directive = decide::decide(&report, &mut record, &context);
    to_js(&Decision {
        directive,
        record,
        set_aside,
    })
}

/// What ordinary pages show before the core answers them (stored beside the record as `ahead`),
/// made for `stored`, the record about to be kept, unless `made` (the stored one's) still holds
/// for it: then `undefined`, and the stored one stays.
#[wasm_bindgen]
pub fn ahead(
    stored: JsValue,
    made: JsValue,
    now_ms: f64,
    time_zone: Option<String>,
    region_choice: Option<String>,
) -> Result<JsValue, JsError> {
    use crate::decide::ahead;
    let record = load(&stored).into_record().0;
    let context = Context {
        tell_members: true,
        ..context(now_ms, time_zone, region_choice)
    };
    let made = from_js::made(made).ok();
    if made.is_some_and(|made| ahead::holds(&made, &record, &context)) {
        return Ok(JsValue::UNDEFINED);
    }
    to_js(&ahead::ahead(record, &context))
}

/// The badge for a stored record, about the services turned on given the origins the browser
/// granted.
#[wasm_bindgen]
pub fn badge(stored: JsValue, granted: JsValue) -> Result<JsValue, JsError> {
    let on = crate::view::services::turned_on(&from_js::texts(granted));
    to_js(&crate::view::badge::badge(
        &load(&stored).into_record().0,
        &on,
    ))
}

/// The popup's row of each service turned on, given the origins the browser granted.
#[wasm_bindgen]
pub fn services(stored: JsValue, now_ms: f64, granted: JsValue) -> Result<JsValue, JsError> {
    let on = crate::view::services::turned_on(&from_js::texts(granted));
    let record = load(&stored).into_record().0;
    to_js(&crate::view::services::rows(&record, &on, whole_ms(now_ms)))
}

/// Every service NoTrain knows, each with whether it is turned on given the origins the browser
/// granted (the options page's list; the background registers the content script for each
/// optional one turned on).
#[wasm_bindgen]
pub fn known_services(granted: JsValue) -> Result<JsValue, JsError> {
    to_js(&crate::view::services::known(&from_js::texts(granted)))
}

#[wasm_bindgen]
pub fn popup(
    stored: JsValue,
    now_ms: f64,
    time_zone: Option<String>,
    region_choice: Option<String>,
) -> Result<JsValue, JsError> {
    let context = context(now_ms, time_zone, region_choice);
    to_js(&crate::view::popup::view(
        &load(&stored).into_record().0,
        &context,
    ))
}

/// The origins the popup asks access to (`chrome.permissions`), from the rules.
#[wasm_bindgen]
pub fn origins() -> Vec<String> {
    crate::view::popup::origins()
}

/// A changed record, and why the stored value was unusable (the caller keeps it under another
/// key instead of losing it), if it was.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Changed {
    record: Record,
    /// The first page to open in the review's tab after `"start"`.
    url: Option<String>,
    set_aside: Option<String>,
}

/// The stored record with a request for `service`'s primary setting made now (from the popup):
/// `"opt-out"` switches it off, `"check"` only reads it, on the next page of that setting that
/// loads within two minutes. Returns `{record, url, setAside}`: `url` is that page.
#[wasm_bindgen]
pub fn request(
    stored: JsValue,
    now_ms: f64,
    service: &str,
    kind: &str,
) -> Result<JsValue, JsError> {
    use crate::state::guided::Request;
    let rules = crate::service::service(service).ok_or_else(|| JsError::new("unknown service"))?;
    let kind = match kind {
        "opt-out" => Request::OptOut,
        "check" => Request::Check,
        _ => return Err(JsError::new("unknown request")),
    };
    let (mut record, set_aside) = load(&stored).into_record();
    let id = &rules.service.id;
    crate::state::guided::request(&mut record, id, kind, None, whole_ms(now_ms));
    to_js(&Changed {
        record,
        url: Some(rules.setting_url(rules.primary())),
        set_aside,
    })
}

/// A change to the review of settings applied to the stored record at `now_ms`: `"include"` /
/// `"exclude"` setting `id`; `"cancel"` the review under way (one verification in flight may
/// finish); `"start"` one in browser tab `tab`; `"tab-closed"` (tab `tab`) and `"restarted"`
/// (every tab gone) end a review bound to a tab that is gone. Returns `{record, url, setAside}`:
/// `url` is the first page to open in that tab after `"start"` (else null).
#[wasm_bindgen]
pub fn review_change(
    stored: JsValue,
    now_ms: f64,
    change: &str,
    id: &str,
    tab: u32,
) -> Result<JsValue, JsError> {
    let (mut record, set_aside) = load(&stored).into_record();
    let now_ms = whole_ms(now_ms);
    let mut url = None;
    match change {
        "include" | "exclude" => {
            crate::state::review::include(&mut record, id, change == "include")
        }
        "cancel" => crate::state::review::cancel(&mut record, now_ms),
        "start" => url = crate::state::review::start(&mut record, now_ms, tab),
        "tab-closed" => crate::state::review::tab_gone(&mut record, Some(tab), now_ms),
        "restarted" => crate::state::review::tab_gone(&mut record, None, now_ms),
        _ => return Err(JsError::new("unknown change")),
    }
    to_js(&Changed {
        record,
        url,
        set_aside,
    })
}

/// What the options page and the popup show about the settings and the last review.
#[wasm_bindgen]
pub fn review(stored: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let context = Context::at(whole_ms(now_ms));
    to_js(&crate::view::review::view(
        &load(&stored).into_record().0,
        &context,
    ))
}

/// A region choice checked and normalised to ISO 3166-1 alpha-2 (`UK` becomes `GB`); an error if
/// the text is not a country code.
#[wasm_bindgen]
pub fn check_region(choice: &str) -> Result<String, JsError> {
    crate::region::normalize_country(choice)
        .ok_or_else(|| JsError::new(&format!("\"{choice}\" is not a country code")))
}

/// Every country the time-zone table knows, for the options page's list.
#[wasm_bindgen]
pub fn countries() -> Vec<String> {
    crate::region::countries()
        .iter()
        .map(|code| (*code).to_owned())
        .collect()
}

fn context(now_ms: f64, time_zone: Option<String>, region_choice: Option<String>) -> Context {
    Context {
        now_ms: whole_ms(now_ms),
        time_zone,
        region_choice,
        tell_members: false,
    }
}

/// Checks a stored value: its `version` first, then the whole record, typed.
fn load(stored: &JsValue) -> Loaded {
    if stored.is_undefined() || stored.is_null() {
        return Loaded::Empty;
    }
    let version = js_sys::Reflect::get(stored, &JsValue::from_str("version"))
        .ok()
        .and_then(|version| version.as_f64());
    stored::check(version, || from_js::record(stored.clone()))
}

fn whole_ms(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Through JSON text: smaller in the `.wasm` than building the JS objects field by field.
    let text = serde_json::to_string(value)
        .map_err(|_| JsError::new("the core cannot write its answer"))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the core wrote JSON that JS cannot read"))
}
