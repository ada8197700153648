//! What the popup says: the remembered verdict in plain words, when it was read, the region
//! assumed and why, and the rule that applies there (finished sentences, as `_locales` keys and
//! their arguments, that the popup only looks up), and the origins NoTrain asks access to.

use crate::model::report::Context;
use crate::model::verdict::{Reason, Verdict};
use crate::region::{self, Basis, Explanation};
use crate::service::main_service;
use crate::state::record::{Record, STALE_MS};
use crate::view::assess::{assess, legal_basis};
use crate::view::banner::{describe, Action, Arg, Line};
use serde::Serialize;

/// The popup's content, as message keys and facts; the popup renders it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PopupView {
    /// The id of the service this view is about (the main one).
    pub service: String,
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
    /// The rule in force for the assumed region today: its sentence, then its legal basis if
    /// the rules name one.
    pub rule: Vec<Line>,
    /// Switching off stops future use only; past training stays.
    pub future_only: bool,
    /// LinkedIn's objection form for this region, if the rules name one.
    pub objection_form: Option<String>,
    /// The last signed-in LinkedIn page could not tell its member: the reading shown may be
    /// another account's.
    pub member_untold: bool,
}

/// The region assumed, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionView {
    /// ISO 3166-1 alpha-2, or empty when unknown.
    pub code: String,
    pub source: RegionSource,
    /// The sentence that says it (with the browser's time zone when it was used).
    pub line: Line,
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
    let region = region_view(context);
    let evaluation = assess(main_service(), record, context);
    let stale = seen.is_some_and(|seen| context.now_ms.saturating_sub(seen.at_ms) > STALE_MS);
    let primary = match state {
        Verdict::Exposed | Verdict::Failed => Some(Action::OptOut),
        Verdict::Protected if !stale => None,
        _ if evaluation.basis == Basis::DefaultOn => Some(Action::OptOut),
        _ => Some(Action::Check),
    };
    PopupView {
        service: main_service().service.id.to_string(),
        state,
        reason,
        headline,
        read_at_ms: seen.map(|seen| seen.at_ms),
        setting_url: main_service().setting_url(main_service().primary()),
        region,
        primary,
        rule: rule(&evaluation.explanation),
        future_only: evaluation.explanation.stops_future_use_only,
        objection_form: evaluation
            .explanation
            .further_options
            .iter()
            .find(|option| option.kind == "objection-form")
            .map(|option| option.url.to_string()),
        member_untold: record.member_untold,
    }
}

/// The region assumed in `context`, where it came from, and the sentence that says so.
fn region_view(context: &Context) -> RegionView {
    let zone = || Arg::Text(context.time_zone.clone().unwrap_or_else(|| "?".to_owned()));
    match region::assumed_country(context) {
        Some(c) if !c.inferred => RegionView {
            line: Line::with("popupRegionChosen", vec![Arg::Country(c.code.clone())]),
            code: c.code,
            source: RegionSource::Chosen,
        },
        Some(c) => RegionView {
            line: Line::with(
                "popupRegionTimeZone",
                vec![Arg::Country(c.code.clone()), zone()],
            ),
            code: c.code,
            source: RegionSource::TimeZone,
        },
        None => RegionView {
            line: Line::with("popupRegionNone", vec![zone()]),
            code: String::new(),
            source: RegionSource::None,
        },
    }
}

/// The rule's sentence (offered or not, paused, the default and since when), then its legal basis.
fn rule(explanation: &Explanation) -> Vec<Line> {
    let since = explanation.default_on_since.or(explanation.period_from);
    let sentence = match (explanation.offered, since) {
        (Some(offered), Some(since)) => {
            let key = if explanation.paused {
                "popupRulePaused"
            } else if !offered {
                "popupRuleNotOffered"
            } else if explanation.default_on == Some(true) {
                "popupRuleDefaultOn"
            } else {
                "popupRuleDefaultOff"
            };
            Line::with(key, vec![Arg::Date(since)])
        }
        _ => Line::plain("popupRuleNone"),
    };
    std::iter::once(sentence)
        .chain(legal_basis(explanation))
        .collect()
}

/// The origins whose access the popup asks for when the user took it away: the main service's
/// hosts.
pub fn origins() -> Vec<String> {
    crate::view::services::origins(main_service())
}
