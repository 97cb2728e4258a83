// Progressive enhancement for the share bar: the URL field works without it.
// The button's words come from the page (data-*), so they follow the page's
// language and 简/繁 script.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const field = document.querySelector(button.dataset.copyTarget);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copiedText;
    } catch {
      field.select();
      button.textContent = button.dataset.copyFallbackText;
    }
  });
});
