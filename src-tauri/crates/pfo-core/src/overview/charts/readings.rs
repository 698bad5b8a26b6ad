//! What the pointer reads on a chart: for each chart the core draws, the bands along one axis (a month, a date, a
//! category, an owner) in the SVG's own pixels, each with the figures it stands for, already written for the
//! locale. The window finds the band under the pointer (or the focused one) and shows its figures; it never reads
//! numbers back out of the drawing.

use serde::Serialize;

/// Which axis the bands run along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ReadingAxis {
    /// Left to right (dates, months).
    X,
    /// Top to bottom (categories, owners).
    Y,
}

/// One figure of a band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Reading {
    /// The series (`Net worth`, an account's name, `Income`…).
    pub series: String,
    /// The figure as the locale writes it (`12,345.67 EUR`).
    pub value: String,
}

/// A stretch of the axis and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReadingBand {
    /// Where it starts along the axis, in SVG pixels.
    pub from: f64,
    /// Where it ends.
    pub to: f64,
    /// What it is (`Mar 2026`, `groceries`, `Spouse (o2)`).
    pub label: String,
    /// Its figures.
    pub values: Vec<Reading>,
}

/// What the pointer can read on one chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartReadings {
    /// The axis the bands run along.
    pub axis: ReadingAxis,
    /// The SVG's width in pixels (the window scales the pointer from its rendered size).
    pub width: u32,
    /// The SVG's height in pixels.
    pub height: u32,
    /// The bands, in drawing order.
    pub bands: Vec<ReadingBand>,
}

/// The readings of every chart of a document.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "OverviewChartReadings")]
pub struct ChartsReadings {
    /// The trend chart's dates.
    pub trend: ChartReadings,
    /// The cashflow chart's months.
    pub cashflow: ChartReadings,
    /// The category chart's rows.
    pub categories: ChartReadings,
    /// The owner chart's rows, when there is one.
    pub owners: Option<ChartReadings>,
}

/// The bands around points drawn at `centres` (pixels along the axis, in any order): each reaches halfway to its
/// neighbours, and the outer ones to the plot's `edges`.
pub fn bands(centres: &[i32], edges: (i32, i32)) -> Vec<(f64, f64)> {
    let mut order: Vec<usize> = (0..centres.len()).collect();
    order.sort_by_key(|i| centres[*i]);
    let (low, high) = (f64::from(edges.0.min(edges.1)), f64::from(edges.0.max(edges.1)));
    let mut spans = vec![(0.0, 0.0); centres.len()];
    for (rank, index) in order.iter().enumerate() {
        let centre = f64::from(centres[*index]);
        let from = if rank == 0 { low } else { (centre + f64::from(centres[order[rank - 1]])) / 2.0 };
        let to = if rank + 1 == order.len() { high } else { (centre + f64::from(centres[order[rank + 1]])) / 2.0 };
        spans[*index] = (from, to);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_meet_halfway_and_reach_the_edges_whatever_the_order() {
        assert_eq!(bands(&[100, 200, 400], (50, 450)), [(50.0, 150.0), (150.0, 300.0), (300.0, 450.0)]);
        // Rows drawn top to bottom with the first one lowest on the page.
        assert_eq!(bands(&[300, 100], (0, 400)), [(200.0, 400.0), (0.0, 200.0)]);
        assert_eq!(bands(&[], (0, 10)), Vec::<(f64, f64)>::new());
    }
}
