/**
 * Seeded PRNG (mulberry32): tiny, fast and identical on every platform, which is what
 * makes the demo data byte-for-byte reproducible.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new RangeError('Random.pick needs a non-empty list');
    return values[Math.floor(this.next() * values.length)] as T;
  }

  /** Independent stream, so adding draws in one part of the generator does not shift another. */
  fork(label: number): Random {
    return new Random(Math.imul(this.int(0, 0xffffffff) ^ label, 0x9e3779b1));
  }
}
