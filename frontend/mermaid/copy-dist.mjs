// Copies Mermaid's self-contained browser bundle into the web app's static folder,
// so the running app needs no node and no CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, "../../src/loopcoach/web/static/design");
mkdirSync(target, { recursive: true });
copyFileSync(resolve(here, "node_modules/mermaid/dist/mermaid.min.js"), resolve(target, "mermaid.min.js"));
console.log("copied mermaid.min.js to " + target);
