// Talking to the services through the gateway with the signed-in session: the gateway adds the
// user's token; commands echo the CSRF cookie and carry an Idempotency-Key so a retry is safe.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ("HTTP " + status));
    this.status = status;
    this.problem = problem || {};
  }
  get fieldErrors() { return this.problem.errors || []; }
}

function cookie(name) {
  const found = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : "";
}

export async function api(method, path, body, idempotencyKey) {
  const headers = { "Accept": "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    headers["X-XSRF-TOKEN"] = cookie("XSRF-TOKEN");
    headers["Idempotency-Key"] = idempotencyKey || crypto.randomUUID();
  }
  const response = await fetch(path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && path === "/me") {
    location.href = "/oauth2/authorization/ketaclinic";
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => api("GET", path);
export const post = (path, body, key) => api("POST", path, body === undefined ? {} : body, key);
export const put = (path, body) => api("PUT", path, body);
