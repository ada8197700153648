//! Where the member is, in the rules' terms, and which period of a setting is in force there.
//!
//! - [`Date`]: a civil date; [`Date::from_unix_ms`] for "today" in UTC.
//! - [`region_from_time_zone`]: the browser's IANA time zone → ISO 3166-1 alpha-2 country.
//! - [`resolve_country`]: the user's choice if set and valid, else the time zone's country.
//! - [`group_of`]: country → region group (EU, EEA, CH, GB, CA, HK, CN, rest, ...).
//! - [`rule_at`]: the period of a setting in force for a country on a date.
//! - [`evaluate`]: the verdict and a language-neutral [`Explanation`].
//!
//! Every function has an `_in` / `_with` twin that takes the [`Rules`] explicitly, for tests of
//! rules other than the compiled-in file. Input is never unwrapped: unknown or malformed codes,
//! zones and ids give `None` or an `unknown` verdict.

mod evaluate;
mod zone;

pub use evaluate::{
    evaluate, evaluate_with, Assessment, Basis, Evaluation, Explanation, Observation, Observed,
};
pub use zone::{countries, region_from_time_zone, zone_table};

use crate::model::date::Date;
use crate::model::report::Context;
use crate::rules::{rules, Period, RegionGroup, Rules, Setting, Timeline};

/// A country and how NoTrain came to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    /// `true` if it was inferred from the time zone rather than chosen by the user. LinkedIn
    /// decides by the profile's location, so an inferred country may be wrong.
    pub inferred: bool,
}

/// The region NoTrain assumes for `context`: the user's valid choice, else the time zone's country.
pub fn assumed_country(context: &Context) -> Option<Country> {
    resolve_country(
        context.region_choice.as_deref(),
        context.time_zone.as_deref(),
    )
}

/// The user's chosen country when it is a valid code, else the country of `time_zone`, else `None`.
pub fn resolve_country(chosen: Option<&str>, time_zone: Option<&str>) -> Option<Country> {
    if let Some(code) = chosen.and_then(normalize_country) {
        return Some(Country {
            code,
            inferred: false,
        });
    }
    let code = region_from_time_zone(time_zone?)?;
    Some(Country {
        code: code.to_owned(),
        inferred: true,
    })
}

/// `code` as an upper-case ISO 3166-1 alpha-2 code, if it looks like one a country can have.
///
/// Two ASCII letters, any case, surrounding blanks ignored. `UK` (reserved by ISO for the United
/// Kingdom) becomes `GB` and `EL` (the EU's code for Greece) becomes `GR`. Codes that name no
/// country are refused: `AA`, `QM`–`QZ`, `XA`–`XZ` except `XK` (Kosovo), `ZZ` (user-assigned),
/// `EU`, `EZ`, `UN` (reserved for organisations).
pub fn normalize_country(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let bytes = code.as_bytes();
    if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let user_assigned = matches!(code.as_str(), "AA" | "ZZ")
        || (bytes[0] == b'Q' && bytes[1] >= b'M')
        || (bytes[0] == b'X' && code != "XK");
    if user_assigned || matches!(code.as_str(), "EU" | "EZ" | "UN") {
        return None;
    }
    Some(match code.as_str() {
        "UK" => "GB".to_owned(),
        "EL" => "GR".to_owned(),
        _ => code,
    })
}

/// The region group of `country` in the compiled-in rules. See [`group_in`].
pub fn group_of(country: &str) -> Option<&'static RegionGroup> {
    group_in(rules(), country)
}

/// The group listing `country` (after [`normalize_country`]); for a valid code that no group
/// lists, the `rest` group; for an invalid code, `None`.
pub fn group_in<'r>(rules: &'r Rules, country: &str) -> Option<&'r RegionGroup> {
    let code = normalize_country(country)?;
    let groups = &rules.region_groups;
    groups
        .iter()
        .find(|group| group.countries.iter().any(|listed| *listed == code))
        .or_else(|| groups.iter().find(|group| group.rest))
}

/// The period of setting `setting_id` in force for `country` on `today`, in the compiled-in rules.
pub fn rule_at(
    service_id: &str,
    setting_id: &str,
    country: Option<&str>,
    today: Date,
) -> Option<&'static Period> {
    rule_in(rules(), service_id, setting_id, country, today)
}

/// See [`rule_at`]. `None` when the country, setting or group's timeline is unknown, or `today`
/// is before the first period.
pub fn rule_in<'r>(
    rules: &'r Rules,
    service_id: &str,
    setting_id: &str,
    country: Option<&str>,
    today: Date,
) -> Option<&'r Period> {
    let group = group_in(rules, country?)?;
    period_in(
        timeline_in(setting_in(rules, service_id, setting_id)?, &group.id)?,
        today,
    )
}

/// The period of `timeline` in force on `today`.
pub fn period_in(timeline: &Timeline, today: Date) -> Option<&Period> {
    in_force(timeline, today).map(|index| &timeline.periods[index])
}

/// The setting `setting_id` of service `service_id`.
pub fn setting_in<'r>(rules: &'r Rules, service_id: &str, setting_id: &str) -> Option<&'r Setting> {
    let service = rules.services.iter().find(|s| s.service.id == service_id)?;
    service
        .settings
        .iter()
        .find(|setting| setting.id == setting_id)
}

/// The timeline of `setting` that names group `group_id`.
pub fn timeline_in<'r>(setting: &'r Setting, group_id: &str) -> Option<&'r Timeline> {
    setting
        .timelines
        .iter()
        .find(|timeline| timeline.groups.iter().any(|g| g == group_id))
}

/// Index of the period in force on `today`: the last one that started on or before it.
fn in_force(timeline: &Timeline, today: Date) -> Option<usize> {
    timeline
        .periods
        .iter()
        .rposition(|period| period.from <= today)
}

/// Since when the default has been ON without a break, if it is ON on `today`: the start of the
/// run of default-on periods that ends with the one in force.
pub fn default_on_since(timeline: &Timeline, today: Date) -> Option<Date> {
    let current = in_force(timeline, today)?;
    let periods = &timeline.periods[..=current];
    let run_start = periods
        .iter()
        .rposition(|period| !period.default_on)
        .map_or(0, |off| off + 1);
    periods.get(run_start).map(|period| period.from)
}
