package lab.handshake.predict;

import java.util.Map;

/**
 * One entry of the misconception catalogue ({@code content/misconceptions/*.yaml}): what students believe,
 * why it is wrong, and the RFC that says so.
 *
 * @param source     the number of the error in the source material, or null for one found since
 * @param claim      the belief, by language code
 * @param refutation the correction, by language code
 */
public record Misconception(String id, Integer source, String rfc, Map<String, String> claim, Map<String, String> refutation) {
}
