#!/usr/bin/python3
"""Regenerate the demo scans in samples/ from the source texts in samples/text/.

Developer tool only: the naskah build and its tests read the committed output
files and never run this script.

Usage (from the repository root):

    python3 samples/make_samples.py

Debian packages needed (no pip):

    python3-pil python3-reportlab    (PIL and reportlab)
    poppler-utils                    (pdftoppm, to rasterise the PDFs)
    fonts-dejavu-core                (DejaVu Serif, embedded in the PDFs)

Source texts: samples/text/<name>.txt, UTF-8, pages separated by a form feed
(\\f).  One line is one paragraph; the renderer wraps and justifies it.  A tiny
layout convention is applied:

  * a line with no lower-case letters, or "Pasal N" / "Article N", is a
    centred bold heading;
  * a line starting with "1.", "a." or "(1)" is a list item with a hanging
    indent;
  * an empty line adds half a line of vertical space;
  * a line containing a TAB is a two-column row (signature block); a line
    that is just a TAB is the space where the signatures are drawn.

Outputs (all written next to this script):

  mou-kanwil-universitas.pdf            digital PDF with a text layer
  mou-kanwil-universitas.scan.pdf       clean 300 dpi grayscale scan (Flate, 4 gray levels), image only
  pks-lapas-pemda.skewed.tiff           2-page bilevel CCITT G4 TIFF, 300 dpi, skewed, speckled
  pks-lapas-pemda.upside-down.pdf       200 dpi grayscale JPEG, image only, p.1 rotated 180 deg,
                                        p.2 rotated 90 deg counter-clockwise
  mou-english.photo.jpg                 phone-photo-like JPEG (perspective, lighting, blur)

Everything is deterministic (fixed seeds, reportlab invariant mode, fixed PDF
dates): with the same package versions (Debian 12) a rerun reproduces the
files byte for byte.
"""

import calendar
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
TEXT_DIR = HERE / "text"

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVuSerif"
FONT_BOLD = "DejaVuSerif-Bold"

BODY_SIZE = 11.0
HEAD_SIZE = 11.5
LEADING = 13.6
PARA_GAP = 1.5          # extra space after each paragraph (pt)
BLANK_GAP = 0.55 * LEADING
SIGN_SPACE = 3.8 * LEADING
MARGIN_X = 2.5 * cm
MARGIN_TOP = 2.0 * cm
MARGIN_BOTTOM = 1.8 * cm
HANG = 0.75 * cm        # hanging indent of list items

# Fixed document dates so that the PDFs do not change between runs.
PDF_DATE = time.strptime("2021-10-14 09:12:00", "%Y-%m-%d %H:%M:%S")      # scans
DIGITAL_DATE = calendar.timegm(time.strptime("2021-10-11 03:30:00", "%Y-%m-%d %H:%M:%S"))  # UTC
PRODUCER = "naskah samples/make_samples.py"

LIST_RE = re.compile(r"^(\d+\.|[a-z]\.|\(\d+\))\s+(.*)$")


# --------------------------------------------------------------------------
# Typesetting (reportlab)
# --------------------------------------------------------------------------

def register_fonts():
    for name, fname in ((FONT, "DejaVuSerif.ttf"), (FONT_BOLD, "DejaVuSerif-Bold.ttf")):
        path = FONT_DIR / fname
        if not path.exists():
            sys.exit(f"missing font {path} (apt install fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def read_pages(name):
    text = (TEXT_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return [p.strip("\n").split("\n") for p in text.split("\f")]


def is_heading(line):
    s = line.strip()
    if re.fullmatch(r"(Pasal|Article) \d+", s):
        return True
    return any(c.isalpha() for c in s) and not any(c.islower() for c in s)


def wrap(words, font, size, width):
    lines, cur = [], []
    for w in words:
        trial = " ".join(cur + [w])
        if cur and pdfmetrics.stringWidth(trial, font, size) > width:
            lines.append(cur)
            cur = [w]
        else:
            cur.append(w)
    if cur:
        lines.append(cur)
    return lines


def draw_justified(c, words, x, y, width, font, size, justify):
    c.setFont(font, size)
    if not justify or len(words) == 1:
        c.drawString(x, y, " ".join(words))
        return
    total = sum(pdfmetrics.stringWidth(w, font, size) for w in words)
    gap = (width - total) / (len(words) - 1)
    for w in words:
        c.drawString(x, y, w)
        x += pdfmetrics.stringWidth(w, font, size) + gap


def draw_paragraph(c, text, x, y, width, font=FONT, size=BODY_SIZE, align="justify"):
    """Draw one wrapped paragraph with its first baseline at y; return the new y."""
    lines = wrap(text.split(), font, size, width)
    for i, words in enumerate(lines):
        if align == "center":
            c.setFont(font, size)
            c.drawCentredString(x + width / 2, y, " ".join(words))
        else:
            draw_justified(c, words, x, y, width, font, size,
                           justify=(align == "justify" and i < len(lines) - 1))
        y -= LEADING
    return y


def draw_signature(c, cx, y_top, rng):
    """A random pen squiggle centred on cx inside the signature space below y_top."""
    c.saveState()
    c.setStrokeColorRGB(0.10, 0.14, 0.42)
    c.setLineWidth(1.1)
    c.setLineCap(1)
    c.setLineJoin(1)
    base = y_top - SIGN_SPACE * 0.55
    x = cx - 55
    p = c.beginPath()
    p.moveTo(x, base + rng.uniform(-6, 6))
    for _ in range(6):
        nx = x + rng.uniform(12, 24)
        p.curveTo(x + rng.uniform(0, 10), base + rng.uniform(8, 26),
                  nx - rng.uniform(0, 10), base - rng.uniform(8, 22),
                  nx, base + rng.uniform(-5, 5))
        x = nx
    p.curveTo(x + 20, base + 30, cx - 70, base - 4, cx + 65, base + 6)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def typeset(name, out_pdf, title):
    """Typeset samples/text/<name>.txt onto A4 pages of a new PDF."""
    pages = read_pages(name)
    W, H = A4
    width = W - 2 * MARGIN_X
    # reportlab takes the document date from SOURCE_DATE_EPOCH (else 2000-01-01 in invariant mode)
    os.environ["SOURCE_DATE_EPOCH"] = str(DIGITAL_DATE)
    c = canvas.Canvas(str(out_pdf), pagesize=A4, invariant=1, pageCompression=1,
                      initialFontName=FONT, initialFontSize=BODY_SIZE)
    c.setTitle(title)
    c.setAuthor("naskah demo")
    c.setCreator(PRODUCER)
    c.setProducer(PRODUCER)
    c.setSubject("Invented sample document for testing; names and numbers are fictitious")
    rng = random.Random("signatures:" + name)
    for pno, lines in enumerate(pages, 1):
        y = H - MARGIN_TOP - HEAD_SIZE
        for i, line in enumerate(lines):
            if not line.strip() and "\t" not in line:
                y -= BLANK_GAP
            elif "\t" in line:
                cols = line.split("\t", 1)
                colw = width / 2
                if not any(s.strip() for s in cols):
                    nxt = lines[i + 1].split("\t", 1) if i + 1 < len(lines) else ["", ""]
                    for k in range(2):
                        if k < len(nxt) and nxt[k].strip():
                            draw_signature(c, MARGIN_X + colw * (k + 0.5), y + LEADING, rng)
                    y -= SIGN_SPACE
                    continue
                ys = []
                for k, s in enumerate(cols):
                    s = s.strip()
                    if not s:
                        ys.append(y)
                        continue
                    bold = is_heading(s)
                    ys.append(draw_paragraph(c, s, MARGIN_X + colw * k + 2, y, colw - 4,
                                             font=FONT_BOLD if bold else FONT,
                                             align="center"))
                y = min(ys)
            elif is_heading(line):
                y = draw_paragraph(c, line.strip(), MARGIN_X + 1 * cm, y, width - 2 * cm,
                                   font=FONT_BOLD, size=HEAD_SIZE, align="center")
            else:
                indent = (len(line) - len(line.lstrip(" "))) // 2 * HANG
                m = LIST_RE.match(line.strip())
                if m:
                    c.setFont(FONT, BODY_SIZE)
                    c.drawString(MARGIN_X + indent, y, m.group(1))
                    y = draw_paragraph(c, m.group(2), MARGIN_X + indent + HANG, y,
                                       width - indent - HANG)
                else:
                    y = draw_paragraph(c, line.strip(), MARGIN_X + indent, y, width - indent)
                y -= PARA_GAP
            if y + LEADING < MARGIN_BOTTOM:   # last baseline below the margin
                sys.exit(f"{name}: page {pno} overflows (line {i + 1}); shorten the text")
        c.showPage()
    c.save()


# --------------------------------------------------------------------------
# Rasterising and degrading (pdftoppm + PIL)
# --------------------------------------------------------------------------

def rasterise(pdf, dpi, tmp, gray=True):
    prefix = Path(tmp) / (Path(pdf).stem + f"-{dpi}")
    cmd = ["pdftoppm", "-r", str(dpi), "-png"] + (["-gray"] if gray else []) + [str(pdf), str(prefix)]
    subprocess.run(cmd, check=True)
    files = sorted(Path(tmp).glob(prefix.name + "-*.png"),
                   key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    # pdftoppm rounds the pixel size up (2481 px for A4 at 300 dpi); crop to A4 exactly
    size = (round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi))
    pages = []
    for f in files:
        with Image.open(f) as im:
            pages.append(im.convert("L" if gray else "RGB").crop((0, 0) + size))
    return pages


def add_noise(im, amp, rng):
    """Add uniform noise in [-amp, +amp] (same value on all channels)."""
    w, h = im.size
    n = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    n = n.point(lambda v: v * (2 * amp + 1) // 256)
    if im.mode == "RGB":
        n = Image.merge("RGB", (n, n, n))
    return ImageChops.add(im, n, 1.0, -amp)


def levels(im, black, white):
    return im.point(lambda v: black + v * (white - black) // 255)


def pdf_string(s):
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def jpeg_image(im, dpi, quality):
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
    return {"im": im, "dpi": dpi, "filter": "/DCTDecode", "data": buf.getvalue(), "bpc": 8}


def flate_image(im, dpi):
    assert im.mode in ("L", "RGB")
    return {"im": im, "dpi": dpi, "filter": "/FlateDecode",
            "data": zlib.compress(im.tobytes(), 9), "bpc": 8}


def write_image_pdf(path, images, title):
    """Write a minimal image-only PDF: one full-page image per page, no fonts, no text.

    Written by hand (not with PIL or reportlab) so that the file holds no font
    resources at all and can carry Flate-compressed grayscale images.
    """
    date = "D:" + time.strftime("%Y%m%d%H%M%S", PDF_DATE) + "+07'00'"
    objs = [None, None, None]          # 1 catalog, 2 pages, 3 info
    kids = []
    for img in images:
        im = img["im"]
        w, h = im.size
        pw, ph = w * 72.0 / img["dpi"], h * 72.0 / img["dpi"]
        cs = "/DeviceGray" if im.mode == "L" else "/DeviceRGB"
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
                    b"/ColorSpace %s /BitsPerComponent %d /Filter %s /Length %d >>\nstream\n"
                    % (w, h, cs.encode(), img["bpc"], img["filter"].encode(), len(img["data"]))
                    + img["data"] + b"\nendstream")
        image_no = len(objs)
        content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n" % (pw, ph)
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
        content_no = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] "
                    b"/Resources << /ProcSet [/PDF /ImageB /ImageC] /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (pw, ph, image_no, content_no))
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
               + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    objs[2] = ("<< /Title %s /Creator %s /Producer %s /CreationDate %s /ModDate %s >>"
               % (pdf_string(title), pdf_string(PRODUCER), pdf_string(PRODUCER),
                  pdf_string(date), pdf_string(date))).encode("latin-1")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for no, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % no + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    Path(path).write_bytes(bytes(out))


def make_clean_scan(pdf, out, tmp):
    """300 dpi 8-bit grayscale, Flate (lossless).  A 300 dpi text page is
    400-500 KB as JPEG, so, like a scanner's "text" mode, the gray is reduced
    to 4 levels, which keeps the file near 150 KB a page."""
    pages = []
    for im in rasterise(pdf, 300, tmp):
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        im = levels(im, 22, 252)
        im = im.point(lambda v: (40, 110, 180, 252)[v // 64])
        pages.append(flate_image(im, 300))
    write_image_pdf(out, pages, "Scan 2021-10-14 09:12")


def make_skewed_tiff(pdf, out, tmp):
    rng = random.Random(202)
    angles = [2.4, -2.8]
    pages = []
    for im, angle in zip(rasterise(pdf, 300, tmp), angles):
        im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        d = ImageDraw.Draw(im)
        w, h = im.size
        for _ in range(500):                      # fine speckle
            x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.7, 1.9)
            d.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(0, 90))
        for _ in range(12):                       # a few dust clusters
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            for _ in range(rng.randint(3, 9)):
                x, y, r = cx + rng.gauss(0, 6), cy + rng.gauss(0, 6), rng.uniform(0.8, 2.5)
                d.ellipse((x - r, y - r, x + r, y + r), fill=0)
        im = add_noise(im, 12, rng)
        pages.append(im.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.NONE))
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:],
                  compression="group4", dpi=(300, 300))


def make_upside_down(pdf, out, tmp):
    """200 dpi grayscale JPEG; page 1 rotated 180 degrees, page 2 rotated 90
    degrees counter-clockwise (text runs bottom to top)."""
    pages = []
    for im in rasterise(pdf, 200, tmp):
        im = im.filter(ImageFilter.GaussianBlur(0.5))
        pages.append(levels(im, 26, 248))
    pages[0] = pages[0].rotate(180)
    pages[1] = pages[1].rotate(90, expand=True)
    write_image_pdf(out, [jpeg_image(im, 200, 62) for im in pages], "Scan 2021-12-09 14:31")


def perspective_coeffs(dst, src):
    """Coefficients for Image.transform(PERSPECTIVE) mapping output points dst -> input points src."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y]); rhs.append(v)
    n = 8
    a = [r + [b] for r, b in zip(rows, rhs)]
    for col in range(n):                               # Gauss-Jordan with partial pivoting
        piv = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[piv] = a[piv], a[col]
        for r in range(n):
            if r != col:
                f = a[r][col] / a[col][col]
                a[r] = [vr - f * vc for vr, vc in zip(a[r], a[col])]
    return [a[i][n] / a[i][i] for i in range(n)]


def make_photo(pdf, out, tmp):
    rng = random.Random(404)
    page = rasterise(pdf, 200, tmp, gray=False)[0]     # 1654 x 2339
    pw, ph = page.size
    page = ImageChops.multiply(page, Image.new("RGB", page.size, (252, 248, 238)))

    W, H = 1700, 2300
    quad = [(118, 96), (1566, 142), (1604, 2196), (92, 2158)]   # TL TR BR BL in the photo
    coeffs = perspective_coeffs(quad, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = page.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR)

    # grey-brown desk with a little texture, and the page's soft shadow on it
    bg = add_noise(Image.new("RGB", (W, H), (126, 120, 110)), 10, rng).filter(ImageFilter.GaussianBlur(2))
    shadow = ImageChops.offset(mask, 16, 20).filter(ImageFilter.GaussianBlur(18))
    bg = ImageChops.subtract(bg, Image.merge("RGB", [shadow.point(lambda v: v * 45 // 255)] * 3))
    bg.paste(warped, (0, 0), mask)

    # uneven lighting: bright top-left, darker bottom-right
    grid = Image.new("L", (3, 4))
    grid.putdata([255, 246, 228,
                  249, 234, 210,
                  236, 216, 190,
                  218, 196, 168])
    light = grid.resize((W, H), Image.BICUBIC)
    light_rgb = Image.merge("RGB", (light, light.point(lambda v: v * 252 // 255),
                                    light.point(lambda v: v * 240 // 255)))
    im = ImageChops.multiply(bg, light_rgb)
    im = im.filter(ImageFilter.GaussianBlur(0.9))
    im = add_noise(im, 3, rng)
    # effective resolution: page width 1448-1512 px over 8.27 in -> ~175-180 dpi
    im.save(out, "JPEG", quality=72, optimize=True, dpi=(175, 175))


def main():
    register_fonts()
    with tempfile.TemporaryDirectory(prefix="naskah-samples-") as tmp:
        mou = HERE / "mou-kanwil-universitas.pdf"
        typeset("mou-kanwil-universitas", mou,
                "Nota Kesepahaman Kanwil Kemenkumham Jawa Tengah - Universitas Merbabu Raya")
        pks = Path(tmp) / "pks-lapas-pemda.pdf"
        typeset("pks-lapas-pemda", pks,
                "Perjanjian Kerja Sama Lapas Kelas IIB Wonorejo - Pemerintah Kabupaten Wonorejo")
        eng = Path(tmp) / "mou-english.pdf"
        typeset("mou-english", eng,
                "MoU Kanwil Kemenkumham Jawa Tengah - Hallerby University of Applied Sciences")

        make_clean_scan(mou, HERE / "mou-kanwil-universitas.scan.pdf", tmp)
        make_skewed_tiff(pks, HERE / "pks-lapas-pemda.skewed.tiff", tmp)
        make_upside_down(pks, HERE / "pks-lapas-pemda.upside-down.pdf", tmp)
        make_photo(eng, HERE / "mou-english.photo.jpg", tmp)

    for f in sorted(HERE.iterdir()):
        if f.is_file() and f.suffix in (".pdf", ".tiff", ".jpg"):
            print(f"{f.stat().st_size:>9}  {f.name}")


if __name__ == "__main__":
    main()
