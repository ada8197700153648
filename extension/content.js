// NoTrain content script: a thin sensor and actuator, with no knowledge of any site of its own.
//
// On an ordinary page it first draws what the core chose for such pages ahead (stored beside the
// record), without waiting for a background that may have to start. It reports the page URL to
// the core (in the background); when the core says "observe", it also
// reports every switch-like control, again whenever they change, and counts the elements the core
// asks it to look for. It renders the banner the core describes (shadow DOM, textContent only),
// clicks only the control the core names, and presses only an element the core names that is no
// switch-like control, once per page.
"use strict";

(() => {
  const SWITCHES = 'input[type="checkbox"], [role="switch"]';
  const MAX_CONTROLS = 200;
  const MAX_TEXT = 300; // characters kept of any attribute, name or heading

  let controls = []; // the elements of the last snapshot sent, by index
  let sent = null; // that snapshot, as the core read it
  let flow = null; // the core's opt-out state, echoed back unchanged
  let watchingSince = performance.now();
  let observer = null;
  let recheckTimer = 0;
  let sending = false;
  let resend = false;
  let pendingIntent = null;
  let lastReport = "";
  let shown = null; // the banner description last rendered
  let drawnAhead = null; // that description as JSON, while it is the one drawn ahead of the core's answer
  let sense = null; // how the core asked to tell the member signed in (a link selector and path prefix)
  let look = []; // the CSS selectors the core asked to count (a setting's prerequisite steps)
  let pressed = []; // the indices of `look` pressed on this page
  let lastMember; // what the last report said of the member ("": none shown)
  let dismissed = false;
  const banner = createNoTrainBanner(onBannerAction); // from banner.js

  const text = (value) => (value || "").replace(/\s+/g, " ").trim();
  const byIds = (doc, ids) => ids.split(/\s+/).map((id) => doc.getElementById(id)?.textContent).join(" ");

  // The page and its same-origin frames (LinkedIn renders some settings into iframes).
  function documents() {
    const frames = [...document.querySelectorAll("iframe")].map((frame) => frame.contentDocument);
    return [document, ...frames.filter((doc) => doc?.documentElement)];
  }

  function accessibleName(element) {
    const labelledBy = element.getAttribute("aria-labelledby");
    const labels = element.labels ? [...element.labels].map((label) => label.textContent).join(" ") : "";
    const describedBy = element.getAttribute("aria-describedby");
    return text(labelledBy && byIds(element.ownerDocument, labelledBy)) || text(element.getAttribute("aria-label")) ||
      text(labels) || text(element.closest("label")?.textContent) || text(element.title) ||
      text(describedBy && byIds(element.ownerDocument, describedBy));
  }

  // The visible elements matching `selector` in the page and its same-origin frames.
  function shownMatches(selector) {
    const all = documents().flatMap((doc) => [...doc.querySelectorAll(selector)]);
    return all.filter((element) => element.getClientRects().length > 0);
  }

  function describe(element, index) {
    const attributes = {};
    // 65 attributes at most: the core keeps 64 and reads one more as "too many"
    for (const { name, value } of Array.prototype.slice.call(element.attributes, 0, 65)) {
      attributes[name.slice(0, MAX_TEXT)] = value.slice(0, MAX_TEXT);
    }
    return {
      index,
      attributes,
      checked: element.localName === "input" ? element.checked : null,
      disabled: element.disabled === true || element.getAttribute("aria-disabled") === "true",
      name: accessibleName(element).slice(0, MAX_TEXT),
      visible: element.getClientRects().length > 0,
    };
  }

  function snapshot(withControls) {
    const docs = withControls ? documents() : [];
    const found = docs.flatMap((doc) => [...doc.querySelectorAll(SWITCHES)]).slice(0, MAX_CONTROLS);
    const heading = docs.map((doc) => doc.querySelector("h1")).find(Boolean) ?? document.querySelector("h1");
    return {
      elements: found,
      snapshot: {
        url: location.href.slice(0, 2048), // the core keeps as much
        heading: text(heading?.textContent).slice(0, MAX_TEXT),
        controls: found.map(describe),
      },
    };
  }

  // The member signed in, as the core asked to tell it: the path segment of the link it names
  // ("": none shown; undefined until the core asked). The background keeps only a salted digest.
  function member() {
    if (!sense) return undefined;
    const link = document.querySelector(sense.link);
    const path = link ? new URL(link.href, location.href).pathname : "";
    return path.startsWith(sense.pathPrefix) ? path.slice(sense.pathPrefix.length).split("/")[0] : "";
  }

  // Sends one report at a time; a report asked for meanwhile is sent right after. An unchanged
  // page is not reported again unless the core asked to hear back (`force`) or a flow is under way.
  async function report(force = false) {
    if (sending) {
      resend = true;
      return;
    }
    const { elements, snapshot: seen } = snapshot(observer !== null);
    const intent = pendingIntent;
    const message = {
      snapshot: seen,
      elapsedMs: Math.round(performance.now() - watchingSince),
      intent,
      flow,
      dismissed,
      loadedAtMs: Math.round(performance.timeOrigin), // which load of the page: a reload is another
      member: member(),
      found: look.map((selector) => Math.min(shownMatches(selector).length, 2)), // 2: more than one
      pressed,
    };
    const key = JSON.stringify([seen, message.member, message.found]);
    if (!force && !intent && !flow && key === lastReport) return;
    lastReport = key;
    lastMember = message.member;
    pendingIntent = null;
    controls = elements;
    sent = seen;
    sending = true;
    let answer;
    try {
      answer = await chrome.runtime.sendMessage({ type: "report", report: message });
    } catch (error) {
      if (!chrome.runtime?.id) return watch(false); // left from before an update: stop, quietly
      answer = { error: String(error) };
    }
    sending = false;
    if (answer?.directive) {
      apply(answer.directive, intent);
    } else {
      showFailure(answer?.error);
    }
    if (answer?.directive?.sense && message.member === undefined) resend = true; // tell the member now
    if (resend) {
      resend = false;
      report(true);
    }
  }

  function apply(directive, intent) {
    flow = directive.flow ?? null;
    sense = directive.sense ?? sense;
    look = directive.look ?? look;
    watch(directive.observe);
    clearTimeout(recheckTimer);
    recheckTimer = directive.recheckMs == null ? 0 : setTimeout(() => {
      recheckTimer = 0;
      report(true);
    }, directive.recheckMs);
    render(directive.banner);
    if (directive.navigate) go(directive.navigate);
    if (directive.press != null) press(directive.press);
    if (directive.click != null) {
      // Clicks only the control the core decided on, as it was then (same node and state, same URL).
      const index = directive.click;
      const target = controls[index];
      if (target?.isConnected && location.href === sent.url &&
        JSON.stringify(describe(target, index)) === JSON.stringify(sent.controls[index])) {
        target.click();
      } else {
        flow = null; // the page changed under the decision: ask again with a fresh snapshot
        pendingIntent = intent;
        lastReport = "";
      }
      report();
    }
  }

  // Presses the one visible element matching `look[index]` as a person's click does (pointer and
  // mouse events, then click: menus that open on pointerdown or mousedown open), once per page,
  // and never a switch-like control or an element holding one.
  function press(index) {
    const targets = look[index] == null || pressed.includes(index) ? [] : shownMatches(look[index]);
    const target = targets.length === 1 ? targets[0] : null;
    if (target && !target.matches(SWITCHES) && !target.querySelector(SWITCHES)) {
      pressed = [...pressed, index];
      const { left, top, width, height } = target.getBoundingClientRect();
      const at = { bubbles: true, cancelable: true, composed: true, view: window, button: 0,
        clientX: left + width / 2, clientY: top + height / 2 };
      target.dispatchEvent(new PointerEvent("pointerdown", { ...at, buttons: 1, pointerType: "mouse", isPrimary: true }));
      target.dispatchEvent(new MouseEvent("mousedown", { ...at, buttons: 1 }));
      target.dispatchEvent(new PointerEvent("pointerup", { ...at, pointerType: "mouse", isPrimary: true }));
      target.dispatchEvent(new MouseEvent("mouseup", at));
      target.click();
    }
    lastReport = "";
    report();
  }

  // Watches the page's documents for changes, and its `change` and frames' `load` events.
  function watch(on) {
    if (!on === !observer) return;
    observer?.disconnect();
    observer = on ? new MutationObserver(scheduleReport) : null;
    for (const type of ["change", "load"]) {
      document[on ? "addEventListener" : "removeEventListener"](type, scheduleReport, true);
    }
    if (on) {
      observeDocuments();
      queueMicrotask(scheduleReport); // after the directive that started watching is applied
    }
  }

  // One observer for the page and its same-origin frames; observing a node again changes nothing.
  function observeDocuments() {
    for (const doc of documents()) {
      observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true,
        attributeFilter: ["checked", "aria-checked", "disabled", "aria-disabled", "aria-labelledby", "role"] });
    }
  }

  // Reports at once (the toggle's state reaches the banner within the frame); one report is in
  // flight at a time and changes meanwhile make one more, so a churning page costs little.
  function scheduleReport() {
    banner.keep();
    if (observer) observeDocuments();
    report();
  }

  // An action the core marks as an intent is reported to it; any other opens the banner's link.
  function onBannerAction(name) {
    const action = shown?.actions.find((offered) => offered.name === name);
    if (!action?.intent) return go(action && shown.link);
    if (name === "dismiss") dismissed = true;
    pendingIntent = name;
    report();
  }

  // Goes to a path (and hash route) the core named, on this page's own origin only (never
  // `//other.host/`); the page it is on already is loaded again.
  function go(url) {
    if (!url) return;
    const named = new URL(url, location.href);
    const target = new URL(named.pathname + named.search + named.hash, location.origin);
    if (target.origin !== location.origin) return;
    if (target.href === location.href) location.reload();
    else location.assign(target.href);
  }

  // The core's answer that is the banner drawn ahead is not drawn again: what the page did to
  // that banner meanwhile is put right as for any other (`keep`), not by the answer.
  function render(description, ahead = false) {
    const text = JSON.stringify(description);
    if (text !== drawnAhead) banner.render(description);
    drawnAhead = ahead ? text : null;
    shown = description;
    // Test hooks, on the host while shown: NoTrain's MutationObserver runs, its pending timers,
    // and for a banner drawn ahead of the core's answer, the ms from this script's start to it.
    Object.assign(banner.host.dataset, { observing: observer !== null, timers: recheckTimer ? 1 : 0,
      ahead: ahead ? Math.round(performance.now() - watchingSince) : "" });
  }

  // A page may move, hide, remove or rewrite the banner: it comes back at the next change NoTrain
  // watches (the setting page) or the user's next move on the page; no observer or timer runs for it
  // elsewhere. A member not told yet is looked for again at the user's next move too.
  const onMove = () => {
    banner.keep();
    if (sense && lastMember === "") report();
  };
  for (const type of ["pointerdown", "keydown", "focusin", "scroll"]) {
    addEventListener(type, onMove, { capture: true, passive: true });
  }

  // The one banner not the core's: the core did not answer (it failed on this report, or the
  // background is unreachable), so it cannot describe this one.
  function showFailure(error) {
    render({ state: "unknown", region: "", visible: !dismissed, message: "bannerCoreError", args: [], why: [],
      actions: [{ name: "dismiss", intent: true }] });
    console.error("NoTrain:", error);
  }

  // The background tells this page when its URL changes (LinkedIn navigates in-app with
  // history.pushState). Only a new path is a new page; a hash or query change keeps the flow.
  let path = location.pathname;
  let hash = location.hash;
  const onNavigated = (message, sender) => {
    if (sender.id !== chrome.runtime.id || message?.type !== "navigated") return;
    if (hash !== location.hash) { // a hash route is a page of its own: timed, looked at and pressed afresh
      watchingSince = performance.now();
      look = [];
      pressed = [];
    }
    hash = location.hash;
    if (path !== location.pathname) {
      path = location.pathname;
      watch(false);
      controls = [];
      look = [];
      pressed = [];
      flow = null;
      dismissed = false;
      lastReport = "";
      watchingSince = performance.now();
    }
    report();
  };

  // What the core chose for this host's ordinary pages before this page asked (stored with the
  // record, and read since document_start by ahead.js): drawn at once while it holds, unless this
  // page is one it excepts; then the report.
  async function drawAhead() {
    const { ahead } = await notrainAheadRead; // from ahead.js
    const page = ahead?.pages?.find((entry) => entry.hosts.includes(location.hostname));
    const here = (location.pathname + location.hash).toLowerCase();
    if (!page || !(Date.now() < ahead.made.untilMs) || page.except.some((part) => here.includes(part))) return;
    sense = page.sense ?? sense;
    if (page.banner && !shown) render(JSON.parse(page.banner), true); // the core's JSON text
  }

  // The listener comes after the banner drawn ahead: in Firefox, a content script's first call on
  // chrome.runtime costs 10-40 ms (measured on the feed), which the first frame need not wait for.
  drawAhead().finally(() => {
    chrome.runtime.onMessage.addListener(onNavigated);
    report();
  });
})();
