"""What every printable PDF the desk writes shares: a Chinese font, paragraph styles and an A4 page template.

The font: reportlab embeds TrueType fonts only (FACTS.md: Noto CJK's PostScript outlines are refused, the built-in
STSong-Light is not embedded and prints blank elsewhere, DroidSansFallback lacks digits), so `find_cjk_font` tries
candidates in order — a font shipped in resources/fonts, the known places of WenQuanYi / AR PL / Windows' YaHei,
SimSun and SimHei, then whatever fontconfig lists for Chinese — and takes the first reportlab can load that has
Chinese characters, Latin letters and digits. Registering costs ~0.1 s, so it happens once per process.

The page: A4 portrait, the document's title and "第 N 页" and the printed-at time in the footer of every page.
Text from users goes through `markup` first: reportlab's paragraphs read a small XML dialect, so "<", "&" and a
clerk's line breaks must be translated, not passed through.

reportlab is imported lazily by the callers of this module (start-up does not pay ~120 ms for it, FACTS.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import SimpleDocTemplate

from app.errors import UserError
from app.paths import resource

FONT_NAME = "OutletDeskCJK"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
MUST_HAVE = "网点快递0123456789AZaz"  # Chinese, digits and Latin letters: a waybill number must print too
LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc")
MARGIN = 18 * mm
FRAME_PADDING = 6  # points, reportlab's default inside the page's frame: text runs this far inside the margin
FOOTER_Y = 10 * mm
GREY = colors.HexColor("#555555")
MISSING_GLYPH = "〓"  # what Chinese typesetting prints for a character the font lacks
# Streams in binary, not ASCII85: reportlab encodes ASCII85 in pure Python unless the optional rl-accel is there
# (30 ms for one downscaled photo, 0.7 s for a 3 MB original) and it makes every image and font 25 % larger.
rl_config.useA85 = 0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LEADING_SPACES = re.compile(r"^[ \u3000]+", re.MULTILINE)


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont: int = 0  # which face of a .ttc collection


def _shipped() -> list[Path]:
    folder = resource("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def _system() -> list[Path]:
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [fonts / name for name in WINDOWS_FONTS]
    return [Path(p) for p in LINUX_FONTS]


def _fontconfig() -> list[Path]:
    """Files fontconfig knows with Chinese coverage (other distributions keep fonts elsewhere)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        listed = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = {line.strip().rstrip(":") for line in listed.splitlines() if line.strip()}
    return sorted(Path(f) for f in files if Path(f).suffix.lower() in FONT_SUFFIXES)


def font_candidates() -> list[Path]:
    """Where a Chinese font is looked for, in order."""
    return [*_shipped(), *_system(), *_fontconfig()]


def _usable(font: FontFile) -> TTFont | None:
    try:
        ttf = TTFont(FONT_NAME, str(font.path), subfontIndex=font.subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None  # PostScript outlines, a damaged file, an unreadable one
    if all(ord(ch) in ttf.face.charToGlyph for ch in MUST_HAVE):
        return ttf
    return None


def find_cjk_font(candidates: Iterable[Path] | None = None) -> tuple[FontFile, Any]:
    """The first candidate reportlab can embed that covers Chinese, Latin letters and digits, with its loaded
    TTFont. Raises a UserError naming what to install when there is none."""
    for path in font_candidates() if candidates is None else candidates:
        if not path.is_file():
            continue
        font = FontFile(path)
        ttf = _usable(font)
        if ttf is not None:
            return font, ttf
    raise UserError("pdf_no_cjk_font")


@cache
def cjk_font() -> str:
    """The registered Chinese font's name, registering it on first use."""
    _font, ttf = find_cjk_font()
    pdfmetrics.registerFont(ttf)
    return FONT_NAME


@cache
def _glyphs() -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(cjk_font()).face.charToGlyph)


def printable(text: str) -> str:
    """`text` as the registered font can print it: a character it has no glyph for (an emoji, a rare Han
    character) becomes 〓 rather than a blank the reader cannot see, invisible format and control characters are
    dropped; line breaks and tabs stay for `markup`."""
    glyphs = _glyphs()
    out = []
    for ch in text:
        if ord(ch) in glyphs or ch in "\n\r\t":
            out.append(ch)
        elif unicodedata.category(ch) not in ("Cc", "Cf"):
            out.append(MISSING_GLYPH)
    return "".join(out)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    item: ParagraphStyle  # one entry's first line (a note's time and title)
    meta: ParagraphStyle
    body: ParagraphStyle


def styles() -> Styles:
    """Paragraph styles in the Chinese font with Chinese line breaking (wordWrap='CJK')."""
    font = cjk_font()

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK", **extra)

    return Styles(
        title=style("title", 18, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=style("subtitle", 9, alignment=TA_CENTER, textColor=GREY, spaceAfter=5 * mm),
        heading=style("heading", 13, spaceBefore=5 * mm, spaceAfter=2 * mm),
        item=style("item", 11, spaceBefore=3 * mm),
        meta=style("meta", 8.5, textColor=GREY, spaceAfter=1 * mm),
        body=style("body", 10, leftIndent=4 * mm),
    )


def markup(text: str) -> str:
    """User text as reportlab paragraph markup that prints as typed: escaped, line breaks and indents kept."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    text = escape(text)
    text = _LEADING_SPACES.sub(lambda m: "&nbsp;" * len(m.group()), text)
    return text.replace("\n", "<br/>")


def text_paragraphs(text: str, style: ParagraphStyle) -> list[Any]:
    """User text (plain or Markdown, kept as typed) as one paragraph per line, a blank line kept as a gap. Lines
    rather than whole paragraphs, so a long text breaks across pages anywhere and its first line can be kept with
    whatever heads it (a KeepTogether longer than the space left would push everything to the next page)."""
    from reportlab.platypus import Paragraph

    after_gap = ParagraphStyle(f"{style.name}-after-gap", parent=style, spaceBefore=style.leading * 0.5)
    out: list[Any] = []
    gap = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            gap = bool(out)
            continue
        out.append(Paragraph(markup(line), after_gap if gap else style))
        gap = False
    return out


@dataclass(frozen=True)
class Page:
    """The page template's texts: the document title (footer, left, and the PDF's metadata) and when printed."""

    title: str
    printed_at: str  # "2026-11-23 18:05", in the outlet's zone
    author: str = "网点客服台"


def write_pdf(path: Path, story: Sequence[Any], page: Page) -> int:
    """Lay out `story` on A4 pages with the footer and write it to `path`; returns the number of pages."""
    font = cjk_font()

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(GREY)
        width = A4[0]
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER_Y + 4 * mm, width - MARGIN, FOOTER_Y + 4 * mm)
        canvas.drawString(MARGIN, FOOTER_Y, page.title)
        canvas.drawCentredString(width / 2, FOOTER_Y, f"第 {doc.page} 页")
        canvas.drawRightString(width - MARGIN, FOOTER_Y, f"打印时间：{page.printed_at}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=page.title,
        author=page.author,
        creator=page.author,
        initialFontName=font,  # else every page opens in Helvetica, a font the PDF would name but not embed
    )
    doc.build(list(story), onFirstPage=footer, onLaterPages=footer)
    return int(doc.page)


def table(cells: list[list[Any]], widths: Sequence[float], commands: Sequence[tuple[Any, ...]], **kw: Any) -> Any:
    """A reportlab Table whose cells name the embedded font: a table's default font, Helvetica, would be named in
    the PDF without being embedded (and a plain string in a cell would print in it)."""
    from reportlab.platypus import Table, TableStyle

    out = Table(cells, colWidths=list(widths), **kw)
    out.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()), *commands]))
    return out
