//! What the options page and the popup show about "Review my settings": each setting with its
//! last reading and whether it is included, and the last review's summary.

use crate::model::report::Context;
use crate::model::verdict::Reason;
use crate::model::verdict::Verdict;
use crate::rules::Setting;
use crate::service::main_service;
use crate::state::record::{Observation, Record};
use crate::state::record::{Review, ReviewItem};
use crate::state::review;
use crate::view::banner::{describe, Action, Arg, Banner, Line};
use serde::Serialize;

/// The settings and the last review, as message keys and facts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    pub settings: Vec<SettingView>,
    /// The review under way or the last one, if any.
    pub review: Option<ReviewProgress>,
}

/// One setting NoTrain can review.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingView {
    pub id: String,
    /// `_locales` keys of its name and of what it means.
    pub name_key: String,
    pub meaning_key: String,
    /// The AI toggle: always reviewed, no checkbox.
    pub always: bool,
    /// The user ticked it (always true for the AI toggle).
    pub included: bool,
    /// `_locales` key of its last reading (`popupSettingOn`, ...).
    pub state_key: &'static str,
    /// `data-state` of that reading: `exposed`, `protected`, `failed`, `unknown`, or empty.
    pub state: &'static str,
}

/// A review, for the options page and the popup.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewProgress {
    /// `running`, `finished`, `cancelled`, `expired` or `left` (`data-review`).
    pub status: &'static str,
    /// `_locales` key of the sentence about it.
    pub message: &'static str,
    pub lines: Vec<Line>,
}

/// The view of `record` at `context.now_ms` (a review past its time shows as expired).
pub fn view(record: &Record, context: &Context) -> ReviewView {
    let service = &main_service().service;
    let settings = main_service()
        .settings
        .iter()
        .filter(|setting| setting.recommended_off())
        .map(|setting| {
            let always = setting.id == service.primary_setting;
            let seen = record.reading(&service.id, &setting.id);
            let (state_key, state) = state(seen);
            SettingView {
                id: setting.id.to_string(),
                name_key: setting.name_key.as_deref().unwrap_or_default().to_owned(),
                meaning_key: setting
                    .meaning_key
                    .as_deref()
                    .unwrap_or_default()
                    .to_owned(),
                always,
                included: always || record.includes(&service.id, &setting.id),
                state_key,
                state,
            }
        })
        .collect();
    let mut review = record.review.clone();
    if let Some(review) = review.as_mut() {
        review::expire_review(review, context.now_ms);
    }
    let review = review.as_ref().map(|review| {
        let (status, message) = match review.ended_at_ms {
            None => ("running", "popupReviewRunning"),
            Some(_) => {
                let banner = summary(review);
                (banner.review.unwrap_or("finished"), banner.message)
            }
        };
        ReviewProgress {
            status,
            message,
            lines: lines(review),
        }
    });
    ReviewView { settings, review }
}

fn state(seen: Option<&Observation>) -> (&'static str, &'static str) {
    match seen.map(|seen| seen.verdict) {
        None => ("popupSettingNeverRead", ""),
        Some(Verdict::Exposed) => ("popupSettingOn", "exposed"),
        Some(Verdict::Protected) => ("popupSettingOff", "protected"),
        Some(Verdict::Failed) => ("popupSettingFailed", "failed"),
        Some(_) => ("popupSettingUnknown", "unknown"),
    }
}

/// The summary banner of an ended review: one line per setting, shown open.
pub fn summary(review: &Review) -> Banner {
    let ai = review
        .items
        .iter()
        .find(|item| item.id == main_service().service.primary_setting);
    let state = ai.and_then(ReviewItem::now).unwrap_or(Verdict::Unknown);
    let mut banner = describe(state, Reason::Read);
    let (message, tag) = match review.stopped {
        None => ("bannerReviewFinished", "finished"),
        Some(Reason::Cancelled) => ("bannerReviewCancelled", "cancelled"),
        Some(Reason::Left) => ("bannerReviewLeft", "left"),
        Some(_) => ("bannerReviewExpired", "expired"),
    };
    banner.visible = true;
    banner.message = message;
    banner.review = Some(tag);
    banner.why = lines(review);
    banner.open_why = true;
    banner.actions = vec![Action::Dismiss];
    banner
}

/// One sentence per setting of a review: was, now, verified, or why not.
pub fn lines(review: &Review) -> Vec<Line> {
    let line = |item: &ReviewItem| {
        let key = match item.reason {
            Some(Reason::Verified) => "whyReviewVerified",
            Some(Reason::AlreadyOff) => "whyReviewAlreadyOff",
            Some(Reason::Disabled) => "whyReviewDisabled",
            Some(Reason::FlippedBack) => "whyReviewFlippedBack",
            Some(Reason::NotKept) => "whyReviewNotKept",
            Some(Reason::NoChange) => "whyReviewNoChange",
            Some(Reason::Lost) => "whyReviewLost",
            Some(Reason::NotFound) => "whyReviewNotFound",
            Some(Reason::Ambiguous | Reason::Disagreeing | Reason::Unreadable) => {
                "whyReviewUnreadable"
            }
            Some(Reason::Skipped) => "whyReviewSkipped",
            None => "whyReviewPending",
            Some(_) => "whyReviewNotReached",
        };
        let name = main_service()
            .setting(&item.id)
            .map(name_key)
            .unwrap_or_default();
        Line::with(key, vec![Arg::Message(name)])
    };
    review.items.iter().map(line).collect()
}

/// The `_locales` key of `setting`'s name.
pub fn name_key(setting: &Setting) -> String {
    setting.name_key.as_deref().unwrap_or_default().to_owned()
}
