// One instance per distinct string, and a small integer code for it: unit and person ids repeat on every case.
export class Interner {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  /** The code of `value`, assigning the next one the first time. */
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The one kept instance of `value`: equal strings from different rows share memory. */
  intern(value: string): string {
    return this.values[this.code(value)] as string;
  }

  /** The code of a value seen before, or undefined. */
  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  value(code: number): string {
    const v = this.values[code];
    if (v === undefined) throw new RangeError(`No value for code ${code}.`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }
}
