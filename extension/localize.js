// Fills every element marked data-i18n with its _locales message, as text.
export function localize(root) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = chrome.i18n.getMessage(element.dataset.i18n);
  }
}
