//! The confirmation of an opt-out on a fresh load of the setting page.
//!
//! After NoTrain's click the page reads OFF, but that is what the page shows, not what LinkedIn
//! stored. So NoTrain loads the page again in the same tab and reads it there. The request for
//! that reading is stored (the background may stop between the two loads): it names the service
//! and setting, the tab, and the load of the page that clicked. Only a report from that tab and from another
//! load (a fresh document) may take it, within [`CONFIRM_TTL_MS`]; it is taken once.

use crate::model::report::Report;
use crate::service::page::is_page_of;
use crate::state::record::{Confirmation, Record};

/// How long a stored confirmation waits for the fresh load (a slow page, a sign-in on the way).
pub const CONFIRM_TTL_MS: u64 = 60_000;

/// How a report stands to the stored confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// No confirmation waits for this tab.
    None,
    /// A confirmation waits for this tab, but the report comes from the page that clicked (it
    /// may still report before the fresh load replaces it).
    Before,
    /// The report is the fresh load the confirmation waits for.
    Fresh,
}

/// Stores a confirmation for `setting` of `service`, asked for by `report` at `now_ms` (replaces
/// any other).
pub fn request(record: &mut Record, report: &Report, service: &str, setting: &str, now_ms: u64) {
    record.confirming = Some(Confirmation {
        service: service.to_owned(),
        setting: setting.to_owned(),
        tab: report.tab,
        clicked_on_load: report.loaded_at_ms,
        requested_at_ms: now_ms,
    });
}

/// Whether `report` is the fresh load a confirmation of `setting` of `service` waits for.
pub fn seen(record: &Record, report: &Report, service: &str, setting: &str, now_ms: u64) -> Seen {
    let Some(waiting) = record.confirming.as_ref().filter(|c| {
        c.service == service && c.setting == setting && c.tab == report.tab && is_fresh(c, now_ms)
    }) else {
        return Seen::None;
    };
    if report.loaded_at_ms == waiting.clicked_on_load || report.loaded_at_ms == 0 {
        Seen::Before
    } else {
        Seen::Fresh
    }
}

/// Takes the confirmation out of the record (once the fresh load has given its answer, or the
/// tab left the page).
pub fn take(record: &mut Record) {
    record.confirming = None;
}

/// Forgets the confirmation when its tab's fresh load is not the setting's page (a sign-in, a
/// redirect elsewhere): that load confirms nothing.
pub fn drop_if_elsewhere(record: &mut Record, report: &Report, now_ms: u64) {
    let Some(waiting) = record.confirming.as_ref() else {
        return;
    };
    let on_its_page = crate::service::service(&waiting.service)
        .and_then(|rules| rules.setting(&waiting.setting))
        .is_some_and(|setting| is_page_of(&waiting.service, setting, &report.snapshot.url));
    let fresh_load = report.loaded_at_ms != waiting.clicked_on_load;
    if waiting.tab == report.tab && fresh_load && !on_its_page && is_fresh(waiting, now_ms) {
        record.confirming = None;
    }
}

/// Forgets a confirmation that is no longer fresh (expired, or dated in the future).
pub fn drop_expired(record: &mut Record, now_ms: u64) {
    if record
        .confirming
        .as_ref()
        .is_some_and(|c| !is_fresh(c, now_ms))
    {
        record.confirming = None;
    }
}

fn is_fresh(confirmation: &Confirmation, now_ms: u64) -> bool {
    now_ms
        .checked_sub(confirmation.requested_at_ms)
        .is_some_and(|age| age < CONFIRM_TTL_MS)
}
