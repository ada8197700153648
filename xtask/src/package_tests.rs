//! `dist/store/` written from a fake `dist/` and generated images: the layout a publisher copies
//! from, and what each store's listing holds.

use super::*;
use crate::images::{expected, write_png};
use crate::listing;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("notrain-package-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// A `dist/` with the three zips and the core, as `cargo xtask build` leaves it.
fn fake_dist(dir: &Path) {
    for name in [
        "notrain-chrome.zip",
        "notrain-firefox.zip",
        "notrain-source.zip",
    ] {
        write(&dir.join(name), name).expect("zip");
    }
    write(&dir.join("firefox/core/notrain_bg.wasm"), "abc").expect("core");
}

fn repository_listings() -> Vec<Listing> {
    let (locales, _) = listing::locales(&root()).expect("locales");
    locales
        .iter()
        .map(|locale| listing::read(&root(), locale).expect("listing"))
        .collect()
}

#[test]
fn writes_every_store_folder() {
    let dir = scratch("layout");
    let (dist, images, out) = (dir.join("dist"), dir.join("images"), dir.join("dist/store"));
    fake_dist(&dist);
    let listings = repository_listings();
    let locales: Vec<String> = listings.iter().map(|l| l.locale.clone()).collect();
    for image in expected(&locales) {
        write_png(&images.join(&image.relative), image.size.0, image.size.1);
    }
    write_all(&dist, &images, &listings, &out).expect("written");
    for store in ["chrome", "edge", "amo"] {
        assert!(out.join(store).join("package.zip").is_file(), "{store}");
        for locale in &locales {
            let shots = out.join(store).join(locale).join("screenshots");
            let count = fs::read_dir(&shots).expect("shots").count();
            assert_eq!(
                count,
                if store == "amo" { 10 } else { 5 },
                "{store}/{locale}"
            );
            let text = fs::read_to_string(out.join(store).join(locale).join("listing.txt"))
                .expect("listing");
            assert!(
                text.contains("Anthropic"),
                "{store}/{locale}: no disclaimer"
            );
            assert!(
                text.contains("https://www.linkedin.com/*"),
                "{store}/{locale}"
            );
        }
    }
    assert_eq!(
        fs::read_to_string(out.join("chrome/package.zip")).expect("zip"),
        "notrain-chrome.zip"
    );
    assert_eq!(
        fs::read_to_string(out.join("amo/package.zip")).expect("zip"),
        "notrain-firefox.zip"
    );
    assert!(out.join("chrome/promo-tile.png").is_file());
    assert!(out.join("edge/promo-tile.png").is_file());
    let shot = out.join("chrome/de/screenshots/01-setting-on-light.png");
    assert_eq!(images::png_size(&shot), Ok((1280, 800)));
    let notes = fs::read_to_string(out.join("amo/reviewer-notes.txt")).expect("notes");
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert!(
        notes.contains(&format!("{abc}  core/notrain_bg.wasm")),
        "{notes}"
    );
    assert!(notes.contains("cargo xtask build"), "{notes}");
    assert!(out.join("README.txt").is_file());
}

#[test]
fn a_missing_image_stops_the_writing() {
    let dir = scratch("missing");
    let (dist, images, out) = (dir.join("dist"), dir.join("images"), dir.join("dist/store"));
    fake_dist(&dist);
    let listings = repository_listings();
    write_png(&images.join("promo-tile.png"), 440, 280);
    let error = write_all(&dist, &images, &listings, &out).expect_err("no screenshots");
    assert!(error.contains("setting-on-light.png"), "{error}");
}

#[test]
fn each_store_gets_its_own_summary() {
    let listings = repository_listings();
    let english = listings.iter().find(|l| l.locale == "en").expect("en");
    let amo = render("amo", "addons.mozilla.org", english);
    let chrome = render("chrome", "Chrome Web Store", english);
    assert!(amo.contains(english.text("summary").trim()));
    assert!(chrome.contains(english.manifest_description.trim()));
    assert!(!chrome.contains(english.text("summary").trim()));
    let storage = chrome.find("justification: storage").expect("storage");
    let linkedin = chrome
        .find("justification: https://www.linkedin.com/*")
        .expect("host");
    assert!(
        storage < linkedin,
        "API permissions come before host patterns"
    );
}
