// NoTrain popup: renders what the core says about the stored verdict and the rule in force for
// the assumed region. Works without a LinkedIn tab.
import init, * as core from "./core/notrain.js";
import { countryName, localize, longDate } from "./localize.js";
import { send, shown, trusted } from "./pages.js";
import { showReview } from "./review.js";

const RECORD = "record";
const REGION_CHOICE = "regionChoice";
const message = (key, substitutions) => chrome.i18n.getMessage(key, substitutions);

async function show() {
  const { [RECORD]: stored, [REGION_CHOICE]: choice } = await chrome.storage.local.get([RECORD, REGION_CHOICE]);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const view = core.popup(stored, Date.now(), timeZone, typeof choice === "string" ? choice : undefined);
  document.querySelector("[data-notrain-popup]").dataset.state = view.state;
  document.getElementById("headline").textContent = message(view.headline);
  document.getElementById("read-at").textContent = view.readAtMs
    ? message("popupReadAt", [new Date(view.readAtMs).toLocaleString()])
    : "";
  document.getElementById("member-untold").hidden = !view.memberUntold;
  document.getElementById("setting-link").href = view.settingUrl;
  showPrimary(view);
  showRegion(view.region);
  showRule(view.explanation);
}

// "Opt out now" records a guided request that the setting page carries out; "Check now" only
// opens the page. Both work without a LinkedIn tab.
function showPrimary(view) {
  const button = document.getElementById("primary");
  button.hidden = !view.primary;
  button.dataset.notrainPopupAction = view.primary ?? "";
  button.textContent = message(view.primary === "opt-out" ? "popupOptOutNow" : "popupCheckNow");
  button.onclick = trusted(async () => {
    if (view.primary === "opt-out") await send("opt-out");
    await chrome.tabs.create({ url: view.settingUrl });
  });
}

function showRegion(region) {
  const element = document.getElementById("region");
  element.dataset.region = region.code;
  element.dataset.source = region.source;
  const name = region.code ? countryName(region.code) : "";
  element.textContent = {
    chosen: () => message("popupRegionChosen", [name]),
    "time-zone": () => message("popupRegionTimeZone", [name, region.timeZone]),
    none: () => message("popupRegionNone", [region.timeZone || "?"]),
  }[region.source]();
}

function showRule(explanation) {
  const rule = document.getElementById("rule");
  const since = longDate(explanation.defaultOnSince || explanation.periodFrom);
  if (explanation.offered === null) rule.textContent = message("popupRuleNone");
  else if (explanation.paused) rule.textContent = message("popupRulePaused", [since]);
  else if (!explanation.offered) rule.textContent = message("popupRuleNotOffered", [since]);
  else if (explanation.defaultOn) rule.textContent = message("popupRuleDefaultOn", [since]);
  else rule.textContent = message("popupRuleDefaultOff");
  if (explanation.legalBasis) {
    rule.textContent += " " + message(`legalBasis_${explanation.legalBasis.replaceAll("-", "_")}`);
  }
  document.getElementById("future-only").hidden = !explanation.stopsFutureUseOnly;
  const form = explanation.furtherOptions.find((option) => option.kind === "objection-form");
  document.getElementById("objection").hidden = !form;
  if (form) document.querySelector("#objection a").href = form.url;
}

// The user can take away NoTrain's access to LinkedIn (site access, both browsers): say so, and
// ask for it again from their click (the browser asks them to confirm).
const LINKEDIN = { origins: ["https://www.linkedin.com/*"] };

async function showAccess() {
  const granted = await chrome.permissions.contains(LINKEDIN);
  document.getElementById("access").hidden = granted;
  document.querySelector("[data-notrain-popup]").dataset.access = granted ? "granted" : "missing";
}

document.getElementById("grant").onclick = trusted(() => chrome.permissions.request(LINKEDIN).finally(showAccess));
chrome.permissions.onAdded.addListener(showAccess);
chrome.permissions.onRemoved.addListener(showAccess);

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
await init({ module_or_path: chrome.runtime.getURL("core/notrain_bg.wasm") });
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (RECORD in changes || REGION_CHOICE in changes)) showSafely();
});
await showSafely();
const review = (id) => document.getElementById(id);
await showReview({ list: review("review-list"), summary: review("review-summary"), start: review("review-start"),
  cancel: review("review-cancel"), editable: false });
