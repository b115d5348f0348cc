/** Frictionless Data Package (v2) descriptor built from the table schemas. */
import { columnMetaOf, columnNames, type AnyTable } from '../../schemas/table.ts';
import type { Dataset } from '../../schemas/datasets.ts';

export interface ResourceInput {
  def: AnyTable;
  meta: Dataset | undefined;
  bytes: number;
  sha256: string;
  rows: number;
  /** Undefined when not known (a shallow clone): then no lastModified. */
  lastChange: string | undefined;
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
  const schema: Record<string, unknown> = { fields, missingValues: [''], primaryKey: [...def.primaryKey] };
  if (def.foreignKeys.length > 0) {
    schema.foreignKeys = def.foreignKeys.map((fk) => ({ fields: [fk.column], reference: { resource: fk.table, fields: [fk.tableColumn] } }));
  }
  return schema;
}

export function dataPackage(p: PackageInput): Record<string, unknown> {
  const licences = new Map<string, string | undefined>();
  for (const r of p.resources) if (r.meta) licences.set(r.meta.licence, r.meta.licence_url);
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
    resources: p.resources.map((r) => ({
      name: r.def.name,
      path: `${r.def.name}.csv`,
      type: 'table',
      title: r.meta?.title ?? r.def.name,
      description: r.meta?.description ?? '',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes: r.bytes,
      hash: `sha256:${r.sha256}`,
      dialect: { header: true, delimiter: ',', quoteChar: '"', doubleQuote: true },
      schema: tableSchema(r.def),
      licenses: r.meta ? [{ name: r.meta.licence, ...(r.meta.licence_url ? { path: r.meta.licence_url } : {}) }] : undefined,
      sources: r.meta?.source ? [{ title: r.meta.source }] : undefined,
      // Not part of the standard: whether the rows are illustrative samples, and their count.
      sample: r.meta?.sample ?? false,
      rows: r.rows,
      lastModified: r.lastChange,
    })),
  };
}
