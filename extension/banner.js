// NoTrain banner: renders the banner the core describes, in a shadow root, with textContent only.
// Loaded before content.js in the same isolated world; it knows nothing about LinkedIn.
// A labelled region of native buttons: it never takes focus on its own, keeps the focus inside
// itself when the focused button goes away, and leaves the top of the page (sites' navigation
// bars) uncovered at any zoom.
"use strict";

// eslint-disable-next-line no-unused-vars
function createNoTrainBanner(onAction) {
  const message = (key, args) => chrome.i18n.getMessage(key, (args || []).map(formatArg));
  const host = document.createElement("div");
  host.setAttribute("data-notrain-banner", "");
  host.hidden = true;
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = BANNER_CSS;
  const box = document.createElement("section");
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", chrome.i18n.getMessage("bannerLabel"));
  box.tabIndex = -1; // focusable by script only: where focus goes when its button disappears
  const title = document.createElement("div");
  title.className = "title";
  title.textContent = chrome.i18n.getMessage("extensionName");
  const sentence = document.createElement("p");
  sentence.id = "message";
  sentence.setAttribute("aria-live", "polite"); // a change of state is read out, without moving focus
  const why = document.createElement("div");
  why.id = "why";
  why.hidden = true;
  const buttons = document.createElement("div");
  buttons.className = "buttons";
  const byAction = {};
  for (const [action, label] of [["opt-out", "buttonOptOut"], ["check", "buttonCheck"], ["back", "buttonBack"],
    ["why", "buttonWhy"], ["dismiss", "buttonDismiss"]]) {
    const element = document.createElement("button");
    element.type = "button";
    element.dataset.action = action;
    element.textContent = chrome.i18n.getMessage(label);
    element.addEventListener("click", (event) => {
      if (!event.isTrusted) return; // page scripts cannot press NoTrain's buttons
      if (action === "why") toggleWhy();
      else onAction(action);
    });
    byAction[action] = element;
    buttons.append(element);
  }
  byAction.why.setAttribute("aria-expanded", "false");
  byAction.why.setAttribute("aria-controls", "why");
  box.append(title, sentence, why, buttons);
  root.append(style, box);

  function toggleWhy() {
    why.hidden = !why.hidden;
    byAction.why.setAttribute("aria-expanded", String(!why.hidden));
  }

  function formatArg(arg) {
    const language = chrome.i18n.getUILanguage();
    if (arg.date) {
      return new Date(`${arg.date}T00:00:00Z`).toLocaleDateString(language, { dateStyle: "long", timeZone: "UTC" });
    }
    if (arg.country) return new Intl.DisplayNames([language], { type: "region" }).of(arg.country) ?? arg.country;
    return String(arg.text ?? "");
  }

  return {
    host,
    // Shows `description` (the core's Banner); `hidden` forces it out of sight (dismissed here).
    render(description, { hidden, observing }) {
      if (!host.isConnected) (document.body || document.documentElement).append(host);
      host.dataset.state = description.state;
      host.dataset.region = description.region;
      host.dataset.observing = String(observing);
      host.hidden = hidden || !description.visible;
      sentence.textContent = message(description.message, description.args);
      why.replaceChildren(...description.why.map((line) => message(line.key, line.args)).filter(Boolean)
        .map((text) => Object.assign(document.createElement("p"), { textContent: text })));
      const offered = new Set(description.actions);
      if (description.why.length) offered.add("why");
      const focused = root.activeElement;
      for (const [action, element] of Object.entries(byAction)) element.hidden = !offered.has(action);
      // A keyboard user whose button went away stays in the banner, on its new message.
      if (focused?.hidden && !host.hidden) box.focus();
    },
  };
}

// Sizes in px follow the browser's zoom. The box never grows into the top 80 px of the window
// (where sites keep their navigation bar) and scrolls inside itself when the window is that small.
const BANNER_CSS = `
  :host { all: initial; position: fixed; inset: auto 16px 16px auto; z-index: 2147483000; }
  :host([hidden]) { display: none; }
  section { box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif; width: max-content;
    max-width: min(400px, calc(100vw - 32px)); max-height: calc(100vh - 96px); overflow-y: auto;
    padding: 12px 16px; border-radius: 8px; background: #fff; color: #1d2226;
    border: 2px solid var(--accent); border-left-width: 6px; box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
    --accent: #b3261e; animation: notrain-in 160ms ease-out; }
  :host([data-state="protected"]) section { --accent: #1b6e3a; }
  :host([data-state="unknown"]) section, :host([data-state="signed-out"]) section,
  :host([data-state="working"]) section, :host([data-state="unavailable"]) section { --accent: #5f6368; }
  section:focus { outline: none; }
  section:focus-visible { outline: 3px solid #915907; outline-offset: 2px; }
  .title { font-weight: 700; font-size: 13px; color: var(--accent); margin-bottom: 2px; }
  p { margin: 0 0 8px; }
  #why { font-size: 13px; color: #38434f; }
  .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
  button { font: inherit; font-weight: 600; min-height: 32px; padding: 4px 14px; border-radius: 16px;
    cursor: pointer; border: 1px solid #0a66c2; background: #fff; color: #0a66c2; }
  button:hover { background: #e8f1fb; }
  button[data-action="opt-out"] { background: #0a66c2; color: #fff; }
  button[data-action="opt-out"]:hover { background: #004182; }
  button[hidden], div[hidden] { display: none; }
  button:focus-visible { outline: 3px solid #915907; outline-offset: 2px; }
  @keyframes notrain-in { from { transform: translateY(12px); } }
  @media (prefers-reduced-motion: reduce) { section { animation: none; } }
  @media (prefers-color-scheme: dark) {
    section { background: #1d2226; color: #e8e8e8; --accent: #f2b8b5; }
    :host([data-state="protected"]) section { --accent: #8fd19e; }
    :host([data-state="unknown"]) section, :host([data-state="signed-out"]) section,
    :host([data-state="working"]) section, :host([data-state="unavailable"]) section { --accent: #bdc1c6; }
    #why { color: #c8c8c8; }
    button { background: #1d2226; color: #70b5f9; border-color: #70b5f9; }
    button:hover { background: #263748; }
    button[data-action="opt-out"] { background: #70b5f9; color: #1d2226; }
    button[data-action="opt-out"]:hover { background: #a8d4ff; }
    button:focus-visible, section:focus-visible { outline-color: #f5c26b; }
  }
  @media (forced-colors: active) {
    section { border-color: CanvasText; }
    button, button[data-action="opt-out"] { border-color: ButtonText; }
  }
`;
