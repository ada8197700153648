//! "Review my settings": the opt-in review over LinkedIn's data-use settings, as stored state.
//!
//! A review is started by a trusted click in the options page or the popup. It lists the AI toggle
//! (always) and then each other setting the user ticked, in the rules' order, and binds itself to
//! the one tab it opened. [`crate::decide::review_tab`] walks that tab through the list; this module holds
//! the list and the rules that keep it safe: it only names pages under `/mypreferences/` that are
//! not account pages, it only ever switches a setting the rules recommend OFF and the user
//! included, it can be cancelled, and it ends by itself after [`REVIEW_TTL_MS`] or when the clock
//! moves backwards.

use crate::model::verdict::Reason;
use crate::rules::Setting;
use crate::service::main_service;
use crate::service::page::{classify, PageKind};
use crate::state::record::{Record, Review, ReviewItem, SettingKey};

/// How long a review may run in all before it stops by itself.
pub const REVIEW_TTL_MS: u64 = 10 * 60 * 1000;
/// How often the review may send its tab to one setting's page before calling it not found.
pub const MAX_VISITS: u32 = 2;

/// Whether `path` is one a review may visit: under `/mypreferences/`, not an account page, no
/// dot segments.
pub fn allowed_path(path: &str) -> bool {
    let url = main_service().url(path);
    path.starts_with(main_service().service.review_prefix.as_ref())
        && !path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
        && !matches!(classify(&url), PageKind::NeverAct | PageKind::NotListed)
}

/// The page a review visits for `setting`: its first path, if that path is allowed.
pub fn page_url(setting: &Setting) -> Option<String> {
    let path = setting.paths.first().filter(|path| allowed_path(path))?;
    Some(main_service().url(path))
}

/// Whether the review may switch `setting` OFF: the rules recommend OFF, and it is the AI toggle
/// or the user included it.
pub fn may_switch(record: &Record, setting: &Setting) -> bool {
    setting.recommended_off()
        && (setting.id == main_service().service.primary_setting
            || record.includes(&main_service().service.id, &setting.id))
}

/// Ticks or unticks a setting for the review (unknown ids and the AI toggle are ignored).
pub fn include(record: &mut Record, id: &str, on: bool) {
    let known = main_service()
        .setting(id)
        .is_some_and(|s| s.id != main_service().service.primary_setting && s.recommended_off());
    let service = &main_service().service.id;
    record.included.retain(|key| !key.is(service, id));
    if on && known {
        record.included.push(SettingKey {
            service: service.to_string(),
            setting: id.to_owned(),
        });
    }
}

/// Starts a review at `now_ms` in `tab`; returns the first page to open there. Replaces any
/// earlier review (and its summary).
pub fn start(record: &mut Record, now_ms: u64, tab: u32) -> Option<String> {
    let items: Vec<ReviewItem> = main_service()
        .settings
        .iter()
        .filter(|setting| may_switch(record, setting) && page_url(setting).is_some())
        .map(|setting| ReviewItem {
            id: setting.id.to_string(),
            reason: None,
            visits: 0,
            clicked_at_ms: None,
        })
        .collect();
    let mut review = Review {
        started_at_ms: now_ms,
        tab,
        items,
        cancelled: false,
        ended_at_ms: None,
        stopped: None,
    };
    let first = review.items.first_mut()?;
    first.visits = 1;
    let url = main_service().setting(&first.id).and_then(page_url);
    record.review = Some(review);
    url
}

/// The user asked to cancel. Settings not reached stay as they were; a verification in flight may
/// finish (the page reports it), so the review ends now only if none is.
pub fn cancel(record: &mut Record, now_ms: u64) {
    let Some(review) = record.review.as_mut().filter(|s| s.ended_at_ms.is_none()) else {
        return;
    };
    review.cancelled = true;
    let in_flight = review
        .current()
        .is_some_and(|i| review.items[i].clicked_at_ms.is_some());
    if !in_flight {
        end(review, Reason::Cancelled, now_ms);
    }
}

/// The tab of a review was closed (`Some(tab)`), or every tab is gone (`None`: the browser
/// restarted). A review bound to a tab that is gone ends there, without acting: tab ids are
/// reused, so it must never continue in a new tab that got the same id.
pub fn tab_gone(record: &mut Record, tab: Option<u32>, now_ms: u64) {
    let running = record.review.as_mut().filter(|s| s.ended_at_ms.is_none());
    if let Some(review) = running.filter(|s| tab.is_none_or(|tab| tab == s.tab)) {
        end(review, Reason::Left, now_ms);
    }
}

/// Ends a review that ran out of time, or whose start lies in the future (the clock moved back).
pub fn expire(record: &mut Record, now_ms: u64) {
    if let Some(review) = record.review.as_mut() {
        expire_review(review, now_ms);
    }
}

/// [`expire`] for a review on its own.
pub fn expire_review(review: &mut Review, now_ms: u64) {
    let age = now_ms.checked_sub(review.started_at_ms);
    if review.ended_at_ms.is_none() && age.is_none_or(|age| age >= REVIEW_TTL_MS) {
        end(review, Reason::Expired, now_ms);
    }
}

/// Ends `review`: every item not done is marked with `why` (left as it was). `why` is the
/// review's stop reason unless every item was done.
pub fn end(review: &mut Review, why: Reason, now_ms: u64) {
    let mut stopped = false;
    for item in review.items.iter_mut().filter(|item| item.reason.is_none()) {
        // A click whose verification never finished: NoTrain cannot say what it reads now.
        let reason = if item.clicked_at_ms.is_some() {
            Reason::Lost
        } else {
            why
        };
        item.reason = Some(reason);
        stopped = true;
    }
    let cancelled = review.cancelled && why == Reason::Cancelled;
    review.stopped = (stopped || cancelled).then_some(why);
    review.ended_at_ms = Some(now_ms);
}
