// claimgraph workbench: small progressive enhancements. No inline scripts (CSP),
// no innerHTML: every piece of stored text goes in through textContent.
"use strict";

(function () {
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // -- ingest job progress ------------------------------------------------------------
  function renderJob(job) {
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-counts").textContent =
      job.new + " new, " + job.known + " already known, " + job.failed + " failed";
    var body = document.getElementById("job-rows");
    while (body.firstChild) body.removeChild(body.firstChild);
    job.rows.forEach(function (r) {
      var tr = el("tr", "row-" + r.status);
      tr.appendChild(el("td", null, r.input));
      var st = el("td");
      st.appendChild(el("span", "jobstatus js-" + r.status, r.status));
      tr.appendChild(st);
      var res = el("td");
      if (r.document) {
        var a = el("a", null, r.headline || "open document");
        a.href = "/documents/" + encodeURIComponent(r.document);
        res.appendChild(a);
      } else if (r.error) {
        res.appendChild(el("span", "err", r.error));
      }
      tr.appendChild(res);
      body.appendChild(tr);
    });
    document.getElementById("job").setAttribute("data-state", job.state);
  }

  function pollJob(box) {
    var id = box.getAttribute("data-job");
    fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (resp) { return resp.json(); })
      .then(function (job) {
        if (job.error) throw new Error(job.error.message);
        renderJob(job);
        if (!job.done) setTimeout(function () { pollJob(box); }, 600);
      })
      .catch(function (err) {
        document.getElementById("job-state").textContent = "could not refresh: " + err.message;
        setTimeout(function () { pollJob(box); }, 2000);
      });
  }

  // -- document view: mark the selected event's trigger -----------------------------------
  function selectEvent() {
    var id = (location.hash || "").replace(/^#event-/, "");
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    if (!id || id === location.hash) return;
    document.querySelectorAll('mark[data-event="' + CSS.escape(id) + '"]').forEach(function (m) {
      m.classList.add("selected");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job");
    if (box && box.getAttribute("data-state") !== "done") pollJob(box);
    var form = document.getElementById("add-form");
    if (form) {
      form.addEventListener("submit", function () {
        var btn = document.getElementById("add-submit");
        btn.disabled = true;
        btn.textContent = "Sending…";
      });
    }
    if (document.getElementById("article-text")) {
      window.addEventListener("hashchange", selectEvent);
      selectEvent();
    }
  });
})();
