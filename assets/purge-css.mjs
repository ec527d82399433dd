// Removes the USWDS rules no page can use from the compiled stylesheet, so every visitor
// downloads only what the portal's markup names (the budget is tested in
// tests/portal/test_stylesheet.py). Run by `npm run build` after Sass.
//
// A class is kept when its name appears in the markup's sources: the templates (the project's
// and any app's own), the Python that renders markup (form widgets' attributes, grid columns
// chosen in views) in every app, the portal's script and the USWDS script, which adds its
// components' state classes as people use them. So a template must name each class whole
// ("{% if error %}usa-alert--error{% endif %}", not "usa-alert--{{ level }}"), and the build
// runs again when a template changes (the Makefile's static_build/.built; the stylesheet's
// test rebuilds a stale one). Element selectors are kept for
// everything rich text can hold, since editors' content lives in the database, not in these
// files.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const stylesheet = "static_build/portal/css/portal.css";

// Every top-level folder holding Python, except what is not the site's own code.
const notMarkup = new Set(["node_modules", "static_build", "staticfiles", "tests", "scripts", "docs", "locale"]);
const apps = readdirSync(".", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !notMarkup.has(entry.name))
  .map((entry) => entry.name)
  .filter((name) => readdirSync(name).some((file) => file.endsWith(".py")));

// templates/allauth/elements/field.html names a checkbox's or radio button's classes from the
// field's type ("usa-{{ attrs.type }}__input"), which no scan can read.
const namedFromVariables = /^usa-(checkbox|radio)(__input|__label)?$/;

const [result] = await new PurgeCSS().purge({
  css: [stylesheet],
  content: [
    "templates/**/*.html",
    ...apps.flatMap((app) => [`${app}/**/*.py`, `${app}/templates/**/*.html`]),
    "assets/js/*.js",
    "node_modules/@uswds/uswds/dist/js/uswds.min.js",
  ],
  // Class names with a breakpoint prefix ("tablet:grid-col-6") are one word.
  defaultExtractor: (content) => content.match(/[A-Za-z0-9_:-]+/g) || [],
  safelist: {
    standard: [
      /^(html|body|h[1-6]|p|a|ul|ol|li|dl|dt|dd|b|strong|i|em|blockquote|hr|img|figure|figcaption|sup|sub|code|abbr|table|thead|tbody|tr|th|td|caption)$/,
      namedFromVariables,
    ],
  },
  fontFace: true,
  keyframes: true,
});

const before = statSync(stylesheet).size;
writeFileSync(stylesheet, result.css);
console.log(
  `portal.css: ${before} B compiled, ${Buffer.byteLength(result.css)} B after removing unused rules ` +
    `(markup read from templates/ and ${apps.join(", ")})`,
);
