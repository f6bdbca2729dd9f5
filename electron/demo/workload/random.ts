// Seeded pseudo-random numbers for the workload generator. Every stream is derived from the user's
// seed plus a few "coordinates" (day number, subsystem name, ...), so one subsystem drawing more or
// fewer numbers never shifts another one, and a day generates the same rows whatever window it is
// generated in (appendWorkload relies on that).

const mix = (h: number, word: number): number => Math.imul(h ^ word, 0x01000193);

/** FNV-1a-style mixing of the parts, finished with a murmur3 avalanche: a 32-bit unsigned hash. */
export function hashSeed(...parts: ReadonlyArray<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Numbers (day numbers, microsecond times) may exceed 32 bits: mix both halves.
      h = mix(h, 0x23);
      h = mix(h, part >>> 0);
      h = mix(h, Math.floor(part / 4294967296) >>> 0);
    } else {
      h = mix(h, 0x24);
      for (let i = 0; i < part.length; i++) h = mix(h, part.charCodeAt(i));
    }
    h = mix(h, 0x2f); // part separator, so ('ab','c') and ('a','bc') differ
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Normal(mean, sd) by Box-Muller. */
  normal(mean: number, sd: number): number;
  /** Multiplicative noise: exp(Normal(0, sigma)), median 1. */
  jitter(sigma: number): number;
  /** A fresh, independent stream named by more coordinates. */
  fork(...parts: ReadonlyArray<number | string>): Random;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand,
 * and is trivially reproducible in any language, which keeps the generated history explainable.
 * A class rather than closures: the generator makes one per statement, so creation must be cheap.
 */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(private readonly parts: ReadonlyArray<number | string>) {
    const seed = hashSeed(...parts);
    this.a = seed;
    this.b = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    this.c = Math.imul(seed ^ 0x7f4a7c15, 0xc2b2ae35) >>> 0;
    for (let i = 0; i < 12; i++) this.next(); // warm-up: decorrelate from the hashed seed words
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  jitter(sigma: number): number {
    return Math.exp(this.normal(0, sigma));
  }

  fork(...more: ReadonlyArray<number | string>): Random {
    return new Sfc32([...this.parts, ...more]);
  }
}

export function createRandom(...parts: ReadonlyArray<number | string>): Random {
  return new Sfc32(parts);
}
