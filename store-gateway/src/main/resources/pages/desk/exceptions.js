// Exceptions to follow up: what the store's rules raised for the manager. Supervisors see them all and
// assign them; a colleague sees those assigned to them. Anyone adds a note or takes one of the actions
// that fit the exception's kind; its history opens under it.
"use strict";

const EXCEPTION_KINDS = {
  ORDER_CANCELLED_AFTER_COLLECTION: "Order cancelled after it was handed over",
  REFUND_DECLINED: "Refund declined by head office",
  GIFT_CARD_OVERDRAWN: "Gift card overdrawn",
};
const EXCEPTION_ACTIONS = {
  CONTACT_CUSTOMER: "Contacted the customer", WRITE_OFF: "Write off", BLOCK: "Keep the card blocked",
  RECOVER: "Recovered", REFUND_ANOTHER_WAY: "Refunded another way",
};

function exceptionItem(exception) {
  const item = document.createElement("li");
  item.className = "exception";
  item.id = "exception-" + exception.exceptionId;
  const title = document.createElement("h4");
  title.textContent = `${EXCEPTION_KINDS[exception.kind] || exception.kind}: ${exception.aggregateId}`;
  const detail = document.createElement("p");
  detail.textContent = exception.detail + (exception.assignedTo ? ` · with ${exception.assignedTo}` : " · not assigned")
      + (exception.open ? "" : ` · resolved by ${exception.resolvedBy}: ${exception.resolution}`);
  item.append(title, detail);

  const form = document.createElement("form");
  form.autocomplete = "off";
  const label = document.createElement("label");
  label.textContent = "Note";
  label.htmlFor = "note-" + exception.exceptionId;
  const note = document.createElement("input");
  note.id = "note-" + exception.exceptionId;
  form.append(label, note);
  const send = async (path, body) => {
    const result = await api("POST", `/api/v1/exceptions/${encodeURIComponent(exception.exceptionId)}/${path}`, body);
    if (result.ok) showExceptions("Saved. ");
    else $("exceptions-summary").textContent = result.data.detail;
  };
  const button = (text, onClick) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    form.append(b);
  };
  button("Add note", () => send("notes", { note: note.value }));
  for (const action of exception.actions) {
    button(EXCEPTION_ACTIONS[action] || action, () => send("actions", { action, note: note.value }));
  }
  if (exception.open && sessionStorage.getItem("holdfast.role") === "SUPERVISOR") {
    const to = document.createElement("input");
    to.id = "assign-" + exception.exceptionId;
    to.placeholder = "staff id";
    to.setAttribute("aria-label", "Assign to (staff id)");
    form.append(to);
    button("Assign", () => send("assignment", { staffId: to.value.trim() }));
  }
  const history = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "History";
  const steps = document.createElement("ol");
  history.append(summary, steps);
  history.addEventListener("toggle", async () => {
    if (!history.open) return;
    const result = await api("GET", `/api/v1/exceptions/${encodeURIComponent(exception.exceptionId)}/history`);
    if (!result.ok) return;
    steps.replaceChildren(...result.data.history.map((step) => {
      const line = document.createElement("li");
      line.textContent = `${new Date(step.at).toLocaleString("en-GB")} · ${step.actor} · ${step.entry.toLowerCase()}`
          + (step.action ? ` (${EXCEPTION_ACTIONS[step.action] || step.action})` : "") + `: ${step.note}`;
      return line;
    }));
  });
  item.append(form, history);
  return item;
}

/** Lists the exceptions this colleague may see, after `said` (what the last step did). */
async function showExceptions(said = "") {
  const result = await api("GET", "/api/v1/exceptions");
  if (!result.ok) { $("exceptions-summary").textContent = result.data.detail || "Could not read the exceptions."; return; }
  const open = result.data.exceptions.filter((e) => e.open).length;
  $("exceptions-summary").textContent = said + (open === 0 ? "Nothing to follow up." : `${open} to follow up.`);
  $("exceptions-list").replaceChildren(...result.data.exceptions.map(exceptionItem));
}

document.addEventListener("desk-task", (event) => { if (event.detail === "exceptions") showExceptions(); });
