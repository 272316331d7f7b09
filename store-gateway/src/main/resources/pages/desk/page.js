// The desk: sign in, then collections (find an order by scan or by typing, hand over all or part of
// it, see the receipt), assisted returns (returns.js), gift cards (giftcards.js) and refunds owed, with
// customers' calls for a colleague on top (help.js). Talks only to the gateway's /api/v1; keeps the
// session token in this tab.
"use strict";

const state = { token: sessionStorage.getItem("holdfast.token"), order: null, key: null, via: null,
                lastCollection: null, printer: null, signedOut: () => signedOut() };

const api = (method, path, body, headers) => callGateway(state, method, path, body, headers);

// The store's time zone, from the status: dates are the store's, whatever the browser's settings.
let storeZone = "Europe/London";

function say(text, kind = "") {
  const message = $("message");
  message.textContent = text;
  message.className = "message " + kind;
}

function signedIn(session) {
  state.token = session.token;
  sessionStorage.setItem("holdfast.token", session.token);
  sessionStorage.setItem("holdfast.who", session.displayName);
  sessionStorage.setItem("holdfast.role", session.role);
  showDesk();
}

// Nothing of the last colleague or customer stays on screen for the next one.
function clearScreen() {
  say("");
  $("results").replaceChildren();
  $("receipt").hidden = true;
  $("receipt-preview").replaceChildren();
  hideCard();
  for (const clear of taskClearers) clear();
}

// Each task's script registers how to clear its screen, so nothing of one customer stays for the next.
const taskClearers = [];

/** Shows one of the desk's tasks: collections, returns, gift cards, refunds owed or exceptions. */
function showTask(name) {
  for (const button of document.querySelectorAll(".tasks .task")) {
    button.setAttribute("aria-pressed", String(button.dataset.task === name));
  }
  for (const task of ["collect", "returns", "giftcards", "refunds", "exceptions"]) $("task-" + task).hidden = task !== name;
  document.dispatchEvent(new CustomEvent("desk-task", { detail: name }));
}

for (const button of document.querySelectorAll(".tasks .task")) {
  button.addEventListener("click", () => showTask(button.dataset.task));
}

function signedOut() {
  state.token = null;
  sessionStorage.removeItem("holdfast.token");
  sessionStorage.removeItem("holdfast.who");
  sessionStorage.removeItem("holdfast.role");
  clearScreen();
  $("staff-id").value = "";
  $("pin").value = "";
  if ($("signin-error")) $("signin-error").remove();
  $("desk").hidden = true;
  $("who").hidden = true;
  $("signin").hidden = false;
  $("staff-id").focus();
}

function showDesk() {
  $("signin").hidden = true;
  $("desk").hidden = false;
  $("who").hidden = false;
  $("who").textContent = "Signed in: " + (sessionStorage.getItem("holdfast.who") || "");
  $("override-field").hidden = sessionStorage.getItem("holdfast.role") !== "SUPERVISOR";
  showTask("collect");
  $("search").focus();
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = await api("POST", "/api/v1/sessions", { staffId: $("staff-id").value.trim(), pin: $("pin").value });
  $("pin").value = "";
  if (result.ok) { say(""); signedIn(result.data); return; }
  alertOnSignIn(result.data.detail || "Sign-in failed.");
});

function alertOnSignIn(text) {
  let note = $("signin-error");
  if (!note) {
    note = document.createElement("p");
    note.id = "signin-error";
    note.className = "message bad";
    note.setAttribute("role", "alert");
    $("signin-form").append(note);
  }
  note.textContent = text;
}

$("sign-out").addEventListener("click", async () => {
  await api("DELETE", "/api/v1/sessions/current");
  signedOut();
});

$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const typed = $("search").value.trim();
  $("search").select();
  clearScreen();
  if (typed.startsWith("HFC1.")) { await verifyQr(typed); return; }
  const result = await api("GET", "/api/v1/orders?query=" + encodeURIComponent(typed));
  if (!result.ok) { say(result.data.detail || "Search failed.", "bad"); return; }
  const orders = result.data.orders;
  if (orders.length === 0) { say("No order matches “" + typed + "”.", "bad"); hideCard(); return; }
  const via = /^[0-9]{6}$/.test(typed) ? "code" : "search";
  if (orders.length === 1) { say(""); await openOrder(orders[0].orderId, via); return; }
  say(orders.length + " orders match; choose one.");
  hideCard();
  for (const o of orders) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `${o.orderId} · ${o.customerName} · ${o.postcode} · ${o.status.replaceAll("_", " ").toLowerCase()}`;
    button.addEventListener("click", () => openOrder(o.orderId, via));
    item.append(button);
    $("results").append(item);
  }
  $("results").querySelector("button").focus();
});

async function verifyQr(qr) {
  const result = await api("POST", "/api/v1/collection-codes/verification", { qr });
  if (!result.ok) { say(result.data.detail || "This QR code cannot be used.", "bad"); hideCard(); return; }
  if (!result.data.inManifest) { say(result.data.note, "bad"); hideCard(); return; }
  say("QR code checked: it is their order.", "good");
  showOrder(result.data.order, "qr");
}

async function openOrder(orderId, via) {
  $("results").replaceChildren();
  const result = await api("GET", "/api/v1/orders/" + encodeURIComponent(orderId));
  if (!result.ok) { say(result.data.detail || "Could not open the order.", "bad"); return; }
  showOrder(result.data.order, via);
  const collections = result.data.collections;
  state.lastCollection = collections.length ? collections[collections.length - 1].collectionId : null;
  $("reprint").hidden = !state.lastCollection;
}

function showOrder(order, via) {
  state.order = order;
  state.via = via;
  state.key = crypto.randomUUID();
  $("order-title").textContent = `${order.orderId} · ${order.customer.displayName}`;
  $("order-meta").textContent = `${order.status.replaceAll("_", " ").toLowerCase()} · collect by ${order.pickupBy}`
      + ` · ${order.customer.postcode} · ${order.customer.maskedContact}`;
  $("parcels").replaceChildren(...order.parcels.map((p) => {
    const li = document.createElement("li");
    li.textContent = `Parcel ${p.number} of ${order.parcels.length}: ${p.locationKind.toLowerCase()} ${p.locationCode}`;
    return li;
  }));
  $("lines").replaceChildren(...order.lines.map((line) => {
    const row = document.createElement("tr");
    const item = document.createElement("td");
    item.textContent = line.description;
    const waiting = document.createElement("td");
    waiting.textContent = `${line.quantityWaiting} of ${line.quantity}`;
    const cell = document.createElement("td");
    const input = document.createElement("input");
    input.type = "number";
    input.min = "0";
    input.max = String(line.quantityWaiting);
    // Nothing is handed over until the colleague says how many: after a part hand-over the rest
    // waits for a fresh choice, so a second press cannot hand over what was never asked for.
    input.value = "0";
    input.id = "line-qty-" + line.lineNumber;
    input.dataset.line = String(line.lineNumber);
    input.setAttribute("aria-label", "Hand over how many: " + line.description);
    input.disabled = line.quantityWaiting === 0;
    cell.append(input);
    row.append(item, waiting, cell, setAsideCell(line));
    return row;
  }));
  // Only a check that happened is filled in: a scanned QR or a typed collection code. Found by number
  // or name, the colleague chooses how they checked it is the customer's order; "QR checked out" is
  // offered only when a QR was scanned and checked here.
  $("verification").value = via === "qr" ? "QR_CODE" : via === "code" ? "COLLECTION_CODE" : "";
  $("verification").querySelector("option[value=QR_CODE]").disabled = via !== "qr";
  $("id-kind").value = "";
  $("collector-name").value = "";
  showIdentityFields();
  const collectable = order.status === "READY" || order.status === "PARTLY_COLLECTED";
  $("hand-over").disabled = !collectable;
  $("order-card").hidden = false;
}

/** Photo ID asks which kind; a proxy also asks the collector's name. */
function showIdentityFields() {
  const method = $("verification").value;
  $("id-kind-field").hidden = method !== "ID_SEEN" && method !== "PROXY";
  $("id-kind").required = !$("id-kind-field").hidden;
  $("collector-field").hidden = method !== "PROXY";
  $("collector-name").required = method === "PROXY";
}

$("verification").addEventListener("change", showIdentityFields);

function identity() {
  const method = $("verification").value;
  const check = { verification: method };
  if (method === "ID_SEEN" || method === "PROXY") check.idKind = $("id-kind").value;
  if (method === "PROXY") check.collectorName = $("collector-name").value.trim();
  return check;
}

const NOT_COLLECTED = [["DECLINED", "Declined"], ["DAMAGED", "Damaged"], ["MISSING", "Missing"]];

/** How many of a line will not be collected, and why: declined by the customer, damaged, or missing. */
function setAsideCell(line) {
  const cell = document.createElement("td");
  const quantity = document.createElement("input");
  quantity.type = "number";
  quantity.min = "0";
  quantity.max = String(line.quantityWaiting);
  quantity.value = "0";
  quantity.id = "line-aside-" + line.lineNumber;
  quantity.dataset.line = String(line.lineNumber);
  quantity.setAttribute("aria-label", "Not collected, how many: " + line.description);
  const reason = document.createElement("select");
  reason.id = "line-why-" + line.lineNumber;
  reason.setAttribute("aria-label", "Why not collected: " + line.description);
  for (const [value, text] of NOT_COLLECTED) reason.add(new Option(text, value));
  quantity.disabled = reason.disabled = line.quantityWaiting === 0;
  const together = document.createElement("div");
  together.className = "set-aside";
  together.append(quantity, reason);
  cell.append(together);
  return cell;
}

function hideCard() {
  $("order-card").hidden = true;
  state.order = null;
}

$("collect-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const order = state.order;
  const lines = [...document.querySelectorAll("#lines input[id^=line-qty-]")]
      .map((input) => ({ lineNumber: Number(input.dataset.line), quantity: Number(input.value) }))
      .filter((line) => line.quantity > 0);
  const notCollected = [...document.querySelectorAll("#lines input[id^=line-aside-]")]
      .map((input) => ({ lineNumber: Number(input.dataset.line), quantity: Number(input.value),
                         reason: $("line-why-" + input.dataset.line).value }))
      .filter((line) => line.quantity > 0);
  if (lines.length === 0 && notCollected.length === 0) {
    say("Choose how many of each item to hand over.", "bad");
    return;
  }
  const result = await api("POST", `/api/v1/orders/${encodeURIComponent(order.orderId)}/collections`,
      { lines, notCollected, ...identity(), expectedVersion: order.version },
      { "Idempotency-Key": state.key });
  if (!result.ok) {
    say(result.data.detail || "Not handed over.", "bad");
    if (result.data.order) showOrder(result.data.order, state.via);
    return;
  }
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  const asideUnits = notCollected.reduce((sum, line) => sum + line.quantity, 0);
  const aside = asideUnits === 0 ? "" : ` ${asideUnits} not collected, recorded with the reason for head office.`;
  const offline = result.data.collection.offline ? " Recorded offline; it will be sent to head office later." : "";
  if (result.data.collection.offline) { $("mode").textContent = UNANSWERED; $("mode").className = "mode degraded"; }
  say(`Handed over ${units} item(s) from ${order.orderId}.${aside}${offline}`, "good");
  state.lastCollection = result.data.collection.collectionId;
  $("reprint").hidden = false;
  showOrder(result.data.order, state.via);
  refreshMode();
  if (result.data.receipt) { state.printer = result.data.receipt.printerId; await showReceipt(result.data.receipt.printerId); }
  $("search").focus();
});

$("reprint").addEventListener("click", async () => {
  if (!state.order || !state.lastCollection) return;
  const result = await api("POST",
      `/api/v1/orders/${encodeURIComponent(state.order.orderId)}/collections/${state.lastCollection}/receipt`);
  if (!result.ok) { say(result.data.detail || "Could not reprint.", "bad"); return; }
  say("Receipt sent to the printer again.", "good");
  await showReceipt(result.data.printerId);
});

async function showReceipt(printerId, tries = 20) {
  for (let i = 0; i < tries; i++) {
    const result = await api("GET", `/api/v1/devices/${encodeURIComponent(printerId)}/last-receipt`);
    if (result.ok && result.data.includes(state.order.orderId)) {
      $("receipt-preview").innerHTML = result.data;
      $("receipt").hidden = false;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  $("receipt-title").textContent = "Receipt queued: the printer has not taken it yet";
  $("receipt").hidden = false;
}

$("show-rts").addEventListener("click", showReturnToSender);

async function showReturnToSender() {
  const result = await api("GET", "/api/v1/orders/return-to-sender");
  if (!result.ok) { say(result.data.detail || "Could not load the list.", "bad"); return; }
  const orders = result.data.orders;
  if (orders.length === 0) {
    const none = document.createElement("li");
    none.textContent = "Nothing to send back.";
    $("rts-list").replaceChildren(none);
    return;
  }
  $("rts-list").replaceChildren(...orders.map((o) => {
    const item = document.createElement("li");
    item.textContent = `${o.orderId} · ${o.customerName} · collect by ${o.pickupBy} · ${o.parcels} parcel(s) `;
    const sent = document.createElement("button");
    sent.type = "button";
    sent.className = "quiet";
    sent.textContent = "Sent back";
    sent.addEventListener("click", async () => {
      const done = await api("POST", `/api/v1/orders/${encodeURIComponent(o.orderId)}/return-to-sender`);
      say(done.ok ? `${o.orderId} marked as sent back.` : (done.data.detail || "Not marked."), done.ok ? "good" : "bad");
      await showReturnToSender();
    });
    item.append(sent);
    return item;
  }));
}

// Never "online" once the gateway has answered offline: the banner follows the last call to head office
// too, not only the breaker, which opens only after several failures.
const UNANSWERED = "Head office did not answer just now: orders are checked against the store's copy, and"
    + " hand-overs are recorded offline and sent later.";

function showMode(orders) {
  const offline = orders.state !== "ONLINE" || orders.central.lastCallFailed;
  $("mode").textContent = orders.state === "ONLINE" && offline ? UNANSWERED : orders.colleagueMessage;
  $("mode").className = "mode" + (offline ? " degraded" : "");
  $("mode").dataset.state = orders.state;
}

async function refreshMode() {
  try {
    const result = await api("GET", "/api/v1/status");
    storeZone = result.data.zone || storeZone;
    showMode(result.data.capabilities.ORDERS);
  } catch (e) {
    $("mode").textContent = "The gateway is not answering; refresh in a moment.";
    $("mode").className = "mode degraded";
  }
}

refreshMode();
setInterval(refreshMode, 5000);
if (state.token) showDesk(); else signedOut();
