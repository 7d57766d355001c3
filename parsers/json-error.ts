/**
 * Where a JSON text goes wrong, for messages people can act on ("invalid JSON at line 3 column 13:
 * expected a value"). V8's JSON.parse messages do not always carry a position, and never a line.
 */

class Fault {
  constructor(
    readonly pos: number,
    readonly message: string,
  ) {}
}

const LITERALS = ["true", "false", "null"];

function describe(text: string, pos: number): string {
  return pos >= text.length ? "end of file" : `'${text[pos]}'`;
}

class Checker {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new Fault(this.pos, `${message}, found ${describe(this.text, this.pos)}`);
  }

  space(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos])) this.pos++;
  }

  value(): void {
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.container("}", true);
    if (c === "[") return this.container("]", false);
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    const literal = LITERALS.find((word) => this.text.startsWith(word, this.pos));
    if (!literal) this.fail("expected a value");
    this.pos += literal.length;
  }

  container(close: string, keyed: boolean): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (keyed) this.member();
      else this.value();
      this.space();
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      if (c !== ",") this.fail(`expected ',' or '${close}'`);
      this.pos++;
    }
  }

  member(): void {
    this.space();
    if (this.text[this.pos] !== '"') this.fail("expected a quoted key");
    this.string();
    this.space();
    if (this.text[this.pos] !== ":") this.fail("expected ':'");
    this.pos++;
    this.value();
  }

  string(): void {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.pos, this.pos + (1 << 20)));
    if (!match) this.fail("bad string");
    this.pos += match[0].length;
  }

  number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail("bad number");
    this.pos += match[0].length;
  }
}

/** 1-based line and column of a character offset. */
function position(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: pos - lineStart + 1 };
}

/** The first fault in `text` as JSON, or null when it is valid. */
export function locateJsonError(text: string): { line: number; column: number; message: string } | null {
  const checker = new Checker(text);
  try {
    checker.value();
    checker.space();
    if (checker.pos < text.length) checker.fail("expected the end after the JSON value");
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    return { ...position(text, error.pos), message: error.message };
  }
}
