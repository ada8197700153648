// What the background and the extension's pages share: the core (its WebAssembly loaded once per
// page, from the package), the keys NoTrain keeps in chrome.storage.local, and what the core is
// told besides the stored record (the browser's time zone, the user's region choice).
//
// Test hook: the core loads in explicit steps (the packaged file read, compiled, instantiated), each
// ending in a `performance.mark` ("core:start", "core:fetched", "core:compiled", "core:ready") that
// the benchmark reads from the background afterwards (background.js, message "timings").
import init, * as core from "./core/notrain.js";

export { core };
export const RECORD = "record"; // written by the background only
export const AHEAD = "ahead"; // written with it: what ordinary pages draw before the core answers
export const SET_ASIDE = "recordSetAside"; // an unusable stored record, kept instead of lost
export const REGION_CHOICE = "regionChoice"; // the options page's own key
export const MEMBER_SALT = "memberSalt"; // random, made once: member digests cannot be matched to profiles
export const ready = load();

async function load() {
  performance.mark("core:start");
  const bytes = await (await fetch(chrome.runtime.getURL("core/notrain_bg.wasm"))).arrayBuffer();
  performance.mark("core:fetched");
  const module = await WebAssembly.compile(bytes);
  performance.mark("core:compiled");
  await init({ module_or_path: module });
  performance.mark("core:ready");
}

// The stored value of each key named, by key.
export const stored = (...keys) => chrome.storage.local.get(keys);

// Calls `handler` whenever one of `keys` changes in chrome.storage.local.
export function onStored(keys, handler) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && keys.some((key) => key in changes)) handler(changes);
  });
}

// The browser's time zone and the user's region choice (a stored value that is no text is none),
// as the core takes them. The zone from Temporal where the browser has it: a first
// `Intl.DateTimeFormat()` in a fresh worker builds a whole date formatter, about 30 ms of a cold
// background's first answer (measured in Chromium 156).
export function whereabouts(choice) {
  const zone = globalThis.Temporal?.Now.timeZoneId() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [zone, typeof choice === "string" ? choice : undefined];
}
