// "Review my settings" in the options page and the popup: lists LinkedIn's data-use settings with
// their last reading (and, in the options, a checkbox each), starts and cancels a review, and shows
// the last review's summary. Every decision is the core's, every write the background's; this
// file only renders and relays.
import { core, onStored, ready, RECORD, stored } from "./common.js";
import { lineText, message } from "./localize.js";
import { send, shown, trusted } from "./pages.js";

// Renders the settings list into `list`, the summary into `summary`, and wires `start`/`cancel`;
// `editable` adds a checkbox per setting (options page). Re-renders on every record change.
export function showReview({ list, summary, start, cancel, editable }) {
  async function render() {
    await ready;
    const view = core.review((await stored(RECORD))[RECORD], Date.now());
    list.replaceChildren(...view.settings.map((setting) => item(setting, editable)));
    const review = view.review;
    summary.hidden = !review;
    summary.dataset.status = review?.status ?? "";
    if (review) {
      const lines = review.lines.map((line) => Object.assign(document.createElement("li"), { textContent: lineText(line) }));
      const list = document.createElement("ul");
      list.append(...lines);
      summary.replaceChildren(Object.assign(document.createElement("p"), { textContent: message(review.message) }), list);
    }
    cancel.hidden = review?.status !== "running";
  }

  // Only the user's own click starts or cancels a review; the background opens its tab.
  start.addEventListener("click", trusted(() => send("start")));
  cancel.addEventListener("click", trusted(() => send("cancel")));
  onStored([RECORD], () => shown(render));
  return shown(render);
}

function item(setting, editable) {
  const row = document.createElement("li");
  row.dataset.notrainSetting = setting.id;
  row.dataset.state = setting.state;
  const name = document.createElement(editable ? "label" : "span");
  name.textContent = message(setting.nameKey);
  if (editable) {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `include-${setting.id}`;
    box.dataset.notrainInclude = setting.id;
    box.checked = setting.included;
    box.disabled = setting.always;
    box.addEventListener("change", trusted(() => send(box.checked ? "include" : "exclude", setting.id)));
    name.htmlFor = box.id;
    row.append(box, " ");
  }
  const state = Object.assign(document.createElement("span"), {
    className: "quiet",
    textContent: " " + message("optionsLastRead", [message(setting.stateKey)]) +
      (setting.always ? " · " + message("optionsReviewAlways") : ""),
  });
  row.append(name, state);
  if (editable) row.append(Object.assign(document.createElement("p"), { className: "quiet", textContent: message(setting.meaningKey) }));
  return row;
}
