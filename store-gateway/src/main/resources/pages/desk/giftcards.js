// Gift cards at the desk: a balance, and taking a payment from a card (a redemption, made once per
// press: one Idempotency-Key each). The number and PIN are cleared from the screen once used.
"use strict";

function sayCard(text, kind = "") {
  $("gc-message").textContent = text;
  $("gc-message").className = "message " + kind;
}

function clearGiftCard() {
  $("gc-form").reset();
  $("gc-result").textContent = "";
  sayCard("");
}
taskClearers.push(clearGiftCard);

function cardBody() {
  const body = { cardNumber: $("gc-number").value.replace(/\s+/g, "") };
  if ($("gc-pin").value) body.pin = $("gc-pin").value;
  return body;
}

/** "12.50" as 1250 pence; null when it is not an amount of money. */
function pence(text) {
  const match = /^\s*£?\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] || "0").padEnd(2, "0"));
}

$("gc-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = await api("POST", "/api/v1/gift-cards/balance-checks", cardBody());
  $("gc-pin").value = "";
  $("gc-result").textContent = "";
  if (!result.ok) { sayCard(result.data.detail || "Could not check the card.", "bad"); return; }
  sayCard(result.data.message, result.data.source === "central" ? "good" : "");
  $("gc-result").textContent = `Card ending ${result.data.lastFour}: ${money(result.data.balance)}`
      + (result.data.blocked ? " (blocked until head office checks it)" : "");
});

$("gc-redeem").addEventListener("click", async () => {
  const amount = pence($("gc-amount").value);
  if (amount === null || amount === 0) { sayCard("Type the amount to take, such as 12.50.", "bad"); $("gc-amount").focus(); return; }
  if (!$("gc-number").value.trim()) { sayCard("Type or scan the card number.", "bad"); $("gc-number").focus(); return; }
  $("gc-redeem").disabled = true;
  const result = await api("POST", "/api/v1/gift-cards/redemptions",
      { ...cardBody(), amount: { amount, currency: "GBP" } }, { "Idempotency-Key": crypto.randomUUID() });
  $("gc-redeem").disabled = false;
  $("gc-pin").value = "";
  $("gc-result").textContent = "";
  if (!result.ok) { sayCard(result.data.detail || "The payment was not taken.", "bad"); return; }
  const offline = result.data.mode === "OFFLINE" ? " Taken offline, within the store's limits; head office is told later." : "";
  sayCard(`Took ${money(result.data.amount)} from the card ending ${result.data.lastFour}.${offline}`, "good");
  $("gc-number").value = "";
  $("gc-amount").value = "";
  if (result.data.balanceAfter) $("gc-result").textContent = `Left on the card: ${money(result.data.balanceAfter)}`;
});

/** Refunds owed to customers' cards, oldest first: read each time the task is opened. */
async function showRefundsOwed() {
  const result = await api("GET", "/api/v1/returns/refunds-due");
  if (!result.ok) { $("refunds-summary").textContent = result.data.detail || "Could not read the refunds owed."; return; }
  const refunds = result.data.refunds;
  $("refunds-summary").textContent = refunds.length === 0 ? "No refunds are owed to customers' cards."
      : `${refunds.length} refund(s) owed, paid automatically when head office's refund service answers.`;
  $("refunds-rows").replaceChildren(...refunds.map((refund) => {
    const row = document.createElement("tr");
    for (const text of [new Date(refund.since).toLocaleString("en-GB", { day: "numeric", month: "short",
        hour: "2-digit", minute: "2-digit", timeZone: storeZone }), money(refund.amount), refund.tenderReference,
        refund.returnId, String(refund.attempts), refund.lastError || ""]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}

document.addEventListener("desk-task", (event) => { if (event.detail === "refunds") showRefundsOwed(); });
