//! The way back after a guided opt-out: offered only when it is another page of LinkedIn (never a
//! stored link elsewhere, nor a path a browser reads as another host), and followed once.

mod guided_common;

use guided_common::*;
use notrain::decide::decide;
use notrain::model::report::Intent;
use notrain::model::verdict::Verdict;
use notrain::state::record::Record;
use notrain::view::banner::Action;

#[test]
fn a_stored_way_back_that_is_not_a_linkedin_page_is_never_offered() {
    for stored in [
        "javascript:alert(1)",
        "https://example.org/feed/",
        "https://www.linkedin.com//evil.example/x",
        "https://www.linkedin.com/\\evil.example",
        "https://www.linkedin.com/.//evil.example/x",
        "https://www.linkedin.com/\t/evil.example/x",
        FEED,
    ] {
        let mut record = Record::default();
        decide(
            &page(FEED, None, Some(Intent::OptOut)),
            &mut record,
            &berlin(NOW),
        );
        record
            .pending_opt_out
            .as_mut()
            .expect("requested")
            .return_url = Some(stored.to_owned());
        let (_, done) = off_and_held(&mut record, NOW + 2_000);
        assert_eq!(done.banner.message, "bannerAlreadyOff");
        let offered = done.banner.actions.contains(&Action::Back);
        assert_eq!(offered, stored == FEED, "{stored}");
        assert_eq!(done.banner.link.is_some(), stored == FEED, "{stored}");
    }
}

/// Pages whose path a browser reads as another host (`new URL("//evil.example/x", origin)`).
const OFF_SITE_PATHS: [&str; 3] = [
    "https://www.linkedin.com//evil.example/x",
    "https://www.linkedin.com/\\evil.example",
    "https://www.linkedin.com/feed/%2e%2e//evil.example",
];

#[test]
fn a_path_that_names_another_host_is_not_a_linkedin_page_and_is_never_the_way_back() {
    for url in OFF_SITE_PATHS {
        let mut record = remembering(Verdict::Exposed, NOW - DAY);
        let shown = decide(&page(url, None, None), &mut record, &berlin(NOW));
        assert!(
            !shown.banner.visible,
            "{url}: a banner on a page that is not LinkedIn's"
        );
        let asked = decide(
            &page(url, None, Some(Intent::OptOut)),
            &mut record,
            &berlin(NOW),
        );
        assert_eq!(asked.navigate, None, "{url}");
        assert_eq!(
            record.pending_opt_out, None,
            "{url}: a request main_service"
        );
        assert_eq!(asked.banner.link, None, "{url}");
    }
}

#[test]
fn back_goes_to_the_page_the_request_came_from_once() {
    let mut record = remembering(Verdict::Exposed, NOW - DAY);
    decide(
        &page(FEED, None, Some(Intent::OptOut)),
        &mut record,
        &berlin(NOW),
    );
    let (_, done) = off_and_held(&mut record, NOW + 2_000);
    assert!(done.banner.actions.contains(&Action::Back));
    let back = decide(
        &page(SETTING, Some(false), Some(Intent::Back)),
        &mut record,
        &berlin(NOW + 6_000),
    );
    assert_eq!(back.navigate.as_deref(), Some(FEED));
    assert_eq!(
        record.return_to, None,
        "the way back is forgotten once used"
    );
    assert!(!back.banner.actions.contains(&Action::Back));
    let again = decide(
        &page(SETTING, Some(false), Some(Intent::Back)),
        &mut record,
        &berlin(NOW + 7_000),
    );
    assert_eq!(again.navigate, None);
    assert!(!again.banner.actions.contains(&Action::Back));
}
