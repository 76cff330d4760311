#!/usr/bin/python3
"""Round of kernel captures of docs/linux-captures.md §142: the kept reordering degree and ssthresh of the kernel's TCP
metrics cache (net/ipv4/tcp_metrics.c). tcp_update_metrics stores tp->reordering only in its last branch (ssthresh
set, the connection ending in slow start or out of TCP_CA_Open), and a kept ssthresh only where an entry already has
one or the connection ends in congestion avoidance in TCP_CA_Open; tcp_init_metrics gives both to the next
connection. metrics-s136.py's machinery (two connections between the same namespaces over hlcap.py's relay, the relay
started again with each connection's HL_PATH, `ip tcp_metrics show` of both namespaces after each) with these pairs:

    sudo /usr/bin/python3 metrics-s142.py EXCHANGE OUT

  reorder-rto       a 300,000-byte download whose server packets are held 8 ms with probability 0.05 (seed=SEED),
                    the server's first two packets with a FIN lost (down.dropfin=1,2: the last data segment, which
                    carries the FIN, and the loss probe's copy of it): the server's RTO, slow start after it at the
                    close (tp->reordering stored); then a 300,000-byte download with the server's 60th packet lost
  reorder-rto-ssthresh  the same with net.ipv4.tcp_no_ssthresh_metrics_save=0 in both namespaces
  reorder-rto-nosave    the same with net.ipv4.tcp_no_metrics_save=1 in both namespaces (the control)
  ssthresh-rto      tcp_no_ssthresh_metrics_save=0 in both namespaces: three downloads, the first with the server's
                    30th packet lost (ssthresh stored from CA_Open), the second ending in an RTO (down.dropfin=1,2:
                    the last branch raises a kept ssthresh only if larger), the third clean
"""
import os
import sys

from sibling import load

s136 = load('metrics-s136.py')

SEED = int(os.environ.get('SEED', '3'))
REORDER_RTO = ('seed=%d delay=10 down.reorder=0.05:8 down.dropfin=1,2' % SEED, 1, 300000)
s136.PAIRS.update({'reorder-rto': [REORDER_RTO, ('delay=10 down.drop=60', 1, 300000)],
                   'ssthresh-rto': [('delay=10 down.drop=30', 1, 300000),
                                    ('delay=10 down.dropfin=1,2', 1, 300000), ('delay=10', 1, 300000)]})
s136.PAIRS['reorder-rto-ssthresh'] = s136.PAIRS['reorder-rto']
BOTH_SSTHRESH_0 = [(side, 'net.ipv4.tcp_no_ssthresh_metrics_save=0') for side in ('client', 'server')]
s136.SYSCTLS.update({'reorder-rto-ssthresh': BOTH_SSTHRESH_0, 'ssthresh-rto': BOTH_SSTHRESH_0})

if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    s136.main(*sys.argv[1:])
