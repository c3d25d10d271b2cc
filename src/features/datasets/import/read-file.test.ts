import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeWindows1252, FileProblem, type EncodingChoice } from "@/lib/csv/decode";
import { MAX_RECORD_CELLS, MAX_RECORD_CHARS, type DelimiterChoice } from "@/lib/csv/tokenizer";
import { previewBytes } from "../components/import-preview";
import type { ImportFormat } from "./mapping";
import { parseRows } from "./parse-rows";
import { ImportFileReader, MAX_JSONL_LINE_CHARS, type ReadRow } from "./read-file";

const SPECTRUM = path.resolve(import.meta.dirname, "../../../lib/csv/fixtures/csv-spectrum");
const FIXTURES = path.resolve(import.meta.dirname, "fixtures");
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const bytes = (text: string) => new TextEncoder().encode(text);

interface Read {
  columns: string[] | null;
  rows: ReadRow[];
  encoding: string;
  delimiter: string | undefined;
}

/** Reads bytes as the server does, fed in chunks of `chunk` bytes (every chunking must give the same rows). */
function read(
  data: Uint8Array,
  format: ImportFormat = "csv",
  options: { encoding?: EncodingChoice; delimiter?: DelimiterChoice } = {},
  chunk = data.length || 1,
): Read {
  const reader = new ImportFileReader(format, options);
  const rows: ReadRow[] = [];
  for (let i = 0; i < data.length; i += chunk) rows.push(...reader.push(data.subarray(i, i + chunk)));
  rows.push(...reader.end());
  return { columns: reader.columns, rows, encoding: reader.encoding.encoding, delimiter: reader.delimiter?.delimiter };
}

/** Same rows whatever the chunk size: whole, 1 byte (splits every CRLF and every multi-byte character), 2, 3 and 7 bytes. */
function readEveryWay(data: Uint8Array, format: ImportFormat = "csv", options: { encoding?: EncodingChoice; delimiter?: DelimiterChoice } = {}): Read {
  const whole = read(data, format, options);
  for (const size of [1, 2, 3, 7]) expect(read(data, format, options, size)).toEqual(whole);
  return whole;
}

function problemOf(fn: () => unknown): FileProblem {
  try {
    fn();
  } catch (error) {
    if (error instanceof FileProblem) return error;
    throw error;
  }
  throw new Error("expected a FileProblem");
}

const values = (result: Read) => result.rows.map((row) => row.value);
const lines = (result: Read) => result.rows.map((row) => row.line);

describe("csv-spectrum corpus", () => {
  const cases = fs.readdirSync(SPECTRUM).filter((name) => name.endsWith(".csv"));
  it("has the corpus's cases", () => {
    expect(cases.map((name) => name.replace(/\.csv$/, "")).sort()).toEqual(
      [
        "comma_in_quotes",
        "empty",
        "empty_crlf",
        "escaped_quotes",
        "json",
        "location_coordinates",
        "newlines",
        "newlines_crlf",
        "quotes_and_newlines",
        "simple",
        "simple_crlf",
        "utf8",
      ].sort(),
    );
  });
  for (const name of cases) {
    it(`reads ${name}`, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(SPECTRUM, name.replace(/\.csv$/, ".json")), "utf8")) as Record<string, string>[];
      const result = readEveryWay(new Uint8Array(fs.readFileSync(path.join(SPECTRUM, name))));
      expect(result.rows.filter((row) => row.problem)).toEqual([]);
      expect(values(result)).toEqual(expected);
      expect(result.delimiter).toBe(",");
    });
  }
});

describe("line endings", () => {
  it("never merges or splits records when CRLF, LF and CR are mixed, and counts lines as a user sees them", () => {
    const result = readEveryWay(fixture("mixed-line-endings.csv"));
    expect(result.columns).toEqual(["question", "answer"]);
    expect(values(result)).toEqual([
      { question: "q1", answer: "a1" },
      { question: "q2", answer: "a2" },
      { question: "q3", answer: "two\r\nlines" },
      { question: "q4", answer: "a4" },
      { question: "q5", answer: "lf\ninside" },
      { question: "q6", answer: "a6" },
    ]);
    // header 1, q1 2, q2 3, q3 4–5, q4 6, q5 7–8, empty line 9, q6 10
    expect(lines(result)).toEqual([2, 3, 4, 6, 7, 10]);
  });

  it("keeps a quoted line break of any kind inside its cell", () => {
    for (const br of ["\n", "\r\n", "\r"]) {
      const result = readEveryWay(bytes(`a,b${br}"x${br}y",z${br}next,row`));
      expect(values(result)).toEqual([
        { a: `x${br}y`, b: "z" },
        { a: "next", b: "row" },
      ]);
      expect(lines(result)).toEqual([2, 4]);
    }
  });

  it("a record ending in an empty cell, and a file without a final line break", () => {
    expect(values(readEveryWay(bytes("a,b\r\n1,\r\n2,")))).toEqual([
      { a: "1", b: "" },
      { a: "2", b: "" },
    ]);
  });
});

describe("delimiters", () => {
  it("detects semicolon from the header, keeping commas in cells", () => {
    const result = readEveryWay(fixture("semicolon.csv"));
    expect(result.delimiter).toBe(";");
    expect(values(result)).toEqual([
      { question: "What is 1,5 + 1?", answer: "2,5", note: "decimal comma" },
      { question: "Quoted; with semicolon", answer: "x", note: "" },
    ]);
  });

  it("detects tab and pipe", () => {
    const tab = readEveryWay(fixture("tab.tsv"));
    expect(tab.delimiter).toBe("\t");
    expect(values(tab)).toEqual([{ question: "What, exactly?", answer: "this; that" }]);
    const pipe = readEveryWay(fixture("pipe.csv"));
    expect(pipe.delimiter).toBe("|");
    expect(values(pipe)).toEqual([{ question: "A", answer: "B" }]);
  });

  it("a one-column file stays one column; a chosen delimiter wins over detection", () => {
    expect(values(readEveryWay(bytes('input\n"hello, world"\n')))).toEqual([{ input: "hello, world" }]);
    expect(readEveryWay(bytes("input\nhello, world\n")).rows[0]?.problem).toMatch(
      /2 cells, but the header has 1 columns \(a cell with the delimiter in it must be quoted\)/,
    );
    expect(values(readEveryWay(bytes("a;b,c\n1;2,3\n"), "csv", { delimiter: "," }))).toEqual([{ "a;b": "1;2", c: "3" }]);
  });

  it("a chosen delimiter the header does not have is a problem with the file, with a hint", () => {
    const problem = problemOf(() => read(fixture("semicolon.csv"), "csv", { delimiter: "\t" }));
    expect(problem.message).toMatch(/header has no tab.*looks separated by semicolon/);
    expect(problem.line).toBe(1);
  });

  it("a row with more cells than the header is a row problem naming its line", () => {
    const result = readEveryWay(bytes("a,b\n1,2\n3,4,5\n6\n"));
    expect(result.rows.map((row) => [row.line, row.problem])).toEqual([
      [2, undefined],
      [3, "the row has 3 cells, but the header has 2 columns (a cell with the delimiter in it must be quoted)"],
      [4, "the row has 1 cell, but the header has 2 columns"],
    ]);
  });
});

describe("encodings", () => {
  it("UTF-8 with and without a byte-order mark (the mark is not part of the first column's name)", () => {
    const withBom = readEveryWay(fixture("utf8-bom.csv"));
    expect(withBom.columns).toEqual(["question", "answer"]);
    expect(values(withBom)).toEqual([{ question: "café", answer: "crème" }]);
    expect(values(readEveryWay(bytes("question,answer\ncafé,crème\n")))).toEqual(values(withBom));
  });

  it("UTF-16 LE and BE with a byte-order mark, detected (surrogate pairs split across chunks too)", () => {
    const le = readEveryWay(fixture("utf16le-bom-semicolon.csv"));
    expect(le).toMatchObject({ encoding: "utf-16le", delimiter: ";", columns: ["question", "answer"] });
    expect(values(le)).toEqual([
      { question: "Café?", answer: "Oui, crème" },
      { question: "日本語", answer: "✓ 𝄞" },
    ]);
    const be = readEveryWay(fixture("utf16be-bom.csv"));
    expect(be.encoding).toBe("utf-16be");
    expect(values(be)).toEqual([{ question: "café", answer: "𝄞" }]);
  });

  it("refuses Windows-1252 bytes read as UTF-8 with the line and a hint, and reads them when chosen", () => {
    const data = fixture("windows-1252.csv");
    const problem = problemOf(() => read(data));
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("not valid UTF-8");
    expect(problem.message).toContain("line 2 has the byte E9");
    expect(problem.message).toContain("looks like Windows-1252");
    // The same problem however the bytes arrive.
    expect(problemOf(() => read(data, "csv", {}, 1)).message).toBe(problem.message);
    const chosen = readEveryWay(data, "csv", { encoding: "windows-1252" });
    expect(values(chosen)).toEqual([
      { question: "Café?", answer: "Oui" },
      { question: "Prix en €?", answer: "5 €" },
    ]);
  });

  it("decodes every Windows-1252 byte as the Encoding Standard says (0x80–0x9F included), the same as Python's cp1252", () => {
    const high = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    expect(decodeWindows1252(high)).toBe("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
    expect(decodeWindows1252(Uint8Array.from([0x41, 0x81, 0xa0, 0xe9, 0xff]))).toBe("A\u0081\u00a0éÿ");
  });

  it("refuses UTF-16 without a byte-order mark, a truncated character and a lone surrogate", () => {
    expect(problemOf(() => read(fixture("utf16le-no-bom.csv"))).message).toMatch(/UTF-16 text without a byte-order mark/);
    const truncated = problemOf(() => read(new Uint8Array([...bytes("a\nb\n"), 0xe2, 0x82])));
    expect(truncated.line).toBe(3);
    const lone = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([0x61, 0x0a, 0xd800, 0x62]).buffer)]);
    expect(problemOf(() => read(lone)).message).toMatch(/not valid UTF-16 LE \(its byte-order mark says UTF-16 LE\): line 2/);
  });

  it("decodes JSONL and JSON the same way (a byte-order mark is not a JSON syntax error)", () => {
    const jsonl = readEveryWay(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"input":"é"}\r\n{"input":"b"}')]), "jsonl");
    expect(values(jsonl)).toEqual([{ input: "é" }, { input: "b" }]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from('[{"input":"ü"}]', (c) => c.charCodeAt(0)).buffer)]);
    expect(values(readEveryWay(utf16, "json"))).toEqual([{ input: "ü" }]);
  });
});

describe("whole-file problems are worded as such", () => {
  it("an unclosed quote names the line it opens on", () => {
    const problem = problemOf(() => read(bytes('input,expectedOutput\nok,1\n"unclosed,1\nmore,2\n')));
    expect(problem.line).toBe(3);
    expect(problem.message).toMatch(/quoted cell that opens on line 3 .* is never closed/);
  });

  it("text after a closing quote names line and cell", () => {
    const problem = problemOf(() => read(bytes('a,b\n1,"x"y\n')));
    expect([problem.line, problem.column]).toEqual([2, 2]);
  });

  it("header problems: empty, duplicate and unnamed columns", () => {
    expect(problemOf(() => read(bytes(""))).message).toBe("The file is empty.");
    expect(problemOf(() => read(bytes("\n\n"))).message).toMatch(/no header/);
    expect(problemOf(() => read(bytes("a,b,a\n1,2,3\n"))).message).toMatch(/two columns “a” \(columns 1 and 3\)/);
    expect(problemOf(() => read(bytes("a,b,\n1,2,3\n"))).message).toMatch(/column 3 has no name.*extra delimiter/);
  });

  it("a JSON file that does not parse names the parser's line and column", () => {
    const problem = problemOf(() => read(bytes('[\n  {"input": "a"},\n  {"input": }\n]'), "json"));
    expect([problem.line, problem.column]).toEqual([3, 13]);
    expect(problem.message).toMatch(/^The file is not valid JSON: .*\(line 3, column 13\)\.$/);
  });

  it("a JSONL line that does not parse is a problem of that line", () => {
    const result = read(bytes('{"input":"a"}\n\n{not json\n[1]\n'), "jsonl");
    expect(result.rows.map((row) => [row.line, row.problem])).toEqual([
      [1, undefined],
      [3, expect.stringMatching(/^not valid JSON: .*\(column 2\)$/)],
      [4, "not a JSON object (it is an array): JSONL needs one object per line"],
    ]);
  });

  it("a number a 64-bit float cannot hold as written is refused with where it is, never stored rounded or as null", () => {
    const jsonl = read(
      bytes(
        [
          '{"input":{"id":12345678901234567890}}',
          '{"input":"id 12345678901234567890 in a string","n":9007199254740992,"x":-1.5e300,"f":0.1}',
          '{"input":[1,-9007199254740993]}',
          '{"input":1e400}',
          '{"input":"a","expected":12345678901234567890.5}',
        ].join("\n"),
      ),
      "jsonl",
    );
    expect(jsonl.rows.map((row) => [row.line, row.problem])).toEqual([
      [1, expect.stringMatching(/^the number 12345678901234567890 \(column 16\) cannot be stored as written: .*write it as a string/)],
      [2, undefined],
      [3, expect.stringMatching(/^the number -9007199254740993 \(column 13\)/)],
      [4, expect.stringMatching(/^the number 1e400 \(column 10\)/)],
      [5, undefined],
    ]);
    expect(jsonl.rows[1]?.value).toEqual({ input: "id 12345678901234567890 in a string", n: 9007199254740992, x: -1.5e300, f: 0.1 });
    const json = problemOf(() => read(bytes('[\n{"input":"a"},\n{"input":{"big":123456789012345678901234}}\n]'), "json"));
    expect([json.line, json.column]).toEqual([3, 17]);
    expect(json.message).toMatch(/^The number 123456789012345678901234 \(line 3, column 17\) cannot be stored as written/);
  });
});

describe("the preview reads as the server does", () => {
  for (const name of ["mixed-line-endings.csv", "semicolon.csv", "utf16le-bom-semicolon.csv", "values.csv"]) {
    it(`${name}: same columns, rows and lines`, () => {
      const data = fixture(name);
      const server = read(data);
      const preview = previewBytes(data, true, "csv", { encoding: "auto", delimiter: "auto" });
      expect(preview.ok).toBe(true);
      if (!preview.ok) return;
      expect(preview.columns).toEqual(server.columns);
      expect(preview.rows).toEqual(server.rows.slice(0, preview.rows.length));
      expect(preview.settings.delimiter?.delimiter).toBe(server.delimiter);
    });
  }

  it("a head cut mid-record and mid-character shows only whole rows", () => {
    const text = `question,answer\n${Array.from({ length: 50 }, (_, i) => `"q ${i}\né",crème ${i}`).join("\r\n")}\n`;
    const data = bytes(text);
    const full = read(data);
    for (let cut = 20; cut < data.length; cut += 37) {
      const preview = previewBytes(data.subarray(0, cut), false, "csv", { encoding: "auto", delimiter: "auto" });
      if (!preview.ok) continue;
      expect(full.rows.slice(0, preview.rows.length)).toEqual(preview.rows);
    }
  });

  it("the preview of a broken JSON file names line and column", () => {
    const preview = previewBytes(bytes('[{"input": 1},\n{"input" 2}]'), true, "json", { encoding: "auto", delimiter: "auto" });
    expect(preview).toMatchObject({ ok: false, kind: "unreadable", line: 2, column: 10 });
  });
});

describe("streaming on the server", () => {
  it("yields rows while the body is still arriving (100k rows are never held whole)", async () => {
    const total = 100_000;
    let produced = 0;
    let producedAtFirstRow = -1;
    async function* body() {
      yield Buffer.from("\ufeffquestion;answer\r\n");
      for (let i = 0; i < total; i += 1000) {
        produced = i;
        yield Buffer.from(Array.from({ length: 1000 }, (_, k) => `q ${i + k};"a\n${i + k}"`).join(i % 2000 === 0 ? "\r\n" : "\n") + "\r\n");
      }
    }
    let count = 0;
    let last: ReadRow | undefined;
    for await (const row of parseRows(Readable.from(body()), "csv")) {
      if (producedAtFirstRow < 0) producedAtFirstRow = produced;
      count += 1;
      last = row;
    }
    expect(producedAtFirstRow).toBeLessThan(total / 10);
    expect(count).toBe(total);
    // Each record spans two lines (a quoted line break); the header is line 1.
    expect(last).toMatchObject({ line: 2 + 2 * (total - 1), index: total, value: { question: `q ${total - 1}`, answer: `a\n${total - 1}` } });
  });
});

/** Feeds `data` in 64 KiB chunks as the server does; returns the FileProblem and how many bytes had been pushed when it came. */
function problemWhileStreaming(data: Uint8Array, format: ImportFormat): { problem: FileProblem; pushedBytes: number } {
  const reader = new ImportFileReader(format);
  let pushed = 0;
  const problem = problemOf(() => {
    for (let i = 0; i < data.length; i += 64 * 1024) {
      const chunk = data.subarray(i, i + 64 * 1024);
      pushed += chunk.length;
      reader.push(chunk);
    }
    reader.end();
  });
  return { problem, pushedBytes: pushed };
}

const deepArray = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("limits: no line, record or value can hold the reader", () => {
  it("a CSV record longer than 1 MiB stops the read as it arrives, naming its line and the limit", () => {
    const long = `input,expectedOutput\nq1,a1\nq2,${"x".repeat(MAX_RECORD_CHARS + 10)}\nq3,a3\n`;
    const { problem, pushedBytes } = problemWhileStreaming(bytes(long), "csv");
    expect(problem.line).toBe(3);
    expect(problem.message).toBe("The record that starts on line 3 is longer than 1,048,576 characters, the most one record may hold.");
    // Refused as soon as it is over the limit, not at its end.
    expect(pushedBytes).toBeLessThan(MAX_RECORD_CHARS + 64 * 1024 + 100);
    // A record just within the limit is read.
    const within = read(bytes(`input\n${"y".repeat(MAX_RECORD_CHARS)}\n`));
    expect(within.rows[0]?.value.input).toHaveLength(MAX_RECORD_CHARS);
  });

  it("a quote never closed stops the read at the limit, naming the line it opens on, instead of holding the rest of the file", () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `q${i},answer number ${i}`).join("\n");
    const { problem } = problemWhileStreaming(bytes(`input,expectedOutput\nq0,"open\n${rows}\n`), "csv");
    expect(problem).toMatchObject({ line: 2 });
    expect(problem.message).toContain("a quoted cell opens on line 2 and is not closed by then");
  });

  it(`a CSV line of a million delimiters is refused at ${MAX_RECORD_CELLS + 1} cells, header or row`, () => {
    const row = problemWhileStreaming(bytes(`a,b\n1,2\n${",".repeat(1_000_000)}\n`), "csv").problem;
    expect(row).toMatchObject({
      line: 3,
      column: MAX_RECORD_CELLS + 1,
      message: "Line 3 has more than 2,000 cells, the most one line may have: is this the right delimiter?",
    });
    const header = problemOf(() => read(bytes(`${Array.from({ length: MAX_RECORD_CELLS + 1 }, (_, i) => `c${i}`).join(",")}\n1\n`)));
    expect(header).toMatchObject({ line: 1, column: MAX_RECORD_CELLS + 1 });
    const widest = read(bytes(`${Array.from({ length: MAX_RECORD_CELLS }, (_, i) => `c${i}`).join(",")}\n${",".repeat(MAX_RECORD_CELLS - 1)}\n`));
    expect(widest.columns).toHaveLength(MAX_RECORD_CELLS);
    expect(widest.rows).toHaveLength(1);
    expect(widest.rows[0]?.problem).toBeUndefined();
  });

  it("a JSONL line longer than 1 MiB stops the read as it arrives, naming its line", () => {
    const text = `{"input":"a"}\r\n{"input":"${"x".repeat(MAX_JSONL_LINE_CHARS)}"}\n{"input":"c"}\n`;
    const { problem, pushedBytes } = problemWhileStreaming(bytes(text), "jsonl");
    expect(problem).toMatchObject({ line: 2, message: "Line 2 is longer than 1,048,576 characters, the most one line may hold." });
    expect(pushedBytes).toBeLessThan(MAX_JSONL_LINE_CHARS + 64 * 1024 + 100);
    // The whole text at once: the same problem.
    expect(problemOf(() => read(bytes(text), "jsonl"))).toMatchObject({ line: 2 });
  });
});

describe("nesting", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a JSONL or JSON row with a value nested deeper than 64 levels is a problem of that row, naming the key", () => {
    const jsonl = [`{"input":${deepArray(64)}}`, `{"input":${deepArray(66)}}`, `{"input":"ok","expected output":{"a":${deepArray(70)}}}`].join("\n");
    const result = read(bytes(jsonl), "jsonl");
    expect(result.rows.map((row) => [row.line, row.problem])).toEqual([
      [1, undefined],
      [2, "input is nested deeper than 64 levels"],
      [3, "“expected output” is nested deeper than 64 levels"],
    ]);
    const json = read(bytes(`[{"input":1},{"input":${deepArray(100)}}]`), "json");
    expect(json.rows[1]).toMatchObject({ line: null, index: 2, problem: "input is nested deeper than 64 levels" });
  });

  it("a row nested 100,000 levels deep is refused as a row, without overflowing the stack", () => {
    const deep = deepArray(100_000);
    const jsonl = read(bytes(`{"input":"a"}\n{"input":${deep}}\n`), "jsonl");
    expect(jsonl.rows[1]).toMatchObject({ line: 2, value: {}, problem: "input is nested deeper than 64 levels" });
    const json = read(bytes(`[{"input":${deep}}]`), "json");
    expect(json.rows[0]).toMatchObject({ index: 1, problem: "input is nested deeper than 64 levels" });
    // Not an object at all, however deep: the row's own problem.
    expect(read(bytes(deep), "jsonl").rows[0]?.problem).toMatch(/^not a JSON object \(it is an array\)/);
  });

  it("when the engine's JSON parser runs out of stack (RangeError), that is a problem of the row's line, or of the file's", () => {
    const parse = JSON.parse;
    vi.spyOn(JSON, "parse").mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (text.includes("[[[[")) throw new RangeError("Maximum call stack size exceeded");
      return parse(text, reviver) as unknown;
    });
    const jsonl = read(bytes(`{"input":"a"}\n\n{"input":${deepArray(5000)}}\n{"input":"c"}\n`), "jsonl");
    expect(jsonl.rows.map((row) => [row.line, row.problem])).toEqual([
      [1, undefined],
      [3, "the line is nested too deeply to read (a value may nest at most 64 levels)"],
      [4, undefined],
    ]);
    const file = problemOf(() => read(bytes(`[\n{"input":"a"},\n{"input":${deepArray(5000)}}]`), "json"));
    expect(file).toMatchObject({ line: 3 });
    expect(file.message).toMatch(/^The file is nested too deeply to read \(a value may nest at most 64 levels\) \(line 3, column \d+\)\.$/);
  });
});
