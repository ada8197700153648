//! `cargo xtask bench`: builds `dist/`, then runs the benchmark driver (`tests/bench/bench.py`,
//! Selenium + the DevTools protocol) in headless Chromium and Firefox against the fixture site.
//! It prints every figure beside its budget and writes `target/bench/report.json`; nothing is
//! asserted (the size budgets are tests: `cargo xtask test --only sizes`).
//!
//! `cargo xtask test` runs it once, short (`smoke`: one pair of each feed, two seconds of churn,
//! one run or pair of every other measurement), so that a change that breaks the benchmark fails
//! CI; its figures are printed and never judged.

use crate::run::{cmd, root, run as run_command};
use crate::{dist, tools};
use std::path::Path;
use std::process::Command;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The short run's arguments: every measurement path once.
const SMOKE: [&str; 10] = [
    "--pairs",
    "1",
    "--max-pairs",
    "1",
    "--churn",
    "2",
    "--verdict-runs",
    "1",
    "--optout-runs",
    "1",
];

/// Runs the benchmark; `args` (e.g. `--pairs 7`) go to the driver unchanged.
pub fn run(args: &[String]) -> Result<(), String> {
    let dist = dist::build()?;
    drive(&dist, "target/bench/report.json", args)
}

/// The short run of `cargo xtask test`, over the `dist` the test built: the command, which the
/// test runs beside the end-to-end suites (its figures are never judged, so their load is no
/// matter; only the benchmark breaking fails it).
pub fn smoke_command(dist: &Path) -> Result<Command, String> {
    let args: Vec<String> = SMOKE.iter().map(|arg| (*arg).to_owned()).collect();
    command(dist, "target/bench/smoke.json", &args)
}

fn drive(dist: &Path, out: &str, args: &[String]) -> Result<(), String> {
    run_command(&mut command(dist, out, args)?)
}

fn command(dist: &Path, out: &str, args: &[String]) -> Result<Command, String> {
    tools::browsers()?;
    let geckodriver = tools::geckodriver()?;
    let python = tools::python_venv()?;
    let mut command = cmd(&python, ["tests/bench/bench.py", "--out"]);
    command
        .arg(root().join(out))
        .args(args)
        .env("NOTRAIN_DIST", dist)
        .env("GECKODRIVER", &geckodriver)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root());
    Ok(command)
}
