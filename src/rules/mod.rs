//! The rules file (`rules/linkedin.json`): where each setting lives, how to recognise its toggle,
//! and, per region group, since when LinkedIn offers it and with what default.
//!
//! Rules are data, compiled into the core by `build.rs` (a `static`, nothing parsed at run time). A
//! file whose `format` is newer than this core understands is refused rather than misread. JSON,
//! not TOML: `serde_json` already reads it at build time and in the tests, and a TOML parser would
//! be one more dependency for no gain. The documentation fields (`sources`, `note`) are compiled
//! into native builds only, where the tests check them; the shipped wasm leaves them empty.
//!
//! Region data (format 2): `regionGroups` name groups of ISO 3166-1 alpha-2 codes; each setting's
//! `timelines` give, for some groups, the periods in force from a date until the next period's
//! date. [`crate::region`] evaluates them. To add a region: add a group (and its countries) and
//! name it in a timeline. To add a period: append it to the timeline with its sources.

use crate::model::date::Date;
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

// The newest rules-file format this core can read (`SUPPORTED_FORMAT`), shared with `build.rs`.
// Format 2 added `regionGroups` and the settings' `excluded`, `stopsFutureUseOnly` and
// `timelines`; a format-1 file still parses (it simply has no region rules).
include!("format.rs");

/// The rules file as it is in the repository (parsed natively by tests; the wasm build uses the
/// code `build.rs` compiles from it instead).
pub const RULES_JSON: &str = include_str!("../../rules/linkedin.json");

/// `build.rs`'s output: `rules()`, building the compiled-in [`Rules`] without parsing.
/// Text in the rules: borrowed from the compiled-in rules, owned when a file is parsed (tests).
pub type Text = Cow<'static, str>;
/// A list in the rules: borrowed from the compiled-in rules, owned when a file is parsed.
pub type List<T> = Cow<'static, [T]>;
/// Texts per language, as `(BCP 47 tag, texts)` pairs in tag order (an object in the file).
pub type ByLanguage = List<(Text, List<Text>)>;

/// The rules as `build.rs` wrote them from `rules/linkedin.json`: a `static` of borrowed data,
/// so the core neither parses nor builds its rules at run time. An invalid date in the file
/// fails the build (`Date::new` is `const`).
mod compiled {
    use super::{FurtherOption, Period, RegionGroup, Rules, Setting, Site, Timeline};
    use crate::model::date::Date;
    use std::borrow::Cow::Borrowed as B;

    const fn date(year: u16, month: u8, day: u8) -> Date {
        match Date::new(year, month, day) {
            Some(date) => date,
            None => panic!("rules/linkedin.json has an invalid date"),
        }
    }

    include!(concat!(env!("OUT_DIR"), "/compiled_rules.rs"));
}

/// The whole rules file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    pub format: u32,
    pub revision: Text,
    pub site: Site,
    /// Groups of countries that LinkedIn treats alike (absent in format 1).
    #[serde(default)]
    pub region_groups: List<RegionGroup>,
    pub settings: List<Setting>,
}

/// Facts about the site as a whole.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// The only host NoTrain works on.
    pub host: Text,
    /// Path prefixes of sign-in pages and the authwall (shown to signed-out visitors).
    pub sign_in_paths: List<Text>,
    /// Path prefixes where NoTrain must never act (closing or hibernating the account).
    pub never_act_paths: List<Text>,
    /// CSS selector of the link that names the member signed in (the global navigation's link
    /// to the member's own profile comes first in the page, as Brave's PSST reads it); `None`:
    /// members are not told apart.
    #[serde(default)]
    pub member_link: Option<Text>,
    /// The path prefix of such a link; the next path segment is the member's public identifier,
    /// of which the background keeps only a salted one-way digest.
    #[serde(default)]
    pub member_path_prefix: Option<Text>,
}

/// One LinkedIn setting NoTrain knows how to find.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    /// Stable id used in storage and messages.
    pub id: Text,
    /// Paths of the page that holds the setting (desktop and mobile web).
    pub paths: List<Text>,
    /// The id the toggle's `aria-labelledby` names: the most stable hook known.
    pub hook: Text,
    /// `_locales` key of the setting's name as NoTrain shows it (options, popup, review summary).
    #[serde(default)]
    pub name_key: Option<Text>,
    /// `_locales` key of one sentence saying what the setting means when ON. The English
    /// sentence, with its source, is the file's `meaning` field (documentation, not compiled in).
    #[serde(default)]
    pub meaning_key: Option<Text>,
    /// The state NoTrain recommends (`"off"`); only a setting recommended OFF is ever switched,
    /// and only from ON to OFF, and only when the user included it in the review.
    #[serde(default)]
    pub recommended: Option<Text>,
    /// Toggle labels per language (fallback locator).
    #[serde(default, deserialize_with = "by_language")]
    pub labels: ByLanguage,
    /// The setting's name per language (page heading; fallback locator).
    #[serde(default, deserialize_with = "by_language")]
    pub names: ByLanguage,
    /// Where the facts above come from.
    pub sources: List<Text>,
    /// Data never used for this purpose, in every region (keys such as `private-messages`,
    /// `under-18`), unless a period says otherwise.
    #[serde(default)]
    pub excluded: List<Text>,
    /// Switching the setting off stops future use only: past use is not undone.
    #[serde(default)]
    pub stops_future_use_only: bool,
    /// Per group of regions, the periods of this setting (empty for a setting that only has
    /// locator data so far).
    #[serde(default)]
    pub timelines: List<Timeline>,
}

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
    pub sources: List<Text>,
    /// For people reading the file.
    #[serde(default)]
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
    pub sources: List<Text>,
    /// For people reading the file.
    #[serde(default)]
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

/// Parses rules text, refusing a format this core does not know.
pub fn parse(text: &str) -> Result<Rules, String> {
    #[derive(Deserialize)]
    struct FormatOnly {
        format: u32,
    }
    let header: FormatOnly = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if header.format > SUPPORTED_FORMAT {
        return Err(format!(
            "rules format {} is newer than this core ({SUPPORTED_FORMAT})",
            header.format
        ));
    }
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The rules compiled into this core (built by code `build.rs` generates from the file, which a
/// test checks equals parsing it).
pub fn rules() -> &'static Rules {
    &compiled::RULES
}

/// The AI-training setting, the one NoTrain acts on by default.
pub fn ai_setting() -> &'static Setting {
    rules()
        .settings
        .iter()
        .find(|setting| setting.id == AI_SETTING_ID)
        .expect("rules/linkedin.json defines the AI setting; checked by tests")
}

/// The setting with this id, if the rules know it.
pub fn setting(id: &str) -> Option<&'static Setting> {
    rules().settings.iter().find(|setting| setting.id == id)
}

impl Setting {
    /// Whether `path` (of a LinkedIn URL) is one of this setting's pages: ASCII case and a trailing
    /// slash ignored.
    pub fn is_its_page(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        self.paths.iter().any(|p| path.eq_ignore_ascii_case(p))
    }

    /// Whether NoTrain recommends this setting OFF (the only kind the review switches).
    pub fn recommended_off(&self) -> bool {
        self.recommended.as_deref() == Some("off")
    }
}

/// Id of the AI-training setting in the rules file.
pub const AI_SETTING_ID: &str = "ai-training";

/// The desktop URL of the AI setting page.
pub fn setting_url() -> String {
    let path = ai_setting().paths.first().map_or("", |path| path);
    format!("https://{}{}", rules().site.host, path)
}

/// Reads a `{"en": [...], "de": [...]}` object as [`ByLanguage`] pairs in tag order.
fn by_language<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ByLanguage, D::Error> {
    let map = BTreeMap::<String, Vec<String>>::deserialize(deserializer)?;
    let pairs = map.into_iter().map(|(tag, texts)| {
        let texts: Vec<Text> = texts.into_iter().map(Cow::Owned).collect();
        (Cow::Owned(tag), Cow::Owned(texts))
    });
    Ok(Cow::Owned(pairs.collect()))
}
