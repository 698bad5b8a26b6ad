//! Renderings of an overview document: Markdown (kept in the knowledge space, printed by `pfo overview generate`)
//! and the advisor report (Markdown or HTML, self-contained, charts embedded), in English or French.
//!
//! Every rendering starts from [`redacted`]: the telemetry redaction rules applied to each free-text field of the
//! document (account names, institutions, categories), so a number typed into an account name never reaches a
//! report. Amounts are not free text and are left as they are.

use super::charts::{self, Charts, Locale, Theme};
use super::document::*;
use crate::domain::{AccountId, Basis, OwnerId, OwnerRole};
use crate::error::Result;
use crate::telemetry::{redact_open_banking_telemetry_payload, OVERVIEW_GENERATED};
use base64::Engine;
use std::fmt::Write;
use words::words;
pub use words::role_name;

mod words;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown with charts as data-URI images.
    Markdown,
    /// One HTML file with inline SVG charts and no external resource.
    Html,
}

impl Format {
    /// The file extension of a report in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Reads `md`/`markdown` or `html`.
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(crate::Error::InvalidInput { field: "format".into(), reason: format!("`{other}` is not a report format; use md or html") }),
        }
    }
}

fn redact_field(text: &mut String) {
    let redacted = redact_open_banking_telemetry_payload(&OVERVIEW_GENERATED, serde_json::json!({ "text": text }));
    if let Some(clean) = redacted.get("text").and_then(|t| t.as_str()) {
        *text = clean.to_string();
    }
}

fn redact_account(account: &mut AccountRef) {
    redact_field(&mut account.name);
    redact_field(&mut account.institution);
}

/// The document with the redaction rules applied to every free-text field.
pub fn redacted(document: &OverviewDocument) -> OverviewDocument {
    let mut document = document.clone();
    document.excluded_accounts.iter_mut().for_each(|e| redact_account(&mut e.account));
    document.net_worth.accounts.iter_mut().for_each(|p| redact_account(&mut p.account));
    document.trends.accounts.iter_mut().for_each(|t| redact_account(&mut t.account));
    for line in document.categories.spending.iter_mut().chain(document.categories.income.iter_mut()) {
        redact_field(&mut line.category);
    }
    let notable = &mut document.notable;
    for movement in &mut notable.largest_movements {
        redact_account(&mut movement.account);
        redact_field(&mut movement.category);
    }
    for charge in &mut notable.recurring_charges {
        redact_account(&mut charge.account);
        redact_field(&mut charge.category);
    }
    notable.balance_mismatches.iter_mut().for_each(|m| redact_account(&mut m.account));
    notable.expiring_consents.iter_mut().for_each(|c| redact_field(&mut c.institution));
    document
}

/// An owner as reports name it: its role and id, never its name (`Spouse (o2)`).
pub fn owner_label(role: OwnerRole, owner: &OwnerId, locale: Locale) -> String {
    format!("{} ({owner})", role_name(role, locale))
}

/// Percent text for an exact percentage string (`"33.3333"` → `33.3333 %`, `33,3333 %` in French).
fn exact_percent(text: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!("{text} %"),
        Locale::Fr => format!("{}\u{a0}%", text.replace('.', ",")),
    }
}

/// Amount text for reports: grouped digits, two decimals, the locale's decimal mark.
pub fn money(amount: &Money, currency: &str, locale: Locale) -> String {
    let text = amount.as_str();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let decimal = match locale {
        Locale::En => ".",
        Locale::Fr => ",",
    };
    format!("{sign}{}{decimal}{fraction:0<2} {currency}", locale.group_digits(whole))
}

fn percent(value: Option<f64>, locale: Locale) -> String {
    match value {
        None => "—".into(),
        Some(v) => match locale {
            Locale::En => format!("{v:.1} %"),
            Locale::Fr => format!("{v:.1}\u{a0}%").replace('.', ","),
        },
    }
}

fn account_name(account: &AccountRef) -> String {
    match &account.masked_number {
        Some(masked) => format!("{} ({masked})", account.name),
        None => account.name.clone(),
    }
}

/// A table to render in either format.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

enum Block {
    Heading(u8, String),
    Paragraph(String),
    Table(Table),
    Chart(String, String),
}

fn blocks(document: &OverviewDocument, charts: Option<&Charts>, locale: Locale) -> Vec<Block> {
    let w = words(locale);
    let base = document.base_currency.as_str();
    let m = |amount: &Money, currency: &str| money(amount, currency, locale);
    let mut out = Vec::new();
    out.push(Block::Heading(1, format!("{} — {} → {}", w.title, document.period.start, document.period.end)));
    out.push(Block::Paragraph(format!(
        "{}: {} → {}. {}: {}. {}: {}.",
        w.period, document.period.start, document.period.end, w.base, base, w.generated, document.generated_at
    )));
    out.extend(view_blocks(document, locale));
    out.push(Block::Heading(2, w.rates.into()));
    if document.rates_used.is_empty() {
        out.push(Block::Paragraph(w.no_rates.into()));
    } else {
        out.push(Block::Table(Table {
            header: vec![w.currency.into(), format!("1 → {base}"), w.date.into()],
            rows: document.rates_used.iter().map(|r| vec![r.currency.clone(), r.rate.clone(), r.as_of.clone()]).collect(),
        }));
    }

    out.push(Block::Heading(2, w.net_worth.into()));
    let nw = &document.net_worth;
    let mut rows: Vec<Vec<String>> = nw.per_currency.iter().map(|p| vec![p.currency.clone(), m(&p.assets, &p.currency), m(&p.liabilities, &p.currency), m(&p.net, &p.currency)]).collect();
    rows.push(vec![format!("{} ({base})", w.total), m(&nw.base.assets, base), m(&nw.base.liabilities, base), m(&nw.base.net, base)]);
    out.push(Block::Table(Table { header: vec![w.currency.into(), w.assets.into(), w.liabilities.into(), w.net.into()], rows }));
    out.push(Block::Table(Table {
        header: vec![w.account.into(), w.bank.into(), w.balance.into(), w.in_base.into()],
        rows: nw
            .accounts
            .iter()
            .map(|p| vec![account_name(&p.account), p.account.institution.clone(), m(&p.balance, &p.account.currency), p.base_value.as_ref().map(|v| m(v, base)).unwrap_or_else(|| "—".into())])
            .collect(),
    }));
    if !document.excluded_accounts.is_empty() {
        out.push(Block::Heading(3, w.excluded.into()));
        out.push(Block::Table(Table {
            header: vec![w.account.into(), w.bank.into(), String::new()],
            rows: document.excluded_accounts.iter().map(|e| vec![account_name(&e.account), e.account.institution.clone(), e.reason.to_string()]).collect(),
        }));
    }
    if let Some(charts) = charts {
        out.push(Block::Chart(w.trends.into(), charts.trend.clone()));
    }
    out.extend(owner_blocks(document, charts, locale));

    out.push(Block::Heading(2, w.cashflow.into()));
    let cash = &document.cashflow;
    let line = |l: &CashflowLine, label: String| vec![label, m(&l.income, base), m(&l.expenses, base), m(&l.transfers, base), m(&l.net, base), percent(l.savings_rate, locale)];
    let mut rows: Vec<Vec<String>> = cash.months.iter().map(|l| line(l, l.month.clone())).collect();
    rows.push(line(&cash.total, w.total.into()));
    out.push(Block::Table(Table {
        header: vec![w.month.into(), w.income.into(), w.expenses.into(), w.transfers.into(), w.net.into(), w.savings_rate.into()],
        rows,
    }));
    if let Some(charts) = charts {
        out.push(Block::Chart(w.cashflow.into(), charts.cashflow.clone()));
    }

    for (heading, lines) in [(w.spending_by_category, &document.categories.spending), (w.income_by_category, &document.categories.income)] {
        out.push(Block::Heading(2, heading.into()));
        if lines.is_empty() {
            out.push(Block::Paragraph(w.nothing.into()));
            continue;
        }
        out.push(Block::Table(Table {
            header: vec![w.category.into(), w.total.into(), w.previous.into(), w.change.into(), "%".into()],
            rows: lines.iter().map(|l| vec![l.category.clone(), m(&l.total, base), m(&l.previous_total, base), m(&l.change, base), percent(l.change_percent, locale)]).collect(),
        }));
    }
    if let Some(charts) = charts {
        out.push(Block::Chart(w.spending_by_category.into(), charts.categories.clone()));
    }

    out.push(Block::Heading(2, w.trends.into()));
    out.push(Block::Paragraph(w.reconstructed.into()));
    let trends = &document.trends;
    let mut header = vec![w.date.into(), format!("{} ({base})", w.net_worth)];
    header.extend(trends.per_currency.iter().map(|c| c.currency.clone()));
    out.push(Block::Table(Table {
        header,
        rows: trends
            .dates
            .iter()
            .enumerate()
            .map(|(i, date)| {
                let reconstructed = trends.accounts.iter().any(|a| a.reconstructed.get(i).copied().unwrap_or(false));
                let mut row = vec![if reconstructed { format!("{date} *") } else { date.clone() }, m(&trends.base.values[i], base)];
                row.extend(trends.per_currency.iter().map(|c| m(&c.values[i], &c.currency)));
                row
            })
            .collect(),
    }));

    out.push(Block::Heading(2, w.notable.into()));
    let notable = &document.notable;
    out.push(Block::Heading(3, w.largest.into()));
    out.push(if notable.largest_movements.is_empty() {
        Block::Paragraph(w.nothing.into())
    } else {
        Block::Table(Table {
            header: vec![w.date.into(), w.category.into(), w.account.into(), w.amount.into()],
            rows: notable.largest_movements.iter().map(|mv| vec![mv.date.clone(), mv.category.clone(), account_name(&mv.account), m(&mv.amount, &mv.account.currency)]).collect(),
        })
    });
    out.push(Block::Heading(3, w.recurring.into()));
    out.push(if notable.recurring_charges.is_empty() {
        Block::Paragraph(w.nothing.into())
    } else {
        Block::Table(Table {
            header: vec![w.category.into(), w.account.into(), w.cadence.into(), w.amount.into(), w.next.into()],
            rows: notable
                .recurring_charges
                .iter()
                .map(|c| vec![c.category.clone(), account_name(&c.account), c.cadence.to_string(), m(&c.typical_amount, &c.account.currency), c.next_expected.clone()])
                .collect(),
        })
    });
    out.push(Block::Heading(3, w.pending.into()));
    out.push(if notable.pending.is_empty() {
        Block::Paragraph(w.nothing.into())
    } else {
        Block::Table(Table {
            header: vec![w.currency.into(), "#".into(), w.amount.into()],
            rows: notable.pending.iter().map(|p| vec![p.currency.clone(), p.count.to_string(), m(&p.amount, &p.currency)]).collect(),
        })
    });
    out.push(Block::Heading(3, w.mismatches.into()));
    out.push(if notable.balance_mismatches.is_empty() {
        Block::Paragraph(w.nothing.into())
    } else {
        Block::Table(Table {
            header: vec![w.account.into(), w.period.into(), w.balance.into(), w.amount.into(), w.change.into()],
            rows: notable
                .balance_mismatches
                .iter()
                .map(|x| {
                    let c = &x.account.currency;
                    vec![account_name(&x.account), format!("{} → {}", x.from, x.to), m(&x.balance_change, c), m(&x.transactions_sum, c), m(&x.difference, c)]
                })
                .collect(),
        })
    });
    out.push(Block::Heading(3, w.consents.into()));
    out.push(if notable.expiring_consents.is_empty() {
        Block::Paragraph(w.nothing.into())
    } else {
        Block::Table(Table {
            header: vec![w.bank.into(), w.date.into(), "J".into()],
            rows: notable.expiring_consents.iter().map(|c| vec![c.institution.clone(), c.expires_on.clone(), c.days_left.to_string()]).collect(),
        })
    });
    out
}

/// Whose figures these are, in a sentence, and an owner's shares of each account.
fn view_blocks(document: &OverviewDocument, locale: Locale) -> Vec<Block> {
    let w = words(locale);
    let view = &document.view;
    let basis = match view.basis {
        Basis::Usufruct => w.usufruct_basis,
        Basis::BareOwnership => w.bare_basis,
    };
    let Some(owner) = &view.owner else {
        return vec![Block::Paragraph(format!("{}: {}.", w.view, w.household_view))];
    };
    let role = document.by_owner.iter().find(|o| &o.owner == owner).map(|o| o.role);
    let whose = role.map_or_else(|| owner.to_string(), |r| owner_label(r, owner, locale));
    let mut out = vec![Block::Paragraph(format!("{}: {} — {whose}; {basis}.", w.view, w.owner_view))];
    if !view.share_changes.is_empty() {
        out.push(Block::Paragraph(format!("{} {}.", w.shares_changed, view.share_changes.join(", "))));
    }
    let names: std::collections::HashMap<&AccountId, &AccountRef> = document.net_worth.accounts.iter().map(|p| (&p.account.id, &p.account)).collect();
    out.push(Block::Table(Table {
        header: vec![w.account.into(), w.shares_at_end.into()],
        rows: view.shares.iter().filter_map(|s| Some(vec![account_name(names.get(&s.account)?), exact_percent(&s.percent, locale)])).collect(),
    }));
    out
}

/// The owner table (and its chart): each owner's net worth, directly and through which entities.
fn owner_blocks(document: &OverviewDocument, charts: Option<&Charts>, locale: Locale) -> Vec<Block> {
    if document.by_owner.is_empty() {
        return Vec::new();
    }
    let w = words(locale);
    let base = document.base_currency.as_str();
    let roles: std::collections::HashMap<&OwnerId, OwnerRole> = document.by_owner.iter().map(|o| (&o.owner, o.role)).collect();
    let label = |owner: &OwnerId| roles.get(owner).map_or_else(|| owner.to_string(), |r| owner_label(*r, owner, locale));
    let mut out = vec![Block::Heading(2, w.by_owner.into())];
    out.push(Block::Table(Table {
        header: vec![w.owner.into(), w.net_worth.into(), w.direct.into(), w.through.into()],
        rows: document
            .by_owner
            .iter()
            .map(|o| {
                let through: Vec<String> =
                    o.through.iter().map(|t| format!("{} {} {}: {}", exact_percent(&t.percent, locale), w.of, label(&t.entity), money(&t.amount, base, locale))).collect();
                vec![label(&o.owner), money(&o.net_worth, base, locale), money(&o.direct, base, locale), if through.is_empty() { "—".into() } else { through.join("; ") }]
            })
            .collect(),
    }));
    if let Some(owners) = charts.and_then(|c| c.owners.as_ref()) {
        out.push(Block::Chart(w.by_owner.into(), owners.clone()));
    }
    out
}

fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), markdown_cell(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{text}\n");
            }
            Block::Table(table) => {
                let _ = writeln!(out, "| {} |", table.header.iter().map(|h| markdown_cell(h)).collect::<Vec<_>>().join(" | "));
                let _ = writeln!(out, "|{}", " --- |".repeat(table.header.len()));
                for row in &table.rows {
                    let _ = writeln!(out, "| {} |", row.iter().map(|c| markdown_cell(c)).collect::<Vec<_>>().join(" | "));
                }
                out.push('\n');
            }
            Block::Chart(title, svg) => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(svg);
                let _ = writeln!(out, "![{}](data:image/svg+xml;base64,{encoded})\n", markdown_cell(title));
            }
        }
    }
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn to_html(blocks: &[Block], locale: Locale, title: &str) -> String {
    let lang = match locale {
        Locale::En => "en",
        Locale::Fr => "fr",
    };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2937}}\
         table{{border-collapse:collapse;margin:0.5rem 0 1.5rem;width:100%}}th,td{{border-bottom:1px solid #e5e7eb;padding:0.3rem 0.5rem;text-align:left}}\
         td:not(:first-child){{font-variant-numeric:tabular-nums}}figure{{margin:1rem 0}}svg{{max-width:100%;height:auto}}</style></head><body>\n",
        escape_html(title)
    );
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", escape_html(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape_html(text));
            }
            Block::Table(table) => {
                out.push_str("<table><thead><tr>");
                for cell in &table.header {
                    let _ = write!(out, "<th>{}</th>", escape_html(cell));
                }
                out.push_str("</tr></thead><tbody>");
                for row in &table.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", escape_html(cell));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Chart(title, svg) => {
                let _ = writeln!(out, "<figure aria-label=\"{}\">{svg}</figure>", escape_html(title));
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// The Markdown kept in the knowledge space (no charts: they are drawn from the JSON when shown).
pub fn markdown(document: &OverviewDocument, locale: Locale) -> String {
    to_markdown(&blocks(&redacted(document), None, locale))
}

/// The advisor report: redacted, with charts, self-contained.
pub fn report(document: &OverviewDocument, format: Format, locale: Locale) -> Result<String> {
    let document = redacted(document);
    let charts = charts::render(&document, locale, Theme::Light)?;
    let blocks = blocks(&document, Some(&charts), locale);
    Ok(match format {
        Format::Markdown => to_markdown(&blocks),
        Format::Html => to_html(&blocks, locale, &format!("{} {} → {}", words(locale).title, document.period.start, document.period.end)),
    })
}
