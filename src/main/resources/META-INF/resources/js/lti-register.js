// LTI Dynamic Registration 1.0 §3.6: the tool tells the LMS's page that opened it (a window or an iframe) that
// registration is over, so the LMS closes it. The message carries nothing secret, hence any target origin.
const lms = window.opener || window.parent;
if (lms && lms !== window) {
  lms.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
}
