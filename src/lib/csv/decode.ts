/**
 * Bytes of an uploaded text file to text, the same way in the browser (the
 * import preview) and on the server (the import itself), chunk by chunk.
 *
 * Nothing is replaced silently: a byte sequence that is not valid in the
 * chosen encoding stops the read with the line it is on and a hint at the
 * encoding the file probably has. Decoding itself is the WHATWG Encoding
 * Standard: TextDecoder (built into browsers and Node) for UTF-8 and UTF-16,
 * and the standard's own table for Windows-1252 (see decodeWindows1252), so
 * the preview and the server cannot read a file differently.
 * Validation is done here, because a fatal TextDecoder says that a chunk is
 * broken but not where.
 */

export const TEXT_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type EncodingChoice = TextEncoding | "auto";

export const ENCODING_LABELS: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252 / Latin-1",
};

/** Accepts the names above and a few common aliases (case-insensitive); null when unknown. */
export function parseEncodingName(name: string): EncodingChoice | null {
  const key = name.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (key === "auto" || key === "") return "auto";
  if (key === "utf-8" || key === "utf8") return "utf-8";
  if (key === "utf-16le" || key === "utf16le" || key === "utf-16-le") return "utf-16le";
  if (key === "utf-16be" || key === "utf16be" || key === "utf-16-be") return "utf-16be";
  if (["windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1", "iso8859-1"].includes(key)) return "windows-1252";
  return null;
}

/** A problem with the file as a whole (not one of its rows). */
export class FileProblem extends Error {
  constructor(
    message: string,
    /** 1-based line in the file, when the problem is at one place. */
    readonly line?: number,
    /** 1-based column (CSV: cell number; JSON: character) on that line. */
    readonly column?: number,
  ) {
    super(message);
    this.name = "FileProblem";
  }
}

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** How it was decided: its byte-order mark, the UTF-8 default, or the caller's choice. */
  source: "bom" | "default" | "chosen";
}

/** The encoding a file's first bytes announce with a byte-order mark, if any. */
export function encodingFromBom(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}

const BOM_LENGTH: Record<TextEncoding, number> = { "utf-8": 3, "utf-16le": 2, "utf-16be": 2, "windows-1252": 0 };

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Scans UTF-8: returns the index of the first byte that cannot start or
 * continue a valid sequence (overlongs and surrogates included), or, when all
 * is valid, -1 with `complete` the end of the last whole character.
 */
function scanUtf8(bytes: Uint8Array): { invalidAt: number; complete: number } {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return { invalidAt: i, complete: i };
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { invalidAt: -1, complete: i }; // continues in the next chunk
      const c = bytes[i + k]!;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return { invalidAt: i, complete: i };
    }
    i += need + 1;
  }
  return { invalidAt: -1, complete: n };
}

/** Scans UTF-16 code units for unpaired surrogates, as scanUtf8 does (offsets in bytes). */
function scanUtf16(bytes: Uint8Array, littleEndian: boolean): { invalidAt: number; complete: number } {
  const n = bytes.length - (bytes.length % 2);
  const unit = (i: number) => (littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  let i = 0;
  while (i < n) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 2 >= n) return { invalidAt: -1, complete: i };
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return { invalidAt: i, complete: i };
      i += 4;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return { invalidAt: i, complete: i };
    } else {
      i += 2;
    }
  }
  return { invalidAt: -1, complete: n };
}

/**
 * Windows-1252 as the WHATWG Encoding Standard defines it (index-windows-1252:
 * 0x80–0x9F as below, every other byte its own code point). Done here rather
 * than with TextDecoder because Node's TextDecoder reads this label as
 * ISO-8859-1 (0x80 becomes U+0080, not €), so the server would disagree with
 * the browser. Every byte is a character: this decoding never fails.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const units = new Array<number>(Math.min(bytes.length, 8192));
  for (let start = 0; start < bytes.length; start += 8192) {
    const end = Math.min(bytes.length, start + 8192);
    units.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      units[i - start] = b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...units);
  }
  return out;
}

/** Counts line breaks (CRLF, LF and CR each one) in text, carrying a trailing CR across chunks. */
export class LineCounter {
  lines = 1;
  private afterCR = false;
  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (!this.afterCR) this.lines += 1;
        this.afterCR = false;
      } else if (c === 13) {
        this.lines += 1;
        this.afterCR = true;
      } else {
        this.afterCR = false;
      }
    }
  }
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros += 1;
  return sample.length >= 4 && zeros >= sample.length / 4;
}

/**
 * Decodes a file chunk by chunk. `encoding: "auto"` reads a byte-order mark
 * (UTF-8, UTF-16 LE, UTF-16 BE) and defaults to UTF-8. A byte-order mark is
 * never part of the text.
 */
export class StrictDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private started = false;
  private decoder: TextDecoder | null = null;
  private readonly lineCounter = new LineCounter();
  detected: DetectedEncoding;

  constructor(private readonly choice: EncodingChoice = "auto") {
    this.detected = { encoding: choice === "auto" ? "utf-8" : choice, source: choice === "auto" ? "default" : "chosen" };
  }

  /** Decodes the next chunk; `final` when no more bytes follow (an incomplete last character is then an error). */
  decode(chunk: Uint8Array, final = false): string {
    let bytes = concat(this.pending, chunk);
    this.pending = new Uint8Array(0);
    if (!this.started) {
      // Wait for enough bytes to see a byte-order mark.
      if (bytes.length < 3 && !final) {
        this.pending = bytes;
        return "";
      }
      this.started = true;
      const bom = encodingFromBom(bytes);
      if (this.choice === "auto" && bom) this.detected = { encoding: bom, source: "bom" };
      if (bom && bom === this.detected.encoding) bytes = bytes.subarray(BOM_LENGTH[bom]);
      else if (this.choice === "auto" && looksLikeUtf16(bytes)) {
        throw new FileProblem(
          "The file holds many zero bytes: it looks like UTF-16 text without a byte-order mark. Choose UTF-16 LE or UTF-16 BE as the encoding.",
          1,
        );
      }
      try {
        this.decoder = new TextDecoder(this.detected.encoding === "windows-1252" ? "utf-8" : this.detected.encoding);
      } catch {
        throw new FileProblem(`This system cannot decode ${ENCODING_LABELS[this.detected.encoding]} (its JavaScript runtime has no such decoder).`);
      }
    }
    const { encoding } = this.detected;
    let text: string;
    if (encoding === "windows-1252") {
      text = decodeWindows1252(bytes);
    } else {
      const scan = encoding === "utf-8" ? scanUtf8(bytes) : scanUtf16(bytes, encoding === "utf-16le");
      const incomplete = scan.invalidAt < 0 && scan.complete < bytes.length;
      if (scan.invalidAt >= 0 || (final && incomplete)) {
        const at = scan.invalidAt >= 0 ? scan.invalidAt : scan.complete;
        this.lineCounter.feed(this.decoder!.decode(bytes.subarray(0, at)));
        throw this.invalidBytes(bytes, at);
      }
      text = this.decoder!.decode(bytes.subarray(0, scan.complete));
      this.pending = bytes.slice(scan.complete);
    }
    const nul = text.indexOf("\u0000");
    if (nul >= 0) {
      this.lineCounter.feed(text.slice(0, nul));
      throw new FileProblem(
        `Line ${this.lineCounter.lines} holds a zero byte (NUL), which text files do not have${encoding === "utf-8" ? ": this looks like UTF-16 text without a byte-order mark. Choose UTF-16 LE or UTF-16 BE as the encoding" : ""}.`,
        this.lineCounter.lines,
      );
    }
    this.lineCounter.feed(text);
    return text;
  }

  private invalidBytes(bytes: Uint8Array, at: number): FileProblem {
    const line = this.lineCounter.lines;
    // The first byte (UTF-8) or code unit (UTF-16) that is wrong: the same however the file was cut into chunks.
    const width = this.detected.encoding === "utf-8" ? 1 : 2;
    const shown = Array.from(bytes.subarray(at, at + width), (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
    const { encoding } = this.detected;
    const label = ENCODING_LABELS[encoding];
    const how =
      this.detected.source === "bom"
        ? ` (its byte-order mark says ${label})`
        : this.detected.source === "default"
          ? ` (read as ${label}, the default when a file has no byte-order mark)`
          : "";
    const hint =
      encoding === "utf-8"
        ? " This looks like Windows-1252 (or Latin-1) text, as older spreadsheet programs save it: choose Windows-1252 as the encoding, or save the file as UTF-8."
        : " Choose the encoding the file was saved in.";
    return new FileProblem(
      `The file is not valid ${label}${how}: line ${line} has the ${width === 1 ? "byte" : "bytes"} ${shown}, which ${width === 1 ? "is" : "are"} not ${label} text here.${hint}`,
      line,
    );
  }
}
