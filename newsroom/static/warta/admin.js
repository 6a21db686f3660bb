// The newsroom's admin behaviour (a static file: the CSP allows no inline
// scripts). Kept small: each part works on its own and does nothing when its
// elements are absent.
(function () {
  "use strict";

  // Warn before leaving a change form with unsaved changes.
  function warnUnsaved(form) {
    let dirty = false;
    const mark = () => { dirty = true; };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    // The body editor reports its own edits.
    document.addEventListener("prose-editor:ready", (event) => {
      event.detail.editor.on("update", mark);
    });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  // Django's autocomplete widgets (Select2) leave their combobox and search
  // field without an accessible name, and their chip list with non-item
  // children: name them after the field's label, and keep doing so as Select2
  // re-renders them.
  function nameAutocomplete(select) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const container = select.nextElementSibling;
    if (!label || !container || !container.classList.contains("select2")) return;
    label.id = label.id || `${select.id}_label`;
    const name = label.textContent.replace(/:\s*$/, "").trim();
    const fix = () => {
      const selection = container.querySelector(".select2-selection");
      if (selection) {
        const rendered = selection.querySelector(".select2-selection__rendered");
        const ids = [label.id, rendered && rendered.id].filter(Boolean).join(" ");
        if (selection.getAttribute("aria-labelledby") !== ids) {
          selection.setAttribute("aria-labelledby", ids);
        }
      }
      container.querySelectorAll(".select2-search__field").forEach((field) => {
        if (field.getAttribute("aria-label") !== name) {
          field.setAttribute("aria-label", name);
        }
      });
      // A single choice's text is part of the combobox's name, not a textbox.
      container
        .querySelectorAll("span.select2-selection__rendered[role=textbox]")
        .forEach((span) => {
          span.setAttribute("role", "none");
          span.removeAttribute("aria-readonly");
        });
      container.querySelectorAll("ul.select2-selection__rendered").forEach((list) => {
        if (list.getAttribute("role") !== "list") list.setAttribute("role", "list");
      });
    };
    fix();
    new MutationObserver(fix).observe(container, { childList: true, subtree: true });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      if (select.nextElementSibling && !select.dataset.wartaNamed) {
        select.dataset.wartaNamed = "1";
        nameAutocomplete(select);
      }
    });
  }

  // A running job's page: read it again every few seconds and put its body in
  // place of ours, until the job is finished (the new page has no refresh).
  function followJob(page) {
    const seconds = Number(page.dataset.refresh) || 2;
    const announce = page.querySelector("[data-job-announce]");
    const state = (root) => {
      const node = root.querySelector(".job-state strong");
      return node ? node.textContent.trim() : "";
    };
    const tick = async () => {
      let fresh;
      try {
        const response = await fetch(window.location.href, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const html = new DOMParser().parseFromString(await response.text(), "text/html");
        fresh = html.querySelector(".job-page");
      } catch (error) {
        window.setTimeout(tick, seconds * 4000);  // the server is busy: later
        return;
      }
      if (!fresh) return;
      const body = page.querySelector(".job-body");
      const before = state(body);
      body.replaceWith(fresh.querySelector(".job-body"));
      const after = state(page);
      if (announce && after !== before) announce.textContent = after;
      if (fresh.dataset.refresh) window.setTimeout(tick, seconds * 1000);
      else delete page.dataset.refresh;
    };
    window.setTimeout(tick, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".job-page[data-refresh]").forEach(followJob);
    document
      .querySelectorAll("body.change-form form[id$=\"_form\"]")
      .forEach(warnUnsaved);
    // Select2 starts on DOMContentLoaded too (Django's autocomplete.js, which
    // may run after this script): name the widgets once it has.
    window.setTimeout(() => nameAutocompletes(document), 0);
  });
})();
