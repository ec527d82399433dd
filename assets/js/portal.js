// Small enhancements for browsers with JavaScript; every page works without them.
document.querySelectorAll(".portal-print-button").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
