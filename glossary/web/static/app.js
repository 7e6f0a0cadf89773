// The workspace's keys and in-place actions. Every action is a plain form the server also takes without
// this script; here forms are sent with fetch() and the page reloads on the entry to look at next.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
const rows = () => Array.from(document.querySelectorAll("table.queue tbody tr"));
let selected = -1;

function flash(text, ok, force) {
  const box = document.getElementById("flash");
  box.textContent = text;
  box.className = ok ? "ok" : "error";
  if (force) {
    const again = document.createElement("button");
    again.type = "button";
    again.textContent = "Approve anyway";
    again.id = "force";
    again.addEventListener("click", () => {
      force.querySelector('input[name="force"]')?.remove();
      const f = document.createElement("input");
      f.type = "hidden"; f.name = "force"; f.value = "1";
      force.appendChild(f);
      send(force);
    });
    box.append(" ", again);
  }
}

function reloadAt(id) {
  const url = new URL(location.href);
  url.hash = id ? "id=" + id : "";
  history.replaceState(null, "", url.href);
  location.reload();
}

async function send(form, nextId) {
  const note = document.querySelector(".decision-note");
  if (note && form.querySelector('input[name="note"]')) form.querySelector('input[name="note"]').value = note.value;
  let answer;
  try {
    // getAttribute: a field named "action" hides the form's own action property
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "X-Requested-With": "fetch", "X-CSRF-Token": csrf() },
      credentials: "same-origin",
    });
    answer = await response.json();
  } catch (err) {
    flash("the server did not answer: " + err, false);
    return;
  }
  if (!answer.ok) {
    flash(answer.error, false, answer.force ? form : null);
    return;
  }
  sessionStorage.setItem("flash", answer.message);
  reloadAt(nextId !== undefined ? nextId : answer.id);
}

function current() {
  const r = rows()[selected];
  return r ? r.dataset.id : document.querySelector("article.entry")?.dataset.id;
}

async function select(i) {
  const all = rows();
  if (!all.length) return;
  selected = Math.max(0, Math.min(i, all.length - 1));
  all.forEach((r, n) => r.classList.toggle("selected", n === selected));
  const row = all[selected];
  row.scrollIntoView({ block: "nearest" });
  history.replaceState(null, "", "#id=" + row.dataset.id);
  const back = location.pathname + location.search;
  const response = await fetch(`/entry/${row.dataset.id}?panel=1&back=${encodeURIComponent(back)}`);
  if (all[selected] !== row) return; // another row was chosen meanwhile
  document.getElementById("panel").innerHTML = await response.text();
}

function ticked() {
  return rows().filter((r) => r.querySelector('input[name="item"]').checked);
}

function decide(verb) {
  const all = rows();
  const next = all[selected + 1]?.dataset.id || all[selected - 1]?.dataset.id;
  if (ticked().length) {
    const form = document.getElementById("rows");
    const data = new FormData(form);
    data.set("action", verb);
    const copy = document.createElement("form");
    copy.setAttribute("action", "/decide");
    for (const [k, v] of data) {
      const input = document.createElement("input");
      input.type = "hidden"; input.name = k; input.value = v;
      copy.appendChild(input);
    }
    return send(copy, next);
  }
  const button = document.querySelector(`article.entry button[data-key="${verb}"]`);
  if (button) send(button.form, document.body.dataset.page === "queue" ? next : undefined);
}

function merge() {
  const two = ticked();
  if (two.length !== 2) { flash("tick two rows (x) to merge them", false); return; }
  const form = document.getElementById("merge-form");
  form.querySelector('input[name="keep"]').value = two[0].dataset.id;
  form.querySelector('input[name="other"]').value = two[1].dataset.id;
  send(form);
}

const keys = {
  j: () => select(selected + 1),
  k: () => select(selected - 1),
  a: () => decide("approve"),
  r: () => decide("reject"),
  f: () => decide("forbid"),
  d: () => decide("deprecate"),
  o: () => decide("reopen"),
  e: () => document.querySelector(".edit-english")?.focus(),
  x: () => { const box = rows()[selected]?.querySelector('input[name="item"]'); if (box) box.checked = !box.checked; },
  m: merge,
  u: () => send(document.querySelector('form[data-action="undo"]')),
  "/": () => document.getElementById("search").focus(),
  "?": () => { const h = document.getElementById("help"); h.hidden = !h.hidden; },
  Enter: () => { const id = current(); if (id && document.body.dataset.page === "queue") location.href = "/entry/" + id; },
};

document.addEventListener("keydown", (event) => {
  const t = event.target;
  if (event.key === "Escape") { t.blur?.(); document.getElementById("help").hidden = true; return; }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
  if (/^[1-9]$/.test(event.key)) {
    document.querySelector(`article.entry button[data-choice="${event.key}"]`)?.click();
    event.preventDefault();
    return;
  }
  const action = keys[event.key];
  if (action) { event.preventDefault(); action(); }
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.action) { event.preventDefault(); send(form); }
});

document.addEventListener("click", (event) => {
  const row = event.target.closest("table.queue tbody tr");
  if (row && !event.target.closest("a, input")) select(rows().indexOf(row));
  if (event.target.id === "merge-button") merge();
  if (event.target.id === "help-button") keys["?"]();
});

document.addEventListener("DOMContentLoaded", () => {
  const message = sessionStorage.getItem("flash");
  if (message) { sessionStorage.removeItem("flash"); flash(message, true); }
  if (document.body.dataset.page !== "queue") return;
  const want = (location.hash.match(/id=(\d+)/) || [])[1];
  const i = rows().findIndex((r) => r.dataset.id === want);
  select(i >= 0 ? i : 0);
});
