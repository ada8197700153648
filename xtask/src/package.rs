//! `cargo xtask package`: everything a person publishing copies into the three stores'
//! dashboards, under `dist/store/`.
//!
//! It checks the listings first (cheap), runs `cargo xtask build`, then the end-to-end test that
//! takes the store images (`tests/e2e/test_store_images.py` in Chromium, every locale), checks
//! the listings and every image (`store::check`, all images required), and writes:
//!
//! ```text
//! dist/store/README.txt                  which file goes into which field, per store
//! dist/store/chrome/package.zip          dist/notrain-chrome.zip
//! dist/store/chrome/promo-tile.png       440×280 small promo tile
//! dist/store/chrome/<locale>/listing.txt name, summary, description, single purpose,
//!                                        permission justifications, privacy practices
//! dist/store/chrome/<locale>/screenshots/01-setting-on-light.png … 05-options-light.png
//! dist/store/edge/…                      the same layout (Chrome's package; Edge runs it)
//! dist/store/amo/package.zip             dist/notrain-firefox.zip
//! dist/store/amo/source.zip              dist/notrain-source.zip, AMO's source upload
//! dist/store/amo/reviewer-notes.txt      store/reviewer-notes.txt and this upload's digests
//! dist/store/amo/<locale>/listing.txt    and screenshots/01…10 (light, then dark)
//! ```

use crate::images::{self, Wanted};
use crate::listing::{limits, Listing};
use crate::run::{cmd, root, run};
use crate::{dist, store, test, tools};
use std::fs;
use std::path::{Path, PathBuf};

/// The stores, as (folder, name, the package it gets from `dist/`).
const STORES: [(&str, &str, &str); 3] = [
    ("chrome", "Chrome Web Store", "notrain-chrome.zip"),
    ("edge", "Microsoft Edge Add-ons", "notrain-chrome.zip"),
    ("amo", "addons.mozilla.org", "notrain-firefox.zip"),
];
/// The images' end-to-end test (written by the screenshot work; see `images`).
const IMAGES_TEST: &str = "tests/e2e/test_store_images.py";
/// AMO's notes for its reviewers, as kept in the repository.
const REVIEWER_NOTES: &str = "store/reviewer-notes.txt";

/// The command.
pub fn run_command(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.first() {
        return Err(format!("unknown argument {unknown}\n{}", crate::usage()));
    }
    store::check(&root(), Wanted::ThoseThatExist)?;
    let dist = dist::build()?;
    take_images(&dist)?;
    let listings = store::check(&root(), Wanted::All)?;
    let out = dist.join("store");
    write_all(&dist, &root().join(images::IMAGES), &listings, &out)?;
    eprintln!("store uploads in {} (see README.txt there)", out.display());
    Ok(())
}

/// Runs the images' test in Chromium for every locale, with the environment the end-to-end step
/// gives the suite.
fn take_images(dist: &Path) -> Result<(), String> {
    if !root().join(IMAGES_TEST).exists() {
        return Err(format!(
            "{IMAGES_TEST} is missing: the store images cannot be taken (see xtask/src/images.rs)"
        ));
    }
    tools::browsers()?;
    let python = tools::python_venv()?;
    let mut command = cmd(
        &python,
        ["-m", "pytest", IMAGES_TEST, "-q", "--browser", "chromium"],
    );
    test::e2e_env(&mut command, dist, &root().join("target/probe/dist"))?;
    command.env("NOTRAIN_STORE_LOCALES", "all");
    run(&mut command)
}

/// Writes `out` (`dist/store`) from the packages in `dist`, the images in `images` and the
/// checked `listings`.
pub fn write_all(
    dist: &Path,
    images: &Path,
    listings: &[Listing],
    out: &Path,
) -> Result<(), String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    for (folder, store_name, package) in STORES {
        let store_dir = out.join(folder);
        copy(&dist.join(package), &store_dir.join("package.zip"))?;
        if folder != "amo" {
            copy(
                &images.join("promo-tile.png"),
                &store_dir.join("promo-tile.png"),
            )?;
        }
        for listing in listings {
            let locale_dir = store_dir.join(&listing.locale);
            write(
                &locale_dir.join("listing.txt"),
                &render(folder, store_name, listing),
            )?;
            for (source, name) in images::for_store(folder, &listing.locale) {
                copy(
                    &images.join(source),
                    &locale_dir.join("screenshots").join(name),
                )?;
            }
        }
    }
    copy(
        &dist.join("notrain-source.zip"),
        &out.join("amo/source.zip"),
    )?;
    write(
        &out.join("amo/reviewer-notes.txt"),
        &reviewer_notes(dist, out)?,
    )?;
    write(&out.join("README.txt"), GUIDE)
}

/// One store's listing text for one language, in the order of the store's forms.
pub fn render(store: &str, store_name: &str, listing: &Listing) -> String {
    let mut text = format!(
        "NoTrain – {store_name} listing, {} (paste each part into the field it names)\n",
        listing.locale
    );
    let mut part = |title: &str, body: &str| {
        text.push_str(&format!(
            "\n== {title} ({} characters) ==\n{}\n",
            body.chars().count(),
            body.trim()
        ));
    };
    let name_note = match store {
        "amo" => "Name; from the package's manifest, at most 50",
        "edge" => "Name; from the package's manifest, at most 45",
        _ => "Item name; from the package's manifest, at most 75",
    };
    part(name_note, &listing.name);
    match store {
        "amo" => part(
            &format!("Summary, at most {}", limits::AMO_SUMMARY),
            listing.text("summary"),
        ),
        "edge" => part(
            "Short description; from the package's manifest, at most 132",
            &listing.manifest_description,
        ),
        _ => part(
            "Summary; from the package's manifest, at most 132",
            &listing.manifest_description,
        ),
    }
    part("Description", listing.text("description"));
    part("Single purpose", listing.text("singlePurpose"));
    // The API permissions first, then the host patterns, as the dashboards list them.
    let (hosts, apis): (Vec<_>, Vec<_>) = listing
        .permissions
        .iter()
        .partition(|(permission, _)| permission.contains("://"));
    for (permission, why) in apis.into_iter().chain(hosts) {
        part(&format!("Permission justification: {permission}"), why);
    }
    part(
        "Privacy practices (data usage: tick no category; remote code: No)",
        listing.text("privacy"),
    );
    text
}

/// `store/reviewer-notes.txt`, with the digests of what is uploaded beside it.
fn reviewer_notes(dist: &Path, out: &Path) -> Result<String, String> {
    let source = root().join(REVIEWER_NOTES);
    let mut notes = fs::read_to_string(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let manifest = dist::read_manifest()?;
    let version = manifest["version"].as_str().unwrap_or("?");
    let core = dist.join("firefox/core/notrain_bg.wasm");
    notes.push_str(&format!("\nTHIS UPLOAD\nVersion {version}. SHA-256:\n"));
    for (label, path) in [
        ("core/notrain_bg.wasm", core),
        ("package.zip", out.join("amo/package.zip")),
        ("source.zip", out.join("amo/source.zip")),
    ] {
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        notes.push_str(&format!("  {}  {label}\n", dist::sha256_hex(&bytes)));
    }
    Ok(notes)
}

const GUIDE: &str =
    "NoTrain: what to upload where (written by `cargo xtask package`; README.md, Publishing)

chrome/  Chrome Web Store developer dashboard
  package.zip                 Package > Upload new package
  <locale>/listing.txt        Store listing (Description, per language) and Privacy practices
                              (Single purpose, Permission justification, data usage: none;
                              the host patterns' texts together go into Host permission)
  <locale>/screenshots/*.png  Store listing > Screenshots (1280x800, in their order)
  promo-tile.png              Store listing > Small promo tile (440x280)
edge/    Microsoft Partner Center, Edge extension
  package.zip                 Packages
  <locale>/listing.txt        Store listings (Description, Short description, per language);
                              single purpose and permissions in Notes for certification
  <locale>/screenshots/*.png  Store listings > Screenshots
  promo-tile.png              Store listings > Small promotional tile
amo/     addons.mozilla.org developer hub
  package.zip                 Submit a new version (the Firefox package)
  source.zip                  'Do you need to submit source code?' Yes: upload this
  reviewer-notes.txt          Notes to reviewer
  <locale>/listing.txt        Describe add-on (Name, Summary, Description, per language)
  <locale>/screenshots/*.png  Edit product page > Images
";

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    make_parent(to)?;
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    make_parent(path)?;
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn make_parent(path: &Path) -> Result<(), String> {
    let parent = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))
}

#[cfg(test)]
#[path = "package_tests.rs"]
mod tests;
