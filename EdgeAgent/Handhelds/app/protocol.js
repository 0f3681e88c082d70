// The handheld contract (EdgeAgent.Drivers/Handhelds/README.md) over MQTT over WebSockets: one event at a time with the
// next seq, kept in localStorage before it is sent, resent with the same seq until the prompt that acks it arrives.
// A reload, a Wi-Fi drop or an agent restart therefore resends the same seq, and the agent answers a redelivery from its
// ledger without applying it twice.
"use strict";
var EA = window.EA || (window.EA = {});

EA.Store = (function () {
  var KEY = "edgeagent.handheld";
  return {
    load: function () {
      try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
    },
    save: function (state) { localStorage.setItem(KEY, JSON.stringify(state)); },
    clear: function () { localStorage.removeItem(KEY); }
  };
})();

// state: { deviceId, password, site, brokerUrl, nextSeq, pending: {seq, body} | null, lastPush, lastPrompt, task }
EA.Link = function (state, config, handlers) {
  var RESEND_MS = config.resendMs || 2000;
  var base = "dc/" + state.site + "/handheld/" + state.deviceId + "/";
  var client = null;
  var timer = null;
  var self = this;

  function save() { EA.Store.save(state); }

  function url() {
    if (state.brokerUrl) { return state.brokerUrl; }
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + (config.webSocketPath || "/mqtt");
  }

  function publishPending() {
    if (state.pending && client && client.connected) {
      client.publish(base + "event", state.pending.body, { qos: 1 });
    }
  }

  function armResend() {
    if (timer) { clearInterval(timer); }
    timer = setInterval(function () {
      if (!state.pending) { clearInterval(timer); timer = null; return; }
      publishPending();
    }, RESEND_MS);
  }

  // An answer is the prompt whose ack is the seq the app waits on, pushed or not. A pushed prompt ("push": n) that
  // answers nothing is shown when its ack is at least the seq of the last event sent (an older push was overtaken by
  // the answer to a later event) and n is higher than any push shown before (a redelivered push is not shown twice).
  function onPrompt(prompt) {
    var pushed = typeof prompt.push === "number";
    if (state.pending && prompt.ack === state.pending.seq) {
      var quiet = !!state.pending.refresh;
      state.pending = null;
      state.lastPrompt = prompt;
      if (pushed) { state.lastPush = Math.max(state.lastPush || 0, prompt.push); }
      save();
      handlers.answer(prompt, pushed, quiet);
      return;
    }
    if (pushed) {
      var lastSent = (state.nextSeq || 1) - 1;
      if (typeof prompt.ack === "number" && prompt.ack >= lastSent && !state.pending && prompt.push > (state.lastPush || 0)) {
        state.lastPush = prompt.push;
        state.lastPrompt = prompt;
        save();
        handlers.answer(prompt, true);
      }
      return;
    }
    if (typeof prompt.ack !== "number") {
      handlers.notice(prompt); // the agent or broker could not tie it to an event (e.g. not-authorized)
    }
    // otherwise an answer to an older seq (a resend's duplicate): already shown
  }

  // Resending the last event with its own seq is a redelivery: the agent applies nothing and answers with what it
  // stored for that seq, which is the current screen (a push the handheld missed while away included).
  function refresh() {
    if (!state.pending && state.lastSent && client && client.connected) {
      state.pending = { seq: state.lastSent.seq, body: state.lastSent.body, refresh: true };
      save();
      publishPending();
      armResend();
    }
  }

  this.connect = function () {
    handlers.link("connecting");
    client = mqtt.connect(url(), {
      clientId: state.deviceId,
      username: state.deviceId,
      password: state.password,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: 600 },
      keepalive: 15,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      will: { topic: base + "status", payload: '{"v":1,"online":false}', qos: 1, retain: true }
    });
    client.on("connect", function () {
      handlers.link("online");
      client.subscribe(base + "prompt", { qos: 1 });
      client.publish(base + "status", '{"v":1,"online":true}', { qos: 1, retain: true });
      if (state.pending) {
        publishPending(); // a reload or reconnect resends what is still unanswered, same seq
        armResend();
      } else {
        refresh(); // back after a drop or a restart: fetch the current screen
      }
    });
    client.on("message", function (topic, payload) {
      var prompt;
      try { prompt = JSON.parse(new TextDecoder().decode(payload)); } catch (e) { return; }
      onPrompt(prompt);
    });
    client.on("reconnect", function () { handlers.link("connecting"); });
    client.on("offline", function () { handlers.link("offline"); });
    client.on("close", function () { handlers.link(client && client.reconnecting ? "connecting" : "offline"); });
    client.on("error", function (err) {
      console.warn("MQTT error", err && err.code, err && err.message);
      // 134 bad user name or password, 135 not authorized: not enrolled, or revoked. Retrying cannot help.
      // The app gives up (and closes this link) after a few in a row.
      if (err && (err.code === 134 || err.code === 135 || err.code === 4 || err.code === 5)) {
        // MQTT.js stops after a refused CONNACK: try again ourselves until the app gives up.
        if (!handlers.refused(err.message || "refused")) {
          setTimeout(function () { if (client) { client.reconnect(); } }, 2000);
        }
      }
    });
  };

  /**
   * Sends one event; false when another is still waiting for its answer (stop-and-wait). A refresh (the last event
   * resent only to fetch the current screen) does not hold the picker up: the new event takes its place, and the
   * refresh's late answer is an answer to an older seq, which is ignored.
   */
  this.send = function (fields) {
    if (state.pending && !state.pending.refresh) { return false; }
    var seq = state.nextSeq || 1;
    var body = Object.assign({ v: 1, seq: seq }, fields);
    state.nextSeq = seq + 1;
    state.pending = { seq: seq, body: JSON.stringify(body) };
    state.lastSent = state.pending;
    save(); // stored before it leaves, so a reload resends this seq rather than a new one
    publishPending();
    armResend();
    handlers.pending(state.pending);
    return true;
  };

  this.isWaiting = function () { return !!state.pending && !state.pending.refresh; };

  /** Asks for the current screen again (idle at no-work: covers a push lost on the way). */
  this.refresh = refresh;

  this.resumePending = function () {
    if (state.pending) {
      armResend();
      if (!state.pending.refresh) { handlers.pending(state.pending); } // a refresh is not the picker's to wait for
    }
  };

  this.close = function () {
    if (timer) { clearInterval(timer); timer = null; }
    if (client) { client.end(true); client = null; }
  };

  return self;
};
