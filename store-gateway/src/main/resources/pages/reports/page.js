// The end-of-day report: one store-day from /api/v1/reports/day/{day}, its timeline picture, the
// receipt-printer copy and the manager's sign-off. Supervisors only; signs in here or uses the
// desk's session of this tab.
"use strict";

const session = {
  token: sessionStorage.getItem("holdfast.token"),
  signedOut() { sessionStorage.removeItem("holdfast.token"); session.token = null; showSignIn(); },
};
const STATES = ["ONLINE", "DEGRADED", "ISOLATED", "RESTORING"];

function dayInPath() {
  const match = location.pathname.match(/^\/reports\/day\/([^/]+)$/);
  return match ? decodeURIComponent(match[1]) : "today";
}

function words(capability) {
  const spaced = capability.replace(/_/g, " ");
  return spaced.charAt(0) + spaced.slice(1).toLowerCase();
}

function hours(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function cell(text, figure) {
  const td = document.createElement("td");
  td.textContent = text;
  if (figure) td.className = "figure";
  return td;
}

function row(label, ...values) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = label;
  tr.append(th, ...values.map((v) => cell(v, true)));
  return tr;
}

function tally(t) { return `${t.count} · ${t.amount.display}`; }

function showSignIn() {
  $("signin").hidden = false;
  $("report").hidden = true;
}

async function load() {
  if (!session.token) { showSignIn(); return; }
  const day = dayInPath();
  const answer = await callGateway(session, "GET", "/api/v1/reports/day/" + encodeURIComponent(day));
  if (!answer.ok) {
    $("message").textContent = answer.data.detail || "The report could not be made.";
    if (answer.status === 403) showSignIn();
    return;
  }
  $("message").textContent = "";
  render(answer.data);
  const picture = await callGateway(session, "GET", "/api/v1/reports/day/" + encodeURIComponent(answer.data.day) + "/timeline.svg");
  if (picture.ok) $("timeline").innerHTML = picture.data;
}

function render(report) {
  $("signin").hidden = true;
  $("report").hidden = false;
  $("heading-day").textContent = report.day;
  $("heading-store").textContent = `Store ${report.storeId} · ${report.zone}`;
  $("day").value = report.day;
  $("time").replaceChildren(...report.time.map((t) =>
      row(words(t.capability), ...STATES.map((s) => hours(t.secondsIn[s])))));

  const work = report.offline;
  const cards = work.giftCards;
  $("offline").replaceChildren(
      row("Hand-overs made offline", `${work.handOvers.offline} of ${work.handOvers.online + work.handOvers.offline}`),
      row("Store credit issued", tally(work.storeCredit)),
      row("Deferred refunds still owed (all days)", tally(work.refundsOwed)),
      row("… of which promised this day", tally(work.refundsOwedFromThisDay)),
      row("Gift cards redeemed offline", tally(cards.redeemed)),
      row("… against the store's daily cap", `${cards.storeCap.display} (${cards.storeCapUsedPercent}% used)`),
      row("… busiest card, against the per-card cap", `${cards.busiestCard.display} of ${cards.perCardCap.display}`
          + ` (${cards.cardsAtCap} at the cap)`),
      row("… found overdrawn by central", tally(cards.overdrawn)),
      row("Loyalty receipts not yet with central", `${work.loyaltyReceipts.queued} of ${work.loyaltyReceipts.issued}`));
  $("returns").replaceChildren(...work.returns.map((r) => row(words(r.method), tally(r.all), tally(r.offline))));

  $("backlog").replaceChildren(...report.backlog.map((b) => row(words(b.capability), String(b.events),
      b.oldestAgeSeconds === null ? "—" : hours(b.oldestAgeSeconds))));

  const ex = report.exceptions;
  $("exceptions").textContent = `${ex.openedTotal} opened this day, ${ex.resolved} resolved this day, `
      + `${ex.stillOpen} still open.`;

  if (report.signOff) {
    $("signed").textContent = `Signed off by ${report.signOff.staffId} at `
        + `${new Date(report.signOff.signedAt).toLocaleString("en-GB")}: “${report.signOff.note}”`;
    $("signoff-form").hidden = true;
  } else {
    $("signed").textContent = "Not signed off yet.";
    $("signoff-form").hidden = false;
  }
  $("generated").textContent = `Figures counted from the store's own records at `
      + `${new Date(report.generatedAt).toLocaleString("en-GB")}.`;
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await callGateway(session, "POST", "/api/v1/sessions",
      { staffId: $("staff-id").value.trim(), pin: $("pin").value });
  $("pin").value = "";
  if (!answer.ok) { $("message").textContent = answer.data.detail; return; }
  if (answer.data.role !== "SUPERVISOR") { $("message").textContent = "Only a supervisor can see the day's report."; return; }
  session.token = answer.data.token;
  sessionStorage.setItem("holdfast.token", session.token);
  load();
});

$("day-form").addEventListener("submit", (event) => {
  event.preventDefault();
  location.href = "/reports/day/" + $("day").value;
});

$("print-a4").addEventListener("click", () => window.print());

$("print-receipt").addEventListener("click", async () => {
  const answer = await callGateway(session, "POST", "/api/v1/reports/day/" + $("day").value + "/print", {});
  $("message").textContent = answer.ok ? `Sent to printer ${answer.data.printerId}.` : answer.data.detail;
});

$("signoff-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await callGateway(session, "POST", "/api/v1/reports/day/" + $("day").value + "/sign-off",
      { note: $("signoff-note").value });
  if (!answer.ok) { $("message").textContent = answer.data.detail; return; }
  load();
});

load();
