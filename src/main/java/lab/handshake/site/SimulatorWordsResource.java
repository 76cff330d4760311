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
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import lab.handshake.api.Refusal;
import lab.handshake.delivery.EncodedBody;
import lab.handshake.engine.Language;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /words/simulator/{lang}}: the simulator script's words ({@link SimulatorMessages}) in one language,
 * one JSON object of key → text. Every page with a simulator (a lesson embeds several) fetches the same few KB,
 * which the browser then keeps, instead of carrying them in its HTML. Made once per language, compressed, with a
 * strong ETag; kept {@value #MAX_AGE_SECONDS} s and then revalidated, as the site's unversioned files are, so that
 * a deploy's new words reach every browser within minutes.
 */
@Path("/words/simulator")
public class SimulatorWordsResource {
    static final int MAX_AGE_SECONDS = 300;
    private static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE_SECONDS;
    /** The language is in the path; only the coding depends on a header. */
    private static final String VARY = "Accept-Encoding";

    private final Map<Language, EncodedBody> bodies = new EnumMap<>(Language.class);

    public SimulatorWordsResource(ObjectMapper json) {
        for (Language language : Language.values()) {
            try {
                bodies.put(language, EncodedBody.of(json.writeValueAsBytes(words(language)), MediaType.APPLICATION_JSON,
                        EncodedBody.Effort.AT_START));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the simulator's words could not be written as JSON", e);
            }
        }
    }

    @GET
    @Path("{lang}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true) // the site's own script reads it, as it reads /js/*; not part of the API
    public Response words(@PathParam("lang") String lang, @Context HttpServerRequest http) {
        Language language = Arrays.stream(Language.values()).filter(known -> known.code().equals(lang)).findFirst()
                .orElseThrow(() -> Refusal.notFound("language", lang));
        return bodies.get(language).response(http, CACHE_CONTROL, VARY);
    }

    /** Every word of the bundle in {@code language}, by its method's name (the script's key, see i18n.js). */
    static SortedMap<String, String> words(Language language) {
        SimulatorMessages bundle = MessageBundles.get(SimulatorMessages.class, Localized.Literal.of(language.code()));
        SortedMap<String, String> words = new TreeMap<>();
        for (Method word : SimulatorMessages.class.getDeclaredMethods()) {
            try {
                words.put(word.getName(), (String) word.invoke(bundle));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("the simulator's word " + word.getName() + " could not be read", e);
            }
        }
        return words;
    }
}
