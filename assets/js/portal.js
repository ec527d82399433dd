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

// Charts: a tap or click reads out the nearest point (its period and value), which a phone
// cannot show as a tooltip. Without JavaScript, the chart's data table says the same.
document.querySelectorAll(".portal-chart").forEach((figure) => {
  const svg = figure.querySelector(".portal-chart__svg");
  const readout = figure.querySelector(".portal-chart__readout");
  const marks = [...figure.querySelectorAll(".portal-chart__mark")];
  if (!svg || !readout || !marks.length) return;
  svg.addEventListener("click", (event) => {
    let nearest = event.target.closest(".portal-chart__mark");
    let best = nearest ? 0 : Infinity;
    for (const mark of marks) {
      const box = mark.getBoundingClientRect();
      const distance = Math.hypot(box.x + box.width / 2 - event.clientX, box.y + box.height / 2 - event.clientY);
      if (distance < best) {
        best = distance;
        nearest = mark;
      }
    }
    readout.textContent = nearest.querySelector("title").textContent;
    readout.hidden = false;
    marks.forEach((mark) => mark.classList.toggle("portal-chart__mark--selected", mark === nearest));
  });
});

// A form's error summary takes the focus, so that screen readers and keyboard users start
// from the list of what to fix, however far down the form is.
document.querySelector("[data-portal-error-summary]")?.focus();
