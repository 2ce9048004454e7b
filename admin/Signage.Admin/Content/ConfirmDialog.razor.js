// Keeps the keyboard inside an open dialog and gives the focus back to whatever opened it.
let opener = null;
let handler = null;

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function trap(dialog) {
  opener = document.activeElement;
  const cancel = dialog.querySelector('[data-dismiss]');
  handler = event => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel.click();
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    const items = [...dialog.querySelectorAll(focusable)];
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    } else if (!dialog.contains(document.activeElement)) {
      event.preventDefault();
      first.focus();
    }
  };
  document.addEventListener('keydown', handler);
  // The safe choice first: Enter on an unread dialog cancels.
  cancel.focus();
}

export function release(returnFocus) {
  if (handler) {
    document.removeEventListener('keydown', handler);
    handler = null;
  }
  if (returnFocus && opener && document.contains(opener)) {
    opener.focus();
  }
  opener = null;
}
