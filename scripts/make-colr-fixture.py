"""Writes tests/fixtures/fonts/colr-layers.ttf: a tiny COLR version 0 font
for the renderer's tests, drawn here (no glyph of any other font).

Glyph `colour` (U+F0000, in a private use plane no bundled font covers) has three layers over a 1000-unit em: a square
(0..600 both ways) in red, a bar (100..500 wide, 200..400 high) in blue,
and a small square (250..350 both ways) in the text's colour. A space
(U+0020, no outline) keeps a run of it from showing `.notdef`.

Run with fontTools (pip install fonttools):
    python3 scripts/make-colr-fixture.py
"""

from fontTools.colorLib.builder import buildCOLR, buildCPAL
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def rect(x0, y0, x1, y1):
    pen = TTGlyphPen(None)
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    return pen.glyph()


names = [".notdef", "colour", "square", "bar", "dot", "space"]
fb = FontBuilder(1000, isTTF=True)
fb.setupGlyphOrder(names)
fb.setupCharacterMap({0x20: "space", 0xF0000: "colour"})
glyphs = {
    ".notdef": rect(0, 0, 500, 700),
    "colour": rect(0, 0, 600, 600),
    "square": rect(0, 0, 600, 600),
    "bar": rect(100, 200, 500, 400),
    "dot": rect(250, 250, 350, 350),
    "space": TTGlyphPen(None).glyph(),
}
fb.setupGlyf(glyphs)
# Each left side bearing is the outline's left edge, as TrueType requires.
fb.setupHorizontalMetrics({n: (700, getattr(glyphs[n], "xMin", 0)) for n in names})
fb.setupHorizontalHeader(ascent=800, descent=-200)
fb.setupNameTable({"familyName": "Colr Layers Test", "styleName": "Regular"})
fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
fb.setupPost()
fb.font["CPAL"] = buildCPAL([[(1.0, 0.0, 0.0, 1.0), (0.0, 0.0, 1.0, 1.0)]])
fb.font["COLR"] = buildCOLR({"colour": [("square", 0), ("bar", 1), ("dot", 0xFFFF)]}, version=0)
fb.save("tests/fixtures/fonts/colr-layers.ttf")
