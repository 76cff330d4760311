package lab.handshake.lti;

/** The LTI Advantage scopes the tool asks an LMS's token endpoint for, one per service it calls. */
public enum LtiScope {
    /** AGS 2.0 §3.3: post scores to a line item. The only one grade passback needs. */
    SCORE("https://purl.imsglobal.org/spec/lti-ags/scope/score"),
    /** NRPS 2.0 §2.4: read the membership of a course. */
    MEMBERSHIPS("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

    final String uri;

    LtiScope(String uri) {
        this.uri = uri;
    }
}
