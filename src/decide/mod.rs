//! The core's one decision: given what the page shows, what NoTrain remembers and the context
//! (time, time zone, region choice), what should the content script show, click, watch and where
//! should it go, and what should be remembered.

pub mod ahead;
pub mod elsewhere;
pub mod reach;
pub mod review_tab;
pub mod setting_page;

use crate::model::flow::Flow;
use crate::model::report::{Context, Intent, Report};
use crate::model::verdict::{Reason, Verdict};
use crate::region;
use crate::service::main_service;
use crate::service::page::{classify, service_path, PageKind};
use crate::state::record::Record;
use crate::state::{confirm, guided, member, review};
use crate::view::banner::{describe, Action, Banner};
use serde::Serialize;

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
    /// Count the visible elements matching each of these CSS selectors (the setting's
    /// prerequisite steps) in every report from now on (`Report::found`).
    pub look: Option<Vec<String>>,
    /// Press the one visible element matching `look[press]` as a person's click does, now
    /// (after checking it is one, visible, not pressed yet, and no switch-like control).
    pub press: Option<u32>,
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
            look: None,
            press: None,
        }
    }
}

/// Decides what to do about `report`; updates `record` with any new verdict or request.
pub fn decide(report: &Report, record: &mut Record, context: &Context) -> Directive {
    guided::drop_expired(record, context.now_ms);
    confirm::drop_expired(record, context.now_ms);
    review::expire(record, context.now_ms);
    let kind = classify(&report.snapshot.url);
    // The page's service (for a page of none, the main one: nothing there reads its rules).
    let rules = service_path(&report.snapshot.url).map_or(main_service(), |(rules, _)| rules);
    let signed_in = matches!(
        kind,
        PageKind::PrimarySetting | PageKind::Other | PageKind::NeverAct
    );
    let site = &rules.service;
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
        member::follow(record, report, &site.id);
    }
    if matches!(kind, PageKind::Other | PageKind::SignIn) {
        confirm::drop_if_elsewhere(record, report, context.now_ms);
    }
    let country = region::assumed_country(context);
    // "Back" is offered on the setting page only, towards a page of the same service.
    let back = match report.intent {
        Some(Intent::Back) if kind == PageKind::PrimarySetting => {
            guided::take_back(record, &site.id)
        }
        _ => None,
    };
    let (in_review_tab, just_ended) = review_tab::in_its_tab(record, report, context.now_ms);
    let mut directive = match kind {
        _ if in_review_tab => review_tab::decide(report, record, context),
        _ if just_ended => review_tab::summary_directive(record),
        PageKind::PrimarySetting => setting_page::decide(rules, report, record, context),
        PageKind::SignIn => elsewhere::sign_in(rules, report, record, context.now_ms),
        PageKind::Other => elsewhere::decide(rules, report, record, context),
        PageKind::NeverAct | PageKind::NotListed => {
            Directive::showing(describe(Verdict::Unknown, Reason::NeverRead))
        }
    };
    directive.banner.region = country.map(|c| c.code).unwrap_or_default();
    directive.banner.service = site.name.to_string();
    if kind == PageKind::PrimarySetting && !in_review_tab {
        let look = reach::look(rules.primary());
        directive.look = (!look.is_empty()).then_some(look);
    }
    directive.sense = sense;
    directive.navigate = directive.navigate.or(back);
    // A fresh ON reading on the setting page is never hidden: no "Dismiss" there, and an earlier
    // dismissal on this page hides only banners that offer one.
    if kind == PageKind::PrimarySetting
        && !in_review_tab
        && directive.banner.state == Verdict::Exposed
    {
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
