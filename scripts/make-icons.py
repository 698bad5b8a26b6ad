#!/usr/bin/env python3
"""Draws the app icon (a navy rounded square with a gold pocket mark) as RGBA PNGs, standard library only.

Run once when the design changes; the PNGs are committed under icons/.
"""
import struct
import sys
import zlib
from pathlib import Path


def png(size: int) -> bytes:
    rows = []
    radius = size * 0.22
    for y in range(size):
        row = bytearray([0])  # filter type 0
        for x in range(size):
            # rounded-square mask with 1px antialiasing
            dx = max(radius - x, 0, x - (size - 1 - radius))
            dy = max(radius - y, 0, y - (size - 1 - radius))
            dist = (dx * dx + dy * dy) ** 0.5
            alpha = max(0.0, min(1.0, radius - dist + 0.5)) if (dx or dy) else 1.0
            t = y / size
            r, g, b = int(20 + 20 * t), int(45 + 30 * t), int(95 + 50 * t)
            # pocket: a gold "U" shape in the middle
            u, v = x / size, y / size
            in_pocket = 0.28 <= u <= 0.72 and 0.30 <= v <= 0.74
            inner = 0.36 <= u <= 0.64 and 0.30 <= v <= 0.64
            rounded_bottom = ((u - 0.5) ** 2) / 0.22 ** 2 + ((v - 0.52) ** 2) / 0.22 ** 2 <= 1.0
            if in_pocket and not inner and rounded_bottom:
                r, g, b = 232, 184, 76
            if 0.26 <= u <= 0.74 and 0.27 <= v <= 0.31:
                r, g, b = 232, 184, 76
            row += bytes((r, g, b, int(alpha * 255)))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA (colour type 6)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "icons")
    out.mkdir(exist_ok=True)
    for name, size in (("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)):
        (out / name).write_bytes(png(size))
