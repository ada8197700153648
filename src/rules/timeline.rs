//! The region side of the rules' schema: the groups of countries `rules/regions.json` names, and
//! each setting's timelines, the periods in force per group from a date on ([`crate::region`]
//! evaluates them).

use super::{List, Text};
use crate::model::date::Date;
use serde::{Deserialize, Serialize};

/// A group of countries with the same rules, e.g. the EU 27.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionGroup {
    /// Stable id (`eu`, `gb`, `rest`, ...), used in timelines and shown to the UI.
    pub id: Text,
    /// ISO 3166-1 alpha-2 codes, upper case. Empty for the `rest` group.
    #[serde(default)]
    pub countries: List<Text>,
    /// The group of every valid country code not listed in another group (exactly one).
    #[serde(default)]
    pub rest: bool,
    /// The facts about this group rest on weak evidence (e.g. a single report).
    #[serde(default)]
    pub uncertain: bool,
    #[serde(default)]
    #[cfg(not(target_arch = "wasm32"))]
    pub sources: List<Text>,
    /// For people reading the file.
    #[serde(default)]
    #[cfg(not(target_arch = "wasm32"))]
    pub note: Option<Text>,
}

/// The periods of one setting that apply to some groups.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timeline {
    /// Ids of the groups this timeline applies to.
    pub groups: List<Text>,
    /// In order of `from`, strictly increasing; each lasts until the next one starts.
    pub periods: List<Period>,
}

/// How a setting stands in a group of regions from a date on.
///
/// "Paused" (LinkedIn stopped training after a regulator stepped in) is `offered: false`,
/// `defaultOn: false`, `paused: true`: LinkedIn said it would "not provide the setting to members
/// in those regions until further notice" and does not train on their data, so a missing toggle is
/// expected there and no default exposes anyone. `paused` only tells the explanation why.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    /// The first day (in the member's region, read as a civil date) this period applies.
    pub from: Date,
    /// LinkedIn shows the setting to members here.
    pub offered: bool,
    /// A member who never touched the setting has it ON (their data is used).
    pub default_on: bool,
    /// Training was paused here after a regulator's intervention (see above).
    #[serde(default)]
    pub paused: bool,
    /// Key of the legal basis LinkedIn relies on (`gdpr-legitimate-interest`), if stated.
    #[serde(default)]
    pub legal_basis: Option<Text>,
    /// Replaces the setting's `excluded` list for this period, when present.
    #[serde(default)]
    pub excluded: Option<List<Text>>,
    /// What else a member can do (e.g. the objection form).
    #[serde(default)]
    pub further_options: List<FurtherOption>,
    /// Where the facts of this period come from (URLs or citations); at least one.
    #[cfg(not(target_arch = "wasm32"))]
    pub sources: List<Text>,
    /// For people reading the file.
    #[serde(default)]
    #[cfg(not(target_arch = "wasm32"))]
    pub note: Option<Text>,
}

/// A further step a member can take, e.g. LinkedIn's data-processing objection form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FurtherOption {
    /// What it is: `objection-form`.
    pub kind: Text,
    pub url: Text,
    /// The right it exercises, if a law grants one (`gdpr-art-21`).
    #[serde(default)]
    pub right: Option<Text>,
}
