//! Reaching a setting behind a click (a switch in a dialog that a menu, a tab and a button open):
//! the setting's prerequisite steps (`click`, `waitFor`) as the content script is
//! asked to look for them, and which one to press next.
//!
//! The steps are taken furthest first: of the `click` steps whose element is shown, the last in
//! the rules' order is the one to press, so a page that already shows part of the way (a hash
//! route that opens the settings at the right tab) skips what it need not press. Each is pressed
//! at most once per page load; one shown twice is pressed never. A `waitFor` step's element must
//! be shown before any later step acts, the switch's reading included.

use crate::decide::Directive;
use crate::model::report::Report;
use crate::read::locate::Located;
use crate::rules::{AttributeIs, Setting, Step};

/// The CSS selectors of the setting's prerequisite steps, in order (`Directive::look`).
pub fn look(setting: &Setting) -> Vec<String> {
    setting
        .prerequisites()
        .filter_map(|step| match step {
            Step::Click(target) | Step::WaitFor(target) => Some(selector(target)),
            Step::Open(_) | Step::SwitchOff => None,
        })
        .collect()
}

/// Whether the switch may be read: the content script counted the prerequisites' elements, and
/// every `waitFor` element is shown. A setting without prerequisites is always ready.
pub fn ready(setting: &Setting, report: &Report) -> bool {
    let steps: Vec<&Step> = setting.prerequisites().collect();
    steps.is_empty() || (counted(&steps, report) && gate(&steps, report).is_none())
}

/// The prerequisite to press next (its index in [`look`]'s list) when the page does not show the
/// switch: the furthest `click` step before any `waitFor` still missing whose element is shown
/// once and was not pressed on this page. `None`: wait for the page (what was pressed has not
/// opened yet, nothing to press is shown or it is shown twice, or nothing was counted yet).
pub fn next_press(setting: &Setting, report: &Report) -> Option<u32> {
    let steps: Vec<&Step> = setting.prerequisites().collect();
    if !counted(&steps, report) {
        return None;
    }
    let before_gate = gate(&steps, report).unwrap_or(steps.len());
    let furthest = (0..before_gate)
        .rev()
        .find(|&index| matches!(steps[index], Step::Click(_)) && report.found[index] > 0)?;
    let index = u32::try_from(furthest).ok()?;
    let once = report.found[furthest] == 1;
    (once && !report.pressed.contains(&index)).then_some(index)
}

/// `directive`, with the prerequisite to press next while the page does not show the switch.
pub fn pressing(
    mut directive: Directive,
    setting: &Setting,
    located: &Located,
    report: &Report,
) -> Directive {
    if matches!(located, Located::Missing) {
        directive.press = next_press(setting, report);
    }
    directive
}

/// Whether the report counts exactly the setting's prerequisites (it answers this `look`).
fn counted(steps: &[&Step], report: &Report) -> bool {
    report.found.len() == steps.len()
}

/// The first `waitFor` step whose element is not shown.
fn gate(steps: &[&Step], report: &Report) -> Option<usize> {
    steps
        .iter()
        .zip(&report.found)
        .position(|(step, found)| matches!(step, Step::WaitFor(_)) && *found == 0)
}

/// `[attribute="value"]`, the value escaped as a CSS string (the attribute is a rules file's
/// plain name).
fn selector(target: &AttributeIs) -> String {
    let mut value = String::with_capacity(target.value.len());
    for c in target.value.chars() {
        match c {
            '"' | '\\' => {
                value.push('\\');
                value.push(c);
            }
            '\n' => value.push_str("\\a "),
            _ => value.push(c),
        }
    }
    format!("[{}=\"{value}\"]", target.attribute)
}
