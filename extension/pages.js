// What the popup and the options page share: they never write the record themselves but send
// each change to the background (its only writer), and they say plainly when something failed
// instead of letting a button do nothing.
import { message } from "./localize.js";

// Asks the background for a change (`request`, `forget`, `start`, `cancel`, `include`, `exclude`).
export async function send(change, id, kind) {
  const answer = await chrome.runtime.sendMessage({ type: "change", change, id, kind });
  if (!answer?.done) throw new Error(answer?.error ?? "no answer from NoTrain's background");
}

// A handler for the user's own clicks (untrusted events are ignored) that shows what failed.
export function trusted(handler) {
  return (event) => {
    if (!event.isTrusted) return;
    document.querySelector("[data-notrain-failure]").hidden = true; // a new try
    return shown(() => handler(event));
  };
}

// Runs `task`; a failure is shown in the page's `[data-notrain-failure]` line and logged.
export async function shown(task) {
  const line = document.querySelector("[data-notrain-failure]");
  try {
    await task();
  } catch (error) {
    line.textContent = message("pageFailed", [String(error?.message ?? error)]);
    line.hidden = false;
    console.error("NoTrain:", error);
  }
}
