// Entry of the bundled editor: CodeMirror 6 with Python highlighting and indentation,
// history (undo/redo), bracket matching and Tab indentation. Exposes window.LoopcoachEditor.
// The textarea stays the form field: every edit is copied into it and announced with an "input"
// event (autosave and live sync listen there); setText applies a change from elsewhere without echo.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

const remote = Annotation.define();

function create(parent, textarea) {
  const editable = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        basicSetup,
        python(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        keymap.of([indentWithTab]),
        EditorView.lineWrapping,
        editable.of(EditorState.readOnly.of(textarea.readOnly)),
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "Code editor" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          if (!update.transactions.some((tr) => tr.annotation(remote))) {
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
          }
        }),
      ],
    }),
  });
  view.loopcoachEditable = editable;
  textarea.hidden = true;
  return view;
}

function setText(view, text) {
  const current = view.state.doc.toString();
  if (current === text) return;
  // Keep the cursor where it was (clamped), as a shared pad must while the other person types.
  const head = Math.min(view.state.selection.main.head, text.length);
  view.dispatch({ changes: { from: 0, to: current.length, insert: text }, selection: { anchor: head },
                  annotations: remote.of(true) });
}

function setReadOnly(view, readOnly) {
  view.dispatch({ effects: view.loopcoachEditable.reconfigure(EditorState.readOnly.of(readOnly)) });
}

window.LoopcoachEditor = { create, setText, setReadOnly };
