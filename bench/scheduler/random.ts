/** Mulberry32: a tiny seeded generator, so every run (and both sides of a comparison) sees the same fleet. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `choices` with probability proportional to each `weight`. */
export function weightedPicker<T>(choices: readonly { readonly value: T; readonly weight: number }[]): (random: () => number) => T {
  const total = choices.reduce((sum, c) => sum + c.weight, 0);
  return (random) => {
    let r = random() * total;
    for (const choice of choices) {
      r -= choice.weight;
      if (r < 0) return choice.value;
    }
    return choices[choices.length - 1].value;
  };
}
