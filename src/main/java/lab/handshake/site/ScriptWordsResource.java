package lab.handshake.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;
import lab.handshake.web.TraceWords;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /words/{script}/{lang}}: the words of one of the site's scripts ({@link Script}) in one language, one
 * JSON object of key → text. Every page with a simulator (a lesson embeds several) fetches the same few KB, which
 * the browser then keeps, instead of carrying them in its HTML. Made once per script and language, compressed, with
 * a strong ETag; kept {@value #MAX_AGE_SECONDS} s and then revalidated, as the site's unversioned files are, so
 * that a deploy's new words reach every browser within minutes.
 */
@Path("/words")
public class ScriptWordsResource {
    static final int MAX_AGE_SECONDS = 300;
    private static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;
    /** The language is in the path; only the coding depends on a header. */
    private static final String VARY = "Accept-Encoding";

    /**
     * A script that takes its words from message bundles, by the name in its URL. The simulator names a segment's
     * fate with the pages' own words ({@link TraceWords}), so one concept has one word.
     */
    enum Script {
        SIMULATOR("simulator", SimulatorMessages.class, TraceWords.class),
        SANDBOX("sandbox", SandboxMessages.class);

        private final String urlName;
        private final List<Class<?>> bundles;

        Script(String urlName, Class<?>... bundles) {
            this.urlName = urlName;
            this.bundles = List.of(bundles);
        }
    }

    private final Map<Script, Map<Language, EncodedBody>> bodies = new EnumMap<>(Script.class);

    public ScriptWordsResource(ObjectMapper json) {
        for (Script script : Script.values()) {
            Map<Language, EncodedBody> languages = new EnumMap<>(Language.class);
            for (Language language : Language.values()) {
                try {
                    languages.put(language, EncodedBody.of(json.writeValueAsBytes(words(script, language)),
                            MediaType.APPLICATION_JSON, EncodedBody.Effort.AT_START));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the " + script.urlName + " script's words could not be written as JSON", e);
                }
            }
            bodies.put(script, languages);
        }
    }

    @GET
    @Path("{script}/{lang}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // the site's own scripts read it, as they read /js/*; not part of the API
    public Response words(@PathParam("script") String name, @PathParam("lang") String lang, @Context HttpServerRequest http) {
        Script script = Arrays.stream(Script.values()).filter(known -> known.urlName.equals(name)).findFirst()
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::script, name));
        Language language = Language.ofCode(lang)
                .orElseThrow(() -> Refusal.notFound(ProblemMessages::language, lang));
        return bodies.get(script).get(language).response(http, CACHE_CONTROL, VARY);
    }

    /** Every word of the script's bundles in {@code language}, by its method's name (the script's key, see i18n.js). */
    static SortedMap<String, String> words(Script script, Language language) {
        SortedMap<String, String> words = new TreeMap<>();
        for (Class<?> type : script.bundles) {
            Object bundle = MessageBundles.get(type, Localized.Literal.of(language.code()));
            for (Method word : type.getDeclaredMethods()) {
                try {
                    if (words.put(word.getName(), (String) word.invoke(bundle)) != null) {
                        throw new IllegalStateException("two bundles of the " + script.urlName + " script have the word " + word.getName());
                    }
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("the word " + word.getName() + " could not be read", e);
                }
            }
        }
        return words;
    }
}
