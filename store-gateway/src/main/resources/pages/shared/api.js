// Shared by the desk and the kiosk (served as /desk/api.js and /kiosk/api.js, before each page.js):
// find elements, and call the gateway's /api/v1 with the page's session.
"use strict";

const $ = (id) => document.getElementById(id);

/**
 * Calls the gateway and answers { ok, status, data }. Sends `session.token` when there is one; when
 * the gateway says the session is over, calls `session.signedOut` if the page has one.
 */
async function callGateway(session, method, path, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (session.token) init.headers["Authorization"] = "Bearer " + session.token;
  if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (response.status === 401 && data && data.code === "sign-in-required" && session.signedOut) session.signedOut();
  return { ok: response.ok, status: response.status, data };
}
