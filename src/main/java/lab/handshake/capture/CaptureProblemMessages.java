package lab.handshake.capture;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why an uploaded capture is refused: no file, no TCP, several connections to choose from, or a file that cannot be read (capture.PcapReader, capture.CaptureReplay: the detail of invalid-capture).
 * English in {@code messages/captureProblems_en.properties}, Chinese in {@code messages/captureProblems_zh.properties}.
 */
@MessageBundle(value = "captureProblems", locale = "en")
public interface CaptureProblemMessages {

    @Message
    String several_connections_title();

    @Message
    String several_connections(int count);

    /** One connection the reader may choose. */
    @Message
    String connection_choice(String client, String server, ConnectionOutcome outcome, int segments);

    /** The replay's title, which its inferred scenario keeps. */
    @Message
    String replay_title(String client, String server);

    @Message
    String invalid_capture_title();

    @Message
    String capture_required();

    @Message
    String no_tcp_title();

    @Message
    String no_tcp();

    @Message
    String capture_too_short();

    @Message
    String capture_unknown_magic();

    @Message
    String capture_truncated_packet_header(int offset);

    @Message
    String capture_corrupted_packet(int offset);

    @Message
    String capture_truncated_block(int offset);

    @Message
    String capture_corrupted_section();

    /** {@code claimed}: the block length as an unsigned number. */
    @Message
    String capture_block_overruns(int offset, String claimed, int left);

    @Message
    String capture_block_length_impossible(int offset, int blockLength);

    @Message
    String capture_unknown_interface();

    /** {@code claimed}: the captured length as an unsigned number. */
    @Message
    String capture_packet_too_large(int offset, String claimed, int max);

    @Message
    String capture_packet_overruns_block(int offset);

    @Message
    String capture_packet_before_interface();

    @Message
    String capture_unsupported_link_type(int linkType);

    @Message
    String capture_tcp_header_cut();

    @Message
    String capture_tcp_header_length();

    @Message
    String capture_too_many_segments(int count, int max);

    @Message
    String capture_too_many_segments_in_file(int max);
}
