//! The listing checks, each shown to fail on a planted fault in a small in-memory listing.

use super::*;
use serde_json::json;

const DISCLAIMER: &str = "NoTrain is not affiliated with, endorsed or sponsored by LinkedIn or \
    Microsoft, OpenAI, X Corp. or Anthropic.";

fn requested_here() -> Vec<String> {
    [
        "storage",
        "scripting",
        "https://www.linkedin.com/*",
        "https://x.com/*",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn good_file() -> Value {
    json!({
        "summary": "Finds and switches off the AI-training setting.",
        "description": format!("{} {DISCLAIMER}", "It reads the setting. ".repeat(20)),
        "disclaimer": DISCLAIMER,
        "singlePurpose": "Switching off the services' AI-training settings.",
        "privacy": "Nothing is collected or sent.",
        "permissions": {
            "storage": "To remember the last reading.",
            "scripting": "To register the content script on a site the user turned on.",
            "https://www.linkedin.com/*": "To read the setting on LinkedIn.",
            "https://x.com/*": "To read the setting on X, once granted."
        }
    })
}

fn messages(name: &str, description: &str) -> Value {
    json!({
        "manifestName": { "message": name },
        "extensionDescription": { "message": description }
    })
}

fn listing_with(file: Value, name: &str, description: &str) -> Listing {
    from_values("en", &file, &messages(name, description)).expect("a listing")
}

fn good() -> Listing {
    listing_with(
        good_file(),
        "NoTrain – AI-training opt-out for LinkedIn",
        "Finds it.",
    )
}

fn problems_of(listing: &Listing) -> Vec<String> {
    check(listing, &requested_here())
}

fn fails_with(listing: &Listing, expected: &str) {
    let problems = problems_of(listing);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "wanted a problem with {expected:?}, got {problems:?}"
    );
}

#[test]
fn a_good_listing_passes() {
    assert_eq!(problems_of(&good()), Vec::<String>::new());
}

#[test]
fn a_name_over_edges_limit_fails() {
    let name = format!("NoTrain{}", "x".repeat(39));
    assert_eq!(name.chars().count(), 46);
    let listing = listing_with(good_file(), &name, "Finds it.");
    fails_with(&listing, "manifestName has 46 chars, Edge takes 45");
}

#[test]
fn a_name_not_beginning_with_notrain_fails() {
    let listing = listing_with(good_file(), "LinkedIn AI opt-out", "Finds it.");
    fails_with(&listing, "does not begin with NoTrain");
}

#[test]
fn a_manifest_description_over_132_fails() {
    let listing = listing_with(good_file(), "NoTrain", &"é".repeat(133));
    fails_with(&listing, "has 133 chars, over 132");
    let at_limit = listing_with(good_file(), "NoTrain", &"é".repeat(132));
    assert_eq!(problems_of(&at_limit), Vec::<String>::new());
}

#[test]
fn an_amo_summary_over_250_fails() {
    let mut file = good_file();
    file["summary"] = json!("s".repeat(251));
    fails_with(
        &listing_with(file, "NoTrain", "d"),
        "summary (AMO) has 251 chars",
    );
}

#[test]
fn a_description_too_short_or_too_long_fails() {
    let mut file = good_file();
    file["description"] = json!(DISCLAIMER);
    fails_with(
        &listing_with(file.clone(), "NoTrain", "d"),
        "Edge asks for 250",
    );
    file["description"] = json!(format!("{}{DISCLAIMER}", "d".repeat(10_000)));
    fails_with(&listing_with(file, "NoTrain", "d"), "over 10000");
}

#[test]
fn an_empty_or_missing_field_fails() {
    let mut file = good_file();
    file["singlePurpose"] = json!("  ");
    fails_with(
        &listing_with(file, "NoTrain", "d"),
        "singlePurpose is empty",
    );
    let mut file = good_file();
    file.as_object_mut().expect("object").remove("privacy");
    fails_with(&listing_with(file, "NoTrain", "d"), "privacy is empty");
}

#[test]
fn an_unknown_field_or_a_non_text_is_refused() {
    let mut file = good_file();
    file["summry"] = json!("typo");
    assert!(from_values("en", &file, &messages("NoTrain", "d")).is_err());
    let mut file = good_file();
    file["permissions"]["storage"] = json!(3);
    assert!(from_values("en", &file, &messages("NoTrain", "d")).is_err());
    let no_name = json!({ "extensionDescription": { "message": "d" } });
    assert!(from_values("en", &good_file(), &no_name).is_err());
}

#[test]
fn a_permission_without_justification_fails() {
    let mut file = good_file();
    file["permissions"]
        .as_object_mut()
        .expect("object")
        .remove("https://x.com/*");
    fails_with(
        &listing_with(file, "NoTrain", "d"),
        "no justification for https://x.com/*",
    );
    let mut file = good_file();
    file["permissions"]["scripting"] = json!("");
    fails_with(
        &listing_with(file, "NoTrain", "d"),
        "no justification for scripting",
    );
}

#[test]
fn a_justification_of_a_permission_not_asked_fails() {
    let mut file = good_file();
    file["permissions"]["tabs"] = json!("Not asked for.");
    fails_with(&listing_with(file, "NoTrain", "d"), "justifies tabs");
}

#[test]
fn a_disclaimer_missing_an_owner_or_the_description_fails() {
    let mut file = good_file();
    let without = DISCLAIMER.replace("Anthropic", "the others");
    file["disclaimer"] = json!(without);
    fails_with(
        &listing_with(file, "NoTrain", "d"),
        "does not name Anthropic",
    );
    let mut file = good_file();
    file["description"] = json!("It reads the setting. ".repeat(20));
    fails_with(&listing_with(file, "NoTrain", "d"), "lacks the disclaimer");
}

#[test]
fn official_in_any_language_fails() {
    let mut file = good_file();
    file["permissions"]["storage"] = json!("Comme l’application officielle.");
    fails_with(&listing_with(file, "NoTrain", "d"), "official");
}

#[test]
fn a_missing_or_an_extra_locale_fails() {
    let extension = ["de", "en", "pt_BR"].map(str::to_owned).to_vec();
    let listings = ["de", "en", "pt"].map(str::to_owned).to_vec();
    let problems = check_locales(&extension, &listings);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("no listing store/listings/pt_BR.json"));
    assert!(problems[1].contains("pt.json: no extension/_locales/pt"));
    assert!(check_locales(&extension, &extension).is_empty());
}

#[test]
fn requested_reads_every_permission_list() {
    let manifest = json!({
        "permissions": ["storage", "scripting"],
        "host_permissions": ["https://www.linkedin.com/*"],
        "optional_host_permissions": ["https://x.com/*"],
        "content_scripts": [{ "matches": ["https://www.linkedin.com/*"] }]
    });
    assert_eq!(requested(&manifest), requested_here());
}
