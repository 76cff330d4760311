#!/bin/sh
# The captures of docs/linux-captures.md §148, as made (root, from tools/linux-captures/).
set -e
export HL_NS_SUFFIX=-c HL_WORK=/tmp/hl-c
D=runs/rcvbuf-s148
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000 $D/d35-rmem-8192-16384-r2000
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000 $D/d35-rmem-8192-16384-r2000-again
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r1000 $D/d35-rmem-8192-16384-r1000
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r4000 $D/d35-rmem-8192-16384-r4000
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-16384-32768-r2000 $D/d35-rmem-16384-32768-r2000
HL_PATH=delay=35 python3 rcvbuf-s148.py relay late-rmem-4096-6144-16384-r2000 $D/d35-rmem-6144-16384-r2000
python3 rcvbuf-s148.py veth late-rmem-4096-8192-16384-r2000 $D/veth-rmem-8192-16384-r2000
python3 rcvbuf-s148.py veth late-rmem-4096-16384-32768-r2000 $D/veth-rmem-16384-32768-r2000
# The same with the client's packets held back 3 ms at random (the relay's reorder): data beyond a gap.
HL_PATH='delay=35 seed=3 up.reorder=0.3:3' python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000 $D/d35-reorder-rmem-8192-16384-r2000
HL_PATH='delay=35 seed=5 up.reorder=0.3:3' python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000 $D/d35-reorder5-rmem-8192-16384-r2000
# The client writes 200 ms after connect() (the server has accepted); and the same buffer locked by SO_RCVBUF 4096.
HL_PATH='delay=35 seed=5 up.reorder=0.3:3' python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000-w200 $D/d35-reorder5-w200-rmem-8192-16384-r2000
HL_PATH='delay=35 seed=5 up.reorder=0.3:3' python3 rcvbuf-s148.py relay late-rmem-4096-8192-16384-r2000-w200-lock $D/d35-reorder5-w200-lock-rmem-8192-16384-r2000
