//! IANA time zone → ISO 3166-1 alpha-2 country, through the table compiled in from
//! `rules/zones.tsv` (regenerate it with `cargo xtask zones`).
//!
//! The table lists every zone of tzdata's `zone.tab` and every link (alias) whose target is one of
//! them, so the legacy names browsers still report (`Asia/Calcutta`, `Europe/Kiev`, `Asia/Saigon`)
//! are found. Zones without a country (`Etc/UTC`, `UTC`, `GMT`, `Etc/GMT+5`) are not listed.
//!
//! Lookup is a linear scan of the embedded text (about 600 short lines): no parsing step, no
//! allocation, and it runs at most once per evaluation.

const TABLE: &str = include_str!("../../rules/zones.tsv");

include!(concat!(env!("OUT_DIR"), "/countries.rs"));

/// Every country code the table names, sorted, once each (written by `build.rs`).
pub fn countries() -> &'static [&'static str] {
    COUNTRIES
}

/// The country of IANA time zone `zone` (as `Intl.DateTimeFormat().resolvedOptions().timeZone`
/// reports it), compared without regard to ASCII case; `None` for unknown or country-less zones.
pub fn region_from_time_zone(zone: &str) -> Option<&'static str> {
    let zone = zone.trim();
    if zone.is_empty() {
        return None;
    }
    zone_table()
        .find(|(name, _)| name.eq_ignore_ascii_case(zone))
        .map(|(_, country)| country)
}

/// Every `(zone, country)` row of the compiled-in table, in file order (sorted by zone).
pub fn zone_table() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
}
