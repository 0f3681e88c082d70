// What the picker sees and hears: the prompt in large type with what to do next, the task, and a beep or buzz per answer.
"use strict";
var EA = window.EA || (window.EA = {});

EA.Screen = (function () {
  function $(id) { return document.getElementById(id); }

  // What to do after each refusal, beside the agent's own line.
  var HINTS = {
    "wrong-location": "Check the location label and scan it again.",
    "wrong-item": "Check the item's barcode and scan it again.",
    "quantity-over": "Count again and enter the quantity you picked.",
    "quantity-under": "Count again, or press Short pick if there is not enough.",
    "out-of-order": "Scan the location first, then the item.",
    "not-logged-in": "Scan your badge to log in.",
    "no-open-task": "No task in hand: wait for work or log out.",
    "stale-sequence": "Already handled: carry on with the prompt above.",
    "not-authorized": "This handheld is not allowed here: ask a supervisor.",
    "unknown-device": "This handheld is not registered: ask a supervisor to enrol it.",
    "storage-full": "Nothing was saved. Wait a moment and do the same step again.",
    "internal": "Wait a moment and try again; if it repeats, call your supervisor."
  };

  var LABELS = {
    badge: "Scan your badge",
    scan: "Scan",
    confirm: "Quantity picked",
    "short": "Quantity found (short pick)",
    damaged: "Quantity damaged"
  };

  var audio = null;
  function tone(freq, ms, at) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      var start = audio.currentTime + (at || 0) / 1000;
      osc.start(start);
      osc.stop(start + ms / 1000);
    } catch (e) { /* no audio on this browser: the colour and text still say it */ }
  }

  function feedback(good) {
    if (good) { tone(1320, 90); } else { tone(220, 180); tone(180, 220, 240); }
    if (navigator.vibrate) { navigator.vibrate(good ? 60 : [150, 80, 150]); }
  }

  function showTask(task) {
    $("task").hidden = !task;
    if (!task) { return; }
    $("task-location").textContent = task.location;
    $("task-sku").textContent = task.sku;
    $("task-qty").textContent = task.qty;
    $("task-order").textContent = task.order || "–";
    $("task-id").textContent = task.id;
    $("task-handling-row").hidden = !task.handling;
    $("task-handling").textContent = task.handling || "";
  }

  return {
    feedback: feedback,
    screen: function (name) {
      $("enrol-screen").hidden = name !== "enrol";
      $("work-screen").hidden = name !== "work";
    },
    device: function (id, picker) {
      $("device").textContent = id || "–";
      $("picker").textContent = picker ? "Picker " + picker : "";
    },
    link: function (state) {
      $("link").dataset.state = state;
      $("link").textContent = state;
    },
    pending: function (pending) {
      $("pending").textContent = pending ? "sending #" + pending.seq + "…" : "";
      document.body.dataset.pending = pending ? "yes" : "no";
    },
    prompt: function (prompt, task) {
      var kind = prompt ? prompt.kind : "none";
      $("prompt").dataset.kind = kind;
      $("prompt").dataset.error = prompt && prompt.error ? prompt.error : "";
      $("prompt-text").textContent = prompt ? prompt.text : "Scan your badge to log in";
      $("prompt-hint").textContent = prompt && prompt.error ? (HINTS[prompt.error] || "Read the line above; call your supervisor if unsure.") : "";
      showTask(task);
    },
    notice: function (text) {
      $("prompt-hint").textContent = text;
    },
    mode: function (mode) {
      document.body.dataset.mode = mode;
      $("entry-label").textContent = LABELS[mode] || "Scan";
      var quantity = mode === "confirm" || mode === "short" || mode === "damaged";
      $("keypad").hidden = !quantity;
      $("entry").inputMode = quantity ? "numeric" : "text";
      $("cancel-qty").hidden = !(mode === "short" || mode === "damaged");
      var working = mode !== "badge";
      $("short").hidden = !working || mode === "short" || mode === "damaged";
      $("damaged").hidden = !working || mode === "short" || mode === "damaged";
      $("logout").hidden = !working;
    },
    enrolProblem: function (text) { $("enrol-error").textContent = text || ""; },
    enrolWhy: function (text) { $("enrol-why").textContent = text; },
    terminator: function (key) { $("terminator").textContent = "Scan ends with " + key; }
  };
})();
