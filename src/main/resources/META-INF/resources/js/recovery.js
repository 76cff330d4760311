// Recovery codes on /progress: focus moves to what just happened (a code made, progress restored, a code refused)
// so a screen reader reads it, and the copy buttons (hidden without scripts) put the code or its link on the
// clipboard and say so in a status line. Without scripts the code and link are plain read-only fields to select.
const outcome = document.getElementById('recovery-outcome');
if (outcome) {
  outcome.focus();
}

const said = document.querySelector('.recovery-copied');
for (const button of document.querySelectorAll('button.recovery-copy')) {
  const field = document.getElementById(button.dataset.copy);
  button.hidden = !navigator.clipboard;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      said.textContent = said.dataset.copied;
    } catch (refused) {
      field.select();
      said.textContent = said.dataset.failed;
    }
  });
}
