//! `cargo xtask bench`: builds `dist/`, then runs the benchmark driver (`tests/bench/bench.py`,
//! Selenium + the DevTools protocol) in headless Chromium and Firefox against the fixture site.
//! It prints every figure beside its budget and writes `target/bench/report.json`; nothing is
//! asserted (the size budgets are tests: `cargo xtask test --only sizes`).

use crate::run::{cmd, root, run as run_command};
use crate::{dist, tools};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs the benchmark; `args` (e.g. `--pairs 7`) go to the driver unchanged.
pub fn run(args: &[String]) -> Result<(), String> {
    tools::browsers()?;
    let geckodriver = tools::geckodriver()?;
    let python = tools::python_venv()?;
    let dist = dist::build()?;
    let report = root().join("target/bench/report.json");
    let mut command = cmd(&python, ["tests/bench/bench.py", "--out"]);
    command
        .arg(&report)
        .args(args)
        .env("NOTRAIN_DIST", &dist)
        .env("GECKODRIVER", &geckodriver)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(root());
    run_command(&mut command)
}
