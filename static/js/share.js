// Progressive enhancement for the share bar: the URL field works without it.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const field = button.parentElement.querySelector(button.dataset.copyTarget);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "已复制";
    } catch {
      field.select();
      button.textContent = "请按 Ctrl+C 复制";
    }
  });
});
