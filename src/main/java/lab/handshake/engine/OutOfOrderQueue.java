package lab.handshake.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lab.handshake.engine.trace.SackBlock;

/**
 * The segments a receiver holds beyond a gap (RFC 9293 §3.10.7.4, SHLD-31: "Segments with higher beginning sequence
 * numbers SHOULD be held for later processing"), delivered once the gap before them fills, and the SACK blocks they
 * make (RFC 2018 §4): contiguous held data is one block, and the block that changed last comes first.
 */
final class OutOfOrderQueue {
    /** A held segment: its data from {@code start} up to {@code end}, and whether a FIN follows it. */
    private record Held(int start, int end, boolean fin) {
    }

    /**
     * Holds {@code len} bytes from {@code start}, and the FIN after them when {@code fin}; its block, merged with the
     * blocks it touches, comes first. The FIN takes a sequence number, so a block that holds it ends after it (RFC 2018
     * §3: the right edge is "the sequence number immediately following the last sequence number of this block"; Linux's
     * block is the segment's end_seq, which counts the FIN: capture delayed-data-past-fin-defaults, J+1001..J+1002).
     */

    /** The data now in the queue: its bytes beyond RCV.NXT, and whether the peer's FIN came with it. */
    record Delivery(int bytes, boolean fin) {
    }

    private final List<Held> held = new ArrayList<>();
    /** The SACK blocks, the most recently changed first (RFC 2018 §4, Linux tcp_sack_new_ofo_skb). */
    private final List<SackBlock> blocks = new ArrayList<>();

    boolean isEmpty() {
        return held.isEmpty();
    }

    void hold(int start, int len, boolean fin) {
        held.add(new Held(start, start + len, fin));
        int left = start;
        int right = start + len + (fin ? 1 : 0);
        for (Iterator<SackBlock> it = blocks.iterator(); it.hasNext(); ) {
            SackBlock block = it.next();
            int blockLeft = (int) block.left();
            int blockRight = (int) block.right();
            if (Seq.le(blockLeft, right) && Seq.le(left, blockRight)) {
                left = Seq.lt(blockLeft, left) ? blockLeft : left;
                right = Seq.gt(blockRight, right) ? blockRight : right;
                it.remove();
            }
        }
        blocks.add(0, new SackBlock(Integer.toUnsignedLong(left), Integer.toUnsignedLong(right)));
    }

    /**
     * Whether {@code len} bytes from {@code start} are all held already (a copy of held data). If so, the block that
     * holds them comes first, as for any segment that arrived (RFC 2018 §4; Linux tcp_sack_new_ofo_skb).
     */
    boolean holdsAll(int start, int len) {
        int end = start + len;
        for (SackBlock block : blocks) {
            if (Seq.le((int) block.left(), start) && Seq.le(end, (int) block.right())) {
                blocks.remove(block);
                blocks.add(0, block);
                return true;
            }
        }
        return false;
    }

    /** Takes every held segment that now starts at or before {@code rcvNxt}, with whatever they reach beyond it. */
    Delivery deliver(int rcvNxt) {
        int next = rcvNxt;
        boolean fin = false;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
                Held segment = it.next();
                if (Seq.le(segment.start(), next)) {
                    it.remove();
                    if (Seq.gt(segment.end(), next)) {
                        next = segment.end();
                    }
                    fin |= segment.fin() && segment.end() == next;
                    moved = true;
                }
            }
        }
        int end = next + (fin ? 1 : 0);
        blocks.removeIf(block -> Seq.le((int) block.right(), end));
        return new Delivery(next - rcvNxt, fin);
    }

    /** The first {@code max} SACK blocks: the most recently changed first. */
    List<SackBlock> sackBlocks(int max) {
        return List.copyOf(blocks.subList(0, Math.min(max, blocks.size())));
    }
}
