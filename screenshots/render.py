#!/usr/bin/env python3
"""Render a tmux screen capture with colours (`tmux capture-pane -e -p`) to a PNG.

Reads the capture on stdin, writes the PNG named by the first argument. Each cell is drawn on a
fixed grid with DejaVu Sans Mono, falling back to Noto Sans CJK for characters DejaVu lacks;
wide characters take two cells, as they do in the terminal.
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# DejaVu Sans (not Mono) has the braille patterns the spinner is drawn with.
SYMBOLS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE = 16
BACKGROUND = (30, 30, 36)
FOREGROUND = (220, 220, 220)

BASE16 = [
    (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188), (17, 168, 205),
    (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234),
    (214, 112, 214), (41, 184, 219), (255, 255, 255),
]


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text):
    """Yield rows of cells: (char, fg, bg, bold, dim, underline)."""
    rows = []
    state = dict(fg=None, bg=None, bold=False, dim=False, underline=False, reverse=False)
    for line in text.split("\n"):
        cells = []
        for token in re.split(r"(\x1b\[[0-9;:]*m)", line):
            if token.startswith("\x1b["):
                apply_sgr(state, token[2:-1])
                continue
            for ch in token:
                w = width(ch)
                if w == 0 and cells:
                    cells[-1] = (cells[-1][0] + ch,) + cells[-1][1:]
                    continue
                fg, bg = state["fg"] or FOREGROUND, state["bg"] or BACKGROUND
                if state["reverse"]:
                    fg, bg = bg, fg
                cells.append((ch, fg, bg, state["bold"], state["dim"], state["underline"], w))
                if w == 2:
                    cells.append((None, fg, bg, False, False, False, 0))
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def apply_sgr(state, params):
    codes = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=False, dim=False, underline=False, reverse=False)
        elif c == 1:
            state["bold"] = True
        elif c == 2:
            state["dim"] = True
        elif c == 4:
            state["underline"] = True
        elif c == 7:
            state["reverse"] = True
        elif c == 22:
            state["bold"] = state["dim"] = False
        elif c == 24:
            state["underline"] = False
        elif c == 27:
            state["reverse"] = False
        elif 30 <= c <= 37:
            state["fg"] = BASE16[c - 30]
        elif 90 <= c <= 97:
            state["fg"] = BASE16[c - 90 + 8]
        elif 40 <= c <= 47:
            state["bg"] = BASE16[c - 40]
        elif 100 <= c <= 107:
            state["bg"] = BASE16[c - 100 + 8]
        elif c == 39:
            state["fg"] = None
        elif c == 49:
            state["bg"] = None
        elif c in (38, 48) and i + 1 < len(codes):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                state[key] = color256(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                state[key] = tuple(codes[i + 2:i + 5])
                i += 4
        i += 1


def render(rows, columns, out):
    mono = ImageFont.truetype(MONO, SIZE)
    bold = ImageFont.truetype(MONO_BOLD, SIZE)
    cjk = ImageFont.truetype(CJK, SIZE)
    symbols = ImageFont.truetype(SYMBOLS, SIZE)
    cell_w = int(mono.getlength("M"))
    ascent, descent = mono.getmetrics()
    cell_h = ascent + descent + 2
    pad = 12
    image = Image.new("RGB", (columns * cell_w + 2 * pad, len(rows) * cell_h + 2 * pad), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, cells in enumerate(rows):
        for x, (ch, fg, bg, is_bold, dim, underline, w) in enumerate(cells):
            if x >= columns:
                break
            left, top = pad + x * cell_w, pad + y * cell_h
            if ch is None:
                continue
            draw.rectangle([left, top, left + max(1, w) * cell_w - 1, top + cell_h - 1], fill=bg)
            if dim:
                fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
            font = bold if is_bold else mono
            if any(0x2800 <= ord(c) <= 0x28FF for c in ch):
                font = symbols
            elif not all(ord(c) < 0x2E80 for c in ch):
                font = cjk
            if ch.strip():
                draw.text((left, top + 1), ch, font=font, fill=fg)
            if underline:
                draw.line([left, top + cell_h - 2, left + cell_w * max(1, w), top + cell_h - 2], fill=fg)
    image.save(out)


if __name__ == "__main__":
    columns = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    render(parse(sys.stdin.read()), columns, sys.argv[1])
