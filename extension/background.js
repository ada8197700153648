// NoTrain background: loads the WebAssembly core and passes it the content scripts' reports.
//
// It keeps no state of its own (a Chrome service worker can stop at any time): the record lives in
// chrome.storage.local, the opt-out's progress travels with the page's reports. It answers only
// its own extension's content scripts, and sends nothing anywhere.
import init, * as core from "./core/notrain.js";

const RECORD = "record";
const SET_ASIDE = "recordSetAside";
const REGION_CHOICE = "regionChoice";
const MEMBER_SALT = "memberSalt"; // random, made once: member digests cannot be matched to profiles
const ready = init({ module_or_path: chrome.runtime.getURL("core/notrain_bg.wasm") });

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !sender.tab || message?.type !== "report") return false;
  // The tab comes from the browser, never from the page: the review of settings acts only in its own tab.
  decide({ ...message.report, tab: sender.tab.id }).then(
    (directive) => sendResponse({ directive }),
    (error) => sendResponse({ error: String(error) }),
  );
  return true; // the answer comes asynchronously
});

// LinkedIn navigates in-app with history.pushState; tell the page's content script.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) chrome.tabs.sendMessage(tabId, { type: "navigated" }).catch(() => {});
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && RECORD in changes) showBadge(changes[RECORD].newValue);
});

chrome.runtime.onStartup.addListener(refreshBadge);
chrome.runtime.onInstalled.addListener(refreshBadge);

async function decide(report) {
  await ready;
  const keys = [RECORD, REGION_CHOICE, MEMBER_SALT];
  const { [RECORD]: stored, [REGION_CHOICE]: choice, [MEMBER_SALT]: salt } = await chrome.storage.local.get(keys);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const memberSalt = typeof salt === "string" ? salt : await newSalt();
  const decision = guarded(() =>
    core.decide(report, stored, Date.now(), timeZone, typeof choice === "string" ? choice : undefined, memberSalt));
  if (decision.setAside) await chrome.storage.local.set({ [SET_ASIDE]: { value: stored, why: decision.setAside } });
  if (JSON.stringify(decision.record) !== JSON.stringify(stored)) {
    await chrome.storage.local.set({ [RECORD]: decision.record });
  }
  return decision.directive;
}

let saltMade = null;
function newSalt() {
  saltMade ??= (async () => {
    const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    await chrome.storage.local.set({ [MEMBER_SALT]: salt });
    return salt;
  })().finally(() => { saltMade = null; });
  return saltMade;
}

// A panic in the core (a bug) traps its WebAssembly instance. The call that hit it fails (the page
// shows "unknown" and says NoTrain hit an internal error; nothing is stored), and the core starts
// again with fresh memory, so the next call works. The core's panic hook has logged the panic.
function guarded(call) {
  try {
    return call();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) core.__wbg_reset_state();
    throw error;
  }
}

async function refreshBadge() {
  showBadge((await chrome.storage.local.get(RECORD))[RECORD]);
}

async function showBadge(stored) {
  await ready;
  const badge = guarded(() => core.badge(stored));
  await chrome.action.setBadgeText({ text: badge.text });
  await chrome.action.setBadgeBackgroundColor({ color: badge.color });
  await chrome.action.setTitle({ title: chrome.i18n.getMessage(badge.title) });
}
