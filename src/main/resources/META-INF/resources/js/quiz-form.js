// Before a quiz is submitted with questions unanswered, a warning region lists them (links to each) with
// "submit anyway" and "go back" buttons; focus moves to it so a screen reader reads it. Without scripts the
// form simply submits, and the result page says which questions had no answer.
const form = document.querySelector('form.quiz-form');
const region = document.getElementById('unanswered');

function answered(question) {
  switch (question.dataset.kind) {
    case 'ordering':
      return [...question.querySelectorAll('select')].some((select) => select.value !== '');
    case 'numeric':
      return [...question.querySelectorAll('input[type=text]')].some((input) => input.value.trim() !== '');
    default:
      return question.querySelector('input:checked') !== null;
  }
}

function focusQuestion(question) {
  const field = question.querySelector('input, select');
  question.scrollIntoView({ block: 'start' });
  if (field) {
    field.focus();
  }
}

function showWarning(unanswered) {
  const list = region.querySelector('.unanswered-list');
  list.replaceChildren(...unanswered.map((question) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#' + question.id;
    link.textContent = question.querySelector('.question-number').textContent;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      focusQuestion(question);
    });
    item.append(link);
    return item;
  }));
  region.hidden = false;
  region.focus();
}

if (form && region) {
  region.querySelector('.unanswered-back').addEventListener('click', () => {
    const first = [...form.querySelectorAll('fieldset.question')].find((question) => !answered(question));
    region.hidden = true;
    if (first) {
      focusQuestion(first);
    }
  });
  form.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter.name === 'confirmed') {
      return;
    }
    const unanswered = [...form.querySelectorAll('fieldset.question')].filter((question) => !answered(question));
    if (unanswered.length > 0) {
      event.preventDefault();
      showWarning(unanswered);
    }
  });
}
