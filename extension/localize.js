// Small helpers shared by the extension pages: _locales text, country names and dates in the
// browser's UI language.

// Fills every element marked data-i18n with its _locales message, as text, and gives the page
// the UI language (screen readers pronounce by it).
export function localize(root) {
  root.documentElement.lang = chrome.i18n.getUILanguage();
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = chrome.i18n.getMessage(element.dataset.i18n);
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
