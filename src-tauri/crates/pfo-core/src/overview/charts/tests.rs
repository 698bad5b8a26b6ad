//! Tests of the overview's charts: rasterised, read back as text, compared across runs.
use super::*;
use crate::overview::compute::{compute, fixtures::{family, household}};

/// Pixels of the rasterised SVG whose colour is `color` (within a small distance, for anti-aliasing).
fn pixels_of(svg: &str, color: RGBColor) -> usize {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .pixels()
        .iter()
        .filter(|p| {
            let close = |a: u8, b: u8| (i16::from(a) - i16::from(b)).abs() <= 6;
            p.alpha() == 255 && close(p.red(), color.0) && close(p.green(), color.1) && close(p.blue(), color.2)
        })
        .count()
}

#[test]
fn charts_rasterise_with_every_series_in_both_themes() {
    let document = compute(&household());
    for theme in [Theme::Light, Theme::Dark] {
        let palette = theme.palette();
        let charts = render(&document, Locale::En, theme).unwrap();
        assert!(pixels_of(&charts.trend, palette.background) > 10_000, "{theme:?}: the background is drawn");
        assert!(pixels_of(&charts.trend, palette.primary) > 200, "{theme:?}: the net-worth line is drawn");
        assert!(pixels_of(&charts.trend, palette.series[0]) > 50, "{theme:?}: the first account line is drawn");
        assert!(pixels_of(&charts.cashflow, palette.positive) > 1_000, "{theme:?}: income bars");
        assert!(pixels_of(&charts.cashflow, palette.negative) > 1_000, "{theme:?}: expense bars");
        assert!(pixels_of(&charts.categories, palette.primary) > 1_000, "{theme:?}: this period's bars");
        assert!(pixels_of(&charts.categories, palette.muted) > 500, "{theme:?}: the previous period's bars");
    }
}

/// The text of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text").skip(1).filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim().to_string())).collect()
}

#[test]
fn charts_are_deterministic_accessible_and_localised() {
    let document = compute(&household());
    let english = render(&document, Locale::En, Theme::Light).unwrap();
    assert_eq!(english, render(&document, Locale::En, Theme::Light).unwrap(), "same document, same bytes");
    assert!(english.trend.contains("role=\"img\"") && english.trend.contains("<title>Net worth and account balances (EUR)</title>"));
    assert!(english.trend.contains("<desc>Net worth went from"));
    let trend = texts(&english.trend);
    assert!(trend.contains(&"Jan 2026".to_string()) && trend.contains(&"Compte courant".to_string()), "month labels and the legend: {trend:?}");
    assert!(texts(&english.cashflow).iter().any(|t| t.starts_with('€') && t.contains(',')), "money axis in English");
    let categories = texts(&english.categories);
    assert!(categories.contains(&"food".to_string()) && categories.contains(&"housing".to_string()), "{categories:?}");
    let french = render(&document, Locale::Fr, Theme::Dark).unwrap();
    assert!(french.trend.contains("<title>Patrimoine net et soldes des comptes (EUR)</title>"));
    assert!(texts(&french.trend).contains(&"janv. 2026".to_string()));
    assert!(texts(&french.cashflow).iter().any(|t| t.ends_with("\u{a0}€")), "money axis in French: the symbol after the amount");
    assert_ne!(english.trend, french.trend);
}

#[test]
fn axis_formats_follow_the_locale() {
    assert_eq!(axis_money(1_234_567.4, "EUR", Locale::En), "€1,234,567");
    assert_eq!(axis_money(-1_234.6, "EUR", Locale::Fr), "-1\u{202f}235\u{a0}€");
    assert_eq!(axis_money(5.0, "CHF", Locale::En), "5 CHF");
    assert_eq!(axis_date("2026-03-31", false, Locale::Fr), "mars 2026");
    assert_eq!(axis_date("2026-03-05", true, Locale::En), "5 Mar");
    assert!(matches!(Locale::parse("de"), Err(Error::InvalidInput { .. })));
    assert_eq!(Locale::parse("fr-FR").unwrap(), Locale::Fr);
}

#[test]
fn the_owner_chart_draws_people_and_entities_by_role_and_id_only() {
    assert_eq!(render(&compute(&household()), Locale::En, Theme::Light).unwrap().owners, None, "no owners, no chart");
    let document = compute(&family(None));
    for theme in [Theme::Light, Theme::Dark] {
        let palette = theme.palette();
        let owners = render(&document, Locale::Fr, theme).unwrap().owners.expect("a chart of owners");
        assert!(pixels_of(&owners, palette.primary) > 1_000, "{theme:?}: people's bars");
        assert!(pixels_of(&owners, palette.series[3]) > 50, "{theme:?}: entities' bars (short beside the principal's mortgage)");
        let labels = texts(&owners);
        for label in ["Principal (o1)", "Conjoint (o2)", "Holding (o3)", "SCI (o4)"] {
            assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
        }
        assert!(!owners.contains("Owner 1"), "owners' names never reach a chart");
    }
}

#[test]
fn every_chart_says_what_lies_under_the_pointer_in_the_locales_words() {
    let document = compute(&family(None));
    let charts = render(&document, Locale::En, Theme::Light).unwrap();
    let readings = &charts.readings;
    assert_eq!(readings.trend.bands.len(), document.trends.dates.len());
    assert_eq!(readings.cashflow.bands.len(), document.cashflow.months.len());
    for chart in [&readings.trend, &readings.cashflow] {
        assert_eq!(chart.axis, readings::ReadingAxis::X);
        assert!(chart.bands.windows(2).all(|pair| pair[0].to == pair[1].from && pair[0].from < pair[0].to), "bands follow each other");
        assert!(chart.bands.first().unwrap().from > 0.0 && chart.bands.last().unwrap().to < f64::from(chart.width), "inside the plot");
    }
    let january = &readings.cashflow.bands[0];
    assert_eq!(january.label, "Jan 2026");
    let figures: Vec<(&str, &str)> = january.values.iter().map(|v| (v.series.as_str(), v.value.as_str())).collect();
    assert_eq!(figures, [("Income", "3,000.00 EUR"), ("Expenses", "1,400.00 EUR"), ("Net", "2,600.00 EUR")]);
    assert_eq!(readings.trend.bands[0].values[0].series, "Net worth");
    // Rows read top to bottom: the largest category first, then the owners in the table's order.
    let categories = &readings.categories;
    assert_eq!(categories.axis, readings::ReadingAxis::Y);
    assert_eq!(categories.bands[0].label, document.categories.spending[0].category);
    assert!(categories.bands[0].to <= categories.bands[1].from, "the first row is above the second");
    let owners = readings.owners.as_ref().expect("owners are read too");
    assert_eq!(owners.bands.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(), ["Principal (o1)", "Spouse (o2)", "Holding (o3)", "SCI (o4)"]);
    assert!(owners.bands[0].values.iter().any(|v| v.series == "Holding (o3) 60 %" && v.value == "300.00 EUR"));
    let french = render(&document, Locale::Fr, Theme::Dark).unwrap();
    assert_eq!(french.readings.cashflow.bands[0].values[0].value, "3\u{202f}000,00 EUR");
}
