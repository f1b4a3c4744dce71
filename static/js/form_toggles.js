// Forms opened on demand. A toggle is a link to the form's own page (followed as is
// without JavaScript); htmx loads the form in place instead, then the toggle says it is
// open and the focus moves to the form's first field. Following it again closes it.
// « Voir plus » links append the next page of a list the same way.
document.addEventListener("htmx:beforeRequest", (event) => {
  const toggle = event.detail.elt;
  if (!toggle.matches("[data-form-toggle]") || toggle.getAttribute("aria-expanded") !== "true") {
    return;
  }
  event.preventDefault();
  document.getElementById(toggle.getAttribute("aria-controls")).replaceChildren();
  toggle.setAttribute("aria-expanded", "false");
  toggle.focus();
});

document.addEventListener("htmx:afterSwap", (event) => {
  const slot = event.detail.target;
  if (!slot.matches("[data-form-slot]")) {
    return;
  }
  const toggle = document.querySelector(`[data-form-toggle][aria-controls="${slot.id}"]`);
  if (toggle) {
    toggle.setAttribute("aria-expanded", "true");
  }
  const field = slot.querySelector("input:not([type=hidden]), select, textarea");
  if (field) {
    field.focus();
  }
});
