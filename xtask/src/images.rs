//! The store images: what `tests/e2e/test_store_images.py` writes under `target/store/`, checked
//! by size from their PNG headers (the `png` crate), and which of them each store gets.
//!
//! The contract: `target/store/screenshots/<locale>/<scene>-<light|dark>.png`, 1280×800, for
//! every locale of `extension/_locales` and the scenes of `SCENES`; and Chrome's small promo tile,
//! `target/store/promo-tile.png`, 440×280. Chrome Web Store takes at most 5 screenshots and Edge
//! Add-ons at most 6, so each gets the five scenes in light colours; AMO gets all ten.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Where the test writes the images, relative to the repository root.
pub const IMAGES: &str = "target/store";
/// The scenes, in the order the stores show them.
pub const SCENES: [&str; 5] = ["setting-on", "verified", "feed", "popup", "options"];
pub const SCHEMES: [&str; 2] = ["light", "dark"];
/// Screenshots: 1280×800 (Chrome, Edge; AMO takes any size and shows them at this ratio).
pub const SCREENSHOT: (u32, u32) = (1280, 800);
/// Chrome's and Edge's small promotional tile.
pub const PROMO_TILE: (u32, u32) = (440, 280);

/// How strictly `check` wants the images.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wanted {
    /// The `store` test step: those that exist must have their size (the end-to-end suite may
    /// have written some locales only, or none yet).
    ThoseThatExist,
    /// `cargo xtask package`: every one must exist, with its size.
    All,
}

/// One image the stores need: where the test writes it and the size it must have.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub relative: PathBuf,
    pub size: (u32, u32),
}

/// A screenshot's path under `target/store`.
pub fn screenshot(locale: &str, scene: &str, scheme: &str) -> PathBuf {
    Path::new("screenshots")
        .join(locale)
        .join(format!("{scene}-{scheme}.png"))
}

/// Every image the stores need for `locales`.
pub fn expected(locales: &[String]) -> Vec<Image> {
    let mut images = vec![Image {
        relative: PathBuf::from("promo-tile.png"),
        size: PROMO_TILE,
    }];
    for locale in locales {
        for scene in SCENES {
            for scheme in SCHEMES {
                images.push(Image {
                    relative: screenshot(locale, scene, scheme),
                    size: SCREENSHOT,
                });
            }
        }
    }
    images
}

/// A PNG's width and height, from its header.
pub fn png_size(path: &Path) -> Result<(u32, u32), String> {
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let reader = decoder
        .read_info()
        .map_err(|e| format!("{}: not a PNG ({e})", path.display()))?;
    let info = reader.info();
    Ok((info.width, info.height))
}

/// Everything wrong with the images under `folder` (`target/store`).
pub fn check(folder: &Path, locales: &[String], wanted: Wanted) -> Vec<String> {
    let mut problems = Vec::new();
    for image in expected(locales) {
        let path = folder.join(&image.relative);
        if !path.exists() {
            if wanted == Wanted::All {
                problems.push(format!("missing {}", path.display()));
            }
            continue;
        }
        match png_size(&path) {
            Ok(size) if size == image.size => {}
            Ok((width, height)) => problems.push(format!(
                "{} is {width}×{height}, must be {}×{}",
                path.display(),
                image.size.0,
                image.size.1
            )),
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// The screenshots `store` (`chrome`, `edge` or `amo`) lists for `locale`, as (source under
/// `target/store`, file name in the store's folder), numbered in the order to upload them.
pub fn for_store(store: &str, locale: &str) -> Vec<(PathBuf, String)> {
    let schemes: &[&str] = if store == "amo" {
        &SCHEMES
    } else {
        &SCHEMES[..1]
    };
    let mut shots = Vec::new();
    for scheme in schemes {
        for scene in SCENES {
            let number = shots.len() + 1;
            shots.push((
                screenshot(locale, scene, scheme),
                format!("{number:02}-{scene}-{scheme}.png"),
            ));
        }
    }
    shots
}

/// A PNG of `width`×`height` (one grey channel) at `path`, for the tests.
#[cfg(test)]
pub fn write_png(path: &Path, width: u32, height: u32) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
    let file = File::create(path).expect("file");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().expect("header");
    let pixels = vec![128u8; (width * height) as usize];
    writer.write_image_data(&pixels).expect("pixels");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("notrain-images-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn all_images(folder: &Path, locales: &[String]) {
        for image in expected(locales) {
            write_png(&folder.join(&image.relative), image.size.0, image.size.1);
        }
    }

    #[test]
    fn every_image_of_its_size_passes_both_ways() {
        let folder = scratch("good");
        let locales = vec!["en".to_owned(), "pt_BR".to_owned()];
        all_images(&folder, &locales);
        assert_eq!(check(&folder, &locales, Wanted::All), Vec::<String>::new());
        assert_eq!(
            check(&folder, &locales, Wanted::ThoseThatExist),
            Vec::<String>::new()
        );
        assert_eq!(png_size(&folder.join("promo-tile.png")), Ok((440, 280)));
    }

    #[test]
    fn a_wrong_size_fails_even_when_only_existing_ones_are_checked() {
        let folder = scratch("size");
        let locales = vec!["en".to_owned()];
        write_png(&folder.join(screenshot("en", "feed", "dark")), 1280, 720);
        write_png(&folder.join("promo-tile.png"), 440, 280);
        let problems = check(&folder, &locales, Wanted::ThoseThatExist);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("feed-dark.png is 1280×720"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_image_fails_the_package_only() {
        let folder = scratch("missing");
        let locales = vec!["en".to_owned(), "de".to_owned()];
        all_images(&folder, &locales);
        fs::remove_file(folder.join(screenshot("de", "popup", "light"))).expect("remove");
        assert_eq!(
            check(&folder, &locales, Wanted::ThoseThatExist),
            Vec::<String>::new()
        );
        let problems = check(&folder, &locales, Wanted::All);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("de/popup-light.png"), "{problems:?}");
    }

    #[test]
    fn a_file_that_is_not_a_png_fails() {
        let folder = scratch("garbage");
        fs::create_dir_all(&folder).expect("folder");
        fs::write(folder.join("promo-tile.png"), b"GIF89a not a png").expect("write");
        let problems = check(&folder, &[], Wanted::ThoseThatExist);
        assert!(
            problems.len() == 1 && problems[0].contains("not a PNG"),
            "{problems:?}"
        );
    }

    #[test]
    fn chrome_and_edge_get_five_light_shots_amo_all_ten() {
        assert_eq!(for_store("chrome", "en").len(), 5);
        assert_eq!(for_store("edge", "en").len(), 5);
        let amo = for_store("amo", "fr");
        assert_eq!(amo.len(), 10);
        assert_eq!(amo[0].1, "01-setting-on-light.png");
        assert_eq!(
            amo[9],
            (
                screenshot("fr", "options", "dark"),
                "10-options-dark.png".into()
            )
        );
    }
}
