//! The rules' schema and the rules compiled in: one file per service (`rules/services/*.json`:
//! its hosts, pages, timings, and its settings with how each is found and reached) and the shared
//! region groups (`rules/regions.json`). The vocabulary is documented in `docs/rules.md`.
//!
//! Rules are data, compiled into the core by `build.rs` (a `static`, nothing parsed at run time). A
//! file of another `format` than this core reads is refused rather than misread. JSON, not TOML:
//! `serde_json` already reads it at build time and in the tests, and a TOML parser would be one
//! more dependency for no gain. The documentation fields (`sources`, `note`, `meaning`,
//! `evidence`) and the parsers exist in native builds only, where the tests check the files; the
//! shipped wasm has neither.
//!
//! Region data: `rules/regions.json` names groups of ISO 3166-1 alpha-2 codes; each setting's
//! `timelines` give, for some groups, the periods in force from a date until the next period's
//! date. [`crate::region`] evaluates them. To add a region: add a group (and its countries) and
//! name it in a timeline. To add a period: append it to the timeline with its sources.

use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

// The rules-file format this core reads (`SUPPORTED_FORMAT`), shared with `build.rs`. Format 3
// split the rules into one file per service and the shared region groups, and made how a setting
// is found (`locators`) and reached (`steps`) typed lists; format 4 added the prerequisite steps
// (`click`, `waitFor`) and hash routes among a setting's `paths`.
include!("format.rs");

#[cfg(not(target_arch = "wasm32"))]
mod parse;
mod timeline;
#[cfg(not(target_arch = "wasm32"))]
pub use parse::{parse_files, parse_regions, parse_service};
pub use timeline::{FurtherOption, Period, RegionGroup, Timeline};

/// `build.rs`'s output: `rules()`, building the compiled-in [`Rules`] without parsing.
/// Text in the rules: borrowed from the compiled-in rules, owned when a file is parsed (tests).
pub type Text = Cow<'static, str>;
/// A list in the rules: borrowed from the compiled-in rules, owned when a file is parsed.
pub type List<T> = Cow<'static, [T]>;
/// Texts per language, as `(BCP 47 tag, texts)` pairs in tag order (an object in the file).
pub type ByLanguage = List<(Text, List<Text>)>;

/// The rules as `build.rs` wrote them from the rules files: a `static` of borrowed data,
/// so the core neither parses nor builds its rules at run time. An invalid date in the file
/// fails the build (`Date::new` is `const`).
mod compiled {
    // Each type a rules file may use; `build.rs` writes only those the files do use.
    #[allow(unused_imports)]
    use super::{
        Access, AttributeIs, Certainty, Evidence, FurtherOption, Locator, Period, RegionGroup,
        Rules, Service, ServiceRules, Setting, Step, Timeline, Timings,
    };
    use crate::model::date::Date;
    use std::borrow::Cow::Borrowed as B;

    const fn date(year: u16, month: u8, day: u8) -> Date {
        match Date::new(year, month, day) {
            Some(date) => date,
            None => panic!("a rules file has an invalid date"),
        }
    }

    include!(concat!(env!("OUT_DIR"), "/compiled_rules.rs"));
}

/// Every rules file: the shared region groups and each service's rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// Groups of countries that services treat alike (`rules/regions.json`).
    pub region_groups: List<RegionGroup>,
    /// One entry per file of `rules/services/`, in file-name order.
    pub services: List<ServiceRules>,
}

/// `rules/regions.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Regions {
    pub format: u32,
    pub revision: Text,
    pub groups: List<RegionGroup>,
}

/// One file of `rules/services/`: a service and its settings.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceRules {
    pub format: u32,
    pub revision: Text,
    pub service: Service,
    pub settings: List<Setting>,
}

/// Facts about a service as a whole.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    /// Stable id used in storage and messages (`linkedin`).
    pub id: Text,
    /// The service's own name, as it writes it (not translated).
    pub name: Text,
    /// The hosts NoTrain works on for this service; the first is the one its URLs use.
    pub hosts: List<Text>,
    /// Whether the extension asks for the hosts at install (`required`) or when the user turns
    /// the service on (`optional`); `cargo xtask build` writes the manifest from it.
    pub access: Access,
    /// The id of the setting NoTrain watches on every page of the service and offers to switch
    /// off; the others are switched only in a review the user starts.
    pub primary_setting: Text,
    /// Path prefixes of sign-in pages and the authwall (shown to signed-out visitors).
    pub sign_in_paths: List<Text>,
    /// Path prefixes where NoTrain must never act (closing or hibernating the account).
    pub never_act_paths: List<Text>,
    /// The only part of the service a review of settings visits (a path prefix).
    pub review_prefix: Text,
    /// CSS selector of the link that names the member signed in (the global navigation's link
    /// to the member's own profile comes first in the page, as Brave's PSST reads it); `None`:
    /// members are not told apart.
    #[serde(default)]
    pub member_link: Option<Text>,
    /// The path prefix of such a link; the next path segment is the member's public identifier,
    /// of which the background keeps only a salted one-way digest.
    #[serde(default)]
    pub member_path_prefix: Option<Text>,
    pub timings: Timings,
    /// A record from before version 3, which kept one service's readings without naming it,
    /// holds this service's: its `aiTraining` is the primary setting's, its `others` and
    /// `included` name this service's settings (LinkedIn, the only service then).
    #[serde(default)]
    pub earlier_record: bool,
}

/// When the extension gets a service's hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Access {
    Required,
    Optional,
}

/// How long a service's pages may take, in milliseconds (see [`crate::verify`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timings {
    /// After NoTrain's click, how long the toggle may take to read OFF at all.
    pub click_timeout_ms: u64,
    /// After a click, how long the control's state may disagree with itself while it saves.
    pub save_window_ms: u64,
    /// How long the page must read OFF after the click before NoTrain loads it again.
    pub page_hold_ms: u64,
    /// How long an OFF reading must hold on a fresh load before it counts as `protected`.
    pub settle_ms: u64,
    /// How long a setting page may take to show its toggle before NoTrain gives up looking.
    pub give_up_ms: u64,
}

/// One way to recognise a setting's toggle among a page's switch-like controls. A setting's
/// locators are tried in order, most trusted first; two controls matching the same one make the
/// page ambiguous.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Locator {
    /// The control's `aria-labelledby` names this id.
    LabelledBy(Text),
    /// The control's accessible name says one of these phrases (per language).
    #[serde(deserialize_with = "by_language")]
    Name(ByLanguage),
    /// The control has this attribute with this value (a test id, say).
    Selector(AttributeIs),
    /// The page's heading says one of these phrases and the control is the only visible switch.
    #[serde(deserialize_with = "by_language")]
    OnlySwitchUnderHeading(ByLanguage),
}

/// An attribute and its exact value.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeIs {
    pub attribute: Text,
    pub value: Text,
}

/// One step to reach and switch a setting. A setting's steps open its page, may press what opens
/// the setting (a menu, a tab, a dialog's button) and wait for what must be shown, and end with
/// the one verified `switchOff`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Step {
    /// Load this path (or `#hash` route) of the service's first host.
    Open(Text),
    /// A prerequisite: press the one visible element with this attribute as a person's click
    /// does (pointer and mouse events, then `click`). Never the setting's own switch, nor an
    /// element holding a switch-like control: the content script refuses those.
    Click(AttributeIs),
    /// The element with this attribute must be shown before any later step acts.
    WaitFor(AttributeIs),
    /// Switch the located toggle OFF, verified (click, read OFF, reload, hold).
    SwitchOff,
}

/// One fact a setting's rules rely on, with how sure it is.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evidence {
    /// What the fact is about: `locator <n>` (1 for the first), `steps`, `default`, `signed-in`.
    pub about: Text,
    pub tag: Certainty,
    /// The source: working public code, an official page, press.
    pub by: Text,
}

/// How sure a fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Certainty {
    /// Working public code or an official page says so.
    Confirmed,
    /// Several independent sources say so.
    Multi,
    /// One source, or inference.
    Uncertain,
}

/// One setting of a service that NoTrain knows how to find.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Setting {
    /// Stable id used in storage and messages.
    pub id: Text,
    /// Paths of the page that holds the setting (desktop and mobile web).
    pub paths: List<Text>,
    /// `_locales` key of the setting's name as NoTrain shows it (options, popup, review summary).
    #[serde(default)]
    pub name_key: Option<Text>,
    /// `_locales` key of one sentence saying what the setting means when ON.
    #[serde(default)]
    pub meaning_key: Option<Text>,
    /// That sentence in English, for people reading the file (documentation, not compiled in).
    #[serde(default)]
    #[cfg(not(target_arch = "wasm32"))]
    pub meaning: Option<Text>,
    /// The state NoTrain recommends (`"off"`); only a setting recommended OFF is ever switched,
    /// and only from ON to OFF, and only when the user included it in the review.
    #[serde(default)]
    pub recommended: Option<Text>,
    /// How its toggle is recognised, most trusted first (at least one).
    pub locators: List<Locator>,
    /// How it is reached: open its page, then switch it off.
    pub steps: List<Step>,
    /// Where the facts above come from.
    #[cfg(not(target_arch = "wasm32"))]
    pub sources: List<Text>,
    /// How sure NoTrain is of each fact it relies on (a locator, the steps, the default), and by
    /// what (documentation, not compiled into the wasm).
    #[serde(default)]
    #[cfg(not(target_arch = "wasm32"))]
    pub evidence: List<Evidence>,
    /// `_locales` key of one sentence on what NoTrain is sure of about this setting (the options
    /// page shows it for every service).
    #[serde(default)]
    pub certainty_key: Option<Text>,
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

/// The rules compiled into this core (built by code `build.rs` generates from the files, which a
/// test checks equals parsing them).
pub fn rules() -> &'static Rules {
    &compiled::RULES
}

impl Setting {
    /// Whether a URL of its service with this `path` and `fragment` (after `#`, if any) is one
    /// of this setting's pages: a path equal to one of `paths` (ASCII case and a trailing slash
    /// ignored), or a fragment that is one of its hash routes (the `paths` that begin with `#`) or
    /// lies below one (`settings/General` below `settings`), whatever the path.
    pub fn is_its_page(&self, path: &str, fragment: Option<&str>) -> bool {
        let path = path.trim_end_matches('/');
        self.paths.iter().any(|p| match p.strip_prefix('#') {
            Some(route) => fragment.is_some_and(|f| below(f, route)),
            None => path.eq_ignore_ascii_case(p.trim_end_matches('/')),
        })
    }

    /// The prerequisite steps (`click`, `waitFor`) in order: what the content script is asked
    /// to look for on the setting's page.
    pub fn prerequisites(&self) -> impl Iterator<Item = &Step> {
        self.steps
            .iter()
            .filter(|step| matches!(step, Step::Click(_) | Step::WaitFor(_)))
    }

    /// Whether the setting's switch is shown only after a prerequisite is pressed (a dialog, say):
    /// its absence from a page nobody asked NoTrain to open is no reading.
    pub fn behind_a_click(&self) -> bool {
        self.steps.iter().any(|step| matches!(step, Step::Click(_)))
    }

    /// Whether NoTrain recommends this setting OFF (the only kind the review switches).
    pub fn recommended_off(&self) -> bool {
        self.recommended.as_deref() == Some("off")
    }
}

/// Whether the fragment `fragment` is `route` or lies below it, segment-wise, ASCII case ignored.
fn below(fragment: &str, route: &str) -> bool {
    let head = fragment.get(..route.len());
    head.is_some_and(|head| head.eq_ignore_ascii_case(route))
        && matches!(fragment.as_bytes().get(route.len()), None | Some(b'/'))
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
