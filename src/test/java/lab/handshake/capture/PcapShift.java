package lab.handshake.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A classic pcap file with its records from one onwards made later, to replay a capture at another tick phase. */
public final class PcapShift {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;

    private PcapShift() {
    }

    /** A copy of {@code pcap} whose records from {@code firstRecord} (0-based) on are {@code micros} later. */
    public static byte[] later(byte[] pcap, int firstRecord, int micros) {
        ByteBuffer file = ByteBuffer.wrap(pcap.clone());
        file.order(ByteOrder.LITTLE_ENDIAN);
        if (file.getInt(0) != MAGIC_MICROS) {
            file.order(ByteOrder.BIG_ENDIAN);
        }
        if (file.getInt(0) != MAGIC_MICROS) {
            throw new IllegalArgumentException("not a microsecond pcap");
        }
        int offset = FILE_HEADER;
        for (int record = 0; offset < pcap.length; record++) {
            if (record >= firstRecord) {
                long at = file.getInt(offset) * 1_000_000L + file.getInt(offset + 4) + micros;
                file.putInt(offset, (int) (at / 1_000_000));
                file.putInt(offset + 4, (int) (at % 1_000_000));
            }
            offset += RECORD_HEADER + file.getInt(offset + 8);
        }
        return file.array();
    }
}
