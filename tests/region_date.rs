//! The civil `Date`: strict `YYYY-MM-DD` parsing, ordering, UTC dates of Unix milliseconds.

use notrain::model::date::Date;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} is a valid date"))
}

#[test]
fn parses_valid_dates_and_writes_them_back() {
    for text in [
        "2025-11-03",
        "2024-02-29",
        "2000-02-29",
        "0000-01-01",
        "9999-12-31",
    ] {
        assert_eq!(date(text).to_string(), text);
    }
    let d = date("2025-11-03");
    assert_eq!((d.year(), d.month(), d.day()), (2025, 11, 3));
    assert_eq!(Date::new(2025, 11, 3), Some(d));
}

#[test]
fn refuses_anything_else() {
    for text in [
        "",
        "2025-11-3",
        "2025-1-03",
        "25-11-03",
        "2025/11/03",
        "2025-11-03 ",
        " 2025-11-03",
        "2025-11-03T00:00",
        "2025-13-01",
        "2025-00-10",
        "2025-11-00",
        "2025-11-31",
        "2025-02-29",
        "1900-02-29",
        "+025-11-03",
        "2025-+1-03",
        "２０２５-11-03",
        "20251103xx",
    ] {
        assert_eq!(Date::parse(text), None, "{text:?}");
        assert!(text.parse::<Date>().is_err(), "{text:?}");
    }
    assert_eq!(Date::new(2025, 2, 29), None);
    assert_eq!(Date::new(10_000, 1, 1), None);
}

#[test]
fn orders_by_calendar() {
    assert!(date("2025-11-02") < date("2025-11-03"));
    assert!(date("2024-12-31") < date("2025-01-01"));
    assert!(date("2025-09-30") < date("2025-10-01"));
}

#[test]
fn unix_milliseconds_give_the_utc_date() {
    assert_eq!(Date::from_unix_ms(0), date("1970-01-01"));
    assert_eq!(Date::from_unix_ms(86_399_999), date("1970-01-01"));
    assert_eq!(Date::from_unix_ms(86_400_000), date("1970-01-02"));
    assert_eq!(Date::from_unix_ms(951_782_400_000), date("2000-02-29"));
    assert_eq!(Date::from_unix_ms(1_762_127_999_999), date("2025-11-02"));
    assert_eq!(Date::from_unix_ms(1_762_128_000_000), date("2025-11-03"));
    assert_eq!(Date::from_unix_ms(1_764_000_000_123), date("2025-11-24"));
    assert_eq!(Date::from_unix_ms(253_402_300_799_999), date("9999-12-31"));
    assert_eq!(Date::from_unix_ms(253_402_300_800_000), Date::MAX);
    assert_eq!(Date::from_unix_ms(u64::MAX), Date::MAX);
}

#[test]
fn serializes_as_a_string_and_refuses_bad_json() {
    let d = date("2025-11-03");
    assert_eq!(
        serde_json::to_string(&d).ok().as_deref(),
        Some("\"2025-11-03\"")
    );
    assert_eq!(serde_json::from_str::<Date>("\"2025-11-03\"").ok(), Some(d));
    assert!(serde_json::from_str::<Date>("\"2025-11-31\"").is_err());
    assert!(serde_json::from_str::<Date>("20251103").is_err());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use notrain::model::date::Date;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn from_unix_ms_is_monotonic_and_round_trips(a in 0u64..400_000_000_000_000, b in 0u64..400_000_000_000_000) {
            let (da, db) = (Date::from_unix_ms(a), Date::from_unix_ms(b));
            if a <= b { prop_assert!(da <= db); } else { prop_assert!(da >= db); }
            prop_assert_eq!(Date::parse(&da.to_string()), Some(da));
        }

        #[test]
        fn consecutive_days_are_consecutive_dates(day in 0u64..2_932_896) {
            let (today, tomorrow) = (Date::from_unix_ms(day * 86_400_000), Date::from_unix_ms((day + 1) * 86_400_000));
            prop_assert!(today < tomorrow);
            let next_in_month = Date::new(today.year(), today.month(), today.day() + 1);
            let next_month = if today.month() == 12 { Date::new(today.year() + 1, 1, 1) } else { Date::new(today.year(), today.month() + 1, 1) };
            prop_assert_eq!(Some(tomorrow), next_in_month.or(next_month));
        }

        #[test]
        fn parse_never_panics(text in ".{0,12}") {
            let _ = Date::parse(&text);
        }
    }
}
