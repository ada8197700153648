//! What an ordinary page of each service shows before the core has answered it: the banner the
//! core itself chooses there now, until when that stays its choice, and the pages that are not
//! ordinary. The background stores it beside the record (`ahead`); the content script draws it
//! as soon as it starts, without waiting for a background that may have to start first, then
//! reports as ever and draws the core's answer.
//!
//! Made by asking [`decide`] about an ordinary page of the service, so it is the core's own
//! choice; it stays true until the first moment that choice can change: the snooze ending, a
//! period of the rules starting (dates are UTC days), a review's summary ending, at most
//! [`MAX_AHEAD_MS`] on. A banner that says the setting is off, or shows nothing, is never drawn
//! ahead: the core answers for those (a different member may be signed in), so a reading turning
//! stale (which only changes what a protected banner says) changes nothing drawn ahead.

use crate::decide::{decide, Sense};
use crate::model::date::Date;
use crate::model::report::{Context, Report};
use crate::model::snapshot::Snapshot;
use crate::model::verdict::Verdict;
use crate::service::page::{classify, PageKind};
use crate::service::services;
use crate::state::record::Record;
use crate::view::banner::Banner;
use serde::Serialize;

/// The longest an `ahead` stays true before it is made again (a week).
pub const MAX_AHEAD_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// What each service's ordinary pages show before the core answers, and for which record and
/// context it was made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ahead {
    pub made: Made,
    /// One per service whose home page is an ordinary one.
    pub pages: Vec<Page>,
}

/// What an `ahead` was made from, and until when it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Made {
    /// The record's `revision`.
    pub revision: u64,
    pub time_zone: Option<String>,
    pub region_choice: Option<String>,
    /// The first moment (ms since the epoch) the core may choose otherwise.
    pub until_ms: u64,
}

/// One service's ordinary pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// The service's hosts, lower case (as `location.hostname` is).
    pub hosts: Vec<String>,
    /// The banner to draw at once; `None`: draw nothing before the core answers. Stored as the
    /// JSON text the core writes its answers in, so that the content script tells the core's
    /// answer that is this banner by its text (`chrome.storage` gives objects back with their
    /// keys sorted).
    #[serde(serialize_with = "as_json_text")]
    pub banner: Option<Banner>,
    /// The pages that are not ordinary (the setting page, sign-in and never-act pages, a path a
    /// browser may read as another host): a page whose path and fragment, lower case, contain
    /// one of these is excepted. Wider than the core's own test, never narrower.
    pub except: Vec<String>,
    /// How to tell the member signed in, with the first report already.
    pub sense: Option<Sense>,
}

/// Whether `made` still holds for `record` in `context` (the same revision, zone and choice,
/// before its `until_ms`).
pub fn holds(made: &Made, record: &Record, context: &Context) -> bool {
    made.revision == record.revision
        && made.time_zone == context.time_zone
        && made.region_choice == context.region_choice
        && context.now_ms < made.until_ms
}

/// What every service's ordinary pages show for `record` in `context`. The record is used up: the
/// core's answers for the services are asked one after the other of the same copy, which their
/// decisions change only where no ordinary page's banner looks (expired requests and
/// confirmations, the member's "untold" flag).
pub fn ahead(mut record: Record, context: &Context) -> Ahead {
    let made = Made {
        revision: record.revision,
        time_zone: context.time_zone.clone(),
        region_choice: context.region_choice.clone(),
        until_ms: until(&record, context.now_ms),
    };
    let mut pages = Vec::new();
    if !review_shown(&record, context.now_ms) {
        for rules in services() {
            pages.extend(page(rules, &mut record, context));
        }
    }
    Ahead { made, pages }
}

/// The core's own answer on the service's home page, as a fresh load with nothing pressed.
fn page(
    rules: &crate::rules::ServiceRules,
    record: &mut Record,
    context: &Context,
) -> Option<Page> {
    let url = rules.url("/");
    if classify(&url) != PageKind::Other {
        return None;
    }
    let tells_members = context.tell_members && rules.service.member_link.is_some();
    let report = Report {
        snapshot: Snapshot {
            url,
            ..Snapshot::default()
        },
        // The member of the record (none yet: one the page cannot tell, which changes nothing).
        member: tells_members.then(|| record.member.clone().unwrap_or_default()),
        ..Report::default()
    };
    let directive = decide(&report, record, context);
    let banner = directive.banner;
    let drawn = banner.visible && banner.state != Verdict::Protected;
    let service = &rules.service;
    let setting_paths = rules.primary().paths.iter();
    let mut except: Vec<String> = ["//"].into_iter().map(str::to_owned).collect();
    except.extend(
        (service
            .sign_in_paths
            .iter()
            .chain(service.never_act_paths.iter()))
        .chain(setting_paths)
        .map(|path| path.trim_end_matches('/').to_ascii_lowercase()),
    );
    Some(Page {
        hosts: service
            .hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        banner: drawn.then_some(banner),
        except,
        sense: directive.sense,
    })
}

/// Whether a review may show itself in its tab (under way, or its summary still shown): no
/// page is drawn ahead then, for the content script cannot tell that tab from the others.
fn review_shown(record: &Record, now_ms: u64) -> bool {
    record.review.as_ref().is_some_and(|review| {
        review.ended_at_ms.is_none_or(|ended| {
            now_ms < ended.saturating_add(crate::decide::review_tab::SUMMARY_SHOWN_MS)
        })
    })
}

/// The first moment after `now_ms` at which the core's choice on an ordinary page may change.
fn until(record: &Record, now_ms: u64) -> u64 {
    let mut moments = vec![now_ms.saturating_add(MAX_AHEAD_MS)];
    let today = Date::from_unix_ms(now_ms);
    for rules in services() {
        let periods = rules
            .primary()
            .timelines
            .iter()
            .flat_map(|t| t.periods.iter());
        moments.extend(
            periods
                .filter(|p| p.from > today)
                .map(|p| p.from.start_ms()),
        );
    }
    moments.extend(record.snoozed_until_ms);
    if let Some(ended) = record.review.as_ref().and_then(|review| review.ended_at_ms) {
        moments.push(ended.saturating_add(crate::decide::review_tab::SUMMARY_SHOWN_MS));
    }
    moments
        .into_iter()
        .filter(|&moment| moment > now_ms)
        .min()
        .unwrap_or(now_ms.saturating_add(MAX_AHEAD_MS))
}

fn as_json_text<S: serde::Serializer>(banner: &Option<Banner>, out: S) -> Result<S::Ok, S::Error> {
    // A banner always writes (no map with other than text keys, no float): `.ok()` loses nothing,
    // and keeps the error's formatting out of the wasm.
    let text = banner
        .as_ref()
        .and_then(|banner| serde_json::to_string(banner).ok());
    serde::Serialize::serialize(&text, out)
}
