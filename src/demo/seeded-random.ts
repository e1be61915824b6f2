/**
 * mulberry32: a small seeded generator. The demo hotel is the same on every machine, and a
 * random test graph can be rebuilt from the seed a failing test prints.
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const maybe = <T>(probability: number, value: () => T): T | null => (next() < probability ? value() : null);
  return { next, int, pick, maybe };
}
