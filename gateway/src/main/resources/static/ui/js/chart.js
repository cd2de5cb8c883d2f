// A PHQ-9 trend as an SVG: totals over time, the baseline, the response threshold (50% of
// baseline) and the remission line (< 5), with the sessions marked on the time axis.
import { escape } from "./ui.js";

export function phq9Chart(history) {
  const width = 720, height = 300, left = 40, right = 20, top = 20, bottom = 40;
  const points = history.checkIns.filter((p) => p.phq9Total !== null);
  const times = points.map((p) => Date.parse(p.answeredAt)).concat(history.sessions.map((s) => Date.parse(s.startsAt)));
  if (!times.length) return "<p>No check-in answered yet.</p>";
  const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 86400000);
  const x = (t) => left + (t - t0) / (t1 - t0) * (width - left - right);
  const y = (v) => top + (27 - v) / 27 * (height - top - bottom);
  const line = (v, label, cls) => v === null || v === undefined ? "" : `<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" class="${cls}"
    stroke="${cls === "baseline" ? "#555" : cls === "response" ? "#0b5394" : "#1e6b2f"}" stroke-dasharray="6 4"/>
    <text x="${width - right - 4}" y="${y(v) - 4}" text-anchor="end" font-size="12">${escape(label)}</text>`;
  const sessions = history.sessions.filter((s) => s.status !== "CANCELLED").map((s) => `<line x1="${x(Date.parse(s.startsAt))}"
    x2="${x(Date.parse(s.startsAt))}" y1="${height - bottom}" y2="${height - bottom + 8}" stroke="#a61b1b" stroke-width="2"><title>Session ${s.sequence} (${escape(s.planKind)})</title></line>`).join("");
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(Date.parse(p.answeredAt)).toFixed(1)},${y(p.phq9Total).toFixed(1)}`).join(" ");
  const dots = points.map((p) => `<circle cx="${x(Date.parse(p.answeredAt))}" cy="${y(p.phq9Total)}" r="4" fill="#0b5394"><title>${escape(p.answeredAt.substring(0, 10))}: ${p.phq9Total} (${escape(p.status)})</title></circle>`).join("");
  const ticks = [0, 5, 10, 15, 20, 27].map((v) => `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v}</text>`).join("");
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc">
    <title id="chart-title">PHQ-9 over time</title>
    <desc id="chart-desc">${points.length} check-ins; baseline ${history.baselinePhq9 ?? "unknown"}; latest ${points.length ? points[points.length - 1].phq9Total : "none"}.</desc>
    <line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>
    <line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>
    ${ticks}
    ${line(history.baselinePhq9, "baseline " + history.baselinePhq9, "baseline")}
    ${line(history.responseThreshold, "response ≤ " + history.responseThreshold, "response")}
    ${line(history.remissionBelow - 0.5, "remission < " + history.remissionBelow, "remission")}
    ${sessions}
    <path d="${path}" fill="none" stroke="#0b5394" stroke-width="2"/>${dots}
    <text x="${left}" y="${height - 8}" font-size="11">${escape(new Date(t0).toISOString().substring(0, 10))}</text>
    <text x="${width - right}" y="${height - 8}" font-size="11" text-anchor="end">${escape(new Date(t1).toISOString().substring(0, 10))}</text>
  </svg>`;
}
