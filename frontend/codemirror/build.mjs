// Builds ONE file, src/loopcoach/web/static/coding/editor.js, from editor.mjs (esbuild, minified).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "..", "src", "loopcoach", "web", "static", "coding", "editor.js");
await build({
  entryPoints: [path.join(here, "editor.mjs")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: out,
  legalComments: "eof",
});
console.log("wrote " + out);
