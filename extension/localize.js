// Small helpers shared by the extension pages: _locales text, country names and dates in the
// browser's UI language, and the core's sentences (`Line`s: a message key and its arguments).

// The _locales message `key` with its substitutions.
export const message = (key, substitutions) => chrome.i18n.getMessage(key, substitutions);

// Fills every element marked data-i18n with its _locales message, as text, and gives the page
// the UI language (screen readers pronounce by it).
export function localize(root) {
  root.documentElement.lang = chrome.i18n.getUILanguage();
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = message(element.dataset.i18n);
  }
}

// The country's name in the UI language, with its code: "Germany (DE)".
export function countryName(code) {
  const names = new Intl.DisplayNames([chrome.i18n.getUILanguage()], { type: "region" });
  return `${names.of(code) ?? code} (${code})`;
}

// A "YYYY-MM-DD" date as a long date in the UI language, or "" when absent.
export function longDate(isoDate) {
  if (!isoDate) return "";
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(chrome.i18n.getUILanguage(),
    { dateStyle: "long", timeZone: "UTC" });
}

// One of the core's sentences as text: its message with each argument formatted (a date, a
// country, another message such as a setting's name, or text as is).
export function lineText(line) {
  return message(line.key, line.args.map((arg) => arg.date ? longDate(arg.date) : arg.country
    ? countryName(arg.country) : arg.message ? message(arg.message) : String(arg.text ?? "")));
}
