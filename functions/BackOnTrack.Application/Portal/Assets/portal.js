// BackOnTrack school portal. Everything shown is built with textContent, never as markup: file names, reasons and
// report cells are untrusted text. The school key lives only in this tab's sessionStorage and travels only in the
// X-School-Key header, never in a URL.
(function () {
  "use strict";

  var store = window.sessionStorage;
  var LAESTAB = "backontrack.laestab";
  var KEY = "backontrack.key";
  var POLL_MS = 2000;
  var MAX_NAME = 100;
  var maxBytes = Number(document.body.getAttribute("data-max-file-bytes")) || 50 * 1024 * 1024;
  var $ = function (id) { return document.getElementById(id); };

  var KIND_NAMES = {
    Exclusions: "Exclusions and suspensions",
    AttendanceMarks: "Attendance marks",
    AttendanceSummary: "Attendance summary",
    Benchmarks: "DfE statistics",
    ActionPlan: "Action plan",
    Owners: "Action owners",
    Register: "School register"
  };
  var STATUS_WORDS = {
    Waiting: "Received, waiting to be read",
    Processing: "Being read",
    Processed: "Stored",
    Rejected: "Not stored",
    Duplicate: "Already sent",
    Superseded: "Replaced by a newer copy",
    Withdrawn: "Withdrawn by the LA",
    Expired: "Past its retention period"
  };
  var REASON_WORDS = {
    RepeatSuspensions: "repeated suspensions",
    SuspensionsRising: "suspensions rising",
    WithdrawnPermanent: "a permanent exclusion withdrawn",
    LunchtimeExclusions: "lunchtime exclusions",
    AttendanceFalling: "attendance falling",
    PersistentAbsence: "persistent absence",
    SevereAbsence: "severe absence",
    PartTimeTimetable: "a part-time timetable"
  };
  var RETURN_STATES = {
    Received: "Received",
    Rejected: "Sent but not stored: send it again",
    Owed: "Still owed"
  };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (name === "text") { node.textContent = attrs[name]; }
        else if (name === "className") { node.className = attrs[name]; }
        else { node.setAttribute(name, attrs[name]); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function kindName(kind) { return kind ? (KIND_NAMES[kind] || kind) : "Not recognised"; }
  function statusWords(status) { return STATUS_WORDS[status] || status; }
  function megabytes(bytes) { return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB"; }
  function when(text) {
    if (!text) { return ""; }
    var d = new Date(text);
    return isNaN(d) ? "" : d.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  }
  function day(text) { return new Date(text).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function show(node, on) { node.hidden = !on; }

  function session() {
    var laestab = store.getItem(LAESTAB), key = store.getItem(KEY);
    return laestab && key ? { laestab: laestab, key: key } : null;
  }

  function api(method, path, body) {
    var s = session();
    var headers = { "X-School-Key": s ? s.key : "" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit", cache: "no-store" })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { status: response.status, ok: response.ok, json: json };
        });
      });
  }

  function schoolPath(suffix) { return "/api/schools/" + encodeURIComponent(session().laestab) + suffix; }

  // ---- Sign in and out ------------------------------------------------------------------------------------------

  function signIn(event) {
    event.preventDefault();
    var error = $("sign-in-error");
    var laestab = $("laestab").value.trim();
    var key = $("school-key").value.trim();
    if (!/^\d{7}$/.test(laestab)) { return fail("Enter your school number: 7 digits, for example 3721100.", $("laestab")); }
    if (!key) { return fail("Enter your school key.", $("school-key")); }
    // The last attempt's message goes while this one is checked, so a repeated refusal is read out (and seen) anew.
    show(error, false);
    store.setItem(LAESTAB, laestab);
    store.setItem(KEY, key);
    api("GET", schoolPath("/drops")).then(function (answer) {
      if (answer.status === 401) {
        forget();
        return fail("That key is not a current key for school " + laestab + ". Check both and try again; if it still fails, ask the local authority's data team for a new key.", $("school-key"));
      }
      if (!answer.ok) {
        forget();
        return fail("The hub could not be reached (error " + answer.status + "). Try again in a few minutes.", null);
      }
      show(error, false);
      $("school-key").value = "";
      enter(answer.json);
    }, function () {
      forget();
      fail("The hub could not be reached. Check your connection and try again.", null);
    });

    function fail(message, field) {
      error.textContent = message;
      show(error, true);
      if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
      return false;
    }
  }

  function forget() { store.removeItem(LAESTAB); store.removeItem(KEY); }

  function signOut() {
    forget();
    clear($("uploads"));
    clear($("report-body"));
    show($("report"), false);
    show($("signed-in"), false);
    show($("sign-in"), true);
    $("laestab").value = "";
    $("laestab").focus();
  }

  function enter(drops) {
    $("who-laestab").textContent = session().laestab;
    $("who-name").textContent = "";
    show($("sign-in"), false);
    show($("signed-in"), true);
    ["laestab", "school-key"].forEach(function (id) { $(id).removeAttribute("aria-invalid"); });
    $("send-title").focus();
    renderHistory(drops);
    loadReturns();
  }

  // ---- History and returns ---------------------------------------------------------------------------------------

  function loadHistory() {
    return api("GET", schoolPath("/drops")).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      if (answer.ok) { renderHistory(answer.json); }
    });
  }

  function renderHistory(answer) {
    var drops = (answer && answer.drops) || [];
    var body = $("history-table").querySelector("tbody");
    clear(body);
    show($("history-empty"), drops.length === 0);
    show($("history-table"), drops.length > 0);
    drops.forEach(function (drop) {
      var view = el("button", { type: "button", className: "link-button", text: "View report" });
      view.appendChild(el("span", { className: "visually-hidden", text: " for " + drop.fileName + ", received " + when(drop.receivedAt) }));
      view.addEventListener("click", function () { openReport(drop.dropId); });
      body.appendChild(el("tr", null,
        el("td", { "data-label": "Received", text: when(drop.receivedAt) }),
        el("td", { "data-label": "File", text: drop.fileName }),
        el("td", { "data-label": "Kind", text: kindName(drop.kind) }),
        el("td", { "data-label": "Result" }, el("span", { className: "tag " + drop.status, text: statusWords(drop.status) })),
        el("td", { "data-label": "Rows stored", text: String(drop.rowsAccepted) }),
        el("td", { "data-label": "Rows rejected", text: String(drop.rowsRejected) }),
        el("td", null, view)));
    });
  }

  function loadReturns() {
    return api("GET", schoolPath("/returns")).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      if (!answer.ok || !answer.json) { $("owed-summary").textContent = "What you owe this term could not be read just now."; return; }
      var r = answer.json;
      if (r.schoolName) { $("who-name").textContent = " (" + r.schoolName + ")"; }
      var term = r.term + " term " + r.academicYear;
      $("owed-summary").textContent = r.owed.length === 0
        ? "You have sent everything for the " + term + ". Thank you."
        : "For the " + term + " (" + day(r.termStart) + " to " + day(r.termEnd) + ") you still owe: " + r.owed.map(kindName).join(", ") + ".";
      var body = $("owed-table").querySelector("tbody");
      clear(body);
      r.returns.forEach(function (line) {
        body.appendChild(el("tr", null,
          el("td", { text: kindName(line.kind) }),
          el("td", null, el("span", { className: "tag " + line.state, text: RETURN_STATES[line.state] || line.state })),
          el("td", { text: line.latestFileName ? line.latestFileName + ", " + when(line.latestReceivedAt) : "None this term" })));
      });
      show($("owed-table"), true);
    });
  }

  function expired() {
    signOut();
    var error = $("sign-in-error");
    error.textContent = "Your key is no longer accepted. Sign in again with a current key.";
    show(error, true);
  }

  // ---- Uploads ---------------------------------------------------------------------------------------------------

  function sendFiles(files) {
    show($("send-error"), false);
    Array.prototype.forEach.call(files, function (file) { sendFile(file, false); });
    $("files").value = "";
  }

  function sendFile(file, replacing, existingItem) {
    var item = existingItem || newUploadItem(file.name);
    var state = item.querySelector(".upload-state");
    var bar = item.querySelector("progress");
    var actions = item.querySelector(".actions");
    clear(actions);
    item.className = "upload";
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      return failed(item, "Not sent: only CSV and Excel (.xlsx) files can be sent. Save it as one of those and try again.");
    }
    if (file.size > maxBytes) {
      return failed(item, "Not sent: the file is " + megabytes(file.size) + ", larger than the " + megabytes(maxBytes) + " the hub accepts. Split it into smaller files (for example one per term) and send each.");
    }
    if (file.size === 0) { return failed(item, "Not sent: the file is empty."); }
    // The hub takes letters, digits, spaces, - _ ( ) and one extension: anything else becomes "-", and the page says so.
    var sentAs = hubName(file.name);
    item.querySelector(".upload-note").textContent = sentAs === file.name ? "" : "Sent as " + sentAs + " (the hub keeps only letters, digits, spaces and - _ ( ) in file names).";
    state.textContent = "Asking for an upload address…";
    api("POST", schoolPath("/upload-url"), replacing ? { replaces: sentAs } : { fileName: sentAs }).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      if (answer.status === 409) {
        failed(item, "You have already sent a file called " + sentAs + ". If this one is a corrected copy, replace the earlier file; otherwise rename this one and send it again.");
        var again = el("button", { type: "button", className: "secondary", text: "Replace the earlier file with this one" });
        again.addEventListener("click", function () { sendFile(file, true, item); });
        actions.appendChild(again);
        again.focus();
        return;
      }
      if (!answer.ok) { return failed(item, "Not sent: " + ((answer.json && answer.json.title) || "the hub refused it (error " + answer.status + ").")); }
      put(file, answer.json, item, bar, state);
    }, function () { failed(item, "Not sent: the hub could not be reached. Check your connection and try again."); });
  }

  function hubName(name) {
    var ext = /\.(csv|xlsx)$/i.exec(name)[0].toLowerCase();
    var base = name.slice(0, name.length - ext.length).replace(/[^A-Za-z0-9\-_ ()]/g, "-").replace(/-{2,}/g, "-").replace(/^[-. ]+|[-. ]+$/g, "");
    return (base || "file").slice(0, MAX_NAME - ext.length) + ext;
  }

  function newUploadItem(name) {
    var bar = el("progress", { max: "100", value: "0", "aria-label": "Sending " + name });
    var item = el("li", { className: "upload" },
      el("p", { className: "upload-name", text: name }),
      el("p", { className: "upload-note hint" }),
      bar,
      el("p", { className: "upload-state", "aria-live": "polite" }),
      el("p", { className: "upload-spoken visually-hidden", "aria-live": "polite" }),
      el("div", { className: "actions" }));
    $("uploads").insertBefore(item, $("uploads").firstChild);
    return item;
  }

  function put(file, grant, item, bar, state) {
    var xhr = new XMLHttpRequest();
    xhr.open(grant.method || "PUT", grant.uploadUrl);
    Object.keys(grant.requiredHeaders || {}).forEach(function (name) { xhr.setRequestHeader(name, grant.requiredHeaders[name]); });
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    var lastSpoken = -1;
    var spoken = item.querySelector(".upload-spoken");
    // While sending, the visible percentage changes on every step but only quarters are spoken, so a screen reader is not flooded.
    state.setAttribute("aria-live", "off");
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      state.textContent = "Sending: " + percent + "% of " + megabytes(file.size);
      var step = Math.floor(percent / 25);
      if (step !== lastSpoken) { lastSpoken = step; spoken.textContent = "Sending " + file.name + ": " + percent + "%"; }
    });
    xhr.addEventListener("load", function () {
      state.setAttribute("aria-live", "polite");
      spoken.textContent = "";
      if (xhr.status >= 200 && xhr.status < 300) {
        bar.value = 100;
        state.textContent = "Sent. Waiting for the hub to read it…";
        poll(grant.statusUrl, item, state, 0);
      } else if (xhr.status === 403) {
        failed(item, "Not sent: the upload address expired or was refused. Send the file again.");
      } else {
        failed(item, "Not sent: storage answered with error " + xhr.status + ". Send the file again.");
      }
    });
    xhr.addEventListener("error", function () {
      state.setAttribute("aria-live", "polite");
      failed(item, "Not sent: the connection to storage failed. Send the file again.");
    });
    state.textContent = "Sending: 0% of " + megabytes(file.size);
    xhr.send(file);
  }

  function poll(statusUrl, item, state, tries) {
    api("GET", "/" + statusUrl.replace(/^\//, "")).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      var s = answer.json;
      if (!answer.ok || !s) { return later(); }
      if (s.status === "Waiting" || s.status === "Processing") {
        state.textContent = s.status === "Waiting" ? "Sent. Waiting for the hub to read it…" : "The hub is reading it…";
        return later();
      }
      finished(item, state, s);
      loadHistory();
      loadReturns();
    }, later);

    function later() { window.setTimeout(function () { poll(statusUrl, item, state, tries + 1); }, Math.min(POLL_MS * (1 + Math.floor(tries / 10)), 15000)); }
  }

  function finished(item, state, s) {
    var actions = item.querySelector(".actions");
    clear(actions);
    if (s.status === "Processed") {
      item.className = "upload " + (s.rowsRejected > 0 ? "partial" : "done");
      state.textContent = "Stored: " + plural(s.rowsAccepted, "row", "rows") + " kept" + (s.rowsRejected > 0 ? ", " + plural(s.rowsRejected, "row", "rows") + " rejected: see the report." : ".");
    } else if (s.status === "Duplicate") {
      item.className = "upload done";
      state.textContent = "This file is the same as one you sent before, so nothing new was stored.";
    } else {
      item.className = "upload failed";
      state.textContent = "Not stored: " + (s.reason || statusWords(s.status));
    }
    if (s.dropId) {
      var view = el("button", { type: "button", className: "secondary", text: "View report" });
      view.appendChild(el("span", { className: "visually-hidden", text: " for " + item.querySelector(".upload-name").textContent }));
      view.addEventListener("click", function () { openReport(s.dropId); });
      actions.appendChild(view);
    }
  }

  function failed(item, message) {
    item.className = "upload failed";
    var bar = item.querySelector("progress");
    if (bar) { bar.hidden = true; }
    item.querySelector(".upload-state").textContent = message;
  }

  // ---- The report ------------------------------------------------------------------------------------------------

  function openReport(dropId) {
    api("GET", "/api/drops/" + encodeURIComponent(session().laestab) + "/" + encodeURIComponent(dropId)).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      if (!answer.ok || !answer.json) { return; }
      renderReport(answer.json);
      show($("report"), true);
      $("report").focus();
      $("report").scrollIntoView();
    });
  }

  function renderReport(s) {
    var body = $("report-body");
    clear(body);
    var report = s.report || {};
    var fileName = s.blobName.indexOf("/") >= 0 ? s.blobName.substring(s.blobName.indexOf("/") + 1) : s.blobName;
    $("report-title").textContent = "Report for " + fileName;

    var verdict;
    if (s.status === "Processed" && !s.rowsRejected) {
      verdict = el("div", { className: "verdict" }, el("p", { text: "Every row was read and stored. Nothing to fix." }));
    } else if (s.status === "Processed") {
      verdict = el("div", { className: "verdict partial" },
        el("p", { text: "The file was stored, but " + plural(s.rowsRejected, "row was", "rows were") + " left out. Correct those rows in your MIS and send the file again to replace this one." }));
    } else if (s.status === "Rejected") {
      verdict = el("div", { className: "verdict bad" },
        el("p", null, el("strong", { text: "The file was not stored. Nothing from it has been added." })),
        el("p", { text: "Why: " + (s.reason || "it could not be read.") }),
        el("p", { text: s.rowsRead > 0 ? "Fix the rows listed below (or the file as a whole) and send it again." : "Export the file again from your MIS as CSV or Excel (.xlsx) and send it again." }));
    } else {
      verdict = el("div", { className: "verdict" }, el("p", { text: statusWords(s.status) + (s.reason ? ": " + s.reason : "") }));
    }
    body.appendChild(verdict);

    body.appendChild(el("dl", { className: "summary" },
      el("dt", { text: "Kind of data" }), el("dd", { text: kindName(s.kind) }),
      el("dt", { text: "File layout" }), el("dd", { text: s.layout || "Not recognised" }),
      el("dt", { text: "Rows read" }), el("dd", { text: String(s.rowsRead || 0) }),
      el("dt", { text: "Rows stored" }), el("dd", { text: String(s.rowsAccepted || 0) }),
      el("dt", { text: "Rows rejected" }), el("dd", { text: String(s.rowsRejected || 0) }),
      el("dt", { text: "Received" }), el("dd", { text: when(s.receivedAt) }),
      el("dt", { text: "Read" }), el("dd", { text: when(s.processedAt) })));

    var rejections = report.rejections || [];
    if (rejections.length > 0) {
      body.appendChild(el("h3", { text: "Rows rejected" }));
      body.appendChild(el("p", { text: "Row numbers are as your spreadsheet shows them (row 1 is the header)." }));
      var tbody = el("tbody");
      rejections.forEach(function (r) {
        tbody.appendChild(el("tr", null, el("td", { text: String(r.rowNumber) }), el("td", { text: r.column }), el("td", { text: r.reason })));
      });
      body.appendChild(el("div", { className: "scroll" }, el("table", { className: "table", id: "rejections" },
        el("caption", { className: "visually-hidden", text: "Rejected rows with their column and reason" }),
        el("thead", null, el("tr", null, el("th", { scope: "col", text: "Row" }), el("th", { scope: "col", text: "Column" }), el("th", { scope: "col", text: "Reason" }))),
        tbody)));
    }

    var findings = report.findings || [];
    if (findings.length > 0) {
      body.appendChild(el("h3", { text: "Worth knowing" }));
      var list = el("ul");
      findings.forEach(function (f) { list.appendChild(el("li", { text: (f.rowNumber ? "Row " + f.rowNumber + ", " : "") + (f.column ? f.column + ": " : "") + f.reason })); });
      body.appendChild(list);
    }

    var personal = report.personalColumnsDropped || [];
    if (personal.length > 0) {
      body.appendChild(el("p", { text: "Columns with names or dates of birth were dropped and not stored: " + personal.join(", ") + "." }));
    }
    var ignored = report.columnsIgnored || [];
    if (ignored.length > 0) {
      body.appendChild(el("p", { text: "Columns not used: " + ignored.join(", ") + "." }));
    }

    if (rejections.length > 0) {
      var download = el("button", { type: "button", className: "secondary", text: "Download the rejected rows (CSV)" });
      download.addEventListener("click", function () { downloadCsv(fileName, rejections); });
      body.appendChild(el("div", { className: "actions" }, download));
    }
  }

  // The same cells the hub's report CSV has: row, column, reason; a cell that Excel would run as a formula is quoted.
  function csvCell(text) {
    var value = String(text === null || text === undefined ? "" : text);
    if (/^[=+\-@\t\r]/.test(value)) { value = "'" + value; }
    return /[",\r\n]/.test(value) ? "\"" + value.replace(/"/g, "\"\"") + "\"" : value;
  }

  function downloadCsv(fileName, rejections) {
    var lines = ["row,column,reason"].concat(rejections.map(function (r) { return [r.rowNumber, csvCell(r.column), csvCell(r.reason)].join(","); }));
    var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" });
    var link = el("a", { href: URL.createObjectURL(blob), download: fileName.replace(/\.[^.]+$/, "") + "-report.csv" });
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // ---- Early warning ---------------------------------------------------------------------------------------------

  function evidence(r) {
    var words = REASON_WORDS[r.reason] || r.reason;
    if (r.count !== null && r.count !== undefined) { words += " (" + r.count + (r.last ? ", latest " + day(r.last) : "") + ")"; }
    else if (r.percent !== null && r.percent !== undefined) { words += " (" + r.percent + "% absent" + (r.sessions ? ", " + plural(r.sessions, "session", "sessions") : "") + ")"; }
    return words;
  }

  function checkRoll(file) {
    var summary = $("roll-summary"), problems = $("roll-problems"), table = $("roll-table");
    show(problems, false); show(table, false); clear(problems);
    summary.textContent = "Checking " + file.name + "…";
    var s = session();
    fetch(schoolPath("/early-warning"), {
      method: "POST",
      headers: { "X-School-Key": s ? s.key : "", "Content-Type": file.type || "text/csv" },
      body: file, credentials: "omit", cache: "no-store"
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, ok: response.ok, json: json };
      });
    }).then(function (answer) {
      if (answer.status === 401) { return expired(); }
      if (!answer.ok) {
        summary.textContent = "Not checked: " + ((answer.json && answer.json.title) || "the hub could not read the roll.");
        ((answer.json && answer.json.problems) || []).slice(0, 20).forEach(function (p) {
          problems.appendChild(el("li", { text: (p.line ? "Line " + p.line + ": " : "") + p.problem }));
        });
        show(problems, problems.childNodes.length > 0);
        return;
      }
      var r = answer.json;
      summary.textContent = plural(r.checked, "pupil", "pupils") + " checked; " + r.flagged + " flagged now" + (r.asOf ? ", as the rules stood on " + day(r.asOf) + "." : ".");
      var body = table.querySelector("tbody");
      clear(body);
      r.pupils.forEach(function (p) {
        body.appendChild(el("tr", null,
          el("td", { text: p.upn }),
          el("td", { text: p.ncYear }),
          el("td", null, el("span", { className: "tag " + (p.flagged ? "Flagged" : "Cleared"), text: p.flagged ? (p.status === "New" ? "Flagged (new)" : "Flagged") : "Cleared" })),
          el("td", { text: day(p.firstFlaggedAt) }),
          el("td", { text: p.reasons.map(evidence).join("; ") || "No reason holds now" })));
      });
      show(table, r.pupils.length > 0);
    }, function () { summary.textContent = "Not checked: the hub could not be reached. Check your connection and try again."; });
  }

  // ---- Wiring ----------------------------------------------------------------------------------------------------

  function start() {
    $("max-size").textContent = megabytes(maxBytes);
    $("sign-in-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", signOut);
    $("refresh").addEventListener("click", function () { loadHistory(); loadReturns(); });
    $("files").addEventListener("change", function () { sendFiles($("files").files); });
    $("roll-file").addEventListener("change", function () { if ($("roll-file").files.length) { checkRoll($("roll-file").files[0]); $("roll-file").value = ""; } });
    var zone = $("drop-zone");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) { if (e.dataTransfer && e.dataTransfer.files.length) { sendFiles(e.dataTransfer.files); } });
    if (session()) {
      api("GET", schoolPath("/drops")).then(function (answer) {
        if (answer.ok) { enter(answer.json); } else { forget(); }
      });
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
