#!/usr/bin/env python3
"""Draws TradeBot's Teams icons (no dependencies): color.png 192x192 and outline.png 32x32 (white on transparent).

The glyph is a speech bubble holding three rising bars: a chat about trade figures. Run from this folder."""
import struct
import zlib

ACCENT = (0x1F, 0x6F, 0x8B)
WHITE = (255, 255, 255)


def rounded_rect(x, y, left, top, right, bottom, radius):
    if x < left or x > right or y < top or y > bottom:
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def bubble(x, y, inset=0.0):
    """The speech bubble in a 1x1 square, shrunk by inset."""
    body = rounded_rect(x, y, 0.14 + inset, 0.16 + inset, 0.86 - inset, 0.70 - inset, 0.10)
    tail = triangle(x, y, (0.28 + inset, 0.66), (0.28 + inset, 0.86 - inset * 2), (0.46, 0.66))
    return body or tail


BARS = [(0.28, 0.50), (0.44, 0.40), (0.60, 0.28)]  # (left, top) of bars ending at 0.60


def bar(x, y):
    return any(left <= x <= left + 0.11 and top <= y <= 0.60 for left, top in BARS)


def color_pixel(x, y):
    if bubble(x, y) and not bar(x, y):
        return WHITE + (255,)
    return ACCENT + (255,)


def outline_pixel(x, y, stroke):
    inside_ring = bubble(x, y) and not bubble(x, y, stroke)
    if inside_ring or bar(x, y):
        return WHITE + (255,)
    return (0, 0, 0, 0)


def render(size, shade, samples=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    r, g, b, a = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a]
            alpha = acc[3] / (samples * samples)
            colour = [round(c / acc[3]) if acc[3] else 0 for c in acc[:3]]
            row += bytes(colour + [round(alpha)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(path, size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b""))


png("color.png", 192, render(192, color_pixel))
png("outline.png", 32, render(32, lambda x, y: outline_pixel(x, y, 0.07), samples=8))
