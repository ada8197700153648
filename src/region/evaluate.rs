//! The pure evaluation: from region, date and what was observed on the setting page, the verdict
//! and an [`Explanation`] the UI can render in any language (data and keys, no sentences).
//!
//! Rules, in order:
//! 1. an observed ON or OFF wins over any default; only an observed OFF gives `protected`;
//! 2. a toggle observed missing is `unavailable` only where the period in force says the setting
//!    is not offered, the group is not `uncertain`, and the observation was made in that period
//!    (one made before the period started says nothing about today and is ignored);
//! 3. otherwise the verdict is `unknown`, with the period's default as the [`Basis`]: default ON
//!    is "probably exposed" ([`Basis::DefaultOn`]), never `protected`. Without a region, the
//!    period in force counts only where every region group's agrees (the same everywhere).
//!
//! Exclusions (under-18s, private messages, ...) and "switching off stops future use only" are in
//! the explanation, never in the verdict.

use super::{
    default_on_since, group_in, normalize_country, period_in, setting_in, timeline_in, Date,
};
use crate::model::verdict::Verdict;
use crate::rules::{rules, FurtherOption, List, Period, Rules, Setting, Text, Timeline};
use serde::{Deserialize, Serialize};

/// What to evaluate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The service's id in the rules (`linkedin`).
    pub service_id: String,
    /// The setting's id in that service's rules (`ai-training`).
    pub setting_id: String,
    /// ISO 3166-1 alpha-2 code of the member's region (any case), if known.
    pub country: Option<String>,
    /// The country was inferred from the time zone, not chosen by the user.
    #[serde(default)]
    pub country_inferred: bool,
    /// Today's date (UTC is close enough: the rules change on whole days).
    pub today: Date,
    /// What the setting page last showed, if NoTrain has seen it.
    pub observed: Option<Observation>,
}

/// What the setting page showed, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub state: Observed,
    pub at: Date,
}

/// The state of the toggle as read on the setting page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Observed {
    On,
    Off,
    /// The setting page settled without the toggle.
    Missing,
}

/// Why the verdict was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The toggle was seen ON: `exposed`.
    ObservedOn,
    /// The toggle was seen OFF: `protected`.
    ObservedOff,
    /// The toggle was missing where the rules say the setting is not offered: `unavailable`.
    NotOffered,
    /// The toggle was missing although the rules say it is offered here: `unknown`.
    MissingWhereOffered,
    /// The toggle was missing, and the rules cannot confirm it should be (no region, no rule, or
    /// an uncertain group): `unknown`.
    MissingUnconfirmed,
    /// Not seen; on by default here: `unknown`, probably exposed.
    DefaultOn,
    /// Not seen; offered here and off by default: `unknown`.
    DefaultOff,
    /// Not seen; the rules say the setting is not offered here: `unknown`.
    ProbablyNotOffered,
    /// Not seen and the region is unknown or not a valid country code: `unknown`.
    NoRegion,
    /// Not seen; no rule for this setting in this (valid) region on this date: `unknown`.
    NoRule,
}

/// The result of [`evaluate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub verdict: Verdict,
    pub basis: Basis,
    pub explanation: Explanation,
}

/// Everything the UI needs to explain the verdict, as data and stable keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub setting_id: String,
    /// The country evaluated (normalised), if valid.
    pub country: Option<String>,
    /// The country came from the time zone, not from the user (LinkedIn uses the profile's).
    pub country_inferred: bool,
    /// Id of the country's region group.
    pub group: Option<Text>,
    /// The rules for this group rest on weak evidence.
    pub group_uncertain: bool,
    /// First day of the period in force, if there is one.
    pub period_from: Option<Date>,
    /// Whether LinkedIn offers the setting here today; `None` without a rule.
    pub offered: Option<bool>,
    /// Whether the setting is ON for a member who never touched it; `None` without a rule.
    pub default_on: Option<bool>,
    /// Training is paused here after a regulator stepped in.
    pub paused: bool,
    /// Since when the default has been ON here without a break.
    pub default_on_since: Option<Date>,
    /// Key of the legal basis LinkedIn relies on here, e.g. `gdpr-legitimate-interest`.
    pub legal_basis: Option<Text>,
    /// Data never used for this purpose, e.g. `private-messages`, `under-18`.
    pub excluded: List<Text>,
    /// Switching off stops future use only; past training stays.
    pub stops_future_use_only: bool,
    /// What else the member can do, e.g. the objection form.
    pub further_options: List<FurtherOption>,
    /// What was observed and when, as given.
    pub observed: Option<Observation>,
}

/// Evaluates `input` against the rules compiled into the core.
pub fn evaluate(input: &Assessment) -> Evaluation {
    evaluate_with(rules(), input)
}

/// Evaluates `input` against `rules`.
pub fn evaluate_with(rules: &Rules, input: &Assessment) -> Evaluation {
    let setting = setting_in(rules, &input.service_id, &input.setting_id);
    let country = input.country.as_deref().and_then(normalize_country);
    let group = country.as_deref().and_then(|code| group_in(rules, code));
    let timeline = match (setting, group) {
        (Some(setting), Some(group)) => timeline_in(setting, &group.id),
        (Some(setting), None) => everywhere(rules, setting, input.today),
        (None, _) => None,
    };
    let period = timeline.and_then(|t| period_in(t, input.today));
    let uncertain = group.is_some_and(|g| g.uncertain);
    let (verdict, basis) = judge(input.observed, period, uncertain, country.is_some());

    let explanation = Explanation {
        setting_id: input.setting_id.clone(),
        country,
        country_inferred: input.country_inferred,
        group: group.map(|g| g.id.clone()),
        group_uncertain: uncertain,
        period_from: period.map(|p| p.from),
        offered: period.map(|p| p.offered),
        default_on: period.map(|p| p.default_on),
        paused: period.is_some_and(|p| p.paused),
        default_on_since: timeline.and_then(|t| default_on_since(t, input.today)),
        legal_basis: period.and_then(|p| p.legal_basis.clone()),
        excluded: period
            .and_then(|p| p.excluded.clone())
            .or_else(|| setting.map(|s| s.excluded.clone()))
            .unwrap_or_default(),
        stops_future_use_only: setting.is_some_and(|s| s.stops_future_use_only),
        further_options: period
            .map(|p| p.further_options.clone())
            .unwrap_or_default(),
        observed: input.observed,
    };
    Evaluation {
        verdict,
        basis,
        explanation,
    }
}

/// Without a region: the timeline of the first group, if every region group has a period in force
/// today and all of them agree on whether the setting is offered and ON by default (a service
/// whose default is the same everywhere needs no region).
fn everywhere<'r>(rules: &'r Rules, setting: &'r Setting, today: Date) -> Option<&'r Timeline> {
    let mut timelines = rules
        .region_groups
        .iter()
        .map(|g| timeline_in(setting, &g.id));
    let first = timelines.next()??;
    let rule = |timeline: &Timeline| period_in(timeline, today).map(|p| (p.offered, p.default_on));
    let agreed = rule(first)?;
    timelines
        .all(|timeline| timeline.and_then(rule) == Some(agreed))
        .then_some(first)
}

/// The verdict rules (see the module doc). `protected` comes only from an observed OFF.
fn judge(
    observed: Option<Observation>,
    period: Option<&Period>,
    uncertain: bool,
    region_known: bool,
) -> (Verdict, Basis) {
    let Some(observation) = observed else {
        return unobserved(period, region_known);
    };
    match (observation.state, period) {
        (Observed::On, _) => (Verdict::Exposed, Basis::ObservedOn),
        (Observed::Off, _) => (Verdict::Protected, Basis::ObservedOff),
        (Observed::Missing, Some(p)) if observation.at < p.from => unobserved(period, true),
        (Observed::Missing, Some(p)) if p.offered => (Verdict::Unknown, Basis::MissingWhereOffered),
        (Observed::Missing, Some(_)) if !uncertain => (Verdict::Unavailable, Basis::NotOffered),
        (Observed::Missing, _) => (Verdict::Unknown, Basis::MissingUnconfirmed),
    }
}

/// Without a usable observation the verdict is always `unknown`; the basis says what the rules
/// expect.
fn unobserved(period: Option<&Period>, region_known: bool) -> (Verdict, Basis) {
    let basis = match period {
        Some(p) if p.default_on => Basis::DefaultOn,
        Some(p) if p.offered => Basis::DefaultOff,
        Some(_) => Basis::ProbablyNotOffered,
        None if region_known => Basis::NoRule,
        None => Basis::NoRegion,
    };
    (Verdict::Unknown, basis)
}
