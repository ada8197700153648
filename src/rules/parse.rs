//! Reading rules files at run time, for the tests and tools that check them against the compiled-in
//! rules (the core itself parses nothing): each file's `format` is checked first, and a file of
//! another format than this core reads is refused rather than misread.

use super::{Regions, Rules, ServiceRules, SUPPORTED_FORMAT};
use serde::Deserialize;
use std::borrow::Cow;

/// Parses a service's rules file, refusing another format than this core reads.
pub fn parse_service(text: &str) -> Result<ServiceRules, String> {
    check_format(text)?;
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Parses `rules/regions.json`, refusing another format than this core reads.
pub fn parse_regions(text: &str) -> Result<Regions, String> {
    check_format(text)?;
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Parses the region groups and service files into the [`Rules`] the core would compile in.
pub fn parse_files(regions: &str, services: &[&str]) -> Result<Rules, String> {
    let services: Result<Vec<ServiceRules>, String> =
        services.iter().map(|text| parse_service(text)).collect();
    Ok(Rules {
        region_groups: parse_regions(regions)?.groups,
        services: Cow::Owned(services?),
    })
}

fn check_format(text: &str) -> Result<(), String> {
    #[derive(Deserialize)]
    struct FormatOnly {
        format: u32,
    }
    let header: FormatOnly = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if header.format != SUPPORTED_FORMAT {
        return Err(format!(
            "rules format {} is not the one this core reads ({SUPPORTED_FORMAT})",
            header.format
        ));
    }
    Ok(())
}
