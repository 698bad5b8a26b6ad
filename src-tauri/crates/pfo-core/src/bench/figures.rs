//! The figures a benchmark run measures, and how repeated runs are summarised: each figure's minimum, median and
//! maximum over the runs, and each ratio computed inside its own run (a baseline from another run would carry that
//! run's drift) before it is summarised the same way.

use std::fmt::Write;
use std::time::Duration;

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    /// Milliseconds, one decimal.
    Ms,
    /// Seconds, one decimal.
    S,
    /// Transactions per second.
    PerSecond,
    /// Mebibytes of memory.
    MiB,
    /// A count (calls, rows).
    Count,
}

impl Unit {
    fn write(self, value: f64) -> String {
        match self {
            Unit::Ms => format!("{value:.1} ms"),
            Unit::S => format!("{value:.1} s"),
            Unit::PerSecond => format!("{value:.0} tx/s"),
            Unit::MiB => format!("{value:.0} MiB"),
            Unit::Count => format!("{value:.0}"),
        }
    }
}

/// One measured figure of one run (serialized between the runs' processes and the one that writes the table).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// What was measured.
    pub measure: String,
    /// The value, in `unit`.
    pub value: f64,
    /// How it is written.
    pub unit: Unit,
    /// The same run's baseline (its name and value in the same unit), when the figure has one.
    pub baseline: Option<(String, f64)>,
    /// The target, as the issue states it.
    pub target: String,
}

impl Figure {
    /// A figure without a baseline.
    pub fn plain(measure: impl Into<String>, value: f64, unit: Unit, target: &str) -> Self {
        Self { measure: measure.into(), value, unit, baseline: None, target: target.into() }
    }

    /// A duration in milliseconds.
    pub fn ms(measure: impl Into<String>, time: Duration, target: &str) -> Self {
        Self::plain(measure, time.as_secs_f64() * 1000.0, Unit::Ms, target)
    }

    /// A duration in milliseconds against a baseline duration of the same run.
    pub fn ms_against(measure: impl Into<String>, time: Duration, baseline: impl Into<String>, base: Duration, target: &str) -> Self {
        Self { baseline: Some((baseline.into(), base.as_secs_f64() * 1000.0)), ..Self::ms(measure, time, target) }
    }

    fn ratio(&self) -> Option<f64> {
        self.baseline.as_ref().map(|(_, base)| self.value / base)
    }
}

/// Minimum, median and maximum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The lowest.
    pub min: f64,
    /// The middle one (the mean of the two middle ones for an even count).
    pub median: f64,
    /// The highest.
    pub max: f64,
}

impl Spread {
    /// The spread of some values; `None` without any.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Self> {
        let mut values: Vec<f64> = values.into_iter().collect();
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let middle = values.len() / 2;
        let median = if values.len() % 2 == 1 { values[middle] } else { (values[middle - 1] + values[middle]) / 2.0 };
        Some(Self { min: values[0], median, max: values[values.len() - 1] })
    }

    fn write(&self, runs: usize, write: impl Fn(f64) -> String) -> String {
        match runs {
            0 | 1 => write(self.median),
            _ => format!("{} ({}–{})", write(self.median), write(self.min), write(self.max)),
        }
    }
}

/// The Markdown table of one or more runs, in the first run's order, each figure matched by its name.
pub fn table(runs: &[Vec<Figure>]) -> String {
    let mut table = String::new();
    let Some(first) = runs.first() else { return table };
    let count = runs.len();
    let summary = if count == 1 { "value".to_string() } else { format!("median of {count} (min–max)") };
    let _ = writeln!(table, "\n| measure | {summary} | baseline (same run) | ratio | target |");
    let _ = writeln!(table, "|---|---|---|---|---|");
    for figure in first {
        // Matched by name: a run that lacks a figure (it cannot, but a table must never panic) leaves it out.
        let same: Vec<&Figure> = runs.iter().filter_map(|run| run.iter().find(|f| f.measure == figure.measure)).collect();
        let value = Spread::of(same.iter().map(|f| f.value)).map_or_else(String::new, |s| s.write(count, |v| figure.unit.write(v)));
        let (baseline, ratio) = match &figure.baseline {
            Some((name, _)) => {
                let base = Spread::of(same.iter().filter_map(|f| f.baseline.as_ref().map(|(_, b)| *b))).map_or_else(String::new, |s| s.write(1, |v| figure.unit.write(v)));
                let ratio = Spread::of(same.iter().filter_map(|f| f.ratio())).map_or_else(String::new, |s| s.write(count, |v| format!("{v:.2}×")));
                (format!("{name} {base}"), ratio)
            }
            None => ("—".to_string(), "—".to_string()),
        };
        let _ = writeln!(table, "| {} | {value} | {baseline} | {ratio} | {} |", figure.measure, figure.target);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_is_the_lowest_the_middle_and_the_highest() {
        assert_eq!(Spread::of([3.0, 1.0, 2.0]), Some(Spread { min: 1.0, median: 2.0, max: 3.0 }));
        assert_eq!(Spread::of([4.0, 1.0, 2.0, 3.0]).unwrap().median, 2.5);
        assert_eq!(Spread::of([]), None);
    }

    #[test]
    fn ratios_are_taken_inside_each_run_then_summarised() {
        // Run 1: 10 against 5 (2×); run 2: 30 against 10 (3×); run 3: 12 against 6 (2×). The ratio of the medians
        // (12 / 6 = 2×) would hide run 2; the median of the ratios is 2×, their spread 2–3×.
        let run = |value: f64, base: f64| vec![Figure { baseline: Some(("floor".into(), base)), ..Figure::plain("sync", value, Unit::S, "≤ 1.3×") }];
        let text = table(&[run(10.0, 5.0), run(30.0, 10.0), run(12.0, 6.0)]);
        assert!(text.contains("| sync | 12.0 s (10.0 s–30.0 s) | floor 6.0 s | 2.00× (2.00×–3.00×) | ≤ 1.3× |"), "{text}");
        assert!(text.contains("median of 3 (min–max)"));
    }

    #[test]
    fn figures_are_matched_by_name_and_a_missing_one_is_left_out_of_its_spread() {
        let first = vec![Figure::plain("calls", 4.0, Unit::Count, "≤ 9"), Figure::plain("rows", 10.0, Unit::Count, "—")];
        let second = vec![Figure::plain("rows", 30.0, Unit::Count, "—")];
        let text = table(&[first, second]);
        assert!(text.contains("| calls | 4 (4–4) |") && text.contains("| rows | 20 (10–30) |"), "{text}");
    }

    #[test]
    fn one_run_is_written_as_its_values() {
        let text = table(&[vec![Figure::ms("query", Duration::from_micros(2_500), "< 10 ms")]]);
        assert!(text.contains("| query | 2.5 ms | — | — | < 10 ms |"), "{text}");
    }
}
