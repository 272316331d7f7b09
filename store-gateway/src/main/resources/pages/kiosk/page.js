// The self-serve returns kiosk, in four steps: find a purchase by scan or number; pick items, reasons
// and answer the condition questions; choose how to be refunded from what is open now; check it all
// and confirm, then take the receipt from the kiosk's own printer. "Call a colleague" is on every
// screen. Every word comes from /kiosk/messages, problems included. An idle customer is asked
// "Still there?" before the screen and session are cleared. The first screen switches between English
// and Welsh, in words; the choice lasts for one customer and every request carries it.
"use strict";

const state = { token: null, messages: {}, idleMs: 60000, purchase: null, giftReceipt: false, quote: null,
                selection: [], method: null, refund: null, key: null, idleTimer: null, warnTimer: null,
                screen: "start", lang: "en", firstLang: "en", languages: [] };
const SCREENS = ["setup", "start", "giftcard", "lines", "refund", "review", "done"];
const STEPS = ["start", "lines", "refund", "review"];

function t(key, values = {}) {
  const template = state.messages[key] || key;
  return template.replace(/\{([a-zA-Z]+)}/g, (whole, name) => name in values ? format(values[name]) : whole);
}

function format(value) {
  if (value && typeof value === "object" && "amount" in value && "currency" in value) {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: value.currency }).format(value.amount / 100);
  }
  return String(value);
}

const api = (method, path, body, headers = {}) =>
    callGateway(state, method, path, body, { "Accept-Language": state.lang, ...headers });

/** Shows every word in `code`'s language and offers the other one, named in itself, on the first screen. */
async function useLanguage(code) {
  const messages = await api("GET", "/kiosk/messages?lang=" + encodeURIComponent(code));
  if (!messages.ok) return;
  state.messages = messages.data;
  state.lang = code;
  document.documentElement.lang = code === "en" ? "en-GB" : code;
  for (const element of document.querySelectorAll("[data-text]")) element.textContent = t(element.dataset.text);
  if (!$("notice").hidden) $("notice").textContent = t("kiosk.notice.refunds-offline");
  const other = state.languages.find((language) => language.code !== code);
  $("language-switch").hidden = !other;
  if (other) {
    $("language-switch").textContent = other.name;
    $("language-switch").lang = other.code;
    $("language-switch").dataset.code = other.code;
  }
}

function show(section) {
  for (const id of SCREENS) $(id).hidden = id !== section;
  state.screen = section;
  $("steps").hidden = !STEPS.includes(section);
  for (const step of document.querySelectorAll("#steps li")) {
    if (step.dataset.step === section) step.setAttribute("aria-current", "step");
    else step.removeAttribute("aria-current");
  }
  say("");
}

function say(text) { $("message").textContent = text; }

/** A problem in the customer's words: the bundle's text for its code, a returns decision, or "see a colleague". */
function problemText(data) {
  if (data && state.messages["problem." + data.code]) return t("problem." + data.code);
  if (data && data.reason && data.detail) return data.detail;
  return t("kiosk.error");
}

async function signIn() {
  const deviceId = localStorage.getItem("holdfast.kiosk.device");
  const deviceToken = localStorage.getItem("holdfast.kiosk.token");
  if (!deviceId || !deviceToken) { show("setup"); $("device-id").focus(); return false; }
  const result = await api("POST", "/api/v1/sessions", { deviceId, deviceToken });
  if (!result.ok) { show("setup"); say(problemText(result.data)); return false; }
  state.token = result.data.token;
  sessionStorage.setItem("holdfast.kiosk.session", state.token);
  return true;
}

/** Clears the customer's screen and session: a new customer starts from nothing. */
async function restart() {
  clearTimeout(state.idleTimer);
  if (state.token) await api("DELETE", "/api/v1/sessions/current");
  state.token = null;
  Object.assign(state, { purchase: null, giftReceipt: false, quote: null, selection: [], method: null, refund: null,
                         key: null });
  $("start-form").reset();
  $("giftcard-form").reset();
  $("giftcard-balance").textContent = "";
  $("giftcard-note").textContent = "";
  $("line-list").replaceChildren();
  $("options").replaceChildren();
  $("receipt-preview").replaceChildren();
  $("review-items").replaceChildren();
  $("review-refund").textContent = "";
  $("done-message").textContent = "";
  $("done-printing").textContent = "";
  $("help-status").textContent = "";
  $("idle-warning").hidden = true;
  if (state.lang !== state.firstLang) await useLanguage(state.firstLang);
  if (await signIn()) { show("start"); $("purchase").focus(); }
  refreshNotice();
}

/** Any touch restarts the idle clock; before it runs out the customer is asked "Still there?". */
function touched() {
  clearTimeout(state.idleTimer);
  clearTimeout(state.warnTimer);
  $("idle-warning").hidden = true;
  if (!$("start").hidden || !$("setup").hidden) return;
  const warnAfter = state.idleMs - Math.min(20000, state.idleMs / 2);
  state.warnTimer = setTimeout(() => { $("idle-warning").hidden = false; $("still-here").focus(); }, warnAfter);
  state.idleTimer = setTimeout(restart, state.idleMs);
}

async function callColleague() {
  const result = await api("POST", "/api/v1/help-calls", { screen: state.screen });
  $("help-status").textContent = t(result.ok ? "kiosk.help.called" : "kiosk.help.failed");
}

/** A gift-card balance: the number and PIN go to the gateway once and are cleared from the screen. */
async function checkGiftCard(event) {
  event.preventDefault();
  touched();
  const body = { cardNumber: $("giftcard-number").value.trim(), pin: $("giftcard-pin").value };
  $("giftcard-pin").value = "";
  $("giftcard-balance").textContent = "";
  $("giftcard-note").textContent = "";
  const result = await api("POST", "/api/v1/gift-cards/balance-checks", body);
  if (!result.ok) { say(problemText(result.data)); return; }
  say("");
  $("giftcard-number").value = "";
  $("giftcard-balance").textContent = t("kiosk.giftcard.balance",
      { lastFour: result.data.lastFour, balance: result.data.balance });
  const notes = [];
  if (result.data.source !== "central") {
    const locale = state.lang === "cy" ? "cy-GB" : "en-GB";
    notes.push(t("kiosk.giftcard.offline", { asOf: new Date(result.data.asOf).toLocaleString(locale,
        { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) }));
  }
  if (result.data.blocked) notes.push(t("kiosk.giftcard.blocked"));
  $("giftcard-note").textContent = notes.join(" ");
}

function purchaseOf(text) {
  const code = text.trim();
  if (code.startsWith("HFR2.") || code.startsWith("HFR1.")) return { eReceipt: code };
  if (/^CC-\d+$/i.test(code)) return { orderId: code.toUpperCase() };
  return { receiptId: code };
}

async function quote(selection) {
  return api("POST", "/api/v1/returns/quotes",
      { ...state.purchase, giftReceipt: state.giftReceipt, lines: selection });
}

$("setup-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  localStorage.setItem("holdfast.kiosk.device", $("device-id").value.trim());
  localStorage.setItem("holdfast.kiosk.token", $("device-token").value);
  await restart();
});

$("start-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  state.purchase = purchaseOf($("purchase").value);
  state.giftReceipt = $("gift-receipt").checked;
  const result = await quote([]);
  if (!result.ok) { say(problemText(result.data)); return; }
  state.quote = result.data;
  showLines(result.data);
  touched();
});

function showLines(data) {
  const list = $("line-list");
  list.replaceChildren();
  for (const line of data.lines) {
    const item = document.createElement("li");
    const title = document.createElement("h3");
    title.textContent = `${line.description} · ${format(line.unitPrice)}`;
    const code = document.createElement("p");
    code.className = "code";
    code.textContent = t("kiosk.lines.item", { sku: line.sku, line: line.lineNumber });
    item.append(title, code);
    const why = document.createElement("p");
    why.className = line.returnable > 0 ? "why" : "why no";
    why.textContent = line.decision.text;
    item.append(why);
    if (line.returnable > 0) item.append(...lineControls(line));
    list.append(item);
  }
  show("lines");
  const returnable = data.lines.some((line) => line.returnable > 0);
  $("to-refund").hidden = !returnable;
  if (!returnable) { say(t("kiosk.lines.nothing-returnable")); return; }
  const first = list.querySelector("input");
  if (first) first.focus();
}

function lineControls(line) {
  const n = line.lineNumber;
  const pick = document.createElement("label");
  pick.className = "check";
  pick.innerHTML = `<input type="checkbox" id="pick-${n}"> `;
  pick.append(`${line.description} (${t("kiosk.lines.item", { sku: line.sku, line: n })})`);
  const qty = labelled(`qty-${n}`, t("kiosk.lines.quantity"), select(`qty-${n}`,
      Array.from({ length: line.returnable }, (_, i) => [String(i + 1), String(i + 1)])));
  const reason = labelled(`reason-${n}`, t("kiosk.lines.reason"), select(`reason-${n}`,
      ["changed-mind", "wrong-size", "faulty", "not-as-described"].map((r) => [r, t("kiosk.reason." + r)])));
  const questions = line.questions.map((q) => {
    const row = document.createElement("fieldset");
    row.className = "question";
    row.innerHTML = `<legend></legend>
      <label class="check"><input type="radio" name="q-${n}-${q.id}" id="q-${n}-${q.id}-yes" value="yes"> <span></span></label>
      <label class="check"><input type="radio" name="q-${n}-${q.id}" id="q-${n}-${q.id}-no" value="no"> <span></span></label>`;
    row.querySelector("legend").textContent = q.text;
    const spans = row.querySelectorAll("span");
    spans[0].textContent = t("kiosk.yes");
    spans[1].textContent = t("kiosk.no");
    return row;
  });
  return [pick, qty, reason, ...questions];
}

function labelled(id, text, control) {
  const wrap = document.createElement("div");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = text;
  wrap.append(label, control);
  return wrap;
}

function select(id, options) {
  const control = document.createElement("select");
  control.id = id;
  for (const [value, text] of options) control.add(new Option(text, value));
  return control;
}

$("lines-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const selection = [];
  let unanswered = null;
  for (const line of state.quote.lines.filter((l) => l.returnable > 0)) {
    const n = line.lineNumber;
    if (!$(`pick-${n}`).checked) continue;
    const answers = {};
    for (const q of line.questions) {
      const yes = $(`q-${n}-${q.id}-yes`);
      const no = $(`q-${n}-${q.id}-no`);
      if (yes.checked || no.checked) answers[q.id] = yes.checked;
      else if (!unanswered) unanswered = yes;
    }
    selection.push({ lineNumber: n, quantity: Number($(`qty-${n}`).value), reason: $(`reason-${n}`).value, answers });
  }
  const result = await quote(selection);
  if (!result.ok) { say(problemText(result.data)); return; }
  if (result.data.selectionProblem) {
    say(result.data.selectionProblem.text);
    if (result.data.selectionProblem.code === "return.condition-unanswered" && unanswered) unanswered.focus();
    return;
  }
  state.selection = selection;
  state.key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  showOptions(result.data);
});

function showOptions(data) {
  $("refund-total").textContent = t("kiosk.refund.total", { amount: data.refundAmount });
  const options = $("options");
  options.replaceChildren();
  state.method = null;
  state.refund = null;
  for (const option of data.options.filter((o) => o.availability !== "CLOSED" || o.method !== "CASH")) {
    const button = document.createElement("button");
    button.type = "button";
    button.id = "method-" + option.method;
    button.setAttribute("role", "radio");
    button.setAttribute("aria-checked", "false");
    const label = document.createElement("strong");
    label.textContent = option.label;
    const reason = document.createElement("span");
    reason.className = "reason";
    reason.textContent = option.availability === "ASK_COLLEAGUE"
        ? t("kiosk.ask-colleague", { reason: option.reason.text }) : option.reason.text;
    button.append(label, reason);
    button.disabled = option.availability !== "OPEN";
    button.addEventListener("click", () => {
      state.method = option.method;
      state.refund = { label: option.label, amount: data.refundAmount };
      for (const other of options.querySelectorAll("button")) other.setAttribute("aria-checked", String(other === button));
      say("");
    });
    options.append(button);
  }
  show("refund");
  const first = options.querySelector("button:not(:disabled)");
  if (first) first.focus();
}

/** The review: every item, how many and why, and the refund chosen, before anything is done. */
function showReview() {
  if (!state.method) { say(t("kiosk.refund.choose")); return; }
  const items = $("review-items");
  items.replaceChildren();
  for (const chosen of state.selection) {
    const line = state.quote.lines.find((l) => l.lineNumber === chosen.lineNumber);
    const item = document.createElement("li");
    item.textContent = t("kiosk.review.line", { quantity: chosen.quantity, description: line.description,
        reason: t("kiosk.reason." + chosen.reason) });
    items.append(item);
  }
  $("review-refund").textContent = `${state.refund.label}: ${format(state.refund.amount)}`;
  show("review");
  $("confirm").disabled = false;
  $("confirm").focus();
}

$("to-review").addEventListener("click", showReview);
$("change-refund").addEventListener("click", () => { show("refund"); touched(); });

$("confirm").addEventListener("click", async () => {
  if (!state.method) return;
  $("confirm").disabled = true;
  const result = await api("POST", "/api/v1/returns",
      { ...state.purchase, giftReceipt: state.giftReceipt, lines: state.selection, refundMethod: state.method },
      { "Idempotency-Key": state.key });
  if (!result.ok) { $("confirm").disabled = false; say(problemText(result.data)); return; }
  $("done-message").textContent = result.data.message;
  $("done-printing").textContent = t(result.data.receipt ? "kiosk.done.printing" : "kiosk.done.no-printer");
  show("done");
  touched();
  if (result.data.receipt) await showReceipt(result.data.receipt.printerId, result.data.returnId);
});

async function showReceipt(printerId, returnId, tries = 20) {
  for (let i = 0; i < tries; i++) {
    const result = await api("GET", `/api/v1/devices/${encodeURIComponent(printerId)}/last-receipt`);
    if (result.ok && typeof result.data === "string" && result.data.includes(returnId)) {
      $("receipt-preview").innerHTML = result.data;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function refreshNotice() {
  const result = await api("GET", "/api/v1/status");
  const refunds = result.ok && result.data.capabilities && result.data.capabilities.REFUNDS;
  const offline = refunds && refunds.state !== "ONLINE";
  $("notice").hidden = !offline;
  $("notice").textContent = offline ? t("kiosk.notice.refunds-offline") : "";
}

for (const button of document.querySelectorAll(".restart")) button.addEventListener("click", restart);
$("call-colleague").addEventListener("click", callColleague);
$("language-switch").addEventListener("click", () => useLanguage($("language-switch").dataset.code));
$("still-here").addEventListener("click", touched);
$("to-giftcard").addEventListener("click", () => { show("giftcard"); touched(); $("giftcard-number").focus(); });
$("giftcard-form").addEventListener("submit", checkGiftCard);
for (const kind of ["pointerdown", "keydown", "input"]) document.addEventListener(kind, touched, true);

(async function start() {
  const settings = await api("GET", "/kiosk/settings");
  state.idleMs = settings.data.idleTimeoutSeconds * 1000;
  state.languages = settings.data.languages;
  state.firstLang = settings.data.firstLanguage;
  await useLanguage(state.firstLang);
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("device") && hash.get("token")) {
    localStorage.setItem("holdfast.kiosk.device", hash.get("device"));
    localStorage.setItem("holdfast.kiosk.token", hash.get("token"));
    history.replaceState(null, "", location.pathname);
  }
  await restart();
  setInterval(refreshNotice, 15000);
})();
