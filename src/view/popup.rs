//! What the popup says: the remembered verdict in plain words, when it was read, the region
//! assumed and why, and the rule that applies there (as data the popup renders in any language).

use crate::decide::elsewhere::STALE_MS;
use crate::model::report::Context;
use crate::model::verdict::{Reason, Verdict};
use crate::region::{self, Basis, Explanation};
use crate::service::main_service;
use crate::state::record::Record;
use crate::view::assess::assess;
use crate::view::banner::{describe, Action};
use serde::Serialize;

/// The popup's content, as message keys and facts; the popup renders it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupView {
    pub state: Verdict,
    pub reason: Reason,
    /// `_locales` key of the headline sentence.
    pub headline: &'static str,
    /// When the verdict was reached (ms since the epoch), if ever.
    pub read_at_ms: Option<u64>,
    /// The setting page a person can open to check or change it.
    pub setting_url: String,
    pub region: RegionView,
    /// The main button: opt out (exposed, failed, or probably exposed) or check (unknown, stale).
    pub primary: Option<Action>,
    /// The rule in force for the assumed region today.
    pub explanation: Explanation,
    /// The last signed-in LinkedIn page could not tell its member: the reading shown may be
    /// another account's.
    pub member_untold: bool,
}

/// The region assumed, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionView {
    /// ISO 3166-1 alpha-2, or empty when unknown.
    pub code: String,
    pub source: RegionSource,
    /// The browser's time zone, when it was used.
    pub time_zone: Option<String>,
}

/// How the region was assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionSource {
    Chosen,
    TimeZone,
    None,
}

/// The popup for what NoTrain remembers, in `context`.
pub fn view(record: &Record, context: &Context) -> PopupView {
    let seen = record.primary_reading(main_service());
    let state = seen.map_or(Verdict::Unknown, |seen| seen.verdict);
    let reason = seen.map_or(Reason::NeverRead, |seen| seen.reason);
    let headline = match state {
        Verdict::Exposed => "popupExposed",
        Verdict::Protected if reason == Reason::Verified => "popupVerified",
        Verdict::Protected => "popupProtected",
        // Another member was read in this browser, but not this one: nothing carries over.
        _ if seen.is_none() && !record.members.is_empty() => "popupNeverReadAccount",
        Verdict::Failed => "popupFailed",
        _ if reason == Reason::NeverRead => "popupNeverRead",
        _ => describe(state, reason).message,
    };
    let country = region::assumed_country(context);
    let region = match &country {
        Some(c) if !c.inferred => RegionView {
            code: c.code.clone(),
            source: RegionSource::Chosen,
            time_zone: None,
        },
        Some(c) => RegionView {
            code: c.code.clone(),
            source: RegionSource::TimeZone,
            time_zone: context.time_zone.clone(),
        },
        None => RegionView {
            code: String::new(),
            source: RegionSource::None,
            time_zone: context.time_zone.clone(),
        },
    };
    let evaluation = assess(record, context);
    let stale = seen.is_some_and(|seen| context.now_ms.saturating_sub(seen.at_ms) > STALE_MS);
    let primary = match state {
        Verdict::Exposed | Verdict::Failed => Some(Action::OptOut),
        Verdict::Protected if !stale => None,
        _ if evaluation.basis == Basis::DefaultOn => Some(Action::OptOut),
        _ => Some(Action::Check),
    };
    PopupView {
        state,
        reason,
        headline,
        read_at_ms: seen.map(|seen| seen.at_ms),
        setting_url: main_service().setting_url(main_service().primary()),
        region,
        primary,
        explanation: evaluation.explanation,
        member_untold: record.member_untold,
    }
}
