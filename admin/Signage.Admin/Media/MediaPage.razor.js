// The file input is disabled during an upload and then replaced by an empty one: both drop the focus to the page.
// Give it to the new input, unless the user has moved it elsewhere meanwhile.
export function focusIfLost(input) {
  if (document.activeElement === null || document.activeElement === document.body) {
    input.focus();
  }
}
