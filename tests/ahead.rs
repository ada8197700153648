//! What ordinary pages draw before the core answers (`decide::ahead`): the banner the core then
//! chooses on that page, on any date before `until`, for the record it was made from; nothing
//! drawn ahead that says a setting is off; the setting, sign-in and never-act pages excepted; a
//! review, a snooze, a stale reading and the rules' next period bounding it. The same agreement
//! over any record, date and URL is a target of the fuzz campaign (`tests/fuzz/ahead.rs`).

use notrain::decide::ahead::{ahead, holds, Ahead, MAX_AHEAD_MS};
use notrain::decide::decide;
use notrain::model::date::Date;
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::{Reason, Verdict};
use notrain::state::record::{Observation, Record, Review, STALE_MS};

const NOW: u64 = 1_795_953_600_000; // 2026-11-29 12:00 UTC
const DAY: u64 = 24 * 60 * 60 * 1000;
const FEED: &str = "https://www.linkedin.com/feed/";

fn berlin(now_ms: u64) -> Context {
    Context {
        now_ms,
        time_zone: Some("Europe/Berlin".to_owned()),
        region_choice: None,
        tell_members: true,
    }
}

fn read(record: &mut Record, service: &str, setting: &str, verdict: Verdict, at_ms: u64) {
    let seen = Observation {
        verdict,
        reason: Reason::Read,
        at_ms,
        url: String::new(),
    };
    record.remember(service, setting, seen);
}

fn exposed_on_linkedin() -> Record {
    let mut record = Record::default();
    read(
        &mut record,
        "linkedin",
        "ai-training",
        Verdict::Exposed,
        NOW - DAY,
    );
    record.member = Some("ab12".to_owned());
    record
}

/// The banner the core draws on `url` at `context`, as the content script's first report of a
/// fresh page (telling the record's member where the service tells members apart).
fn core_banner(record: &Record, url: &str, context: &Context) -> notrain::view::banner::Banner {
    let report = Report {
        snapshot: Snapshot {
            url: url.to_owned(),
            ..Snapshot::default()
        },
        member: url
            .contains("linkedin.com")
            .then(|| record.member.clone().unwrap_or_default()),
        ..Report::default()
    };
    decide(&report, &mut record.clone(), context).banner
}

fn page<'a>(ahead: &'a Ahead, host: &str) -> &'a notrain::decide::ahead::Page {
    let found = ahead
        .pages
        .iter()
        .find(|page| page.hosts.iter().any(|h| h == host));
    found.expect("an entry for the host")
}

#[test]
fn an_exposed_reading_is_drawn_ahead_as_the_core_draws_it_on_any_ordinary_page() {
    let record = exposed_on_linkedin();
    let made = ahead(record.clone(), &berlin(NOW));
    let drawn = page(&made, "www.linkedin.com").banner.clone();
    let drawn = drawn.expect("an exposed reading is drawn ahead");
    assert_eq!(drawn.state, Verdict::Exposed);
    for url in [
        FEED,
        "https://www.linkedin.com/in/someone/",
        "https://www.linkedin.com/jobs/?q=1",
    ] {
        for at in [NOW, NOW + DAY, made.made.until_ms - 1] {
            assert_eq!(
                core_banner(&record, url, &berlin(at)),
                drawn,
                "{url} at {at}"
            );
        }
    }
    assert!(
        page(&made, "www.linkedin.com").sense.is_some(),
        "LinkedIn's first report tells the member already"
    );
}

#[test]
fn a_protected_or_silent_banner_is_never_drawn_ahead() {
    let mut record = Record::default();
    read(
        &mut record,
        "linkedin",
        "ai-training",
        Verdict::Protected,
        NOW - DAY,
    );
    let made = ahead(record.clone(), &berlin(NOW));
    assert_eq!(page(&made, "www.linkedin.com").banner, None);
    // Stale: the core shows "read OFF a while ago, check again", a protected state: the core's.
    let later = berlin(NOW + STALE_MS + DAY);
    assert_eq!(core_banner(&record, FEED, &later).state, Verdict::Protected);
    assert_eq!(
        page(&ahead(record.clone(), &later), "www.linkedin.com").banner,
        None
    );
}

#[test]
fn it_holds_for_a_week_when_nothing_changes_sooner() {
    let record = exposed_on_linkedin();
    let made = ahead(record.clone(), &berlin(NOW));
    assert_eq!(made.made.until_ms, NOW + MAX_AHEAD_MS);
    assert!(holds(&made.made, &record, &berlin(made.made.until_ms - 1)));
    assert!(!holds(&made.made, &record, &berlin(made.made.until_ms)));
}

#[test]
fn another_revision_zone_or_region_choice_makes_it_again() {
    let record = exposed_on_linkedin();
    let made = ahead(record.clone(), &berlin(NOW)).made;
    assert!(holds(&made, &record, &berlin(NOW + 1)));
    let mut written = record.clone();
    written.revision += 1;
    assert!(!holds(&made, &written, &berlin(NOW)));
    let chosen = Context {
        region_choice: Some("US".to_owned()),
        ..berlin(NOW)
    };
    assert!(!holds(&made, &record, &chosen));
    let elsewhere = Context {
        time_zone: Some("America/New_York".to_owned()),
        ..berlin(NOW)
    };
    assert!(!holds(&made, &record, &elsewhere));
}

#[test]
fn a_snooze_hides_it_until_the_snooze_ends() {
    let mut record = exposed_on_linkedin();
    record.snoozed_until_ms = Some(NOW + 2 * DAY);
    let made = ahead(record.clone(), &berlin(NOW));
    assert_eq!(page(&made, "www.linkedin.com").banner, None);
    assert_eq!(made.made.until_ms, NOW + 2 * DAY);
    let after = ahead(record.clone(), &berlin(NOW + 2 * DAY));
    assert_eq!(
        page(&after, "www.linkedin.com").banner,
        Some(core_banner(&record, FEED, &berlin(NOW + 2 * DAY)))
    );
}

#[test]
fn nothing_is_drawn_ahead_while_a_review_may_show_in_its_tab() {
    let mut record = exposed_on_linkedin();
    record.review = Some(Review {
        started_at_ms: NOW - 1_000,
        tab: 7,
        items: Vec::new(),
        cancelled: false,
        ended_at_ms: None,
        stopped: None,
    });
    assert!(ahead(record.clone(), &berlin(NOW)).pages.is_empty());
    if let Some(review) = record.review.as_mut() {
        review.ended_at_ms = Some(NOW - 1_000);
    }
    let summary = ahead(record.clone(), &berlin(NOW));
    assert!(summary.pages.is_empty(), "its summary is still shown");
    assert_eq!(summary.made.until_ms, NOW - 1_000 + 60_000);
    assert!(!ahead(record.clone(), &berlin(NOW + 60_000))
        .pages
        .is_empty());
}

#[test]
fn the_setting_sign_in_and_never_act_pages_are_excepted() {
    let made = ahead(exposed_on_linkedin(), &berlin(NOW));
    let except = &page(&made, "www.linkedin.com").except;
    for path in [
        "/mypreferences/d/settings/data-for-ai-improvement",
        "/login",
        "//",
    ] {
        assert!(
            except.iter().any(|p| path.contains(p.as_str())),
            "{path}: {except:?}"
        );
    }
    let chatgpt = &page(&made, "chatgpt.com").except;
    assert!(
        chatgpt.iter().any(|p| p.starts_with('#')),
        "ChatGPT's setting is a hash route: {chatgpt:?}"
    );
}

#[test]
fn a_default_on_region_is_drawn_ahead_until_the_rules_next_period() {
    // No reading: the rule's default speaks ("probably exposed"), dated.
    let record = Record::default();
    let made = ahead(record.clone(), &berlin(NOW));
    let drawn = page(&made, "www.linkedin.com").banner.clone();
    assert_eq!(
        drawn.map(|b| (b.state, b.message)),
        Some((Verdict::Unknown, "bannerProbablyExposed"))
    );
    // Before the EU's default changed (2025-11-03), another period starts: it ends there.
    let before = Date::new(2025, 10, 1)
        .map(Date::start_ms)
        .unwrap_or_default();
    let then = ahead(record.clone(), &berlin(before));
    let change = Date::new(2025, 11, 3)
        .map(Date::start_ms)
        .unwrap_or_default();
    assert!(
        then.made.until_ms <= change,
        "{} > {change}",
        then.made.until_ms
    );
    assert_eq!(
        page(&then, "www.linkedin.com").banner,
        None,
        "not default ON in Germany before then: nothing to draw"
    );
}

#[test]
fn a_date_begins_at_its_utc_midnight() {
    assert_eq!(Date::new(1970, 1, 1).map(Date::start_ms), Some(0));
    for ms in [0, NOW, 253_402_300_799_000, 951_782_400_000 + 5] {
        let day = Date::from_unix_ms(ms);
        assert_eq!(Date::from_unix_ms(day.start_ms()), day);
        assert!(day.start_ms() <= ms && ms - day.start_ms() < DAY, "{ms}");
    }
    assert_eq!(Date::new(1969, 12, 31).map(Date::start_ms), Some(0));
}
