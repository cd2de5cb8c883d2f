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

/** How long a request may go without any answer before the user is told to try again. */
export const NO_ANSWER_MS = 45000;

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
  // The gateway answers within its own time limits (15 s for the services, 30 s for administration); no
  // answer at all after 45 s means the request is lost on the way, and the user is told so rather than
  // left with a busy button. A command repeated with the same Idempotency-Key is recognised, so trying
  // again can never do it twice.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NO_ANSWER_MS);
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", signal: controller.signal,
      body: body === undefined ? undefined : JSON.stringify(body) });
  }
  catch (error) {
    if (error.name === "AbortError") {
      throw new ApiError(0, { detail: "The server did not answer. Please try again: a repeated request is recognised and done once." });
    }
    throw error;
  }
  finally { clearTimeout(timer); }
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
