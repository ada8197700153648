//! The guided opt-out: a request made away from the setting page (a banner button elsewhere on
//! the service, or the popup) that the setting page carries out without a second click. A
//! read-only request (the popup's "Check") only reads the setting there, which a setting behind a
//! click needs: NoTrain opens what holds it only when asked.
//!
//! The request is stored with the time it was made and is good for [`REQUEST_TTL_MS`]; it is
//! consumed once, by the first setting page of its service that can act on it. A page that loads
//! later finds nothing and does nothing.

use crate::service::main_service;
use crate::service::page::{classify, service_path, PageKind};
use crate::state::record::{PendingOptOut, Record};

/// How long a request waits for the setting page (including a sign-in on the way).
pub const REQUEST_TTL_MS: u64 = 120_000;

/// What the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    OptOut,
    /// Read the setting only.
    Check,
}

/// Records a request for `service`'s primary setting made at `now_ms`, from `from_url` (kept
/// only if it is a page of that service).
pub fn request(
    record: &mut Record,
    service: &str,
    kind: Request,
    from_url: Option<&str>,
    now_ms: u64,
) {
    let return_url = from_url
        .filter(|url| is_other_page_of(url, service))
        .map(str::to_owned);
    record.pending_opt_out = Some(PendingOptOut {
        requested_at_ms: now_ms,
        return_url,
        service: Some(service.to_owned()),
        read_only: kind == Request::Check,
    });
}

/// The fresh request for `service` waiting at `now_ms`, if any.
pub fn pending(record: &Record, service: &str, now_ms: u64) -> Option<Request> {
    let pending = record.pending_opt_out.as_ref()?;
    let its_service = pending
        .service
        .as_deref()
        .unwrap_or(&main_service().service.id);
    let fresh = is_fresh(pending, now_ms);
    let kind = if pending.read_only {
        Request::Check
    } else {
        Request::OptOut
    };
    (fresh && its_service == service).then_some(kind)
}

/// Forgets a request that is no longer fresh (expired, or dated in the future), so that nothing
/// stale lingers in storage.
pub fn drop_expired(record: &mut Record, now_ms: u64) {
    let fresh = record
        .pending_opt_out
        .as_ref()
        .is_some_and(|pending| is_fresh(pending, now_ms));
    if !fresh {
        record.pending_opt_out = None;
    }
}

/// Cancels `service`'s waiting request (the user dismissed its "sign in first" banner); another
/// service's stays.
pub fn cancel(record: &mut Record, service: &str, now_ms: u64) {
    if pending(record, service, now_ms).is_some() {
        record.pending_opt_out = None;
    }
}

/// Takes `service`'s fresh request out of the record (another service's stays); the page it came
/// from becomes the "back" link. Returns whether a fresh request was taken.
pub fn consume(record: &mut Record, service: &str, now_ms: u64) -> bool {
    if pending(record, service, now_ms).is_none() {
        return false;
    }
    if let Some(pending) = record.pending_opt_out.take() {
        record.return_to = pending.return_url;
    }
    true
}

/// The way back to offer on `service`'s setting page: the page a guided opt-out came from, only
/// if it is another page of that same service (storage is input).
pub fn way_back<'r>(record: &'r Record, service: &str) -> Option<&'r String> {
    record
        .return_to
        .as_ref()
        .filter(|url| is_other_page_of(url, service))
}

/// The way back, once, when the user presses "Back" on `service`'s setting page: taken out of the
/// record, and followed only if [`way_back`] offers it.
pub fn take_back(record: &mut Record, service: &str) -> Option<String> {
    let back = way_back(record, service).cloned();
    if back.is_some() {
        record.return_to = None;
    }
    back
}

/// Whether `pending` was made at most [`REQUEST_TTL_MS`] before `now_ms` (and not after it).
fn is_fresh(pending: &PendingOptOut, now_ms: u64) -> bool {
    now_ms >= pending.requested_at_ms && now_ms - pending.requested_at_ms < REQUEST_TTL_MS
}

fn is_other_page_of(url: &str, service: &str) -> bool {
    let its = service_path(url).is_some_and(|(rules, _)| rules.service.id == service);
    its && classify(url) == PageKind::Other
}
