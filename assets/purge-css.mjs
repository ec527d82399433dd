// Removes the USWDS rules no page can use from the compiled stylesheet, so every visitor
// downloads only what the portal's markup names (the budget is tested in
// tests/portal/test_stylesheet.py). Run by `npm run build` after Sass.
//
// A class is kept when its name appears in the markup's sources: the templates, the Python
// that renders markup (form widgets' attributes, grid columns chosen in views), the portal's
// script and the USWDS script, which adds its components' state classes as people use them.
// Element selectors are kept for everything rich text can hold, since editors' content
// lives in the database, not in these files.
import { readFileSync, writeFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const stylesheet = "static_build/portal/css/portal.css";
const apps = ["portal", "public_awareness", "toolkits", "workgroups", "collaborative", "search", "documents"];

const [result] = await new PurgeCSS().purge({
  css: [stylesheet],
  content: [
    "templates/**/*.html",
    ...apps.map((app) => `${app}/**/*.py`),
    "assets/js/*.js",
    "node_modules/@uswds/uswds/dist/js/uswds.min.js",
  ],
  // Class names with a breakpoint prefix ("tablet:grid-col-6") are one word.
  defaultExtractor: (content) => content.match(/[A-Za-z0-9_:-]+/g) || [],
  safelist: {
    standard: [
      /^(html|body|h[1-6]|p|a|ul|ol|li|dl|dt|dd|b|strong|i|em|blockquote|hr|img|figure|figcaption|sup|sub|code|abbr|table|thead|tbody|tr|th|td|caption)$/,
    ],
  },
  fontFace: true,
  keyframes: true,
});

const before = readFileSync(stylesheet).length;
writeFileSync(stylesheet, result.css);
console.log(`portal.css: ${before} B compiled, ${Buffer.byteLength(result.css)} B after removing unused rules`);
