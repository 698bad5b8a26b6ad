//! The structure as a chart, drawn with `plotters` into SVG like the overview's charts: people on the top row,
//! each entity on a row below every one of its owners, an arrow from each owner to what it owns, labelled with the
//! share (and the right, when it is not full ownership).
//!
//! It is the Ownership screen's picture of the household and carries the owners' names, which is why no report
//! embeds it. The boxes' places come back with the SVG, so that the window can point at an owner.

use super::lookthrough::{Holding, Structure};
use crate::domain::{Owner, OwnerId, OwnerKind, Right};
use crate::error::Result;
use crate::overview::charts::{accessible, drawing_failed, text, Locale, Theme, FONT};
use crate::overview::render::role_name;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;
use std::collections::HashMap;

const WIDTH: u32 = 880;
const MARGIN: i32 = 20;
const ROW_HEIGHT: i32 = 120;
const BOX_HEIGHT: i32 = 56;
const BOX_WIDTH: i32 = 190;
const GAP: i32 = 18;
/// Bound on entity levels, as in [`super::lookthrough`]: a stored cycle cannot make the layout recurse for ever.
const MAX_LEVEL: usize = 32;

/// Where an owner's box is in the SVG, in its pixels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartBox {
    /// The owner.
    pub owner: OwnerId,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: i32,
    /// Height.
    pub height: i32,
}

/// The structure chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StructureChart {
    /// The SVG, with a `<title>` and a `<desc>` that says every link in words.
    pub svg: String,
    /// Every owner's box.
    pub boxes: Vec<ChartBox>,
}

/// Each owner's row: people on row 0, an entity one row below the lowest of its owners (row 1 when nobody is
/// recorded as owning it).
fn levels(owners: &[Owner], structure: &Structure) -> HashMap<OwnerId, usize> {
    fn level(owner: &Owner, owners: &[Owner], structure: &Structure, depth: usize) -> usize {
        if owner.kind == OwnerKind::Person || depth > MAX_LEVEL {
            return 0;
        }
        let holders = structure.shares(&Holding::Entity(owner.id.clone())).unwrap_or_default();
        holders
            .iter()
            .filter_map(|share| owners.iter().find(|o| o.id == share.owner))
            .map(|holder| level(holder, owners, structure, depth + 1) + 1)
            .max()
            .unwrap_or(1)
    }
    owners.iter().map(|o| (o.id.clone(), level(o, owners, structure, 0))).collect()
}

fn colour_of(hex: &str, fallback: RGBColor) -> RGBColor {
    let channel = |i: usize| hex.get(i..i + 2).and_then(|c| u8::from_str_radix(c, 16).ok());
    match (hex.len(), channel(1), channel(3), channel(5)) {
        (7, Some(r), Some(g), Some(b)) => RGBColor(r, g, b),
        _ => fallback,
    }
}

fn shortened(name: &str, at: usize) -> String {
    if name.chars().count() <= at {
        return name.to_string();
    }
    let mut cut: String = name.chars().take(at - 1).collect();
    cut.push('…');
    cut
}

/// The share label of one link: `60 %`, `50 % usufruct`, `100 % bare` (shares of several rights joined).
fn share_label(parts: &[(Right, rust_decimal::Decimal)], locale: Locale) -> String {
    parts
        .iter()
        .map(|(right, percent)| {
            let number = percent.normalize().to_string();
            let number = if locale == Locale::Fr { number.replace('.', ",") } else { number };
            let right = match right {
                Right::Full => "",
                Right::Usufruct => text(locale, " usufruct", " usufruit"),
                Right::BareOwnership => text(locale, " bare", " nue-prop."),
            };
            format!("{number} %{right}")
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Draws the structure of `owners` as `structure` records it.
pub fn draw(owners: &[Owner], structure: &Structure, locale: Locale, theme: Theme) -> Result<StructureChart> {
    let palette = theme.palette();
    let levels = levels(owners, structure);
    let rows = levels.values().copied().max().map_or(1, |deepest| deepest + 1);
    let mut by_row: Vec<Vec<&Owner>> = vec![Vec::new(); rows];
    for owner in owners {
        by_row[levels[&owner.id]].push(owner);
    }
    // Below the first row, entities sit under the average place of their owners, to keep arrows short.
    let mut centre: HashMap<OwnerId, i32> = HashMap::new();
    let mut boxes = Vec::new();
    for (row, members) in by_row.iter_mut().enumerate() {
        if row > 0 {
            let pull = |o: &Owner| {
                let holders = structure.shares(&Holding::Entity(o.id.clone())).unwrap_or_default();
                let places: Vec<i32> = holders.iter().filter_map(|s| centre.get(&s.owner).copied()).collect();
                if places.is_empty() { i32::MAX } else { places.iter().sum::<i32>() / places.len() as i32 }
            };
            members.sort_by_key(|o| pull(o));
        }
        let count = members.len().max(1) as i32;
        let width = BOX_WIDTH.min((WIDTH as i32 - 2 * MARGIN) / count - GAP);
        for (index, owner) in members.iter().enumerate() {
            let x_centre = MARGIN + (WIDTH as i32 - 2 * MARGIN) * (2 * index as i32 + 1) / (2 * count);
            centre.insert(owner.id.clone(), x_centre);
            boxes.push(ChartBox { owner: owner.id.clone(), x: x_centre - width / 2, y: MARGIN + 30 + row as i32 * ROW_HEIGHT, width, height: BOX_HEIGHT });
        }
    }
    let height = (MARGIN * 2 + 30 + rows as i32 * ROW_HEIGHT - (ROW_HEIGHT - BOX_HEIGHT)).max(160) as u32;
    let place: HashMap<&OwnerId, &ChartBox> = boxes.iter().map(|b| (&b.owner, b)).collect();
    let title = text(locale, "Who owns what", "Qui détient quoi").to_string();
    let mut links = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&palette.background).map_err(drawing_failed)?;
        let caption = (FONT, 18).into_font().color(&palette.text).pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(title.clone(), (MARGIN, MARGIN - 6), caption)).map_err(drawing_failed)?;
        // Arrows first, so that boxes and labels sit on top of them.
        for entity in owners.iter().filter(|o| o.kind == OwnerKind::Entity) {
            let Some(target) = place.get(&entity.id) else { continue };
            let mut per_holder: Vec<(&OwnerId, Vec<(Right, rust_decimal::Decimal)>)> = Vec::new();
            for share in structure.shares(&Holding::Entity(entity.id.clone())).unwrap_or_default() {
                match per_holder.iter_mut().find(|(holder, _)| *holder == &share.owner) {
                    Some((_, parts)) => parts.push((share.right, share.percent)),
                    None => per_holder.push((&share.owner, vec![(share.right, share.percent)])),
                }
            }
            for (holder, parts) in per_holder {
                let Some(source) = place.get(holder) else { continue };
                let from = (source.x + source.width / 2, source.y + source.height);
                let to = (target.x + target.width / 2, target.y);
                let line = palette.muted.stroke_width(2);
                root.draw(&PathElement::new(vec![from, (to.0, to.1 - 8)], line)).map_err(drawing_failed)?;
                root.draw(&Polygon::new(vec![(to.0 - 6, to.1 - 10), (to.0 + 6, to.1 - 10), to], palette.muted.filled())).map_err(drawing_failed)?;
                let label = share_label(&parts, locale);
                let middle = ((from.0 + to.0) / 2, (from.1 + to.1) / 2);
                let half = (label.chars().count() as i32 * 7) / 2 + 6;
                root.draw(&Rectangle::new([(middle.0 - half, middle.1 - 10), (middle.0 + half, middle.1 + 10)], palette.background.filled())).map_err(drawing_failed)?;
                let style = (FONT, 12).into_font().color(&palette.text).pos(Pos::new(HPos::Center, VPos::Center));
                root.draw(&Text::new(label.clone(), middle, style)).map_err(drawing_failed)?;
                links.push(format!("{} → {}: {label}", owners.iter().find(|o| &o.id == holder).map_or("?", |o| o.name.as_str()), entity.name));
            }
        }
        for owner_box in &boxes {
            let Some(owner) = owners.iter().find(|o| o.id == owner_box.owner) else { continue };
            let accent = colour_of(&owner.colour, palette.primary);
            let (x0, y0, x1, y1) = (owner_box.x, owner_box.y, owner_box.x + owner_box.width, owner_box.y + owner_box.height);
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], palette.background.filled())).map_err(drawing_failed)?;
            let border = if owner.kind == OwnerKind::Entity { palette.grid.stroke_width(2) } else { accent.stroke_width(2) };
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], border)).map_err(drawing_failed)?;
            root.draw(&Rectangle::new([(x0, y0), (x0 + 6, y1)], accent.filled())).map_err(drawing_failed)?;
            let centre_x = (x0 + x1) / 2 + 3;
            let name = (FONT, 14).into_font().color(&palette.text).pos(Pos::new(HPos::Center, VPos::Center));
            let characters = ((owner_box.width - 16) / 8).max(6) as usize;
            root.draw(&Text::new(shortened(&owner.name, characters), (centre_x, y0 + 20), name)).map_err(drawing_failed)?;
            let mut role = role_name(owner.role, locale).to_string();
            if owner.primary {
                role.push_str(text(locale, " · primary", " · principal"));
            }
            let small = (FONT, 11).into_font().color(&palette.muted).pos(Pos::new(HPos::Center, VPos::Center));
            root.draw(&Text::new(role, (centre_x, y0 + 40), small)).map_err(drawing_failed)?;
        }
        root.present().map_err(drawing_failed)?;
    }
    let description = if links.is_empty() {
        text(locale, "No entity has recorded owners yet.", "Aucune structure n'a encore de propriétaires enregistrés.").to_string()
    } else {
        format!("{}.", links.join("; "))
    };
    Ok(StructureChart { svg: accessible(svg, &title, &description), boxes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OwnerRole;
    use crate::household::testing::{entity, owner, share};

    fn family() -> (Vec<Owner>, Structure) {
        let owners = vec![owner(1, OwnerRole::Principal), owner(2, OwnerRole::Spouse), owner(3, OwnerRole::Child), owner(4, OwnerRole::Holding), owner(5, OwnerRole::Sci)];
        let mut structure = Structure::new(owners.iter().map(|o| (o.id.clone(), o.kind)), Some(OwnerId::from_row(1)));
        structure.set(entity(4), vec![share(1, Right::Full, "60"), share(2, Right::Full, "40")]);
        structure.set(entity(5), vec![share(4, Right::Full, "50"), share(1, Right::Usufruct, "50"), share(3, Right::BareOwnership, "50")]);
        (owners, structure)
    }

    #[test]
    fn people_sit_above_the_entities_they_own_and_every_link_is_labelled() {
        let (owners, structure) = family();
        let chart = draw(&owners, &structure, Locale::En, Theme::Light).unwrap();
        let top = |row: i64| chart.boxes.iter().find(|b| b.owner == OwnerId::from_row(row)).unwrap().y;
        assert_eq!(top(1), top(3), "people share the first row");
        assert!(top(4) > top(1), "the holding is below its owners");
        assert!(top(5) > top(4), "the SCI is below the holding that owns part of it");
        for label in ["60 %", "40 %", "50 % usufruct", "50 % bare", "Owner 4"] {
            assert!(chart.svg.contains(label), "{label} is drawn");
        }
        assert!(chart.svg.contains("<desc>Owner 1 → Owner 4: 60 %;"), "the links are said in words");
        let tree = resvg::usvg::Tree::from_str(&chart.svg, &resvg::usvg::Options::default()).expect("the SVG parses");
        assert_eq!(tree.size().width() as u32, WIDTH);
        assert_eq!(chart, draw(&owners, &structure, Locale::En, Theme::Light).unwrap(), "deterministic");
        let french = draw(&owners, &structure, Locale::Fr, Theme::Dark).unwrap();
        assert!(french.svg.contains("50 % usufruit") && french.svg.contains("Conjoint"));
    }

    #[test]
    fn a_stored_cycle_still_draws() {
        let (owners, mut structure) = family();
        structure.set(entity(4), vec![share(5, Right::Full, "100")]);
        assert!(draw(&owners, &structure, Locale::En, Theme::Light).is_ok());
    }
}
