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

prose.initializeEditors(createEditor, `[${marker}]`)
