// Administration: the clinic's locations, chairs and staff; each service's audit log; dead
// letters with replay.
import { start, tabs, html, raw, notice, showError, when, get, post } from "./ui.js";

const SERVICES = ["intake", "screening", "scheduling", "followup"];
const me = await start("Administration", "ADMIN");
if (me) {
  tabs(document.getElementById("page"), [["setup", "Clinic set-up"], ["audit", "Audit log"], ["dead", "Dead letters"]],
    (id) => ({ setup: loadSetup, dead: loadDead })[id]?.());
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
    target.innerHTML = entries.length ? html`<table><thead><tr><th>When</th><th>Who</th><th>Roles</th><th>Action</th><th>What</th>
      <th>Correlation</th></tr></thead><tbody>${raw(entries.map((a) => html`<tr><td>${when(a.occurredAt)}</td><td>${a.actor}</td>
      <td>${a.roles}</td><td>${a.action}</td><td>${a.resource}</td><td class="muted">${a.correlationId || ""}</td></tr>`).join(""))}</tbody></table>`
      : "<p>No entries.</p>";
  }
  catch (error) { showError(form, target, error); }
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
