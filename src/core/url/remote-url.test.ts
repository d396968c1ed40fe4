import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../errors';
import {
  connectOrigin,
  parseRemoteUrl,
  policyAllowsConnect,
  policyWithConnect,
  workerConnectOrigin,
} from './remote-url';

describe('connectOrigin: the origin a worker script request may name', () => {
  const cases: { value: string | null; want: string | null }[] = [
    { value: 'http://127.0.0.1:4310', want: 'http://127.0.0.1:4310' },
    { value: 'https://data.example.org', want: 'https://data.example.org' },
    { value: 'https://xn--bcher-kva.example', want: 'https://xn--bcher-kva.example' },
    { value: 'http://[::1]:8080', want: 'http://[::1]:8080' },
    { value: null, want: null },
    { value: '', want: null },
    { value: 'https://data.example.org/', want: null },
    { value: 'https://data.example.org/file.parquet', want: null },
    { value: 'https://data.example.org?x=1', want: null },
    { value: 'HTTPS://DATA.EXAMPLE.ORG', want: null },
    { value: 'https://data.example.org:443', want: null },
    { value: 'https://user@data.example.org', want: null },
    { value: 'ftp://data.example.org', want: null },
    { value: 'javascript:alert(1)', want: null },
    { value: 'https://a.example; script-src *', want: null },
    { value: "https://a.example'", want: null },
    { value: 'https://a.example https://b.example', want: null },
    { value: 'https://*.example.org', want: null },
    { value: '*', want: null },
    { value: "'self'", want: null },
    { value: 'https://a.example:99999', want: null },
    { value: 'https://-a.example', want: null },
    { value: `https://${'a'.repeat(400)}.example`, want: null },
  ];
  it.each(cases)('$value -> $want', ({ value, want }) => {
    expect(connectOrigin(value)).toBe(want);
  });
});

describe('workerConnectOrigin: which requests get a policy with another origin', () => {
  const origin = 'http://127.0.0.1:4310';
  const q = encodeURIComponent(origin);
  const cases: { url: string | undefined; want: string | null }[] = [
    { url: `/assets/parquet.worker-Ab12_-x.js?connect=${q}`, want: origin },
    { url: `/assets/parquet.worker-Ab12.js?connect=${origin}`, want: origin },
    { url: '/assets/parquet.worker-Ab12.js', want: null },
    // A URL file's vector workers read its embedding column by range too.
    { url: `/assets/vector.worker-Cd34.js?connect=${q}`, want: origin },
    { url: `/assets/index-Cd34.js?connect=${q}`, want: null },
    { url: `/assets/parquet.worker-Ab12.js?connect=${q}&connect=${q}`, want: null },
    { url: `/assets/parquet.worker-Ab12.js?connect=${q}%2F`, want: null },
    {
      url: `/assets/parquet.worker-Ab12.js?connect=${encodeURIComponent(`${origin}; script-src *`)}`,
      want: null,
    },
    { url: `/assets/umap.worker-Ab12.js?connect=${q}`, want: null },
    { url: `/index.html?connect=${q}`, want: null },
    { url: `/?connect=${q}`, want: null },
    { url: `/assets/../assets/parquet.worker-Ab12.js?connect=${q}`, want: origin },
    { url: `/assets/parquet.worker-Ab12.js/x?connect=${q}`, want: null },
    { url: `//evil.example/assets/parquet.worker-Ab12.js?connect=${q}`, want: null },
    { url: `http://evil.example/assets/parquet.worker-Ab12.js?connect=${q}`, want: null },
    { url: undefined, want: null },
  ];
  it.each(cases)('$url -> $want', ({ url, want }) => {
    expect(workerConnectOrigin(url)).toBe(want);
  });
});

describe('parseRemoteUrl', () => {
  const good: { text: string; url: string; origin: string; host: string; fileName: string }[] = [
    {
      text: ' https://data.example.org/stores/experiences.parquet ',
      url: 'https://data.example.org/stores/experiences.parquet',
      origin: 'https://data.example.org',
      host: 'data.example.org',
      fileName: 'experiences.parquet',
    },
    {
      text: 'http://127.0.0.1:4310/a%20b.parquet?sig=1#frag',
      url: 'http://127.0.0.1:4310/a%20b.parquet?sig=1',
      origin: 'http://127.0.0.1:4310',
      host: '127.0.0.1:4310',
      fileName: 'a b.parquet',
    },
    {
      text: 'https://Data.Example.ORG',
      url: 'https://data.example.org/',
      origin: 'https://data.example.org',
      host: 'data.example.org',
      fileName: 'data.example.org',
    },
  ];
  it.each(good)('$text', ({ text, ...want }) => {
    expect(parseRemoteUrl(text)).toEqual(want);
  });

  const bad: { text: string; says: string }[] = [
    { text: '', says: 'Type the address' },
    { text: 'not a url', says: 'is not a URL' },
    { text: 'file:///etc/passwd', says: 'not file:' },
    { text: 'ftp://example.org/x.parquet', says: 'not ftp:' },
    { text: 'https://me:secret@example.org/x.parquet', says: 'user name or password' },
  ];
  it.each(bad)('refuses $text', ({ text, says }) => {
    let caught: unknown;
    try {
      parseRemoteUrl(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MemscopeError);
    expect((caught as MemscopeError).code).toBe('invalid-input');
    expect((caught as MemscopeError).message).toContain(says);
    expect((caught as MemscopeError).hint).toContain('http');
  });
});

describe('worker policies', () => {
  const base = "default-src 'self'; connect-src 'self' blob: data:; frame-ancestors 'none'";
  it('adds the origin to connect-src only', () => {
    expect(policyWithConnect(base, 'https://a.example')).toBe(
      "default-src 'self'; connect-src 'self' blob: data: https://a.example; frame-ancestors 'none'",
    );
    expect(policyWithConnect("default-src 'self'", 'https://a.example')).toBe("default-src 'self'");
  });

  const allows: { policy: string | null; origin: string; want: boolean }[] = [
    { policy: null, origin: 'https://a.example', want: true },
    { policy: '', origin: 'https://a.example', want: true },
    { policy: base, origin: 'https://a.example', want: false },
    { policy: policyWithConnect(base, 'https://a.example'), origin: 'https://a.example', want: true },
    { policy: policyWithConnect(base, 'https://a.example'), origin: 'https://b.example', want: false },
    { policy: "default-src 'self' https://a.example", origin: 'https://a.example', want: true },
    { policy: "default-src 'self'", origin: 'https://a.example', want: false },
    { policy: "script-src 'self'", origin: 'https://a.example', want: true },
    { policy: 'connect-src *', origin: 'https://a.example', want: true },
    {
      policy: `${policyWithConnect(base, 'https://a.example')}, ${base}`,
      origin: 'https://a.example',
      want: false,
    },
  ];
  it.each(allows)('$policy allows $origin: $want', ({ policy, origin, want }) => {
    expect(policyAllowsConnect(policy, origin)).toBe(want);
  });
});
