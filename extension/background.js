// NoTrain background: loads the WebAssembly core, passes it the content scripts' reports, and is
// the only writer of the record.
//
// It keeps no state of its own (a Chrome service worker can stop at any time): the record lives in
// chrome.storage.local, the opt-out's progress travels with the page's reports. The extension's
// pages (popup, options) send it their changes instead of writing, and every change, a report or
// a page's, reads the record, decides and writes before the next one starts (`serially`), so no
// write is lost; each write adds one to the record's `revision`. It answers only its own
// extension's content scripts and pages, and sends nothing anywhere.
//
// Test hook: it keeps in memory when the last few reports' steps happened, and answers the message
// "timings" from its own pages with them and the core's load marks (common.js), for the benchmark.
import { AHEAD, core, MEMBER_SALT, onStored, ready, RECORD, REGION_CHOICE, SET_ASIDE, stored, whereabouts } from "./common.js";

const OWN_PAGES = chrome.runtime.getURL("");
const now = () => performance.timeOrigin + performance.now(); // ms since the epoch
const reportTimes = []; // the test hook's, the last 8 reports

// One queue: each task's read-decide-write completes before the next task starts.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}
// The content scripts' registrations follow one another in a queue of their own: a report never
// waits behind them (at every start of the background, the first one would, for a round of calls).
let registering = Promise.resolve();

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  let answer;
  if (message?.type === "report" && sender.tab) {
    // The tab comes from the browser, never from the page: the review of settings acts only in its own tab.
    const times = { received: now() };
    if (reportTimes.push(times) > 8) reportTimes.shift();
    answer = serially(() => decide({ ...message.report, tab: sender.tab.id }, times)).then((directive) => {
      times.answered = now();
      return { directive };
    });
  } else if (message?.type === "change" && sender.url?.startsWith(OWN_PAGES)) {
    answer = change(message).then(() => ({ done: true })); // from the popup or the options page
  } else if (message?.type === "timings" && sender.url?.startsWith(OWN_PAGES)) {
    answer = Promise.resolve(timings());
  } else {
    return false;
  }
  answer.then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
  return true; // the answer comes asynchronously
});

// LinkedIn navigates in-app with history.pushState; tell the page's content script.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) chrome.tabs.sendMessage(tabId, { type: "navigated" }).catch(() => {});
});

// A review bound to a tab that is gone ends (tab ids are reused: it must not go on in a new tab).
// Without a review under way nothing is written.
const reviewGone = (change, tab) => serially(async () => {
  const review = (await record())?.review;
  if (review && review.endedAtMs == null) await update("review_change", change, "", tab);
}).catch(logged);
chrome.tabs.onRemoved.addListener((tab) => reviewGone("tab-closed", tab));

onStored([RECORD], (changes) => showBadge(changes[RECORD].newValue));
// Another region chosen: what ordinary pages draw ahead is made again.
onStored([REGION_CHOICE], () => serially(async () => {
  const state = await stored(...STATE);
  await store(state, { record: state[RECORD] });
}).catch(logged));

// Access to a service's site given or taken back (the options page, or the browser's own UI).
chrome.permissions.onAdded.addListener(servicesChanged);
chrome.permissions.onRemoved.addListener(servicesChanged);
servicesChanged(); // at every start of the background: what a browser restart kept may be stale

chrome.runtime.onStartup.addListener(() => {
  reviewGone("restarted", 0); // no tab of the last session is left
  refreshBadge();
});
chrome.runtime.onInstalled.addListener(refreshBadge);

const record = async () => (await stored(RECORD))[RECORD];
// What a decision reads: the record, the region choice, the member salt.
const STATE = [RECORD, REGION_CHOICE, MEMBER_SALT];

// Keeps an unusable stored value aside, and writes the core's record if it changed, one revision
// up. What ordinary pages draw before the core answers them (`ahead`) follows in a task of its
// own, once the answer has gone: made again when the record changed or the stored one no longer
// holds (the core says which); written empty if the core fails to make it for a changed record.
async function store(state, result) {
  const before = state[RECORD];
  if (result.setAside) await chrome.storage.local.set({ [SET_ASIDE]: { value: before, why: result.setAside } });
  const changed = JSON.stringify(result.record) !== JSON.stringify(before);
  const record = changed ? { ...result.record, revision: (result.record.revision ?? 0) + 1 } : before;
  if (changed) await chrome.storage.local.set({ [RECORD]: record });
  serially(async () => {
    await new Promise((resolve) => setTimeout(resolve)); // after the answer to the page
    // Read now, not with the decision: an earlier task of the queue may have written it meanwhile.
    const { [AHEAD]: kept, [REGION_CHOICE]: choice } = await stored(AHEAD, REGION_CHOICE);
    const ahead = aheadFor(record, changed ? undefined : kept?.made, choice) ?? (changed ? {} : undefined);
    if (ahead) await chrome.storage.local.set({ [AHEAD]: ahead });
  }).catch(logged);
  return result;
}

// `undefined` when the stored one holds, or when the core failed (then ordinary pages wait for
// its answer: none is drawn ahead).
function aheadFor(record, made, choice) {
  try {
    return guarded(() => core.ahead(record, made, Date.now(), ...whereabouts(choice)));
  } catch (error) {
    logged(error);
    return undefined;
  }
}

// `times`: when each step ended, for the test hook.
async function decide(report, times) {
  const reading = stored(...STATE); // while the core loads, on a background's first report
  await ready;
  times.started = now();
  const state = await reading;
  const { [RECORD]: before, [REGION_CHOICE]: choice, [MEMBER_SALT]: salt } = state;
  times.read = now();
  const memberSalt = typeof salt === "string" ? salt : await newSalt();
  if (report.member) report.member = await digest(memberSalt + String(report.member).toLowerCase());
  times.digested = now();
  const decision = guarded(() =>
    core.decide(report, before, Date.now(), ...whereabouts(choice), true));
  times.decided = now();
  const { directive } = await store(state, decision);
  times.stored = now();
  return directive;
}

// The test hook's answer: when this background started, the core's load marks and the last reports'
// steps, in ms since the epoch (comparable with a page's performance.timeOrigin + now()).
function timings() {
  const origin = performance.timeOrigin;
  const marks = performance.getEntriesByType("mark").map((mark) => [mark.name, origin + mark.startTime]);
  return { origin, marks: Object.fromEntries(marks), reports: reportTimes };
}

// One of the core's record changes (`request`, `review_change`) applied to the stored record.
async function update(name, ...args) {
  await ready;
  const state = await stored(...STATE);
  return store(state, guarded(() => core[name](state[RECORD], Date.now(), ...args)));
}

// A change asked for by the popup or the options page (after the user's trusted click there).
// `request`: opt out of (`kind` "opt-out") or check ("check") service `id`'s setting.
function change({ change, id, kind }) {
  if (change === "request") return serially(() => update("request", String(id ?? ""), String(kind ?? "")));
  if (change === "forget") return serially(() => chrome.storage.local.clear());
  if (change === "start") return startReview();
  if (["include", "exclude", "cancel"].includes(change)) return serially(() => update("review_change", change, String(id ?? ""), 0));
  return Promise.reject(new Error(`unknown change ${change}`));
}

// An empty tab first, so the review is bound to it before its first page loads there. Whatever
// fails, the tab does not stay behind empty.
async function startReview() {
  const tab = await chrome.tabs.create({ url: "about:blank", active: false });
  try {
    const started = await serially(() => update("review_change", "start", "", tab.id));
    if (!started.url) throw new Error("no setting to review");
    await chrome.tabs.update(tab.id, { url: started.url, active: true });
  } catch (error) {
    await chrome.tabs.remove(tab.id).catch(() => {}); // ends the review bound to it, if one started
    throw error;
  }
}

// The member's one-way digest (the identifier itself goes no further than this function).
async function digest(text) {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

// Made once, inside the queue like every other write.
async function newSalt() {
  const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  await chrome.storage.local.set({ [MEMBER_SALT]: salt });
  return salt;
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

function logged(error) {
  console.error("NoTrain:", error);
}

async function refreshBadge() {
  showBadge(await record());
}

// The origins the browser granted: the required services' and each optional one turned on.
const granted = async () => (await chrome.permissions.getAll()).origins ?? [];

async function showBadge(record) {
  await ready;
  const origins = await granted();
  const { text, color, title, services } = guarded(() => core.badge(record, origins));
  await chrome.action.setBadgeText({ text });
  await chrome.action.setBadgeBackgroundColor({ color });
  await chrome.action.setTitle({ title: chrome.i18n.getMessage(title, [services]) });
}

function servicesChanged() {
  registering = registering.then(registerContentScripts).catch(logged);
  refreshBadge().catch(logged);
}

// The content script runs on each optional service turned on (all its origins granted) and on
// no other: registered for each one turned on, unregistered for each turned off. The required
// services' content script is the manifest's.
async function registerContentScripts() {
  await ready;
  const services = core.known_services(await granted()).filter((service) => service.on && !service.required);
  // As the manifest's: ahead.js at document_start, then banner.js and content.js at document_idle.
  const wanted = services.flatMap((service) => [
    { id: `service-${service.id}-start`, matches: service.origins, js: ["ahead.js"], runAt: "document_start" },
    { id: `service-${service.id}`, matches: service.origins, js: ["banner.js", "content.js"], runAt: "document_idle" },
  ]);
  const registered = (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id);
  const gone = registered.filter((id) => !wanted.some((script) => script.id === id));
  if (gone.length) await chrome.scripting.unregisterContentScripts({ ids: gone });
  const added = wanted.filter((script) => !registered.includes(script.id));
  if (added.length) await chrome.scripting.registerContentScripts(added);
}
