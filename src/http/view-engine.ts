/**
 * The Express view engine: Handlebars with a layout and partials, as express-handlebars renders
 * them (`{{{body}}}` in layouts/main.hbs, partials named by their path under partials/), but with
 * every template compiled once and the partials registered once. express-handlebars resolved and
 * awaited every partial again on each render: a sixth of a signed-in page's time.
 * With `cache` off (development) templates and partials are read again on every render, so an
 * edited template shows at the next reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

export interface ViewEngineOptions {
  layoutsDir: string;
  partialsDir: string;
  defaultLayout: string;
  helpers: Record<string, Handlebars.HelperDelegate>;
}

type Template = Handlebars.TemplateDelegate;
type Callback = (err: Error | null, html?: string) => void;

function partialFiles(dir: string, prefix = ''): Array<{ name: string; file: string }> {
  const out: Array<{ name: string; file: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...partialFiles(file, `${prefix}${entry.name}/`));
    else if (entry.name.endsWith('.hbs')) out.push({ name: prefix + entry.name.slice(0, -4), file });
  }
  return out;
}

export function viewEngine(opts: ViewEngineOptions) {
  let hbs: typeof Handlebars | null = null;
  const compiled = new Map<string, Template>();
  const instance = (cache: boolean) => {
    if (hbs && cache) return hbs;
    hbs = Handlebars.create();
    hbs.registerHelper(opts.helpers);
    for (const p of partialFiles(opts.partialsDir)) hbs.registerPartial(p.name, hbs.compile(fs.readFileSync(p.file, 'utf8')));
    compiled.clear();
    return hbs;
  };
  const template = (file: string, cache: boolean): Template => {
    const h = instance(cache);
    let t = cache ? compiled.get(file) : undefined;
    if (!t) {
      t = h.compile(fs.readFileSync(file, 'utf8'));
      compiled.set(file, t);
    }
    return t;
  };
  const engine = (file: string, options: object, callback: Callback): void => {
    try {
      const model = options as Record<string, unknown> & { cache?: boolean; layout?: string | false; prerendered?: string };
      // Express sets `cache` from the app's 'view cache' setting (on outside development).
      const cache = model.cache === true;
      // A page body rendered earlier (renderBody, kept by the caller) goes into the layout as it is.
      const body = typeof model.prerendered === 'string' ? model.prerendered : template(file, cache)(model);
      const layout = model.layout === undefined ? opts.defaultLayout : model.layout;
      callback(null, layout ? template(path.join(opts.layoutsDir, `${layout}.hbs`), cache)({ ...model, body }) : body);
    } catch (err) {
      callback(err as Error);
    }
  };
  /** A page's body without the layout, synchronously (for a page kept by a read cache). */
  const renderBody = (file: string, model: object, cache: boolean): string => template(file, cache)(model);
  return Object.assign(engine, { renderBody });
}
