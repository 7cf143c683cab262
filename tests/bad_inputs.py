"""A campaign of bad inputs, built in a temporary folder at test time (no binary files committed).

Each :class:`Case` is a small corpus folder a researcher might hand over: files from Windows and
old archives, odd names and links, a hand-made ``metadata.csv``. It states how loading must end:
the exact text (and title, or other fields) of an article, a skip whose reason and detail name the
file, a warning that names the file (and row) and the problem, or a CorpusError saying so. Every
case also gets a plain control article, so a skip does not leave an empty corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BODY = "The committee met on Monday to discuss the regional security agreement in detail."
CONTROL = "Control headline\n" + BODY + "\n"
RU = "Киргизия отменила учения ОДКБ"
RU_BODY = "Учения должны были пройти с 10 по 14 октября на базе учебного центра в Балыкчы."
WESTERN = "Juan Muñoz said “the talks went well” – and the café stayed open…"


@dataclass
class Case:
    name: str
    files: dict[str, bytes | str] = field(default_factory=dict)
    # doc_id -> {column: expected value} ("text" is the clean text, exactly)
    articles: dict[str, dict[str, object]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # file -> reason
    warns: list[str] = field(default_factory=list)  # regexes, each matched by some warning
    error: str | None = None  # regex of the CorpusError message
    links: dict[str, str] = field(default_factory=dict)  # link name -> target
    limits: dict[str, int] = field(default_factory=dict)  # helpers.corpus constants to lower
    check: Callable | None = None  # extra check on the Corpus
    control: bool = True

    def build(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        files = dict(self.files)
        if self.control:
            files.setdefault("control.txt", CONTROL)
        for name, content in files.items():
            path = folder / os.fsdecode(name.encode("utf-8", "surrogateescape"))
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            path.write_bytes(data)
        for name, target in self.links.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, folder / name)
        return folder


def article(title: str, *paragraphs: str, newline: str = "\n") -> str:
    return newline.join([title, *paragraphs]) + newline


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _encodings() -> list[Case]:
    plain = article("Headline", BODY, "Second paragraph of the story.")
    exact = {"title": "Headline", "text": text(BODY, "Second paragraph of the story.")}
    cases = [
        Case("utf-8", {"a.txt": plain}, {"a": exact | {"encoding": "utf-8"}}),
        Case("utf-8 bom", {"a.txt": b"\xef\xbb\xbf" + plain.encode()},
             {"a": exact | {"encoding": "utf-8-sig"}}),
    ]  # fmt: skip
    for codec, shown in [("utf-16", "utf-16"), ("utf-32", "utf-32")]:
        for order in ("le", "be"):
            bom = {"utf-16": {"le": b"\xff\xfe", "be": b"\xfe\xff"},
                   "utf-32": {"le": b"\xff\xfe\x00\x00", "be": b"\x00\x00\xfe\xff"}}[codec][order]  # fmt: skip
            data = bom + plain.encode(f"{codec}-{order}")
            cases.append(Case(f"{codec}-{order} bom", {"a.txt": data},
                              {"a": exact | {"encoding": shown}}))  # fmt: skip
            cases.append(Case(f"{codec}-{order} no bom", {"a.txt": plain.encode(f"{codec}-{order}")},
                              {"a": exact | {"encoding": f"{codec}{order}"}}))  # fmt: skip
    ru = article(RU, RU_BODY)
    ru_exact = {"title": RU, "text": RU_BODY}
    cases += [
        Case("utf-16-le no bom cyrillic", {"a.txt": ru.encode("utf-16-le")}, {"a": ru_exact}),
        Case("utf-16 odd length", {"a.txt": b"\xff\xfe" + plain.encode("utf-16-le") + b"x"},
             {"a": {"title": "Headline", "text": text(BODY, "Second paragraph of the story.",
                                                       "\ufffd")}},
             warns=[r"^a\.txt: 1 invalid byte sequence replaced with U\+FFFD at byte offset\(s\) "
                    r"\d+"]),
        Case("utf-16 lone surrogate",
             {"a.txt": b"\xff\xfe" + "Headline\nOne ".encode("utf-16-le") + b"\x00\xd8"
              + "two.\n".encode("utf-16-le")},
             {"a": {"title": "Headline", "text": "One \ufffdtwo.",
                    "decode_warnings": "1 invalid byte sequence replaced with U+FFFD at byte "
                                       "offset(s) 28"}},
             warns=[r"^a\.txt: 1 invalid byte sequence .* offset\(s\) 28$"]),
        Case("latin-1 Muñoz", {"a.txt": article("Muñoz wins", WESTERN.replace("“", '"')
                                                .replace("”", '"').replace("–", "-")
                                                .replace("…", "."), ).encode("latin-1")},
             {"a": {"title": "Muñoz wins", "encoding": "cp1252"}}),
        Case("cp1252 smart quotes", {"a.txt": article("Muñoz wins", WESTERN).encode("cp1252")},
             {"a": {"title": "Muñoz wins", "text": WESTERN, "encoding": "cp1252"}}),
        Case("cp1252 one word", {"a.txt": "Muñoz\n".encode("cp1252")},
             {"a": {"title": "Muñoz", "text": ""}}),
        Case("cp1252 euro", {"a.txt": article("Prices", "It cost €5 or £4.").encode("cp1252")},
             {"a": {"text": "It cost €5 or £4."}}),
        Case("latin-1 French", {"a.txt": article("Élysée", "Le café du garçon à Noël, où l'été "
                                                 "commence.").encode("latin-1")},
             {"a": {"title": "Élysée", "text": "Le café du garçon à Noël, où l'été commence."}}),
        Case("latin-1 German", {"a.txt": article("Größe", "Müller ging über die Straße.")
                                .encode("latin-1")},
             {"a": {"title": "Größe", "text": "Müller ging über die Straße."}}),
        Case("cp1250 Polish", {"a.txt": article("Łódź", "Zażółć gęślą jaźń, rzekł Wałęsa.")
                               .encode("cp1250")},
             {"a": {"title": "Łódź", "text": "Zażółć gęślą jaźń, rzekł Wałęsa."}}),
        Case("cp1251 Russian", {"a.txt": ru.encode("cp1251")}, {"a": ru_exact | {"encoding": "cp1251"}}),
        Case("koi8-r Russian", {"a.txt": ru.encode("koi8_r")}, {"a": ru_exact | {"encoding": "koi8_r"}}),
        Case("cp1251 one word", {"a.txt": "Бишкек\n".encode("cp1251")},
             {"a": {"title": "Бишкек", "encoding": "cp1251"}}),
        Case("utf-8 Russian", {"a.txt": ru}, {"a": ru_exact | {"encoding": "utf-8"}}),
        Case("utf-8 CJK and emoji", {"a.txt": article("北京 🙂", "中文新闻报道。 😀")},
             {"a": {"title": "北京 🙂", "text": "中文新闻报道。 😀"}}),
        Case("utf-8 one bad byte",
             {"a.txt": article("Café “news”", "Naïve — text " + "x" * 200).encode()
              + b"caf\xe9 end.\n"},
             {"a": {"title": "Café “news”", "encoding": "utf-8",
                    "text": text("Naïve — text " + "x" * 200, "caf\ufffd end.")}},
             warns=[r"^a\.txt: 1 invalid byte sequence replaced with U\+FFFD at byte offset\(s\) "
                    r"23\d$"]),
        Case("utf-8 three bad bytes",
             {"a.txt": ("Headline ü ü ü ü\n" + "ok " * 200).encode() + b"\xff a \xfe b \xc3\n"},
             {"a": {"title": "Headline ü ü ü ü", "encoding": "utf-8"}},
             warns=[r"^a\.txt: 3 invalid byte sequences replaced .* offset\(s\) \d+, \d+, \d+$"]),
        Case("binary png", {"img.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
             skipped={"img.txt": "not-text"}, warns=[r"img\.txt \(the file holds NUL bytes"]),
        Case("binary no nul", {"b.txt": bytes(range(1, 256)) * 8}, skipped={"b.txt": "not-text"},
             warns=[r"b\.txt \("]),
        Case("control characters", {"c.txt": b"Head\x01\x02\x03line\x04\x05\x06\n" * 20},
             skipped={"c.txt": "not-text"}, warns=[r"c\.txt \(decoded as utf-8, \d+ of its"]),
        Case("mostly replacement", {"r.txt": b"\xff\xfe" + b"\x00\xd8" * 50 + "ab".encode("utf-16-le")},
             skipped={"r.txt": "not-text"}, warns=[r"r\.txt \(.*replacement characters"]),
        Case("whitespace only", {"w.txt": " \n\t\r\n  "}, skipped={"w.txt": "empty-file"},
             warns=[r"empty-file: w\.txt"]),
        Case("zero bytes", {"z.txt": b""}, skipped={"z.txt": "empty-file"}),
        Case("bom only", {"z.txt": b"\xef\xbb\xbf"}, skipped={"z.txt": "empty-file"}),
        Case("utf-16 bom only", {"z.txt": b"\xff\xfe"}, skipped={"z.txt": "empty-file"}),
        Case("nul inside utf-8", {"n.txt": b"Headline\nBody\x00with a NUL byte in it, " + b"x" * 200},
             {"n": {"text": "Body\ufffdwith a NUL byte in it, " + "x" * 200}},
             warns=[r"^n\.txt: 1 NUL byte replaced with U\+FFFD at byte offset\(s\) 13$"]),
        Case("many nuls", {"n.txt": b"Headline\n" + b"ab\x00cd\x00\x00" * 30},
             skipped={"n.txt": "not-text"}, warns=[r"n\.txt \(the file holds NUL bytes"]),
    ]  # fmt: skip
    return cases


def _line_breaks() -> list[Case]:
    p = ["First paragraph.", "Second paragraph.", "Third paragraph."]
    exact = {"title": "Headline", "text": text(*p)}
    cases = [
        Case(f"breaks {label}", {"a.txt": sep.join(["Headline", *p])}, {"a": exact})
        for label, sep in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r"), ("U+2029", "\u2029"),
                           ("U+2028", "\u2028"), ("form feed", "\f"), ("NEL", "\x85"),
                           ("mixed", "\r\n\n\r"), ("vertical tab", "\v")]
    ]  # fmt: skip
    cases += [
        Case("utf-16 with U+2029", {"a.txt": "\u2029".join(["Headline", *p]).encode("utf-16")},
             {"a": exact}),
        Case("paragraphs indented with tabs", {"a.txt": "\tHeadline\n\t" + "\n\t".join(p)},
             {"a": exact}),
        Case("no final newline, trailing blanks", {"a.txt": "Headline\n\n\n" + "\n".join(p) + "   "},
             {"a": exact}),
    ]  # fmt: skip
    return cases


def _names() -> list[Case]:
    story = article("Headline", BODY)
    ok = {"title": "Headline", "text": BODY}
    return [
        Case("latin-1 file name", {"caf\udce9.txt": story}, {"caf\\xe9": ok | {"file": "caf\\xe9.txt"}}),
        Case("invalid utf-8 folder name", {"d\udcff/a.txt": story}, {"d\\xff/a": ok}),
        Case("name with spaces and unicode", {"Новости дня.txt": story}, {"Новости дня": ok}),
        Case("name with a newline", {"a\nb.txt": story}, {"a\nb": ok}),
        Case("name starting with =", {"=cmd.txt": story}, {"=cmd": ok}),
        Case("upper-case extension", {"A.TXT": story}, {"A": ok}),
        Case("a.txt and a.TXT", {"a.txt": story, "a.TXT": article("Other", BODY)},
             {"a.txt": ok, "a.TXT": {"title": "Other"}}),
        Case("deep nesting", {"a/b/c/d/e/f.txt": story}, {"a/b/c/d/e/f": ok | {"folder": "a/b/c/d/e"}}),
        Case("folder named x.txt", {"x.txt/inner.txt": story}, {"x.txt/inner": ok}),
        Case("no extension", {"notes": story}, skipped={"notes": "not-txt"}),
        Case("hidden file", {".secret.txt": story}, skipped={".secret.txt": "hidden"}),
        Case("readme", {"README.txt": story}, skipped={"README.txt": "documentation"},
             warns=[r"documentation: README\.txt"]),
        Case("sub metadata.csv", {"sub/metadata.csv": "doc_id\n"},
             skipped={"sub/metadata.csv": "not-txt"}),
        Case("broken link", links={"dead.txt": "missing.txt"}, skipped={"dead.txt": "broken-link"},
             warns=[r"broken-link: dead\.txt"]),
        Case("link to itself", links={"self.txt": "self.txt"}, skipped={"self.txt": "broken-link"}),
        Case("folder link loop", {"sub/a.txt": story}, links={"sub/up": ".."},
             articles={"sub/a": ok}, skipped={"sub/up": "link-loop"}, warns=[r"link-loop: sub/up"]),
        Case("link to a file", {"a.txt": story}, links={"b.txt": "a.txt"},
             articles={"a": ok, "b": {"duplicate_of": "a", "duplicate_kind": "exact"}}),
        Case("too large", {"big.txt": story * 10}, skipped={"big.txt": "too-large"},
             limits={"MAX_FILE_BYTES": 200},
             warns=[r"too-large: big\.txt \([\d,]+ bytes is over the limit of 200 bytes "
                    r"\(helpers\.corpus\.MAX_FILE_BYTES\)"]),
        Case("only skipped files", {"img.txt": b"\x00" * 40, "README": "about"}, control=False,
             error=r"holds no \.txt articles: 2 files found, all skipped"),
        Case("empty folder", control=False, error=r"holds no \.txt articles: it is empty"),
    ]  # fmt: skip


def _sidecar(csv: str | bytes, name: str = "metadata.csv", **expect) -> dict:
    return {name: csv, "a.txt": article("Headline", BODY), "b.txt": article("Other", BODY + " B")}


def _sidecars() -> list[Case]:
    def case(label, csv, articles=None, warns=(), error=None, name="metadata.csv", **kw):
        return Case(f"sidecar {label}", _sidecar(csv, name), articles or {}, warns=list(warns),
                    error=error, **kw)  # fmt: skip

    return [
        case("basic", "doc_id,outlet,author\na,Site,Jane Doe\n",
             {"a": {"outlet": "Site", "author": "Jane Doe"}, "b": {"outlet": None}}),
        case("upper-case name", "doc_id,outlet\na,Site\n", {"a": {"outlet": "Site"}},
             name="METADATA.CSV"),
        case("mixed-case name", "doc_id,outlet\na,Site\n", {"a": {"outlet": "Site"}},
             name="Metadata.Csv"),
        Case("sidecar two of them", {"metadata.csv": "doc_id,outlet\na,Lower\n",
                                     "METADATA.CSV": "doc_id,outlet\na,Upper\n",
                                     "a.txt": article("Headline", BODY)},
             {"a": {"outlet": "Lower"}}, skipped={"METADATA.CSV": "second-sidecar"},
             warns=[r"second-sidecar: METADATA\.CSV \(metadata\.csv is the sidecar used\)"]),
        case("latin-1", "doc_id,author\na,Juan Muñoz\n".encode("latin-1"),
             {"a": {"author": "Juan Muñoz"}}),
        case("utf-16", "doc_id,author\na,Juan Muñoz\n".encode("utf-16"),
             {"a": {"author": "Juan Muñoz"}}),
        case("utf-8 bom", "\ufeffdoc_id,outlet\na,Site\n", {"a": {"outlet": "Site"}}),
        case("crlf", "doc_id,outlet\r\na,Site\r\n", {"a": {"outlet": "Site"}}),
        case("empty", "", {"a": {"outlet": None}}, [r"^metadata\.csv: .*empty.*ignored"]),
        case("header only", "doc_id,outlet\n", {"a": {"outlet": None}}),
        case("no doc_id column", "file,outlet\na.txt,Site\n",
             error=r"metadata\.csv: has no doc_id column"),
        case("header in other case", "Doc_ID,Outlet\na,Site\n", {"a": {"outlet": "Site"}}),
        case("semicolons", "doc_id;outlet;views\na;Site;1,234\n",
             {"a": {"outlet": "Site", "views": 1234}}),
        case("tabs", "doc_id\toutlet\na\tSite\n", {"a": {"outlet": "Site"}}),
        case("quoted comma and newline", 'doc_id,outlet\na,"Site, Inc.\nLtd"\n',
             {"a": {"outlet": "Site, Inc.\nLtd"}}),
        case("ragged long row", "doc_id,outlet\na,Site,extra\nb,Other\n",
             {"a": {"outlet": None}, "b": {"outlet": "Other"}},
             [r"^metadata\.csv row 2: has 3 cells but the header has 2; the row is ignored$"]),
        case("ragged short row", "doc_id,outlet,author\na,Site\nb,Other,Ann Lee\n",
             {"a": {"outlet": None}, "b": {"author": "Ann Lee"}},
             [r"^metadata\.csv row 2: has 2 cells but the header has 3"]),
        case("views 1,234", "doc_id,views\na,\"1,234\"\n", {"a": {"views": 1234}}),
        case("views 1 234", "doc_id,views\na,1 234\n", {"a": {"views": 1234}}),
        case("views with nbsp", "doc_id,views\na,1\u00a0234\u00a0567\n", {"a": {"views": 1234567}}),
        case("views not a number", "doc_id,views,outlet\na,many,Site\n",
             {"a": {"views": None, "outlet": "Site"}},
             [r"^metadata\.csv row 2: views: 'many' is not a whole number; the cell is ignored$"]),
        case("views negative", "doc_id,views\na,-5\n", {"a": {"views": None}},
             [r"^metadata\.csv row 2: views: '-5' is not a whole number"]),
        case("views badly grouped", "doc_id,views\na,\"12,34\"\n", {"a": {"views": None}},
             [r"row 2: views: '12,34' is not a whole number"]),
        case("date iso", "doc_id,published\na,2021-03-19\n", {"a": {"published": "2021-03-19"}}),
        case("date iso with time", "doc_id,published\na,2021-03-19T11:47:00\n",
             {"a": {"published": "2021-03-19"}}),
        case("date day-first slashed", "doc_id,published\na,19/03/2021\n",
             {"a": {"published": "2021-03-19"}}),
        case("date dotted", "doc_id,published\na,19.03.2021\n", {"a": {"published": "2021-03-19"}}),
        case("date words", "doc_id,published\na,\"March 19, 2021\"\nb,19 March 2021\n",
             {"a": {"published": "2021-03-19"}, "b": {"published": "2021-03-19"}}),
        case("date month 13", "doc_id,published\na,2021-13-01\n", {"a": {"published": None}},
             [r"^metadata\.csv row 2: published: '2021-13-01' is not a valid date: month 13 does "
              r"not exist; the cell is ignored$"]),
        case("date 30 February", "doc_id,published\na,2021-02-30\n", {"a": {"published": None}},
             [r"row 2: published: '2021-02-30' is not a valid date: day 30 is not in month 2"]),
        case("date month-first", "doc_id,published\na,03/19/2021\n", {"a": {"published": None}},
             [r"row 2: published: '03/19/2021' is not a valid date: month 19 .*DD/MM/YYYY"]),
        case("date word", "doc_id,published\na,soon\n", {"a": {"published": None}},
             [r"row 2: published: 'soon' is not a date"]),
        case("duplicate identical rows", "doc_id,outlet\na,Site\na,Site\n", {"a": {"outlet": "Site"}},
             [r"^metadata\.csv row 3: doc_id: 'a' already has row 2, which this row repeats it"]),
        case("conflicting rows", "doc_id,outlet\na,Site\na,Other\n", {"a": {"outlet": "Site"}},
             [r"^metadata\.csv row 3: doc_id: 'a' already has row 2, which this row conflicts on "
              r"outlet; row 2 is used$"]),
        case("row for a missing file", "doc_id,outlet\nzzz,Site\na,Here\n", {"a": {"outlet": "Here"}},
             [r"^metadata\.csv row 2: doc_id: no article 'zzz' in the corpus folder"]),
        case("reserved text", "doc_id,text,outlet\na,Replaced body,Site\n",
             {"a": {"text": BODY, "outlet": "Site"}},
             [r"^metadata\.csv row 1: text: is computed by load_corpus and cannot be set"]),
        case("reserved file and n_words", "doc_id,file,n_words\na,x.txt,3\n",
             {"a": {"file": "a.txt", "n_words": 13}},
             [r"row 1: file: is computed", r"row 1: n_words: is computed"]),
        case("duplicate column", "doc_id,outlet,outlet\na,One,Two\n", {"a": {"outlet": "One"}},
             [r"row 1: outlet: a second column of this name"]),
        case("unnamed column", "doc_id,,outlet\na,x,Site\n", {"a": {"outlet": "Site"}},
             [r"row 1: column 2 has no name"]),
        case("doc_id as file name", "doc_id,outlet\na.txt,Site\n", {"a": {"outlet": "Site"}}),
        case("empty doc_id", "doc_id,outlet\n,Site\na,Here\n", {"a": {"outlet": "Here"}},
             [r"row 2: doc_id: is empty"]),
        case("blank lines", "doc_id,outlet\n\na,Site\n,\n", {"a": {"outlet": "Site"}}),
        case("tags", "doc_id,tags\na,CSTO; Russia ;\n", {"a": {"tags": ["CSTO", "Russia"]}}),
        case("extra column kept", "doc_id,language\na,en\n", {"a": {"language": "en"}}),
        case("overrides the text", "doc_id,title\na,Sidecar title\n", {"a": {"title": "Sidecar title"}}),
        case("binary", b"\x00\x01\x02" * 20, {"a": {"outlet": None}},
             [r"^metadata\.csv: the file holds NUL bytes.*ignored"]),
        case("formula value", "doc_id,outlet\na,=HYPERLINK(1)\n", {"a": {"outlet": "=HYPERLINK(1)"}}),
    ]  # fmt: skip


def cases() -> list[Case]:
    return _encodings() + _line_breaks() + _names() + _sidecars()
