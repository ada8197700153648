// NoTrain's first content script, at document_start: while the page loads, it reads what the core
// chose ahead for this host's ordinary pages (stored beside the record) and has the browser load
// NoTrain's messages (the first chrome.i18n call in a page does, 10-20 ms; content.js would make
// it at its start), so that content.js, at document_idle, draws that banner in its first frame.
// Nothing of it is in the page.
"use strict";

// eslint-disable-next-line no-unused-vars
var notrainAheadRead = chrome.storage.local.get("ahead").then((items) => {
  chrome.i18n.getMessage("extensionName");
  return items;
}, () => ({}));
