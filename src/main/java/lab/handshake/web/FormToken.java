package lab.handshake.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The form token of the page being rendered, as templates ask for it: {@code {inject:csrf.parameterName}} and
 * {@code {inject:csrf.token}} in a hidden field of every form (see {@link FormTokens}). A visitor who is not signed
 * in and has no visitor cookie gets one with the first form.
 */
@Named("csrf")
@RequestScoped
public class FormToken {
    private final FormTokens tokens;
    private final RoutingContext request;
    private final SecurityIdentity identity;
    private String token;

    public FormToken(FormTokens tokens, RoutingContext request, SecurityIdentity identity) {
        this.tokens = tokens;
        this.request = request;
        this.identity = identity;
    }

    public String getParameterName() {
        return FormTokens.FIELD;
    }

    public String getToken() {
        if (token == null) {
            token = tokens.tokenFor(tokens.bindingOf(request, identity).orElseGet(() -> tokens.newVisitor(request)));
        }
        return token;
    }
}
