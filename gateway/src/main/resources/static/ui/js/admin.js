// Administration: the clinic's locations, chairs and staff; each service's audit log; dead
// letters with replay.
import { start, tabs, html, raw, notice, showError, when, get, post, clinicChoice, chosenClinic } from "./ui.js";
import { api } from "./api.js";

const SERVICES = ["intake", "screening", "scheduling", "followup"];
const me = await start("Administration", "ADMIN");
if (me) {
  tabs(document.getElementById("page"), [["setup", "Clinic set-up"], ["oncall", "On call"], ["audit", "Audit log"], ["dead", "Dead letters"]],
    (id) => ({ setup: loadSetup, oncall: loadOnCall, dead: loadDead })[id]?.());
  // a new location and an on-call entry belong to a clinic: an administrator of several names which (ADR 12)
  const locationForm = document.getElementById("location-form");
  locationForm.insertAdjacentHTML("afterbegin", clinicChoice(me.clinics, "location-clinic"));
  locationForm.timeZone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  locationForm.addEventListener("submit", addLocation);
  const onCallForm = document.getElementById("oncall-form");
  onCallForm.querySelector("button[type=submit]").insertAdjacentHTML("beforebegin", clinicChoice(me.clinics, "oncall-clinic"));
  onCallForm.addEventListener("submit", addOnCall);
  document.getElementById("chair-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = document.getElementById("setup-status");
    try {
      await post(`/api/scheduling/locations/${e.target.locationId.value}/chairs`, { name: e.target.name.value });
      notice(status, "Chair added.", "ok"); e.target.reset(); loadSetup();
    }
    catch (error) { showError(e.target, status, error); }
  });
  document.getElementById("staff-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = document.getElementById("setup-status");
    const weekdays = [...e.target.querySelectorAll("input[name=day]:checked")]
      .map((d) => ({ dayOfWeek: Number(d.value), starts: e.target.starts.value, ends: e.target.ends.value }));
    try {
      await post(`/api/scheduling/locations/${e.target.locationId.value}/staff`, { name: e.target.name.value, role: e.target.role.value, hours: weekdays });
      notice(status, "Staff member added with their hours.", "ok"); e.target.reset(); loadSetup();
    }
    catch (error) { showError(e.target, status, error); }
  });
  document.getElementById("audit-form").addEventListener("submit", loadAudit);
  document.getElementById("audit-verify").addEventListener("click", verifyAudit);
}

async function loadSetup() {
  const target = document.getElementById("locations");
  try {
    const locations = await get("/api/scheduling/locations");
    target.innerHTML = locations.map((l) => html`<h3>${l.name} <span class="muted">(${l.timeZone})</span></h3>
      <ul>${raw(l.chairs.map((c) => html`<li>${c.name} ${c.active ? "" : "(inactive)"}</li>`).join(""))}</ul>`).join("");
    const options = locations.map((l) => html`<option value="${l.locationId}">${l.name}</option>`).join("");
    document.getElementById("chair-location").innerHTML = options;
    document.getElementById("staff-location").innerHTML = options;
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function addLocation(e) {
  e.preventDefault();
  const form = e.target;
  const status = document.getElementById("setup-status");
  const openingHours = [...form.querySelectorAll("input[name=openDay]:checked")]
    .map((d) => ({ dayOfWeek: Number(d.value), starts: form.opens.value, ends: form.closes.value }));
  const body = { name: form.name.value.trim(), timeZone: form.timeZone.value.trim(), openingHours, clinicId: chosenClinic(form) };
  try {
    // one key per filled-in form, so a double click or a retry adds the location once
    const added = await post("/api/scheduling/locations", body, form.dataset.key || (form.dataset.key = crypto.randomUUID()));
    notice(status, `Location ${added.name} added${me.clinics.length > 1 ? " to clinic " + added.clinicId : ""}; add its chairs and staff below.`, "ok");
    status.querySelector("p").dataset.clinicId = added.clinicId || "";
    form.reset();
    form.timeZone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    delete form.dataset.key;
    loadSetup();
  }
  catch (error) { showError(form, status, error); }
}

async function loadAudit(e) {
  e.preventDefault();
  const form = e.target;
  const target = document.getElementById("audit-list");
  const query = new URLSearchParams();
  if (form.patientId.value.trim()) query.set("patientId", form.patientId.value.trim());
  else if (form.actor.value.trim()) query.set("actor", form.actor.value.trim());
  else if (form.since.value) query.set("since", new Date(form.since.value).toISOString());
  else query.set("since", new Date(Date.now() - 86400000).toISOString());
  try {
    const entries = await get(`/admin/${form.service.value}/audit?${query}`);
    // who: the display name the token gave, beside the subject (sub) that identifies
    target.innerHTML = entries.length ? html`<table><thead><tr><th>When</th><th>Who</th><th>Subject</th><th>Roles</th><th>Action</th><th>What</th>
      <th>Outcome</th><th>Correlation</th></tr></thead><tbody>${raw(entries.map((a) => html`<tr><td>${when(a.occurredAt)}</td><td>${a.actorName || a.actor}</td>
      <td class="muted">${a.actor}</td><td>${a.roles}</td><td>${a.action}</td><td>${a.resource}</td><td>${a.outcome || "OK"}</td>
      <td class="muted">${a.correlationId || ""}</td></tr>`).join(""))}</tbody></table>`
      : "<p>No entries.</p>";
  }
  catch (error) { showError(form, target, error); }
}

// Recomputes the service's audit hash chain; names the first changed entry, or the one after a deleted entry.
async function verifyAudit() {
  const form = document.getElementById("audit-form");
  const target = document.getElementById("audit-verification");
  const service = form.service.value;
  try {
    const result = await get(`/admin/${service}/audit/verification`);
    if (result.verified) notice(target, `${service}: the audit chain holds (${result.rows} entries; guarded by ${result.guardedBy}).`, "ok");
    else notice(target, `${service}: the audit chain is broken at entry ${result.firstBrokenId}: ${result.reason}.`, "error");
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86400000);
    const link = document.getElementById("audit-export");
    link.href = `/admin/${service}/audit/export?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    link.hidden = false;
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function loadDead() {
  const target = document.getElementById("dead-list");
  const rows = [];
  for (const service of SERVICES) {
    try { (await get(`/admin/${service}/dead-letters`)).forEach((d) => rows.push({ service, ...d })); }
    catch (error) { rows.push({ service, error: error.message }); }
  }
  target.innerHTML = rows.length ? html`<table><thead><tr><th>Service</th><th>Failed</th><th>Event</th><th>Why</th><th></th></tr></thead><tbody>
    ${raw(rows.map((d) => d.error ? html`<tr><td>${d.service}</td><td colspan="4" class="field-error">${d.error}</td></tr>`
      : html`<tr><td>${d.service}</td><td>${when(d.failedAt)}</td><td>${d.type || "?"} from ${d.originalTopic}<br><span class="muted">${d.eventId || ""}</span></td>
      <td>${d.reason || d.exception}</td><td>${raw(d.replayedAt ? html`replayed ${when(d.replayedAt)} by ${d.replayedBy}`
        : html`<button type="button" class="replay" data-service="${d.service}" data-path="${d.topic}/${d.partition}/${d.offset}">Replay</button>`)}</td></tr>`).join(""))}
    </tbody></table>` : "<p>No dead letters.</p>";
  target.querySelectorAll("button.replay").forEach((b) => b.addEventListener("click", async () => {
    try { await post(`/admin/${b.dataset.service}/dead-letters/${b.dataset.path}/replay`); loadDead(); }
    catch (error) { notice(target, error.message, "error"); }
  }));
}

// The on-call roster that urgent alerts page.
const ON_CALL_ROLES = { PRIMARY: "Primary", BACKUP: "Backup", CLINICIAN: "Clinician" };
const isoOrNull = (local) => local ? new Date(local).toISOString() : null;

async function loadOnCall() {
  const target = document.getElementById("oncall-list");
  const status = document.getElementById("oncall-status");
  try {
    const [entries, locations] = await Promise.all([get("/api/followup/on-call"),
      get("/api/scheduling/locations").catch(() => [])]);
    const names = Object.fromEntries(locations.map((l) => [l.locationId, l.name]));
    const select = document.getElementById("oncall-location");
    select.innerHTML = html`<option value="">Clinic-wide</option>` + locations.map((l) => html`<option value="${l.locationId}">${l.name}</option>`).join("");
    const order = { PRIMARY: 0, BACKUP: 1, CLINICIAN: 2 };
    entries.sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
    // the clinic column for an administrator of several clinics, once follow-up names each entry's clinic
    const clinics = me.clinics.length > 1 && entries.some((e) => e.clinicId);
    target.innerHTML = entries.length ? html`<table id="oncall-table"><caption>The roster</caption><thead><tr><th>Role</th><th>Name</th><th>Mobile</th>
      ${raw(clinics ? "<th>Clinic</th>" : "")}<th>Location</th><th>From</th><th>Until</th><th></th></tr></thead><tbody>${raw(entries.map((e) => html`<tr data-entry="${e.entryId}">
      <td>${ON_CALL_ROLES[e.role] || e.role}</td><td>${e.name}</td><td>${e.phone}</td>${raw(clinics ? html`<td>${e.clinicId || ""}</td>` : "")}
      <td>${e.locationId ? (names[e.locationId] || e.locationId) : "Clinic-wide"}</td><td>${e.from ? when(e.from) : "always"}</td>
      <td>${e.until ? when(e.until) : "always"}</td>
      <td><button type="button" class="oncall-remove secondary" data-id="${e.entryId}" aria-label="Remove ${e.name} (${ON_CALL_ROLES[e.role] || e.role})">Remove</button></td></tr>`).join(""))}
      </tbody></table>` : html`<p class="notice error" role="alert">Nobody is on call: urgent alerts page no one.</p>`;
    target.querySelectorAll("button.oncall-remove").forEach((b) => b.addEventListener("click", async () => {
      b.disabled = true;
      try { await api("DELETE", `/api/followup/on-call/${b.dataset.id}`); notice(status, "Removed from the roster.", "ok"); loadOnCall(); }
      catch (error) { b.disabled = false; notice(status, error.message, "error"); }
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function addOnCall(e) {
  e.preventDefault();
  const form = e.target;
  const status = document.getElementById("oncall-status");
  const body = { role: form.role.value, name: form.name.value, phone: form.phone.value.trim(),
    locationId: form.locationId.value || null, from: isoOrNull(form.from.value), until: isoOrNull(form.until.value),
    clinicId: chosenClinic(form) };
  try {
    // one key per filled-in form, so a double click or a retry adds the entry once
    await post("/api/followup/on-call", body, form.dataset.key || (form.dataset.key = crypto.randomUUID()));
    notice(status, "Added to the roster.", "ok");
    form.reset();
    delete form.dataset.key;
    loadOnCall();
  }
  catch (error) { showError(form, status, error); }
}
