// A minimal streaming XML tokenizer for the parts of an .xlsx: elements, attributes, text.
// No DTD: a DOCTYPE is refused, so no entity can expand; only the five predefined entities and
// character references are decoded. Element names are given without their namespace prefix.

export class XmlError extends Error {}

export interface XmlHandler {
  /** Text is decoded and passed on only while this is true. */
  readonly wantText: boolean;
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** A token (tag or text) may not span more than this: a cell holds at most 32,767 characters. */
const MAX_PENDING = 4 * 1024 * 1024;

const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The index of the '>' ending a tag (quoted attribute values may hold one), or -1. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x3e /* > */) return i;
    else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3c /* < */) throw new XmlError(`XML 格式错误：${s.slice(from - 1, from + 40)}`);
  }
  return -1;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function entity(_match: string, body: string): string {
  switch (body) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
  }
  throw new XmlError(`XML 中有未定义的实体 &${body.slice(0, 20)};`);
}

export function decodeXmlText(raw: string): string {
  return raw.includes('&') ? raw.replace(ENTITY, entity) : raw;
}

/** The attributes of a tag (its text after the name) by local name, values decoded. */
export function parseAttributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (attrs === '') return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m !== null; m = ATTR.exec(attrs)) {
    out[localName(m[1] ?? '')] = decodeXmlText(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** One attribute of a tag by local name (faster than parseAttributes for the sheet's cells). */
export function attribute(attrs: string, name: string): string | undefined {
  const needle = `${name}="`;
  for (let i = attrs.indexOf(needle); i >= 0; i = attrs.indexOf(needle, i + 1)) {
    const before = attrs.charCodeAt(i - 1);
    if (before !== 0x20 && before !== 0x3a && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
    const end = attrs.indexOf('"', i + needle.length);
    if (end < 0) return undefined;
    return decodeXmlText(attrs.slice(i + needle.length, end));
  }
  // Single quotes or spaces around "=": rare, read the slow way.
  return attrs.includes("'") || attrs.includes('= ') || attrs.includes(' =')
    ? parseAttributes(attrs)[name]
    : undefined;
}

export class XmlTokenizer {
  private pending = '';
  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.pending === '' ? chunk : this.pending + chunk;
    const h = this.handler;
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) break; // text may go on in the next chunk (an entity may be split)
      if (lt > pos && h.wantText) h.text(decodeXmlText(s.slice(pos, lt)));
      pos = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const end = this.special(s, lt);
        if (end < 0) break;
        pos = end;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt < 0) break; // the tag goes on in the next chunk
      pos = gt + 1;
      const closing = next === 0x2f; /* / */
      let nameEnd = closing ? lt + 2 : lt + 1;
      const nameStart = nameEnd;
      for (; nameEnd < gt; nameEnd++) {
        const c = s.charCodeAt(nameEnd);
        if (c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d) break;
      }
      if (nameEnd === nameStart) throw new XmlError(`XML 格式错误：${s.slice(lt, lt + 40)}`);
      const name = localName(s.slice(nameStart, nameEnd));
      if (closing) {
        h.close(name);
        continue;
      }
      const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
      h.open(name, nameEnd < gt ? s.slice(nameEnd, selfClosing ? gt - 1 : gt) : '', selfClosing);
      if (selfClosing) h.close(name);
    }
    this.pending = pos < n ? s.slice(pos) : '';
    if (this.pending.length > MAX_PENDING) throw new XmlError('XML 中有过长的文本或标签');
  }

  /** Comments, CDATA, processing instructions; the end of the construct, or -1 when incomplete. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.handler.wantText) this.handler.text(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.startsWith('<?', lt)) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (s.length - lt < 9) return -1;
    // <!DOCTYPE …> could declare entities; a workbook never has one.
    throw new XmlError('XML 中不允许 DOCTYPE 声明');
  }

  end(): void {
    if (this.pending.trim() !== '') throw new XmlError('XML 在标签中途结束，文件不完整');
    this.pending = '';
  }
}

/** Feeds a stream of bytes (UTF-8) through a tokenizer. */
export async function tokenize(bytes: AsyncIterable<Buffer>, handler: XmlHandler): Promise<void> {
  for await (const chunk of tokenizeChunks(bytes, handler)) void chunk;
}

/** Like tokenize, yielding after each chunk so that a consumer can take what the handler gathered. */
export async function* tokenizeChunks(
  bytes: AsyncIterable<Buffer>,
  handler: XmlHandler,
): AsyncGenerator<void> {
  const decoder = new TextDecoder('utf-8');
  const tokenizer = new XmlTokenizer(handler);
  for await (const chunk of bytes) {
    tokenizer.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  tokenizer.write(decoder.decode());
  tokenizer.end();
  yield;
}
