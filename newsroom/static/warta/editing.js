// The article form's live side (articles/desk/live.py): who else has the
// article open, the person's own automatic copy while they type, the live
// word count and a preview of the public page with the unsaved values.
// A static file (the CSP allows no inline scripts); does nothing without the
// #live-editing element the change form renders.
(function () {
  "use strict";

  const root = document.getElementById("live-editing");
  if (!root) return;
  const form = root.closest("form");
  if (!form) return;
  const urls = {
    presence: root.dataset.presenceUrl,
    leave: root.dataset.leaveUrl,
    autosave: root.dataset.autosaveUrl,
    preview: root.dataset.previewUrl,
  };
  const token = () => {
    const field = form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };
  const post = (url, body) =>
    fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(), Accept: "application/json" },
    });

  // The form's fields as the save would post them, files aside (never kept).
  function formFields() {
    const data = new FormData(form);
    for (const field of form.querySelectorAll("input[type=file]")) {
      data.delete(field.name);
    }
    data.delete("discard_autosave");
    data.delete("discard_refused");
    return data;
  }

  // Presence: a heartbeat every ``heartbeat`` seconds; leaving says so.
  function presence() {
    if (!urls.presence) return;
    const box = document.getElementById("live-presence");
    let every = Number(root.dataset.heartbeat || 20);
    const show = (others) => {
      const lines = others.map((other) => other.message);
      const shown = [...box.querySelectorAll("p")].map((p) => p.textContent);
      if (lines.join("\n") === shown.join("\n")) return;
      box.replaceChildren(
        ...lines.map((line) => {
          const p = document.createElement("p");
          p.textContent = line;
          return p;
        }),
      );
    };
    const beat = () =>
      post(urls.presence, new FormData())
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          if (answer) {
            every = answer.heartbeat || every;
            show(answer.others);
          }
        })
        .catch(() => {})
        .finally(() => window.setTimeout(beat, every * 1000));
    // Opening the form was the first beat (the server counted it).
    window.setTimeout(beat, every * 1000);
    window.addEventListener("pagehide", (event) => {
      if (event.persisted) return; // kept in the back-forward cache: still open
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token());
      navigator.sendBeacon(urls.leave, data);
    });
  }

  // Autosave: every few seconds while the form has changes not yet kept.
  function autosave() {
    if (!urls.autosave) return;
    const status = document.createElement("p");
    status.className = "autosave-status";
    status.setAttribute("role", "status");
    const submitRow = form.querySelector(".submit-row");
    (submitRow || form).before(status);
    let changed = false;
    let saving = false;
    const mark = () => {
      changed = true;
    };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", () => {
      changed = false;
    });
    const keep = () => {
      if (!changed || saving) return;
      changed = false;
      saving = true;
      post(urls.autosave, formFields())
        .then((response) => response.json().then((answer) => [response.ok, answer]))
        .then(([ok, answer]) => {
          status.textContent = ok
            ? answer.message
            : `${root.dataset.savingFailed} ${answer.error || ""}`;
        })
        .catch(() => {
          changed = true; // offline for a moment: try again at the next tick
        })
        .finally(() => {
          saving = false;
        });
    };
    window.setInterval(keep, Number(root.dataset.autosaveSeconds || 5) * 1000);
    window.addEventListener("pagehide", () => {
      // A closed tab: what was typed since the last tick goes too.
      if (changed) navigator.sendBeacon(urls.autosave, formFields());
    });
  }

  // The word count: the server's rule (articles/models/richtext.py: the body's
  // text, block elements separating words, then ``\w+``) in the browser.
  const NOT_TEXT = new Set([
    "SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "IFRAME", "OBJECT", "SVG",
    "MATH", "TITLE",
  ]);
  // articles/models/markup.py BLOCKS: these separate words, others do not.
  const BLOCK = new Set(
    `p h1 h2 h3 h4 h5 h6 li ul ol blockquote div section article header footer
    aside main nav figure figcaption address center pre dl dt dd details summary
    table caption thead tbody tfoot tr td th hr fieldset legend form dialog menu
    dir hgroup search select option optgroup datalist listing xmp`
      .split(/\s+/)
      .map((name) => name.toUpperCase()),
  );
  const WORD = /[\p{L}\p{N}_]+/gu;

  function textOf(node, parts) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        parts.push(child.data);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const name = child.nodeName.toUpperCase();
        if (NOT_TEXT.has(name)) continue;
        if (name === "BR") {
          parts.push("\n");
          continue;
        }
        const block = BLOCK.has(name);
        if (block) parts.push("\n");
        textOf(child, parts);
        if (block) parts.push("\n");
      }
    }
    return parts;
  }

  function countWords(html) {
    const doc = new DOMParser().parseFromString(html || "", "text/html");
    const text = textOf(doc.body, []).join("");
    return (text.match(WORD) || []).length;
  }

  // Python's round(): halves go to the even neighbour (round(2.5) == 2).
  function roundHalfEven(value) {
    const nearest = Math.round(value);
    const half = Math.abs(value - Math.trunc(value)) === 0.5;
    return half && nearest % 2 !== 0 ? nearest - 1 : nearest;
  }

  function wordCount() {
    const body = form.querySelector("textarea[name=body]");
    if (!body) return;
    const row = body.closest(".form-row") || body.parentElement;
    const out = document.createElement("p");
    out.className = "live-count";
    out.id = "live-count";
    out.setAttribute("aria-live", "polite");
    row.append(out);
    const update = () => {
      const words = countWords(body.value);
      const minutes = Math.max(1, roundHalfEven(words / 200));
      const pattern = minutes === 1 ? root.dataset.wordsOne : root.dataset.wordsMany;
      out.textContent = pattern.replace("{words}", words).replace("{minutes}", minutes);
      out.dataset.words = String(words);
      out.dataset.minutes = String(minutes);
    };
    form.addEventListener("input", (event) => {
      if (event.target === body) update();
    });
    update();
    window.wartaCountWords = countWords; // for the browser tests
  }

  // The live preview: the public page rendered by the server with the form's
  // values, in a sandboxed frame, at desktop or phone width.
  function preview() {
    const panel = document.getElementById("live-preview");
    if (!urls.preview || !panel) return;
    panel.hidden = false;
    const show = document.getElementById("live-preview-show");
    const box = document.getElementById("live-preview-frame-box");
    const status = document.getElementById("live-preview-status");
    let timer = null;
    let width = "1280";
    let frame = null;
    // The frame is made on first opening, sandboxed before it is in the page.
    const ensureFrame = () => {
      if (frame) return frame;
      frame = document.createElement("iframe");
      frame.id = "live-preview-frame";
      frame.title = box.getAttribute("aria-label");
      frame.setAttribute("sandbox", "allow-same-origin");
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.width = width;
      frame.height = "900";
      box.appendChild(frame);
      return frame;
    };
    const render = () =>
      post(urls.preview, formFields())
        .then((response) => response.json())
        .then((answer) => {
          if (answer.html) {
            ensureFrame().srcdoc = answer.html;
            status.textContent = "";
          } else {
            status.textContent = answer.error || "";
          }
        })
        .catch(() => {});
    show.addEventListener("click", () => {
      const open = box.hidden;
      box.hidden = !open;
      show.setAttribute("aria-expanded", String(open));
      if (open) render();
    });
    for (const button of panel.querySelectorAll("button[data-width]")) {
      button.addEventListener("click", () => {
        width = button.dataset.width;
        if (frame) frame.width = width;
        for (const other of panel.querySelectorAll("button[data-width]")) {
          other.setAttribute("aria-pressed", String(other === button));
        }
      });
    }
    form.addEventListener("input", () => {
      if (box.hidden) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 1200);
    });
  }

  presence();
  autosave();
  wordCount();
  preview();
})();
