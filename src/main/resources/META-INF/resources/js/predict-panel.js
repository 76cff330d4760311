// The prediction form and its feedback, as both predict modes use them: beside a catalogue simulator (predict.js)
// and in the sandbox (sandbox-predict.js). The panel's words are in the page (the predict message bundle).

/** The form of a panel's body: what the learner predicted, why it cannot be sent, and the graded answer shown. */
export function predictionForm(body) {
  const $ = (sel) => body.querySelector(sel);
  const form = $('.predict-form');
  const invalid = $('.predict-invalid');
  const stateSel = $('.predict-state');
  const seqInput = $('.predict-seq');
  const ackInput = $('.predict-ack');
  const segmentBox = $('.predict-segment');
  const seqChosen = $('.predict-seq-chosen');
  const sentToBox = $('.predict-sent-to');
  let seqOpen = false; // the question's endpoint chooses the seq itself: it may be left empty, and is not graded
  let sentToAsked = false; // the question asks where the segment goes (a listener's answer to a spoofed SYN)

  const syncSends = () => {
    segmentBox.disabled = form.elements.sends.value === 'nothing';
    sentToBox.disabled = segmentBox.disabled;
  };
  form.addEventListener('change', (e) => { if (e.target.name === 'sends') syncSends(); });

  const refuse = (problem, focus) => {
    invalid.textContent = problem;
    invalid.hidden = false;
    focus?.focus();
  };

  return {
    /** Every state a prediction chooses from, added once. */
    offerStates(states) {
      if (stateSel.options.length === 1) stateSel.append(...states.map((s) => new Option(s, s)));
    },

    /**
     * A blank form for the next question; where its endpoint chooses the seq itself (`seqChosen`, a listener answering
     * a spoofed SYN), the seq field says so in its label, which a screen reader reads with the field. Where the question
     * asks where the segment goes (`forgedSource`), the radio group shows, its first choice naming that address.
     */
    clear(question) {
      form.reset();
      invalid.hidden = true;
      seqOpen = Boolean(question?.seqChosen);
      seqChosen.textContent = question?.seqChosen || '';
      seqChosen.hidden = !seqOpen;
      sentToAsked = Boolean(question?.forgedSource);
      $('.predict-forged-source').textContent = question?.forgedSource || '';
      sentToBox.hidden = !sentToAsked;
      syncSends();
    },

    /** The prediction as the API takes it, over `base` (the step or move it is about); null, said, when incomplete. */
    read(base) {
      const state = stateSel.value;
      if (!state) {
        refuse(body.dataset.needState, stateSel);
        return null;
      }
      if (form.elements.sends.value === 'nothing') return { ...base, state, segment: null };
      const flags = [...form.querySelectorAll('input[name="flags"]:checked')].map((c) => c.value);
      const seq = seqInput.value.trim();
      const ack = ackInput.value.trim();
      if (!flags.length || (!seq && !seqOpen) || (flags.includes('ACK') && !ack)) {
        refuse(body.dataset.needSegment, segmentBox.querySelector('input'));
        return null;
      }
      const sentTo = sentToAsked ? form.elements.sentTo.value : '';
      if (sentToAsked && !sentTo) {
        refuse(body.dataset.needSentTo, sentToBox.querySelector('input'));
        return null;
      }
      return { ...base, state, segment: { flags, seq: seq || null, ack: flags.includes('ACK') ? ack : null, sentTo: sentTo || null } };
    },

    /** A refused prediction: a number the server cannot read in the page's language, anything else as the server said it. */
    refused(err) {
      const numbers = err.field === 'segment.seq' || err.field === 'segment.ack';
      const focus = numbers ? segmentBox.querySelector(`input[name="${err.field.slice('segment.'.length)}"]`)
        : err.field === 'segment.sentTo' ? sentToBox.querySelector('input') : null;
      refuse(numbers ? body.dataset.badNumber : err.message, focus);
    },

    /** The graded prediction in the feedback; returns what a screen reader is told of it. */
    showResult(result) {
      $('.predict-feedback').dataset.right = result.right;
      $('.predict-verdict').textContent = result.verdict;
      $('.predict-expected').textContent = result.expected.text;
      $('.predict-given').textContent = result.given.text;
      $('.predict-rule').textContent = result.rule ? `${result.rule}:` : '';
      $('.predict-explanation').textContent = result.explanation || '';
      $('.predict-more').textContent = result.moreSegments || '';
      $('.predict-note').textContent = result.note || '';
      const m = result.misconception;
      $('.predict-misconception').hidden = !m;
      $('.predict-claim').textContent = m ? `“${m.claim}”` : '';
      $('.predict-refutation').textContent = m ? `${m.refutation} (${m.rfc})` : '';
      return [result.verdict, result.expected.text, result.note, m && m.claim, m && m.refutation].filter(Boolean);
    },
  };
}
