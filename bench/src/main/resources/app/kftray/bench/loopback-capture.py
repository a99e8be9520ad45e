#!/usr/bin/env python3
"""Records the TCP segments on the loopback interface that touch the given ports, with the kernel's
receive timestamps, until stdin closes: one line per segment, "nanos src_port dst_port flags payload_length".
SYN segments and segments that carry data are kept, bare ACKs dropped. Needs CAP_NET_RAW (a packet socket).
Usage: loopback-capture.py output-file port...
"""
import socket
import struct
import sys
import threading

ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35
PACKET_OUTGOING = 4


def main():
    out_path = sys.argv[1]
    ports = {int(p) for p in sys.argv[2:]}
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind(("lo", 0))
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.settimeout(0.2)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    with open(out_path, "w") as out:
        print("ready", flush=True)
        while not stop.is_set():
            try:
                data, ancillary, _, address = sock.recvmsg(256, socket.CMSG_SPACE(16))
            except socket.timeout:
                continue
            if address[2] == PACKET_OUTGOING:
                continue  # loopback shows each segment leaving and arriving: keep one
            segment = parse(data, ports)
            if segment is None:
                continue
            nanos = 0
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, fraction = struct.unpack("qq", value[:16])
                    nanos = seconds * 1_000_000_000 + fraction
            out.write("%d %d %d %d %d\n" % ((nanos,) + segment))
    print("done", flush=True)


def parse(frame, ports):
    """(src port, dst port, tcp flags, payload length) of a TCP segment between the ports of interest."""
    ether_type = struct.unpack("!H", frame[12:14])[0]
    ip = frame[14:]
    if ether_type == 0x0800:
        if ip[9] != 6:
            return None
        header = (ip[0] & 0x0F) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        tcp, ip_payload = ip[header:], total - header
    elif ether_type == 0x86DD:
        if ip[6] != 6:
            return None
        tcp, ip_payload = ip[40:], struct.unpack("!H", ip[4:6])[0]
    else:
        return None
    src, dst = struct.unpack("!HH", tcp[0:4])
    if src not in ports and dst not in ports:
        return None
    flags = tcp[13]
    length = ip_payload - (tcp[12] >> 4) * 4
    if length <= 0 and not flags & 0x02:
        return None
    return src, dst, flags, length


if __name__ == "__main__":
    main()
