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
type Callback = (err: Error | null, html?: string | Buffer) => void;

/** Where a prerendered body goes in the layout (then replaced by its bytes). */
const BODY_MARK = '\u0000dana-rt-body\u0000';

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
  const layoutTemplate = (layout: string, cache: boolean) => template(path.join(opts.layoutsDir, `${layout}.hbs`), cache);
  const engine = (file: string, options: object, callback: Callback): void => {
    try {
      const model = options as Record<string, unknown> & { cache?: boolean; layout?: string | false; prerendered?: Buffer };
      // Express sets `cache` from the app's 'view cache' setting (on outside development).
      const cache = model.cache === true;
      const layout = model.layout === undefined ? opts.defaultLayout : model.layout;
      if (Buffer.isBuffer(model.prerendered)) {
        // A page body rendered earlier (renderBody, kept encoded by the caller) goes into the
        // layout as bytes: a report of 60 KB is not encoded again on every request. The caller
        // sets the content type (Express sends a Buffer as it is).
        if (!layout) return callback(null, model.prerendered);
        const [head, tail] = layoutTemplate(layout, cache)({ ...model, body: BODY_MARK }).split(BODY_MARK) as [string, string];
        return callback(null, Buffer.concat([Buffer.from(head), model.prerendered, Buffer.from(tail)]));
      }
      const body = template(file, cache)(model);
      callback(null, layout ? layoutTemplate(layout, cache)({ ...model, body }) : body);
    } catch (err) {
      callback(err as Error);
    }
  };
  /** A page's body without the layout, synchronously and encoded (for a page kept by a read cache). */
  const renderBody = (file: string, model: object, cache: boolean): Buffer => Buffer.from(template(file, cache)(model));
  return Object.assign(engine, { renderBody });
}
