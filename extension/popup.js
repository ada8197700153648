// NoTrain popup: renders what the core says about the stored verdict and the rule in force for
// the assumed region, as the core's finished sentences. Works without a LinkedIn tab.
import { core, onStored, ready, RECORD, REGION_CHOICE, stored, whereabouts } from "./common.js";
import { lineText, localize, message } from "./localize.js";
import { send, shown, trusted } from "./pages.js";
import { showReview } from "./review.js";
import { showServiceRows } from "./services.js";

async function show() {
  const { [RECORD]: record, [REGION_CHOICE]: choice } = await stored(RECORD, REGION_CHOICE);
  const view = core.popup(record, Date.now(), ...whereabouts(choice));
  document.querySelector("[data-notrain-popup]").dataset.state = view.state;
  document.getElementById("headline").textContent = message(view.headline);
  document.getElementById("read-at").textContent = view.readAtMs
    ? message("popupReadAt", [new Date(view.readAtMs).toLocaleString()])
    : "";
  document.getElementById("member-untold").hidden = !view.memberUntold;
  document.getElementById("setting-link").href = view.settingUrl;
  showPrimary(view);
  const region = document.getElementById("region");
  Object.assign(region.dataset, { region: view.region.code, source: view.region.source });
  region.textContent = lineText(view.region.line);
  document.getElementById("rule").textContent = view.rule.map(lineText).join(" ");
  document.getElementById("future-only").hidden = !view.futureOnly;
  document.getElementById("objection").hidden = !view.objectionForm;
  if (view.objectionForm) document.querySelector("#objection a").href = view.objectionForm;
  await showServiceRows(document.getElementById("services"), record);
}

// "Opt out now" records a guided request that the setting page carries out; "Check now" one that
// only reads it there. Both open the page, and work without a tab of the service open.
function showPrimary(view) {
  const button = document.getElementById("primary");
  button.hidden = !view.primary;
  button.dataset.notrainPopupAction = view.primary ?? "";
  button.textContent = message(view.primary === "opt-out" ? "popupOptOutNow" : "popupCheckNow");
  button.onclick = trusted(async () => {
    await send("request", view.service, view.primary);
    await chrome.tabs.create({ url: view.settingUrl });
  });
}

// The user can take away NoTrain's access to the site (both browsers): say so, and ask for it
// again from their click (the browser asks them to confirm). The core names the origins.
async function showAccess() {
  await ready;
  const granted = await chrome.permissions.contains({ origins: core.origins() });
  document.getElementById("access").hidden = granted;
  document.querySelector("[data-notrain-popup]").dataset.access = granted ? "granted" : "missing";
}

// Asked synchronously within the click (a browser grants a request only from the user's gesture).
document.getElementById("grant").onclick = trusted(() =>
  chrome.permissions.request({ origins: core.origins() }).finally(showAccess));
for (const event of [chrome.permissions.onAdded, chrome.permissions.onRemoved]) {
  event.addListener(() => showAccess().then(showSafely));
}

// A failure of the core is shown plainly, never as a state NoTrain did not read.
async function showSafely() {
  try {
    await show();
  } catch (error) {
    document.querySelector("[data-notrain-popup]").dataset.state = "unknown";
    document.getElementById("headline").textContent = message("popupCoreError");
    console.error("NoTrain:", error);
  }
}

localize(document);
shown(showAccess);
await ready;
onStored([RECORD, REGION_CHOICE], showSafely);
await showSafely();
const review = (id) => document.getElementById(id);
await showReview({ list: review("review-list"), summary: review("review-summary"), start: review("review-start"),
  cancel: review("review-cancel"), editable: false });
