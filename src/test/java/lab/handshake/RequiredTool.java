package lab.handshake;

import org.junit.jupiter.api.Assumptions;

/**
 * A program some tests need (Chromium, tshark). In CI ({@code CI=true}, which {@code .ci/run} sets) a missing
 * one fails the test, so a fresh machine never passes by skipping; on a developer's machine the test is
 * skipped, and the report names what is missing.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    public static void require(boolean installed, String what) {
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must have " + what + " (see .ci/run); this test cannot run without it");
        }
        Assumptions.assumeTrue(installed, what + " is not installed: skipped");
    }
}
