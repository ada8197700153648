// The benchmark's empty extension (tests/bench/cold.py): its background answers the content script's
// one message at once, with when this background started (ms since the epoch), so that the bench
// can tell a cold answer (started after the toggle came) from a warm one.
chrome.runtime.onMessage.addListener((_message, _sender, sendResponse) => {
  sendResponse({ origin: performance.timeOrigin });
});
