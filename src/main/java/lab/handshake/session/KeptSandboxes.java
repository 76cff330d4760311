package lab.handshake.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.handshake.engine.Language;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.spec.ScenarioSpec;

/**
 * The sandboxes of the sessions moved last, so that the next move need not replay every move before it. The database
 * stays the truth: an entry serves only the session's stored version (every change to a session, on this replica or
 * another, raises it; a restart starts empty) in the language it was rendered in, and it is taken out while a request
 * uses it, so no two requests share a sandbox and a move whose transaction fails leaves nothing behind. At most
 * {@link #MAX_KEPT} entries, each of which the collector may drop when memory is short.
 */
@ApplicationScoped
class KeptSandboxes {
    /** About the sessions a lecture hall moves at once. */
    static final int MAX_KEPT = 256;

    private record Kept(long version, Language language, ScenarioSpec spec, List<Sandbox.Move> moves, SoftReference<Sandbox> sandbox) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>(MAX_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** The session as its stored version left it, if kept for it in this language; the entry is gone afterwards. */
    synchronized Optional<SessionService.Loaded> take(SimulationSession stored, Language language) {
        Kept entry = kept.remove(stored.id);
        if (entry == null || entry.version() != stored.version || entry.language() != language) {
            return Optional.empty();
        }
        return Optional.ofNullable(entry.sandbox().get()).map(sandbox -> new SessionService.Loaded(stored, entry.spec(), entry.moves(), sandbox));
    }

    /** Keeps a committed session's sandbox for its next move; nothing may read the sandbox after this. */
    synchronized void keep(SessionService.Loaded loaded, Language language) {
        kept.put(loaded.stored().id, new Kept(loaded.stored().version, language, loaded.spec(), loaded.moves(),
                new SoftReference<>(loaded.sandbox())));
    }
}
