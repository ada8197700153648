// NoTrain options: the services NoTrain looks after, the region the rules assume (the user's
// choice, else the time zone), and forgetting what NoTrain has read.
import { core, ready, REGION_CHOICE, stored } from "./common.js";
import { countryName, localize, message } from "./localize.js";
import { send, shown, trusted } from "./pages.js";
import { showReview } from "./review.js";
import { showServiceSwitches } from "./services.js";

const select = document.getElementById("region");

localize(document);
await ready;
const services = document.getElementById("services");
await showServiceSwitches(services);
for (const event of [chrome.permissions.onAdded, chrome.permissions.onRemoved]) {
  event.addListener(() => shown(() => showServiceSwitches(services)));
}
const { [REGION_CHOICE]: choice } = await stored(REGION_CHOICE);
const options = core.countries().map((code) => new Option(countryName(code), code));
options.sort((a, b) => a.text.localeCompare(b.text));
select.append(...options); // the list, the stored choice and the enabling come in one step
select.value = typeof choice === "string" ? choice : "";
select.disabled = false;

// The region choice is the options page's own key; the record is written by the background only.
select.addEventListener("change", () => shown(async () => {
  const status = document.getElementById("region-saved");
  if (select.value === "") {
    await chrome.storage.local.remove(REGION_CHOICE);
  } else {
    await chrome.storage.local.set({ [REGION_CHOICE]: core.check_region(select.value) });
  }
  status.textContent = message("optionsRegionSaved");
}));

document.getElementById("forget").addEventListener("click", trusted(async () => {
  await send("forget");
  select.value = "";
  document.getElementById("forgotten").textContent = message("optionsForgotten");
}));

const review = (id) => document.getElementById(id);
await showReview({ list: review("review-list"), summary: review("review-summary"), start: review("review-start"),
  cancel: review("review-cancel"), editable: true });
