// Clinicians: the screening queue with every finding explained, the signed decision, session
// records with the blood-pressure gate, the alerts inbox, and each patient's PHQ-9 course.
import { start, tabs, html, raw, notice, showError, when, today, fillNames, get, post } from "./ui.js";
import { phq9Chart } from "./chart.js";

// a page's link opens the alert it is about: clinician.html#alert=<alertId>, read before the tabs replace the hash
// and kept in this tab's session storage, since signing in on the way loses the fragment
const linkedAlert = (() => {
  const fromLink = (location.hash.match(/^#alert=([0-9a-fA-F-]{36})$/) || [])[1];
  if (fromLink) { sessionStorage.setItem("ketaclinic.linkedAlert", fromLink); return fromLink; }
  const kept = sessionStorage.getItem("ketaclinic.linkedAlert");
  return kept;
})();
const me = await start("Clinician", "CLINICIAN");
let current = null;
let show = null;
if (me) {
  const loaders = { queue: loadQueue, alerts: loadAlerts, sessions: loadSessions };
  show = tabs(document.getElementById("page"), [["queue", "Screening queue"], ["assessment", "Assessment"],
    ["sessions", "Session record"], ["alerts", "Alerts"], ["patient", "Patient course"]], (id) => loaders[id] && loaders[id]());
  if (linkedAlert) show("alerts");
  document.getElementById("decision-form").addEventListener("submit", decide);
  document.getElementById("session-date").value = today();
  document.getElementById("session-pick").addEventListener("submit", (e) => { e.preventDefault(); loadSessions(); });
  document.getElementById("patient-pick").addEventListener("submit", (e) => { e.preventDefault(); loadPatient(document.getElementById("patient-id").value.trim()); });
}

async function loadQueue() {
  const target = document.getElementById("queue-list");
  try {
    const queue = await get("/api/screening/reviews");
    target.innerHTML = queue.length ? html`<table><thead><tr><th>Patient</th><th>What</th><th>Outcome or reasons</th>
      <th>Due</th><th></th></tr></thead><tbody>${raw(queue.map((q) => html`<tr>
      <td data-patient="${q.patientId}"></td><td>${q.kind.toLowerCase().replace(/_/g, " ")}</td>
      <td><span class="badge ${q.outcome || ""}">${q.outcome || q.reasons.join(", ")}</span></td>
      <td>${when(q.dueAt)} ${raw(q.overdue ? '<span class="badge overdue">overdue</span>' : "")}</td>
      <td>${raw(q.assessmentId ? html`<button type="button" class="open" data-id="${q.assessmentId}">Review</button>`
        : html`<button type="button" class="secondary course" data-patient-id="${q.patientId}">Course</button>`)}</td></tr>`).join(""))}
      </tbody></table>` : "<p>The queue is empty.</p>";
    fillNames(target);
    target.querySelectorAll("button.open").forEach((b) => b.addEventListener("click", () => openAssessment(b.dataset.id)));
    target.querySelectorAll("button.course").forEach((b) => b.addEventListener("click", () => {
      show("patient"); document.getElementById("patient-id").value = b.dataset.patientId; loadPatient(b.dataset.patientId);
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function openAssessment(id) {
  show("assessment");
  const target = document.getElementById("assessment-detail");
  const form = document.getElementById("decision-form");
  document.getElementById("decision-status").innerHTML = "";
  try {
    current = await get("/api/screening/assessments/" + id);
    const byCategory = (c) => current.findings.filter((f) => f.category === c);
    const finding = (f) => html`<div class="finding"><div><span class="rule">${f.ruleId}</span>
      <span class="badge ${f.category === "HARD_EXCLUSION" || f.category === "URGENT_ESCALATION" ? "URGENT" : "REVIEW"}">${f.category.toLowerCase().replace(/_/g, " ")}</span></div>
      <div>${f.rationale}</div>${raw(f.note ? html`<div><em>${f.note}</em></div>` : "")}
      <div class="muted">Source: ${f.source}</div>
      <div class="muted">Values: ${Object.entries(f.inputs || {}).map(([k, v]) => k + " = " + JSON.stringify(v)).join("; ")}</div></div>`;
    target.innerHTML = html`<p><strong data-patient="${current.patientId}"></strong> · outcome
      <span class="badge ${current.outcome}">${current.outcome}</span> · ruleset ${current.rulesetVersion} · due ${when(current.dueAt)}</p>
      ${raw(current.findings.length ? ["URGENT_ESCALATION", "HARD_EXCLUSION", "NEEDS_CLINICIAN_REVIEW"].concat(
        [...new Set(current.findings.map((f) => f.category))].filter((c) => !["URGENT_ESCALATION", "HARD_EXCLUSION", "NEEDS_CLINICIAN_REVIEW"].includes(c)))
        .map((c) => byCategory(c).map(finding).join("")).join("") : "<p>No findings.</p>")}
      ${raw(current.decision ? html`<p class="notice ok">Decided: ${current.decision.decision} by ${current.decision.decidedBy || ""}</p>` : "")}`;
    fillNames(target);
    const overridable = current.findings.filter((f) => f.category === "HARD_EXCLUSION");
    document.getElementById("overrides").innerHTML = overridable.length ? html`<fieldset><legend>Overrides (approving despite an exclusion needs a reason for each)</legend>
      ${raw(overridable.map((f) => html`<label><span>${f.ruleId}</span><input name="override.${f.ruleId}" size="60"></label>`).join(""))}</fieldset>` : "";
    form.hidden = Boolean(current.decision);
  }
  catch (error) { notice(target, error.message, "error"); form.hidden = true; }
}

async function decide(e) {
  e.preventDefault();
  const form = e.target;
  const status = document.getElementById("decision-status");
  const data = new FormData(form);
  const overrides = [...data.entries()].filter(([k, v]) => k.startsWith("override.") && v.trim())
    .map(([k, v]) => ({ ruleId: k.substring(9), reason: v.trim() }));
  try {
    await post(`/api/screening/assessments/${current.assessmentId}/decision`, { decision: data.get("decision"),
      protocol: data.get("protocol") || null, rationale: data.get("rationale"), overrides });
    notice(status, "Decision signed.", "ok");
    form.hidden = true;
    form.reset();
  }
  catch (error) { showError(form, status, error); }
}

async function loadSessions() {
  const target = document.getElementById("session-list");
  try {
    const locations = await get("/api/scheduling/locations");
    const date = document.getElementById("session-date").value || today();
    const rows = [];
    for (const location of locations) {
      const view = await get(`/api/scheduling/day-view?locationId=${location.locationId}&date=${date}`);
      view.chairs.forEach((c) => c.sessions.forEach((s) => rows.push({ ...s, chair: c.name, location: location.name })));
    }
    rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    target.innerHTML = rows.length ? html`<table><thead><tr><th>Time</th><th>Patient</th><th>Chair</th><th>Status</th><th></th></tr></thead>
      <tbody>${raw(rows.map((s) => html`<tr><td>${s.startsAt.substring(11, 16)}</td><td data-patient="${s.patientId}"></td>
      <td>${s.location} · ${s.chair}</td><td>${s.status}</td><td><button type="button" class="record" data-session="${s.sessionId}" data-plan="${s.planId}">Record</button></td></tr>`).join(""))}
      </tbody></table>` : html`<p>No sessions on ${date}.</p>`;
    fillNames(target);
    target.querySelectorAll("button.record").forEach((b) => b.addEventListener("click", () => recordForm(b.dataset.session, b.dataset.plan)));
  }
  catch (error) { notice(target, error.message, "error"); }
}

const PHQ9_ITEM9 = [["0", "Not at all"], ["1", "Several days"], ["2", "More than half the days"], ["3", "Nearly every day"]];
const CSSRS = [["wishDead", "Wished to be dead, or to go to sleep and not wake up?"],
  ["activeThoughts", "Had any actual thoughts of killing themselves?"],
  ["method", "Thought about how they might do this?"],
  ["intent", "Had any intention of acting on these thoughts?"],
  ["planWithIntent", "Started to work out or worked out the details of how, and intend to carry out this plan?"],
  ["behaviour", "Done, started or prepared to do anything to end their life?"]];

// the pre-dose check: vitals through the gate, the suicide check since the last visit (every answer required, none
// preset), the escort before dosing; a prescriber confirms as the signed-in clinician, never as a typed name
function recordForm(sessionId, planId) {
  const target = document.getElementById("session-record");
  const status = document.getElementById("session-status");
  target.innerHTML = html`<form id="predose" class="row" novalidate><fieldset><legend>Before dosing: the pre-dose check</legend><div class="grid">
    <label><span>Systolic (mmHg)</span><input name="systolicBp" type="number" required></label>
    <label><span>Diastolic (mmHg)</span><input name="diastolicBp" type="number" required></label>
    <label><span>Heart rate</span><input name="heartRate" type="number" required></label>
    <label><span>SpO2 (%)</span><input name="spo2" type="number"></label>
    <label><span>Age today</span><input name="ageYears" type="number" required></label></div>
    <fieldset id="predose-safety" data-field="safety"><legend>Since the last visit (ask every question; none is preset)</legend>
    <label><span>PHQ-9 item 9: thoughts that they would be better off dead, or of hurting themselves</span>
    <select name="safety.phq9Item9" required><option value="">choose an answer</option>
    ${raw(PHQ9_ITEM9.map(([v, t]) => html`<option value="${v}">${v}: ${t}</option>`).join(""))}</select></label>
    ${raw(CSSRS.map(([name, text]) => html`<div class="row cssrs" role="radiogroup" data-field="safety.${name}" aria-label="${text}">
      <span>${text}</span><label><input type="radio" name="safety.${name}" value="true" required> Yes</label>
      <label><input type="radio" name="safety.${name}" value="false" required> No</label></div>`).join(""))}
    </fieldset>
    <label><input type="checkbox" name="escortConfirmed" id="predose-escort"> An escort will take the patient home (confirmed before dosing)</label>
    <button type="submit">Record the pre-dose check</button></fieldset></form>
    <div id="predose-result" aria-live="assertive"></div>
    <p><button type="button" id="prescriber-confirm" class="secondary" hidden>Confirm the elevated pressure as prescriber (${me.name})</button>
    <button type="button" id="start-session" class="secondary">Start session</button></p>
    <form id="completion" novalidate><fieldset><legend>Completion</legend><div class="grid">
    <label><span>Total dose (mg)</span><input name="doseTotalMg" type="number" step="0.1" required></label>
    <label><span>Dose (mg/kg)</span><input name="doseMgPerKg" type="number" step="0.01"></label>
    <label><span>Route</span><select name="route"><option>IV</option><option>INTRANASAL</option></select></label>
    <label><span>Dosing started</span><input name="startedAt" type="datetime-local" required></label>
    <label><span>Dosing ended</span><input name="endedAt" type="datetime-local" required></label>
    <label><span>Discharged (IV: at least 60 min, esketamine: 120 min after dosing ended)</span><input name="dischargedAt" type="datetime-local" required></label>
    <label><span>CADSS-6 (0–24)</span><input name="cadss6" type="number"></label>
    <label><span>Side effects (comma separated codes)</span><input name="sideEffects" placeholder="NAUSEA, DIZZINESS"></label></div>
    <button type="submit">Complete and discharge</button></fieldset></form>
    <form id="plan-cancel" novalidate><fieldset><legend>Stop this patient's plan</legend>
    <p class="muted">Cancels the plan and every session still to come; the front desk is asked to call the patient.</p>
    <label><span>Reason</span><textarea name="reason" id="plan-cancel-reason" rows="2" cols="60" required></textarea></label>
    <button type="submit" id="plan-cancel-submit" class="danger">Cancel plan</button></fieldset></form>`;
  const numbers = (form) => Object.fromEntries([...new FormData(form)].filter(([k, v]) => v !== "" && !k.includes("."))
    .map(([k, v]) => [k, form.querySelector(`[name="${k}"]`).type === "number" ? Number(v) : v]));
  const confirm = target.querySelector("#prescriber-confirm");
  const showCheck = (check) => {
    const result = target.querySelector("#predose-result");
    confirm.hidden = !(check.result === "PRESCRIBER_CONFIRMATION_REQUIRED" && !check.confirmed);
    const gate = "Blood-pressure gate: " + check.result.toLowerCase().replace(/_/g, " ") + (check.confirmed ? ` (confirmed by ${check.prescriberConfirmedBy})` : "");
    if (check.held) {
      notice(result, "Dose held: the safety check was positive (" + check.concerns.join(", ") + "). The on-call clinician has been paged."
        + " Do not dose; the hold lifts only after the alert is acknowledged and a new, negative check is recorded.", "error");
    }
    else if (check.canStart) notice(result, gate + ". The session may start.", "ok");
    else notice(result, gate + ". The session cannot start yet: " + check.startRefusals.join("; ") + ".", "error");
  };
  target.querySelector("#predose").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const body = numbers(form);
    delete body.escortConfirmed;
    body.escortConfirmed = form.querySelector("[name=escortConfirmed]").checked;
    const item9 = form.querySelector('[name="safety.phq9Item9"]').value;
    body.safety = { phq9Item9: item9 === "" ? null : Number(item9) };
    CSSRS.forEach(([name]) => {
      const checked = form.querySelector(`[name="safety.${name}"]:checked`);
      body.safety[name] = checked ? checked.value === "true" : null;
    });
    try { showCheck(await post(`/api/scheduling/sessions/${sessionId}/pre-dose`, body)); }
    catch (error) { showError(form, status, error); }
  });
  confirm.addEventListener("click", async () => {
    try { showCheck(await post(`/api/scheduling/sessions/${sessionId}/prescriber-confirmation`)); }
    catch (error) { notice(status, error.message, "error"); }
  });
  target.querySelector("#start-session").addEventListener("click", async () => {
    try { await post(`/api/scheduling/sessions/${sessionId}/start`); notice(status, "Session started.", "ok"); }
    catch (error) { notice(status, error.message, "error"); }
  });
  const instant = (value) => (value ? new Date(value).toISOString() : null);
  const completion = target.querySelector("#completion");
  completion.querySelector("[name=dischargedAt]").value = localNow();
  completion.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = numbers(e.target);
    body.sideEffects = (body.sideEffects || "").split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
    ["startedAt", "endedAt", "dischargedAt"].forEach((k) => { body[k] = instant(body[k]); });
    try { await post(`/api/scheduling/sessions/${sessionId}/completion`, body); notice(status, "Session completed.", "ok"); loadSessions(); }
    catch (error) { showError(e.target, status, error); }
  });
  target.querySelector("#plan-cancel").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await post(`/api/scheduling/plans/${planId}/cancellation`, { reason: e.target.querySelector("[name=reason]").value });
      notice(status, "Plan cancelled; its sessions still to come are cancelled and the front desk will call the patient.", "ok");
      loadSessions();
    }
    catch (error) { showError(e.target, status, error); }
  });
}

function localNow() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().substring(0, 16);
}

const ALERT_SOURCES = { SCREENING: "Screening (intake)", CHECK_IN: "Check-in", PRE_DOSE: "Pre-dose check", SMS_REPLY: "Text reply" };
const PAGE_ROLES = { PRIMARY: "primary on call", BACKUP: "backup", CLINICIAN: "clinician" };

async function loadAlerts() {
  const target = document.getElementById("alert-list");
  const filter = document.getElementById("alert-status");
  if (filter && !filter.dataset.bound) {
    filter.dataset.bound = "yes";
    filter.addEventListener("change", loadAlerts);
  }
  const status = filter ? filter.value : "OPEN";
  try {
    let alerts = await get(`/api/followup/alerts?status=${status}`);
    if (linkedAlert && !alerts.some((a) => a.alertId === linkedAlert)) {
      // the linked alert may be acknowledged already, or of the other list: show it on top
      try { alerts = [await get(`/api/followup/alerts/${linkedAlert}`)].concat(alerts); }
      catch (error) {
        sessionStorage.removeItem("ketaclinic.linkedAlert");
        notice(document.getElementById("alert-status-note"), "The linked alert was not found.", "error");
      }
    }
    const pages = (a) => (a.pages || []).length ? html`<details class="alert-pages"><summary>Pages sent (${a.pages.length})</summary><ul>
      ${raw(a.pages.map((p) => html`<li>Level ${p.level}: ${PAGE_ROLES[p.role] || p.role} ${p.name || ""} ·
        ${p.sentAt ? "sent " + when(p.sentAt) : (p.status || "").toLowerCase()}${raw(p.acknowledgedAt ? html` · acknowledged ${when(p.acknowledgedAt)}` : "")}</li>`).join(""))}
      </ul></details>` : "";
    target.innerHTML = alerts.length ? alerts.map((a) => html`<article class="finding alert-item${a.alertId === linkedAlert ? " linked" : ""}"
      data-alert="${a.alertId}" id="alert-${a.alertId}" tabindex="-1" aria-label="${a.severity === "URGENT" ? "Urgent alert" : "Alert"}">
      <div><span class="badge ${a.severity}">${a.severity === "URGENT" ? "Urgent" : "Review"}</span>
      <span class="badge alert-source">${ALERT_SOURCES[a.source] || a.source || ""}</span> <strong data-patient="${a.patientId}"></strong>
      · raised ${when(a.createdAt)} · acknowledge by ${when(a.acknowledgeBy)} ${raw(a.overdue ? '<span class="badge overdue">overdue</span>' : "")}</div>
      <div>${a.reason}</div>
      ${raw(a.unpaged ? html`<p class="notice error" role="alert">${a.warning || "Nobody on call could be paged for this alert: call the on-call clinician now."}</p>` : "")}
      ${raw(a.status === "ACKNOWLEDGED" ? html`<div class="alert-acknowledged">Acknowledged by <strong>${a.acknowledgedBy}</strong>
        on ${when(a.acknowledgedAt)}${raw(a.note ? html`: <em>${a.note}</em>` : "")}</div>` : "")}
      ${raw(pages(a))}
      ${raw(a.status === "OPEN" ? html`<form class="ack row" data-id="${a.alertId}" novalidate><label><span>Note</span><input name="note" size="50" required></label>
      <button type="submit">Acknowledge</button>
      <button type="button" class="secondary course" data-patient-id="${a.patientId}">Course</button></form>`
        : html`<button type="button" class="secondary course" data-patient-id="${a.patientId}">Course</button>`)}</article>`).join("")
      : html`<p>No ${status === "OPEN" ? "open" : "acknowledged"} alerts.</p>`;
    fillNames(target);
    target.querySelectorAll("form.ack").forEach((form) => form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const status = document.createElement("div");
      form.after(status);
      try { await post(`/api/followup/alerts/${form.dataset.id}/acknowledgement`, { note: form.note.value }); loadAlerts(); }
      catch (error) { showError(form, status, error); }
    }));
    target.querySelectorAll("button.course").forEach((b) => b.addEventListener("click", () => {
      show("patient"); document.getElementById("patient-id").value = b.dataset.patientId; loadPatient(b.dataset.patientId);
    }));
    const linked = linkedAlert && document.getElementById("alert-" + linkedAlert);
    if (linked) {
      sessionStorage.removeItem("ketaclinic.linkedAlert");
      linked.style.outline = "3px solid #b45309";
      linked.style.outlineOffset = "2px";
      linked.scrollIntoView({ block: "center" });
      linked.focus();
    }
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function loadPatient(patientId) {
  const target = document.getElementById("patient-course");
  if (!patientId) return;
  try {
    const [history, alerts, messages] = await Promise.all([get(`/api/followup/patients/${patientId}/phq9`),
      get(`/api/followup/patients/${patientId}/alerts`), get(`/api/followup/patients/${patientId}/messages`)]);
    target.innerHTML = html`<h3 data-patient="${patientId}"></h3>
      <p><button type="button" id="extra-checkin" class="secondary">Send a check-in now</button> <span id="extra-status" aria-live="polite"></span></p>
      ${raw(phq9Chart(history))}
      <table><caption>Check-ins</caption><thead><tr><th>Answered</th><th>Kind</th><th>PHQ-9</th><th>Item 9</th><th>Change</th><th>Status</th></tr></thead>
      <tbody>${raw(history.checkIns.map((p) => html`<tr><td>${when(p.answeredAt)}</td><td>${p.kind}</td><td>${p.phq9Total ?? "–"}</td>
      <td>${p.phq9Item9}</td><td>${p.reductionPercent === null ? "" : p.reductionPercent + "%"}</td><td>${p.status}</td></tr>`).join(""))}</tbody></table>
      <table><caption>Alerts</caption><tbody>${raw(alerts.map((a) => html`<tr><td><span class="badge ${a.severity}">${a.severity}</span></td>
      <td>${a.reason}</td><td>${a.status}</td><td>${when(a.createdAt)}</td></tr>`).join(""))}</tbody></table>
      <table><caption>Messages</caption><tbody>${raw(messages.map((m) => html`<tr><td>${m.kind}</td><td>${m.channel || ""}</td>
      <td>${when(m.scheduledFor)}</td><td>${m.status}</td></tr>`).join(""))}</tbody></table>`;
    fillNames(target);
    target.querySelector("#extra-checkin").addEventListener("click", async () => {
      const status = target.querySelector("#extra-status");
      try { await post(`/api/followup/patients/${patientId}/check-ins`); status.textContent = "Check-in sent (quiet hours and consent apply)."; }
      catch (error) { status.textContent = error.message; }
    });
  }
  catch (error) { notice(target, error.message, "error"); }
}
