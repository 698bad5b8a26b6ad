//! The overview's charts, drawn with `plotters` into SVG from the document alone: the balance trend (net worth in
//! the base currency and each account), cashflow bars per month, and spending by category against the previous
//! period. Output is deterministic (same document, same bytes), carries an accessible `<title>` and `<desc>`,
//! formats money and dates for the household's locale, and comes in light and dark variants.
//!
//! Long because the three document charts share the frame, meshes, palette and axis formats written beside them;
//! the owner chart (`owners`) and the pointer's readings (`readings`) have their own modules.

use super::document::{Money, OverviewDocument};
use readings::{ChartReadings, ChartsReadings, Reading, ReadingAxis, ReadingBand};
use crate::error::{Error, Result};
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

const WIDTH: u32 = 880;
const HEIGHT: u32 = 380;
pub(crate) const FONT: &str = "sans-serif";

/// Languages charts and reports are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ReportLocale")]
pub enum Locale {
    /// English.
    En,
    /// French (France).
    Fr,
}

impl Locale {
    /// The two-letter code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The thousands separator: `,` in English, a narrow no-break space in French.
    pub fn thousands_separator(self) -> &'static str {
        match self {
            Locale::En => ",",
            Locale::Fr => "\u{202f}",
        }
    }

    /// `1234567` → `1,234,567` (English) or `1 234 567` (French).
    pub fn group_digits(self, digits: &str) -> String {
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push_str(self.thousands_separator());
            }
            grouped.push(digit);
        }
        grouped
    }

    /// Reads `en`, `en-GB`, `fr`, `fr-FR`…; anything else is refused naming the field.
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().to_ascii_lowercase().get(..2) {
            Some("en") => Ok(Locale::En),
            Some("fr") => Ok(Locale::Fr),
            _ => Err(Error::InvalidInput { field: "locale".into(), reason: format!("`{}` is not a supported language; use en or fr", text.trim()) }),
        }
    }
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "ChartTheme")]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// The colours of one theme.
pub(crate) struct Palette {
    pub(crate) background: RGBColor,
    pub(crate) text: RGBColor,
    pub(crate) grid: RGBColor,
    /// Net worth, income.
    pub(crate) primary: RGBColor,
    /// Expenses.
    pub(crate) negative: RGBColor,
    /// Income bars.
    pub(crate) positive: RGBColor,
    /// The previous period.
    pub(crate) muted: RGBColor,
    /// One per account line.
    pub(crate) series: [RGBColor; 8],
}

impl Theme {
    pub(crate) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: RGBColor(255, 255, 255),
                text: RGBColor(31, 41, 55),
                grid: RGBColor(209, 213, 219),
                primary: RGBColor(37, 99, 235),
                negative: RGBColor(220, 38, 38),
                positive: RGBColor(22, 163, 74),
                muted: RGBColor(156, 163, 175),
                series: [
                    RGBColor(14, 116, 144), RGBColor(190, 24, 93), RGBColor(202, 138, 4), RGBColor(109, 40, 217),
                    RGBColor(21, 128, 61), RGBColor(194, 65, 12), RGBColor(71, 85, 105), RGBColor(8, 145, 178),
                ],
            },
            Theme::Dark => Palette {
                background: RGBColor(17, 24, 39),
                text: RGBColor(229, 231, 235),
                grid: RGBColor(75, 85, 99),
                primary: RGBColor(96, 165, 250),
                negative: RGBColor(248, 113, 113),
                positive: RGBColor(74, 222, 128),
                muted: RGBColor(107, 114, 128),
                series: [
                    RGBColor(34, 211, 238), RGBColor(244, 114, 182), RGBColor(250, 204, 21), RGBColor(167, 139, 250),
                    RGBColor(134, 239, 172), RGBColor(251, 146, 60), RGBColor(148, 163, 184), RGBColor(103, 232, 249),
                ],
            },
        }
    }
}

/// The charts of one document, as SVG text, with what the pointer can read on each.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "OverviewCharts")]
pub struct Charts {
    /// Net worth and account balances over the period.
    pub trend: String,
    /// Income, expenses and net per month.
    pub cashflow: String,
    /// Spending by category, this period against the previous one.
    pub categories: String,
    /// Net worth by owner (absent when the household has no owners).
    pub owners: Option<String>,
    /// The figures under each chart's dates, months and rows, for the pointer.
    pub readings: ChartsReadings,
}

/// Draws every chart of `document`.
pub fn render(document: &OverviewDocument, locale: Locale, theme: Theme) -> Result<Charts> {
    let (trend, trend_readings) = trend(document, locale, theme)?;
    let (cashflow, cashflow_readings) = cashflow(document, locale, theme)?;
    let (categories, categories_readings) = categories(document, locale, theme)?;
    let (owners, owners_readings) = match document.by_owner.is_empty() {
        true => (None, None),
        false => {
            let (svg, readings) = owners::draw(document, locale, theme)?;
            (Some(svg), Some(readings))
        }
    };
    Ok(Charts {
        trend,
        cashflow,
        categories,
        owners,
        readings: ChartsReadings { trend: trend_readings, cashflow: cashflow_readings, categories: categories_readings, owners: owners_readings },
    })
}

/// The readings of a chart whose bands sit at `centres` (in `items` order) along `axis`, within the plot's `edges`.
fn readings<T>(axis: ReadingAxis, height: u32, centres: &[i32], edges: (i32, i32), items: &[T], read: impl Fn(&T) -> (String, Vec<Reading>)) -> ChartReadings {
    let bands = readings::bands(centres, edges)
        .into_iter()
        .zip(items)
        .map(|((from, to), item)| {
            let (label, values) = read(item);
            ReadingBand { from, to, label, values }
        })
        .collect();
    ChartReadings { axis, width: WIDTH, height, bands }
}

/// One reading: a series and its amount written for the locale.
fn reading(series: impl Into<String>, amount: &Money, currency: &str, locale: Locale) -> Reading {
    Reading { series: series.into(), value: super::render::money(amount, currency, locale) }
}

pub(crate) fn drawing_failed<E: std::fmt::Debug>(error: E) -> Error {
    Error::Task(format!("drawing a chart failed: {error:?}"))
}

/// Money for axes: grouped digits, no decimals, currency placed as the locale writes it.
pub fn axis_money(value: f64, currency: &str, locale: Locale) -> String {
    let rounded = value.round() as i64;
    let grouped = locale.group_digits(&rounded.unsigned_abs().to_string());
    let sign = if rounded < 0 { "-" } else { "" };
    let symbol = match currency {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        other => other,
    };
    match locale {
        Locale::En if symbol.len() <= 3 && !symbol.chars().all(|c| c.is_ascii_uppercase()) => format!("{sign}{symbol}{grouped}"),
        Locale::En => format!("{sign}{grouped} {symbol}"),
        Locale::Fr => format!("{sign}{grouped}\u{a0}{symbol}"),
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_FR: [&str; 12] = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

/// `2026-03-31` → `Mar 2026` / `mars 2026` (month points) or `31 Mar` / `31 mars` (day points).
pub fn axis_date(date: &str, daily: bool, locale: Locale) -> String {
    let (year, month, day) = (date.get(..4).unwrap_or(""), date.get(5..7).and_then(|m| m.parse::<usize>().ok()).unwrap_or(1), date.get(8..10).unwrap_or(""));
    let names = match locale {
        Locale::En => &MONTHS_EN,
        Locale::Fr => &MONTHS_FR,
    };
    let name = names[(month.clamp(1, 12)) - 1];
    let day = day.trim_start_matches('0');
    match (daily, locale) {
        (true, _) => format!("{day} {name}"),
        (false, _) => format!("{name} {year}"),
    }
}

pub(crate) fn text(locale: Locale, en: &'static str, fr: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Fr => fr,
    }
}

/// Adds `role="img"`, `<title>` and `<desc>` to the SVG plotters wrote.
pub(crate) fn accessible(svg: String, title: &str, description: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let Some(open_end) = svg.find("<svg").and_then(|start| svg[start..].find('>').map(|end| start + end)) else { return svg };
    format!(
        "{} role=\"img\" aria-label=\"{}\"><title>{}</title><desc>{}</desc>{}",
        &svg[..open_end],
        escape(title).replace('"', "&quot;"),
        escape(title),
        escape(description),
        &svg[open_end + 1..]
    )
}

/// A chart on f64 axes drawn into SVG.
type Frame<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// The chart area every chart uses: the title as caption, margins, and room for the axis labels.
fn frame<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    title: &str,
    palette: &Palette,
    y_label_width: u32,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Frame<'a, 'b>> {
    ChartBuilder::on(root)
        .caption(title, (FONT, 18).into_font().color(&palette.text))
        .margin(14)
        .x_label_area_size(30)
        .y_label_area_size(y_label_width)
        .build_cartesian_2d(x, y)
        .map_err(drawing_failed)
}

/// The legend box every chart uses.
fn legend<'a, 'b: 'a>(chart: &mut Frame<'a, 'b>, palette: &Palette, position: SeriesLabelPosition) -> Result<()> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(palette.background.mix(0.85))
        .border_style(palette.grid)
        .label_font((FONT, 11).into_font().color(&palette.text))
        .draw()
        .map_err(drawing_failed)
}

/// y range that shows every value with some room, and zero when values are near it.
/// The mesh of a chart with one row per item, the first at the top, money along x, each row named by `label`.
fn row_mesh<'a, 'b: 'a>(chart: &mut Frame<'a, 'b>, palette: &Palette, currency: &str, locale: Locale, count: usize, label: &dyn Fn(usize) -> Option<String>) -> Result<()> {
    chart
        .configure_mesh()
        .x_labels(6)
        .x_label_formatter(&|x| axis_money(*x, currency, locale))
        .y_labels(count)
        .y_label_formatter(&|y| {
            let index = count as f64 - 1.0 - y.round();
            if (y - y.round()).abs() < 0.01 && index >= 0.0 { label(index as usize).unwrap_or_default() } else { String::new() }
        })
        .label_style((FONT, 12).into_font().color(&palette.text))
        .axis_style(palette.grid)
        .bold_line_style(palette.grid.mix(0.5))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(drawing_failed)
}

/// Where each of `rows` rows (of `count` in the frame) is drawn in SVG pixels, and the plot's top and bottom, for
/// the pointer's readings.
fn row_geometry(chart: &Frame<'_, '_>, count: usize, rows: usize) -> (Vec<i32>, (i32, i32)) {
    let centres = (0..rows).map(|i| chart.backend_coord(&(0.0, (count - 1 - i) as f64)).1).collect();
    let plot = chart.plotting_area().get_pixel_range().1;
    (centres, (plot.start, plot.end))
}

fn y_range(values: impl Iterator<Item = f64>) -> std::ops::Range<f64> {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        low = low.min(v);
        high = high.max(v);
    }
    if !low.is_finite() {
        return 0.0..1.0;
    }
    if low > 0.0 && low < high * 0.5 {
        low = 0.0;
    }
    let pad = ((high - low).abs() * 0.08).max(1.0);
    (low - pad)..(high + pad)
}

fn trend(document: &OverviewDocument, locale: Locale, theme: Theme) -> Result<(String, ChartReadings)> {
    let palette = theme.palette();
    let trends = &document.trends;
    let base = &document.base_currency;
    let daily = document.period.granularity == crate::overview::period::Granularity::Day;
    let points = trends.dates.len();
    let net_worth: Vec<f64> = trends.base.values.iter().map(Money::to_f64).collect();
    // Account lines in the base currency, for accounts in it; other currencies are in the consolidated line.
    let accounts: Vec<(&str, Vec<f64>)> = trends
        .accounts
        .iter()
        .filter(|a| &a.account.currency == base)
        .take(palette.series.len())
        .map(|a| (a.account.name.as_str(), a.values.iter().map(Money::to_f64).collect()))
        .collect();
    let title = format!("{} ({base})", text(locale, "Net worth and account balances", "Patrimoine net et soldes des comptes"));
    let mut svg = String::new();
    let (centres, edges): (Vec<i32>, (i32, i32));
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&palette.background).map_err(drawing_failed)?;
        let range = y_range(net_worth.iter().copied().chain(accounts.iter().flat_map(|(_, v)| v.iter().copied())));
        let mut chart = frame(&root, &title, &palette, 90, 0f64..(points.max(2) - 1) as f64, range)?;
        let dates = &trends.dates;
        chart
            .configure_mesh()
            .x_labels(points.min(8))
            .x_label_formatter(&|x| dates.get(x.round() as usize).filter(|_| (x - x.round()).abs() < 0.01).map(|d| axis_date(d, daily, locale)).unwrap_or_default())
            .y_labels(6)
            .y_label_formatter(&|y| axis_money(*y, base, locale))
            .label_style((FONT, 12).into_font().color(&palette.text))
            .axis_style(palette.grid)
            .bold_line_style(palette.grid.mix(0.5))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing_failed)?;
        for (index, (name, values)) in accounts.iter().enumerate() {
            let color = palette.series[index];
            chart
                .draw_series(LineSeries::new(values.iter().enumerate().map(|(i, v)| (i as f64, *v)), color.stroke_width(1)))
                .map_err(drawing_failed)?
                .label(name.to_string())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(2)));
        }
        let primary = palette.primary;
        chart
            .draw_series(LineSeries::new(net_worth.iter().enumerate().map(|(i, v)| (i as f64, *v)), primary.stroke_width(3)))
            .map_err(drawing_failed)?
            .label(text(locale, "Net worth", "Patrimoine net"))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], primary.stroke_width(3)));
        legend(&mut chart, &palette, SeriesLabelPosition::UpperLeft)?;
        centres = (0..points).map(|i| chart.backend_coord(&(i as f64, 0.0)).0).collect();
        let plot = chart.plotting_area().get_pixel_range().0;
        edges = (plot.start, plot.end);
        root.present().map_err(drawing_failed)?;
    }
    let first = net_worth.first().copied().unwrap_or_default();
    let last = net_worth.last().copied().unwrap_or_default();
    let description = match locale {
        Locale::En => format!(
            "Net worth went from {} to {} between {} and {}; {} account lines.",
            axis_money(first, base, locale), axis_money(last, base, locale), document.period.start, document.period.end, accounts.len()
        ),
        Locale::Fr => format!(
            "Le patrimoine net est passé de {} à {} entre le {} et le {} ; {} courbes de comptes.",
            axis_money(first, base, locale), axis_money(last, base, locale), document.period.start, document.period.end, accounts.len()
        ),
    };
    let indices: Vec<usize> = (0..points).collect();
    let lines: Vec<_> = trends.accounts.iter().filter(|a| &a.account.currency == base).take(palette.series.len()).collect();
    let readings = readings(ReadingAxis::X, HEIGHT, &centres, edges, &indices, |i| {
        let mut values = vec![reading(text(locale, "Net worth", "Patrimoine net"), &trends.base.values[*i], base, locale)];
        values.extend(lines.iter().filter_map(|a| Some(reading(a.account.name.clone(), a.values.get(*i)?, base, locale))));
        (axis_date(&trends.dates[*i], daily, locale), values)
    });
    Ok((accessible(svg, &title, &description), readings))
}

fn cashflow(document: &OverviewDocument, locale: Locale, theme: Theme) -> Result<(String, ChartReadings)> {
    let palette = theme.palette();
    let base = &document.base_currency;
    let months = &document.cashflow.months;
    let rows: Vec<(f64, f64, f64)> = months.iter().map(|m| (m.income.to_f64(), m.expenses.to_f64(), m.net.to_f64())).collect();
    let title = format!("{} ({base})", text(locale, "Cashflow per month", "Flux de trésorerie par mois"));
    let mut svg = String::new();
    let (centres, edges): (Vec<i32>, (i32, i32));
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&palette.background).map_err(drawing_failed)?;
        let range = y_range(rows.iter().flat_map(|(income, expenses, net)| [*income, -*expenses, *net, 0.0]));
        let mut chart = frame(&root, &title, &palette, 90, -0.5f64..(rows.len().max(1) as f64 - 0.5), range)?;
        chart
            .configure_mesh()
            .x_labels(rows.len().clamp(1, 12))
            .x_label_formatter(&|x| {
                months.get(x.round() as usize).filter(|_| (x - x.round()).abs() < 0.01).map(|m| axis_date(&format!("{}-01", m.month), false, locale)).unwrap_or_default()
            })
            .y_labels(6)
            .y_label_formatter(&|y| axis_money(*y, base, locale))
            .label_style((FONT, 12).into_font().color(&palette.text))
            .axis_style(palette.grid)
            .bold_line_style(palette.grid.mix(0.5))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing_failed)?;
        let (positive, negative, primary) = (palette.positive, palette.negative, palette.primary);
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (income, _, _))| Rectangle::new([(i as f64 - 0.35, 0.0), (i as f64 - 0.02, *income)], positive.filled())))
            .map_err(drawing_failed)?
            .label(text(locale, "Income", "Revenus"))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], positive.filled()));
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, expenses, _))| Rectangle::new([(i as f64 + 0.02, 0.0), (i as f64 + 0.35, -*expenses)], negative.filled())))
            .map_err(drawing_failed)?
            .label(text(locale, "Expenses", "Dépenses"))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], negative.filled()));
        chart
            .draw_series(LineSeries::new(rows.iter().enumerate().map(|(i, (_, _, net))| (i as f64, *net)), primary.stroke_width(2)))
            .map_err(drawing_failed)?
            .label(text(locale, "Net", "Solde net"))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], primary.stroke_width(2)));
        legend(&mut chart, &palette, SeriesLabelPosition::UpperRight)?;
        centres = (0..rows.len()).map(|i| chart.backend_coord(&(i as f64, 0.0)).0).collect();
        let plot = chart.plotting_area().get_pixel_range().0;
        edges = (plot.start, plot.end);
        root.present().map_err(drawing_failed)?;
    }
    let total = &document.cashflow.total;
    let description = match locale {
        Locale::En => format!("{} months; income {}, expenses {}, net {} {base}.", months.len(), total.income, total.expenses, total.net),
        Locale::Fr => format!("{} mois ; revenus {}, dépenses {}, solde net {} {base}.", months.len(), total.income, total.expenses, total.net),
    };
    let readings = readings(ReadingAxis::X, HEIGHT, &centres, edges, months, |m| {
        let values = vec![
            reading(text(locale, "Income", "Revenus"), &m.income, base, locale),
            reading(text(locale, "Expenses", "Dépenses"), &m.expenses, base, locale),
            reading(text(locale, "Net", "Solde net"), &m.net, base, locale),
        ];
        (axis_date(&format!("{}-01", m.month), false, locale), values)
    });
    Ok((accessible(svg, &title, &description), readings))
}

/// How many categories the chart shows.
const CATEGORY_BARS: usize = 10;

fn categories(document: &OverviewDocument, locale: Locale, theme: Theme) -> Result<(String, ChartReadings)> {
    let palette = theme.palette();
    let base = &document.base_currency;
    let lines: Vec<_> = document.categories.spending.iter().take(CATEGORY_BARS).collect();
    let title = format!("{} ({base})", text(locale, "Spending by category", "Dépenses par catégorie"));
    let mut svg = String::new();
    let (centres, edges): (Vec<i32>, (i32, i32));
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&palette.background).map_err(drawing_failed)?;
        let high = lines.iter().flat_map(|l| [l.total.to_f64(), l.previous_total.to_f64()]).fold(1.0f64, f64::max) * 1.08;
        let count = lines.len().max(1);
        let mut chart = frame(&root, &title, &palette, 130, 0f64..high, -0.5f64..(count as f64 - 0.5))?;
        // Largest at the top.
        row_mesh(&mut chart, &palette, base, locale, count, &|index| lines.get(index).map(|l| l.category.clone()))?;
        let (current, previous) = (palette.primary, palette.muted);
        let row = |index: usize| (count - 1 - index) as f64;
        chart
            .draw_series(lines.iter().enumerate().map(|(i, l)| Rectangle::new([(0.0, row(i) - 0.05), (l.previous_total.to_f64(), row(i) - 0.38)], previous.filled())))
            .map_err(drawing_failed)?
            .label(text(locale, "Previous period", "Période précédente"))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], previous.filled()));
        chart
            .draw_series(lines.iter().enumerate().map(|(i, l)| Rectangle::new([(0.0, row(i) + 0.38), (l.total.to_f64(), row(i) + 0.02)], current.filled())))
            .map_err(drawing_failed)?
            .label(text(locale, "This period", "Cette période"))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], current.filled()));
        legend(&mut chart, &palette, SeriesLabelPosition::LowerRight)?;
        (centres, edges) = row_geometry(&chart, count, lines.len());
        root.present().map_err(drawing_failed)?;
    }
    let listed: Vec<String> = lines.iter().map(|l| format!("{} {}", l.category, l.total)).collect();
    let description = format!("{}: {}.", text(locale, "Largest categories", "Principales catégories"), listed.join(", "));
    let readings = readings(ReadingAxis::Y, HEIGHT, &centres, edges, &lines, |l| {
        let values = vec![
            reading(text(locale, "This period", "Cette période"), &l.total, base, locale),
            reading(text(locale, "Previous period", "Période précédente"), &l.previous_total, base, locale),
        ];
        (l.category.clone(), values)
    });
    Ok((accessible(svg, &title, &description), readings))
}

mod owners;
pub mod readings;

#[cfg(test)]
mod tests;
