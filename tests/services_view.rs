//! Every switch at a glance: which services are turned on (LinkedIn always, another once all its
//! origins are granted), the popup's row and one action per service, and the badge's worst state
//! across them with a tooltip naming the services it is about.

use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{Observation, Record, STALE_MS};
use notrain::view::badge::badge;
use notrain::view::services::{known, rows, turned_on};

const NOW: u64 = 1_795_953_600_000;

fn granted(origins: &[&str]) -> Vec<String> {
    origins.iter().map(|o| (*o).to_owned()).collect()
}

fn ids(on: &[&notrain::rules::ServiceRules]) -> Vec<String> {
    on.iter()
        .map(|rules| rules.service.id.to_string())
        .collect()
}

fn read(record: &mut Record, service: &str, setting: &str, verdict: Verdict, age_ms: u64) {
    let seen = Observation {
        verdict,
        reason: Reason::Read,
        at_ms: NOW - age_ms,
        url: String::new(),
    };
    record.remember(service, setting, seen);
}

#[test]
fn linkedin_is_always_on_and_another_service_once_its_site_is_granted() {
    assert_eq!(ids(&turned_on(&[])), ["linkedin"]);
    let on = turned_on(&granted(&["https://x.com/*", "https://chatgpt.com/*"]));
    assert_eq!(
        ids(&on),
        ["linkedin", "chatgpt", "x"],
        "required first, then the rules' order"
    );
    assert_eq!(
        ids(&turned_on(&granted(&["https://x.com/"]))),
        ["linkedin"],
        "not the pattern asked for"
    );
    let listed: Vec<(String, bool, bool)> = known(&granted(&["https://x.com/*"]))
        .into_iter()
        .map(|s| (s.id, s.required, s.on))
        .collect();
    assert_eq!(
        listed,
        [
            ("linkedin".to_owned(), true, true),
            ("chatgpt".to_owned(), false, false),
            ("claude".to_owned(), false, false),
            ("x".to_owned(), false, true),
        ]
    );
}

#[test]
fn each_row_offers_opt_out_when_exposed_and_check_when_never_or_long_ago_read() {
    let mut record = Record::default();
    read(
        &mut record,
        "linkedin",
        "ai-training",
        Verdict::Protected,
        1_000,
    );
    read(
        &mut record,
        "chatgpt",
        "improve-model",
        Verdict::Exposed,
        1_000,
    );
    read(
        &mut record,
        "x",
        "grok-training",
        Verdict::Protected,
        STALE_MS + 1,
    );
    let all = granted(&[
        "https://chatgpt.com/*",
        "https://x.com/*",
        "https://claude.ai/*",
    ]);
    let shown: Vec<(String, Verdict, Option<&str>)> = rows(&record, &turned_on(&all), NOW)
        .into_iter()
        .map(|row| (row.id, row.state, row.action))
        .collect();
    assert_eq!(
        shown,
        [
            ("linkedin".to_owned(), Verdict::Protected, None),
            ("chatgpt".to_owned(), Verdict::Exposed, Some("opt-out")),
            ("claude".to_owned(), Verdict::Unknown, Some("check")),
            ("x".to_owned(), Verdict::Protected, Some("check")),
        ]
    );
}

#[test]
fn the_badge_is_the_worst_state_and_names_the_services_it_is_about() {
    let all = granted(&["https://chatgpt.com/*", "https://x.com/*"]);
    let on = turned_on(&all);
    let mut record = Record::default();
    read(
        &mut record,
        "linkedin",
        "ai-training",
        Verdict::Protected,
        1_000,
    );
    read(
        &mut record,
        "chatgpt",
        "improve-model",
        Verdict::Protected,
        1_000,
    );
    let unknown = badge(&record, &on);
    assert_eq!(
        (unknown.text, unknown.services.as_str()),
        ("?", "X"),
        "X never read"
    );
    read(&mut record, "x", "grok-training", Verdict::Protected, 1_000);
    let off = badge(&record, &on);
    assert_eq!(
        (off.text, off.services.as_str()),
        ("OFF", "LinkedIn, ChatGPT, X")
    );
    read(
        &mut record,
        "chatgpt",
        "improve-model",
        Verdict::Exposed,
        10,
    );
    let exposed = badge(&record, &on);
    assert_eq!((exposed.text, exposed.title), ("ON", "badgeTitleExposed"));
    assert_eq!(exposed.services, "ChatGPT");
    // A service turned off counts no more.
    let only_linkedin = badge(&record, &turned_on(&[]));
    assert_eq!(
        (only_linkedin.text, only_linkedin.services.as_str()),
        ("OFF", "LinkedIn")
    );
}
