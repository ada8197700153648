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
    ["why", "buttonWhy"], ["dismiss", "buttonDismiss"], ["cancel", "buttonCancel"]]) {
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
    if (arg.message) return chrome.i18n.getMessage(arg.message);
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
      host.dataset.sweep = description.sweep ?? "";
      host.hidden = hidden || !description.visible;
      sentence.textContent = message(description.message, description.args);
      why.replaceChildren(...description.why.map((line) => message(line.key, line.args)).filter(Boolean)
        .map((text) => Object.assign(document.createElement("p"), { textContent: text })));
      const offered = new Set(description.actions);
      if (description.why.length) offered.add("why");
      const focused = root.activeElement;
      for (const [action, element] of Object.entries(byAction)) element.hidden = !offered.has(action);
      if (description.openWhy && why.hidden) toggleWhy();
      // A keyboard user whose button went away stays in the banner, on its new message.
      if (focused?.hidden && !host.hidden) box.focus();
    },
  };
}

// Sizes in px follow the browser's zoom. The box never grows into the top 80 px of the window
// (where sites keep their navigation bar) and scrolls inside itself when the window is that small.
// Colours are light-dark(light, dark), after the system's colour scheme.
// `!important` on the host: a page's own styles, even inline and important, cannot hide it.
const BANNER_CSS = `
:host { all: initial !important; display: block !important; position: fixed !important;
  inset: auto 16px 16px auto !important; z-index: 2147483000 !important; color-scheme: light dark !important; }
:host([hidden]) { display: none !important; }
section { box-sizing: border-box; font: 14px/1.45 system-ui, sans-serif; width: max-content;
  max-width: min(400px, calc(100vw - 32px)); max-height: calc(100vh - 96px); overflow-y: auto;
  padding: 12px 16px; border-radius: 8px; background: light-dark(#fff, #1d2226);
  color: light-dark(#1d2226, #e8e8e8); border: 2px solid var(--accent); border-left-width: 6px;
  box-shadow: 0 4px 16px rgb(0 0 0 / 25%); --accent: light-dark(#5f6368, #bdc1c6);
  animation: notrain-in 160ms ease-out; }
:host(:is([data-state=exposed], [data-state=failed])) section { --accent: light-dark(#b3261e, #f2b8b5); }
:host([data-state=protected]) section { --accent: light-dark(#1b6e3a, #8fd19e); }
section:focus { outline: none; }
:focus-visible { outline: 3px solid light-dark(#915907, #f5c26b); outline-offset: 2px; }
.title { font-weight: 700; font-size: 13px; color: var(--accent); margin-bottom: 2px; }
p { margin: 0 0 8px; }
#why { font-size: 13px; color: light-dark(#38434f, #c8c8c8); }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; }
button { font: inherit; font-weight: 600; min-height: 32px; padding: 4px 14px; border-radius: 16px;
  cursor: pointer; border: 1px solid var(--link); background: light-dark(#fff, #1d2226); color: var(--link);
  --link: light-dark(#0a66c2, #70b5f9); }
button:hover { background: light-dark(#e8f1fb, #263748); }
[data-action=opt-out] { background: var(--link); color: light-dark(#fff, #1d2226); }
[data-action=opt-out]:hover { background: light-dark(#004182, #a8d4ff); }
[hidden] { display: none; }
@keyframes notrain-in { from { transform: translateY(12px); } }
@media (prefers-reduced-motion: reduce) { section { animation: none; } }
@media (forced-colors: active) { section { border-color: CanvasText; } button { border-color: ButtonText; } }
`;
