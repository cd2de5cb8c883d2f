// Shared page furniture: who is signed in, the navigation their roles allow, tabs, messages,
// forms that show each invalid field, and small formatting helpers.
import { get, post, ApiError } from "./api.js";

export const escape = (value) => String(value ?? "").replace(/[&<>"']/g,
  (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));

export function html(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? (values[i] && values[i].raw !== undefined ? values[i].raw : escape(values[i])) : ""), "");
}
export const raw = (text) => ({ raw: text });

export async function start(title, needed) {
  const me = await get("/me");
  const roles = me.roles || [];
  // in one order whatever the identity provider sends (Keycloak lists groups as it likes)
  me.clinics = [...(me.clinics || [])].sort();
  const links = [["/ui/frontdesk.html", "Front desk", "FRONT_DESK"], ["/ui/clinician.html", "Clinician", "CLINICIAN"],
    ["/ui/admin.html", "Administration", "ADMIN"]].filter(([, , role]) => roles.includes(role));
  document.getElementById("top").innerHTML = html`<a href="/ui/" class="brand"><strong>KetaClinic</strong></a>
    <nav aria-label="Areas">${raw(links.map(([href, label]) => html`<a href="${href}">${label}</a>`).join(""))}
      <a href="/api-docs.html">API</a></nav>
    <div class="who"><span>Signed in as <strong>${me.name}</strong> (${roles.join(", ")})</span>
      <span id="my-clinics">${me.clinics.length ? (me.clinics.length > 1 ? "Clinics: " : "Clinic: ") + me.clinics.join(", ") : "No clinic"}</span>
      <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf()}">
      <button type="submit">Sign out</button></form></div>`;
  document.title = title + " · KetaClinic";
  if (needed && !roles.includes(needed)) {
    document.querySelector("main").innerHTML = html`<h1>${title}</h1><p class="notice error">This area is for the
      ${needed} role; you are signed in as ${me.name} (${roles.join(", ") || "no role"}).</p>`;
    return null;
  }
  return me;
}

/**
 * The "Clinic" choice of a form that creates a clinic's record (ADR 12): shown only to a user who works for
 * several clinics, required, with none chosen at first; a user of one clinic gets nothing (the service takes
 * their only clinic). Its name is the field the services name in a 400, so the error shows beside it.
 */
export function clinicChoice(clinics, id) {
  if (!clinics || clinics.length < 2) return "";
  return html`<label for="${id}" class="clinic-choice"><span>Clinic</span><select id="${id}" name="clinicId" required
    aria-required="true"><option value="">Choose the clinic…</option>${raw(clinics.map((c) =>
    html`<option value="${c}">${c}</option>`).join(""))}</select></label>`;
}

/**
 * The clinic to send as clinicId: undefined (left out) when the form has no choice, null when none is chosen
 * yet, so the service answers which clinics the user may name.
 */
export function chosenClinic(form) {
  const select = form.querySelector('select[name="clinicId"]');
  return select ? (select.value || null) : undefined;
}

function csrf() {
  const found = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
  return found ? decodeURIComponent(found.substring(11)) : "";
}

export function tabs(container, sections, onShow) {
  const bar = container.querySelector(".tabs");
  bar.setAttribute("role", "tablist");
  const show = (id) => {
    sections.forEach(([sid]) => {
      const panel = document.getElementById(sid);
      const button = bar.querySelector(`[data-for="${sid}"]`);
      const on = sid === id;
      panel.hidden = !on;
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = on ? 0 : -1;
    });
    history.replaceState(null, "", "#" + id);
    onShow(id);
  };
  bar.innerHTML = sections.map(([id, label]) => html`<button type="button" role="tab" data-for="${id}" id="tab-${id}"
    aria-controls="${id}">${label}</button>`).join("");
  bar.addEventListener("click", (e) => { const b = e.target.closest("button[data-for]"); if (b) show(b.dataset.for); });
  bar.addEventListener("keydown", (e) => {
    const buttons = [...bar.querySelectorAll("button")];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const next = buttons[(i + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
      next.focus(); show(next.dataset.for);
    }
  });
  const first = sections.find(([id]) => "#" + id === location.hash) || sections[0];
  show(first[0]);
  return show;
}

export function notice(target, text, kind) {
  target.innerHTML = html`<p class="notice ${kind || ""}" role="${kind === "error" ? "alert" : "status"}">${text}</p>`;
}

/** Shows an API error on a form: each named field marked, the message beside it. */
export function showError(form, status, error) {
  form.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
  form.querySelectorAll(".field-error").forEach((el) => el.remove());
  if (!(error instanceof ApiError)) { notice(status, "Something went wrong: " + error.message, "error"); return; }
  const errors = error.fieldErrors;
  let first = null;
  errors.forEach((fe) => {
    const input = form.querySelector(`[name="${CSS.escape(fe.field)}"]`) || form.querySelector(`[data-field="${CSS.escape(fe.field)}"]`);
    if (input) {
      first = first || input;
      input.classList.add("invalid");
      input.setAttribute("aria-invalid", "true");
      const message = document.createElement("span");
      message.className = "field-error";
      message.textContent = fe.message;
      input.insertAdjacentElement("afterend", message);
    }
  });
  notice(status, errors.length ? errors.map((fe) => fe.field + ": " + fe.message).join("; ") : error.message, "error");
  // the first field named, into view: on a long form (the referral's clinic is at its top) it may be far from the button
  if (first && typeof first.focus === "function") first.focus();
}

export const when = (iso) => iso ? new Date(iso).toLocaleString(undefined,
  { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }) : "";
export const day = (iso) => iso ? new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" }) : "";
export const today = () => new Date().toISOString().substring(0, 10);

const names = new Map();
/** A patient's name for display, fetched once from intake. */
export async function patientName(patientId) {
  if (!names.has(patientId)) {
    names.set(patientId, get("/api/intake/patients/" + patientId)
      .then((p) => [p.givenName, p.familyName].filter(Boolean).join(" ") || patientId.substring(0, 8))
      .catch(() => patientId.substring(0, 8)));
  }
  return names.get(patientId);
}

export async function fillNames(root) {
  for (const el of root.querySelectorAll("[data-patient]")) {
    el.textContent = await patientName(el.dataset.patient);
  }
}

export { get, post };
