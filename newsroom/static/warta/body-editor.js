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
  const editor = prose.createTextareaEditor(textarea, extensions)
  nameEditor(editor, textarea)
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

prose.initializeEditors(createEditor, `[${marker}]`)
