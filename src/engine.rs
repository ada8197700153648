//! The core's one decision: given what the page shows, what NoTrain remembers and the time, what
//! should the content script show, click and watch, and what should be remembered.

use crate::banner::{describe, Banner};
use crate::locate::{locate, Located};
use crate::optout::{advance, Flow, Step};
use crate::page::{classify, PageKind};
use crate::reading::{read, Reading};
use crate::record::{Observation, Record};
use crate::region::{self, Assessment, Date, Observed};
use crate::rules::{ai_setting, AI_SETTING_ID};
use crate::snapshot::{Control, Snapshot};
use crate::verdict::{Reason, Verdict};
use serde::{Deserialize, Serialize};

/// How long the setting page may take to show its toggle before NoTrain gives up looking.
pub const SETTLE_WAIT_MS: u64 = 15_000;

/// What the user asked for with a trusted click on NoTrain's own button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    OptOut,
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
}

/// Decides what to do about `report`; updates `record` with any new verdict.
pub fn decide(report: &Report, record: &mut Record, context: &Context) -> Directive {
    let country = context.country();
    let now_ms = context.now_ms;
    let mut directive = match classify(&report.snapshot.url) {
        PageKind::AiSetting => on_setting_page(report, record, country.as_ref(), now_ms),
        PageKind::SignIn => passive(Verdict::SignedOut, Reason::SignInPage),
        PageKind::NeverAct | PageKind::OtherLinkedIn | PageKind::NotLinkedIn => {
            let (verdict, reason) = remembered(record);
            passive(verdict, reason)
        }
    };
    directive.banner.region = country.map(|c| c.code).unwrap_or_default();
    directive
}

/// The remembered verdict, for pages where the toggle cannot be read.
fn remembered(record: &Record) -> (Verdict, Reason) {
    match &record.ai_training {
        Some(seen) => (seen.verdict, seen.reason),
        None => (Verdict::Unknown, Reason::NeverRead),
    }
}

fn passive(verdict: Verdict, reason: Reason) -> Directive {
    let mut banner = describe(verdict, reason);
    banner.visible = false;
    Directive {
        banner,
        observe: false,
        recheck_ms: None,
        click: None,
        flow: None,
    }
}

fn on_setting_page(
    report: &Report,
    record: &mut Record,
    country: Option<&region::Country>,
    now_ms: u64,
) -> Directive {
    let snapshot = &report.snapshot;
    let located = locate(snapshot, ai_setting());
    if let Some(flow) = report.flow {
        let reading = match &located {
            Located::Found(control, _) => Some(read(control)),
            Located::Ambiguous(_) | Located::Missing => None,
        };
        return verify(flow, reading, record, snapshot, now_ms);
    }
    let (verdict, reason) = match located {
        Located::Found(control, _) => return on_toggle(control, report, record, now_ms),
        Located::Ambiguous(_) => (Verdict::Unknown, Reason::Ambiguous),
        Located::Missing if report.elapsed_ms < SETTLE_WAIT_MS => {
            return watching(
                Verdict::Working,
                Reason::Looking,
                Some(SETTLE_WAIT_MS - report.elapsed_ms),
                None,
            );
        }
        Located::Missing => missing(country, now_ms),
    };
    remember(record, verdict, reason, snapshot, now_ms);
    watching(verdict, reason, None, None)
}

/// The page settled without the toggle: `unavailable` where the rules say the setting is not
/// offered in the assumed region today, else `unknown`.
fn missing(country: Option<&region::Country>, now_ms: u64) -> (Verdict, Reason) {
    let today = Date::from_unix_ms(now_ms);
    let evaluation = region::evaluate(&Assessment {
        setting_id: AI_SETTING_ID.to_owned(),
        country: country.map(|c| c.code.clone()),
        country_inferred: country.is_some_and(|c| c.inferred),
        today,
        observed: Some(region::Observation {
            state: Observed::Missing,
            at: today,
        }),
    });
    match evaluation.verdict {
        Verdict::Unavailable => (Verdict::Unavailable, Reason::NotOffered),
        _ => (Verdict::Unknown, Reason::NotFound),
    }
}

/// The toggle is found and no opt-out is under way.
fn on_toggle(control: &Control, report: &Report, record: &mut Record, now_ms: u64) -> Directive {
    let reading = read(control);
    let wants_out = report.intent == Some(Intent::OptOut);
    let (verdict, reason) = match reading {
        Reading::Disagreeing => (Verdict::Unknown, Reason::Disagreeing),
        Reading::Unreadable => (Verdict::Unknown, Reason::Unreadable),
        Reading::Off if wants_out => (Verdict::Protected, Reason::AlreadyOff),
        Reading::Off => (Verdict::Protected, Reason::Read),
        Reading::On if control.disabled => (Verdict::Exposed, Reason::Disabled),
        Reading::On if wants_out => {
            let flow = Flow::Clicked {
                clicked_at_ms: now_ms,
            };
            let mut directive = watching(
                Verdict::Working,
                Reason::Verifying,
                Some(crate::optout::POLL_MS),
                Some(flow),
            );
            directive.click = Some(control.index);
            return directive;
        }
        Reading::On => (Verdict::Exposed, Reason::Read),
    };
    remember(record, verdict, reason, &report.snapshot, now_ms);
    watching(verdict, reason, None, None)
}

/// An opt-out is under way: advance it with the fresh reading.
fn verify(
    flow: Flow,
    reading: Option<Reading>,
    record: &mut Record,
    snapshot: &Snapshot,
    now_ms: u64,
) -> Directive {
    let (verdict, reason) = match advance(flow, reading, now_ms) {
        Step::Wait(flow, recheck_ms) => {
            return watching(
                Verdict::Working,
                Reason::Verifying,
                Some(recheck_ms),
                Some(flow),
            )
        }
        Step::Verified => (Verdict::Protected, Reason::Verified),
        Step::Failed(reason) => (Verdict::Failed, reason),
    };
    remember(record, verdict, reason, snapshot, now_ms);
    watching(verdict, reason, None, None)
}

fn watching(
    verdict: Verdict,
    reason: Reason,
    recheck_ms: Option<u64>,
    flow: Option<Flow>,
) -> Directive {
    Directive {
        banner: describe(verdict, reason),
        observe: true,
        recheck_ms,
        click: None,
        flow,
    }
}

fn remember(record: &mut Record, verdict: Verdict, reason: Reason, snapshot: &Snapshot, now: u64) {
    record.ai_training = Some(Observation {
        verdict,
        reason,
        at_ms: now,
        url: snapshot.url.clone(),
    });
}
