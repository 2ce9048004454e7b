// Moves the focus to the element that shows an action's result or refusal, once the page has drawn it.
export function focusById(id) {
  document.getElementById(id)?.focus();
}
