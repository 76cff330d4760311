// A lesson read to its end: once the end of its text comes into view, the page says so, once
// (POST /api/learners/me/lessons-read/{id}; kept only for a learner who joined a class, whose teacher sees it).
import { postLessonRead } from './api.js';

const lesson = document.querySelector('article.lesson[data-lesson]');
const end = lesson?.querySelector('.lesson-body > :last-child') ?? lesson?.querySelector('.lesson-pager');
if (end) {
  const watch = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    watch.disconnect();
    // If saying it fails, the next visit says it again: it is the teacher's view of the class, not the learner's work.
    postLessonRead(lesson.dataset.lesson).catch(() => {});
  });
  watch.observe(end);
}
