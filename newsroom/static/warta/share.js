// "Copy link" on article pages: the button is hidden until this script runs
// (no script, no button; the share links work without it). Our own file, so
// the page's Content-Security-Policy (scripts from this origin only) holds.
for (const button of document.querySelectorAll("button[data-copy-url]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copyUrl);
      button.textContent = button.dataset.copied;
    } catch {
      button.textContent = button.dataset.failed;
    }
    setTimeout(() => { button.textContent = label; }, 3000);
  });
}
