//! `cargo xtask demo`: NoTrain on the fake LinkedIn, in Chromium with the built extension.
//!
//! With a display (`$DISPLAY` or `$WAYLAND_DISPLAY`) a browser window opens on the AI setting
//! page and stays until it is closed; without one (or with `--headless`) the flow runs by itself
//! (the banner on the setting page, the one click, the verified result, the popup) and its
//! screenshots land in `target/demo/`. The driver is `tests/demo/demo.py`, which reuses the
//! end-to-end tests' browser start and fixture server.

use crate::run::{cmd, root, run};
use crate::{dist, test, tools};

/// Builds `dist/`, then runs the demo driver in the tests' Python environment.
pub fn start(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.iter().find(|arg| *arg != "--headless") {
        return Err(format!("unknown argument {unknown}\n{}", crate::usage()));
    }
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()));
    let headless = !has_display || !args.is_empty();
    let dist = dist::build()?;
    tools::browsers()?;
    let python = tools::python_venv()?;
    let out = root().join("target/demo");
    let mut command = cmd(&python, ["tests/demo/demo.py", "--out"]);
    command
        .arg(&out)
        .args(headless.then_some("--headless"))
        .env("NOTRAIN_DIST", &dist)
        .env("CHROMEDRIVER", test::CHROMEDRIVER)
        .env("PYTHONDONTWRITEBYTECODE", "1");
    run(&mut command)
}
