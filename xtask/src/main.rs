//! `cargo xtask`: NoTrain's build and test commands, in Rust so they run wherever cargo does.
//!
//! - `cargo xtask build`: the release wasm, both extension folders in `dist/`, the store zips and
//!   the source archive.
//! - `cargo xtask package`: the build, the store images, and under `dist/store/` what each store's
//!   dashboard takes (listings in every language, screenshots, packages, AMO's source and notes).
//! - `cargo xtask test`: every check CI runs (including the bounded fuzz campaign), installing what
//!   is missing on Debian first.
//! - `cargo xtask bench`: measures the built extension's cost in headless browsers (printed, and
//!   written to `target/bench/report.json`; never asserted).
//! - `cargo xtask demo`: the extension in Chromium on the fake LinkedIn, headed or as screenshots.
//! - `cargo xtask tidy`: the housekeeping rules (doc comment atop every file, the README's module
//!   map, file lengths, the core's layers, the manifest's host lists), from the files alone.
//! - `cargo xtask new-service NAME`: the skeleton of a new service (its rules file, its messages
//!   in every locale, marked for translation, and a fixture page), to fill in.
//! - `cargo xtask zones`: regenerates `rules/zones.tsv` from the machine's tzdata.

mod archive;
mod bench;
mod demo;
mod dist;
mod hosts;
mod icons;
mod images;
mod layers;
mod listing;
mod module_map;
mod package;
mod reproducible;
mod run;
mod scaffold;
mod store;
mod test;
mod tidy;
mod tools;
mod zones;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => dist::build().map(|_| ()),
        Some("test") => test::all(&args[1..]),
        Some("package") => package::run_command(&args[1..]),
        Some("tidy") => tidy::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("demo") => demo::start(&args[1..]),
        Some("new-service") => scaffold::new_service(&args[1..]),
        Some("zones") => zones::regenerate(&args[1..]),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage: cargo xtask build | package | test [--only STEP[,STEP...]] | tidy | bench [--pairs N] [--only SECTIONS] | demo [--headless] | zones | new-service NAME\n\
     steps: fmt, tidy, clippy, native, fuzz, wasm-chromium, wasm-firefox, lint-firefox, offline, \
     reproducible, e2e-chromium, e2e-firefox, bench, store, sizes"
        .to_owned()
}
