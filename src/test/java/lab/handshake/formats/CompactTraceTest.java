package lab.handshake.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lab.handshake.RequiredTool;
import org.junit.jupiter.api.Test;

/**
 * The compact form read back by the page's decoder (under Node) is the JSON it was made from, whatever the
 * values; the catalogue's traces are held to it in {@code scenario.CompactTraceApiTest}.
 */
class CompactTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode readBack(ObjectNode full) throws Exception {
        return CompactTraceReader.expand(List.of(JSON.writeValueAsBytes(CompactTrace.of(full)))).get(0);
    }

    @Test
    void everyKindOfValueIsReadBackAsItWas() throws Exception {
        RequiredTool.require(CompactTraceReader.nodeInstalled(), "Debian's nodejs");
        ObjectNode full = (ObjectNode) JSON.readTree("""
                {"scenario": "edge-cases", "seed": 9007199254740991, "endpoints": {"client": {"port": 1}},
                 "empty": [], "numbers": [1, 2, 3],
                 "mixed": [{"a": 1}, {"b": 2}], "reordered": [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
                 "rows": [
                  {"n": 1, "big": 9007199254740989, "neg": -5, "f": 1.5, "flag": true, "maybe": null,
                   "s": "id 007 at 12345678901234567890, v1.5", "zh": "服务器在 200 ms 后重传", "any": "x", "obj": {"k": [1, 2]}},
                  {"n": 2, "big": 9007199254740990, "neg": -5, "f": 1.5, "flag": true, "maybe": null,
                   "s": "", "zh": "服务器在 400 ms 后重传", "any": 3, "obj": {"k": [1, 2]}},
                  {"n": 3, "big": 9007199254740991, "neg": -5, "f": 2.5, "flag": false, "maybe": 0,
                   "s": "42", "zh": null, "any": null, "obj": [{"k": null}]},
                  {"n": 4, "big": 1, "neg": -5, "f": 1.5, "flag": false, "maybe": null,
                   "s": "0", "zh": "服务器在 400 ms 后重传", "any": "x", "obj": {"k": [1, 2]}}
                 ]}
                """);
        assertEquals(full, readBack(full));
    }

    @Test
    void aFloodOfRowsAtAStrideIsWrittenAsRuns() throws Exception {
        RequiredTool.require(CompactTraceReader.nodeInstalled(), "Debian's nodejs");
        ObjectNode full = JSON.createObjectNode();
        ArrayNode rows = full.putArray("segments");
        for (int i = 0; i < 1000; i++) {
            rows.addObject().put("id", i + 1).put("sentAt", 10 + 200L * i).put("from", "attacker").putNull("ack")
                    .put("detail", "<SEQ=" + (1_000_000L + 7919L * i) + "><CTL=SYN> arrives at the server.");
        }
        String compact = JSON.writeValueAsString(CompactTrace.of(full));
        assertTrue(compact.contains("[1000,1,1]") && compact.contains("[1000,10,200]") && compact.contains("[1000,null]"),
                "ids, times and the missing acks are one run each: " + compact.substring(0, 300));
        assertEquals(1, compact.split("arrives at the server").length - 1, "the text is written once");
        assertEquals(JSON.readTree(JSON.writeValueAsString(full)), readBack(full), "as the full form would be read");
    }

    @Test
    void aTraceFieldNamedLikeThePartsOfTheFormIsRefused() throws Exception {
        ObjectNode full = (ObjectNode) JSON.readTree("{\"templates\": []}");
        assertThrows(IllegalArgumentException.class, () -> CompactTrace.of(full));
    }
}
