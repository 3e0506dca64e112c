// Review from the keyboard: a confirm, r reject, e correct (type the value, Enter),
// j next event, k previous. Posts JSON to the API with the session's CSRF token.
(function () {
  "use strict";
  var box = document.getElementById("event");
  if (!box) { return; }
  var id = box.getAttribute("data-id");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : null;
  var msg = document.getElementById("review-msg");

  function say(text) { if (msg) { msg.textContent = text; } }

  function send(action, changes) {
    if (!csrf) { say("log in as a reviewer to review"); return; }
    var body = {action: action};
    if (changes) { body.changes = changes; }
    say("saving…");
    fetch("/api/events/" + encodeURIComponent(id) + "/review", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { say(j.error || ("error " + r.status)); return; }
        window.location.reload();
      });
    }).catch(function () { say("the server did not answer"); });
  }

  document.querySelectorAll("button.act").forEach(function (b) {
    b.addEventListener("click", function () { send(b.getAttribute("data-action")); });
  });

  var form = document.getElementById("correct-form");
  var field = document.getElementById("correct-field");
  var value = document.getElementById("correct-value");
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var f = field.value, v = value.value.trim(), changes = {};
      if (!v) { say("type a value"); return; }
      if (["fatalities", "injured", "count", "size"].indexOf(f) >= 0) {
        if (!/^\d+$/.test(v)) { say(f + " must be a whole number"); return; }
        changes[f] = parseInt(v, 10);
      } else { changes[f] = v; }
      send("correct", changes);
    });
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (e.key === "Escape") { t.blur(); }
      return;
    }
    var suffix = box.getAttribute("data-suffix") || "";
    var here = "/events/" + encodeURIComponent(id);
    if (e.key === "a") { e.preventDefault(); send("confirm"); }
    else if (e.key === "r") { e.preventDefault(); send("reject"); }
    else if (e.key === "e" && value) { e.preventDefault(); field.value = "event"; value.focus(); }
    else if (e.key === "j") { window.location.href = here + "/next" + suffix; }
    else if (e.key === "k") { window.location.href = here + "/prev" + suffix; }
  });
}());
