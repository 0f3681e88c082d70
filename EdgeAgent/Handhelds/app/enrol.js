// The supervisors' enrolment page: /api/handhelds with the operator's bearer token (or the console's sign-in).
"use strict";
(function () {
  function $(id) { return document.getElementById(id); }
  $("token").value = sessionStorage.getItem("edgeagent.token") || "";

  // Signed in to the console: the session's anti-forgery token goes with every change (a bearer token needs none).
  var csrf = null;
  function session() {
    if (csrf !== null) { return Promise.resolve(csrf); }
    return fetch("/api/session", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (s) { csrf = s.csrf || ""; return csrf; }, function () { return ""; });
  }

  function call(method, path, body) {
    var token = $("token").value.trim();
    sessionStorage.setItem("edgeagent.token", token);
    var headers = { "Content-Type": "application/json" };
    if (token) { headers.Authorization = "Bearer " + token; }
    var ready = token || method === "GET" ? Promise.resolve("") : session();
    return ready.then(function (anti) {
      if (anti) { headers["X-CSRF-Token"] = anti; }
      return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" });
    })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) { throw new Error("Not allowed: give a supervisor's or admin's token (or sign in to the console)"); }
        return r.json().then(function (json) {
          if (!r.ok) { throw new Error(json.detail || json.title || ("HTTP " + r.status)); }
          return json;
        });
      });
  }

  function when(text) { return text ? new Date(text).toLocaleString() : ""; }

  function list() {
    call("GET", "/api/handhelds").then(function (devices) {
      var body = $("devices");
      body.textContent = "";
      if (devices.length === 0) { body.innerHTML = '<tr><td colspan="5" class="muted">None yet</td></tr>'; }
      devices.forEach(function (d) {
        var row = body.insertRow();
        [d.id, when(d.enrolledAt), d.enrolledBy, d.revokedAt ? "revoked " + when(d.revokedAt) + " by " + d.revokedBy : "active"]
          .forEach(function (text) { row.insertCell().textContent = text; });
        var cell = row.insertCell();
        if (!d.revokedAt) {
          var button = document.createElement("button");
          button.textContent = "Revoke";
          button.dataset.device = d.id;
          button.addEventListener("click", function () {
            if (!confirm("Revoke " + d.id + "? It is disconnected now and refused from now on.")) { return; }
            call("DELETE", "/api/handhelds/" + encodeURIComponent(d.id)).then(list).catch(function (e) { $("problem").textContent = e.message; });
          });
          cell.appendChild(button);
        }
      });
      $("problem").textContent = "";
    }).catch(function (e) { $("problem").textContent = e.message; });
  }

  $("make").addEventListener("click", function () {
    var device = $("device").value.trim();
    call("POST", "/api/handhelds/enrolments", device ? { deviceId: device } : {}).then(function (issued) {
      $("issued").hidden = false;
      $("code").textContent = issued.code;
      $("url").textContent = issued.url;
      $("url").href = issued.url;
      $("expires").textContent = when(issued.expiresAt);
      $("qr").innerHTML = issued.qrSvg || "";
      $("problem").textContent = "";
      list();
    }).catch(function (e) { $("problem").textContent = e.message; });
  });
  $("refresh").addEventListener("click", list);
  list();
})();
