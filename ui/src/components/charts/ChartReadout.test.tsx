// Reading a core chart: the pointer scaled from the rendered size to the SVG's pixels finds the band under it, the
// tooltip shows the band's label and figures, the keys walk the bands in their order along the axis.
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { ChartReadings } from "../../bindings/ChartReadings";
import { PreferencesProvider } from "../../preferences/PreferencesProvider";
import { bandAt, ChartReadout } from "./ChartReadout";

const months: ChartReadings = {
  axis: "x",
  width: 880,
  height: 380,
  bands: [
    { from: 90, to: 350, label: "Sep 2026", values: [{ series: "Income", value: "7,083.27 EUR" }, { series: "Net", value: "2,498.05 EUR" }] },
    { from: 350, to: 610, label: "Oct 2026", values: [{ series: "Income", value: "7,083.27 EUR" }, { series: "Net", value: "2,113.17 EUR" }] },
    { from: 610, to: 860, label: "Nov 2026", values: [{ series: "Income", value: "7,083.27 EUR" }, { series: "Net", value: "5,223.27 EUR" }] },
  ],
};
// Rows drawn bottom first, as the core may: the keys still go top to bottom.
const rows: ChartReadings = {
  axis: "y",
  width: 880,
  height: 380,
  bands: [
    { from: 200, to: 330, label: "food", values: [{ series: "This period", value: "4,900.00 EUR" }] },
    { from: 60, to: 200, label: "housing", values: [{ series: "This period", value: "8,050.00 EUR" }] },
  ],
};

/** The readout drawn at half the SVG's size (440 × 190), from the page's top-left corner (jsdom has no layout). */
function renderReadout(readings: ChartReadings) {
  render(
    <PreferencesProvider>
      <ChartReadout readings={readings} title="Cashflow per month">
        <img alt="Cashflow per month" src="data:image/svg+xml,%3Csvg/%3E" />
      </ChartReadout>
    </PreferencesProvider>,
  );
  const chart = screen.getByRole("group", { name: "Cashflow per month" });
  chart.getBoundingClientRect = () => ({ left: 0, top: 0, width: 440, height: 190, right: 440, bottom: 190, x: 0, y: 0, toJSON: () => ({}) });
  return chart;
}

const tooltip = () => screen.queryByRole("tooltip");
const announced = () => document.querySelector("[aria-live]")!.textContent;

describe("the chart readout", () => {
  it("finds the band under a point of the SVG, along the readings' axis", () => {
    expect(bandAt(months, 400, 10)).toBe(1);
    expect(bandAt(months, 20, 200), "left of the plot").toBeNull();
    expect(bandAt(rows, 500, 100)).toBe(1);
    expect(bandAt(rows, 500, 250)).toBe(0);
  });

  it("shows the band under the pointer, scaled from the rendered size, with its label and figures", () => {
    const chart = renderReadout(months);
    // 200 px of 440 rendered is 400 of the SVG's 880: October.
    fireEvent.pointerMove(chart, { clientX: 200, clientY: 90 });
    expect(within(tooltip()!).getByText("Oct 2026")).toBeTruthy();
    expect(tooltip()!.textContent).toContain("Net2,113.17 EUR");
    expect(announced()).toBe("Oct 2026: Income: 7,083.27 EUR, Net: 2,113.17 EUR");
    // The band is highlighted where the core's band lies, in percent of the chart.
    const band = chart.querySelector(".readout-band") as HTMLElement;
    expect(parseFloat(band.style.left)).toBeCloseTo((350 / 880) * 100);
    expect(parseFloat(band.style.width)).toBeCloseTo((260 / 880) * 100);
    fireEvent.pointerMove(chart, { clientX: 400, clientY: 90 });
    expect(within(tooltip()!).getByText("Nov 2026")).toBeTruthy();
    expect(tooltip()!.className, "near the right edge the tooltip opens leftwards").toContain("left");
    fireEvent.pointerMove(chart, { clientX: 10, clientY: 90 });
    expect(tooltip(), "off every band").toBeNull();
    fireEvent.pointerMove(chart, { clientX: 100, clientY: 90 });
    fireEvent.pointerLeave(chart);
    expect(tooltip()).toBeNull();
  });

  it("walks the bands with the keys once focused, in their order along the axis", () => {
    const chart = renderReadout(rows);
    expect(chart.tabIndex).toBe(0);
    expect(document.getElementById(chart.getAttribute("aria-describedby")!)!.textContent).toContain("arrow keys");
    fireEvent.focus(chart);
    fireEvent.keyDown(chart, { key: "ArrowDown" });
    expect(within(tooltip()!).getByText("housing")).toBeTruthy();
    fireEvent.keyDown(chart, { key: "ArrowDown" });
    expect(within(tooltip()!).getByText("food")).toBeTruthy();
    fireEvent.keyDown(chart, { key: "ArrowDown" });
    expect(within(tooltip()!).getByText("food"), "the last band stays").toBeTruthy();
    fireEvent.keyDown(chart, { key: "Home" });
    expect(announced()).toBe("housing: This period: 8,050.00 EUR");
    fireEvent.keyDown(chart, { key: "End" });
    expect(within(tooltip()!).getByText("food")).toBeTruthy();
    fireEvent.keyDown(chart, { key: "ArrowUp" });
    expect(within(tooltip()!).getByText("housing")).toBeTruthy();
    fireEvent.blur(chart);
    expect(tooltip()).toBeNull();
  });
});
