//! One reading per LinkedIn member: a page of member B never shows member A's reading (banner,
//! badge, popup), A's comes back when A is signed in again, a page that cannot tell its member
//! changes nothing and says so in the popup, the first report of a page asks for the member
//! before anything is shown, and a record read before members were told apart is kept.

use notrain::decide::{decide, Directive};
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::service::main_service;
use notrain::state::member::MAX_OTHER_MEMBERS;
use notrain::state::record::{Observation, Observed, Record, RECORD_VERSION};
use notrain::state::stored::{load, Loaded};
use notrain::view::badge;
use notrain::view::popup;
use serde_json::json;

const NOW: u64 = 1_795_953_600_000;
const FEED: &str = "https://www.linkedin.com/feed/";
const SETTING: &str = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement";
const A: &str = "aaaa0000aaaa0000aaaa0000aaaa0000";
const B: &str = "bbbb1111bbbb1111bbbb1111bbbb1111";

fn context() -> Context {
    Context {
        now_ms: NOW,
        time_zone: Some("America/New_York".to_owned()),
        region_choice: None,
        tell_members: true,
    }
}

fn feed(member: Option<&str>, record: &mut Record) -> Directive {
    let report = Report {
        snapshot: Snapshot {
            url: FEED.to_owned(),
            ..Snapshot::default()
        },
        member: member.map(str::to_owned),
        ..Report::default()
    };
    decide(&report, record, &context())
}

fn protected_for(member: &str) -> Record {
    Record {
        member: Some(member.to_owned()),
        readings: vec![ai_reading(Observation {
            verdict: Verdict::Protected,
            reason: Reason::Verified,
            at_ms: NOW - 1_000,
            url: SETTING.to_owned(),
        })],
        ..Record::default()
    }
}

#[test]
fn member_b_never_inherits_member_as_protected() {
    let mut record = protected_for(A);
    assert_eq!(main_badge(&record).text, "OFF");
    let on_feed = feed(Some(B), &mut record);
    // B was never read; New York's rule says ON by default: the banner says "probably ON".
    assert_eq!(on_feed.banner.state, Verdict::Unknown);
    assert_eq!(on_feed.banner.message, "bannerProbablyExposed");
    assert!(on_feed.banner.visible);
    assert_eq!(main_badge(&record).text, "?");
    let view = popup::view(&record, &context());
    assert_eq!(view.headline, "popupNeverReadAccount");
    assert!(!view.member_untold);
    let stored = serde_json::to_string(&record).expect("serialises");
    assert!(!stored.contains("alex"), "no identifier stored");

    // A signs in again: A's reading is back.
    feed(Some(A), &mut record);
    assert_eq!(main_badge(&record).text, "OFF");
    assert_eq!(
        record.members.len(),
        1,
        "B's (empty) readings are kept aside"
    );
}

#[test]
fn another_linkedin_member_leaves_other_services_readings_in_place() {
    let mut record = protected_for(A);
    let chatgpt = Observation {
        verdict: Verdict::Protected,
        reason: Reason::Verified,
        at_ms: NOW - 500,
        url: "https://chatgpt.com/#settings/DataControls".to_owned(),
    };
    record.remember("chatgpt", "improve-model", chatgpt.clone());
    feed(Some(B), &mut record);
    assert_eq!(
        record.reading("chatgpt", "improve-model"),
        Some(&chatgpt),
        "ChatGPT's reading is nobody's LinkedIn account's"
    );
    assert_eq!(record.reading("linkedin", "ai-training"), None);
    feed(Some(A), &mut record);
    assert_eq!(record.reading("chatgpt", "improve-model"), Some(&chatgpt));
    assert!(record.reading("linkedin", "ai-training").is_some());
}

#[test]
fn a_page_that_cannot_tell_its_member_changes_nothing_and_the_popup_says_so() {
    let mut record = protected_for(A);
    let untold = feed(Some(""), &mut record);
    assert!(
        !untold.banner.visible,
        "as today: A's OFF reading, no banner"
    );
    assert_eq!(main_badge(&record).text, "OFF");
    assert!(popup::view(&record, &context()).member_untold);
    feed(Some(A), &mut record);
    assert!(!popup::view(&record, &context()).member_untold);
}

#[test]
fn the_first_report_of_a_page_asks_for_the_member_before_showing_anything() {
    let mut record = protected_for(A);
    let first = feed(None, &mut record);
    assert!(!first.banner.visible);
    let sense = first
        .sense
        .expect("asks the content script to tell the member");
    assert_eq!(
        (sense.link, sense.path_prefix),
        ("a[href*=\"/in/\"]", "/in/")
    );
    assert_eq!(record, protected_for(A), "nothing decided yet");
    // Without telling members apart, pages are decided as before.
    let plain = decide(
        &Report {
            snapshot: Snapshot {
                url: FEED.to_owned(),
                ..Snapshot::default()
            },
            ..Report::default()
        },
        &mut record,
        &Context::at(NOW),
    );
    assert_eq!(plain.sense, None);
}

#[test]
fn a_few_members_at_most_keep_their_readings() {
    let mut record = protected_for(A);
    for n in 0..6u8 {
        let digest = format!("{n:x}").repeat(32);
        feed(Some(&digest), &mut record);
    }
    assert_eq!(record.members.len(), MAX_OTHER_MEMBERS);
    assert!(
        record.members.iter().all(|m| m.member != A),
        "the oldest went first"
    );
}

#[test]
fn a_record_from_before_members_is_kept_and_becomes_the_first_members() {
    let old = json!({"version": 1, "aiTraining": {"verdict": "protected", "reason": "verified",
                     "atMs": NOW - 5_000, "url": SETTING}});
    let Loaded::Valid(mut record) = load(Some(old)) else {
        panic!("a version 1 record loads");
    };
    assert_eq!(record.version, RECORD_VERSION, "upgraded");
    assert_eq!(
        main_badge(&record).text,
        "OFF",
        "the upgrade keeps the reading"
    );
    feed(Some(A), &mut record);
    assert_eq!(record.member.as_deref(), Some(A));
    assert_eq!(main_badge(&record).text, "OFF");
}

/// The reading of LinkedIn's AI setting, as the record keeps it.
fn ai_reading(seen: Observation) -> Observed {
    Observed {
        service: "linkedin".into(),
        setting: "ai-training".into(),
        seen,
    }
}

/// The badge when only the main service is turned on.
fn main_badge(record: &Record) -> badge::Badge {
    badge::badge(record, &[main_service()])
}
