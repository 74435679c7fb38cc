#!/usr/bin/env python3
"""A tiny protoc plugin for protogate's tests: it decodes the
CodeGeneratorRequest by hand (no protobuf library) and answers with one
file, `describe.txt`, that lists what it received. With the parameter
`fail`, it answers with an error instead."""
import sys


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, i


def fields(b):
    i = 0
    while i < len(b):
        key, i = varint(b, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i)
            v, i = b[i:i + n], i + n
        elif wt == 1:
            v, i = b[i:i + 8], i + 8
        elif wt == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError("wire type %d" % wt)
        yield num, v


def enc_varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def ld(num, data):
    return enc_varint(num << 3 | 2) + enc_varint(len(data)) + data


req = sys.stdin.buffer.read()
to_generate, parameter, protos, version = [], "", [], ""
for num, v in fields(req):
    if num == 1:
        to_generate.append(v.decode())
    elif num == 2:
        parameter = v.decode()
    elif num == 3:
        parts = {n: x for n, x in fields(v)}
        version = "%d.%d.%d" % (parts.get(1, 0), parts.get(2, 0), parts.get(3, 0))
    elif num == 15:
        name = syntax = ""
        has_source_info = False
        for n, x in fields(v):
            if n == 1:
                name = x.decode()
            elif n == 12:
                syntax = x.decode()
            elif n == 9:
                has_source_info = True
        protos.append("%s (%s%s)" % (name, syntax or "proto2", ", source info" if has_source_info else ""))

if parameter == "fail":
    sys.stdout.buffer.write(ld(1, b"asked to fail"))
    sys.exit(0)

text = "parameter: %s\ncompiler: %s\nfile_to_generate:\n%s\nproto_file:\n%s\n" % (
    parameter,
    version,
    "".join("  %s\n" % f for f in to_generate),
    "".join("  %s\n" % p for p in protos),
)
name = "describe/" + to_generate[0].rsplit("/", 1)[0] + ".txt" if "/" in to_generate[0] else "describe/root.txt"
resp = enc_varint(2 << 3) + enc_varint(3)  # supported_features: proto3 optional + editions
resp += ld(15, ld(1, name.encode()) + ld(15, text.encode()))
sys.stdout.buffer.write(resp)
