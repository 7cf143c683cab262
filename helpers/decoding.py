"""Bytes of one file to text, with every decision stated.

``decode(data)`` returns a :class:`Decoded`: the text, the encoding it was read with, how that
encoding was chosen (``rule``), the candidates a detector weighed (``detail``) and warnings a
reader must see (bytes replaced, for instance). Bytes that are not text raise :class:`NotText`
with a reason label and a sentence saying why.

Order of evidence, strongest first: a byte-order mark (UTF-32 before UTF-16, whose mark is a
prefix of UTF-32-LE's); the NUL pattern of BOM-less UTF-16/32; strict UTF-8; UTF-8 with a few
bad bytes (the file holds valid multi-byte UTF-8 too, so it is UTF-8 damaged, not another code
page); then charset detection (charset_normalizer), with a Western single-byte preference where
its candidates disagree between code pages that decode the same bytes into different letters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer

# Control characters never stand in text; replacement characters stand for bytes lost. Above
# these shares of the visible characters, decoded bytes are not text.
MAX_CONTROL_SHARE = 0.01
MAX_REPLACEMENT_SHARE = 0.25
# Bad bytes a UTF-8 file may hold and still be read as UTF-8 (with U+FFFD in their place): at
# most this share of its bytes, and fewer than its valid multi-byte characters.
MAX_BAD_UTF8_SHARE = 0.01
# In BOM-less UTF-16 the NULs fall on one parity only: nearly every high byte of Latin text, the
# high byte of each space, digit and punctuation mark of Cyrillic (whose letters are 0x04).
UTF16_NUL_SHARE = 0.1
UTF16_MIN_BYTES = 16  # fewer bytes than this say nothing about where NULs fall
SHOWN_OFFSETS = 5
BOMS = [  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
# Characters a Western (cp1252) text plausibly holds beyond ASCII: Latin-1 letters and signs and
# cp1252's typographic punctuation.
_WESTERN_EXTRA = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
# Latin-1 signs that stand between two letters only when another code page's letters were read
# as Latin-1 (cp1250 "ż" is cp1252 "¿", "ą" is "¹", "ł" is "³").
_SIGN_IN_WORD = re.compile(r"(?<=[^\W\d_])[\xa1-\xbf\xd7\xf7](?=[^\W\d_])")


class NotText(Exception):
    """The bytes are not text; ``reason`` is a label, the message says why."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


@dataclass
class Decoded:
    text: str
    encoding: str
    rule: str  # bom, nul-pattern, utf-8, utf-8-repaired, charset-detection
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    """Bytes to :class:`Decoded`; raises NotText for empty files and bytes that are not text.

    >>> decode("Muñoz".encode("cp1252")).text, decode(b"\\xff\\xfeh\\x00i\\x00").encoding
    ('Muñoz', 'utf-16')
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return _checked(_lenient(data[len(bom) :], codec, name, "bom", offset=len(bom)))
    if not data.strip():
        raise NotText("empty-file", "the file is empty or holds only whitespace")
    if b"\x00" in data:
        codec = _nul_pattern(data)
        if codec is None:
            return _stray_nuls(data)
        return _checked(_lenient(data, codec, codec.replace("-le", "le").replace("-be", "be"),
                                 "nul-pattern"))  # fmt: skip
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", "utf-8"))
    except UnicodeDecodeError:
        pass
    bad = _bad_utf8_offsets(data)
    if len(bad) <= MAX_BAD_UTF8_SHARE * len(data) and _valid_multibyte(data) > len(bad):
        decoded = Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf-8-repaired")
        decoded.warnings.append(_replaced(len(bad), bad))
        return _checked(decoded)
    return _checked(_detect(data))


def _stray_nuls(data: bytes) -> Decoded:
    """UTF-8 text with a few stray NUL bytes (a damaged export) keeps its words; more is binary."""
    nuls = [m.start() for m in re.finditer(b"\x00", data)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or len(nuls) > MAX_BAD_UTF8_SHARE * len(data):
        raise NotText("not-text", "the file holds NUL bytes: binary, not text")
    decoded = Decoded(text.replace("\x00", "\ufffd"), "utf-8", "utf-8-repaired")
    decoded.warnings.append(_replaced(len(nuls), nuls, "NUL byte"))
    return _checked(decoded)


def _lenient(data: bytes, codec: str, name: str, rule: str, offset: int = 0) -> Decoded:
    """Decode strictly; on a bad sequence (odd length, lone surrogate) replace and say where."""
    try:
        return Decoded(data.decode(codec), name, rule)
    except UnicodeDecodeError:
        pass
    bad: list[int] = []

    def note(error: UnicodeDecodeError):
        bad.append(offset + error.start)
        return "\ufffd", error.end

    codecs.register_error("multivector-note", note)
    text = data.decode(codec, errors="multivector-note")
    decoded = Decoded(text, name, rule)
    decoded.warnings.append(_replaced(len(bad), bad))
    return decoded


def _replaced(n: int, offsets: list[int], what: str = "invalid byte sequence") -> str:
    shown = ", ".join(map(str, offsets[:SHOWN_OFFSETS])) + (", …" if n > SHOWN_OFFSETS else "")
    noun = what if n == 1 else what + "s"
    return f"{n} {noun} replaced with U+FFFD at byte offset(s) {shown}"


def _bad_utf8_offsets(data: bytes) -> list[int]:
    bad: list[int] = []

    def note(error: UnicodeDecodeError):
        bad.append(error.start)
        return "", error.end

    codecs.register_error("multivector-utf8", note)
    data.decode("utf-8", errors="multivector-utf8")
    return bad


_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _valid_multibyte(data: bytes) -> int:
    return len(_MULTIBYTE.findall(data))


def _nul_pattern(data: bytes) -> str | None:
    """utf-16-le/-be or utf-32-le/-be from where the NUL bytes fall, else None (binary)."""
    n = len(data)
    if n < UTF16_MIN_BYTES:
        return None
    if n % 4 == 0 and n >= 8:
        for codec, zeros in (("utf-32-le", (2, 3)), ("utf-32-be", (0, 1))):
            if all(data[k::4].count(0) >= 0.9 * (n // 4) for k in zeros):
                return codec
    half = n // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= UTF16_NUL_SHARE * half and others <= 0.01 * half:
            return codec
    return None


def _detect(data: bytes) -> Decoded:
    matches = charset_normalizer.from_bytes(data)
    candidates = [(m.encoding, m.percent_chaos, m.percent_coherence) for m in matches]
    shown = "; ".join(f"{e} (chaos {c:.1f}%, coherence {h:.1f}%)" for e, c, h in candidates[:5])
    best = matches.best()
    western = _western(data)
    if western is not None:
        return Decoded(western[0], western[1], "charset-detection",
                       f"candidates: {shown or 'none'}; chose {western[1]}: the text reads as "
                       "Western (Latin-1 letters and typographic punctuation only)")  # fmt: skip
    # A detector that recognised no language (coherence near 0) has guessed: short Cyrillic.
    if best is None or (best.encoding not in _CYRILLIC and best.percent_coherence < 10):
        if (cyrillic := _cyrillic(data)) is not None:
            return Decoded(cyrillic[0], cyrillic[1], "charset-detection",
                           f"candidates: {shown or 'none'}; chose {cyrillic[1]}: the text reads "
                           "as Russian-alphabet words (capital, then lower case)")  # fmt: skip
    if best is None:
        raise NotText("not-text", "no text encoding fits its bytes")
    return Decoded(str(best), best.encoding, "charset-detection",
                   f"candidates: {shown}; chose {best.encoding}")  # fmt: skip


def _western(data: bytes) -> tuple[str, str] | None:
    """(text, codec) when cp1252 (or latin-1) reads the bytes as plausible Western text: every
    non-ASCII character a Latin-1 letter or sign or typographic punctuation, most letters ASCII
    (a Cyrillic or Greek code page read as cp1252 gives runs of accented letters) and no sign
    inside a word (a Central European one gives "Za¿ó³æ"). Detectors rank cp1250, cp852 or even
    hp_roman8 above cp1252 on short Western texts ("Muñoz" → "Muńoz"), so this is asked first."""
    for codec in ("cp1252", "latin_1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        extra = _NON_ASCII.findall(text)
        if not all(c in _WESTERN_EXTRA or 0xA0 <= ord(c) <= 0xFF for c in extra):
            continue
        letters = len(text) - len(_LETTER.sub("", text))
        accented = sum(c.isalpha() for c in extra)
        if letters and accented <= 0.2 * letters and not _accented_runs(text):
            if not _SIGN_IN_WORD.search(text):
                return text, codec
    return None


_CYRILLIC = {"cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "cp855"}
_CYRILLIC_TEXT = re.compile(r"^[\x00-\x7f\u0400-\u04ff\xa0«»—–…№“”„‘’•°§©®]*$")
# A Latin letter touching a Cyrillic one: a Latin code page read as Cyrillic ("Zaїуіж").
_MIXED_SCRIPT = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
_LOWER_IN_WORD = re.compile(r"(?<=[\u0400-\u04ff])[\u0430-\u045f]")


def _cyrillic(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for the Russian code page (cp1251, KOI8-R, cp866) under which the bytes are
    Cyrillic words written as words are (lower case after the first letter): detectors guess
    big5 or a Latin page for a short Cyrillic file. KOI8-R read as cp1251 gives capitals inside
    words, so the lower-case count tells the two apart."""
    best: tuple[int, str, str] | None = None
    for codec in ("cp1251", "koi8_r", "cp866"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _CYRILLIC_TEXT.match(text) or _MIXED_SCRIPT.search(text):
            continue
        score = len(_LOWER_IN_WORD.findall(text))
        letters = len(re.findall(r"[\u0400-\u04ff]", text))
        if letters and score >= 0.5 * letters and (best is None or score > best[0]):
            best = (score, text, codec)
    return None if best is None else (best[1], best[2])


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_SPACE = re.compile(r"\s")
_ASCII_SPACE = [c for c in map(chr, range(128)) if c.isspace()]  # what str.split splits at


def _accented_runs(text: str) -> bool:
    """Three non-ASCII letters in a row in many words: another script read as Latin-1."""
    runs = re.findall(r"[^\x00-\x7f\W]{3,}", text)
    return len(runs) >= 3


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text or text.isspace():  # what str.strip() would leave empty, without a copy
        raise NotText("empty-file", f"decoded as {decoded.encoding} it holds only whitespace")
    big = len(text) >= 1 << 20  # a big file: lists of its characters would cost more than a copy
    controls = len(text) - len(_CONTROL.sub("", text)) if big else len(_CONTROL.findall(text))
    replaced = text.count("\ufffd")
    if not controls and not replaced:  # most files: no share to weigh, so no need to count
        return decoded
    if big:
        visible = len(_SPACE.sub("", text))
    elif text.isascii():  # str.split's whitespace counted, no list of words made
        visible = len(text) - sum(map(text.count, _ASCII_SPACE))
    else:  # counted without copying the text (str.split's whitespace is \s)
        visible = sum(map(len, text.split()))
    visible = max(visible, 1)
    if controls > MAX_CONTROL_SHARE * visible or replaced > MAX_REPLACEMENT_SHARE * visible:
        raise NotText("not-text", f"decoded as {decoded.encoding}, {controls + replaced:,} of "
                      f"its {len(text):,} characters are control or replacement characters: "
                      "not text")  # fmt: skip
    return decoded
