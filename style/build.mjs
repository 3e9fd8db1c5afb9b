// Builds Idéverket's one stylesheet: Designsystemet's theme in the municipality's colours
// (designsystemet.config.json, Designsystemet's theme builder format), the Designsystemet
// components the ui/ building blocks use, and the app's own main.css, minified by lightningcss.
//
//   node style/build.mjs OUT.css WORK_DIR
//
// WORK_DIR keeps the generated theme; the theme is made again only when the config or the CLI
// version changed (a stamp file records both), as it takes seconds.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "lightningcss";

const here = dirname(fileURLToPath(import.meta.url));
const [out, work] = process.argv.slice(2);
if (!out || !work) {
  console.error("usage: node style/build.mjs OUT.css WORK_DIR");
  process.exit(2);
}

// The components ui/ uses, by their file in @digdir/designsystemet-css. Only these reach the
// stylesheet; the package's index.css gives their order and cascade layer.
const COMPONENTS = [
  "base", "heading", "label", "paragraph", "link", "validation-message", "button", "input",
  "field", "fieldset", "alert", "skip-link", "list", "card", "tabs", "pagination", "tag",
  "error-summary", "table",
];

const pkg = (name) => join(here, "node_modules", ...name.split("/"));
const version = (name) => JSON.parse(readFileSync(join(pkg(name), "package.json"), "utf8")).version;

function theme() {
  const config = join(here, "designsystemet.config.json");
  const cli = join(pkg("@digdir/designsystemet"), "dist", "bin", "designsystemet.js");
  const css = join(work, "theme", "ideverket.css");
  const stampFile = join(work, "theme.stamp");
  const stamp = createHash("sha256")
    .update(readFileSync(config))
    .update(version("@digdir/designsystemet"))
    .digest("hex");
  if (existsSync(css) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
    return readFileSync(css, "utf8");
  }
  console.log(`    theme: designsystemet ${version("@digdir/designsystemet")} tokens create + build`);
  const run = (...args) => execFileSync(process.execPath, [cli, ...args, "--config", config], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  run("tokens", "create", "-o", join(work, "tokens"), "--clean");
  run("tokens", "build", "-t", join(work, "tokens"), "-o", join(work, "theme"), "--clean");
  writeFileSync(stampFile, stamp);
  return readFileSync(css, "utf8");
}

// Each component file wrapped in the layer index.css puts it in, in index.css's order.
function components() {
  const src = join(pkg("@digdir/designsystemet-css"), "dist", "src");
  const index = readFileSync(join(src, "index.css"), "utf8");
  const layerStarts = [...index.matchAll(/@layer (ds\.[a-z]+)\{/g)].map((m) => [m.index, m[1]]);
  const parts = COMPONENTS.map((name) => {
    const css = readFileSync(join(src, `${name}.css`), "utf8").trim();
    const at = index.indexOf(css.slice(0, 120));
    if (at < 0) throw new Error(`${name}.css is not in index.css: the package changed its layout`);
    const layer = layerStarts.filter(([start]) => start < at).at(-1)?.[1];
    if (!layer) throw new Error(`no cascade layer found for ${name}.css`);
    return { at, css: `@layer ${layer}{${css}}` };
  });
  const order = index.match(/^@layer [^{;]+;/)?.[0];
  if (!order) throw new Error("index.css no longer starts with its layer order");
  return order + parts.sort((a, b) => a.at - b.at).map((p) => p.css).join("\n");
}

mkdirSync(work, { recursive: true });
const source = [
  `/* Designsystemet ${version("@digdir/designsystemet-css")} (MIT, Digdir), theme "ideverket" */`,
  components(),
  theme().replace(/^@charset "UTF-8";/m, ""),
  readFileSync(join(here, "main.css"), "utf8"),
].join("\n");
const { code, warnings } = transform({
  filename: "ideverket.css",
  code: Buffer.from(source),
  minify: true,
});
for (const w of warnings) console.warn(`    css warning: ${w.message}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
console.log(`    stylesheet: ${code.length} B (${COMPONENTS.length} Designsystemet components)`);
