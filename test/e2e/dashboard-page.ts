// Helpers of the browser tests: a Chromium for the file, pages logged in as the e2e student, and
// the errors those pages threw (each test should end with none).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { inject } from 'vitest';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';

/** The bearer token of the e2e student's kubeconfig. */
export const studentToken = (): string => parse(readFileSync(inject('kubeconfig'), 'utf8')).users[0].user.token;

/** One Chromium for a test file, and the pages it opened. */
export class Dashboard {
  private browser?: Awaited<ReturnType<typeof launchChromium>>;
  /** Errors thrown by the pages' scripts since the last `takeErrors`. */
  private errors: string[] = [];

  async start(): Promise<void> {
    this.browser = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }

  /** A new page at `path` (a route such as `/ns/default/workloads`), logged in through the signed link. */
  async open(path?: string, opts: { viewport?: { width: number; height: number }; dark?: boolean; token?: string } = {}): Promise<Page> {
    const page = await this.browser!.context.newPage();
    page.on('pageerror', (e) => this.errors.push(`${e.message}\n${e.stack}`));
    if (opts.viewport) await page.setViewportSize(opts.viewport);
    if (opts.dark) await page.emulateMedia({ colorScheme: 'dark' });
    const hash = path === undefined ? '' : `#token=${opts.token ?? studentToken()}${path ? `&${path}` : ''}`;
    await page.goto(`${inject('serverUrl')}/${hash}`);
    return page;
  }

  /** The errors collected so far (and forget them). */
  takeErrors(): string[] {
    return this.errors.splice(0);
  }
}

/** A call to the classroom API with the e2e admin token; resolves with the status and JSON body. */
export function adminApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${inject('serverUrl')}/admin/v1${path}`, { method, ca: inject('caPem'), headers: { Authorization: `Bearer ${inject('adminToken')}`, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
