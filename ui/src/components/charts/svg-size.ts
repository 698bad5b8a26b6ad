// The pixel size an SVG the core drew declares on its root element (width and height, or else its viewBox), for
// placing things over it in its own pixels once the browser has scaled it.

export interface Size {
  width: number;
  height: number;
}

export function svgSize(svg: string): Size | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) return null;
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(root)?.[1];
  const width = Number.parseFloat(attribute("width") ?? "");
  const height = Number.parseFloat(attribute("height") ?? "");
  if (width > 0 && height > 0) return { width, height };
  const box = (attribute("viewBox") ?? "").trim().split(/[\s,]+/).map(Number);
  return box.length === 4 && box[2] > 0 && box[3] > 0 ? { width: box[2], height: box[3] } : null;
}
