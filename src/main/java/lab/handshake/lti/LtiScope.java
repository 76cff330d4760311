package lab.handshake.lti;

/** The LTI Advantage scopes the tool asks an LMS's token endpoint for, one per service it calls. */
public enum LtiScope {
    /** AGS 2.0 §3.3: post scores to a line item. All grade passback needs when the launch names its line item. */
    SCORE("https://purl.imsglobal.org/spec/lti-ags/scope/score"),
    /** AGS 2.0 §3.2: create a line item, asked for only when a launch names no line item but the course's line items service. */
    LINE_ITEM("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"),
    /** NRPS 2.0 §2.4: read the membership of a course. */
    MEMBERSHIPS("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

    final String uri;

    LtiScope(String uri) {
        this.uri = uri;
    }
}
