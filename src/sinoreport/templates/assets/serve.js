// sinoreport serve: when the last rebuild found content errors, the preview keeps the last good pages
// and this box lists the errors (file:line:col, what, how to fix) until a rebuild is clean again.
(() => {
  const me = document.currentScript;
  const url = me && me.dataset.status;
  if (!url) return;
  fetch(url, { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : null))
    .then((status) => {
      if (!status || status.ok) return;
      const box = document.createElement("aside");
      box.className = "sr-serve-errors";
      box.setAttribute("role", "alert");
      const head = document.createElement("p");
      head.className = "sr-serve-errors__head";
      head.textContent = status.title;
      box.append(head);
      const list = document.createElement("ol");
      for (const line of status.problems) {
        const li = document.createElement("li");
        li.textContent = line;
        list.append(li);
      }
      box.append(list);
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", "Hide");
      close.addEventListener("click", () => box.remove());
      box.prepend(close);
      document.body.append(box);
    })
    .catch(() => {});
})();
