"""Mixed raster content (MRC): a compact colour page for portals and slow connections.

A scanned page is split into three layers, the way DjVu and PDF's own MRC model do:

- **mask**: a 1-bit layer at the scan's full resolution that says which pixels are ink (text,
  table rules, signatures, seal outlines). It is encoded *losslessly* with CCITT Group 4
  (Pillow/libtiff): no symbol substitution, so a 6 never becomes an 8;
- **background**: the page with the ink taken out (paper tone, tinted bands, sticky notes,
  photos, the inside of seals), at a third of the resolution, in JPEG;
- **foreground**: the colour of the ink (black text, red seals, blue signatures), at a quarter
  of the resolution, in JPEG without chroma subsampling. Where the mask is set, the reader
  shows this colour.

In the PDF the background is drawn first, then the foreground image with the mask as its
``/Mask`` (explicit masking with a 1-bit ``/ImageMask`` stream, PDF 1.3). That is an opaque
stencil, not transparency: no ``/SMask``, no soft mask, no blend mode, so it is allowed in
PDF/A-1b and PDF/A-2b alike. Checked with poppler (Splash and Cairo back ends) and qpdf; pdf.js
and MuPDF implement explicit masks of another resolution than their image too.

The functions here are pure (array in, array or bytes out) except :func:`page_into`, which adds a
page to a pikepdf document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
import pikepdf
from PIL import Image, TiffImagePlugin


@dataclass(frozen=True)
class MrcParams:
    bg_scale: int = 3  # background resolution = scan dpi / bg_scale
    fg_scale: int = 4  # foreground colour resolution = scan dpi / fg_scale
    bg_quality: int = 50
    fg_quality: int = 50
    ink_ratio: float = 0.80  # a pixel is ink when darker than this share of its local paper
    paper_window_mm: float = 2.6  # wider than a stroke, narrower than a highlighter band or a note
    min_speck_px: int = 2  # connected ink of at most this many pixels is scanner noise, not ink
    smooth_px: float = 0.8  # Gaussian sigma before thresholding: smooth glyph edges, no noise specks


@dataclass(frozen=True)
class Layers:
    mask: np.ndarray  # bool (H, W): True = ink, at the scan's resolution
    background: np.ndarray  # uint8 (h, w, 3) RGB
    foreground: np.ndarray  # uint8 (h', w', 3) RGB


@dataclass(frozen=True)
class EncodedPage:
    width: int  # pixels of the scan
    height: int
    dpi: float
    mask_g4: bytes  # CCITT G4 (K=-1): ink coded as black runs
    background_jpeg: bytes
    background_size: tuple[int, int]
    foreground_jpeg: bytes
    foreground_size: tuple[int, int]

    @property
    def size(self) -> int:
        return len(self.mask_g4) + len(self.background_jpeg) + len(self.foreground_jpeg)


def ink_mask(rgb: np.ndarray, dpi: float, params: MrcParams | None = None) -> np.ndarray:
    """The 1-bit ink layer: pixels clearly darker than the paper around them.

    The local paper level is the brightest value within a window a little wider than a stroke,
    so text on a tinted band, over a highlighter or on a sticky note is measured against that
    band, note or highlight, and the band itself stays background."""
    p = params or MrcParams()
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if p.smooth_px > 0:
        gray = cv2.GaussianBlur(gray, (0, 0), p.smooth_px * dpi / 200)
    k = max(3, int(round(dpi * p.paper_window_mm / 25.4)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    paper = cv2.dilate(gray, kernel)
    paper = cv2.blur(paper, (k, k))  # a smooth level, not the single brightest noise pixel
    ink = gray.astype(np.float32) < paper.astype(np.float32) * p.ink_ratio
    if p.min_speck_px > 0:
        ink = _drop_specks(ink, p.min_speck_px)
    return ink


def _drop_specks(ink: np.ndarray, max_px: int) -> np.ndarray:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= max_px
    small[0] = False
    if not small[1:].any():
        return ink
    kept: np.ndarray = ink & ~small[labels]
    return kept


def _fill(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Weighted average ``num / den`` with the holes (no weight) filled from ever coarser
    surroundings (a push-pull pyramid), so a layer is smooth where nothing of it is shown and
    JPEG spends no bytes there."""
    have = den > 1e-3
    out = np.full(num.shape, 255.0, np.float32)
    out[have] = num[have] / den[have, None]
    if have.all() or not have.any():
        return out
    coarse = _fill(_shrink(num, 2), _shrink(den, 2))  # area averages keep num/den a weighted mean
    up = cv2.resize(coarse, (num.shape[1], num.shape[0]), interpolation=cv2.INTER_LINEAR)
    out[~have] = up[~have]
    return out


def _shrink(a: np.ndarray, scale: int) -> np.ndarray:
    h, w = a.shape[:2]
    return cv2.resize(a, (max(1, -(-w // scale)), max(1, -(-h // scale))), interpolation=cv2.INTER_AREA)


def split_layers(rgb: np.ndarray, mask: np.ndarray, params: MrcParams | None = None) -> Layers:
    """Background without the ink and the ink's colour, each at its reduced resolution."""
    p = params or MrcParams()
    img = rgb.astype(np.float32)
    # Background: the ink and its soft anti-aliased rim left out, the holes filled around them.
    rim = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    keep = 1.0 - rim
    bg = _fill(_shrink(img * keep[..., None], p.bg_scale), _shrink(keep, p.bg_scale))
    # Foreground: the ink's colour, weighted towards the darkest (least mixed with paper) pixels.
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    weight = mask.astype(np.float32) * ((255.0 - gray) / 255.0) ** 2 + mask * 1e-4
    fg = _fill(_shrink(img * weight[..., None], p.fg_scale), _shrink(weight, p.fg_scale))
    return Layers(mask=mask, background=np.clip(bg + 0.5, 0, 255).astype(np.uint8),
                  foreground=np.clip(fg + 0.5, 0, 255).astype(np.uint8))


def g4(mask: np.ndarray) -> bytes:
    """CCITT Group 4 (T.6) data of ``mask`` (True = ink encoded as black), one strip, for a PDF
    ``/CCITTFaxDecode`` stream with ``/K -1`` and ``/BlackIs1 false``."""
    h, w = mask.shape
    # libtiff's fax coder writes a 1 bit as a black run whatever the photometric tag says, and
    # Pillow tags mode "1" min-is-black: so ink goes in as 1 and comes out of the PDF filter as 0.
    im = Image.fromarray(mask).convert("1")
    buf = io.BytesIO()
    im.save(buf, "TIFF", compression="group4", strip_size=((w + 7) // 8) * h + 1)
    with Image.open(io.BytesIO(buf.getvalue())) as tif:
        assert isinstance(tif, TiffImagePlugin.TiffImageFile)
        tags = tif.tag_v2
        offsets, counts = tags[TiffImagePlugin.STRIPOFFSETS], tags[TiffImagePlugin.STRIPBYTECOUNTS]
        offsets = offsets if isinstance(offsets, tuple) else (offsets,)
        counts = counts if isinstance(counts, tuple) else (counts,)
        if len(offsets) != 1 or tags.get(266, 1) != 1 or tags.get(262) != 1:  # one strip, MSB first
            raise ValueError("libtiff wrote an unexpected G4 layout")
    data = buf.getvalue()
    return data[offsets[0]:offsets[0] + counts[0]]


def _jpeg(rgb: np.ndarray, quality: int, *, full_chroma: bool = False) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buf, "JPEG", quality=quality, optimize=True,
                                     subsampling=0 if full_chroma else 2)
    return buf.getvalue()


def encode(rgb: np.ndarray, dpi: float, params: MrcParams | None = None) -> EncodedPage:
    """Segment and encode one page (RGB uint8, as scanned)."""
    p = params or MrcParams()
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError("encode needs an RGB uint8 image")
    mask = ink_mask(rgb, dpi, p)
    layers = split_layers(rgb, mask, p)
    h, w = mask.shape
    return EncodedPage(
        width=w, height=h, dpi=dpi, mask_g4=g4(mask),
        background_jpeg=_jpeg(layers.background, p.bg_quality),
        background_size=(layers.background.shape[1], layers.background.shape[0]),
        # The ink's colour is all the foreground is for: no chroma subsampling (a red seal line
        # crossing a blue signature stays two colours).
        foreground_jpeg=_jpeg(layers.foreground, p.fg_quality, full_chroma=True),
        foreground_size=(layers.foreground.shape[1], layers.foreground.shape[0]))


def compose(layers: Layers) -> np.ndarray:
    """What a reader shows (for tests and quick looks; the bench renders the real PDF)."""
    h, w = layers.mask.shape
    bg = cv2.resize(layers.background, (w, h), interpolation=cv2.INTER_LINEAR)
    fg = cv2.resize(layers.foreground, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.where(layers.mask[..., None], fg, bg)


def page_into(pdf: pikepdf.Pdf, page: EncodedPage) -> pikepdf.Page:
    """Append ``page`` to ``pdf`` at 100% scale: background image, then the foreground colour
    through the G4 mask (explicit masking: ``/Mask`` is a 1-bit ``/ImageMask`` stream)."""
    name = pikepdf.Name
    mask = pikepdf.Stream(pdf, page.mask_g4)
    mask.Type, mask.Subtype = name.XObject, name.Image
    mask.Width, mask.Height = page.width, page.height
    mask.ImageMask = True
    mask.BitsPerComponent = 1
    mask.Filter = name.CCITTFaxDecode
    mask.DecodeParms = pikepdf.Dictionary(K=-1, Columns=page.width, Rows=page.height, BlackIs1=False)
    # An image mask paints where its sample is 0; G4 black (ink) decodes to 0 with BlackIs1 false.
    images = {}
    for key, data, (w, h) in (("/Bg", page.background_jpeg, page.background_size),
                              ("/Fg", page.foreground_jpeg, page.foreground_size)):
        im = pikepdf.Stream(pdf, data)
        im.Type, im.Subtype = name.XObject, name.Image
        im.Width, im.Height = w, h
        im.ColorSpace = name.DeviceRGB
        im.BitsPerComponent = 8
        im.Filter = name.DCTDecode
        images[key] = im
    images["/Fg"].Mask = mask
    wpt, hpt = page.width * 72.0 / page.dpi, page.height * 72.0 / page.dpi
    content = (f"q {wpt:.4f} 0 0 {hpt:.4f} 0 0 cm /Bg Do Q\n"
               f"q {wpt:.4f} 0 0 {hpt:.4f} 0 0 cm /Fg Do Q\n").encode()
    pdf_page = pikepdf.Dictionary(
        Type=name.Page, MediaBox=[0, 0, wpt, hpt],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Bg=images["/Bg"], Fg=images["/Fg"])),
        Contents=pikepdf.Stream(pdf, content))
    pdf.pages.append(pikepdf.Page(pdf_page))
    return pdf.pages[-1]
