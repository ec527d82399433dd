// Copies the USWDS files the portal serves (script, fonts in use, icons) into
// static_build/, where Django's staticfiles finds them. Run by `npm run build`.
import { cpSync, mkdirSync, readdirSync } from "node:fs";

const uswds = "node_modules/@uswds/uswds/dist";
const out = "static_build/portal";

const copies = [
  [`${uswds}/js/uswds.min.js`, `${out}/js/uswds.min.js`],
  // The script names its source map: production's collectstatic refuses a missing one.
  [`${uswds}/js/uswds.min.js.map`, `${out}/js/uswds.min.js.map`],
  ["assets/js/portal.js", `${out}/js/portal.js`],
  [`${uswds}/img/usa-icons`, `${out}/img/usa-icons`],
  [`${uswds}/img/usa-icons-bg`, `${out}/img/usa-icons-bg`],
  ["node_modules/axe-core/axe.min.js", "static_build/test-support/axe.min.js"],
];
// Images the compiled USWDS styles refer to (checkboxes, file icons, the loader, the hero):
// every file at the top of dist/img, which is small; of its folders, only the icons.
for (const entry of readdirSync(`${uswds}/img`, { withFileTypes: true })) {
  if (entry.isFile()) {
    copies.push([`${uswds}/img/${entry.name}`, `${out}/img/${entry.name}`]);
  }
}
for (const weight of ["Regular", "Bold", "Italic", "BoldItalic"]) {
  for (const format of ["woff2"]) {
    const name = `PublicSans-${weight}.${format}`;
    copies.push([`${uswds}/fonts/public-sans/${name}`, `${out}/fonts/public-sans/${name}`]);
  }
}
for (const [from, to] of copies) {
  mkdirSync(to.substring(0, to.lastIndexOf("/")), { recursive: true });
  cpSync(from, to, { recursive: true });
}
