//! The core's one decision: given what the page shows, what NoTrain remembers and the time, what
//! should the content script show, click and watch, and what should be remembered.

use crate::banner::{describe, Banner};
use crate::locate::{locate, Located};
use crate::optout::{advance, Flow, Step};
use crate::page::{classify, PageKind};
use crate::reading::{read, Reading};
use crate::record::{Observation, Record};
use crate::rules::ai_setting;
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

/// Decides what to do about `report` at `now_ms`; updates `record` with any new verdict.
pub fn decide(report: &Report, record: &mut Record, now_ms: u64) -> Directive {
    let url = &report.snapshot.url;
    match classify(url) {
        PageKind::AiSetting => on_setting_page(report, record, now_ms),
        PageKind::SignIn => passive(Verdict::SignedOut, Reason::SignInPage),
        PageKind::NeverAct | PageKind::OtherLinkedIn | PageKind::NotLinkedIn => {
            let (verdict, reason) = remembered(record);
            passive(verdict, reason)
        }
    }
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

fn on_setting_page(report: &Report, record: &mut Record, now_ms: u64) -> Directive {
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
        Located::Missing => (Verdict::Unknown, Reason::NotFound),
    };
    remember(record, verdict, reason, snapshot, now_ms);
    watching(verdict, reason, None, None)
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
