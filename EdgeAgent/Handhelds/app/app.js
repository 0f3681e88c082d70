// The handheld app: enrolment, then log in with a badge scan and pick, one event at a time (see protocol.js).
"use strict";
(function () {
  var Screen = EA.Screen;
  var entry = document.getElementById("entry");
  var config = {};
  var state = null;
  var link = null;
  var refusals = 0;
  var idleTimer = null;
  var IDLE_REFRESH_MS = 15000;

  function terminator() { return localStorage.getItem("edgeagent.handheld.terminator") || config.scanTerminator || "Enter"; }

  function modeFor(prompt) {
    if (!prompt) { return "badge"; }
    switch (prompt.kind) {
      case "logged-out": return "badge";
      case "enter-quantity": return "confirm";
      case "error":
        if (prompt.error === "not-logged-in") { return "badge"; }
        if (prompt.error === "quantity-over" || prompt.error === "quantity-under") { return "confirm"; }
        if (prompt.error === "wrong-location" || prompt.error === "wrong-item" || prompt.error === "out-of-order") { return "scan"; }
        return state.baseMode || "scan";
      default: return "scan";
    }
  }

  function render(prompt) {
    if (prompt && prompt.kind !== "error") { state.task = prompt.task || null; }
    if (prompt && prompt.kind === "error" && prompt.task) { state.task = prompt.task; }
    if (!prompt || prompt.kind === "logged-out") { state.picker = null; state.task = null; }
    var mode = modeFor(prompt);
    if (!prompt || prompt.kind !== "error") { state.baseMode = mode; }
    state.mode = mode;
    EA.Store.save(state);
    Screen.prompt(prompt, state.task);
    Screen.device(state.deviceId, state.picker);
    Screen.mode(mode);
  }

  var handlers = {
    answer: function (prompt, pushed, quiet) {
      refusals = 0;
      var before = state.lastShown;
      state.lastShown = prompt.kind + "\n" + prompt.text;
      render(prompt);
      Screen.pending(null);
      if (!quiet || before !== state.lastShown) { Screen.feedback(prompt.kind !== "error"); }
      if (pushed) { document.body.dataset.pushed = String(prompt.push); }
    },
    notice: function (prompt) { Screen.notice(prompt.text || "The agent could not read the last message"); Screen.feedback(false); },
    pending: function (pending) { Screen.pending(pending); },
    link: function (s) { Screen.link(s); },
    refused: function (why) {
      refusals += 1;
      if (refusals < 3) { return false; } // an agent in the middle of starting may refuse once; a revoked device always does
      link.close();
      EA.Store.clear();
      state = null;
      startEnrol("This handheld was refused (" + why + "): it is not enrolled, or it was revoked. Ask a supervisor for a new enrolment code.");
      return true;
    }
  };

  function submit(text) {
    var value = text.trim();
    if (!value || !link) { return; }
    if (link.isWaiting()) {
      Screen.notice("Still waiting for the agent's answer to the last scan…");
      Screen.feedback(false);
      return;
    }
    var mode = state.mode || "badge";
    var fields;
    if (mode === "badge") {
      fields = { type: "login", picker: value };
      state.picker = value;
    } else if (mode === "scan") {
      fields = { type: "scan", code: value };
    } else {
      if (!/^\d{1,6}$/.test(value)) { Screen.notice("Enter the quantity as a number"); Screen.feedback(false); return; }
      fields = { type: mode, qty: parseInt(value, 10) };
    }
    if (link.send(fields)) { entry.value = ""; }
  }

  function startWork() {
    Screen.screen("work");
    Screen.terminator(terminator());
    render(state.lastPrompt || null);
    Screen.pending(state.pending);
    link = new EA.Link(state, config, handlers);
    link.connect();
    link.resumePending();
    entry.focus();
    if (!idleTimer) {
      idleTimer = setInterval(function () {
        if (link && state && state.lastPrompt && state.lastPrompt.kind === "no-work") { link.refresh(); }
      }, IDLE_REFRESH_MS);
    }
  }

  function startEnrol(why) {
    Screen.screen("enrol");
    Screen.device(null, null);
    if (why) { Screen.enrolWhy(why); }
    document.getElementById("enrol-code").focus();
  }

  function enrol(raw) {
    // A QR code scanned through the wedge types the whole link: take the code out of it.
    var match = /[?&]enrol=([^&#\s]+)/.exec(raw);
    var code = (match ? decodeURIComponent(match[1]) : raw).trim();
    if (!code) { return; }
    Screen.enrolProblem("");
    fetch("api/enrol", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: code }) })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) { Screen.enrolProblem(r.body.detail || r.body.title || "Not accepted"); Screen.feedback(false); return; }
        state = {
          deviceId: r.body.deviceId, password: r.body.password, site: r.body.site, brokerUrl: config.brokerUrl || null,
          nextSeq: r.body.nextSeq || 1, pending: null, lastPush: 0, lastPrompt: null, task: null
        };
        EA.Store.save(state);
        Screen.feedback(true);
        startWork();
      })
      .catch(function () { Screen.enrolProblem("The agent cannot be reached; check the Wi-Fi and try again"); });
  }

  entry.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || (e.key === "Tab" && terminator() === "Tab")) {
      e.preventDefault();
      submit(entry.value);
    }
  });
  document.getElementById("entry-form").addEventListener("submit", function (e) { e.preventDefault(); submit(entry.value); });
  document.getElementById("enrol-form").addEventListener("submit", function (e) {
    e.preventDefault();
    enrol(document.getElementById("enrol-code").value);
  });
  document.getElementById("keypad").addEventListener("click", function (e) {
    var key = e.target.dataset && e.target.dataset.key;
    if (!key) { return; }
    if (key === "ok") { submit(entry.value); } else if (key === "clear") { entry.value = ""; } else { entry.value += key; }
  });
  function setMode(mode) { state.mode = mode; EA.Store.save(state); Screen.mode(mode); entry.value = ""; }
  document.getElementById("short").addEventListener("click", function () { setMode("short"); });
  document.getElementById("damaged").addEventListener("click", function () { setMode("damaged"); });
  document.getElementById("cancel-qty").addEventListener("click", function () { setMode(state.baseMode || "scan"); });
  document.getElementById("logout").addEventListener("click", function () { if (link) { link.send({ type: "logout" }); } });
  document.getElementById("terminator").addEventListener("click", function () {
    var next = terminator() === "Enter" ? "Tab" : "Enter";
    localStorage.setItem("edgeagent.handheld.terminator", next);
    Screen.terminator(next);
  });
  // Buttons must not take the focus away from the scan field: the scanner types into whatever has it.
  document.querySelectorAll("#work-screen button, footer button").forEach(function (b) {
    b.addEventListener("pointerdown", function (e) { e.preventDefault(); });
  });
  entry.addEventListener("blur", function () {
    setTimeout(function () { if (!document.getElementById("work-screen").hidden) { entry.focus(); } }, 50);
  });

  fetch("api/config").then(function (r) { return r.json(); }).then(function (c) {
    config = c;
    state = EA.Store.load();
    var params = new URLSearchParams(location.search);
    var code = params.get("enrol");
    if (code) { history.replaceState(null, "", location.pathname); }
    if (state && state.deviceId) { startWork(); } else { startEnrol(); if (code) { enrol(code); } }
  }).catch(function () { startEnrol("The agent cannot be reached; check the Wi-Fi and reload."); });
})();
