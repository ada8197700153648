//! `cargo xtask test --only store`: the store listings and images, from the files alone (no build,
//! no browser; well under a second).
//!
//! Always: every language of `extension/_locales` has its `store/listings/<locale>.json` and no
//! listing lacks its language; every field is filled; the manifest name, the manifest description,
//! AMO's summary and the description are within every store's limit (`listing::limits`); each
//! permission and match pattern the built manifest asks for (`permissions`, and the host lists
//! the build writes from the rules) has its justification in every listing, and none is justified
//! that is not asked; the non-affiliation sentence names every owner and is in the description;
//! no text says "official". Images (`images`): in this step, those that exist under
//! `target/store/` must have their size; `cargo xtask package` wants all of them.

use crate::images::{self, Wanted};
use crate::listing::{self, Listing};
use crate::run::root;
use crate::{dist, hosts};
use std::path::Path;

/// The step: fails listing every problem found.
pub fn check_step() -> Result<(), String> {
    let listings = check(&root(), Wanted::ThoseThatExist)?;
    eprintln!(
        "store: {} listings within the stores' limits, every permission justified",
        listings.len()
    );
    Ok(())
}

/// Checks the listings and the images under `root` (images as `wanted`); returns the listings.
pub fn check(root: &Path, wanted: Wanted) -> Result<Vec<Listing>, String> {
    let (extension, written) = listing::locales(root)?;
    let mut problems = listing::check_locales(&extension, &written);
    let requested = listing::requested(&built_manifest()?);
    let mut listings = Vec::new();
    for locale in extension.iter().filter(|l| written.contains(l)) {
        match listing::read(root, locale) {
            Ok(read) => {
                problems.extend(listing::check(&read, &requested));
                listings.push(read);
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems.extend(images::check(
        &root.join(images::IMAGES),
        &extension,
        wanted,
    ));
    if problems.is_empty() {
        Ok(listings)
    } else {
        Err(format!("the store listings:\n  {}", problems.join("\n  ")))
    }
}

/// `manifest.json` with the host lists the build writes from the rules.
pub fn built_manifest() -> Result<serde_json::Value, String> {
    let mut manifest = dist::read_manifest()?;
    hosts::fill(&mut manifest, &hosts::from_rules(&root())?)?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository's own listings pass (the images are left to the step and to `package`).
    #[test]
    fn the_repositorys_listings_pass() {
        let scratch = std::env::temp_dir().join(format!("notrain-store-{}", std::process::id()));
        let (extension, _) = listing::locales(&root()).expect("locales");
        let requested = listing::requested(&built_manifest().expect("manifest"));
        assert!(requested.contains(&"https://www.linkedin.com/*".to_owned()));
        for locale in &extension {
            let read = listing::read(&root(), locale).expect("a listing");
            assert_eq!(listing::check(&read, &requested), Vec::<String>::new());
        }
        assert!(images::check(&scratch, &extension, Wanted::ThoseThatExist).is_empty());
        assert_eq!(images::check(&scratch, &extension, Wanted::All).len(), 71);
    }
}
