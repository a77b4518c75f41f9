#!/usr/bin/env python3
"""Rewrites a WebM file the way Chrome's MediaRecorder writes one: the Segment and every Cluster have an unknown
size (all ones), Info has no Duration, and there is no SeekHead, Cues, Tags or Void. Usage: chrome-webm.py IN OUT"""
import sys

UNKNOWN = bytes([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])


def vint(data, at, strip):
    first = data[at]
    length, mask = 1, 0x80
    while not first & mask:
        mask >>= 1
        length += 1
    value = first & (mask - 1) if strip else first
    for k in range(1, length):
        value = (value << 8) | data[at + k]
    return value, length


def elements(data, start, end):
    while start < end:
        eid, idlen = vint(data, start, False)
        size, sizelen = vint(data, start + idlen, True)
        body = start + idlen + sizelen
        yield eid, data[start:body], body, size
        start = body + size


def element(eid_bytes, payload):
    size = len(payload)
    return eid_bytes + bytes([0x01]) + size.to_bytes(7, "big") + payload


data = open(sys.argv[1], "rb").read()
out = bytearray()
for eid, header, body, size in elements(data, 0, len(data)):
    if eid == 0x1A45DFA3:
        out += data[body - len(header):body + size]
    elif eid == 0x18538067:
        out += bytes.fromhex("18538067") + UNKNOWN
        for cid, cheader, cbody, csize in elements(data, body, len(data)):
            if cid == 0x1549A966:  # Info: the time code scale and Chrome's names, no Duration
                out += element(bytes.fromhex("1549A966"),
                               element(bytes.fromhex("2AD7B1"), (1_000_000).to_bytes(3, "big"))
                               + element(bytes.fromhex("4D80"), b"Chrome") + element(bytes.fromhex("5741"), b"Chrome"))
            elif cid == 0x1654AE6B:  # Tracks as they are
                out += data[cbody - len(cheader):cbody + csize]
            elif cid == 0x1F43B675:  # Cluster: unknown size, same children
                out += bytes.fromhex("1F43B675") + UNKNOWN + data[cbody:cbody + csize]
open(sys.argv[2], "wb").write(out)
