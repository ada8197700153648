// The benchmark's empty extension (tests/bench/cold.py), on the fixture's setting page: when the
// toggle is inserted it sends one message, and shows the answer the way NoTrain's banner host does
// (an element `body > [data-notrain-banner]` with a data-state), so the page's bench.js times both
// alike. `data-background-origin` is when the answering background started.
const observer = new MutationObserver(() => {
  if (!document.querySelector("input[role=switch], input[type=checkbox]")) return;
  observer.disconnect();
  chrome.runtime.sendMessage({ type: "toggle" }).then((answer) => {
    const host = document.createElement("div");
    host.setAttribute("data-notrain-banner", "");
    host.setAttribute("data-background-origin", String(answer.origin));
    host.setAttribute("data-state", "exposed");
    document.body.append(host);
  });
});
observer.observe(document.body, { childList: true, subtree: true });
