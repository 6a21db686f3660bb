// Posts and videos in article bodies load only when the reader asks
// (articles/models/embeds.py renders the placeholder): the button is hidden
// until this script runs (no script: the plain link below still works). The
// frame's address was built on the server from the post's id, from an
// allowlist the Content-Security-Policy's frame-src repeats.
for (const frame of document.querySelectorAll(".embed-frame[data-embed-src]")) {
  const button = frame.querySelector("button.embed-load")
  if (!button) continue
  button.hidden = false
  button.addEventListener("click", () => {
    const iframe = document.createElement("iframe")
    iframe.src = frame.dataset.embedSrc
    iframe.title = frame.dataset.embedTitle || ""
    iframe.loading = "lazy"
    iframe.referrerPolicy = "strict-origin-when-cross-origin"
    iframe.allow = "encrypted-media; picture-in-picture; fullscreen"
    iframe.setAttribute("allowfullscreen", "")
    frame.replaceChildren(iframe)
    frame.classList.add("loaded")
    iframe.focus()
  })
}
