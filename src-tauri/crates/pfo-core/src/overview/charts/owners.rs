//! The net-worth-by-owner chart: one bar per owner, in the same frame, palette and readings as the other charts.

use super::*;

/// One bar per owner: its look-through net worth, people in the primary colour and entities in another, each
/// named by role and id (reports never carry an owner's name).
pub(super) fn draw(document: &OverviewDocument, locale: Locale, theme: Theme) -> Result<(String, ChartReadings)> {
    let palette = theme.palette();
    let base = &document.base_currency;
    let rows = &document.by_owner;
    let label = |i: usize| rows.get(i).map(|o| crate::overview::render::owner_label(o.role, &o.owner, locale)).unwrap_or_default();
    let title = format!("{} ({base})", text(locale, "Net worth by owner", "Patrimoine net par propriétaire"));
    let mut svg = String::new();
    let (centres, edges): (Vec<i32>, (i32, i32));
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&palette.background).map_err(drawing_failed)?;
        let x = y_range(rows.iter().map(|o| o.net_worth.to_f64()).chain([0.0]));
        let count = rows.len().max(1);
        let mut chart = frame(&root, &title, &palette, 150, x, -0.5f64..(count as f64 - 0.5))?;
        let row = |index: usize| (count - 1 - index) as f64;
        row_mesh(&mut chart, &palette, base, locale, count, &|index| (index < rows.len()).then(|| label(index)))?;
        let (person, entity) = (palette.primary, palette.series[3]);
        for (kind, colour, en, fr) in [(crate::domain::OwnerKind::Person, person, "People", "Personnes"), (crate::domain::OwnerKind::Entity, entity, "Entities", "Structures")] {
            chart
                .draw_series(
                    rows.iter()
                        .enumerate()
                        .filter(|(_, o)| o.role.kind() == kind)
                        .map(|(i, o)| Rectangle::new([(0.0, row(i) - 0.32), (o.net_worth.to_f64(), row(i) + 0.32)], colour.filled())),
                )
                .map_err(drawing_failed)?
                .label(text(locale, en, fr))
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        legend(&mut chart, &palette, SeriesLabelPosition::LowerRight)?;
        (centres, edges) = row_geometry(&chart, count, rows.len());
        root.present().map_err(drawing_failed)?;
    }
    let listed: Vec<String> = rows.iter().enumerate().map(|(i, o)| format!("{} {}", label(i), o.net_worth)).collect();
    let description = format!("{}: {}.", text(locale, "Net worth of each owner, directly and through entities", "Patrimoine net de chaque propriétaire, en direct et via des structures"), listed.join(", "));
    let readings = readings(ReadingAxis::Y, HEIGHT, &centres, edges, rows, |o| {
        let mut values = vec![
            reading(text(locale, "Net worth", "Patrimoine net"), &o.net_worth, base, locale),
            reading(text(locale, "Held directly", "Détenu en direct"), &o.direct, base, locale),
        ];
        let role_of = |id: &crate::domain::OwnerId| rows.iter().find(|r| &r.owner == id).map_or_else(|| id.to_string(), |r| crate::overview::render::owner_label(r.role, id, locale));
        values.extend(o.through.iter().map(|t| reading(format!("{} {} %", role_of(&t.entity), t.percent), &t.amount, base, locale)));
        (crate::overview::render::owner_label(o.role, &o.owner, locale), values)
    });
    Ok((accessible(svg, &title, &description), readings))
}
