import { describe, expect, it } from "vitest";
import { mergeParts, withPart } from "./window-parts.ts";

const first = { hr: { count: 11, min: 60, max: 80, mean: 70, last: 75 } };
const second = {
  hr: { count: 15, min: 55, max: 90, mean: 72, last: 61 },
  spo2: { count: 15, min: 95, max: 99, mean: 97, last: 98 },
};

describe("a window sent in parts (a gateway restarted inside it)", () => {
  it("merges counts, extremes and the count-weighted mean; last comes from the later part", () => {
    const { parts } = withPart(withPart({}, 7, first).parts, 12, second);
    expect(mergeParts(parts)).toEqual({
      hr: { count: 26, min: 55, max: 90, mean: 71.1538, last: 61 },
      spo2: { count: 15, min: 95, max: 99, mean: 97, last: 98 },
    });
  });

  it("counts a part delivered twice once", () => {
    const once = withPart({}, 7, first).parts;
    const twice = withPart(once, 7, first);
    expect(twice.changed).toBe(false);
    expect(mergeParts(twice.parts).hr?.count).toBe(11);
  });
});
