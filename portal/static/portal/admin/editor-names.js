// Gives two controls of Wagtail's editor the accessible names they lack, until Wagtail does:
// - each rich text area (a contenteditable "textbox") has no name (wagtail/wagtail#14205):
//   it takes its field's label, or the heading of the StreamField block holding it;
// - the comments button shows the number of comments but leaves it out of its name (axe-core
//   wants the visible count in the name, and not in parentheses).
(() => {
  const nameTextboxes = () => {
    const unnamed = '[role="textbox"][contenteditable]:not([aria-label]):not([aria-labelledby])';
    for (const box of document.querySelectorAll(unnamed)) {
      const label = box.closest("[data-field-wrapper]")?.querySelector("label[id]");
      const block = box.closest("section[aria-labelledby]");
      const id = label?.id || block?.getAttribute("aria-labelledby");
      if (id) box.setAttribute("aria-labelledby", id);
    }
  };

  const nameCommentsButton = () => {
    const button = document.querySelector('[data-side-panel-toggle="comments"]');
    const counter = button?.querySelector("[data-side-panel-toggle-counter]");
    if (!counter) return;
    button.dataset.portalName ??= button.getAttribute("aria-label");
    const count = counter.textContent.trim();
    const name = count ? `${button.dataset.portalName}: ${count}` : button.dataset.portalName;
    if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
  };

  let queued = false;
  const update = () => {
    queued = false;
    nameTextboxes();
    nameCommentsButton();
  };
  // Blocks and comments come and go as editors work: name them as they appear.
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  update();
})();
