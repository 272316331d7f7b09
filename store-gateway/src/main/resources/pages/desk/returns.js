// An assisted return at the desk: find the purchase, choose what comes back with the reason and what
// the colleague saw of its condition, price it, choose how the customer is paid from what is open now,
// make it once (one Idempotency-Key per return), and see the receipt. A supervisor may make an
// exception to the policy, with a reason that is recorded.
"use strict";

const returns = { purchase: null, quote: null, selection: [], key: null };

const REASONS = [["changed-mind", "Changed their mind"], ["wrong-size", "Wrong size or fit"],
                 ["faulty", "Faulty or damaged"], ["not-as-described", "Not as described"]];

function sayReturn(text, kind = "") {
  $("return-message").textContent = text;
  $("return-message").className = "message " + kind;
}

function money(value) {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: value.currency }).format(value.amount / 100);
}

function clearReturn() {
  $("return-find").reset();
  clearReturnResults();
}

/** What the last search found and chose, but not what was typed to find it. */
function clearReturnResults() {
  Object.assign(returns, { purchase: null, quote: null, selection: [], key: null });
  $("return-rows").replaceChildren();
  $("return-methods").replaceChildren();
  $("return-lines").hidden = true;
  $("return-options").hidden = true;
  $("return-done").hidden = true;
  $("return-receipt").replaceChildren();
  sayReturn("");
}
taskClearers.push(clearReturn);

function returnPurchase(text) {
  const code = text.trim();
  if (code.startsWith("HFR2.") || code.startsWith("HFR1.")) return { eReceipt: code };
  if (/^CC-\d+$/i.test(code)) return { orderId: code.toUpperCase() };
  return { receiptId: code };
}

function returnBody(extra) {
  const body = { ...returns.purchase, giftReceipt: $("return-gift").checked, ...extra };
  const override = $("override-reason").value.trim();
  if (override && !$("override-field").hidden) body.overrideReason = override;
  return body;
}

$("return-find").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearReturnResults();
  returns.purchase = returnPurchase($("return-purchase").value);
  const result = await api("POST", "/api/v1/returns/quotes", returnBody({ lines: [] }));
  if (!result.ok) { sayReturn(result.data.detail || "Could not find that purchase.", "bad"); return; }
  returns.quote = result.data;
  showReturnLines(result.data);
});

function showReturnLines(quote) {
  $("return-rows").replaceChildren(...quote.lines.map((line) => {
    const row = document.createElement("tr");
    const item = document.createElement("td");
    item.textContent = `${line.description} (${line.sku}, line ${line.lineNumber}) · ${money(line.unitPrice)}`;
    const why = document.createElement("td");
    why.textContent = line.returnable > 0 ? `${line.returnable} of ${line.bought}` : line.decision.text;
    const qty = document.createElement("td");
    const reason = document.createElement("td");
    const condition = document.createElement("td");
    if (line.returnable > 0) {
      qty.append(select(`return-qty-${line.lineNumber}`, "How many: " + line.description,
          Array.from({ length: line.returnable + 1 }, (_, n) => [String(n), String(n)])));
      reason.append(select(`return-reason-${line.lineNumber}`, "Why: " + line.description, REASONS));
      for (const question of line.questions) {
        condition.append(select(`return-q-${line.lineNumber}-${question.id}`, question.text,
            [["", "Not checked"], ["yes", "Yes: " + question.text], ["no", "No"]]));
      }
    }
    row.append(item, why, qty, reason, condition);
    return row;
  }));
  const returnable = quote.lines.some((line) => line.returnable > 0);
  $("return-lines").hidden = false;
  $("return-quote").hidden = !returnable;
  if (!returnable) sayReturn("Nothing on this purchase can come back; each line says why.", "bad");
}

function select(id, label, options) {
  const control = document.createElement("select");
  control.id = id;
  control.setAttribute("aria-label", label);
  for (const [value, text] of options) control.add(new Option(text, value));
  return control;
}

$("return-lines").addEventListener("submit", async (event) => {
  event.preventDefault();
  const selection = [];
  for (const line of returns.quote.lines.filter((l) => l.returnable > 0)) {
    const quantity = Number($(`return-qty-${line.lineNumber}`).value);
    if (quantity === 0) continue;
    const answers = {};
    for (const question of line.questions) {
      const seen = $(`return-q-${line.lineNumber}-${question.id}`).value;
      if (seen) answers[question.id] = seen === "yes";
    }
    selection.push({ lineNumber: line.lineNumber, quantity, reason: $(`return-reason-${line.lineNumber}`).value, answers });
  }
  const result = await api("POST", "/api/v1/returns/quotes", returnBody({ lines: selection }));
  if (!result.ok) { sayReturn(result.data.detail || "Could not price the return.", "bad"); return; }
  if (result.data.selectionProblem) { sayReturn(result.data.selectionProblem.text, "bad"); return; }
  returns.selection = selection;
  returns.key = crypto.randomUUID();
  sayReturn("");
  showReturnOptions(result.data);
});

function showReturnOptions(quote) {
  $("return-total").textContent = "Refund: " + money(quote.refundAmount);
  $("return-methods").replaceChildren(...quote.options.map((option) => {
    const label = document.createElement("label");
    label.className = "method";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "return-method";
    radio.value = option.method;
    radio.id = "return-method-" + option.method;
    radio.disabled = option.availability === "CLOSED";
    radio.required = true;
    const words = document.createElement("span");
    words.textContent = option.label;
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = option.reason.text;
    words.append(why);
    label.append(radio, words);
    return label;
  }));
  $("return-options").hidden = false;
}

$("return-options").addEventListener("submit", async (event) => {
  event.preventDefault();
  const method = document.querySelector("input[name=return-method]:checked");
  if (!method) { sayReturn("Choose how the customer gets their money.", "bad"); return; }
  $("return-make").disabled = true;
  const result = await api("POST", "/api/v1/returns",
      returnBody({ lines: returns.selection, refundMethod: method.value }), { "Idempotency-Key": returns.key });
  $("return-make").disabled = false;
  if (!result.ok) { sayReturn(result.data.detail || "The return was not made.", "bad"); return; }
  sayReturn(`Return ${result.data.returnId} made.`, "good");
  $("return-lines").hidden = true;
  $("return-options").hidden = true;
  $("return-result").textContent = result.data.message;
  $("return-done").hidden = false;
  if (result.data.receipt) await showReturnReceipt(result.data.receipt.printerId, result.data.returnId);
});

async function showReturnReceipt(printerId, returnId) {
  for (let i = 0; i < 20; i++) {
    const result = await api("GET", `/api/v1/devices/${encodeURIComponent(printerId)}/last-receipt`);
    if (result.ok && typeof result.data === "string" && result.data.includes(returnId)) {
      $("return-receipt").innerHTML = result.data;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
