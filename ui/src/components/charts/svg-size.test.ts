// Reading the size an SVG declares.
import { describe, expect, it } from "vitest";
import { svgSize } from "./svg-size";

describe("svgSize", () => {
  it("reads the root's width and height, else its viewBox", () => {
    expect(svgSize('<?xml version="1.0"?><svg width="880" height="366" viewBox="0 0 880 366" xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>')).toEqual({ width: 880, height: 366 });
    expect(svgSize('<svg viewBox="0 0 400 200"><rect width="10" height="10"/></svg>')).toEqual({ width: 400, height: 200 });
  });

  it("answers null for what declares no size", () => {
    expect(svgSize("<svg><rect/></svg>")).toBeNull();
    expect(svgSize("not an svg")).toBeNull();
  });
});
