"""Page registration (pure numpy): where a printed C1 sheet lies in a photo or a scan, from the
sheet's edges against the background (:func:`page_quad`) or from the plano's four printed corner
squares (:func:`corner_squares`). The screens reduce an image to grey and call these
(``qt/imageload.py``); the command line or a service could do the same with any decoder.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kamarhitung.core.template import CORNER_SQUARES

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
"""Where the printed sheet lies in an image: its top-left, top-right, bottom-right and bottom-left
corners, normalised to the image."""

REGISTER_WIDTH = 500
"""Pixels across the reduced copy in which the sheet's corners are looked for."""


def _otsu(gray: npt.NDArray[np.uint8]) -> int:
    """The threshold that best splits the grey levels in two classes (Otsu's method)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 - m0 * total) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def _erode(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """A 3×3 erosion: specks of light on the background disappear."""
    m = mask.copy()
    m[1:, :] &= mask[:-1, :]
    m[:-1, :] &= mask[1:, :]
    m[:, 1:] &= mask[:, :-1]
    m[:, :-1] &= mask[:, 1:]
    return m


def _quad_area(q: Sequence[tuple[float, float]]) -> float:
    return 0.5 * abs(
        sum(q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1] for i in range(4))
    )


def _fit_edge(
    along: npt.NDArray[np.float64], across: npt.NDArray[np.float64], samples: int
) -> tuple[float, float] | None:
    """A straight edge ``across = a * along + b`` through boundary points, outliers dropped; None
    when too few points were found (the sheet runs off the frame there) or they are not a line."""
    if along.size < max(8, samples // 4):
        return None
    keep = np.ones(along.size, dtype=bool)
    a = b = 0.0
    for _ in range(3):
        a, b = np.polyfit(along[keep], across[keep], 1)
        resid = np.abs(across - (a * along + b))
        keep = resid < max(1.5, 3 * float(np.median(resid[keep])))
        if keep.sum() < max(8, samples // 4):
            return None
    if float(np.sqrt(np.mean((across[keep] - (a * along[keep] + b)) ** 2))) > 2.0:
        return None
    return (float(a), float(b))


def _first_true(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
    """Per row, the index of the first True (the row's length where there is none)."""
    idx: npt.NDArray[np.intp] = np.argmax(mask, axis=1)
    idx[~mask.any(axis=1)] = mask.shape[1]
    return idx


def _refine(
    profiles: npt.NDArray[np.float64], coarse: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Where each profile (read from the background into the sheet) crosses halfway between its
    background and sheet levels near ``coarse`` (the eroded mask's first sheet pixel), to a
    fraction of a pixel: light falls off across a photo, so one global threshold would not do."""
    half = 8
    length = profiles.shape[1]
    offs = np.arange(-2 * half, half + 1)
    idx = np.clip(coarse[:, None] + offs[None, :], 0, length - 1)
    win = np.take_along_axis(profiles, idx, axis=1)
    bg = win[:, :half].min(axis=1)
    sheet = win[:, -half:].max(axis=1)
    level = (bg + sheet) / 2
    above = win >= level[:, None]
    k = np.argmax(above, axis=1)  # the first sample at or above the level
    k = np.clip(k, 1, win.shape[1] - 1)
    rows = np.arange(win.shape[0])
    a, b = win[rows, k - 1], win[rows, k]
    frac = np.where(b > a, (level - a) / np.maximum(b - a, 1e-9), 0.0)
    # The boundary between sample k-1 and k, in pixel-edge coordinates (a pixel's centre is +0.5).
    out: npt.NDArray[np.float64] = idx[rows, k - 1] + 0.5 + np.clip(frac, 0.0, 1.0)
    return out


def page_quad(gray: npt.NDArray[np.uint8]) -> Quad | None:
    """Where the sheet lies in a photo (a grey image, about :data:`REGISTER_WIDTH` across): its
    corners (top-left, top-right, bottom-right, bottom-left) normalised to the image, or None
    when they cannot be found with confidence.

    The sheet is the bright region against a darker background (an Otsu threshold on a grey
    image, eroded). Each of its four edges is fitted as a straight line through the points
    where the background gives way to the sheet, wherever the background shows on that side, so
    a corner may lie outside the photo; the corners are where the edges meet. None (the sheet is
    then taken to fill the image) when a side shows no background (a scan, or a sheet running off
    the frame), when the edges are not straight, or when the result is implausible.
    """
    h, w = gray.shape
    t = _otsu(gray)
    dark, bright = gray[gray <= t], gray[gray > t]
    if dark.size == 0 or bright.size == 0 or float(bright.mean()) - float(dark.mean()) < 40:
        return None  # no clear sheet-versus-background contrast
    mask = _erode(_erode(gray > t))
    g = gray.astype(np.float64)
    edges: list[tuple[float, float]] = []
    # Top, bottom (y as a function of x), left, right (x as a function of y), each scanned from
    # the outside in: sample the middle 80% of each side; where the sheet reaches the image's
    # border, no background showed on that line and it is skipped.
    for m, prof, flip, lim in (
        (mask.T, g.T, False, h),
        (mask.T[:, ::-1], g.T[:, ::-1], True, h),
        (mask, g, False, w),
        (mask[:, ::-1], g[:, ::-1], True, w),
    ):
        n = m.shape[0]
        lo, hi = int(n * 0.1), int(n * 0.9)
        first = _first_true(m[lo:hi])
        pos = np.arange(lo, hi, dtype=np.float64) + 0.5
        ok = (first > 0) & (first < lim)
        edge_at = _refine(prof[lo:hi][ok], first[ok])
        if flip:
            edge_at = lim - edge_at
        fit = _fit_edge(pos[ok], edge_at, hi - lo)
        if fit is None:
            return None
        edges.append(fit)
    (at, bt), (ab, bb), (al, bl), (ar, br) = edges

    def meet(a_h: float, b_h: float, a_v: float, b_v: float) -> tuple[float, float] | None:
        # y = a_h x + b_h and x = a_v y + b_v
        den = 1.0 - a_h * a_v
        if abs(den) < 1e-9:
            return None
        y = (a_h * b_v + b_h) / den
        return ((a_v * y + b_v) / w, y / h)

    corners = [
        meet(at, bt, al, bl),
        meet(at, bt, ar, br),
        meet(ab, bb, ar, br),
        meet(ab, bb, al, bl),
    ]
    if any(c is None for c in corners):
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (c for c in corners if c is not None)
    quad = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    if not (x0 < x1 and x3 < x2 and y0 < y3 and y1 < y2):
        return None
    if not 0.4 <= _quad_area(quad) <= 1.3 or any(abs(v) > 0.3 for v in (x0, y0, x3, y1)):
        return None
    return quad


def _homography(
    src: Sequence[tuple[float, float]], dst: Sequence[tuple[float, float]]
) -> npt.NDArray[np.float64] | None:
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(src, dst, strict=True)):
        a[2 * i] = (x, y, 1, 0, 0, 0, -x * u, -y * u)
        a[2 * i + 1] = (0, 0, 0, x, y, 1, -x * v, -y * v)
        b[2 * i], b[2 * i + 1] = u, v
    try:
        coeffs = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return None
    out: npt.NDArray[np.float64] = np.append(coeffs, 1.0).reshape(3, 3)
    return out


def corner_squares(gray8: npt.NDArray[np.uint8]) -> Quad | None:
    """Where the sheet lies in a grey image (about :data:`REGISTER_WIDTH` across), from the
    plano's four printed corner squares, or None when the four
    are not all visible (a salinan has none; a photo may cut one off).

    Each corner of the photo is searched for a solid dark square on bright paper at several
    sizes (a box filter over an integral image: the square's inside against a ring around it).
    The four centres, matched to where the template prints them (CORNER_SQUARES), give the
    page's perspective; the page's own corners are mapped through it. More exact than the
    sheet's edges: the squares are printed at known places, the paper's edge is not.
    """
    gray = gray8.astype(np.float64)
    h, w = gray.shape
    ii = np.zeros((h + 1, w + 1))
    ii[1:, 1:] = gray.cumsum(0).cumsum(1)

    def box_mean(y0: int, x0: int, s: int) -> npt.NDArray[np.float64]:
        """Mean over every s×s window whose top-left corner is (y, x), y ≥ y0, x ≥ x0."""
        tot = ii[y0 + s :, x0 + s :] - ii[y0 + s :, x0:-s] - ii[y0:-s, x0 + s :] + ii[y0:-s, x0:-s]
        out: npt.NDArray[np.float64] = tot / (s * s)
        return out

    found: list[tuple[float, float]] = []
    windows = ((0, 0), (1, 0), (1, 1), (0, 1))  # TL, TR, BR, BL: which side in x, in y
    best_by_corner: list[tuple[float, float, float] | None] = [None] * 4
    for s in range(max(3, round(w * 0.012)), max(4, round(w * 0.034)) + 1):
        m = s // 2
        inner = box_mean(m, m, s)  # windows of side s starting at (m, m)
        outer = box_mean(0, 0, 2 * s)  # the window of side 2s around it
        hh = min(inner.shape[0], outer.shape[0])
        ww = min(inner.shape[1], outer.shape[1])
        inner, outer = inner[:hh, :ww], outer[:hh, :ww]
        ring = (outer * 4 - inner) / 3
        score = ring - inner
        score[inner > 90] = -1.0
        for k, (sx, sy) in enumerate(windows):
            xs = slice(0, int(ww * 0.25)) if sx == 0 else slice(int(ww * 0.75), ww)
            ys = slice(0, int(hh * 0.2)) if sy == 0 else slice(int(hh * 0.8), hh)
            part = score[ys, xs]
            if part.size == 0:
                continue
            j = int(np.argmax(part))
            py, px = divmod(j, part.shape[1])
            val = float(part[py, px])
            cy = (ys.start + py + m + s / 2) / h
            cx = (xs.start + px + m + s / 2) / w
            prev = best_by_corner[k]
            if prev is None or val > prev[0]:
                best_by_corner[k] = (val, cx, cy)
    for b in best_by_corner:
        if b is None or b[0] < 80:
            return None
        found.append((b[1], b[2]))
    hm = _homography(CORNER_SQUARES, found)
    if hm is None:
        return None
    corners = []
    for x, y in ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)):
        u, v, q = hm @ np.array([x, y, 1.0])
        if abs(q) < 1e-9:
            return None
        corners.append((float(u / q), float(v / q)))
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    quad = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    if not (x0 < x1 and x3 < x2 and y0 < y3 and y1 < y2):
        return None
    if not 0.4 <= _quad_area(quad) <= 1.3:
        return None
    return quad
