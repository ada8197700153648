//! The guided opt-out: a request made away from the setting page (a banner button elsewhere on
//! LinkedIn, or the popup) that the setting page carries out without a second click.
//!
//! The request is stored with the time it was made and is good for [`REQUEST_TTL_MS`]; it is
//! consumed once, by the first setting page that can act on it. A page that loads later finds
//! nothing and does nothing.

use crate::service::page::{classify, PageKind};
use crate::state::record::{PendingOptOut, Record};

/// How long a request waits for the setting page (including a sign-in on the way).
pub const REQUEST_TTL_MS: u64 = 120_000;

/// Records a request made at `now_ms`, from `from_url` (kept only if it is a LinkedIn page).
pub fn request(record: &mut Record, from_url: Option<&str>, now_ms: u64) {
    let return_url = from_url
        .filter(|url| matches!(classify(url), PageKind::Other))
        .map(str::to_owned);
    record.pending_opt_out = Some(PendingOptOut {
        requested_at_ms: now_ms,
        return_url,
    });
}

/// Whether a request is waiting and still fresh at `now_ms`.
pub fn is_pending(record: &Record, now_ms: u64) -> bool {
    record.pending_opt_out.as_ref().is_some_and(|pending| {
        now_ms >= pending.requested_at_ms && now_ms - pending.requested_at_ms < REQUEST_TTL_MS
    })
}

/// Forgets a request that is no longer fresh (expired, or dated in the future), so that nothing
/// stale lingers in storage.
pub fn drop_expired(record: &mut Record, now_ms: u64) {
    if !is_pending(record, now_ms) {
        record.pending_opt_out = None;
    }
}

/// Cancels a waiting request (the user dismissed the "sign in first" banner).
pub fn cancel(record: &mut Record) {
    record.pending_opt_out = None;
}

/// Takes the fresh request out of the record (an expired one is dropped); the page it came from
/// becomes the "back" link. Returns whether a fresh request was taken.
pub fn consume(record: &mut Record, now_ms: u64) -> bool {
    let fresh = is_pending(record, now_ms);
    if let Some(pending) = record.pending_opt_out.take() {
        if fresh {
            record.return_to = pending.return_url;
        }
    }
    fresh
}

/// The way back, once: taken out of the record when the user presses "Back", and only if it is a
/// LinkedIn page (storage is input).
pub fn take_back(record: &mut Record) -> Option<String> {
    record
        .return_to
        .take()
        .filter(|url| matches!(classify(url), PageKind::Other))
}
