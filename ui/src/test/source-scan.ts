// A static reading of the UI's sources, for the texts tests: the keys the code asks `t()` and `msg()` for, and the
// visible texts of the TSX that do not go through `t()` (JSX text, text attributes such as aria-label, title and
// placeholder, and literals a JSX expression renders). Built on the TypeScript parser, not on regular expressions.
/// <reference types="vite/client" />
import ts from "typescript";

export interface Source {
  path: string;
  text: string;
}

export interface Found {
  path: string;
  line: number;
  text: string;
}

/** The UI's own sources (not its tests, the generated bindings or the catalogues), as Vite reads them. */
export function uiSources(): Source[] {
  const files = import.meta.glob<string>("/src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });
  return Object.entries(files)
    .filter(([path]) => !/\.test\.tsx?$|^\/src\/(test|bindings)\/|^\/src\/i18n\/(en|fr)\.ts$/.test(path))
    .map(([path, text]) => ({ path, text }));
}

function parse(source: Source): ts.SourceFile {
  return ts.createSourceFile(source.path, source.text, ts.ScriptTarget.Latest, true, source.path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function at(file: ts.SourceFile, node: ts.Node, text: string): Found {
  return { path: file.fileName, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text };
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const literal = (node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));

/** Every `t("…")` and `msg("…")` key; a `msg()` of anything but a literal is reported with `dynamic`. */
export function messageKeys(sources: Source[]): { keys: Found[]; dynamic: Found[] } {
  const keys: Found[] = [];
  const dynamic: Found[] = [];
  for (const source of sources) {
    const file = parse(source);
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      const name = node.expression.text;
      if (name !== "t" && name !== "msg") return;
      const [first] = node.arguments;
      if (literal(first)) keys.push(at(file, first, first.text));
      else if (name === "msg") dynamic.push(at(file, node, node.getText(file)));
    });
  }
  return { keys, dynamic };
}

/** Attributes whose values are never read by a person: identifiers, codes, geometry, ARIA states and references. */
const NON_TEXT_ATTRIBUTES = new Set([
  "className", "id", "key", "type", "role", "value", "name", "htmlFor", "href", "src", "lang", "scope", "colSpan",
  "autoComplete", "inputMode", "viewBox", "points", "d", "fill", "stroke", "strokeWidth", "textAnchor",
  "dominantBaseline", "preserveAspectRatio", "transform", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "style",
  "aria-controls", "aria-labelledby", "aria-describedby", "aria-activedescendant", "aria-live", "aria-current",
  "aria-expanded", "aria-modal", "aria-busy", "aria-hidden", "aria-disabled", "aria-selected", "aria-pressed",
]);

const hasWord = (text: string) => /\p{L}/u.test(text);

/** The literal texts an expression can evaluate to and put on screen (branches, fallbacks, templates, lists). */
function renderedLiterals(node: ts.Expression): ts.Node[] {
  if (literal(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node];
  if (ts.isParenthesizedExpression(node)) return renderedLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...renderedLiterals(node.whenTrue), ...renderedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return renderedLiterals(node.right);
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.PlusToken) {
      return [...renderedLiterals(node.left), ...renderedLiterals(node.right)];
    }
  }
  // `list.map((x) => "…").join(", ")`: the callback's result is what shows.
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    if (method === "join") return renderedLiterals(node.expression.expression);
    if (method === "map") {
      const callback = node.arguments[0];
      if (callback && ts.isArrowFunction(callback) && !ts.isBlock(callback.body)) return renderedLiterals(callback.body);
    }
  }
  return [];
}

/** The words of a literal as a person would read them (a template's fixed parts, its `${…}` left out). */
function staticText(node: ts.Node): string {
  if (literal(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  return "";
}

/** Visible texts of the TSX sources that do not go through `t()`, except the `allowed` ones (exact, trimmed). */
export function untranslatedTexts(sources: Source[], allowed: ReadonlySet<string>): Found[] {
  const found: Found[] = [];
  const report = (file: ts.SourceFile, node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (hasWord(trimmed) && !allowed.has(trimmed)) found.push(at(file, node, trimmed));
  };
  for (const source of sources.filter((s) => s.path.endsWith(".tsx"))) {
    const file = parse(source);
    walk(file, (node) => {
      if (ts.isJsxText(node)) report(file, node, node.text);
      if (ts.isJsxAttribute(node)) {
        const name = node.name.getText(file);
        if (NON_TEXT_ATTRIBUTES.has(name) || name.startsWith("data-") || name.startsWith("on")) return;
        const value = node.initializer;
        if (value && literal(value)) report(file, value, value.text);
        if (value && ts.isJsxExpression(value) && value.expression) {
          for (const shown of renderedLiterals(value.expression)) report(file, shown, staticText(shown));
        }
      }
      if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        for (const shown of renderedLiterals(node.expression)) report(file, shown, staticText(shown));
      }
    });
  }
  return found;
}
