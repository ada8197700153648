// NoTrain banner: renders the banner the core describes, in a shadow root, with textContent only.
// Loaded before content.js in the same isolated world; it knows nothing about LinkedIn.
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
  const sentence = document.createElement("p");
  const why = document.createElement("div");
  why.id = "why";
  why.hidden = true;
  const buttons = document.createElement("div");
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
  box.append(sentence, why, buttons);
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
      for (const [action, element] of Object.entries(byAction)) element.hidden = !offered.has(action);
      if (description.openWhy && why.hidden) toggleWhy();
    },
  };
}

const BANNER_CSS = `
  :host { all: initial; position: fixed; inset: auto 16px 16px auto; z-index: 2147483000; }
  :host([hidden]) { display: none; }
  section { font: 14px/1.4 system-ui, sans-serif; max-width: 380px; padding: 12px 16px; border-radius: 8px;
    background: #fff; color: #1d2226; border: 2px solid #b3261e; box-shadow: 0 4px 16px rgb(0 0 0 / 25%); }
  :host([data-state="protected"]) section { border-color: #1b6e3a; }
  :host([data-state="unknown"]) section, :host([data-state="signed-out"]) section { border-color: #5f6368; }
  p { margin: 0 0 8px; }
  #why { font-size: 13px; color: #38434f; }
  button { font: inherit; margin: 0 8px 4px 0; padding: 4px 12px; border-radius: 16px; cursor: pointer;
    border: 1px solid #0a66c2; background: #fff; color: #0a66c2; }
  button[data-action="opt-out"] { background: #0a66c2; color: #fff; }
  button[hidden], div[hidden] { display: none; }
  button:focus-visible { outline: 3px solid #915907; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    section { background: #1d2226; color: #e8e8e8; }
    #why { color: #c8c8c8; }
    button { background: #1d2226; color: #70b5f9; border-color: #70b5f9; }
    button[data-action="opt-out"] { background: #70b5f9; color: #1d2226; }
  }
`;
