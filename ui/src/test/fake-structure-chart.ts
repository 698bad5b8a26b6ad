// The fake core's structure chart, laid out as pfo-core's household/chart.rs lays it out: people on the top row,
// each entity a row below the lowest of its owners, an arrow from each owner to what it owns labelled with the
// share, and the boxes' places returned with the SVG. Drawn plainly: it stands in for the core's picture.
import type { Owner } from "../bindings/Owner";
import type { Share } from "../bindings/Share";
import type { StructureChart } from "../bindings/StructureChart";

const WIDTH = 880;
const MARGIN = 20;
const ROW_HEIGHT = 120;
const BOX_HEIGHT = 56;
const BOX_WIDTH = 190;
const GAP = 18;
const ROLE_NAMES: Record<string, string> = {
  principal: "Main person", spouse: "Spouse", partner: "Partner", child: "Child", parent: "Parent", other_person: "Other person",
  holding: "Holding company", sci: "SCI", trust: "Trust", foundation: "Foundation", company: "Company", indivision: "Indivision", other_entity: "Other entity",
};

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const shortened = (name: string, at: number) => (name.length <= at ? name : `${name.slice(0, at - 1)}…`);

export function structureChart(owners: Owner[], holdersOf: (entity: string) => Share[], theme: "light" | "dark"): StructureChart {
  const palette = theme === "dark" ? { background: "#18202a", text: "#e6ebf1", muted: "#93a1b0", line: "#5d6b7a", box: "#202a36" } : { background: "#ffffff", text: "#16202c", muted: "#5d6b7a", line: "#8795a4", box: "#f7f9fb" };
  const level = (o: Owner, depth = 0): number =>
    o.kind === "person" || depth > 32
      ? 0
      : Math.max(1, ...holdersOf(o.id).map((s) => owners.find((h) => h.id === s.owner)).filter((h): h is Owner => !!h).map((h) => level(h, depth + 1) + 1));
  const rows: Owner[][] = [];
  for (const o of owners) (rows[level(o)] ??= []).push(o);
  const boxes = rows.flatMap((members, row) => {
    const count = members.length;
    const width = Math.min(BOX_WIDTH, Math.floor((WIDTH - 2 * MARGIN) / count) - GAP);
    return members.map((o, index) => {
      const centre = MARGIN + Math.floor(((WIDTH - 2 * MARGIN) * (2 * index + 1)) / (2 * count));
      return { owner: o.id, x: centre - Math.floor(width / 2), y: MARGIN + 30 + row * ROW_HEIGHT, width, height: BOX_HEIGHT };
    });
  });
  const height = Math.max(160, MARGIN * 2 + 30 + rows.length * ROW_HEIGHT - (ROW_HEIGHT - BOX_HEIGHT));
  const place = new Map(boxes.map((b) => [b.owner, b]));
  const arrows = owners
    .filter((o) => o.kind === "entity")
    .flatMap((entity) =>
      holdersOf(entity.id).flatMap((share) => {
        const from = place.get(share.owner);
        const to = place.get(entity.id);
        if (!from || !to) return [];
        const [x1, y1, x2, y2] = [from.x + from.width / 2, from.y + from.height, to.x + to.width / 2, to.y];
        const label = `${share.percent} %${share.right === "full" ? "" : share.right === "usufruct" ? " usufruct" : " bare"}`;
        return [
          `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2 - 4}" stroke="${palette.line}" stroke-width="1.5" marker-end="url(#arrow)"/>`,
          `<text x="${(x1 + x2) / 2 + 6}" y="${(y1 + y2) / 2}" font-family="sans-serif" font-size="12" fill="${palette.muted}">${escape(label)}</text>`,
        ];
      }),
    );
  const drawn = boxes.map((b) => {
    const o = owners.find((x) => x.id === b.owner)!;
    return [
      `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="8" fill="${palette.box}" stroke="${o.colour}" stroke-width="2"/>`,
      `<rect x="${b.x}" y="${b.y}" width="6" height="${b.height}" rx="3" fill="${o.colour}"/>`,
      `<text x="${b.x + 16}" y="${b.y + 24}" font-family="sans-serif" font-size="14" font-weight="600" fill="${palette.text}">${escape(shortened(o.name, 24))}</text>`,
      `<text x="${b.x + 16}" y="${b.y + 43}" font-family="sans-serif" font-size="12" fill="${palette.muted}">${escape(ROLE_NAMES[o.role] ?? o.role)}</text>`,
    ].join("");
  });
  const svg = [
    `<svg width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>Who owns what</title><desc>People above the entities they own.</desc>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${palette.line}"/></marker></defs>`,
    `<rect width="${WIDTH}" height="${height}" fill="${palette.background}"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 12}" font-family="sans-serif" font-size="18" fill="${palette.text}">Who owns what</text>`,
    ...arrows,
    ...drawn,
    `</svg>`,
  ].join("");
  return { svg, boxes };
}
