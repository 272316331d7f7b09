// Customers calling for a colleague from a kiosk or till: shown on top of the desk until a colleague
// says they are on their way. Polled with the banner.
"use strict";

function helpScreen(screen) {
  return { start: "finding their purchase", lines: "choosing items", refund: "choosing their refund",
           review: "checking their return", giftcard: "checking a gift card", done: "after their return" }[screen]
      || screen;
}

async function refreshHelpCalls() {
  if (!state.token) { $("help-calls").hidden = true; return; }
  const result = await api("GET", "/api/v1/help-calls");
  if (!result.ok) return;
  const calls = result.data.calls;
  $("help-calls").hidden = calls.length === 0;
  $("help-list").replaceChildren(...calls.map((call) => {
    const item = document.createElement("li");
    const waited = Math.max(0, Math.round((Date.now() - Date.parse(call.calledAt)) / 60000));
    item.textContent = `${call.caller}: a customer ${helpScreen(call.screen)}, waiting `
        + (waited < 1 ? "under a minute" : `${waited} min`);
    const going = document.createElement("button");
    going.type = "button";
    going.textContent = "I'm on my way";
    going.addEventListener("click", async () => {
      await api("POST", `/api/v1/help-calls/${encodeURIComponent(call.callId)}/answer`);
      refreshHelpCalls();
    });
    item.append(going);
    return item;
  }));
}

setInterval(refreshHelpCalls, 5000);
refreshHelpCalls();
