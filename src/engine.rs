//! The core's one decision: given what the page shows, what NoTrain remembers and the context
//! (time, time zone, region choice), what should the content script show, click, watch and where
//! should it go, and what should be remembered.

use crate::banner::{describe, Action, Banner};
use crate::optout::Flow;
use crate::page::{classify, PageKind};
use crate::record::Record;
use crate::region;
use crate::rules::rules;
use crate::snapshot::Snapshot;
use crate::verdict::{Reason, Verdict};
use crate::{confirm, elsewhere, guided, member, setting_page, sweep, sweep_page};
use serde::{Deserialize, Serialize};

crate::named_enum! {
    /// What the user asked for with a trusted click on NoTrain's own button.
    pub enum Intent {
        OptOut = "opt-out",
        Dismiss = "dismiss",
        /// Stop the review of settings ("Review my settings") under way.
        Cancel = "cancel",
        /// Go back to the page a guided opt-out came from (once: the way back is then forgotten).
        Back = "back",
    }
}

/// One report from the content script.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Report {
    pub snapshot: Snapshot,
    /// Milliseconds since the content script began watching this page.
    pub elapsed_ms: u64,
    pub intent: Option<Intent>,
    /// The flow from the previous directive, echoed back unchanged.
    pub flow: Option<Flow>,
    /// The user pressed "Dismiss" on this page (the content script keeps it until the path changes).
    pub dismissed: bool,
    /// The browser tab the report came from (set by the background from the sender, never by
    /// the page); the review of settings acts only in its own tab.
    pub tab: Option<u32>,
    /// Which load of the page this is (`performance.timeOrigin`, whole ms; 0 when unknown): a
    /// fresh load is another document than the one that clicked.
    pub loaded_at_ms: u64,
    /// The member signed in, as the [`Sense`] of an earlier directive found it: its one-way
    /// digest (made by the background from what the content script read), empty when the page
    /// showed none; `None` when the content script was not asked yet.
    pub member: Option<String>,
}

/// What the extension knows besides the page: the time, the browser's time zone, and the region
/// the user chose in the options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Milliseconds since the Unix epoch.
    pub now_ms: u64,
    /// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
    pub time_zone: Option<String>,
    /// The user's choice (ISO 3166-1 alpha-2, as stored; checked before use).
    pub region_choice: Option<String>,
    /// Whether to tell members apart: the background hashes what the content script reads of
    /// the member (with this installation's random salt) before the core sees it.
    pub tell_members: bool,
}

impl Context {
    /// A context at `now_ms` with no time zone and no choice.
    pub fn at(now_ms: u64) -> Context {
        Context {
            now_ms,
            ..Context::default()
        }
    }

    /// The region NoTrain assumes: the user's valid choice, else the time zone's country.
    pub fn country(&self) -> Option<region::Country> {
        region::resolve_country(self.region_choice.as_deref(), self.time_zone.as_deref())
    }
}

/// The core's answer to a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Directive {
    pub banner: Banner,
    /// Keep watching the page's switch-like controls and report changes.
    pub observe: bool,
    /// Report again after this many milliseconds even if nothing changed.
    pub recheck_ms: Option<u64>,
    /// Click the control with this snapshot index, now.
    pub click: Option<u32>,
    /// Send this back with the next report.
    pub flow: Option<Flow>,
    /// Go to this LinkedIn URL now.
    pub navigate: Option<String>,
    /// Tell the member signed in with every report from now on (and report again at once if
    /// this report did not).
    pub sense: Option<Sense>,
}

/// How the content script tells the member signed in, from the rules: the first link matching
/// `link` whose path starts with `path_prefix` names the member in its next path segment. The
/// background keeps only a salted SHA-256 of that segment (lower case), which the core sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sense {
    pub link: &'static str,
    pub path_prefix: &'static str,
}

impl Directive {
    /// Show `banner`; nothing to watch, click or follow.
    pub fn showing(banner: Banner) -> Directive {
        Directive {
            banner,
            observe: false,
            recheck_ms: None,
            click: None,
            flow: None,
            navigate: None,
            sense: None,
        }
    }
}

/// Decides what to do about `report`; updates `record` with any new verdict or request.
pub fn decide(report: &Report, record: &mut Record, context: &Context) -> Directive {
    guided::drop_expired(record, context.now_ms);
    confirm::drop_expired(record, context.now_ms);
    sweep::expire(record, context.now_ms);
    let kind = classify(&report.snapshot.url);
    let signed_in = matches!(
        kind,
        PageKind::AiSetting | PageKind::OtherLinkedIn | PageKind::NeverAct
    );
    let site = &rules().site;
    let sense = match (&site.member_link, &site.member_path_prefix) {
        (Some(link), Some(prefix)) if signed_in && context.tell_members => Some(Sense {
            link,
            path_prefix: prefix,
        }),
        _ => None,
    };
    if sense.is_some() && member::told(report) == member::Told::NotSensed {
        // The first report of a page: learn its member before showing anything of anyone's.
        return Directive {
            sense,
            ..Directive::showing(describe(Verdict::Working, Reason::Looking))
        };
    }
    if signed_in {
        member::follow(record, report);
    }
    if matches!(kind, PageKind::OtherLinkedIn | PageKind::SignIn) {
        confirm::drop_if_elsewhere(record, report, context.now_ms);
    }
    let country = context.country();
    let back = match report.intent {
        Some(Intent::Back) => guided::take_back(record),
        _ => None,
    };
    let (in_sweep_tab, just_ended) = sweep_page::in_its_tab(record, report, context.now_ms);
    let mut directive = match kind {
        _ if in_sweep_tab => sweep_page::decide(report, record, context),
        _ if just_ended => sweep_page::summary_directive(record),
        PageKind::AiSetting => setting_page::decide(report, record, context),
        PageKind::SignIn => elsewhere::sign_in(report, record, context.now_ms),
        PageKind::OtherLinkedIn => elsewhere::decide(report, record, context),
        PageKind::NeverAct | PageKind::NotLinkedIn => {
            Directive::showing(describe(Verdict::Unknown, Reason::NeverRead))
        }
    };
    directive.banner.region = country.map(|c| c.code).unwrap_or_default();
    directive.sense = sense;
    directive.navigate = directive.navigate.or(back);
    // A fresh ON reading on the setting page is never hidden: no "Dismiss" there, and an earlier
    // dismissal on this page hides only banners that offer one.
    if kind == PageKind::AiSetting && !in_sweep_tab && directive.banner.state == Verdict::Exposed {
        directive
            .banner
            .actions
            .retain(|action| *action != Action::Dismiss);
    }
    if report.dismissed && directive.banner.actions.contains(&Action::Dismiss) {
        directive.banner.visible = false;
    }
    directive
}
