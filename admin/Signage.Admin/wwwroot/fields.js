// Writes a field the server does not render the value of: a field typed into with a live server-side answer is
// never re-rendered while typed into, as a render of one keystroke would land over the next ones.
export function setValue(id, value) {
  const field = document.getElementById(id);
  if (field) {
    field.value = value;
  }
}
