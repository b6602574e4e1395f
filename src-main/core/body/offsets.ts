/**
 * A growing list of byte offsets in a typed array: a body of up to 1 GB has offsets under 2^32, and
 * millions of them cost 4 bytes each instead of a JavaScript array's 8 or more.
 */
export class GrowableOffsets {
  private data = new Uint32Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      // Half again, not double: the spare room of a table of millions is megabytes.
      const next = new Uint32Array(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Drops the spare room once nothing more is pushed. */
  trim(): this {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
    return this;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  /** The first index whose offset is greater than `value`, minus one: the segment holding `value`. */
  indexOf(value: number): number {
    let low = 0;
    let high = this.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.data[mid] as number) <= value) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Bytes held (for the worker's budget). */
  get bytes(): number {
    return this.data.byteLength;
  }
}
