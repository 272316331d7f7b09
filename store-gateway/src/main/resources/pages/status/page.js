// The store's status for the manager and regional IT: each capability's state since when and why,
// breaker figures, backlog, notices and recent changes; refreshed every two seconds. Supervisors
// can pull the kill switch here.
"use strict";

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("holdfast.status.token");

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

// The store's time at the last refresh: "ago" counts from the gateway's clock, not the browser's.
let storeNow = Date.now();

function ago(iso) {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((storeNow - Date.parse(iso)) / 1000));
  if (seconds < 90) return seconds + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return new Date(iso).toLocaleString();
}

function pounds(money) {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: money.currency }).format(money.amount / 100);
}

// Offline refund exposure today against the store's cap, and refunds still owed to customers' cards.
function showRefunds(refunds) {
  $("exposure-bar").max = refunds.offlineExposureCap.amount;
  $("exposure-bar").value = refunds.offlineExposureToday.amount;
  const owed = refunds.due === 0 ? "No refunds owed to customers' cards."
      : `${refunds.due} refund(s) of ${pounds(refunds.dueAmount)} owed to customers' cards, paid when refunds are back`
        + ` (oldest since ${new Date(refunds.oldestDue).toLocaleString()}).`;
  $("exposure-text").textContent = `Offline refunds today: ${pounds(refunds.offlineExposureToday)} of`
      + ` ${pounds(refunds.offlineExposureCap)} (${refunds.offlineExposurePercent}%). ${owed}`;
}

// Offline gift-card redemptions today against the store's cap, and cards central found overdrawn.
function showGiftCards(cards) {
  if (!cards.configured) {
    $("giftcard-text").textContent = "Gift cards are not set up in this store (no gift-card key).";
  } else {
    $("giftcard-bar").max = cards.offlineExposureCap.amount;
    $("giftcard-bar").value = cards.offlineExposureToday.amount;
    $("giftcard-text").textContent = `Offline gift-card redemptions today: ${pounds(cards.offlineExposureToday)} of`
        + ` ${pounds(cards.offlineExposureCap)} (${cards.offlineExposurePercent}%). `
        + (cards.overdrawn.length === 0 ? "No overdrawn cards." : `${cards.overdrawn.length} overdrawn card(s):`);
  }
  $("overdrawn").replaceChildren(...cards.overdrawn.map((card) => {
    const item = document.createElement("li");
    item.textContent = card.detail;
    return item;
  }));
}

// The resync as a bar: how much of the backlog since it last stood at zero has reached central.
function showResync(sync) {
  const bar = $("resync-bar");
  bar.max = Math.max(1, sync.peak);
  bar.value = Math.max(0, sync.peak - sync.draining);
  let words;
  if (!sync.configured) {
    words = "No connection to central is configured: everything waits here, safely.";
  } else if (sync.draining === 0) {
    words = sync.connected ? "Everything is with central." : "Nothing waiting; central is not reachable.";
  } else if (sync.startsAt) {
    words = `${sync.draining} event(s) waiting; sending starts at ${new Date(sync.startsAt).toLocaleTimeString()}.`;
  } else {
    const left = sync.secondsLeft === null ? "time left unknown" : `about ${Math.ceil(sync.secondsLeft / 60)} min left`;
    words = `${sync.draining} event(s) waiting · ${sync.eventsPerSecond}/s (limit ${sync.rateLimit}/s) · ${left}`
        + (sync.connected ? "" : " · central not reachable");
  }
  if (sync.outboxAlarm) {
    words += ` · the outbox is ${sync.outboxFull}% full: when it is full the store refuses new work`;
  }
  $("resync-text").textContent = words;
}

async function refresh() {
  let status;
  try {
    status = await (await fetch("/api/v1/status")).json();
  } catch (e) {
    $("mode").textContent = "The gateway is not answering";
    $("mode").className = "mode ISOLATED";
    return;
  }
  storeNow = Date.parse(status.now);
  $("store").textContent = status.store;
  $("mode").textContent = status.mode === "NORMAL" ? "All services normal" : status.mode.toLowerCase();
  $("mode").className = "mode " + status.mode;
  $("customer-message").textContent = status.customerMessage;
  showResync(status.sync);
  showRefunds(status.refunds);
  showGiftCards(status.giftCards);
  $("capabilities").replaceChildren(...Object.entries(status.capabilities).map(([name, c]) => {
    const card = document.createElement("article");
    card.className = "capability";
    card.id = "capability-" + name;
    const title = document.createElement("h3");
    title.append(text("span", name.replace("_", " ").toLowerCase()), text("span", c.state, "state " + c.state));
    card.append(title,
        text("p", `since ${ago(c.since)}: ${c.reason}` + (c.isolatedBy ? ` (isolated by ${c.isolatedBy.replace("_", " ").toLowerCase()})` : "")),
        text("p", c.colleagueMessage),
        text("p", `Backlog: ${c.backlog} event(s) · last answer from central: ${ago(c.central.lastAnswer)}`, "figures"),
        text("p", `Breaker ${c.central.breaker.toLowerCase()} · failures ${fmt(c.central.failureRatePercent)} · `
            + `slow ${fmt(c.central.slowCallRatePercent)} · refused calls ${c.central.refusedCalls}`, "figures"));
    return card;
  }));
  $("transitions").replaceChildren(...status.transitions.map((t) => {
    const row = document.createElement("tr");
    row.append(text("td", ago(t.at)), text("td", t.capability), text("td", `${t.from} → ${t.to}`),
        text("td", t.actor), text("td", t.reason));
    return row;
  }));
}

function fmt(percent) {
  return percent < 0 ? "n/a" : Math.round(percent) + "%";
}

$("switch-signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch("/api/v1/sessions", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ staffId: $("staff-id").value.trim(), pin: $("pin").value }) });
  const body = await response.json();
  $("pin").value = "";
  if (!response.ok) { $("switch-message").textContent = body.detail; return; }
  if (body.role !== "SUPERVISOR") { $("switch-message").textContent = "Only a supervisor can pull the kill switch."; return; }
  token = body.token;
  sessionStorage.setItem("holdfast.status.token", token);
  showSwitch();
});

function showSwitch() {
  $("switch-signin").hidden = true;
  $("switch-form").hidden = false;
}

// What isolating each capability stops, in words, for the question the supervisor confirms.
const STOPS = {
  ALL: "every service that talks to head office: orders, refunds, gift cards, payments and loyalty",
  ORDERS: "head office's check before each click & collect hand-over (the desk hands over from the store's list)",
  REFUNDS: "refunds to customers' cards (the kiosk offers store credit or a refund promise instead)",
  GIFT_CARDS: "gift-card checks with head office (the store decides within its offline limits)",
  PAYMENTS: "card payments through head office, and contactless at the tills",
  LOYALTY: "sending points to loyalty accounts (they wait in the store and go later)",
};

async function pull(action) {
  const what = $("switch-capability").value;
  if (!what) { $("switch-message").textContent = "Choose what to isolate or restore first."; return; }
  const question = action === "ISOLATE"
      ? `Isolate ${what}? This stops ${STOPS[what]} until it is restored.`
      : `Restore ${what}? The store starts talking to head office for it again.`;
  if (!window.confirm(question)) { $("switch-message").textContent = "Nothing changed."; return; }
  const response = await fetch("/api/v1/admin/isolation", { method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify({ action, capabilities: [$("switch-capability").value], reason: $("switch-reason").value }) });
  const body = await response.json();
  $("switch-message").textContent = response.ok ? (body.changed ? action.toLowerCase() + "d." : body.note) : body.detail;
  refresh();
}

$("isolate").addEventListener("click", () => pull("ISOLATE"));
$("restore").addEventListener("click", () => pull("RESTORE"));

if (token) showSwitch();
refresh();
setInterval(refresh, 2000);
