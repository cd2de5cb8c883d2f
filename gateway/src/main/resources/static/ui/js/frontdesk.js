// The front desk: take in referrals, find patients, book proposed series, the day's chairs,
// the waitlist and possible duplicates.
import { start, tabs, html, raw, notice, showError, when, today, fillNames, get, post } from "./ui.js";
import * as intakeForm from "./intake-form.js";

const me = await start("Front desk", "FRONT_DESK");
if (me) {
  const loaders = { booking: loadPlans, day: loadDay, waitlist: loadWaitlist, duplicates: loadDuplicates, tasks: loadTasks };
  tabs(document.getElementById("page"), [["intake", "New referral"], ["patients", "Patients"], ["booking", "Booking"],
    ["day", "Day view"], ["waitlist", "Waitlist"], ["duplicates", "Duplicates"], ["tasks", "Tasks"]], (id) => loaders[id] && loaders[id]());

  const form = document.getElementById("intake-form");
  intakeForm.render(form, me.clinics);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = document.getElementById("intake-status");
    form.querySelectorAll("[required]").forEach((el) => { el.dataset.touched = "1"; });
    intakeForm.live(form);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const created = await post("/api/intake/submissions", intakeForm.read(form), form.dataset.key || (form.dataset.key = crypto.randomUUID()));
      notice(status, `Referral submitted for screening (patient ${created.patientId.substring(0, 8)}…, submission ${created.submissionId.substring(0, 8)}…${me.clinics.length > 1 ? ", clinic " + created.clinicId : ""}).`, "ok");
      status.querySelector("p").dataset.patientId = created.patientId;
      status.querySelector("p").dataset.clinicId = created.clinicId || "";
      form.reset();
      delete form.dataset.key;
      intakeForm.live(form);
    }
    catch (error) { showError(form, status, error); }
    finally { button.disabled = false; }
  });

  document.getElementById("search-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    // name and date of birth go in the body, never in a URL (logs, proxies, history)
    const query = Object.fromEntries([...data].filter(([, v]) => v));
    const target = document.getElementById("search-results");
    try {
      const result = await post("/api/intake/submissions/search", query);
      target.innerHTML = result.items.length ? html`<table><thead><tr><th>Name</th><th>Date of birth</th><th>Status</th>
        <th>Taken in</th></tr></thead><tbody>${raw(result.items.map((i) => html`<tr><td>${i.givenName} ${i.familyName}</td>
        <td>${i.dateOfBirth}</td><td>${i.status}</td><td>${when(i.createdAt)}</td></tr>`).join(""))}</tbody></table>`
        : "<p>No patient matches.</p>";
    }
    catch (error) { notice(target, error.message, "error"); }
  });

  document.getElementById("day-date").value = today();
  document.getElementById("day-form").addEventListener("submit", (e) => { e.preventDefault(); loadDay(); });
}

async function loadPlans() {
  const target = document.getElementById("plans");
  try {
    const plans = await get("/api/scheduling/plans");
    target.innerHTML = plans.length ? html`<table><thead><tr><th>Patient</th><th>Protocol</th><th>Sessions</th><th>Booked</th>
      <th></th></tr></thead><tbody>${raw(plans.map((p) => html`<tr><td data-patient="${p.patientId}">${p.patientId.substring(0, 8)}</td>
      <td>${p.protocol} (${p.kind})</td><td>${p.sessionsPlanned}</td><td>${p.booked}</td>
      <td><button type="button" data-plan="${p.planId}" class="propose">Propose times</button>
      <button type="button" data-plan="${p.planId}" class="secondary wait">Add to waitlist</button></td></tr>`).join(""))}</tbody></table>`
      : "<p>No plan is waiting for bookings.</p>";
    target.querySelectorAll("button.propose").forEach((b) => b.addEventListener("click", () => propose(b.dataset.plan)));
    target.querySelectorAll("button.wait").forEach((b) => b.addEventListener("click", async () => {
      try { await post("/api/scheduling/waitlist", { planId: b.dataset.plan }); notice(document.getElementById("proposals"), "Added to the waitlist: a freed slot can be offered from the Waitlist tab.", "ok"); }
      catch (error) { notice(document.getElementById("proposals"), error.message, "error"); }
    }));
    fillNames(target);
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function propose(planId) {
  const target = document.getElementById("proposals");
  const from = document.getElementById("propose-from").value || new Date(Date.now() + 7 * 86400000).toISOString().substring(0, 10);
  try {
    const proposals = await get(`/api/scheduling/plans/${planId}/proposals?from=${from}`);
    target.innerHTML = proposals.length ? proposals.map((p, i) => html`<fieldset><legend>Option ${i + 1}</legend><ol>
      ${raw(p.sessions.map((s) => html`<li>${when(s.startsAt)}</li>`).join(""))}</ol>
      <button type="button" class="book" data-option="${i}">Book option ${i + 1}</button></fieldset>`).join("")
      : "<p class='notice'>No series fits in the next weeks; try a later start.</p>";
    target.querySelectorAll("button.book").forEach((b) => b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const sessions = proposals[Number(b.dataset.option)].sessions.map((s) => ({ startsAt: s.startsAt, chairId: s.chairId }));
        const booked = await post(`/api/scheduling/plans/${planId}/bookings`, { sessions });
        notice(target, `Booked ${booked.length} sessions, the first on ${when(booked[0].startsAt)}.`, "ok");
        loadPlans();
      }
      catch (error) { notice(target, error.message, "error"); b.disabled = false; }
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function loadDay() {
  const select = document.getElementById("location");
  const status = document.getElementById("day-status");
  const grid = document.getElementById("day-grid");
  try {
    if (!select.options.length) {
      const locations = await get("/api/scheduling/locations");
      select.innerHTML = locations.map((l) => html`<option value="${l.locationId}">${l.name}</option>`).join("");
    }
    const date = document.getElementById("day-date").value || today();
    const view = await get(`/api/scheduling/day-view?locationId=${select.value}&date=${date}`);
    const hours = [];
    const open = view.opens ? Number(view.opens.substring(0, 2)) : 8;
    const close = view.closes ? Number(view.closes.substring(0, 2)) : 18;
    for (let h = open; h < close; h++) hours.push(h);
    const at = (s) => Number(s.startsAt.substring(11, 13));
    grid.innerHTML = view.opens ? html`<table aria-label="Chairs by hour on ${date}"><thead><tr><th scope="col">Chair</th>
      ${raw(hours.map((h) => html`<th scope="col">${String(h).padStart(2, "0")}:00</th>`).join(""))}</tr></thead><tbody>
      ${raw(view.chairs.map((c) => html`<tr><th scope="row">${c.name}</th>${raw(hours.map((h) => {
        const covering = c.sessions.find((x) => at(x) < h && Number(x.endsAt.substring(11, 13)) + (x.endsAt.substring(14, 16) !== "00" ? 1 : 0) > h);
        if (covering) return "";
        const s = c.sessions.find((x) => at(x) === h);
        const span = s ? Math.max(1, Number(s.endsAt.substring(11, 13)) + (s.endsAt.substring(14, 16) !== "00" ? 1 : 0) - h) : 1;
        return s ? html`<td class="booked" colspan="${span}"><span data-patient="${s.patientId}"></span><br><span class="muted">${s.startsAt.substring(11, 16)}–${s.endsAt.substring(11, 16)} ${s.status}</span>
          ${raw(s.status === "BOOKED" ? html`<br><button type="button" class="secondary checkin" data-session="${s.sessionId}">Check in</button>
          <button type="button" class="secondary cancel" data-session="${s.sessionId}">Cancel</button>
          <button type="button" class="secondary move" data-session="${s.sessionId}" data-starts="${s.startsAt}">Move</button>` : "")}</td>` : "<td></td>";
      }).join(""))}</tr>`).join(""))}</tbody></table>` : html`<p>The clinic is closed on ${date}.</p>`;
    fillNames(grid);
    grid.querySelectorAll("button.checkin").forEach((b) => b.addEventListener("click", async () => {
      try { await post(`/api/scheduling/sessions/${b.dataset.session}/check-in`); loadDay(); }
      catch (error) { notice(status, error.message, "error"); }
    }));
    grid.querySelectorAll("button.move").forEach((b) => b.addEventListener("click", () => moveForm(b.dataset.session, b.dataset.starts, view)));
    grid.querySelectorAll("button.cancel").forEach((b) => b.addEventListener("click", async () => {
      const reason = prompt("Why is the session cancelled?");
      if (!reason) return;
      try { await post(`/api/scheduling/sessions/${b.dataset.session}/cancellation`, { reasonCode: "PATIENT_REQUEST", reason }); loadDay(); }
      catch (error) { notice(status, error.message, "error"); }
    }));
  }
  catch (error) { notice(status, error.message, "error"); }
}

/** The UTC offset of a clinic's zone at a local date and time, e.g. "-04:00" after the DST change. */
function offsetIn(zone, local) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(local + ":00Z")).find((p) => p.type === "timeZoneName").value;
  return name === "GMT" ? "+00:00" : name.substring(3);
}

/** Moves a booked session: a new start and chair, checked by scheduling like a booking. */
function moveForm(sessionId, startsAt, view) {
  const status = document.getElementById("day-status");
  status.innerHTML = html`<form id="move-form" class="row" novalidate><fieldset><legend>Move the session of ${startsAt.substring(0, 16).replace("T", " ")}</legend>
    <div class="row"><label><span>New start (clinic time)</span><input type="datetime-local" name="startsAt" required
      value="${startsAt.substring(0, 16)}"></label>
    <label><span>Chair</span><select name="chairId">${raw(view.chairs.filter((c) => c.active)
      .map((c) => html`<option value="${c.chairId}">${c.name}</option>`).join(""))}</select></label>
    <button type="submit">Move</button> <button type="button" class="secondary" id="move-cancel">Keep as is</button></div></fieldset></form>
    <div id="move-status" aria-live="polite"></div>`;
  const form = status.querySelector("#move-form");
  form.querySelector("#move-cancel").addEventListener("click", () => { status.innerHTML = ""; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const offset = offsetIn(view.timeZone, form.startsAt.value);
    try {
      await post(`/api/scheduling/sessions/${sessionId}/reschedule`, { startsAt: form.startsAt.value + ":00" + offset, chairId: form.chairId.value });
      status.innerHTML = "";
      loadDay();
    }
    catch (error) { showError(form, status.querySelector("#move-status"), error); }
  });
}

async function loadWaitlist() {
  const target = document.getElementById("waitlist-list");
  try {
    const [entries, locations] = await Promise.all([get("/api/scheduling/waitlist"), get("/api/scheduling/locations")]);
    const freed = (await Promise.all(locations.map((l) => get("/api/scheduling/freed-slots?locationId=" + l.locationId)))).flat();
    const slotOptions = freed.map((f, i) => html`<option value="${i}">${when(f.startsAt)}</option>`).join("");
    target.innerHTML = entries.length ? html`<table><thead><tr><th>Patient</th><th>Added</th><th>By</th><th>Offer a freed slot</th></tr></thead><tbody>
      ${raw(entries.map((e) => html`<tr><td data-patient="${e.patientId}"></td><td>${when(e.addedAt)}</td><td>${e.addedBy}</td>
      <td>${raw(freed.length ? html`<label><span class="sr-only">Freed slot</span><select data-entry="${e.entryId}">${raw(slotOptions)}</select></label>
        <button type="button" class="offer" data-entry="${e.entryId}">Book it</button>` : "no slot has been freed")}
        <button type="button" class="secondary remove" data-entry="${e.entryId}">Remove</button></td></tr>`).join(""))}
      </tbody></table>` : "<p>Nobody is waiting for a freed slot.</p>";
    fillNames(target);
    target.querySelectorAll("button.offer").forEach((b) => b.addEventListener("click", async () => {
      const slot = freed[Number(target.querySelector(`select[data-entry="${b.dataset.entry}"]`).value)];
      try { await post(`/api/scheduling/waitlist/${b.dataset.entry}/booking`, { startsAt: slot.startsAt, chairId: slot.chairId }); loadWaitlist(); }
      catch (error) { notice(target, error.message, "error"); }
    }));
    target.querySelectorAll("button.remove").forEach((b) => b.addEventListener("click", async () => {
      try { await post(`/api/scheduling/waitlist/${b.dataset.entry}/removal`); loadWaitlist(); }
      catch (error) { notice(target, error.message, "error"); }
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}

async function loadDuplicates() {
  const target = document.getElementById("duplicate-list");
  try {
    const flags = await get("/api/intake/duplicates");
    target.innerHTML = flags.length ? html`<table><thead><tr><th>New patient</th><th>Looks like</th><th>Why</th><th></th></tr></thead><tbody>
      ${raw(flags.map((f) => html`<tr><td data-patient="${f.patientId}"></td><td data-patient="${f.matchedPatientId}"></td>
      <td>${f.reasons.join(", ")}</td><td><button type="button" class="secondary resolve" data-flag="${f.flagId}" data-resolution="DIFFERENT_PATIENT">Different people</button>
      <button type="button" class="secondary resolve" data-flag="${f.flagId}" data-resolution="SAME_PATIENT">Same person</button></td></tr>`).join(""))}
      </tbody></table>` : "<p>No open duplicate flags.</p>";
    fillNames(target);
    target.querySelectorAll("button.resolve").forEach((b) => b.addEventListener("click", async () => {
      try { await post(`/api/intake/duplicates/${b.dataset.flag}/resolution`, { resolution: b.dataset.resolution }); loadDuplicates(); }
      catch (error) { notice(target, error.message, "error"); }
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}

// Follow-up's tasks for the front desk: patients to call (a stopped plan, no channel worked) and replies to read.
const TASK_KINDS = { CALL_PATIENT: "Call the patient", REACH_PATIENT: "Reach the patient", READ_REPLY: "Read a reply",
  CALL_ON_CALL: "Call the on-call clinician", CALL_NUMBER: "Call back a crisis text" };

async function loadTasks() {
  const target = document.getElementById("task-list");
  const status = document.getElementById("task-status");
  try {
    const tasks = await get("/api/followup/tasks?status=OPEN");
    target.innerHTML = tasks.length ? html`<table><caption>Open tasks, oldest first</caption><thead><tr><th>Since</th><th>Patient</th>
      <th>What</th><th>Details</th><th></th></tr></thead><tbody>${raw(tasks.map((t) => html`<tr data-task="${t.id}">
      <td>${when(t.createdAt)}</td><td>${raw(t.patientId ? html`<span data-patient="${t.patientId}"></span>` : "")}</td>
      <td>${raw(t.urgent ? '<span class="badge URGENT">Urgent</span> ' : "")}${TASK_KINDS[t.kind] || t.kind}</td><td>${t.detail}</td>
      <td><button type="button" class="task-done" data-id="${t.id}" aria-label="Mark done: ${TASK_KINDS[t.kind] || t.kind}">Done</button></td></tr>`).join(""))}
      </tbody></table>` : "<p>No open tasks.</p>";
    fillNames(target);
    target.querySelectorAll("button.task-done").forEach((b) => b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        await post(`/api/followup/tasks/${b.dataset.id}/completion`, undefined, "task-done-" + b.dataset.id);
        notice(status, "Task done.", "ok");
        loadTasks();
      }
      catch (error) { b.disabled = false; notice(status, error.message, "error"); }
    }));
  }
  catch (error) { notice(target, error.message, "error"); }
}
