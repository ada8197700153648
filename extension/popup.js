// NoTrain popup: shows what the core says about the stored verdict. Works without a LinkedIn tab.
import init, * as core from "./core/notrain.js";
import { localize } from "./localize.js";

const RECORD = "record";

async function show() {
  const stored = (await chrome.storage.local.get(RECORD))[RECORD];
  const view = core.popup(stored);
  const main = document.querySelector("[data-notrain-popup]");
  main.dataset.state = view.state;
  document.getElementById("headline").textContent = chrome.i18n.getMessage(view.headline);
  document.getElementById("read-at").textContent = view.readAtMs
    ? chrome.i18n.getMessage("popupReadAt", [new Date(view.readAtMs).toLocaleString()])
    : "";
  document.getElementById("setting-link").href = view.settingUrl;
}

localize(document);
await init({ module_or_path: chrome.runtime.getURL("core/notrain_bg.wasm") });
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && RECORD in changes) show();
});
await show();
