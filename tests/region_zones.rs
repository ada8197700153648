//! The compiled-in IANA time zone → country table (`rules/zones.tsv`): a sample of zones, the
//! legacy names browsers report, zones without a country, and the file's own shape.

use notrain::region::{countries, region_from_time_zone, resolve_country, zone_table, Country};
use std::collections::BTreeSet;

#[test]
fn a_sample_of_zones_maps_to_their_country() {
    let cases = [
        ("Europe/Berlin", "DE"),
        ("Europe/London", "GB"),
        ("America/Toronto", "CA"),
        ("Asia/Hong_Kong", "HK"),
        ("America/New_York", "US"),
        ("Europe/Zurich", "CH"),
        ("Atlantic/Reykjavik", "IS"),
        ("Europe/Vaduz", "LI"),
        ("Europe/Oslo", "NO"),
        ("Europe/Busingen", "DE"),
        ("Europe/Bratislava", "SK"),
        ("Atlantic/Canary", "ES"),
        ("Europe/Mariehamn", "AX"),
        ("Indian/Reunion", "RE"),
        ("America/Vancouver", "CA"),
        ("America/Los_Angeles", "US"),
        ("Asia/Shanghai", "CN"),
        ("Asia/Urumqi", "CN"),
        ("Asia/Macau", "MO"),
        ("Asia/Tokyo", "JP"),
        ("America/Sao_Paulo", "BR"),
        ("Australia/Sydney", "AU"),
    ];
    for (zone, country) in cases {
        assert_eq!(region_from_time_zone(zone), Some(country), "{zone}");
    }
}

#[test]
fn legacy_names_that_browsers_report_are_covered() {
    let cases = [
        ("Asia/Calcutta", "IN"),
        ("Europe/Kiev", "UA"),
        ("Asia/Saigon", "VN"),
        ("Asia/Katmandu", "NP"),
        ("Asia/Rangoon", "MM"),
        ("America/Buenos_Aires", "AR"),
        ("America/Montreal", "CA"),
        ("Canada/Eastern", "CA"),
        ("US/Eastern", "US"),
        ("Europe/Belfast", "GB"),
        ("GB", "GB"),
        ("Hongkong", "HK"),
        ("Iceland", "IS"),
        ("Atlantic/Faeroe", "FO"),
        ("America/Godthab", "GL"),
        ("Asia/Istanbul", "TR"),
        ("Europe/Nicosia", "CY"),
        // Links tzdata points at another country's zone; CLDR (so Chrome) uses some as canonical.
        ("America/Coral_Harbour", "CA"),
        ("Africa/Asmera", "ER"),
        ("Pacific/Truk", "FM"),
        ("Pacific/Ponape", "FM"),
        ("America/Virgin", "VI"),
        ("Atlantic/Jan_Mayen", "SJ"),
    ];
    for (zone, country) in cases {
        assert_eq!(region_from_time_zone(zone), Some(country), "{zone}");
    }
}

#[test]
fn zones_without_a_country_and_garbage_give_none() {
    for zone in [
        "Etc/UTC",
        "UTC",
        "GMT",
        "Etc/GMT",
        "Etc/GMT+5",
        "Etc/Universal",
        "Factory",
        "",
        "  ",
        "Europe",
        "Europe/",
        "Mars/Olympus_Mons",
        "Europe/Berlin\tDE",
        "DE",
    ] {
        assert_eq!(region_from_time_zone(zone), None, "{zone:?}");
    }
}

#[test]
fn lookup_ignores_ascii_case_and_surrounding_blanks() {
    assert_eq!(region_from_time_zone("europe/berlin"), Some("DE"));
    assert_eq!(region_from_time_zone(" America/New_York\n"), Some("US"));
}

#[test]
fn the_table_is_well_formed_sorted_and_unique() {
    let rows: Vec<_> = zone_table().collect();
    assert!(rows.len() > 500, "{} rows", rows.len());
    for (zone, country) in &rows {
        assert!(
            !zone.is_empty() && !zone.contains(char::is_whitespace),
            "{zone:?}"
        );
        assert!(
            country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()),
            "{zone}: {country:?}"
        );
    }
    for pair in rows.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{} then {}", pair[0].0, pair[1].0);
    }
}

#[test]
fn the_chosen_country_wins_over_the_time_zone() {
    let chosen = |code: &str| Country {
        code: code.to_owned(),
        inferred: false,
    };
    let inferred = |code: &str| Country {
        code: code.to_owned(),
        inferred: true,
    };
    assert_eq!(
        resolve_country(Some("fr"), Some("America/New_York")),
        Some(chosen("FR"))
    );
    assert_eq!(resolve_country(Some("UK"), None), Some(chosen("GB")));
    assert_eq!(
        resolve_country(None, Some("Europe/Berlin")),
        Some(inferred("DE"))
    );
    assert_eq!(
        resolve_country(Some("not a code"), Some("Asia/Calcutta")),
        Some(inferred("IN"))
    );
    assert_eq!(resolve_country(Some(""), Some("Etc/UTC")), None);
    assert_eq!(resolve_country(None, None), None);
}

#[test]
fn the_countries_list_is_every_country_of_the_table_sorted_once() {
    let from_table: BTreeSet<&str> = zone_table().map(|(_, country)| country).collect();
    let listed: Vec<&str> = countries().to_vec();
    assert_eq!(listed, from_table.into_iter().collect::<Vec<_>>());
    assert!(listed.contains(&"DE") && listed.contains(&"HK") && listed.contains(&"US"));
}
