// The services NoTrain looks after, as the core lists them: the popup's row for each one turned
// on (its state, when it was read, its one action) and the options page's switch for each known
// one, which asks the browser for that site's access from the user's click and gives it back.
import { core, ready } from "./common.js";
import { message } from "./localize.js";
import { send, trusted } from "./pages.js";

const make = (tag, properties) => Object.assign(document.createElement(tag), properties);
const granted = async () => (await chrome.permissions.getAll()).origins ?? [];

// The popup's rows, in `list`, for the stored `record`.
export async function showServiceRows(list, record) {
  await ready;
  const rows = core.services(record, Date.now(), await granted());
  list.replaceChildren(...rows.map((row) => {
    const item = make("li", { textContent: `${row.name}: ${message(row.stateKey)}` });
    Object.assign(item.dataset, { notrainServiceState: row.id, state: row.state });
    if (row.readAtMs) item.append(` · ${message("popupServiceReadAt", [new Date(row.readAtMs).toLocaleString()])}`);
    if (row.action) {
      const button = make("button", { type: "button", textContent: message(row.actionKey) });
      button.dataset.notrainServiceAction = row.id;
      button.onclick = trusted(async () => {
        await send("request", row.id, row.action);
        await chrome.tabs.create({ url: row.url });
      });
      item.append(" ", button);
    }
    return item;
  }));
}

// The options page's list, in `list`: a checkbox per known service, checked while turned on.
export async function showServiceSwitches(list) {
  await ready;
  list.replaceChildren(...core.known_services(await granted()).map((service) => {
    const box = make("input", { type: "checkbox", id: `service-${service.id}`, checked: service.on,
      disabled: service.required });
    box.dataset.notrainService = service.id;
    // Asked within the click (a browser grants a request only from the user's gesture).
    box.addEventListener("change", trusted(async () => {
      const access = { origins: service.origins };
      const done = box.checked ? await chrome.permissions.request(access) : await chrome.permissions.remove(access);
      if (!done && box.checked) {
        box.checked = false;
        throw new Error(message("optionsServiceRefused", [service.name]));
      }
    }));
    const label = make("label", { htmlFor: box.id, textContent: ` ${service.name}` });
    const item = make("li", {});
    item.append(box, label);
    if (service.required) item.append(` · ${message("optionsServiceAlways")}`);
    for (const key of [service.nameKey, service.meaningKey, service.certaintyKey].filter(Boolean)) {
      item.append(make("p", { className: "quiet", textContent: message(key) }));
    }
    return item;
  }));
}
