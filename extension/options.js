// NoTrain options: explains what is stored and lets the user forget it.
import { localize } from "./localize.js";

localize(document);
document.getElementById("forget").addEventListener("click", async () => {
  await chrome.storage.local.clear();
  document.getElementById("forgotten").textContent = chrome.i18n.getMessage("optionsForgotten");
});
