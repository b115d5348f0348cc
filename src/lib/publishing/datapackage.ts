/** Frictionless Data Package (v2) descriptor of the published tables (src/lib/publishing/published.ts). */
import { columnMetaOf, columnNames, type AnyTable, type ForeignKey } from '../../schemas/table.ts';
import type { PackageEntry, PublishedTable } from './published.ts';

/** A table in the package, with the SHA-256 of its plain CSV (hashing is the build's). */
export interface ResourceInput {
  table: PublishedTable & { package: PackageEntry };
  sha256: string;
}

export interface PackageInput {
  name: string;
  title: string;
  description: string;
  homepage: string;
  created: string;
  resources: ResourceInput[];
  /** The git commit the data were built from (HEAD), when the history is known. */
  commit?: { id: string; date: string } | undefined;
}

/**
 * A column pattern as Table Schema wants it: an XML Schema regular expression, which always
 * matches the whole value (no ^ and $; no (?: groups; \d only as [0-9], since XML Schema's \d
 * takes any Unicode digit). A JavaScript pattern open at its end (like ^https?://) gets .* so that
 * whole-value matching gives the answer our validator gives.
 */
export function xsdPattern(js: string): string {
  let p = js;
  if (p.startsWith('^')) p = p.slice(1);
  if (p.endsWith('$') && !p.endsWith('\\$')) p = p.slice(0, -1);
  else p = `${p}.*`;
  return p.replace(/\(\?:/g, '(').replace(/\\d/g, '[0-9]');
}

/** RFC 3339 date-time of a build date (midnight, China Standard Time). */
export function createdDateTime(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The Table Schema of a table of data/: every constraint its schema knows. */
export function tableSchema(def: AnyTable): Record<string, unknown> {
  const fields = columnNames(def).map((name) => {
    const m = columnMetaOf(def, name)!;
    const constraints: Record<string, unknown> = {};
    if (m.required) constraints.required = true;
    if (m.enum && !m.list) constraints.enum = m.enum;
    // Patterns apply to strings only: a date field's type and format already say what it holds.
    if (m.pattern && m.type === 'string' && !m.list) constraints.pattern = xsdPattern(m.pattern);
    if (m.minimum !== undefined) constraints.minimum = m.minimum;
    if (m.maximum !== undefined) constraints.maximum = m.maximum;
    const field: Record<string, unknown> = { name, title: m.title, description: m.description };
    if (m.list) {
      Object.assign(field, { type: 'list', delimiter: ';', itemType: 'string' });
      if (m.enum) field.description = `${m.description} 允许的值：${m.enum.join('、')}`;
    } else {
      field.type = m.type === 'array' ? 'string' : m.type;
    }
    if (m.format) field.format = m.format;
    if (m.unit) field.unit = m.unit;
    if (Object.keys(constraints).length > 0) field.constraints = constraints;
    return field;
  });
  return keyedSchema(fields, def.primaryKey, def.foreignKeys);
}

function keyedSchema(fields: unknown[], primaryKey: readonly string[], foreignKeys: readonly ForeignKey[]): Record<string, unknown> {
  const schema: Record<string, unknown> = { fields, missingValues: [''], primaryKey: [...primaryKey] };
  if (foreignKeys.length > 0) {
    schema.foreignKeys = foreignKeys.map((fk) => ({ fields: [fk.column], reference: { resource: fk.table, fields: [fk.tableColumn] } }));
  }
  return schema;
}

/** One table's entry: where and what the file is, its schema, and what the package says beyond the standard. */
export function resource({ table: t, sha256 }: ResourceInput): Record<string, unknown> {
  const p = t.package;
  const head = {
    name: t.name,
    path: `${t.name}.csv`,
    type: 'table',
    title: p.kind === 'source' ? (p.meta?.title ?? t.name) : p.title,
    description: p.kind === 'source' ? (p.meta?.description ?? '') : p.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes: t.csv.length,
    hash: `sha256:${sha256}`,
    dialect: { header: true, delimiter: ',', quoteChar: '"', doubleQuote: true },
  };
  if (p.kind === 'derived') {
    const fields = t.columns.map((c) => ({ name: c.name, title: c.title, description: c.description, type: c.type }));
    return {
      ...head,
      schema: keyedSchema(fields, p.primaryKey, p.foreignKeys),
      derived: true,
      sources: p.sources.map((title) => ({ title })),
      rows: t.records.length,
    };
  }
  const { meta } = p;
  return {
    ...head,
    schema: tableSchema(p.def),
    licenses: meta ? [{ name: meta.licence, ...(meta.licence_url ? { path: meta.licence_url } : {}) }] : undefined,
    sources: meta?.source ? [{ title: meta.source }] : undefined,
    // Not part of the standard: whether the rows are illustrative samples, and their count.
    sample: meta?.sample ?? false,
    rows: t.records.length,
    lastModified: p.lastChange,
  };
}

export function dataPackage(p: PackageInput): Record<string, unknown> {
  const licences = new Map<string, string | undefined>();
  for (const { table } of p.resources)
    if (table.package.kind === 'source' && table.package.meta) licences.set(table.package.meta.licence, table.package.meta.licence_url);
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: p.name,
    title: p.title,
    description: p.description,
    homepage: p.homepage,
    created: createdDateTime(p.created),
    // Not part of the standard: the commit of the data repository this package was built from.
    ...(p.commit ? { commit: { id: p.commit.id, date: p.commit.date } } : {}),
    licenses: [...licences].map(([name, path]) => (path ? { name, path } : { name })),
    sources: [{ title: '江阴市顾山镇人民政府《顾山镇2017年生态文明建设实施方案》（2017年9月25日）' }],
    resources: p.resources.map(resource),
  };
}
