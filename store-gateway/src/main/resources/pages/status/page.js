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

// The store's time at the last refresh: "ago" counts from the gateway's clock, not the browser's, and
// dates are written the British way in the store's own time zone, whatever the browser's settings.
let storeNow = Date.now();
let storeZone = "Europe/London";

function when(iso, parts = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) {
  return new Date(iso).toLocaleString("en-GB", { ...parts, timeZone: storeZone });
}

function ago(iso) {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((storeNow - Date.parse(iso)) / 1000));
  if (seconds < 90) return seconds + " s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
  return when(iso);
}

function duration(seconds) {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${Math.round(seconds / 3600)} h`;
}

const NAMES = { ORDERS: "orders", REFUNDS: "refunds", GIFT_CARDS: "gift cards", PAYMENTS: "payments", LOYALTY: "loyalty" };

// The breaker's state in words: what the store does about head office for this capability now.
const BREAKER = {
  CLOSED: "calls go to head office",
  OPEN: "calls paused after failures; trying again shortly",
  HALF_OPEN: "trying head office again",
  FORCED_OPEN: "head office is not contacted (isolated)",
  DISABLED: "calls go to head office unwatched",
  METRICS_ONLY: "calls go to head office",
};

function callFigures(central) {
  if (central.bufferedCalls === 0) return `${BREAKER[central.breaker] || central.breaker} · no recent calls to judge`;
  return `${BREAKER[central.breaker] || central.breaker} · of the last ${central.bufferedCalls} call(s),`
      + ` ${Math.round(central.failureRatePercent)}% failed and ${Math.round(central.slowCallRatePercent)}% were slow`
      + (central.refusedCalls ? ` · ${central.refusedCalls} call(s) not made` : "");
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
        + ` (oldest since ${when(refunds.oldestDue)}).`;
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

// A capability's offline budget as a countdown from when it left ONLINE, and the rule it brings now.
function budgetWords(budget) {
  if (budget.budgetSeconds === undefined) return null;
  const whole = duration(budget.budgetSeconds).replace("about ", "");
  if (budget.offlineSince === undefined) return `Offline budget: ${whole}, all of it left.`;
  const left = budget.remainingSeconds > 0 ? `${duration(budget.remainingSeconds)} of ${whole} left` : `all ${whole} used`;
  const next = budget.nextStepAt ? ` Rules tighten at ${when(budget.nextStepAt)}.` : "";
  return `Offline budget: ${left} (offline since ${when(budget.offlineSince)}).`
      + (budget.why ? " " + budget.why : "") + next;
}

// Where a gateway update stands: the release running, the state, what it waits for, a download's progress.
const UPDATE_WORDS = {
  IDLE: "No update under way.",
  DOWNLOADING: "Fetching a release",
  STAGED: "Release checked and staged",
  WAITING: "Waiting to install",
  INSTALLING: "Switching to release",
  CHECKING: "Checking the new release's health",
  INSTALLED: "Installed",
  ROLLED_BACK: "Rolled back",
  REFUSED: "Refused",
};

function showUpdate(update) {
  const bar = $("update-bar");
  bar.hidden = update.state !== "DOWNLOADING" || update.percent === undefined;
  bar.value = update.percent || 0;
  const running = update.running === "unsupervised" ? "" : `Running release ${update.running}. `;
  if (!update.enabled) {
    $("update-text").textContent = running + "Updates are off (no release keys).";
    return;
  }
  const words = UPDATE_WORDS[update.state] || update.state;
  const subject = update.state === "IDLE" ? "" : ` ${update.version}`;
  const progress = update.state === "DOWNLOADING" && update.percent !== undefined ? ` (${update.percent}%)` : "";
  const detail = update.state === "IDLE" || !update.detail ? "" : `: ${update.detail}`;
  $("update-text").textContent = `${running}${words}${subject}${progress}${detail}`
      + (update.state === "IDLE" ? "" : ` (since ${when(update.since)}).`);
}

// The resync as a bar: how much of the backlog since it last stood at zero has reached central. Only
// "Everything is with central" when nothing at all waits: events held for an isolated capability are
// named, with why, and the time left comes from the rate measured now.
function showResync(sync, backlog, capabilities) {
  const bar = $("resync-bar");
  bar.max = Math.max(1, sync.peak);
  bar.value = Math.max(0, sync.peak - sync.draining);
  const total = Object.values(backlog).reduce((sum, n) => sum + n, 0);
  const held = Object.entries(backlog).filter(([name, n]) => n > 0 && capabilities[name].state === "ISOLATED")
      .map(([name, n]) => `${n} event(s) for ${NAMES[name] || name}`);
  const heldWords = held.length === 0 ? ""
      : ` Held here while isolated: ${held.join(", ")}; they go when restored.`;
  let words;
  if (sync.refused) {
    words = `Not sending: ${sync.refused}.` + (total === 0 ? "" : ` ${total} event(s) wait here, safely.`);
  } else if (!sync.configured) {
    words = total === 0 ? "No connection to central is configured; nothing is waiting."
        : `No connection to central is configured: ${total} event(s) wait here, safely.`;
  } else if (total === 0) {
    words = sync.connected ? "Everything is with central." : "Nothing waiting; central is not reachable.";
  } else if (sync.draining === 0) {
    words = `Nothing is being sent now.${heldWords}`;
  } else if (sync.startsAt) {
    words = `${sync.draining} event(s) waiting; sending starts at ${when(sync.startsAt, { hour: "2-digit", minute: "2-digit", second: "2-digit" })}.${heldWords}`;
  } else {
    const left = sync.secondsLeft === null || sync.eventsPerSecond === 0 ? "measuring the rate"
        : `${duration(sync.secondsLeft)} left`;
    words = `${sync.draining} event(s) waiting · sending ${sync.eventsPerSecond}/s`
        + (sync.rateLimit ? ` (limit ${sync.rateLimit}/s)` : "") + ` · ${left}`
        + (sync.connected ? "" : " · central not reachable") + "." + heldWords;
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
  storeZone = status.zone || storeZone;
  $("store").textContent = status.store;
  $("mode").textContent = status.mode === "NORMAL" ? "All services normal" : status.mode.toLowerCase();
  $("mode").className = "mode " + status.mode;
  $("customer-message").textContent = status.customerMessage;
  showResync(status.sync, status.backlog, status.capabilities);
  showRefunds(status.refunds);
  showGiftCards(status.giftCards);
  showUpdate(status.update);
  $("capabilities").replaceChildren(...Object.entries(status.capabilities).map(([name, c]) => {
    const card = document.createElement("article");
    card.className = "capability";
    card.id = "capability-" + name;
    const title = document.createElement("h3");
    title.append(text("span", NAMES[name] || name), text("span", c.state, "state " + c.state));
    card.append(title,
        text("p", `since ${ago(c.since)}: ${c.reason}` + (c.isolatedBy ? ` (isolated by ${c.isolatedBy.replace("_", " ").toLowerCase()})` : "")),
        text("p", c.colleagueMessage),
        text("p", `Waiting to send: ${c.backlog} event(s) · last answer from head office: ${ago(c.central.lastAnswer)}`,
            "figures"),
        text("p", callFigures(c.central), "figures"));
    const budget = budgetWords(c.offlineBudget);
    if (budget) {
      card.append(text("p", budget, "budget" + (c.offlineBudget.limitPercent < 100 ? " tightened" : "")));
    }
    return card;
  }));
  $("transitions").replaceChildren(...status.transitions.map((t) => {
    const row = document.createElement("tr");
    row.append(text("td", ago(t.at)), text("td", NAMES[t.capability] || t.capability), text("td", `${t.from} → ${t.to}`),
        text("td", t.actorName || t.actor), text("td", t.reason));
    return row;
  }));
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
