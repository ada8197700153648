//! The extension's icons, made by the build: `brand/notrain.svg` (and, for 16 px, its
//! pixel-hinted drawing `brand/notrain-16.svg`) rendered with resvg into `icons/icon-<size>.png`,
//! the files the manifest names. The same SVG always gives the same PNG bytes, so the store zips
//! stay reproducible.

use crate::run::root;
use resvg::{tiny_skia, usvg};
use std::fs;
use std::path::{Path, PathBuf};

/// The sizes the manifest names (toolbar 16/32, extensions page 48, store and install 128).
pub const SIZES: [u32; 4] = [16, 32, 48, 128];
/// Up to this size the hinted drawing is used (at 16 px the large one's edges fall between pixels).
const HINTED_UP_TO: u32 = 16;

/// The icon's path inside the extension, as the manifest names it.
pub fn file_name(size: u32) -> String {
    format!("icons/icon-{size}.png")
}

/// The SVG the icon of `size` pixels is drawn from.
pub fn source(size: u32) -> PathBuf {
    let name = if size <= HINTED_UP_TO {
        "notrain-16.svg"
    } else {
        "notrain.svg"
    };
    root().join("brand").join(name)
}

/// Every icon, as (path inside the extension, PNG bytes).
pub fn render_all() -> Result<Vec<(String, Vec<u8>)>, String> {
    SIZES
        .iter()
        .map(|&size| Ok((file_name(size), render(&source(size), size)?)))
        .collect()
}

/// Writes the icons of `render_all` below the extension folder `folder`.
pub fn write(icons: &[(String, Vec<u8>)], folder: &Path) -> Result<(), String> {
    for (name, png) in icons {
        let path = folder.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, png).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The SVG at `svg` scaled to `size`×`size` pixels, as PNG bytes.
fn render(svg: &Path, size: u32) -> Result<Vec<u8>, String> {
    let text = fs::read(svg).map_err(|e| format!("cannot read {}: {e}", svg.display()))?;
    let tree = usvg::Tree::from_data(&text, &usvg::Options::default())
        .map_err(|e| format!("{}: {e}", svg.display()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size, size).ok_or_else(|| format!("no {size} px canvas"))?;
    let drawn = tree.size();
    let transform =
        tiny_skia::Transform::from_scale(size as f32 / drawn.width(), size as f32 / drawn.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the {size} px icon: {e}"))
}

#[cfg(test)]
mod tests {
    use super::{render, render_all, source, SIZES};
    use crate::{dist, run::root};
    use resvg::tiny_skia::{ColorU8, Pixmap};
    use std::fs;

    fn decoded(png: &[u8]) -> Pixmap {
        Pixmap::decode_png(png).expect("the build writes PNGs")
    }

    /// The opaque pixels of `pixmap` within `x` × `y` (fractions of its side), as colours.
    fn opaque_in(pixmap: &Pixmap, x: (f32, f32), y: (f32, f32)) -> Vec<ColorU8> {
        let side = pixmap.width() as f32;
        let within = |at: u32, (from, to): (f32, f32)| {
            let at = at as f32 + 0.5;
            at >= from * side && at < to * side
        };
        let width = pixmap.width();
        (0..pixmap.height())
            .flat_map(|row| (0..width).map(move |column| (column, row)))
            .filter(|&(column, row)| within(column, x) && within(row, y))
            .filter_map(|(column, row)| pixmap.pixel(column, row))
            .map(|pixel| pixel.demultiply())
            .filter(|pixel| pixel.alpha() == 255)
            .collect()
    }

    fn is_white(pixel: &ColorU8) -> bool {
        pixel.red() > 230 && pixel.green() > 230 && pixel.blue() > 230
    }

    /// WCAG's relative luminance of an sRGB colour.
    fn luminance(red: u8, green: u8, blue: u8) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Every (declared size, path) of an icon in the manifest: `icons` and the toolbar's.
    fn named_in_manifest() -> Vec<(u32, String)> {
        let manifest = dist::read_manifest().unwrap();
        let mut named = Vec::new();
        for icons in [&manifest["icons"], &manifest["action"]["default_icon"]] {
            let icons = icons.as_object().expect("the manifest names icons");
            for (size, path) in icons {
                let size = size.parse().expect("icon keys are sizes");
                named.push((size, path.as_str().unwrap().to_owned()));
            }
        }
        named
    }

    /// Each icon the manifest names is made, at the size it is named for, and nothing else is.
    #[test]
    fn every_named_icon_is_made_at_its_size() {
        let made = render_all().unwrap();
        let named = named_in_manifest();
        for (size, path) in &named {
            let (_, png) = made
                .iter()
                .find(|(name, _)| name == path)
                .unwrap_or_else(|| panic!("the build makes no {path}"));
            let pixmap = decoded(png);
            assert_eq!((pixmap.width(), pixmap.height()), (*size, *size), "{path}");
        }
        for (name, _) in &made {
            assert!(named.iter().any(|(_, path)| path == name), "{name} unused");
        }
    }

    /// Each icon shows the mark: a shield over much of it, with the white switch inside.
    #[test]
    fn icons_are_drawn() {
        for (name, png) in render_all().unwrap() {
            let pixmap = decoded(&png);
            let all = opaque_in(&pixmap, (0.0, 1.0), (0.0, 1.0));
            let area = (pixmap.width() * pixmap.height()) as usize;
            assert!(all.len() * 2 > area, "{name}: mostly transparent");
            let white = all.iter().filter(|pixel| is_white(pixel)).count();
            assert!(white * 16 > area, "{name}: no switch");
            assert!((all.len() - white) * 4 > area, "{name}: no shield");
        }
    }

    /// Where the browsers draw the badge (the lower right), the icon is the plain shield: the
    /// switch stays in the upper half.
    #[test]
    fn badge_corner_is_plain() {
        for (name, png) in render_all().unwrap() {
            let corner = opaque_in(&decoded(&png), (0.5, 1.0), (0.5, 1.0));
            assert!(
                !corner.iter().any(is_white),
                "{name}: detail under the badge"
            );
        }
    }

    /// Each badge colour (`src/view/badge.rs`) stands out from the shield it is drawn over.
    #[test]
    fn badge_colours_contrast_with_the_shield() {
        let pixmap = decoded(&render(&source(128), 128).unwrap());
        let shield = opaque_in(&pixmap, (0.45, 0.55), (0.75, 0.8))[0];
        let shield = luminance(shield.red(), shield.green(), shield.blue());
        let badge = fs::read_to_string(root().join("src/view/badge.rs")).unwrap();
        let colours: Vec<&str> = badge
            .split('"')
            .filter(|part| part.len() == 7 && part.starts_with('#'))
            .collect();
        assert!(colours.len() >= 3, "badge colours not found");
        for colour in colours {
            let channel = |at: usize| u8::from_str_radix(&colour[at..at + 2], 16).unwrap();
            let badge = luminance(channel(1), channel(3), channel(5));
            let ratio = (badge.max(shield) + 0.05) / (badge.min(shield) + 0.05);
            assert!(ratio >= 1.9, "badge {colour} on the shield: {ratio:.2}:1");
        }
    }

    /// The same SVGs give the same bytes (the store zips are compared byte for byte).
    #[test]
    fn rendering_is_deterministic() {
        assert_eq!(render_all().unwrap(), render_all().unwrap());
        assert_eq!(SIZES.len(), render_all().unwrap().len());
    }
}
