// The article body's rich-text editor (django-prose-editor, Tiptap).
//
// django-prose-editor finds its modules through an inline import map, which the
// site's Content-Security-Policy forbids (no inline scripts). This module
// imports the editor by its path instead and starts every textarea that carries
// the widget's configuration, with exactly the extensions configured on the
// server (articles/richtext.py), so the toolbar and the sanitiser agree.
import * as prose from "../django_prose_editor/editor.js"

const marker = "data-django-prose-editor-configurable"

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(marker) || "{}")
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = prose[name]
    if (!extension) continue
    extensions.push(
      typeof options === "object" ? extension.configure(options) : extension,
    )
  }
  // Library images placed in the body (articles/models/media.py).
  extensions.push(MediaFigure)
  const editor = prose.createTextareaEditor(textarea, extensions)
  nameEditor(editor, textarea)
  mediaPicker(editor, textarea)
  editor.setOptions({
    editorProps: {
      ...(editor.options.editorProps || {}),
      transformPastedHTML: wordListsToLists,
    },
  })
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", {
      detail: { editor, textarea },
      bubbles: true,
    }),
  )
  return editor
}

// The editable area is a textbox of its own: give it the field's label as its
// accessible name (screen readers otherwise announce an unnamed text box).
function nameEditor(editor, textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  if (!label) return
  const props = editor.options.editorProps || {}
  const attributes = typeof props.attributes === "object" ? props.attributes : {}
  editor.setOptions({
    editorProps: {
      ...props,
      attributes: {
        ...attributes,
        "aria-label": label.textContent.replace(/:\s*$/, "").trim(),
        "aria-multiline": "true",
      },
    },
  })
}

// Word writes a list as paragraphs styled "mso-list:l0 level1 lfo1" whose
// marker ("·", "o", "1.") is a span styled "mso-list:Ignore": the editor would
// keep "·" paragraphs. Before the editor reads pasted HTML, runs of such
// paragraphs become <ul>/<ol> with <li>, nested by level, and the markers go
// (articles/models/office.py does the same for HTML that reaches the server
// without JavaScript). Anything unexpected leaves the paste as it was.
const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i
const ORDERED_MARKER = /^\(?(?:\d+|[a-z]|[ivxlc]+)[.)]$/i

function wordListsToLists(html) {
  if (!/mso-list/i.test(html)) return html
  try {
    const doc = new DOMParser().parseFromString(html, "text/html")
    const items = [...doc.body.querySelectorAll("p")].filter((p) =>
      LIST_STYLE.test(p.getAttribute("style") || ""),
    )
    let run = []
    for (const p of items) {
      if (run.length && run[run.length - 1].nextElementSibling !== p) {
        listFromRun(doc, run)
        run = []
      }
      run.push(p)
    }
    if (run.length) listFromRun(doc, run)
    return doc.body.innerHTML
  } catch (error) {
    return html
  }
}

function listMarker(p) {
  let marker = ""
  for (const span of p.querySelectorAll("span")) {
    const style = (span.getAttribute("style") || "").replace(/\s+/g, "")
    if (/mso-list:ignore/i.test(style) && span.isConnected) {
      marker += span.textContent
      span.remove()
    }
  }
  return marker.replace(/[\s\u00a0]+/g, "")
}

function listFromRun(doc, run) {
  const fragment = doc.createDocumentFragment()
  const open = [] // the lists open, from the outside in: {list, level, kind, item}
  for (const p of run) {
    const level = Number(LIST_STYLE.exec(p.getAttribute("style"))[2])
    const kind = ORDERED_MARKER.test(listMarker(p)) ? "ol" : "ul"
    while (
      open.length &&
      (open[open.length - 1].level > level ||
        (open[open.length - 1].level === level && open[open.length - 1].kind !== kind))
    ) {
      open.pop()
    }
    let top = open[open.length - 1]
    if (!top || top.level < level) {
      const list = doc.createElement(kind)
      ;(top ? top.item : fragment).appendChild(list)
      top = { list, level, kind, item: null }
      open.push(top)
    }
    const item = doc.createElement("li")
    while (p.firstChild) item.appendChild(p.firstChild)
    top.list.appendChild(item)
    top.item = item
  }
  run[0].before(fragment)
  for (const p of run) p.remove()
}

// A library image in the body: an empty <figure data-media="123">, shown in
// the editor as a box naming the image; the public page renders it from the
// library (caption and credit as they are now).
const known = new Map() // id → {thumbnail, alt, caption, credit}, from the picker

const MediaFigure = prose.Node.create({
  name: "mediaFigure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      media: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-media"),
        renderHTML: (attributes) => ({ "data-media": attributes.media }),
      },
    }
  },
  parseHTML() {
    return [{ tag: "figure[data-media]" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure")
      dom.className = "media-ref"
      dom.setAttribute("data-media", node.attrs.media)
      dom.contentEditable = "false"
      showImage(dom)
      return { dom }
    }
  },
})

// A placed image's box: its thumbnail and caption once known.
function showImage(dom) {
  const id = dom.getAttribute("data-media")
  const image = known.get(id)
  const parts = []
  if (image && image.thumbnail) {
    const img = document.createElement("img")
    img.src = image.thumbnail
    img.alt = image.alt
    img.width = 160
    parts.push(img)
  }
  const caption = document.createElement("figcaption")
  caption.textContent = `#${id} ${image ? [image.caption || image.alt, image.credit].filter(Boolean).join(" · ") : ""}`
  parts.push(caption)
  dom.replaceChildren(...parts)
}

// The images a body places when the form opens: one request for all.
async function describePlaced(editor, textarea) {
  const ids = new Set()
  editor.state.doc.descendants((node) => {
    if (node.type.name === "mediaFigure" && !known.has(String(node.attrs.media))) {
      ids.add(String(node.attrs.media))
    }
  })
  if (!ids.size) return
  const url = new URL(textarea.dataset.mediaPicker, location.href)
  url.searchParams.set("ids", [...ids].join(","))
  const response = await fetch(url, { credentials: "same-origin" })
  if (!response.ok) return
  for (const image of (await response.json()).results) known.set(String(image.id), image)
  for (const dom of editor.view.dom.querySelectorAll("figure.media-ref")) showImage(dom)
}

// "Insert image": the picker under the editor (its dialog is rendered by
// the widget, articles/desk/forms.py) searches the library and uploads new
// images; the chosen one is placed where the cursor is.
function mediaPicker(editor, textarea) {
  const box = document.querySelector(`[data-media-for="${textarea.id}"]`)
  if (!box || !textarea.dataset.mediaPicker) return
  // Rendered after the editor, the button was a third column of the form's
  // row at desk width, beside the editor: it goes under the editor instead.
  textarea.closest(".prose-editor")?.append(box)
  const open = box.querySelector(".media-open")
  const dialog = box.querySelector("dialog")
  const query = box.querySelector(".media-q")
  const results = box.querySelector(".media-results")
  const empty = box.querySelector(".media-empty")
  const errors = box.querySelector(".media-errors")
  open.hidden = false
  describePlaced(editor, textarea)

  const insert = (image) => {
    known.set(String(image.id), image)
    // A paragraph follows, so that typing goes on after the image instead of
    // replacing it (an empty one is dropped on save).
    editor
      .chain()
      .focus()
      .insertContent([
        { type: "mediaFigure", attrs: { media: String(image.id) } },
        { type: "paragraph" },
      ])
      .run()
    dialog.close()
    open.focus()
  }

  let searching = 0
  const search = async () => {
    const mine = ++searching
    const url = new URL(textarea.dataset.mediaPicker, location.href)
    url.searchParams.set("q", query.value)
    const response = await fetch(url, { credentials: "same-origin" })
    if (mine !== searching || !response.ok) return
    const { results: found } = await response.json()
    results.replaceChildren(
      ...found.map((image) => {
        known.set(String(image.id), image)
        const item = document.createElement("li")
        const button = document.createElement("button")
        button.type = "button"
        button.className = "media-choice"
        button.dataset.media = image.id
        if (image.thumbnail) {
          const img = document.createElement("img")
          img.src = image.thumbnail
          img.alt = ""
          img.width = 120
          button.append(img)
        }
        const text = document.createElement("span")
        text.textContent = [image.caption || image.alt, image.credit].filter(Boolean).join(" · ")
        button.append(text)
        button.addEventListener("click", () => insert(image))
        item.append(button)
        return item
      }),
    )
    empty.hidden = found.length > 0
  }

  let timer = null
  query.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(search, 250)
  })
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault() // not the article's form
  })
  open.addEventListener("click", () => {
    dialog.showModal()
    search()
  })
  box.querySelector(".media-close").addEventListener("click", () => dialog.close())
  box.querySelector(".media-upload").addEventListener("click", async () => {
    const data = new FormData()
    const file = box.querySelector(".media-file").files[0]
    if (file) data.append("file", file)
    data.append("alt_text", box.querySelector(".media-alt").value)
    data.append("caption", box.querySelector(".media-caption").value)
    data.append("credit", box.querySelector(".media-credit").value)
    const token = textarea.form.querySelector("[name=csrfmiddlewaretoken]")
    const response = await fetch(textarea.dataset.mediaUpload, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
    const answer = await response.json().catch(() => ({ errors: [response.statusText] }))
    if (!response.ok) {
      errors.replaceChildren(
        ...(answer.errors || []).map((message) => {
          const item = document.createElement("li")
          item.textContent = message
          return item
        }),
      )
      return
    }
    errors.replaceChildren()
    for (const field of box.querySelectorAll(".media-new input")) field.value = ""
    insert(answer)
  })
}

prose.initializeEditors(createEditor, `[${marker}]`)
