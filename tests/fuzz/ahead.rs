//! Target `ahead`: what ordinary pages draw before the core answers (`decide::ahead`), over any
//! record (with or without a member, a review under way or ended), clock, time zone and region
//! choice, and any URL.
//!
//! Properties: nothing drawn ahead is hidden or says a setting is off; for a URL the content
//! script would draw it on (its host has an entry, its path and fragment contain no exception,
//! read as the content script reads `location`), the page is no setting, sign-in or never-act page, and the
//! core, asked about that page as a fresh load by the record's member at any moment before the
//! `ahead` stops holding, draws exactly that banner; and what is drawn ahead holds for the
//! record, zone and choice it was made for until then.

use crate::oracle::period_starts_ms;
use crate::sequences::{moment, record, START_MS};
use crate::urls::url;
use crate::{campaign, Tally};
use notrain::decide::ahead::{ahead, holds};
use notrain::decide::decide;
use notrain::model::report::{Context, Report};
use notrain::model::snapshot::Snapshot;
use notrain::model::verdict::Verdict;
use notrain::service::page::{classify, PageKind};
use notrain::state::record::{Record, Review};
use proptest::prelude::*;
use proptest::sample::select;

const DAY_MS: u64 = 86_400_000;

#[test]
fn drawn_ahead_is_what_the_core_draws() {
    let labels = ["drawn ahead", "agreed with the core", "excepted"];
    campaign("ahead", 256, labels, case(), run);
}

#[derive(Debug)]
struct Case {
    record: Record,
    now_ms: u64,
    /// Where in [now, until) the page loads, in thousandths.
    later: u64,
    zone: Option<String>,
    choice: Option<String>,
    url: String,
    /// The tab the page is in (a review runs in tab 7).
    tab: Option<u32>,
}

fn case() -> impl Strategy<Value = Case> {
    let member = prop::option::of(select(vec!["ab12", "cd34"]));
    let review = prop::option::of((any::<bool>(), 0u64..120_000));
    let zone = select(vec![
        None,
        Some("Europe/Berlin"),
        Some("America/New_York"),
        Some("Asia/Shanghai"),
    ]);
    let choice = select(vec![None, Some("US"), Some("DE"), Some("xx")]);
    // Near a period's start (LinkedIn's; within the week an `ahead` may last), or anywhere.
    let near_change = (select(period_starts_ms()), 0..16 * DAY_MS)
        .prop_map(|(start, offset)| (start + offset).saturating_sub(8 * DAY_MS));
    let now = prop_oneof![
        3 => START_MS - 800 * DAY_MS..START_MS + 800 * DAY_MS,
        2 => near_change,
        1 => moment(),
    ];
    let tab = select(vec![None, Some(7), Some(8)]);
    let hosts: Vec<String> = notrain::service::services()
        .iter()
        .flat_map(|rules| rules.service.hosts.iter().map(|host| host.to_string()))
        .collect();
    let paths = [
        "/",
        "/feed/",
        "/jobs/?q=1",
        "/c/abc#main",
        "/home",
        "/new",
        "/in/someone/",
    ];
    let ordinary = (select(hosts), select(paths.to_vec()))
        .prop_map(|(host, path)| (format!("https://{host}{path}"), ()));
    let url = prop_oneof![url().prop_map(|(url, _)| (url, ())), ordinary];
    // A snooze as the record has it, or one ending within the week.
    let snooze = prop::option::weighted(0.3, 0..8 * DAY_MS);
    let page = (url, tab, snooze);
    (
        record(),
        member,
        review,
        now,
        0u64..1_000,
        zone,
        choice,
        page,
    )
        .prop_map(
            |(mut record, member, review, now_ms, later, zone, choice, ((url, _), tab, snooze))| {
                record.member = member.map(str::to_owned);
                if let Some(left) = snooze {
                    record.snoozed_until_ms = Some(now_ms.saturating_add(left));
                }
                record.review = review.map(|(ended, ago)| Review {
                    started_at_ms: now_ms.saturating_sub(ago + 1_000),
                    tab: 7,
                    items: Vec::new(),
                    cancelled: false,
                    ended_at_ms: ended.then(|| now_ms.saturating_sub(ago)),
                    stopped: None,
                });
                Case {
                    record,
                    now_ms,
                    later,
                    zone: zone.map(str::to_owned),
                    choice: choice.map(str::to_owned),
                    url,
                    tab,
                }
            },
        )
}

/// `location.hostname`, `.pathname` and `.hash` as a browser gives them for `url`, for the URLs
/// whose parts a browser reads as they are written (https, no user info, no characters or dot
/// segments it would rewrite); `None` for the others, which this target leaves to `report`.
fn location(url: &str) -> Option<(String, String, String)> {
    let rest = url.strip_prefix("https://")?;
    let plain = |c: char| c.is_ascii_graphic() && !matches!(c, '\\' | '%' | '@');
    if !rest.chars().all(plain) {
        return None;
    }
    let (before_hash, hash) = rest.split_once('#').map_or((rest, ""), |(b, h)| (b, h));
    let end = before_hash.find(['/', '?']).unwrap_or(before_hash.len());
    let (authority, tail) = before_hash.split_at(end);
    let path = tail.split('?').next().unwrap_or_default();
    if path.split('/').any(|s| s == "." || s == "..") {
        return None;
    }
    let host = authority
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let path = if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    };
    let hash = if hash.is_empty() {
        String::new()
    } else {
        format!("#{hash}")
    };
    Some((host, path, hash))
}

fn context(case: &Case, now_ms: u64) -> Context {
    Context {
        now_ms,
        time_zone: case.zone.clone(),
        region_choice: case.choice.clone(),
        tell_members: true,
    }
}

fn run(case: Case) -> Result<Tally, TestCaseError> {
    let mut tally = Tally::default();
    let made = ahead(case.record.clone(), &context(&case, case.now_ms));
    tally.calls += 1;
    let until = made.made.until_ms;
    prop_assert!(
        until > case.now_ms || case.now_ms == u64::MAX,
        "holds until {until}, now {}",
        case.now_ms
    );
    let span = until.saturating_sub(case.now_ms);
    let at = case.now_ms + span / 1_000 * case.later;
    prop_assert!(holds(&made.made, &case.record, &context(&case, at)) == (at < until));
    for page in &made.pages {
        if let Some(banner) = &page.banner {
            prop_assert!(banner.visible, "a hidden banner drawn ahead: {banner:?}");
            prop_assert!(
                banner.state != Verdict::Protected,
                "drawn ahead as off: {banner:?}"
            );
        }
    }
    let Some((host, path, hash)) = location(&case.url) else {
        return Ok(tally);
    };
    let Some(page) = made.pages.iter().find(|page| page.hosts.contains(&host)) else {
        return Ok(tally);
    };
    let here = (path + &hash).to_ascii_lowercase();
    let excepted = page.except.iter().any(|part| here.contains(part.as_str()));
    if excepted {
        tally.hits[2] += 1;
        return Ok(tally);
    }
    if page.banner.is_some() {
        tally.hits[0] += 1;
        prop_assert_eq!(
            classify(&case.url),
            PageKind::Other,
            "drawn ahead on {}",
            case.url
        );
    }
    if at >= until {
        return Ok(tally);
    }
    let report = Report {
        snapshot: Snapshot {
            url: case.url.clone(),
            ..Snapshot::default()
        },
        member: page
            .sense
            .as_ref()
            .map(|_| case.record.member.clone().unwrap_or_default()),
        tab: case.tab,
        ..Report::default()
    };
    let answered = decide(&report, &mut case.record.clone(), &context(&case, at)).banner;
    tally.calls += 1;
    // What the core draws there then, as far as it would be drawn ahead.
    let drawable = answered.visible && answered.state != Verdict::Protected;
    prop_assert_eq!(
        drawable.then_some(&answered),
        page.banner.as_ref(),
        "{} at {}",
        case.url,
        at
    );
    tally.hits[1] += u64::from(drawable);
    Ok(tally)
}
