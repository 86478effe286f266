import { describe, expect, it } from "vitest";
import { REFERENCE_ALPHABET, checkCharacter, findReferences, generateReference, isValidReference, normaliseReference } from "./reference";

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("payment references", () => {
  it("uses no look-alike characters", () => {
    for (const ch of "01OIZ") expect(REFERENCE_ALPHABET).not.toContain(ch);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(31);
  });

  it("generates valid 7-character references", () => {
    const random = seeded(7);
    for (let i = 0; i < 500; i++) {
      const ref = generateReference(random);
      expect(ref).toMatch(/^[2-9A-HJ-NP-Y]{7}$/);
      expect(isValidReference(ref)).toBe(true);
    }
  });

  it("catches every single wrong character", () => {
    const random = seeded(11);
    for (let n = 0; n < 50; n++) {
      const ref = generateReference(random);
      for (let i = 0; i < ref.length; i++) {
        for (const ch of REFERENCE_ALPHABET) {
          if (ch === ref[i]) continue;
          const typo = ref.slice(0, i) + ch + ref.slice(i + 1);
          expect(isValidReference(typo), typo).toBe(false);
        }
      }
    }
  });

  it("catches every swap of two neighbouring characters", () => {
    const random = seeded(13);
    for (let n = 0; n < 300; n++) {
      const ref = generateReference(random);
      for (let i = 0; i + 1 < ref.length; i++) {
        if (ref[i] === ref[i + 1]) continue;
        const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        expect(isValidReference(swapped), swapped).toBe(false);
      }
    }
  });

  it("reads what people type and refuses the wrong length or alphabet", () => {
    const ref = "K7M4PX" + checkCharacter("K7M4PX");
    expect(normaliseReference(` ${ref.slice(0, 3).toLowerCase()} ${ref.slice(3)}`)).toBe(ref);
    expect(isValidReference(ref.toLowerCase())).toBe(true);
    expect(isValidReference(ref.slice(0, 6))).toBe(false);
    expect(isValidReference("K7M4P0" + ref[6])).toBe(false);
  });

  it("finds references inside a bank transfer's text", () => {
    const ref = generateReference(seeded(3));
    expect(findReferences(`Plata curs dans ${ref.toLowerCase()} Ionescu`)).toEqual([ref]);
    expect(findReferences("Plata curs dans ABCDEFG")).toEqual(isValidReference("ABCDEFG") ? ["ABCDEFG"] : []);
  });
});
