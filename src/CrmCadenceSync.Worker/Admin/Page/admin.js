"use strict";

// The admin page: plain JS over the admin API, charts drawn as inline SVG. Every value from the server is set as text,
// never as HTML.
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const keyInput = $("api-key");
  keyInput.value = sessionStorage.getItem("ccs-api-key") || "";
  keyInput.addEventListener("change", () => {
    sessionStorage.setItem("ccs-api-key", keyInput.value);
    loadAll();
  });

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }

    get messages() {
      const errors = this.problem.errors;
      if (Array.isArray(errors)) return errors;
      if (errors && typeof errors === "object") return Object.entries(errors).flatMap(([field, list]) => list.map((m) => `${field}: ${m}`));
      return [this.message];
    }
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json", ...(options.headers || {}) };
    if (keyInput.value) headers["X-Api-Key"] = keyInput.value;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { ...options, headers });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
    if (!response.ok) throw new ApiError(response.status, body || {});
    return body;
  }

  function banner(message) {
    const node = $("banner");
    node.hidden = !message;
    node.textContent = message || "";
  }

  function guard(error) {
    if (error instanceof ApiError && error.status === 401) {
      banner("This worker needs an API key: enter one of the keys configured under Admin:ApiKeys at the top right.");
      return true;
    }
    return false;
  }

  const fmtDate = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
  const fmtNum = (n, digits = 1) => (n === null || n === undefined ? "—" : Number(n).toFixed(digits));
  const empty = (text) => el("p", { class: "empty" }, text);

  // ---------- Segments and cadences ----------
  let activeRules = null;

  function band(segment) {
    const min = segment.MinScore, max = segment.MaxScore;
    let text = min === null && max === null ? "any score" : min === null ? `below ${max}` : max === null ? `${min} and above` : `${min} to below ${max}`;
    if (segment.Unscored) text = min === null && max === null ? "unscored only" : `${text}, and unscored`;
    return text;
  }

  function filters(segment) {
    const parts = [];
    if (segment.LifecycleStages?.length) parts.push(`stage: ${segment.LifecycleStages.join(", ")}`);
    if (segment.LeadSources?.length) parts.push(`source: ${segment.LeadSources.join(", ")}`);
    if (segment.Countries?.length) parts.push(`country: ${segment.Countries.join(", ")}`);
    for (const [name, values] of Object.entries(segment.Properties || {})) parts.push(`${name}: ${values.join(", ")}`);
    return parts.join("; ") || "—";
  }

  function renderRules(definition) {
    const segments = definition.Segments || [];
    $("segments").replaceChildren(segments.length === 0 ? empty("No segments.") : el("table", {},
      el("tr", {}, el("th", {}, "#"), el("th", {}, "Segment"), el("th", {}, "Score"), el("th", {}, "Filters"), el("th", {}, "Cadence")),
      segments.map((s, i) => el("tr", {}, el("td", {}, i + 1), el("td", {}, s.Name), el("td", {}, band(s)), el("td", {}, filters(s)), el("td", {}, s.Cadence)))));
    const cadences = definition.Cadences || [];
    $("cadences").replaceChildren(...cadences.map((c) => el("div", { class: "cadence" },
      el("h3", {}, `${c.Name || c.Id} `, el("span", { class: "badge" }, c.Id), " ", el("span", { class: "hint" }, `${(c.Steps || []).length} steps, ${c.TimeZone}`)),
      c.Goal ? el("p", { class: "hint" }, c.Goal) : null,
      timeline(c.Steps || []))));
  }

  const channelLetter = { Email: "E", Call: "C", LinkedIn: "L", Sms: "S", DirectMail: "M", Task: "T" };
  const channelColour = { Email: "#2f5fd0", Call: "#1e8449", LinkedIn: "#0a66c2", Sms: "#8e44ad", DirectMail: "#a0522d", Task: "#5c667a" };

  function parseDelayDays(text) {
    if (!text) return 0;
    const match = /^(?:(\d+)\.)?(\d+):(\d+)/.exec(text);
    if (!match) return 0;
    return Number(match[1] || 0) + Number(match[2]) / 24 + Number(match[3]) / 1440;
  }

  // Steps on a business-day axis: day offsets as given, delays and waits counted from the previous step.
  function timeline(steps) {
    if (steps.length === 0) return empty("No steps.");
    let previous = 0;
    const placed = steps.map((step) => {
      let day;
      let approximate = false;
      if (step.DayOffset !== null && step.DayOffset !== undefined) day = step.DayOffset;
      else if (step.AfterSignal) { day = previous + (step.AfterSignal.BusinessDays || 0); approximate = true; }
      else day = previous + parseDelayDays(step.DelayAfterPrevious);
      previous = day;
      return { step, day, approximate };
    });
    const maxDay = Math.max(1, ...placed.map((p) => p.day));
    const width = 900, left = 24, right = 24, axisY = 34;
    const x = (day) => left + (day / maxDay) * (width - left - right);
    const lanes = [];
    const root = svg("svg", { viewBox: `0 0 ${width} 120`, width: "100%", role: "img", "aria-label": "Steps on a day timeline" });
    root.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: axisY, y2: axisY }));
    for (let d = 0; d <= maxDay; d += Math.max(1, Math.ceil(maxDay / 15))) {
      root.append(svg("line", { class: "axis", x1: x(d), x2: x(d), y1: axisY - 4, y2: axisY + 4 }));
      root.append(svg("text", { x: x(d), y: axisY - 10, "text-anchor": "middle", class: "muted" }, `day ${d}`));
    }
    for (const { step, day, approximate } of placed) {
      const cx = x(day);
      let lane = 0;
      while (lanes[lane] !== undefined && cx - lanes[lane] < 150) lane++;
      lanes[lane] = cx;
      const cy = axisY + 18 + lane * 26;
      const group = svg("g", {});
      const title = svg("title", {}, `${step.Id}: ${step.Channel} ${step.Kind}${approximate ? " (after an engagement, if it comes)" : ""}\n${step.Subject || ""}`);
      group.append(title);
      group.append(svg("line", { class: "axis", x1: cx, x2: cx, y1: axisY, y2: cy - 8 }));
      group.append(svg("circle", { class: "step", cx, cy, r: 9, fill: channelColour[step.Channel] || "#5c667a", "stroke-dasharray": approximate ? "2 2" : "" }));
      group.append(svg("text", { x: cx, y: cy + 4, "text-anchor": "middle", fill: "#fff", style: "fill:#fff;font-weight:600" }, channelLetter[step.Channel] || "?"));
      const nearEnd = cx > width - right - 120;
      group.append(svg("text", { x: nearEnd ? cx - 12 : cx + 12, y: cy + 4, "text-anchor": nearEnd ? "end" : "start" }, step.Id));
      root.append(group);
    }
    root.setAttribute("viewBox", `0 0 ${width} ${axisY + 30 + lanes.length * 26}`);
    return root;
  }

  async function loadRules() {
    try {
      activeRules = await api("/api/rules");
      $("active-version").textContent = `rule set v${activeRules.version}`;
      renderRules(activeRules.definition);
      fillManualForm();
      if (!$("rule-editor").value) $("rule-editor").value = JSON.stringify(activeRules.definition, null, 2);
    } catch (error) {
      if (!guard(error)) $("segments").replaceChildren(empty(`Cannot load the rule set: ${error.message}`));
    }
  }

  // ---------- Rule editor ----------
  function showMessages(kind, messages) {
    $("messages").replaceChildren(...messages.map((m) => el("li", { class: kind }, m)));
  }

  function candidate() {
    try {
      return JSON.parse($("rule-editor").value);
    } catch (error) {
      showMessages("error", [`The editor does not hold valid JSON: ${error.message}`]);
      return null;
    }
  }

  async function run(button, work) {
    button.disabled = true;
    try { await work(); } catch (error) {
      if (!guard(error)) showMessages("error", error instanceof ApiError ? error.messages : [error.message]);
    } finally { button.disabled = false; }
  }

  $("btn-reset").addEventListener("click", () => {
    if (activeRules) $("rule-editor").value = JSON.stringify(activeRules.definition, null, 2);
    showMessages("info", ["Loaded the active rule set."]);
    $("preview").hidden = true;
  });

  $("btn-validate").addEventListener("click", (e) => run(e.target, async () => {
    const body = candidate();
    if (!body) return;
    const result = await api("/api/rules/validate", { method: "POST", body: JSON.stringify(body) });
    showMessages("ok", [`Valid: ${result.segments} segments, ${result.cadences} cadences, ${result.steps} steps.`]);
  }));

  $("btn-preview").addEventListener("click", (e) => run(e.target, async () => {
    const body = candidate();
    if (!body) return;
    $("preview").hidden = true;
    const preview = await api("/api/rules/preview", { method: "POST", body: JSON.stringify(body) });
    showMessages("ok", ["Valid. The preview below is a dry run: nothing was written."]);
    renderPreview(preview);
  }));

  $("btn-activate").addEventListener("click", (e) => run(e.target, async () => {
    const body = candidate();
    if (!body) return;
    if (!confirm("Activate this rule set? The running worker uses it from its next cycle.")) return;
    const version = await api("/api/rules/activate", { method: "POST", body: JSON.stringify({ ruleSet: body, author: $("author").value || null, openEnrollments: $("open-enrollments").value }) });
    showMessages("ok", [`Activated as version ${version.version}: ${version.changeSummary}`]);
    activeRules = null;
    await Promise.all([loadRules(), loadHistory()]);
  }));

  function stat(value, label) {
    return el("div", { class: "stat" }, el("b", {}, value), el("span", {}, label));
  }

  function renderPreview(preview) {
    const e = preview.enrollments;
    const overCap = preview.forecast.reps.filter((r) => r.overCap).length;
    $("preview-summary").replaceChildren(...[
      stat(preview.contacts, "stored contacts"),
      stat(preview.moves.total, "would change segment"),
      stat(e.wouldEnroll, "would enroll (14 days)"),
      stat(e.wouldMove, "open enrollments would move"),
      stat(e.keepSchedule, "keep their schedule"),
      stat(preview.openEnrollments.move, `open enrollments move by step id (${preview.openEnrollments.moveChangesSteps} see a changed step list, ${preview.openEnrollments.moveRemovesNextStep} lose their next step)`),
      stat(preview.openEnrollments.open - preview.openEnrollments.cadenceDropped, "open enrollments touched if told to stay: none; they finish on their version"),
      preview.openEnrollments.cadenceDropped ? stat(preview.openEnrollments.cadenceDropped, "stay on their version: the candidate drops their cadence") : null,
      preview.pilot ? stat(e.heldBackByPilot, `held back by the pilot (${[preview.pilot.maxEnrollmentsPerDay ? `${preview.pilot.maxEnrollmentsPerDay}/day` : null, preview.pilot.percentage ? `${preview.pilot.percentage}%` : null].filter(Boolean).join(", ")})`) : null,
      stat(overCap, `reps over the cap of ${preview.forecast.dailyCap}/day`)].filter(Boolean));
    $("segment-chart").replaceChildren(segmentChart(preview.segments));
    $("forecast-chart").replaceChildren(forecastChart(preview.forecast));
    $("forecast-table").replaceChildren(...forecastTable(preview.forecast));
    $("preview").hidden = false;
  }

  function segmentChart(segments) {
    if (segments.length === 0) return empty("No segments.");
    const width = 520, rowHeight = 34, left = 110, right = 50, top = 6;
    const max = Math.max(1, ...segments.flatMap((s) => [s.active, s.candidate]));
    const scale = (v) => (v / max) * (width - left - right);
    const root = svg("svg", { id: "segment-chart-svg", viewBox: `0 0 ${width} ${top + segments.length * rowHeight + 4}`, width: "100%", role: "img", "aria-label": "Contacts per segment" });
    segments.forEach((s, i) => {
      const y = top + i * rowHeight;
      root.append(svg("text", { x: left - 6, y: y + 19, "text-anchor": "end" }, s.segment));
      const a = svg("rect", { class: "bar-active", x: left, y: y + 2, height: 12, width: scale(s.active) });
      a.append(svg("title", {}, `${s.segment}: ${s.active} now`));
      const c = svg("rect", { class: "bar-candidate", x: left, y: y + 16, height: 12, width: scale(s.candidate), "data-segment": s.segment, "data-count": s.candidate });
      c.append(svg("title", {}, `${s.segment}: ${s.candidate} with the candidate`));
      root.append(a, c);
      root.append(svg("text", { x: left + scale(s.active) + 4, y: y + 12, class: "muted" }, s.active));
      root.append(svg("text", { x: left + scale(s.candidate) + 4, y: y + 26 }, s.candidate));
    });
    return root;
  }

  function forecastChart(forecast) {
    const days = forecast.days;
    if (forecast.reps.length === 0) return empty("No rep tasks in the next 14 business days.");
    const width = 520, height = 190, left = 34, bottom = 34, top = 10;
    const max = Math.max(1, ...forecast.totals);
    const slot = (width - left - 6) / days.length;
    const y = (v) => top + (1 - v / max) * (height - top - bottom);
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "Tasks per day" });
    root.append(svg("line", { class: "axis", x1: left, x2: width, y1: y(0), y2: y(0) }));
    root.append(svg("text", { x: left - 4, y: y(max) + 4, "text-anchor": "end", class: "muted" }, max));
    days.forEach((day, i) => {
      const x = left + i * slot + 2;
      const bar = svg("rect", { class: "bar-total", x, y: y(forecast.totals[i]), width: slot - 4, height: y(0) - y(forecast.totals[i]) });
      bar.append(svg("title", {}, `${day}: ${forecast.totals[i]} tasks`));
      root.append(bar);
      if (i % 2 === 0) root.append(svg("text", { x: x + (slot - 4) / 2, y: height - bottom + 14, "text-anchor": "middle", class: "muted" }, day.slice(5)));
    });
    return root;
  }

  function forecastTable(forecast) {
    if (forecast.reps.length === 0) return [el("tr", {}, el("td", { class: "empty" }, "No rep tasks in the next 14 business days."))];
    const header = el("tr", {}, el("th", {}, "Rep"), forecast.days.map((d) => el("th", { class: "num" }, d.slice(5))), el("th", {}, ""));
    const rows = forecast.reps.map((rep) => el("tr", { class: rep.overCap ? "over-cap" : "", "data-rep": rep.rep },
      el("th", {}, `${rep.name} (${rep.connection})`),
      rep.tasks.map((n, i) => el("td", { class: n > forecast.dailyCap ? "num over" : "num", title: `${n} due, ${rep.planned[i]} after the cap` }, n)),
      el("td", {}, rep.overCap ? el("span", { class: "badge bad" }, `over cap on ${rep.overCapDays.length} day${rep.overCapDays.length === 1 ? "" : "s"}`) : el("span", { class: "badge ok" }, "within cap"))));
    return [header, ...rows];
  }

  // ---------- History ----------
  async function loadHistory() {
    try {
      const versions = await api("/api/rules/history");
      $("history").replaceChildren(
        el("tr", {}, el("th", {}, "Version"), el("th", {}, "Author"), el("th", {}, "When"), el("th", {}, "What changed"), el("th", {}, "")),
        ...versions.map((v) => el("tr", { "data-version": v.version },
          el("td", {}, `v${v.version} `, v.active ? el("span", { class: "badge ok" }, "active") : null),
          el("td", {}, v.author), el("td", {}, fmtDate(v.createdAt)), el("td", {}, v.changeSummary),
          el("td", {}, v.active ? null : el("button", { class: "small", type: "button", onclick: (e) => rollback(e.target, v.version) }, "Roll back to this")))));
    } catch (error) {
      if (!guard(error)) $("history").replaceChildren(el("tr", {}, el("td", { class: "empty" }, error.message)));
    }
  }

  function rollback(button, version) {
    if (!confirm(`Make version ${version}'s rule set active again (as a new version)?`)) return;
    run(button, async () => {
      const created = await api(`/api/rules/rollback/${version}?author=${encodeURIComponent($("author").value || "")}`, { method: "POST" });
      showMessages("ok", [`Rolled back: version ${created.version} is active.`]);
      activeRules = null;
      $("rule-editor").value = "";
      await Promise.all([loadRules(), loadHistory()]);
    });
  }

  // ---------- Metrics ----------
  async function loadMetrics() {
    let metrics;
    try {
      metrics = await api(`/api/metrics?period=${encodeURIComponent($("metrics-period").value)}`);
    } catch (error) {
      if (guard(error)) return;
      $("metrics").replaceChildren(empty(error.status === 404 ? "Metrics unavailable in this version of the worker." : `Metrics unavailable: ${error.message}`));
      return;
    }
    const cadences = metrics?.cadences || [];
    if (cadences.length === 0) {
      $("metrics").replaceChildren(empty("No enrollments yet, so no metrics."));
      return;
    }
    $("metrics").replaceChildren(...cadences.map((c) => el("div", { class: "cadence" },
      el("h3", {}, `${c.cadence} `, el("span", { class: "badge" }, c.segment || "")),
      el("div", { class: "summary" },
        stat(c.contactsEnrolled ?? c.enrolled, "contacts enrolled"), stat(c.enrolled, "enrollments"), stat(c.active, "active"), stat(c.completed, "completed"),
        stat(Object.entries(c.exited || {}).map(([k, v]) => `${k} ${v}`).join(", ") || "0", "exited"),
        stat(`${fmtNum(c.replyRate)}%`, "reply rate"), stat(fmtNum(c.meetingsPer100), "meetings per 100"),
        stat(hours(c.averageTimeToFirstResponseHours), "time to first response (average)"),
        stat(hours(c.medianTimeToFirstResponseHours), "time to first response (median)"),
        stat(c.overdueTasks, "overdue tasks")),
      el("table", {},
        el("tr", {}, el("th", {}, "Step"), el("th", { class: "num" }, "Written"), el("th", { class: "num" }, "Contacts"), el("th", { class: "num" }, "Replied"),
          el("th", { class: "num" }, "Reply rate"), el("th", { class: "num" }, "Meetings"), el("th", { class: "num" }, "Meetings per 100"), el("th", { class: "num" }, "Time to first response"), el("th", {}, "Variants")),
        (c.steps || []).map((s) => el("tr", {},
          el("td", {}, `${s.stepNumber}. ${s.stepId}`), el("td", { class: "num" }, s.written), el("td", { class: "num" }, s.contacts ?? "—"), el("td", { class: "num" }, s.replies),
          el("td", { class: "num" }, `${fmtNum(s.replyRate ?? 0)}%`), el("td", { class: "num" }, s.meetings), el("td", { class: "num" }, fmtNum(s.meetingsPer100 ?? 0)),
          el("td", { class: "num" }, hours(s.averageTimeToFirstResponseHours)),
          el("td", {}, (s.variants || []).map((v) => `${v.variant}: ${v.contacts} contacts, ${fmtNum(v.replyRate)}% replied, ${fmtNum(v.meetingsPer100)} meetings/100, first response ${hours(v.averageTimeToFirstResponseHours)}`).join("; ") || "—")))))));
  }

  function hours(value) {
    return value === null || value === undefined ? "—" : `${fmtNum(value)} h`;
  }

  $("metrics-period").addEventListener("change", () => loadMetrics());

  // ---------- Enrollments ----------
  let enrollmentPage = 1;

  async function loadEnrollments() {
    const form = new FormData($("enrollment-filter"));
    const query = new URLSearchParams();
    for (const [name, value] of form) if (value) query.set(name, value);
    query.set("page", enrollmentPage);
    loadHeldGroups();
    try {
      const page = await api(`/api/enrollments?${query}`);
      renderEnrollments(page);
    } catch (error) {
      if (!guard(error)) $("enrollments").replaceChildren(empty(error instanceof ApiError ? error.messages.join(" ") : error.message));
    }
  }

  async function loadHeldGroups() {
    try {
      renderHeldGroups(await api("/api/enrollments/held"));
    } catch (error) {
      if (!guard(error)) $("held-groups").replaceChildren(empty(error instanceof ApiError ? error.messages.join(" ") : error.message));
    }
  }

  function renderHeldGroups(held) {
    if (held.groups.length === 0) {
      $("held-groups").replaceChildren(empty("No enrollment is held."));
      return;
    }
    $("held-groups").replaceChildren(
      el("table", { id: "held-table" },
        el("tr", {}, el("th", {}, "Held"), el("th", {}, "Reason"), el("th", {}, "Field"), el("th", {}, "Cadence"), el("th", {}, "Step"), el("th", {}, "Fix")),
        held.groups.map((group) => el("tr", { "data-field": group.field || "" },
          el("td", {}, String(group.count)), el("td", {}, group.reason), el("td", {}, group.field ? el("code", {}, group.field) : "—"),
          el("td", {}, group.cadence), el("td", {}, group.step ? `${group.step}. ${group.stepId || ""}` : "—"),
          el("td", { class: "fix" }, group.fix)))));
  }

  function renderEnrollments(page) {
    // Over all enrollments, whatever the filter: dead leads the held-too-long sweep ended (Policies:MaxHeldDays).
    const summary = el("div", { class: "summary", id: "enrollment-summary" },
      stat(page.held ?? 0, "held now"), stat(page.heldTooLong ?? 0, "exited as held too long"));
    if (page.total === 0) {
      $("enrollments").replaceChildren(summary, empty("No enrollments match."));
      return;
    }
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const action = (row, name, label) => el("button", { class: "small", type: "button", "data-action": name, onclick: (e) => act(e.target, row.id, name) }, label);
    $("enrollments").replaceChildren(
      summary,
      el("table", { id: "enrollment-table" },
        el("tr", {}, el("th", {}, "Contact"), el("th", {}, "Segment"), el("th", {}, "Cadence"), el("th", {}, "State"), el("th", {}, "Next step"), el("th", {}, "Due"), el("th", {}, "Enrolled"), el("th", {}, "")),
        page.items.map((row) => el("tr", { "data-enrollment": row.id },
          el("td", {}, row.contactName || row.contactEmail || row.contact, el("div", { class: "hint" }, `${row.connection} ${row.contact}`)),
          el("td", {}, row.segment), el("td", {}, row.cadence),
          el("td", {}, el("span", { class: row.state === "Active" ? "badge ok" : row.state === "Exited" || row.state === "Held" ? "badge warn" : "badge" }, row.state),
            row.exitReason ? el("div", { class: "hint" }, row.exitReason) : null, row.holdReason ? el("div", { class: "hint" }, row.holdReason) : null),
          el("td", {}, row.nextStep ? `${row.nextStepNumber}. ${row.nextStep}` : "—"),
          el("td", {}, fmtDate(row.nextDueAt)), el("td", {}, fmtDate(row.enrolledAt)),
          el("td", {},
            row.state === "Active" || row.state === "Held" ? action(row, "pause", "Pause") : null,
            row.state === "Paused" ? action(row, "resume", "Resume") : null,
            ["Active", "Paused", "Held"].includes(row.state) ? action(row, "exit", "Exit") : null)))),
      el("div", { class: "pager" },
        el("button", { class: "small", type: "button", disabled: page.page <= 1, onclick: () => { enrollmentPage--; loadEnrollments(); } }, "Previous"),
        el("span", {}, `page ${page.page} of ${pages} (${page.total} enrollments)`),
        el("button", { class: "small", type: "button", disabled: page.page >= pages, onclick: () => { enrollmentPage++; loadEnrollments(); } }, "Next")));
  }

  async function act(button, id, name) {
    if (name === "exit" && !confirm("End this enrollment? The contact gets no further touches from it.")) return;
    button.disabled = true;
    try {
      await api(`/api/enrollments/${id}/${name}`, { method: "POST" });
      await loadEnrollments();
    } catch (error) {
      if (!guard(error)) alert(error.message);
      button.disabled = false;
    }
  }

  $("enrollment-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    enrollmentPage = 1;
    loadEnrollments();
  });

  // ---------- Dead letters ----------
  async function loadDeadLetters() {
    try {
      const letters = await api("/api/dead-letters");
      if (letters.length === 0) {
        $("dead-letters").replaceChildren(empty("No dead letters: every write the CRMs refused has been dealt with."));
        return;
      }
      $("dead-letters").replaceChildren(el("table", {},
        el("tr", {}, el("th", {}, "Connection"), el("th", {}, "Write"), el("th", {}, "Contact"), el("th", {}, "Reason"), el("th", {}, "Failed"), el("th", {}, "")),
        letters.map((d) => el("tr", { "data-dead-letter": d.id },
          el("td", {}, d.connection), el("td", {}, d.writeType, el("div", { class: "hint" }, d.idempotencyKey)), el("td", {}, d.contact || "—"),
          el("td", {}, el("b", {}, d.code), " ", d.reason), el("td", {}, fmtDate(d.failedAt)),
          el("td", {},
            el("button", { class: "small", type: "button", onclick: (e) => resolve(e.target, d.id, "retry") }, "Retry"),
            " ",
            el("button", { class: "small", type: "button", onclick: (e) => resolve(e.target, d.id, "discard") }, "Discard"),
            d.code === "DeliveryUnknown" ? [" ", el("button", { class: "small", type: "button", title: "It is in the recipient's mailbox: record it as sent and log it in the CRM", onclick: (e) => resolve(e.target, d.id, "delivered") }, "Mark delivered")] : null)))));
    } catch (error) {
      if (!guard(error)) $("dead-letters").replaceChildren(empty(error.message));
    }
  }

  async function resolve(button, id, name) {
    if (name === "discard" && !confirm("Discard this write? It will not be sent.")) return;
    button.disabled = true;
    try {
      await api(`/api/dead-letters/${id}/${name}`, { method: "POST" });
      await loadDeadLetters();
    } catch (error) {
      if (!guard(error)) alert(error.message);
      button.disabled = false;
    }
  }

  // ---------- Connections ----------
  async function loadConnections() {
    try {
      const connections = await api("/api/connections");
      if (connections.length === 0) {
        $("connections").replaceChildren(empty("No connection is enabled."));
        return;
      }
      $("connections").replaceChildren(...connections.map((c) => {
        const b = c.budget;
        const share = b.limit ? Math.min(100, Math.round((100 * (b.used || 0)) / b.limit)) : null;
        return el("div", { class: "card", "data-connection": c.name },
          el("h3", {}, `${c.name} `, el("span", { class: "hint" }, c.kind), " ",
            el("span", { class: c.state === "Ok" ? "badge ok" : c.state === "Parked" || c.state === "Degraded" ? "badge warn" : "badge bad" }, c.stateLabel)),
          c.reason ? el("p", { class: "hint" }, c.reason) : null,
          el("div", {}, `API budget (${b.window}): ${b.used ?? "—"} used, ${b.left ?? "—"} left${b.limit ? ` of ${b.limit}` : ""}`),
          share === null ? null : el("div", { class: "meter", title: `${share}% used` }, el("div", { style: `width:${share}%` })),
          el("dl", {},
            b.burst ? [el("dt", {}, "Burst limit"), el("dd", {}, b.burst)] : null,
            el("dt", {}, "Last successful sync"), el("dd", {}, fmtDate(c.lastSuccessfulSyncAt)),
            el("dt", {}, "Lag"), el("dd", {}, c.lagSeconds === null ? "—" : c.lagSeconds < 120 ? `${c.lagSeconds} s` : `${Math.round(c.lagSeconds / 60)} min`),
            c.parkedUntil ? [el("dt", {}, "Parked until"), el("dd", {}, fmtDate(c.parkedUntil))] : null,
            c.stateSince ? [el("dt", {}, "Since"), el("dd", {}, fmtDate(c.stateSince))] : null,
            c.lastError ? [el("dt", {}, "Last error"), el("dd", {}, `${c.lastError} (${fmtDate(c.lastErrorAt)})`)] : null,
            el("dt", {}, "Writes waiting"), el("dd", {}, c.pendingWrites),
            el("dt", {}, "Dead letters"), el("dd", {}, c.openDeadLetters)));
      }));
    } catch (error) {
      if (!guard(error)) $("connections").replaceChildren(empty(error.message));
    }
  }

  // ---------- Manual enrollment ----------
  function fillManualForm() {
    const cadences = activeRules?.definition?.Cadences || [];
    const select = $("manual-cadence");
    const chosen = select.value;
    select.replaceChildren(...cadences.map((c) => el("option", { value: c.Id }, c.Name ? `${c.Name} (${c.Id})` : c.Id)));
    if (cadences.some((c) => c.Id === chosen)) select.value = chosen;
    fillManualSteps();
  }

  function fillManualSteps() {
    const cadence = (activeRules?.definition?.Cadences || []).find((c) => c.Id === $("manual-cadence").value);
    const steps = cadence?.Steps || [];
    $("manual-step").replaceChildren(...steps.map((step, i) => el("option", { value: step.Id || String(i + 1) }, `${i + 1}. ${step.Id || ""}`)));
  }

  function renderManualResults(result) {
    const outcome = (r) => el("span", { class: `badge ${r.outcome === "enrolled" ? "ok" : r.outcome === "refused" ? "bad" : "warn"}` }, r.outcome);
    $("manual-results").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, ["Contact", "Record", "Outcome", "Reason", "Details", "Next touch"].map((h) => el("th", {}, h)))),
      el("tbody", {}, result.results.map((r) => el("tr", {},
        el("td", {}, r.contact),
        el("td", {}, r.contactId ? `${r.connection}/${r.contactId}` : "—"),
        el("td", {}, outcome(r)),
        el("td", {}, r.reason || "—"),
        el("td", {}, r.message || (r.state ? r.state : "—")),
        el("td", {}, fmtDate(r.nextTouchAt)))))));
  }

  $("manual-cadence").addEventListener("change", fillManualSteps);
  $("manual-enroll").addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = $("btn-manual-enroll");
    const form = new FormData(e.target);
    const contacts = String(form.get("contacts") || "").split(/[\s,;]+/).filter(Boolean);
    const show = (kind, messages) => $("manual-messages").replaceChildren(...messages.map((m) => el("li", { class: kind }, m)));
    if (contacts.length === 0) {
      show("error", ["contacts: name at least one CRM id or email."]);
      return;
    }
    button.disabled = true;
    try {
      const result = await api("/api/enrollments", {
        method: "POST",
        body: JSON.stringify({ cadence: form.get("cadence"), startStep: form.get("startStep") || null, connection: form.get("connection") || null, contacts }),
      });
      show(result.refused > 0 ? "info" : "ok", [`${result.enrolled} enrolled, ${result.alreadyEnrolled} already in ${result.cadence}, ${result.refused} refused.`]);
      renderManualResults(result);
      loadEnrollments();
    } catch (error) {
      if (!guard(error)) show("error", error instanceof ApiError ? error.messages : [error.message]);
    } finally {
      button.disabled = false;
    }
  });

  function loadAll() {
    banner(null);
    return Promise.all([loadRules(), loadHistory(), loadMetrics(), loadEnrollments(), loadDeadLetters(), loadConnections()]);
  }

  loadAll();
})();
