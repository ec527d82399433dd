// Small enhancements for browsers with JavaScript; every page works without them.
document.querySelectorAll(".portal-print-button").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// Search boxes: titles completing what is typed, offered through a native <datalist> (the
// browser's own accessible suggestion list). Without JavaScript the forms simply submit.
document.querySelectorAll("input[data-suggest-url]").forEach((input) => {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);
  let timer;
  let pending;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const typed = input.value.trim();
    if (typed.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      pending?.abort();
      pending = new AbortController();
      try {
        const url = `${input.dataset.suggestUrl}?${new URLSearchParams({ q: typed })}`;
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: pending.signal,
        });
        if (!response.ok) return;
        const { suggestions } = await response.json();
        list.replaceChildren(
          ...suggestions.map((title) => Object.assign(document.createElement("option"), { value: title })),
        );
      } catch (error) {
        if (error.name !== "AbortError") list.replaceChildren();
      }
    }, 200);
  });
});
