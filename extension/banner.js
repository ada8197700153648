// NoTrain banner: renders the banner the core describes, in a shadow root, with textContent only.
// Loaded before content.js in the same isolated world; it knows nothing about LinkedIn. While the
// banner is hidden nothing of it is in the page; while shown, it holds its place against the page.
// A labelled region of native buttons: it never takes focus on its own, keeps the focus inside
// itself when the focused button goes away, and leaves the top of the page (sites' navigation
// bars) uncovered at any zoom.
"use strict";

// eslint-disable-next-line no-unused-vars
function createNoTrainBanner(onAction) {
  const message = (key, args) => chrome.i18n.getMessage(key, (args || []).map(formatArg));
  let host, root, box, sentence, why, byAction;
  let drawn = ""; // the shadow root as last drawn: a page that rewrites it voids a click
  let last = null; // the description last drawn
  let explain = () => []; // the texts of its explanation ("why")
  let repairedAt = -1e9; // when the banner was last put back: a click in that gesture does not count
  const make = (tag, properties) => Object.assign(document.createElement(tag), properties);

  // The host and its shadow root, afresh (also when a page has rewritten the old ones).
  function build() {
    host?.remove();
    host = make("div");
    host.setAttribute("data-notrain-banner", "");
    root = host.attachShadow({ mode: "open" });
    // Focusable by script only: where focus goes when its button disappears.
    box = make("section", { role: "region", tabIndex: -1 });
    // A change of state is read out (a polite live region), without moving focus.
    sentence = make("p", { id: "message", ariaLive: "polite" });
    why = make("div", { id: "why", hidden: true });
    const buttons = make("div", { className: "buttons" });
    byAction = {};
    for (const [action, label] of [["opt-out", "buttonOptOut"], ["check", "buttonCheck"], ["back", "buttonBack"],
      ["why", "buttonWhy"], ["dismiss", "buttonDismiss"], ["cancel", "buttonCancel"]]) {
      const element = make("button", { type: "button", textContent: message(label) });
      element.dataset.action = action;
      element.addEventListener("click", (event) => {
        // A person's click on the banner as NoTrain drew it and showed it: not a page script's event,
        // not a banner the page rewrote (then it is drawn afresh) or that was just put back.
        if (!event.isTrusted || element.getRootNode() !== root || performance.now() - repairedAt < 500) return;
        if (root.innerHTML !== drawn) return render(last);
        if (action === "why") toggleWhy();
        else onAction(action);
      });
      byAction[action] = element;
      buttons.append(element);
    }
    byAction.why.ariaExpanded = "false";
    byAction.why.setAttribute("aria-controls", "why");
    box.append(make("div", { className: "title", textContent: message("extensionName") }), sentence, why, buttons);
    root.append(make("style", { textContent: BANNER_CSS }), box);
    drawn = "";
  }
  build();

  function toggleWhy() {
    why.hidden = !why.hidden;
    showWhy();
    byAction.why.ariaExpanded = String(!why.hidden);
    drawn = root.innerHTML;
  }

  // The explanation is written only while it is shown: its dates and country names are a page's
  // first banner's costliest part (the browser's first date and region formatting there, tens of ms).
  function showWhy() {
    why.replaceChildren(...(why.hidden ? [] : explain().map((text) => make("p", { textContent: text }))));
  }

  function formatArg(arg) {
    const language = chrome.i18n.getUILanguage();
    if (arg.date) {
      return new Date(`${arg.date}T00:00:00Z`).toLocaleDateString(language, { dateStyle: "long", timeZone: "UTC" });
    }
    if (arg.message) return message(arg.message);
    if (arg.country) return new Intl.DisplayNames([language], { type: "region" }).of(arg.country) ?? arg.country;
    return String(arg.text ?? "");
  }

  // Where the host belongs: last in the body, or in <html> when the body hides it; visible.
  const html = document.documentElement;
  const placed = () => host.parentNode === html ||
    host.parentNode === document.body && host.checkVisibility({ opacityProperty: true });

  // Shows `description` (the core's Banner). A hidden banner leaves nothing in the page.
  function render(description) {
    last = description;
    if (drawn && root.innerHTML !== drawn) build();
    if (!description.visible) return host.remove();
    if (!placed()) document.body?.append(host);
    if (!placed()) html.append(host);
    Object.assign(host.dataset, { state: description.state, region: description.region, review: description.review ?? "" });
    // The service's name is every message's last substitution (the core's own banner names one).
    const service = { text: description.service ?? "" };
    box.ariaLabel = service.text ? message("bannerLabel", [service]) : message("extensionName");
    sentence.textContent = message(description.message, [...description.args, service]);
    explain = () => description.why.map((line) => message(line.key, [...line.args, service])).filter(Boolean);
    const offered = new Set(description.actions.map((action) => action.name));
    if (description.why.length) offered.add("why");
    const focused = root.activeElement;
    for (const [action, element] of Object.entries(byAction)) element.hidden = !offered.has(action);
    if (description.openWhy && why.hidden) toggleWhy();
    else showWhy();
    drawn = root.innerHTML;
    // A keyboard user whose button went away stays in the banner, on its new message.
    if (focused?.hidden) box.focus();
  }

  return {
    render,
    get host() {
      return host;
    },
    // Puts the banner back where and as it belongs if a page moved, hid, removed or rewrote it.
    keep() {
      if (last?.visible && (!placed() || root.innerHTML !== drawn)) {
        repairedAt = performance.now();
        render(last);
      }
    },
  };
}

// Sizes in px follow the browser's zoom. The box never grows into the top 80 px of the window
// (where sites keep their navigation bar) and scrolls inside itself when the window is that small.
// Colours are light-dark(light, dark), after the system's colour scheme.
// `!important` on the host: a page's own styles, even inline and important, cannot hide it.
const BANNER_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;
inset:auto 16px 16px auto!important;z-index:2147483000!important;color-scheme:light dark!important;}
section{box-sizing:border-box;font:14px/1.45 system-ui,sans-serif;width:max-content;
max-width:min(400px,calc(100vw - 32px));max-height:calc(100vh - 96px);overflow-y:auto;
padding:12px 16px;border-radius:8px;background:light-dark(#fff,#1d2226);
color:light-dark(#1d2226,#e8e8e8);border:2px solid var(--accent);border-left-width:6px;
box-shadow:0 4px 16px rgb(0 0 0 / 25%);--accent:light-dark(#5f6368,#bdc1c6);
animation:notrain-in 160ms ease-out;}
:host(:is([data-state=exposed],[data-state=failed])) section{--accent:light-dark(#b3261e,#f2b8b5);}
:host([data-state=protected]) section{--accent:light-dark(#1b6e3a,#8fd19e);}
section:focus{outline:none;}
:focus-visible{outline:3px solid light-dark(#915907,#f5c26b);outline-offset:2px;}
.title{font-weight:700;font-size:13px;color:var(--accent);margin-bottom:2px;}
p{margin:0 0 8px;}
#why{font-size:13px;color:light-dark(#38434f,#c8c8c8);}
.buttons{display:flex;flex-wrap:wrap;gap:8px;}
button{font:inherit;font-weight:600;min-height:32px;padding:4px 14px;border-radius:16px;
cursor:pointer;border:1px solid var(--link);background:light-dark(#fff,#1d2226);color:var(--link);
--link:light-dark(#0a66c2,#70b5f9);}
button:hover{background:light-dark(#e8f1fb,#263748);}
[data-action=opt-out]{background:var(--link);color:light-dark(#fff,#1d2226);}
[data-action=opt-out]:hover{background:light-dark(#004182,#a8d4ff);}
[hidden]{display:none;}
@keyframes notrain-in{from{transform:translateY(12px);}}
@media (prefers-reduced-motion:reduce){section{animation:none;}}
@media (forced-colors:active){section{border-color:CanvasText;} button{border-color:ButtonText;}}
`;
